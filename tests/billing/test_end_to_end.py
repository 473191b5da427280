"""From a clerked sale to the consignor paid, as the department does it through its pages: finance
invoices the closed sale and takes Julian's wire, logistics releases his ring at the desk with a
witness, finance settles the ring's consignor and pays the settlement in a run marked sent."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings

from parure.billing.models import Invoice, PaymentRun, Settlement
from parure.billing.services import invoices
from parure.billing.services import settlements as settling
from parure.inventory.choices import ItemStatus
from tests.billing import world
from tests.billing.settlement_world import AFTER_DUE, consignor_ready
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


def test_from_the_hammer_to_the_consignor_paid(shared: Any, db: Any) -> None:
    day = shared
    day.sale.refresh_from_db()
    finance = signed_in(day.cast.finance)
    assert finance.post("/billing/invoices/from-sale/", {"sale": day.sale.code}).status_code == 302
    julian = Invoice.objects.get(sale=day.sale, buyer_id=day.julian.client_id)
    assert julian.total == D("11430.00")  # 9,000 hammer and 2,430 premium; no address, no sales tax
    assert finance.post(f"/billing/invoices/draft-{julian.pk}/issue/", {"version": julian.version}).status_code == 302
    julian.refresh_from_db()
    today = invoices.office_today(julian.office).isoformat()
    paid = finance.post(f"/billing/invoices/{julian.number}/payments/",
                        {"method": "wire", "amount": "11430.00", "currency": "USD", "received_on": today,
                         "reference": "FED-20261202-1"})  # fmt: skip
    assert paid.status_code == 302

    ring = day.lots[0].pieces.get().item
    desk = signed_in(day.cast.logistics)
    released = desk.post(f"/billing/desk/{ring.stock_number}/release/",
                         {"handed_to": "Mr Julian Ashcombe", "witness_username": "eleanor",
                          "witness_password": settings.PARURE_DEMO_PASSWORD})  # fmt: skip
    assert released.status_code == 302
    ring.refresh_from_db()
    assert ring.status == ItemStatus.RELEASED

    assert finance.post("/billing/settlements/new/", {"sale": day.sale.code}).status_code in (200, 302)
    settlement = Settlement.objects.filter(sale=day.sale, lines__lot=day.lots[0]).distinct().get()
    hammer = sum(line.amount for line in settlement.lines.filter(kind="hammer", lot=day.lots[0]))
    assert hammer == D("9000.00")
    # What the consignor is paid and what the house keeps add up to the hammer.
    kept = sum(line.amount for line in settlement.lines.exclude(kind="hammer"))
    assert settlement.net_total == hammer + kept
    settling.settlement_approve(settlement=settlement, by=day.cast.finance)
    consignor_ready(settlement.consignor)
    run = settling.payment_run_create(office=settlement.office, settlement_numbers=[settlement.number],
                                      by=day.cast.finance, today=AFTER_DUE)  # fmt: skip
    assert run.total == settlement.net_total
    settling.payment_run_mark_sent(run=run, by=day.cast.finance, today=AFTER_DUE)
    assert PaymentRun.objects.get().status == "sent"
    assert settling.state_of(settlement, today=AFTER_DUE).standing == "paid"
    page = html.unescape(finance.get(f"/billing/settlements/{settlement.number}/").content.decode())
    assert settlement.number in page
