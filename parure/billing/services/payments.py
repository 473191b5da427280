"""Money received and given back: a payment allocated to an invoice (converted at a stated rate when its
currency differs), what is over the balance held as the client's credit and applied later, and refunds,
never more than came in. Every row is append-only; a mistake is corrected by a refund or a new row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum

from parure.billing.choices import InvoiceKind, InvoiceStatus, PaymentMethod, Standing
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Allocation, ClientCredit, Invoice, Payment, Refund
from parure.billing.queries import balance_of, standing_of
from parure.billing.services.cash import cash_check, cash_report_make
from parure.billing.services.invoices import _amount, office_today
from parure.core.choices import Role
from parure.core.models import Office, Staff
from parure.core.money import Money, MoneyError, convert

REFERENCE_MAX = 140
REASON_MAX = 500
RECEIVED_METHODS = tuple(method for method in PaymentMethod if method != PaymentMethod.CREDIT)


def _text(value: str, *, limit: int, field: str, label: str, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise BillingError(f"Give the {label}.", field=field, code=BillingErrorCode.REQUIRED)
    if len(text) > limit:
        raise BillingError(f"The {label} is longer than {limit} characters.", field=field,
                           code=BillingErrorCode.TOO_LONG)  # fmt: skip
    return text


def _rate(value: str | Decimal | None) -> Decimal:
    try:
        rate = value if isinstance(value, Decimal) else Decimal(str(value or "").strip())
    except InvalidOperation:
        rate = Decimal(0)
    if not rate.is_finite() or rate <= 0 or rate > Decimal(1_000_000) or rate.as_tuple().exponent < -8:  # type: ignore[operator]
        raise BillingError("Give the exchange rate used: invoice-currency units for one unit paid, e.g. 1.27345.",
                           field="rate", code=BillingErrorCode.NO_RATE)  # fmt: skip
    return rate


def credit_balance(client_id: int, currency: str) -> Money:
    """The client's credit held in ``currency``."""
    total = ClientCredit.objects.filter(client_id=client_id, currency=currency).aggregate(s=Sum("amount"))["s"]
    return Money.of(total or 0, currency)


def _locked_invoice(invoice: Invoice) -> Invoice:
    locked = Invoice.objects.select_for_update(of=("self",)).select_related("office").get(pk=invoice.pk)
    if locked.kind != InvoiceKind.INVOICE or locked.status != InvoiceStatus.ISSUED:
        raise BillingError(f"{locked.label} is not an issued invoice; only an issued invoice takes a payment.",
                           field="invoice", code=BillingErrorCode.INVALID)  # fmt: skip
    if standing_of(locked, today=office_today(locked.office)) == Standing.CANCELLED:
        raise BillingError(f"Invoice {locked.number} was cancelled by a credit note; it takes no payment.",
                           field="invoice", code=BillingErrorCode.INVOICE_CANCELLED)  # fmt: skip
    return locked


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    method: str,
    amount: str | Decimal,
    currency: str,
    received_on: date,
    by: Staff,
    reference: str = "",
    rate: str | Decimal | None = None,
    payer_name: str = "",
    approved_by: Staff | None = None,
    approval_reason: str = "",
) -> Payment:
    """Record money received from the buyer of ``invoice`` and allocate it there; what is over the
    balance is held as the buyer's credit in the invoice's currency.

    A payer other than the buyer is refused unless a senior specialist approves it with a reason. Cash is
    added to the client's linked cash and refused, or flagged with its report, at the saleroom's limit.
    """
    invoice = _locked_invoice(invoice)
    if method not in RECEIVED_METHODS:
        raise BillingError("Choose how it was paid: wire, card, cheque, cash or a platform's payout.",
                           field="method", code=BillingErrorCode.INVALID)  # fmt: skip
    code = (currency or "").strip().upper() or invoice.currency
    try:
        Money.of(0, code)
    except MoneyError:
        raise BillingError(
            f"‘{code[:8]}’ is not a currency code such as USD.",
            field="currency",
            code=BillingErrorCode.INVALID_CURRENCY,
        ) from None
    paid = _amount(amount, code)
    office: Office = invoice.office
    if received_on > office_today(office):
        raise BillingError("A payment cannot be received in the future; check the date.", field="received_on",
                           code=BillingErrorCode.INVALID)  # fmt: skip
    reference = _text(reference, limit=REFERENCE_MAX, field="reference", label="reference")
    payer_name = _text(payer_name, limit=200, field="payer_name", label="payer's name")
    approval_reason = _text(approval_reason, limit=REASON_MAX, field="approval_reason", label="reason")
    if payer_name:
        if approved_by is None or approved_by.role != Role.SENIOR_SPECIALIST or not approved_by.is_active:
            raise BillingError(
                f"{payer_name} is not the buyer: a payment from someone else needs a senior specialist's approval.",
                field="approved_by",
                code=BillingErrorCode.THIRD_PARTY,
            )
        if not approval_reason:
            raise BillingError("Say why the house accepts a payment from someone other than the buyer.",
                               field="approval_reason", code=BillingErrorCode.REASON_REQUIRED)  # fmt: skip
    if paid.currency == invoice.currency:
        in_invoice, used_rate = paid, None
    else:
        used_rate = _rate(rate)
        in_invoice = convert(paid, used_rate, invoice.currency)
    # Cash over the anti-money-laundering limit (with the client's linked cash) is refused, or accepted,
    # flagged and reported, by the saleroom's rule (``services.cash``).
    check = (
        cash_check(office=office, client_id=invoice.buyer_id, amount=paid, received_on=received_on)
        if method == PaymentMethod.CASH
        else None
    )
    payment = Payment.objects.create(
        office=office,
        client_id=invoice.buyer_id,
        method=method,
        amount=paid.amount,
        currency=paid.currency,
        reference=reference,
        received_on=received_on,
        payer_name=payer_name,
        third_party_approved_by=approved_by if payer_name else None,
        third_party_reason=approval_reason if payer_name else "",
        flagged=check is not None and check.report,
        recorded_by=by,
    )
    if check is not None and check.report:
        cash_report_make(check=check, payment=payment, by=by)
    due = balance_of(invoice).due
    applied = min(in_invoice, due) if due.amount > 0 else Money.of(0, invoice.currency)
    if applied.amount > 0:
        Allocation.objects.create(invoice=invoice, payment=payment, amount=applied.amount, rate=used_rate, by=by)
    over = in_invoice - applied
    if over.amount > 0:
        ClientCredit.objects.create(client_id=invoice.buyer_id, currency=invoice.currency, amount=over.amount,
                                    payment=payment, invoice=invoice, by=by,
                                    note=f"Paid over the balance of {invoice.number}")  # fmt: skip
    return payment


