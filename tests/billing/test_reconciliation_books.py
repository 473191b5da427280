"""The books through the services: aged receivables at the buckets' edges (day 0, 1, 30, 31, 60, 61, 90,
91 past due) with exact totals in one query; the daily cash and card close with its four-eyes check, sealed
once checked, and a payment recorded later for a closed day flagged; the accounting export's postings,
balanced per document, refused by name when an account is missing."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from parure.billing import accounts
from parure.billing.choices import RECEIVABLE, AccountKeyKind, CashCloseStatus
from parure.billing.errors import BillingError
from parure.billing.models import AccountMapping, CashClose, Invoice
from parure.billing.services import invoices, payments, reconciliation
from parure.core.models import Office
from tests.billing import world

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


@pytest.fixture
def issued(shared: Any, db: Any) -> dict[str, Invoice]:
    shared.sale.refresh_from_db()
    made = invoices.invoices_from_sale(sale=shared.sale, by=shared.cast.finance)
    names = {shared.ada.client_id: "ada", shared.julian.client_id: "julian"}
    return {names[draft.buyer_id]: invoices.invoice_issue(invoice=draft, by=shared.cast.finance) for draft in made}


@pytest.fixture
def office(shared: Any) -> Office:
    return Office.objects.get(code="NY")


def _pay(invoice: Invoice, amount: str, by: Any, method: str = "wire", **extra: Any) -> Any:
    fields = {"currency": "USD", "received_on": invoices.office_today(invoice.office), "reference": "R-1"} | extra
    return payments.payment_record(invoice=invoice, method=method, amount=amount, by=by, **fields)


# --- Aged receivables -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (0, "current"),
        (1, "days_1_30"),
        (30, "days_1_30"),
        (31, "days_31_60"),
        (60, "days_31_60"),
        (61, "days_61_90"),
        (90, "days_61_90"),
        (91, "over_90"),
    ],
)
def test_receivables_fall_in_their_bucket_at_its_edges(
    shared: Any, issued: dict[str, Invoice], days: int, bucket: str
) -> None:
    ada = issued["ada"]
    assert ada.due_on is not None
    _pay(ada, "49.33", shared.cast.finance)
    groups = accounts.aged_receivables(on=ada.due_on + timedelta(days=days))
    assert [(group.office.code, group.currency) for group in groups] == [("NY", "USD")]
    rows = {row.buyer_name: row for row in groups[0].rows}
    assert {key: value.amount for key, value in rows["Mrs Ada Lindqvist"].buckets.items() if value.amount} == {
        bucket: D("20000.00")
    }
    assert groups[0].totals[bucket].amount == D("31430.00")
    assert groups[0].total.amount == D("31430.00")


def test_a_paid_invoice_is_no_receivable_and_the_page_query_is_one(shared: Any, issued: dict[str, Invoice]) -> None:
    _pay(issued["julian"], "11430.00", shared.cast.finance)
    with CaptureQueriesContext(connection) as captured:
        groups = accounts.aged_receivables(on=issued["ada"].due_on)
    assert len(captured.captured_queries) == 1
    assert [(row.buyer_name, row.total.amount, row.invoices) for row in groups[0].rows] == [
        ("Mrs Ada Lindqvist", D("20049.33"), [issued["ada"].number])
    ]


def test_the_receivables_sheet_has_a_row_per_buyer_and_a_total(shared: Any, issued: dict[str, Invoice]) -> None:
    sheet = accounts.receivables_sheet(accounts.aged_receivables(on=issued["ada"].due_on))
    assert sheet.header == accounts.RECEIVABLE_HEADER
    nothing = [D("0.00")] * 4
    assert [list(row) for row in sheet.rows] == [
        ["NY", "USD", issued["julian"].buyer_number, "Mr Julian Ashcombe", D("11430.00"), *nothing, D("11430.00")],
        ["NY", "USD", issued["ada"].buyer_number, "Mrs Ada Lindqvist", D("20049.33"), *nothing, D("20049.33")],
        ["NY", "USD", "", "Total NY USD", D("31479.33"), *nothing, D("31479.33")],
    ]
    assert sheet.bold_rows == frozenset({2})


# --- The daily cash and card close ----------------------------------------------------------------
def test_the_close_snapshots_the_days_cash_and_card_and_shows_the_difference(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    today = invoices.office_today(office)
    _pay(issued["ada"], "500.00", shared.cast.finance, method="cash")
    _pay(issued["ada"], "1200.00", shared.cast.finance, method="card")
    _pay(issued["julian"], "300.00", shared.cast.finance, method="card")
    _pay(issued["julian"], "9000.00", shared.cast.finance, method="wire")
    close = reconciliation.cash_close(office=office, day=today, currency="usd", counted_cash="480.00",
                                      card_total="1500.00", by=shared.cast.finance)  # fmt: skip
    assert (close.expected_cash, close.expected_card, close.payment_count, close.status) == (
        D("500.000"),
        D("1500.000"),
        3,
        CashCloseStatus.CLOSED,
    )
    view = reconciliation.close_view(close)
    assert (str(view.cash_difference), str(view.card_difference), view.flagged) == ("USD -20.00", "USD 0.00", False)
    with pytest.raises(BillingError, match=rf"^{today:%-d %b %Y} is closed already at New York in USD\.$"):
        reconciliation.cash_close(office=office, day=today, currency="USD", counted_cash="0", card_total="0",
                                  by=shared.cast.finance)  # fmt: skip
    # A payment dated the closed day and recorded afterwards shows as a difference on the close.
    _pay(issued["julian"], "100.00", shared.cast.finance, method="cash")
    later = reconciliation.close_view(close)
    assert (str(later.late.cash), str(later.late.card), later.late_payments, later.flagged) == (
        "USD 100.00",
        "USD 0.00",
        1,
        True,
    )


def test_the_same_person_cannot_close_and_check(shared: Any, issued: dict[str, Invoice], office: Office) -> None:
    close = reconciliation.cash_close(office=office, day=invoices.office_today(office), currency="USD",
                                      counted_cash="0.00", card_total="0.00", by=shared.cast.finance)  # fmt: skip
    with pytest.raises(BillingError) as refusal:
        reconciliation.cash_close_check(close=close, by=shared.cast.finance)
    assert refusal.value.message == "Priya Raman closed this day; a second person must check it (four eyes)."
    assert refusal.value.code == "four_eyes"
    with pytest.raises(BillingError, match=r"^Only a member of finance or a senior specialist checks a cash close\.$"):
        reconciliation.cash_close_check(close=close, by=shared.cast.assistant)
    close.refresh_from_db()
    assert (close.status, close.checked_by) == (CashCloseStatus.CLOSED, None)
    checked = reconciliation.cash_close_check(close=close, by=shared.cast.senior)
    assert (checked.status, checked.checked_by) == (CashCloseStatus.CHECKED, shared.cast.senior)
    with pytest.raises(BillingError, match=r"was checked already\.$"):
        reconciliation.cash_close_check(close=close, by=shared.cast.senior)
    # The database itself keeps a checked day as it is.
    with pytest.raises(DatabaseError), transaction.atomic():
        CashClose.objects.filter(pk=close.pk).update(counted_cash=D("1"))


def test_a_day_to_come_or_a_bad_count_is_refused(shared: Any, office: Office) -> None:
    today = invoices.office_today(office)
    with pytest.raises(BillingError, match=r"^A day still to come cannot be closed\.$"):
        reconciliation.cash_close(office=office, day=today + timedelta(days=1), currency="USD", counted_cash="0",
                                  card_total="0", by=shared.cast.finance)  # fmt: skip
    with pytest.raises(BillingError, match=r"^‘ten’ is not an amount; type the cash counted as 1250\.00\.$"):
        reconciliation.cash_close(office=office, day=today, currency="USD", counted_cash="ten", card_total="0",
                                  by=shared.cast.finance)  # fmt: skip
    assert not CashClose.objects.exists()


# --- The accounting export ------------------------------------------------------------------------
def _map_everything(by: Any, *, leave_out: tuple[str, str] | None = None) -> None:
    for kind, keys in accounts.mapping_keys().items():
        for number, key in enumerate(keys, start=1):
            if (kind, key) != leave_out:
                code = {"line": "4", "tax": "22", "method": "10", "control": "12"}[kind] + f"{number:02d}"
                reconciliation.account_map(key_kind=kind, key=key, code=code, name=keys[key], by=by)


def test_the_export_posts_each_document_balanced(shared: Any, issued: dict[str, Invoice], office: Office) -> None:
    _map_everything(shared.cast.finance)
    payment = _pay(issued["ada"], "5000.00", shared.cast.finance, reference="FT2612")
    payments.refund_record(payment=payment, amount="1000.00", reason="Lot 5 withdrawn by agreement",
                           invoice=issued["ada"], by=shared.cast.finance)  # fmt: skip
    today = invoices.office_today(office)
    rows = accounts.postings(starts_on=today, ends_on=today)
    ada = [row for row in rows if row.document == issued["ada"].number]
    assert len(ada) == 7
    assert sum(row.debit for row in ada) == sum(row.credit for row in ada) == D("20049.33")
    assert (ada[0].account_code, ada[0].account_name, ada[0].debit) == (
        "1201",
        "Receivable (buyers' accounts)",
        D("20049.33"),
    )
    assert [(row.account_code, row.description, row.debit, row.credit) for row in ada[1:]] == [
        ("401", "A pearl necklace", D("0.00"), D("7500.00")),
        ("403", "Buyer's premium on lot 3", D("0.00"), D("2025.00")),
        ("2203", "Sales tax 8.875% on hammer and premium (US-NY-NYC)", D("0.00"), D("845.34")),
        ("401", "A diamond rivière", D("0.00"), D("7000.00")),
        ("403", "Buyer's premium on lot 5", D("0.00"), D("1890.00")),
        ("2203", "Sales tax 8.875% on hammer and premium (US-NY-NYC)", D("0.00"), D("788.99")),
    ]
    paid = [(row.document, row.account_name, row.debit, row.credit) for row in rows if row.kind != "Invoice"]
    assert paid == [
        (f"Payment {payment.pk}", "Wire transfer", D("5000.00"), D("0.00")),
        (f"Payment {payment.pk}", "Receivable (buyers' accounts)", D("0.00"), D("5000.00")),
        (f"Refund {payment.refunds.get().pk}", "Receivable (buyers' accounts)", D("1000.00"), D("0.00")),
        (f"Refund {payment.refunds.get().pk}", "Wire transfer", D("0.00"), D("1000.00")),
    ]
    table = list(csv.reader(io.StringIO(accounts.postings_csv(rows).decode("utf-8-sig"))))
    assert table[0] == accounts.POSTING_HEADER
    assert len(table) == 1 + len(rows)


def test_a_posting_without_an_account_refuses_the_export_by_name(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    _map_everything(shared.cast.finance, leave_out=(AccountKeyKind.LINE, "premium"))
    today = invoices.office_today(office)
    with pytest.raises(BillingError) as refusal:
        accounts.postings(starts_on=today, ends_on=today)
    assert refusal.value.message == "No account for 'Buyer's premium'; add it to the mapping first."
    reconciliation.account_map(key_kind="line", key="premium", code="4002", name="Premium", by=shared.cast.finance)
    assert AccountMapping.objects.get(key="premium").code == "4002"
    assert accounts.postings(starts_on=today, ends_on=today)


def test_the_mapping_refuses_an_unknown_key_or_an_empty_code(shared: Any, office: Office) -> None:
    with pytest.raises(BillingError, match=r"^Choose what the account is for from the list\.$"):
        reconciliation.account_map(key_kind="line", key="tax", code="1", name="x", by=shared.cast.finance)
    with pytest.raises(BillingError, match=r"^Give the account's code"):
        reconciliation.account_map(key_kind="control", key=RECEIVABLE, code=" ", name="x", by=shared.cast.finance)
    assert not AccountMapping.objects.exists()
