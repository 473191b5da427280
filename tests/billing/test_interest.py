"""Late-payment interest: the figure an overdue invoice owes, charged on a charges draft from where the last
charge ended, never twice for the same days.

Ada's invoice (USD 20,049.33) is issued today and due in 30 days; New York's rate is 12% a year. The
clock is moved forward (``django.utils.timezone.now``) to the days the tests need: 15 days late, the
interest is 20,049.33 × 0.12 × 15 / 365 = 98.8734… → USD 98.87."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, clear_url_caches, path, reverse
from django.utils import timezone

from parure.billing.choices import InvoiceSource, InvoiceStatus, LineKind
from parure.billing.errors import BillingError
from parure.billing.models import InterestCharge, Invoice
from parure.billing.services import interest, invoices, payments
from tests.billing import world
from tests.guards import unchanged

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


@pytest.fixture
def drafts(shared: Any, db: Any) -> dict[int, Invoice]:
    shared.sale.refresh_from_db()
    return {
        invoice.buyer_id: invoice for invoice in invoices.invoices_from_sale(sale=shared.sale, by=shared.cast.finance)
    }


@pytest.fixture
def ada_invoice(shared: Any, drafts: dict[int, Invoice]) -> Invoice:
    return invoices.invoice_issue(invoice=drafts[shared.ada.client_id], by=shared.cast.finance)


class Clock:
    """Moves ``timezone.now`` forward by whole days from the real now."""

    def __init__(self, monkeypatch: Any) -> None:
        self.monkeypatch = monkeypatch
        self.start: datetime = timezone.now()

    def days_on(self, days: int) -> None:
        moment = self.start + timedelta(days=days)
        self.monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.fixture
def clock(monkeypatch: Any) -> Clock:
    return Clock(monkeypatch)


def _day(value: Any) -> str:
    return f"{value.day} {value:%B %Y}"


def test_the_interest_due_is_the_balance_times_the_rate_times_the_days_late(shared: Any, ada_invoice: Invoice) -> None:
    due_on = ada_invoice.due_on
    assert due_on is not None
    before = interest.interest_due(ada_invoice, due_on)
    assert (before.days, before.amount.amount) == (0, D("0.00"))
    late = interest.interest_due(ada_invoice, due_on + timedelta(days=15))
    assert (late.balance.amount, late.rate, late.days, late.amount.amount) == (D("20049.33"), D("0.12"), 15, D("98.87"))
    assert (late.first_day, late.period_to) == (due_on + timedelta(days=1), due_on + timedelta(days=15))
    assert late.day_count == "15 days late (actual days / 365)"
    year = interest.interest_due(ada_invoice, due_on + timedelta(days=365))
    assert year.amount.amount == D("2405.92")  # 12% of 20,049.33, half-up


def test_interest_is_charged_on_a_charges_draft_and_the_next_charge_starts_where_it_ended(
    shared: Any, ada_invoice: Invoice, clock: Clock
) -> None:
    finance, due_on = shared.cast.finance, ada_invoice.due_on
    assert due_on is not None
    clock.days_on(45)  # 15 days after the due date
    charges = interest.interest_charge(invoice=ada_invoice, by=finance)
    assert (charges.source, charges.status, charges.buyer_id, charges.reference, charges.currency) == (
        InvoiceSource.CHARGES, InvoiceStatus.DRAFT, ada_invoice.buyer_id, ada_invoice.number, "USD",
    )  # fmt: skip
    assert (charges.net_total, charges.tax_total, charges.total) == (D("98.870"), D("0"), D("98.870"))
    line = charges.lines.get()
    first, last = due_on + timedelta(days=1), due_on + timedelta(days=15)
    assert (line.kind, line.amount, line.rate, line.basis) == (LineKind.INTEREST, D("98.870"), D("0.12000"),
                                                               D("20049.330"))  # fmt: skip
    assert line.description == (
        f"Late-payment interest on {ada_invoice.number}: {_day(first)} to {_day(last)}, 15 days at 12% a year"
        " (actual days / 365) on $20,049.33"
    )
    assert line.snapshot == {
        "invoice": ada_invoice.number, "from": first.isoformat(), "to": last.isoformat(), "days": 15,
        "day_count": "actual days / 365", "rate": "0.12000", "balance": "20049.330",
        "rounding": "half-up to the minor unit",
    }  # fmt: skip
    with unchanged(), pytest.raises(BillingError) as refused:
        interest.interest_charge(invoice=ada_invoice, by=finance)
    assert refused.value.message == (
        f"Interest on {ada_invoice.number} is charged up to {_day(last)} already; the next charge starts the day after."
    )
    payments.payment_record(invoice=ada_invoice, method="wire", amount="5000", currency="USD",
                            received_on=invoices.office_today(ada_invoice.office), by=finance)  # fmt: skip
    clock.days_on(60)
    second = interest.interest_charge(invoice=ada_invoice, by=finance)
    # 15,049.33 × 0.12 × 15 / 365 = 74.2158… for the 15 days after the first charge ended.
    assert second.total == D("74.220")
    periods = list(InterestCharge.objects.filter(invoice=ada_invoice).values_list("period_from", "period_to", "days"))
    assert periods == [(due_on, last, 15), (last, due_on + timedelta(days=30), 15)]


def test_interest_is_refused_before_the_due_date_on_a_paid_invoice_and_on_a_draft(
    shared: Any, drafts: dict[int, Invoice], clock: Clock
) -> None:
    finance = shared.cast.finance
    julian = invoices.invoice_issue(invoice=drafts[shared.julian.client_id], by=finance)
    with unchanged(), pytest.raises(BillingError) as refused:
        interest.interest_charge(invoice=julian, by=finance)
    assert refused.value.message == (
        f"Invoice {julian.number} is due on {_day(julian.due_on)}; no interest runs before then."
    )
    payments.payment_record(invoice=julian, method="wire", amount=str(julian.total), currency="USD",
                            received_on=invoices.office_today(julian.office), by=finance)  # fmt: skip
    clock.days_on(40)
    with (
        unchanged(),
        pytest.raises(BillingError, match=f"^Invoice {julian.number} has nothing due; it owes no interest"),
    ):
        interest.interest_charge(invoice=julian, by=finance)
    draft = drafts[shared.ada.client_id]
    with unchanged(), pytest.raises(BillingError, match=r"is not an issued invoice; interest runs only on an issued"):
        interest.interest_charge(invoice=draft, by=finance)


# --- Pages and API ----------------------------------------------------------------------------------
@pytest.fixture
def invoice_page() -> Iterator[None]:
    """The invoice page is the invoices area's; where it is not mounted, a stand-in with its URL name and
    argument lets the charge's redirect be followed to its address."""
    import parure.billing.urls

    try:
        reverse("billing:invoice", kwargs={"number": "draft-1"})
    except NoReverseMatch:
        original = list(parure.billing.urls.urlpatterns)
        parure.billing.urls.urlpatterns.append(
            path("invoices/<str:number>/", lambda request, number: HttpResponse(number), name="invoice")
        )
        clear_url_caches()
        try:
            yield
        finally:
            parure.billing.urls.urlpatterns[:] = original
            clear_url_caches()
    else:
        yield