@transaction.atomic
def credit_apply(*, invoice: Invoice, amount: str | Decimal, by: Staff) -> Allocation:
    """Apply the buyer's credit (in the invoice's currency) to ``invoice``: never more than the credit
    held nor than the balance due."""
    invoice = _locked_invoice(invoice)
    wanted = _amount(amount, invoice.currency)
    # Lock the client's credit rows so two applications cannot spend the same credit.
    list(ClientCredit.objects.select_for_update().filter(client_id=invoice.buyer_id, currency=invoice.currency))
    held = credit_balance(invoice.buyer_id, invoice.currency)
    if wanted > held:
        raise BillingError(f"The buyer holds {held} of credit; {wanted} cannot be applied.", field="amount",
                           code=BillingErrorCode.OVERPAID)  # fmt: skip
    due = balance_of(invoice).due
    if wanted > due:
        raise BillingError(f"{invoice.number} has {due} due; apply no more than that.", field="amount",
                           code=BillingErrorCode.OVERPAID)  # fmt: skip
    ClientCredit.objects.create(client_id=invoice.buyer_id, currency=invoice.currency, amount=-wanted.amount,
                                invoice=invoice, by=by, note=f"Applied to {invoice.number}")  # fmt: skip
    return Allocation.objects.create(invoice=invoice, amount=wanted.amount, from_credit=True, by=by)


def refundable(payment: Payment) -> Money:
    """What may still be refunded of ``payment``, in its currency: what it brought in less what was refunded."""
    refunded = payment.refunds.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    return Money.of(payment.amount - refunded, payment.currency)


@transaction.atomic
def refund_record(
    *, payment: Payment, amount: str | Decimal, reason: str, by: Staff, invoice: Invoice | None = None,
    reference: str = "",
) -> Refund:  # fmt: skip
    """Give money back from ``payment``. From the credit it left (no ``invoice``): no more than that credit.
    Reversing what it paid on ``invoice``: no more than it allocated there. Never more than it brought in."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    reason = _text(reason, limit=REASON_MAX, field="reason", label="reason for the refund", required=True)
    reference = _text(reference, limit=REFERENCE_MAX, field="reference", label="reference")
    money = _amount(amount, payment.currency)
    left = refundable(payment)
    if money > left:
        raise BillingError(f"Only {left} of this payment is left to refund; {money} is more than was paid.",
                           field="amount", code=BillingErrorCode.REFUND_TOO_LARGE)  # fmt: skip
    if invoice is not None:
        invoice = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.pk)
        allocated = payment.allocations.filter(invoice=invoice).aggregate(s=Sum("amount"))["s"] or Decimal(0)
        rate = payment.allocations.filter(invoice=invoice).exclude(rate=None).values_list("rate", flat=True).first()
        in_invoice = (
            convert(money, rate, invoice.currency) if rate is not None else Money.of(money.amount, invoice.currency)
        )
        if in_invoice.amount > allocated:
            raise BillingError(f"This payment put {Money.of(allocated, invoice.currency)} on {invoice.number}; "
                               f"a refund of {in_invoice} is more than that.", field="amount",
                               code=BillingErrorCode.REFUND_TOO_LARGE)  # fmt: skip
        Allocation.objects.create(invoice=invoice, payment=payment, amount=-in_invoice.amount, rate=rate, by=by)
    else:
        # The credit this payment left, less what was refunded of it (both in the credit's currency).
        currency = payment.credits.values_list("currency", flat=True).first() or payment.currency
        credit = payment.credits.aggregate(s=Sum("amount"))["s"] or Decimal(0)
        held = credit_balance(payment.client_id, currency)
        rate = payment.allocations.exclude(rate=None).values_list("rate", flat=True).first()
        in_credit = (
            convert(money, rate, currency)
            if rate is not None and currency != payment.currency
            else Money.of(money.amount, currency)
        )
        if in_credit.amount > min(credit, held.amount):
            raise BillingError(f"This payment left {Money.of(min(credit, held.amount), currency)} of credit; "
                               f"refund no more than that, or name the invoice whose payment it reverses.",
                               field="amount", code=BillingErrorCode.REFUND_TOO_LARGE)  # fmt: skip
        ClientCredit.objects.create(client_id=payment.client_id, currency=currency, amount=-in_credit.amount,
                                    payment=payment, by=by, note=f"Refunded: {reason}"[:300])  # fmt: skip
    return Refund.objects.create(payment=payment, invoice=invoice, amount=money.amount, reason=reason,
                                 reference=reference, by=by)  # fmt: skip
