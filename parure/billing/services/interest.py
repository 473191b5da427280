"""Late-payment interest: what an overdue invoice owes for the days after its due date, and charging it.

``interest_due(invoice, on)`` is the balance due on ``on`` × the saleroom's yearly rate
(``BillingSettings.late_interest_rate``) × the days late / 365 (actual days over a 365-day year, leap
years included), rounded once, half-up to the minor unit. The days run from the day after the due
date — or, once interest was charged, from the day after the last charged period ended — to ``on``
inclusive, so the same day is never charged twice.

``interest_charge`` puts that figure on a **new charges invoice** (a draft of source ``charges`` for the
buyer, in the invoice's currency) as a line of kind ``interest`` naming the invoice and the period, and
records the period (``InterestCharge``; the database refuses a second charge from the same day). The
interest bears no tax: it is not a supply. Finance issues the draft as any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import DecimalField, F, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from parure.billing.choices import InvoiceKind, InvoiceSource, InvoiceStatus, LineKind
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Allocation, BillingSettings, InterestCharge, Invoice, InvoiceLine
from parure.billing.queries import balance_of
from parure.billing.services.invoices import office_today, settings_of, totals
from parure.core.models import Office, Staff
from parure.core.money import Money

YEAR_DAYS = 365
DAY_COUNT = "actual days / 365"


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _percent(rate: Decimal) -> str:
    shown = (rate * 100).normalize()
    return f"{shown:f}"


@dataclass(frozen=True)
class InterestDue:
    """Interest on ``number`` for the days after ``period_from`` up to ``period_to`` (``days`` of them)."""

    number: str
    balance: Money
    rate: Decimal
    period_from: date
    period_to: date
    days: int
    amount: Money

    @property
    def day_count(self) -> str:
        return f"{self.days} days late ({DAY_COUNT})"

    @property
    def first_day(self) -> date:
        return self.period_from + timedelta(days=1)


def figure(*, number: str, balance: Money, rate: Decimal, start: date, on: date) -> InterestDue:
    """The interest on ``balance`` at ``rate`` a year for the days after ``start`` up to ``on`` (pure)."""
    days = max((on - start).days, 0)
    owed = balance if balance.amount > 0 else Money.of(0, balance.currency)
    amount = (owed * (rate * days / YEAR_DAYS)).rounded()
    return InterestDue(number=number, balance=owed, rate=rate, period_from=start, period_to=on, days=days,
                       amount=amount)  # fmt: skip


def _charged_until(invoice: Invoice) -> date | None:
    last: date | None = InterestCharge.objects.filter(invoice=invoice).aggregate(last=Max("period_to"))["last"]
    return last


def interest_due(invoice: Invoice, on: date) -> InterestDue:
    """What ``invoice`` owes in late-payment interest on ``on`` that was not charged before (zero when it
    is not an issued invoice, not overdue, or paid)."""
    start = _charged_until(invoice) or invoice.due_on or on
    rate = settings_of(invoice.office).late_interest_rate
    if invoice.kind != InvoiceKind.INVOICE or invoice.status != InvoiceStatus.ISSUED:
        return figure(number=invoice.label, balance=invoice.money(Decimal(0)), rate=rate, start=on, on=on)
    return figure(number=invoice.number, balance=balance_of(invoice).due, rate=rate, start=start, on=on)


@transaction.atomic
def interest_charge(*, invoice: Invoice, by: Staff, on: date | None = None) -> Invoice:
    """Charge the interest ``invoice`` owes today (or ``on``) on a new charges draft for its buyer."""
    invoice = Invoice.objects.select_for_update(of=("self",)).select_related("office").get(pk=invoice.pk)
    if invoice.kind != InvoiceKind.INVOICE or invoice.status != InvoiceStatus.ISSUED:
        raise BillingError(f"{invoice.label} is not an issued invoice; interest runs only on an issued invoice.",
                           field="number", code=BillingErrorCode.INVALID)  # fmt: skip
    day = on or office_today(invoice.office)
    if day > office_today(invoice.office):
        raise BillingError("Interest is charged up to a day that has come; check the date.", field="on",
                           code=BillingErrorCode.INVALID)  # fmt: skip
    assert invoice.due_on is not None
    if day <= invoice.due_on:
        raise BillingError(f"Invoice {invoice.number} is due on {_day(invoice.due_on)}; no interest runs before then.",
                           field="number", code=BillingErrorCode.NOT_DUE)  # fmt: skip
    due = interest_due(invoice, day)
    if due.balance.amount <= 0:
        raise BillingError(f"Invoice {invoice.number} has nothing due; it owes no interest.", field="number",
                           code=BillingErrorCode.NOT_DUE)  # fmt: skip
    if due.days <= 0:
        raise BillingError(
            f"Interest on {invoice.number} is charged up to {_day(due.period_from)} already; the next charge"
            " starts the day after.",
            field="number",
            code=BillingErrorCode.NOT_DUE,
        )
    if due.amount.amount <= 0:
        raise BillingError(
            f"Interest on {invoice.number} for {due.days} days comes to less than the smallest coin; charge it later.",
            field="number",
            code=BillingErrorCode.NOT_DUE,
        )
    charges = Invoice.objects.create(
        kind=InvoiceKind.INVOICE,
        source=InvoiceSource.CHARGES,
        office=invoice.office,
        buyer_id=invoice.buyer_id,
        reference=invoice.number,
        currency=invoice.currency,
        locale=invoice.locale,
        delivery_region=invoice.delivery_region,
        created_by=by,
    )
    description = (
        f"Late-payment interest on {invoice.number}: {_day(due.first_day)} to {_day(due.period_to)},"
        f" {due.days} days at {_percent(due.rate)}% a year ({DAY_COUNT}) on {due.balance.format(invoice.locale)}"
    )
    line = InvoiceLine.objects.create(
        invoice=charges,
        position=1,
        kind=LineKind.INTEREST,
        description=description[:300],
        amount=due.amount.amount,
        rate=due.rate,
        basis=due.balance.amount,
        snapshot={
            "invoice": invoice.number,
            "from": due.first_day.isoformat(),
            "to": due.period_to.isoformat(),
            "days": due.days,
            "day_count": DAY_COUNT,
            "rate": str(due.rate),
            "balance": str(due.balance.amount),
            "rounding": "half-up to the minor unit",
        },
    )
    try:
        with transaction.atomic():
            InterestCharge.objects.create(invoice=invoice, line=line, charges=charges, period_from=due.period_from,
                                          period_to=due.period_to, days=due.days, rate=due.rate,
                                          balance=due.balance.amount, amount=due.amount.amount, by=by)  # fmt: skip
    except IntegrityError:
        raise BillingError(f"Interest on {invoice.number} from {_day(due.first_day)} is charged already.",
                           field="number", code=BillingErrorCode.STALE) from None  # fmt: skip
    totals(charges, [line])
    charges.save(update_fields=["net_total", "tax_total", "included_tax", "total"])
    return charges


# --- Overdue invoices with the interest they owe today ---------------------------------------------
@dataclass(frozen=True)
class OverdueRow:
    invoice: Invoice
    due: Money
    interest: InterestDue


def _sum_by(rows: QuerySet[Allocation] | QuerySet[Invoice], key: str, column: str) -> Subquery:
    return Subquery(
        rows.values(key).annotate(s=Sum(column)).values("s")[:1],
        output_field=DecimalField(max_digits=16, decimal_places=3),
    )


def overdue_invoices(
    offices: Iterable[Office] | None = None, *, today: dict[int, date] | None = None
) -> list[OverdueRow]:
    """Issued invoices past their due date with something still due, each with the interest it owes today
    (not yet charged), oldest due first. A fixed number of queries whatever the number of invoices."""
    paid = Allocation.objects.filter(invoice=OuterRef("pk"))
    credited = Invoice.objects.filter(credits=OuterRef("pk"), status=InvoiceStatus.ISSUED)
    last = InterestCharge.objects.filter(invoice=OuterRef("pk"))
    zero = Value(Decimal(0), output_field=DecimalField(max_digits=16, decimal_places=3))
    rows = (
        Invoice.objects.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.ISSUED, due_on__isnull=False)
        .select_related("office")
        .annotate(
            paid_sum=Coalesce(_sum_by(paid, "invoice", "amount"), zero),
            credited_sum=Coalesce(_sum_by(credited, "credits", "total"), zero),
            charged_until=Subquery(last.values("invoice").annotate(m=Max("period_to")).values("m")[:1]),
        )
        .annotate(left=F("total") - F("paid_sum") - F("credited_sum"))
        .filter(left__gt=0)
        .filter(~Q(total__lte=F("credited_sum")))
        .order_by("due_on", "number")
    )
    if offices is not None:
        rows = rows.filter(office__in=list(offices))
    rates = dict(BillingSettings.objects.values_list("office_id", "late_interest_rate"))
    days = dict(today or {})
    found = []
    for invoice in rows:
        on = days.get(invoice.office_id) or office_today(invoice.office)
        days[invoice.office_id] = on
        assert invoice.due_on is not None
        if on <= invoice.due_on:
            continue
        due = invoice.money(invoice.left)
        start = invoice.charged_until or invoice.due_on
        rate = rates.get(invoice.office_id, Decimal(0))
        found.append(
            OverdueRow(
                invoice=invoice,
                due=due,
                interest=figure(number=invoice.number, balance=due, rate=rate, start=start, on=on),
            )
        )
    return found
