"""Payments through the services: part payments, an overpayment held as credit and applied later, a
payment in another currency at a stated rate, a third party's payment, refunds never more than was
paid, and a payment on a cancelled invoice refused — each refusal leaving nothing behind."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parure.billing import queries
from parure.billing.choices import Standing
from parure.billing.errors import BillingError
from parure.billing.models import Allocation, ClientCredit, Invoice, Payment, Refund
from parure.billing.services import invoices, payments
from tests.billing import world

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


@pytest.fixture
def ada_invoice(shared: Any, db: Any) -> Invoice:
    """Ada's issued invoice: lots 3 and 5 with New York City's sales tax, 20,049.33 due."""
    shared.sale.refresh_from_db()
    made = invoices.invoices_from_sale(sale=shared.sale, by=shared.cast.finance)
    draft = next(invoice for invoice in made if invoice.buyer_id == shared.ada.client_id)
    return invoices.invoice_issue(invoice=draft, by=shared.cast.finance)


def _today(invoice: Invoice) -> Any:
    return invoices.office_today(invoice.office)


def _pay(invoice: Invoice, amount: str, by: Any, **extra: Any) -> Payment:
    fields = {"method": "wire", "currency": "USD", "received_on": _today(invoice), "reference": "FT2612"} | extra
    return payments.payment_record(invoice=invoice, amount=amount, by=by, **fields)


def _counts() -> tuple[int, int, int, int]:
    return (Payment.objects.count(), Allocation.objects.count(), ClientCredit.objects.count(), Refund.objects.count())


def test_a_part_payment_then_the_rest_pays_in_full(shared: Any, ada_invoice: Invoice) -> None:
    _pay(ada_invoice, "5000.00", shared.cast.finance)
    assert queries.balance_of(ada_invoice).due.amount == D("15049.33")
    assert queries.standing_of(ada_invoice, today=_today(ada_invoice)) == Standing.PART_PAID
    _pay(ada_invoice, "15049.33", shared.cast.finance, method="card")
    assert queries.standing_of(ada_invoice, today=_today(ada_invoice)) == Standing.PAID


def test_an_overpayment_is_held_as_credit_and_applied_to_a_later_invoice(shared: Any, ada_invoice: Invoice) -> None:
    _pay(ada_invoice, "21000.00", shared.cast.finance)
    assert queries.balance_of(ada_invoice).due.amount == D("0")
    assert payments.credit_balance(shared.ada.client_id, "USD").amount == D("950.67")
    with pytest.raises(BillingError, match=r"has USD 0.00 due; apply no more than that\."):
        payments.credit_apply(invoice=ada_invoice, amount="100", by=shared.cast.finance)


def test_a_payment_in_another_currency_is_converted_at_the_stated_rate(shared: Any, ada_invoice: Invoice) -> None:
    before = _counts()
    with pytest.raises(BillingError, match="Give the exchange rate used"):
        _pay(ada_invoice, "10000.00", shared.cast.finance, currency="GBP")
    assert _counts() == before
    payment = _pay(ada_invoice, "10000.00", shared.cast.finance, currency="GBP", rate="1.27345")
    allocation = payment.allocations.get()
    assert (allocation.amount, allocation.rate) == (D("12734.500"), D("1.27345000"))
    assert queries.balance_of(ada_invoice).due.amount == D("7314.83")


def test_a_third_partys_payment_needs_a_seniors_approval_with_a_reason(shared: Any, ada_invoice: Invoice) -> None:
    before = _counts()
    with pytest.raises(BillingError, match="is not the buyer: a payment from someone else needs a senior") as refused:
        _pay(ada_invoice, "1000", shared.cast.finance, payer_name="Lindqvist Holdings AB")
    assert refused.value.code == "third_party"
    with pytest.raises(BillingError, match="Say why the house accepts a payment from someone other"):
        _pay(ada_invoice, "1000", shared.cast.finance, payer_name="Lindqvist Holdings AB",
             approved_by=shared.cast.senior)  # fmt: skip
    assert _counts() == before
    payment = _pay(ada_invoice, "1000", shared.cast.finance, payer_name="Lindqvist Holdings AB",
                   approved_by=shared.cast.senior, approval_reason="Her family company; director's letter on file.")  # fmt: skip
    assert payment.third_party_approved_by == shared.cast.senior


def test_bad_payments_are_refused_with_the_field_and_leave_nothing(shared: Any, ada_invoice: Invoice) -> None:
    from datetime import timedelta

    before = _counts()
    cases = [
        ({"amount": "-1"}, "amount"),
        ({"amount": "12.345"}, "amount"),
        ({"method": "barter"}, "method"),
        ({"currency": "XYZ"}, "currency"),
        ({"received_on": _today(ada_invoice) + timedelta(days=1)}, "received_on"),
        ({"reference": "x" * 141}, "reference"),
    ]
    for extra, field in cases:
        amount = extra.pop("amount", "100")
        with pytest.raises(BillingError) as refused:
            _pay(ada_invoice, amount, shared.cast.finance, **extra)
        assert refused.value.field == field, extra
    assert _counts() == before


def test_a_refund_is_never_more_than_was_paid(shared: Any, ada_invoice: Invoice) -> None:
    payment = _pay(ada_invoice, "21000.00", shared.cast.finance)
    with pytest.raises(BillingError, match=r"This payment left USD 950.67 of credit"):
        payments.refund_record(payment=payment, amount="1000", reason="Overpaid", by=shared.cast.finance)
    payments.refund_record(payment=payment, amount="950.67", reason="Overpaid", by=shared.cast.finance)
    assert payments.credit_balance(shared.ada.client_id, "USD").amount == D("0")
    payments.refund_record(payment=payment, amount="49.33", reason="Lot 5 returned", by=shared.cast.finance,
                           invoice=ada_invoice)  # fmt: skip
    assert queries.balance_of(ada_invoice).due.amount == D("49.33")
    with pytest.raises(BillingError, match=r"Only USD 20,000.00 of this payment is left to refund"):
        payments.refund_record(payment=payment, amount="20000.01", reason="Too much", by=shared.cast.finance,
                               invoice=ada_invoice)  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["pay", "refund", "refund_invoice"]), st.integers(1, 30_000)), max_size=6))
def test_no_sequence_of_payments_and_refunds_refunds_more_than_was_paid(
    shared: Any, ada_invoice: Invoice, steps: list[tuple[str, int]]
) -> None:
    from django.db import transaction

    with transaction.atomic():
        made: list[Payment] = []
        for action, amount in steps:
            try:
                if action == "pay":
                    made.append(_pay(ada_invoice, str(amount), shared.cast.finance))
                elif made:
                    invoice = ada_invoice if action == "refund_invoice" else None
                    payments.refund_record(payment=made[-1], amount=str(amount), reason="Test",
                                           by=shared.cast.finance, invoice=invoice)  # fmt: skip
            except BillingError:
                pass
            for payment in made:
                assert payments.refundable(payment).amount >= 0
            paid = sum((payment.amount for payment in made), D(0))
            refunded = sum((refund.amount for refund in Refund.objects.filter(payment__in=made)), D(0))
            assert refunded <= paid
            assert queries.balance_of(ada_invoice).paid.amount >= 0
        transaction.set_rollback(True)
