"""Demonstration settlements, through the services: the billing demo calls :func:`build_settlements` once
the closed London sale is invoiced and some of its invoices are paid.

- an advance given to the consignor of the sale's first consignment, deducted by its settlement;
- the sale's settlements, approved: those whose buyers have not paid are held for that, all wait for the
  settlement period, and one consignor's KYC is left unverified (held for it);
- two private sales agreed weeks ago, their invoices issued and paid in full, their consignors settled:
  one is paid in a payment run marked sent, the other is due.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from parure.auctions import queries as auctions
from parure.auctions.choices import SaleStatus
from parure.billing.choices import InvoiceStatus, Jurisdiction
from parure.billing.errors import BillingError
from parure.billing.models import Invoice, Settlement
from parure.billing.services import invoices as invoicing
from parure.billing.services import payments, private_sales
from parure.billing.services import settlements as services
from parure.clients import queries as client_book
from parure.clients.errors import ClientError
from parure.clients.services import compliance
from parure.core.choices import Role
from parure.core.models import Staff
from parure.inventory import queries as inventory

#: Payout accounts the demonstration's consignors are paid into (IBANs that pass the mod-97 check).
IBANS = ("GB29NWBK60161331926819", "GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606")
#: How many days before today the demonstration's private sales were agreed.
PRIVATE_SALES = ((60, "18500", "12.5"), (45, "9200", "10"))


def _say_none(line: str) -> None:
    del line


def _ready(client_id: int, *, by: Staff, jurisdiction: str, iban: str) -> bool:
    """The consignor's KYC verified, the tax form the jurisdiction asks for and a payout account on file."""
    party = client_book.billing_party(client_id)
    client = client_book.client_detail(party.number).first()
    if client is None:
        return False
    today = date.today()
    try:
        compliance.kyc_record(client=client, by=by, status="verified", document="passport",
                              document_expires_on=today + timedelta(days=3 * 365), verified_on=today,
                              proof_of_address_on=today - timedelta(days=20))  # fmt: skip
        if jurisdiction == Jurisdiction.US:
            compliance.tax_form_record(client=client, by=by, tax_form="w9", received_on=today)
        compliance.payout_account_record(client=client, by=by, name=party.name[:70], iban=iban)
    except ClientError:
        return False
    return True


def build_settlements(say: Callable[[str], None] = _say_none, *, sale: Any = None) -> None:
    """Build the demonstration's settlements for ``sale`` (by default the latest closed London sale)."""
    finance = Staff.objects.filter(role=Role.FINANCE, is_active=True).order_by("pk").first()
    if sale is None:
        sale = (
            auctions.sales().filter(code__startswith="LN-J-", status=SaleStatus.CLOSED).order_by("-starts_at").first()
        )
    if finance is None or sale is None:
        say("  settlements: no finance staff or no closed London sale; none built")
        return
    if Settlement.objects.filter(sale_id=sale.pk).exists():
        say(f"  settlements: {sale.code} is settled already; left as it is")
        return
    office = sale.office
    rules = services.office_settings(office)
    groups = services.sale_lots_by_consignment(sale)
    if not groups:
        say(f"  settlements: {sale.code} has no consigned lot")
        return
    first = sorted(groups)[0]
    before_sale = min(services.sale_day(sale), invoicing.office_today(office)) - timedelta(days=10)
    advance = services.advance_record(consignment_number=inventory.consignment_number_of(first), amount="500.00",
                                      paid_on=before_sale, reference="ADV-DEMO-0001", by=finance)  # fmt: skip
    made = services.settlements_from_sale(sale=sale, by=finance)
    for settlement in made:
        services.settlement_approve(settlement=settlement, by=finance)
    consignors = sorted({settlement.consignor_id for settlement in made})
    held_for_kyc = consignors[-1] if len(consignors) > 1 else None
    for index, consignor_id in enumerate(consignors):
        if consignor_id != held_for_kyc:
            _ready(consignor_id, by=finance, jurisdiction=rules.jurisdiction, iban=IBANS[index % len(IBANS)])
    buyer = (
        Invoice.objects.filter(sale_id=sale.pk, status=InvoiceStatus.ISSUED).order_by("pk").values_list("buyer_id",
                                                                                                       flat=True).first()
    )  # fmt: skip
    pieces = inventory.consigned_pieces_free_to_sell(office, limit=len(PRIVATE_SALES))
    private = []
    if buyer is not None:
        buyer_number = client_book.billing_party(buyer).number
        today = invoicing.office_today(office)
        for piece, (days, price, rate) in zip(pieces, PRIVATE_SALES, strict=False):
            if piece.consignment is None or piece.consignment.consignor_id == buyer:
                continue
            sale_record = private_sales.private_sale_create(
                stock_number=piece.stock_number, buyer_number=buyer_number, price=price, commission_rate=rate,
                agreed_on=today - timedelta(days=days), by=finance,
            )  # fmt: skip
            assert sale_record.invoice is not None
            invoice = invoicing.invoice_issue(invoice=sale_record.invoice, by=finance)
            payments.payment_record(invoice=invoice, method="wire", amount=invoice.total, currency=invoice.currency,
                                    received_on=today, reference=f"WIRE-{sale_record.number}", by=finance)  # fmt: skip
            settlement = services.settlement_for_private_sale(private_sale=sale_record, by=finance)
            services.settlement_approve(settlement=settlement, by=finance)
            _ready(settlement.consignor_id, by=finance, jurisdiction=rules.jurisdiction, iban=IBANS[-1])
            private.append(settlement)
    run = None
    if private:
        try:
            run = services.payment_run_create(office=office, settlement_numbers=[private[0].number], by=finance)
            services.payment_run_mark_sent(run=run, by=finance)
        except BillingError as refusal:
            say(f"  settlements: the demonstration's payment run was refused: {refusal.message}")
            run = None
    states = services.states_of(list(Settlement.objects.select_related("office", "private_sale",
                                                                        "private_sale__invoice").filter(
        pk__in=[s.pk for s in (*made, *private)])))  # fmt: skip
    standings: dict[str, int] = {}
    for state in states.values():
        standings[state.standing] = standings.get(state.standing, 0) + 1
    summary = ", ".join(f"{count} {standing.replace('_', ' ')}" for standing, count in sorted(standings.items()))
    say(
        f"  settlements for {sale.code} and {len(private)} private sale{'s' if len(private) != 1 else ''}: "
        f"{summary}; advance of {advance.money().format(office.locale)} deducted"
        + (f"; payment run {run.number} sent" if run is not None else "")
    )
