"""The demonstration's settlements, built through the services on a clerked, invoiced sale with one
buyer's invoice paid: settlements held (a buyer not paid, the period, one consignor's KYC), an advance
deducted, and two private sales settled, one paid in a run marked sent and the other due."""

from __future__ import annotations

from typing import Any

import pytest

from parure.billing.demo_settlements import build_settlements
from parure.billing.models import Advance, PaymentRun, PrivateSale, Settlement
from parure.billing.services import invoices as invoicing
from parure.billing.services import payments
from parure.billing.services import settlements as services
from tests.billing import world
from tests.billing.world import ny_today

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


def test_the_demo_builds_settlements_due_held_and_paid(shared: Any, db: Any) -> None:
    day = shared
    day.sale.refresh_from_db()
    from tests.inventory import world as inventory_world

    for title in ("Emerald ring", "Pearl earrings"):
        inventory_world.take_in(day.cast.senior, inventory_world.consignor("Mrs Helena Ruiz"),
                                inventory_world.piece(title))  # fmt: skip
    for draft in invoicing.invoices_from_sale(sale=day.sale, by=day.cast.finance):
        invoice = invoicing.invoice_issue(invoice=draft, by=day.cast.finance)
        if invoice.buyer_id == day.julian.client_id:
            payments.payment_record(invoice=invoice, method="wire", amount=invoice.total, currency="USD",
                                    received_on=ny_today(), reference="FED-1", by=day.cast.finance)  # fmt: skip
    said: list[str] = []
    build_settlements(said.append, sale=day.sale)
    rows = list(Settlement.objects.select_related("office", "private_sale", "private_sale__invoice"))
    states = services.states_of(rows)
    standings = sorted(state.standing for state in states.values())
    assert standings == ["due", "held", "held", "held", "held", "held", "paid"]
    assert PrivateSale.objects.count() == 2
    run = PaymentRun.objects.get()
    assert run.status == "sent" and run.items.count() == 1
    advance = Advance.objects.get()
    assert advance.deducted_in is not None and advance.deducted_in.advances_total == advance.amount
    sentences = {hold.sentence for state in states.values() for hold in state.holds}
    assert "The consignor's KYC is not verified." in sentences
    assert "Payable from 14 April 2027 (the sale plus 35 days)." in sentences
    assert said[-1].startswith("  settlements for NY-J-2703 and 2 private sales: 1 due, 5 held, 1 paid;")
    build_settlements(said.append, sale=day.sale)
    assert said[-1] == "  settlements: NY-J-2703 is settled already; left as it is"
