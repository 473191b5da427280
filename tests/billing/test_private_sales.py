"""Private sales end to end through the services: recorded with the buyer's draft invoice (the agreed
price, the piece named, the sales tax by the rules) and the piece marked sold; the release guard holding
the piece until the invoice is paid; then the consignor settled through the same flow as a sale's and
paid in a run."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from parure.billing.errors import BillingError
from parure.billing.models import Invoice, PrivateSale, Settlement
from parure.billing.release import why_not_released
from parure.billing.services import invoices as invoicing
from parure.billing.services import payments, settlements
from parure.billing.services.private_sales import private_sale_create
from parure.core.numbering import check_digit
from tests.billing import settlement_world, world
from tests.billing.world import ny_today
from tests.inventory import world as inventory_world

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


@pytest.fixture
def day(shared: Any, db: Any) -> Any:
    return shared


def consigned(day: Any, title: str = "Emerald and diamond ring") -> Any:
    return inventory_world.take_in(day.cast.senior, inventory_world.consignor("Mrs Helena Ruiz"),
                                   inventory_world.piece(title))[0]  # fmt: skip


def test_a_private_sale_drafts_the_buyers_invoice_and_marks_the_piece_sold(day: Any) -> None:
    piece = consigned(day)
    sale = private_sale_create(stock_number=piece.stock_number, buyer_number=day.ada.client.number, price="20000",
                               commission_rate="10", by=day.cast.senior)  # fmt: skip
    year = ny_today().year % 100
    assert sale.number == f"NY-PS-{year:02d}-00001-{check_digit(f'NY-PS-{year:02d}-00001')}"
    assert (sale.price, sale.currency, sale.commission_rate, sale.arranged_by) == (
        D("20000"), "USD", D("0.1"), day.cast.senior
    )  # fmt: skip
    invoice = sale.invoice
    assert invoice is not None
    assert (invoice.source, invoice.reference, invoice.status, invoice.sale_id) == ("private_sale", sale.number,
                                                                                     "draft", None)  # fmt: skip
    assert [(line.kind, line.item_id, line.stock_numbers, line.description, line.amount)
            for line in invoice.lines.order_by("position")] == [
        ("price", piece.pk, piece.stock_number, f"Emerald and diamond ring (private sale {sale.number})",
         D("20000.000")),
        ("tax", piece.pk, piece.stock_number, "Sales tax 8.875% on hammer and premium (US-NY-NYC)", D("1775.000")),
    ]  # fmt: skip
    assert invoice.total == D("21775")
    piece.refresh_from_db()
    assert (piece.sale_state, piece.sale_reference) == ("sold", sale.number)


def test_a_private_sale_is_refused_for_a_piece_not_to_be_sold_and_nothing_is_saved(day: Any) -> None:
    piece = consigned(day)
    consignor = piece.consignment.consignor
    lotted = day.lots[0].pieces.first().item
    cases = (
        ({"stock_number": lotted.stock_number}, "stock_number", f"{lotted.stock_number} is sold (NY-J-2703 lot 1)"),
        ({"stock_number": piece.stock_number[:-1] + str((int(piece.stock_number[-1]) + 1) % 10)}, "stock_number",
         "check digit"),
        ({"buyer_number": consignor.number}, "buyer", "The buyer is the piece's consignor"),
        ({"commission_rate": "120"}, "commission_rate", "The commission is a percent between 0 and 100"),
        ({"price": "0"}, "price", "An amount must be more than nothing"),
        ({"agreed_on": ny_today() + timedelta(days=400)}, "agreed_on", "cannot be agreed in the future"),
    )  # fmt: skip
    for changes, field, words in cases:
        arguments = {"stock_number": piece.stock_number, "buyer_number": day.ada.client.number, "price": "20000",
                     "commission_rate": "10", "by": day.cast.finance, **changes}  # fmt: skip
        with pytest.raises(BillingError) as refused:
            private_sale_create(**arguments)
        assert (refused.value.field, words in refused.value.message) == (field, True), refused.value.message
    assert not PrivateSale.objects.exists()
    assert not Invoice.objects.filter(source="private_sale").exists()
    piece.refresh_from_db()
    assert piece.sale_state == "consigned"


def test_end_to_end_invoice_payment_release_and_the_consignor_paid(day: Any) -> None:
    piece = consigned(day)
    sale = private_sale_create(stock_number=piece.stock_number, buyer_number=day.ada.client.number, price="20000",
                               commission_rate="10", by=day.cast.finance)  # fmt: skip
    cause = f"private_sale:{sale.number}"
    assert why_not_released(piece, cause) == (
        f"{piece.stock_number} is sold but not yet invoiced; it leaves once its invoice is paid in full."
    )
    with pytest.raises(BillingError, match=rf"^Private sale {sale.number}: the buyer's invoice is not issued yet\.$"):
        settlements.settlement_for_private_sale(private_sale=sale, by=day.cast.finance)
    invoice = invoicing.invoice_issue(invoice=sale.invoice, by=day.cast.finance)  # type: ignore[arg-type]
    assert why_not_released(piece, cause) == (
        f"Invoice {invoice.number} is not paid in full ($21,775.00 due); {piece.stock_number} may not leave yet."
    )
    with pytest.raises(BillingError, match=r"is not paid in full \(\$21,775\.00 due\)\.$") as unpaid:
        settlements.settlement_for_private_sale(private_sale=sale, by=day.cast.finance)
    assert unpaid.value.code == "not_paid"
    payments.payment_record(invoice=invoice, method="wire", amount="21775.00", currency="USD",
                            received_on=ny_today(), reference="FED-77", by=day.cast.finance)  # fmt: skip
    assert why_not_released(piece, cause) == ""
    settlement = settlements.settlement_for_private_sale(private_sale=sale, by=day.cast.finance)
    assert [(line.kind, line.description, line.amount) for line in settlement.lines.order_by("position")] == [
        ("price", "Emerald and diamond ring", D("20000.000")),
        ("commission", "Commission 10%", D("-2000.000")),
    ]
    assert (settlement.reference, settlement.net_total, settlement.sale_id) == (sale.number, D("18000"), None)
    with pytest.raises(BillingError, match=r"has its settlement already\.$"):
        settlements.settlement_for_private_sale(private_sale=sale, by=day.cast.finance)
    settlements.settlement_approve(settlement=settlement, by=day.cast.finance)
    settlement_world.consignor_ready(settlement.consignor)
    paid_from = ny_today() + timedelta(days=35)
    state = settlements.state_of(settlement, today=ny_today())
    assert [hold.sentence for hold in state.holds] == [
        f"Payable from {paid_from.day} {paid_from:%B %Y} (the private sale plus 35 days)."
    ]
    run = settlements.payment_run_create(office=settlement.office, settlement_numbers=[settlement.number],
                                         by=day.cast.finance, today=paid_from)  # fmt: skip
    settlements.payment_run_mark_sent(run=run, by=day.cast.finance, today=paid_from)
    assert settlements.state_of(Settlement.objects.get(pk=settlement.pk), today=paid_from).standing == "paid"
