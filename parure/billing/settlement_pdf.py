"""The consignor's settlement statement (WeasyPrint, on the house letterhead, as the inventory's receipts):
the consignor, the consignment and the sale, each lot's hammer, commission, each fee, the VAT on them,
the advances, the net, and — while it may not be paid — each hold's sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from parure.billing.models import Settlement, SettlementLine
from parure.billing.services.settlements import SettlementState, long_date
from parure.billing.settlement_choices import SettlementLineKind
from parure.clients import queries as client_book
from parure.core.money import Money
from parure.inventory.pdf import render


@dataclass
class LotBlock:
    label: str
    stock_numbers: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (description, amount as printed)
    net: str = ""


def statement_rows(settlement: Settlement, lines: list[SettlementLine]) -> list[LotBlock]:
    """The statement's lots in order, each with its lines and its net, amounts formatted for the office."""
    locale = settlement.office.locale
    blocks: dict[tuple[str, str], LotBlock] = {}
    totals: dict[tuple[str, str], Money] = {}
    for line in lines:
        key = (line.lot_label, line.stock_numbers)
        block = blocks.setdefault(key, LotBlock(line.lot_label, line.stock_numbers))
        block.lines.append((line.description, settlement.money(line.amount).format(locale)))
        totals[key] = settlement.money(line.amount) + totals.get(key, settlement.money(Decimal(0)))
    for key, block in blocks.items():
        block.net = totals[key].format(locale)
    return list(blocks.values())


def statement_pdf(state: SettlementState) -> bytes:
    settlement = state.settlement
    lines = list(settlement.lines.order_by("position"))
    party = client_book.billing_party(settlement.consignor_id)
    locale = settlement.office.locale

    def money(amount: Decimal) -> str:
        return settlement.money(amount).format(locale)

    return render(
        "billing/pdf/settlement_statement.html",
        {
            "office": settlement.office,
            "settlement": settlement,
            "party": party,
            "lots": statement_rows(settlement, lines),
            "kinds": SettlementLineKind,
            "hammer": money(settlement.hammer_total),
            "commission": money(-settlement.commission_total),
            "fees": money(-settlement.fees_total),
            "tax": money(-settlement.tax_total),
            "advances": money(-settlement.advances_total),
            "net": money(settlement.net_total),
            "state": state,
            "payable_from": long_date(state.payable_from),
            "account": state.payout.masked_iban if state.payout is not None else "",
        },
    )
