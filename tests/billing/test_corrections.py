"""Corrections through the services: a credit note for a lot, for everything (which cancels the invoice
and frees its lots to be invoiced again), refused twice for the same line; proof of export after issue
as a credit note of the taxes; a draft's delivery changing its taxes; a discarded draft."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.billing import queries
from parure.billing.choices import InvoiceKind, InvoiceStatus, LineKind, Standing
from parure.billing.errors import BillingError
from parure.billing.models import Invoice, InvoiceLine
from parure.billing.services import corrections, invoices, payments
from tests.billing import world

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker, julian_in_new_jersey=True) as day:
        yield day


@pytest.fixture
def day(shared: Any, db: Any) -> Any:
    shared.sale.refresh_from_db()
    made = invoices.invoices_from_sale(sale=shared.sale, by=shared.cast.finance)
    shared.drafts = {invoice.buyer_id: invoice for invoice in made}
    return shared


def _ada(day: Any) -> Invoice:
    return invoices.invoice_issue(invoice=day.drafts[day.ada.client_id], by=day.cast.finance)


def _refused(action: Any) -> str:
    before = (Invoice.objects.count(), InvoiceLine.objects.count())
    with pytest.raises(BillingError) as refused:
        action()
    assert (Invoice.objects.count(), InvoiceLine.objects.count()) == before
    return refused.value.message


def test_a_credit_note_for_one_lot_credits_its_hammer_premium_and_tax(day: Any) -> None:
    ada = _ada(day)
    groups = {group.label: group for group in queries.line_groups(ada)}
    assert list(groups) == ["Lot 3", "Lot 5"]
    note = corrections.credit_note_issue(
        invoice=ada, groups=[groups["Lot 5"].key], reason="The rivière's clasp is not as catalogued.",
        by=day.cast.finance,
    )  # fmt: skip
    assert note.kind == InvoiceKind.CREDIT_NOTE and note.status == InvoiceStatus.ISSUED
    assert note.number.startswith("NY-CN-") and note.credits_id == ada.pk
    assert [(line.kind, line.amount) for line in note.lines.order_by("position")] == [
        (LineKind.HAMMER, D("7000.000")),
        (LineKind.PREMIUM, D("1890.000")),
        (LineKind.TAX, D("788.990")),
    ]
    assert (note.net_total, note.tax_total, note.total) == (D("8890"), D("788.99"), D("9678.99"))
    balance = queries.balance_of(ada)
    assert (balance.credited.amount, balance.due.amount) == (D("9678.99"), D("10370.34"))
    # The lot credited may be invoiced again; the other may not.
    assert queries.invoiced_lot_ids({day.lots[2].pk, day.lots[4].pk}) == {day.lots[2].pk}
    assert (
        _refused(
            lambda: corrections.credit_note_issue(
                invoice=ada, groups=[groups["Lot 5"].key], reason="Again", by=day.cast.finance
            )
        )
        == f"Lot 5 is credited already on {ada.number}."
    )


def test_crediting_everything_cancels_the_invoice_and_refuses_its_payments(day: Any) -> None:
    ada = _ada(day)
    corrections.credit_note_issue(invoice=ada, groups=["all"], reason="The buyer's bids were made in error.",
                                  by=day.cast.finance)  # fmt: skip
    assert queries.standing_of(ada, today=invoices.office_today(ada.office)) == Standing.CANCELLED
    assert (
        _refused(
            lambda: payments.payment_record(
                invoice=ada,
                method="wire",
                amount="100",
                currency="USD",
                received_on=invoices.office_today(ada.office),
                by=day.cast.finance,
            )
        )
        == f"Invoice {ada.number} was cancelled by a credit note; it takes no payment."
    )
    assert (
        _refused(
            lambda: corrections.credit_note_issue(invoice=ada, groups=["all"], reason="Again", by=day.cast.finance)
        )
        == f"Every line of {ada.number} is credited already."
    )


def test_a_credit_note_needs_a_reason_and_known_lines(day: Any) -> None:
    ada = _ada(day)
    assert (
        _refused(lambda: corrections.credit_note_issue(invoice=ada, groups=["all"], reason="  ", by=day.cast.finance))
        == "Give the reason for the credit note."
    )
    assert (
        _refused(lambda: corrections.credit_note_issue(invoice=ada, groups=[], reason="Error", by=day.cast.finance))
        == "Choose the lots or charges the credit note credits."
    )
    assert (
        _refused(
            lambda: corrections.credit_note_issue(
                invoice=ada, groups=["lot-999999"], reason="Error", by=day.cast.finance
            )
        )
        == f"{ada.number} has no line ‘lot-999999’ to credit."
    )
    draft = day.drafts[day.julian.client_id]
    assert (
        _refused(
            lambda: corrections.credit_note_issue(invoice=draft, groups=["all"], reason="Error", by=day.cast.finance)
        )
        == f"{draft.label} is not an issued invoice; a draft is corrected by editing it."
    )


def test_proof_of_export_after_issue_credits_the_sales_tax(day: Any) -> None:
    ada = _ada(day)
    note = corrections.export_proof_record(invoice=ada, proof="AES ITN X20261130000123", by=day.cast.finance)
    assert [(line.kind, line.amount) for line in note.lines.order_by("position")] == [
        (LineKind.TAX, D("845.340")),
        (LineKind.TAX, D("788.990")),
    ]
    assert note.total == D("1634.33") and note.reason.startswith("Exported: AES ITN X20261130000123.")
    assert queries.balance_of(ada).due.amount == D("18415.00")
    assert (
        _refused(lambda: corrections.export_proof_record(invoice=ada, proof="Another", by=day.cast.finance))
        == f"{ada.number} bears no tax that export gives back."
    )


def test_a_drafts_delivery_recomputes_its_taxes(day: Any) -> None:
    julian = day.drafts[day.julian.client_id]
    assert julian.total == D("12187.24")  # New Jersey's 6.625%
    changed = corrections.draft_delivery(invoice=julian, delivery_region="us-ny-nyc", export_proof="",
                                         by=day.cast.finance, expected_version=julian.version)  # fmt: skip
    # 11,430 × 8.875% = 1,014.4125
    assert changed.delivery_region == "US-NY-NYC" and changed.total == D("12444.41")
    exported = corrections.draft_delivery(invoice=julian, delivery_region="GB", export_proof="EX-2026-4411",
                                          by=day.cast.finance)  # fmt: skip
    assert exported.total == D("11430.00") and not exported.lines.filter(kind=LineKind.TAX).exists()
    assert (
        _refused(
            lambda: corrections.draft_delivery(
                invoice=julian,
                delivery_region="US-NY",
                export_proof="",
                by=day.cast.finance,
                expected_version=julian.version,
            )
        )
        == f"Someone changed draft {julian.pk} since you opened it; reload it and try again."
    )
    assert (
        _refused(
            lambda: corrections.draft_delivery(
                invoice=julian, delivery_region="New Jersey!", export_proof="", by=day.cast.finance
            )
        )
        == "Give the delivery region as a country or US state code: GB, US-NJ, US-NY-NYC."
    )


def test_a_discarded_draft_frees_its_lots(day: Any) -> None:
    julian = day.drafts[day.julian.client_id]
    assert corrections.draft_discard(invoice=julian, by=day.cast.finance) == f"draft {julian.pk}"
    assert not Invoice.objects.filter(pk=julian.pk).exists()
    again = invoices.invoices_from_sale(sale=day.sale, by=day.cast.finance)
    assert [invoice.buyer_id for invoice in again] == [day.julian.client_id]
    ada = _ada(day)
    assert _refused(lambda: corrections.draft_discard(invoice=ada, by=day.cast.finance)) == (
        f"Invoice {ada.number} is issued and cannot change; correct it with a credit note."
    )


def test_an_invoice_may_bear_the_sales_date_never_before_it_nor_a_future_one(day: Any) -> None:
    from datetime import timedelta

    from parure.auctions.models import Sale

    draft = day.drafts[day.ada.client_id]
    today = invoices.office_today(draft.office)
    sale_day = today - timedelta(days=9)
    Sale.objects.filter(pk=day.sale.pk).update(starts_at=day.sale.starts_at.replace(
        year=sale_day.year, month=sale_day.month, day=sale_day.day))  # fmt: skip
    assert _refused(lambda: invoices.invoice_issue(invoice=draft, by=day.cast.finance,
                                                   dated=today + timedelta(days=1))) == (
        "An invoice cannot be dated in the future."
    )  # fmt: skip
    assert _refused(lambda: invoices.invoice_issue(invoice=draft, by=day.cast.finance,
                                                   dated=sale_day - timedelta(days=1))) == (
        f"An invoice of {day.sale.code} cannot be dated before the sale ({sale_day:%-d %B %Y})."
    )  # fmt: skip
    issued = invoices.invoice_issue(invoice=draft, by=day.cast.finance, dated=sale_day)
    assert (issued.dated_on, issued.due_on) == (sale_day, sale_day + timedelta(days=30))
