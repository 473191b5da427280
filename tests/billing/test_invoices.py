"""Buyer invoices from a clerked sale, through the services: one draft per buyer with the hammer, the
premium by the sale's schedule (snapshotted) and the sales tax by delivery region; fees; issue with a
gapless number and a check digit; and the database refusing any change to an issued invoice."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import DatabaseError, transaction

from parure.billing import queries
from parure.billing.choices import InvoiceStatus, LineKind, Standing
from parure.billing.errors import BillingError
from parure.billing.models import Invoice, InvoiceLine
from parure.billing.numbers import parse_invoice_number
from parure.billing.services import invoices as services
from parure.core.numbering import check_digit
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
    return shared


def _lines(invoice: Invoice) -> list[tuple[str, str, str, Decimal]]:
    return [(line.lot_label, line.kind, line.description, line.amount) for line in invoice.lines.order_by("position")]


def _drafts(day: Any) -> dict[str, Invoice]:
    made = services.invoices_from_sale(sale=day.sale, by=day.cast.finance)
    names = {day.ada.client_id: "ada", day.julian.client_id: "julian"}
    return {names[invoice.buyer_id]: invoice for invoice in made}


def test_a_closed_sale_gives_one_draft_per_buyer_with_premium_and_sales_tax(day: Any) -> None:
    drafts = _drafts(day)
    assert set(drafts) == {"ada", "julian"}
    ada, julian = drafts["ada"], drafts["julian"]
    assert _lines(ada) == [
        ("3", LineKind.HAMMER, "A pearl necklace", D("7500.000")),
        ("3", LineKind.PREMIUM, "Buyer's premium on lot 3", D("2025.000")),
        # 9,525 × 8.875% = 845.34375
        ("3", LineKind.TAX, "Sales tax 8.875% on hammer and premium (US-NY-NYC)", D("845.340")),
        ("5", LineKind.HAMMER, "A diamond rivière", D("7000.000")),
        ("5", LineKind.PREMIUM, "Buyer's premium on lot 5", D("1890.000")),
        # 8,890 × 8.875% = 788.99
        ("5", LineKind.TAX, "Sales tax 8.875% on hammer and premium (US-NY-NYC)", D("788.990")),
    ]
    assert (ada.net_total, ada.tax_total, ada.total) == (D("18415"), D("1634.33"), D("20049.33"))
    assert ada.delivery_region == "US-NY-NYC" and ada.status == InvoiceStatus.DRAFT and ada.number == ""
    # Julian's ring goes to New Jersey: 11,430 × 6.625% = 757.24 (757.2375 half-up).
    assert _lines(julian)[-1] == ("1", LineKind.TAX, "Sales tax 6.625% on hammer and premium (US-NJ)", D("757.240"))
    assert julian.total == D("12187.24")
    premium = julian.lines.get(kind=LineKind.PREMIUM)
    assert premium.snapshot["bands"] == [["0.00", "0.2700"], ["1000000.00", "0.2200"], ["6000000.00", "0.1500"]]


def test_lots_already_invoiced_are_not_invoiced_again(day: Any) -> None:
    _drafts(day)
    with pytest.raises(BillingError, match=r"Every lot sold in NY-J-2703 is on an invoice already\.") as refused:
        services.invoices_from_sale(sale=day.sale, by=day.cast.finance)
    assert refused.value.code == "already_invoiced"
    assert Invoice.objects.count() == 2


def test_an_open_sale_is_not_invoiced(day: Any) -> None:
    from tests.auctions import world as sale_world

    open_sale = sale_world.sale(day.cast.senior, code="NY-J-2788")
    with pytest.raises(BillingError, match=r"NY-J-2788 is not closed yet"):
        services.invoices_from_sale(sale=open_sale, by=day.cast.finance)
    assert not Invoice.objects.exists()


def test_a_fee_on_a_draft_bears_the_sales_tax_and_moves_the_total(day: Any) -> None:
    ada = _drafts(day)["ada"]
    services.invoice_add_fee(invoice=ada, kind=LineKind.SHIPPING, description="Insured shipping to Manhattan",
                             amount="250.00", by=day.cast.finance, expected_version=1)  # fmt: skip
    ada.refresh_from_db()
    assert _lines(ada)[-2:] == [
        ("", LineKind.SHIPPING, "Insured shipping to Manhattan", D("250.000")),
        ("", LineKind.TAX, "Sales tax 8.875% on insured shipping to manhattan (US-NY-NYC)", D("22.190")),
    ]
    assert (ada.total, ada.version) == (D("20321.52"), 2)
    with pytest.raises(BillingError, match="reload it and try again"):
        services.invoice_add_fee(invoice=ada, kind=LineKind.SHIPPING, description="Again", amount="1",
                                 by=day.cast.finance, expected_version=1)  # fmt: skip
    for bad in ("-5", "abc", "0.001", "1e13"):
        with pytest.raises(BillingError) as refused:
            services.invoice_add_fee(invoice=ada, kind=LineKind.SHIPPING, description="x", amount=bad,
                                     by=day.cast.finance)  # fmt: skip
        assert refused.value.field == "amount"
    assert ada.lines.count() == 8


def test_issuing_numbers_without_gaps_with_a_check_digit_and_prints_the_buyer(day: Any) -> None:
    drafts = _drafts(day)
    first = services.invoice_issue(invoice=drafts["ada"], by=day.cast.finance, expected_version=1)
    second = services.invoice_issue(invoice=drafts["julian"], by=day.cast.finance)
    year = first.issued_at.year % 100  # type: ignore[union-attr]
    assert first.number == f"NY-I-{year:02d}-00001-{check_digit(f'NY-I-{year:02d}-00001')}"
    assert second.number == f"NY-I-{year:02d}-00002-{check_digit(f'NY-I-{year:02d}-00002')}"
    assert parse_invoice_number(first.number.lower()) == first.number
    assert first.buyer_name == "Mrs Ada Lindqvist"
    assert first.buyer_address == "1 Fifth Avenue\nNew York NY 10003\nUS"
    assert (first.due_on - services.office_today(first.office)).days == 30  # type: ignore[operator]
    assert queries.balance_of(first).due.amount == D("20049.33")
    assert queries.standing_of(first, today=services.office_today(first.office)) == Standing.UNPAID
    assert queries.invoice_by_number(first.number) == first


def test_a_mistyped_invoice_number_is_refused_never_matched(day: Any) -> None:
    issued = services.invoice_issue(invoice=_drafts(day)["ada"], by=day.cast.finance)
    body, digit = issued.number[:-1], issued.number[-1]
    wrong = body + str((int(digit) + 1) % 10)
    with pytest.raises(BillingError, match="has a wrong check digit"):
        queries.invoice_by_number(wrong)
    with pytest.raises(BillingError, match="is not an invoice number"):
        queries.invoice_by_number("INV 42")


def test_an_issued_invoice_refuses_every_change_in_the_service_and_in_the_database(day: Any) -> None:
    issued = services.invoice_issue(invoice=_drafts(day)["ada"], by=day.cast.finance)
    with pytest.raises(BillingError, match=r"is issued and cannot change; correct it with a credit note\."):
        services.invoice_add_fee(invoice=issued, kind=LineKind.SHIPPING, description="Late", amount="10",
                                 by=day.cast.finance)  # fmt: skip
    line = issued.lines.first()
    assert line is not None
    for attempt in (
        lambda: Invoice.objects.filter(pk=issued.pk).update(total=D(1)),
        lambda: Invoice.objects.filter(pk=issued.pk).delete(),
        lambda: InvoiceLine.objects.filter(pk=line.pk).update(amount=D(1)),
        lambda: InvoiceLine.objects.filter(pk=line.pk).delete(),
        lambda: InvoiceLine.objects.create(
            invoice=issued, position=99, kind=LineKind.SHIPPING, description="x", amount=D(1)
        ),
    ):
        with pytest.raises(DatabaseError, match="cannot change"), transaction.atomic():
            attempt()
    issued.refresh_from_db()
    assert issued.total == D("20049.33") and issued.lines.count() == 6


def test_a_draft_may_still_change_in_the_database(day: Any) -> None:
    draft = _drafts(day)["julian"]
    assert InvoiceLine.objects.filter(invoice=draft, kind=LineKind.TAX).update(amount=D("1")) == 1
    assert re.fullmatch(r"draft \d+", draft.label)