def test_the_overdue_page_shows_the_interest_and_the_charge_opens_the_new_draft(
    shared: Any, drafts: dict[int, Invoice], clock: Clock, client_for: Any, invoice_page: None
) -> None:
    finance = shared.cast.finance
    ada = invoices.invoice_issue(invoice=drafts[shared.ada.client_id], by=finance)
    clock.days_on(45)
    browser = client_for(finance)  # signed in on the clock's day

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert browser.get("/billing/overdue/").status_code == 200
        return len(queries)

    count()
    one = count()
    page = browser.get("/billing/overdue/").content.decode()
    assert f'id="invoice-{ada.number}"' in page and "$98.87" in page and "15 days late (actual days / 365)" in page
    julian = invoices.invoice_issue(invoice=drafts[shared.julian.client_id], by=finance)
    assert julian.number not in browser.get("/billing/overdue/").content.decode()  # issued today: not yet due
    clock.days_on(80)  # Julian's 5 days late, Ada's 50
    browser = client_for(finance)
    assert julian.number in browser.get("/billing/overdue/").content.decode()
    assert count() == one
    charged = browser.post(reverse("billing:interest_charge", kwargs={"number": ada.number}))
    made = Invoice.objects.get(source=InvoiceSource.CHARGES)
    assert charged.status_code == 302
    assert charged["Location"] == reverse("billing:invoice", kwargs={"number": f"draft-{made.pk}"})
    assert made.total == D("329.580")  # 50 days late: 20,049.33 × 0.12 × 50 / 365 = 329.5780…
    refused = browser.post(reverse("billing:interest_charge", kwargs={"number": ada.number}))
    assert refused.status_code == 409 and "already; the next charge starts the day after" in refused.content.decode()
    assert browser.post("/billing/invoices/NY-I-26-00001-9/interest/").status_code == 422
    assert browser.post("/billing/invoices/NY-I-26-99999-7/interest/").status_code == 404
    assert client_for(shared.cast.auditor).get("/billing/overdue/").status_code == 403


def test_the_api_gives_the_interest_due_and_charges_it(
    shared: Any, ada_invoice: Invoice, clock: Clock, client_for: Any
) -> None:
    clock.days_on(45)
    api = client_for(shared.cast.finance)
    due = api.get(f"/api/v1/billing/invoices/{ada_invoice.number}/interest").json()
    assert (due["amount"], due["days"], due["balance"], due["rate"]) == ("98.87", 15, "20049.33", "0.12")
    assert [row["invoice"] for row in api.get("/api/v1/billing/overdue-invoices").json()] == [ada_invoice.number]
    made = api.post(f"/api/v1/billing/invoices/{ada_invoice.number}/interest")
    assert made.status_code == 201
    body = made.json()
    assert (body["total"], body["currency"], body["draft"]) == ("98.87", "USD", f"draft-{body['id']}")
    again = api.post(f"/api/v1/billing/invoices/{ada_invoice.number}/interest")
    assert (again.status_code, again.json()["code"]) == (409, "not_due")
