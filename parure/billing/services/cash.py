"""The anti-money-laundering cash rule and the reporting exchange rates it converts by.

**Reporting rates** are entered by finance per day: one unit of a currency is worth ``rate`` units of the
quote currency (the saleroom's cash limit's: 1 GBP = 1.27345 USD). A rate is never edited; a correction is
a new row for the same day and pair, with its reason, and the latest row is the one in force. A report
keeps the rate it used on its lines, so a later correction never changes a report already made. Invoices
do not read these rates (a payment in another currency states its own rate).

**The cash rule** (``cash_check``, called by ``payments.payment_record`` for cash): the client's cash at
this saleroom within the window (``BillingSettings.cash_window_days``; 365 days for the US's twelve
months of related payments, the EU's and UK's linked payments likewise), not already on a report, with
the new payment, each converted at the reporting rate of its own day, is added up. At or over the limit:

- rule **refuse**: the payment is refused with the sentence, and nothing is recorded;
- rule **report**: the payment is accepted and flagged, and a ``CashReport`` made with the payer's
  identity from the client book, the payments added together, the total and the day it is due (US Form
  8300: 15 days after the payment that reached the limit; elsewhere, without delay: the same day).

Payments already on a report are not added again: the next report counts from the one after.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import list_currencies
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from parure.billing.choices import CashReportStatus, CashRule, Jurisdiction, PaymentMethod
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import BillingSettings, CashReport, CashReportPayment, Payment, ReportingRate
from parure.clients import queries as client_book
from parure.core.models import Office, Staff
from parure.core.money import Money, convert

RATE_PLACES = 8
RATE_LIMIT = Decimal("100000000")
REFERENCE_MAX = 140
REASON_MAX = 500
SOURCE_MAX = 140
#: Days after the payment that reached the limit before the report is due, by jurisdiction (US Form
#: 8300: 15 days); the others' rules say without delay, taken as the same day.
REPORT_DUE_DAYS = {Jurisdiction.US.value: 15}


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _limit_text(limit: Decimal, currency: str) -> str:
    shown = f"{limit:,.0f}" if limit == limit.to_integral_value() else f"{limit:,.2f}"
    return f"{shown} {currency}"


# --- Reporting rates --------------------------------------------------------------------------------
def _currency(text: object, *, field: str) -> str:
    code = str(text or "").strip().upper()[:12]
    if len(code) != 3 or not code.isalpha() or code not in list_currencies():
        raise BillingError(f"‘{code[:8]}’ is not a currency code such as USD.", field=field,
                           code=BillingErrorCode.INVALID_CURRENCY)  # fmt: skip
    return code


def _positive_rate(text: object) -> Decimal:
    raw = str(text if text is not None else "").strip().replace(",", "")[:40]
    try:
        rate = Decimal(raw) if not isinstance(text, float) else Decimal("NaN")
    except InvalidOperation:
        rate = Decimal("NaN")
    if not rate.is_finite() or rate <= 0 or rate >= RATE_LIMIT or rate.as_tuple().exponent < -RATE_PLACES:  # type: ignore[operator]
        raise BillingError(
            f"‘{raw[:20]}’ is not a rate; give the quote currency's units for one unit, such as 1.27345"
            f" (at most {RATE_PLACES} decimals).",
            field="rate",
            code=BillingErrorCode.INVALID,
        )
    return rate


def current_rate(day: date, currency: str, quote: str) -> ReportingRate | None:
    """The rate in force for ``day`` and the pair: the latest recorded."""
    return ReportingRate.objects.filter(day=day, currency=currency, quote=quote).order_by("-recorded_at", "-id").first()


@transaction.atomic
def reporting_rate_enter(
    *, day: object, currency: str, quote: str, rate: str | Decimal, by: Staff, source: str = "", reason: str = ""
) -> ReportingRate:
    """Enter the reporting rate of ``currency`` in ``quote`` for ``day`` (not after today). A second rate for
    the same day and pair corrects the first and needs the reason."""
    if not isinstance(day, date):
        raise BillingError("Give the day the rate is for.", field="day", code=BillingErrorCode.REQUIRED)
    if day > timezone.localdate() + timedelta(days=1):
        raise BillingError("A reporting rate is for a day that has come; check the date.", field="day",
                           code=BillingErrorCode.INVALID)  # fmt: skip
    code = _currency(currency, field="currency")
    against = _currency(quote, field="quote")
    if code == against:
        raise BillingError(f"A rate is of one currency in another; {code} in {code} is always 1.", field="quote",
                           code=BillingErrorCode.INVALID_CURRENCY)  # fmt: skip
    value = _positive_rate(rate)
    source = (source or "").strip()
    reason = (reason or "").strip()
    if len(source) > SOURCE_MAX:
        raise BillingError(f"The source is longer than {SOURCE_MAX} characters.", field="source",
                           code=BillingErrorCode.TOO_LONG)  # fmt: skip
    if len(reason) > REASON_MAX:
        raise BillingError(f"The reason is longer than {REASON_MAX} characters.", field="reason",
                           code=BillingErrorCode.TOO_LONG)  # fmt: skip
    # Two people entering the same day's rate: the second sees the first and must say why it corrects it.
    list(ReportingRate.objects.select_for_update().filter(day=day, currency=code, quote=against))
    earlier = current_rate(day, code, against)
    if earlier is not None and not reason:
        raise BillingError(
            f"{code} in {against} for {_day(day)} is entered already (1 {code} = {earlier.rate.normalize()} {against});"
            " say why this rate corrects it.",
            field="reason",
            code=BillingErrorCode.REASON_REQUIRED,
        )
    return ReportingRate.objects.create(day=day, currency=code, quote=against, rate=value, source=source,
                                        reason=reason, corrects=earlier, recorded_by=by)  # fmt: skip


def reporting_rates(*, since: date | None = None) -> QuerySet[ReportingRate]:
    """Every rate recorded (corrections included), newest day first, with who recorded it."""
    rows = ReportingRate.objects.select_related("recorded_by", "corrects")
    if since is not None:
        rows = rows.filter(day__gte=since)
    return rows.order_by("-day", "currency", "quote", "-recorded_at", "-id")


# --- The cash rule ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CashLine:
    """A cash payment added up: ``payment`` is None for the one being recorded."""

    payment: Payment | None
    received_on: date
    amount: Money
    rate: Decimal | None
    converted: Money


@dataclass(frozen=True)
class CashCheck:
    """The client's cash in the window with the new payment, in the limit's currency."""

    rules: BillingSettings
    lines: tuple[CashLine, ...]
    total: Money
    window_from: date

    @property
    def limit(self) -> Money:
        return Money.of(self.rules.cash_limit, self.rules.cash_limit_currency)

    @property
    def reached(self) -> bool:
        return self.total >= self.limit

    @property
    def report(self) -> bool:
        return self.reached and self.rules.cash_rule == CashRule.REPORT


def _converted(amount: Money, day: date, quote: str) -> tuple[Decimal | None, Money]:
    if amount.currency == quote:
        return None, amount
    found = current_rate(day, amount.currency, quote)
    if found is None:
        raise BillingError(
            f"There is no reporting rate for {amount.currency} on {_day(day)}; finance must enter that day's"
            f" {amount.currency} to {quote} rate on the reporting rates page before this cash is taken.",
            field="received_on",
            code=BillingErrorCode.NO_RATE,
        )
    return found.rate, convert(amount, found.rate, quote)


def cash_check(*, office: Office, client_id: int, amount: Money, received_on: date) -> CashCheck:
    """Add the client's unreported cash at ``office`` within the window to ``amount`` (call inside the
    recording transaction: it locks the saleroom's settings so two cash payments are added one after the
    other). Refused, under the refuse rule, when the total reaches the limit; a missing rate is refused."""
    rules = BillingSettings.objects.select_for_update().filter(office=office).first()
    if rules is None:
        raise BillingError(
            f"{office.name} has no billing settings yet; an administrator must enter them first.",
            code=BillingErrorCode.NO_SETTINGS,
        )
    quote = rules.cash_limit_currency
    window_from = received_on - timedelta(days=max(rules.cash_window_days, 1) - 1)
    reported = CashReportPayment.objects.values("payment_id")
    earlier = (
        Payment.objects.filter(
            office=office, client_id=client_id, method=PaymentMethod.CASH, received_on__gte=window_from
        )
        .exclude(pk__in=reported)
        .order_by("received_on", "pk")
    )
    lines = []
    for payment in earlier:
        paid = Money.of(payment.amount, payment.currency)
        rate, converted = _converted(paid, payment.received_on, quote)
        lines.append(CashLine(payment, payment.received_on, paid, rate, converted))
    rate, converted = _converted(amount, received_on, quote)
    lines.append(CashLine(None, received_on, amount, rate, converted))
    total = sum((line.converted for line in lines), Money.of(0, quote))
    check = CashCheck(rules=rules, lines=tuple(lines), total=total, window_from=window_from)
    if check.reached and rules.cash_rule == CashRule.REFUSE:
        since = min(line.received_on for line in lines)
        raise BillingError(
            f"Cash of {total.format(office.locale)} with this client's payments since {_day(since)} reaches the"
            f" {_limit_text(rules.cash_limit, quote)} limit; take it by wire or card.",
            field="amount",
            code=BillingErrorCode.CASH_LIMIT,
        )
    return check


def _party(client_id: int, today: date) -> dict[str, Any]:
    party = client_book.cash_report_party(client_id, today=today)
    return {
        "number": party.number,
        "name": party.name,
        "kind": party.kind,
        "address": party.address,
        "country": party.country,
        "date_of_birth": party.date_of_birth.isoformat() if party.date_of_birth else "",
        "id_document": party.id_document,
        "id_document_expires_on": party.id_document_expires_on.isoformat() if party.id_document_expires_on else "",
        "kyc_status": party.kyc_status,
        "kyc_verified_on": party.kyc_verified_on.isoformat() if party.kyc_verified_on else "",
    }


def cash_report_make(*, check: CashCheck, payment: Payment, by: Staff) -> CashReport:
    """The report for cash that reached the limit under the report rule (inside the recording transaction)."""
    rules = check.rules
    report = CashReport.objects.create(
        office_id=payment.office_id,
        client_id=payment.client_id,
        report_name=rules.cash_report_name or "Cash transaction report",
        jurisdiction=rules.jurisdiction,
        payment=payment,
        payer=_party(payment.client_id, payment.received_on),
        limit=rules.cash_limit,
        currency=rules.cash_limit_currency,
        total=check.total.amount,
        window_from=min(line.received_on for line in check.lines),
        due_on=payment.received_on + timedelta(days=REPORT_DUE_DAYS.get(rules.jurisdiction, 0)),
        created_by=by,
    )
    CashReportPayment.objects.bulk_create(
        CashReportPayment(
            report=report,
            payment=line.payment or payment,
            received_on=line.received_on,
            amount=line.amount.amount,
            currency=line.amount.currency,
            rate=line.rate,
            converted=line.converted.amount,
        )
        for line in check.lines
    )
    return report


@dataclass(frozen=True)
class PayerDetails:
    """What a report asks of the payer that the client book does not keep: the identity document's number
    and issuer as read from the document, the taxpayer identification number and the occupation."""

    id_number: str = ""
    id_issued_by: str = ""
    taxpayer_id: str = ""
    occupation: str = ""


#: (field, label, longest) of each detail, as the report and the filing form name them.
PAYER_DETAILS = (
    ("id_number", "The identity document's number", 40),
    ("id_issued_by", "The document's issuer", 80),
    ("taxpayer_id", "The taxpayer identification number", 11),
    ("occupation", "The occupation", 120),
)
_TIN = re.compile(r"^(\d{3}-?\d{2}-?\d{4}|\d{2}-\d{7})$")


def _taxpayer_id(text: str) -> str:
    """A US taxpayer identification number as Form 8300 prints it: an SSN or ITIN 123-45-6789, an EIN 12-3456789."""
    if not _TIN.match(text):
        raise BillingError(
            "A taxpayer identification number has 9 digits: 123-45-6789 for an SSN or ITIN, 12-3456789 for an EIN.",
            field="taxpayer_id",
            code=BillingErrorCode.INVALID,
        )
    digits = text.replace("-", "")
    return text if text[2] == "-" else f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def _checked_details(report: CashReport, details: PayerDetails) -> PayerDetails:
    """The details bounded and, under the US rule, complete: Form 8300 asks for the document's number and
    issuer and the occupation of every payer, and the TIN of a payer with a US address (a non-resident
    alien without one is identified by the passport or alien registration card, which is the document)."""
    values: dict[str, str] = {}
    for name, label, longest in PAYER_DETAILS:
        text = " ".join(str(getattr(details, name) or "").split())
        if len(text) > longest:
            raise BillingError(f"{label} is longer than {longest} characters.", field=name,
                               code=BillingErrorCode.TOO_LONG)  # fmt: skip
        values[name] = text
    if report.jurisdiction == Jurisdiction.US:
        needs_tin = str(report.payer.get("country", "")) in ("", "US")
        for name, label, _ in PAYER_DETAILS:
            if not values[name] and (name != "taxpayer_id" or needs_tin):
                raise BillingError(f"{label} is needed for the {report.report_name}; ask the payer.", field=name,
                                   code=BillingErrorCode.REQUIRED)  # fmt: skip
    if values["taxpayer_id"]:
        values["taxpayer_id"] = _taxpayer_id(values["taxpayer_id"])
    return PayerDetails(**values)


@transaction.atomic
def cash_report_file(
    *, report: CashReport, reference: str, by: Staff, details: PayerDetails | None = None
) -> CashReport:
    """Mark ``report`` filed with the authority's reference (the BSA e-filing's, a receipt number) and the
    payer's ``details`` the report asks for (required under the US rule)."""
    report = CashReport.objects.select_for_update().get(pk=report.pk)
    if report.status == CashReportStatus.FILED:
        raise BillingError(
            f"This report was filed already (reference {report.filing_reference}).",
            code=BillingErrorCode.REFUSED,
        )
    text = (reference or "").strip()
    if not text:
        raise BillingError("Give the filing's reference, as the authority acknowledged it.", field="reference",
                           code=BillingErrorCode.REQUIRED)  # fmt: skip
    if len(text) > REFERENCE_MAX:
        raise BillingError(f"The reference is longer than {REFERENCE_MAX} characters.", field="reference",
                           code=BillingErrorCode.TOO_LONG)  # fmt: skip
    checked = _checked_details(report, details or PayerDetails())
    report.status = CashReportStatus.FILED
    report.filing_reference = text
    report.filed_at = timezone.now()
    report.filed_by = by
    for name, _, _ in PAYER_DETAILS:
        setattr(report, f"payer_{name}", getattr(checked, name))
    report.save(update_fields=["status", "filing_reference", "filed_at", "filed_by",
                               *(f"payer_{name}" for name, _, _ in PAYER_DETAILS)])  # fmt: skip
    return report


# --- Reading reports --------------------------------------------------------------------------------
def cash_reports(*, status: str = "") -> QuerySet[CashReport]:
    """Reports to file (soonest due first) and filed, with their saleroom and who filed them."""
    rows = CashReport.objects.select_related("office", "filed_by", "payment")
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("status", "due_on", "pk")


def cash_report(pk: object) -> CashReport:
    try:
        number = int(str(pk))
    except ValueError:
        number = 0
    if not 0 < number < 2**63:
        number = 0
    found = (
        CashReport.objects.select_related("office", "filed_by", "created_by", "payment")
        .prefetch_related("lines")
        .filter(pk=number)
        .first()
    )
    if found is None:
        raise BillingError("No such cash report.", code=BillingErrorCode.UNKNOWN_RECORD)
    return found


LINE_COLUMNS = ("received_on", "amount", "currency", "rate", "converted")


def report_data(report: CashReport) -> dict[str, Any]:
    """The report ready to file: the payer, the payments added together, the totals and the dates."""
    lines: Sequence[CashReportPayment] = list(report.lines.all())
    return {
        "report": report.report_name,
        "jurisdiction": report.jurisdiction,
        "saleroom": report.office.name,
        "payer": {**report.payer, **{name: getattr(report, f"payer_{name}") for name, _, _ in PAYER_DETAILS}},
        "limit": f"{report.limit:.2f}",
        "currency": report.currency,
        "total": f"{Money.of(report.total, report.currency).rounded().amount}",
        "window_from": report.window_from.isoformat(),
        "received_on": report.payment.received_on.isoformat(),
        "due_on": report.due_on.isoformat(),
        "status": report.status,
        "filing_reference": report.filing_reference,
        "payments": [
            {
                "received_on": line.received_on.isoformat(),
                "amount": f"{Money.of(line.amount, line.currency).rounded().amount}",
                "currency": line.currency,
                "rate": f"{line.rate.normalize()}" if line.rate is not None else "",
                "converted": f"{Money.of(line.converted, report.currency).rounded().amount}",
            }
            for line in lines
        ],
    }


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_csv(report: CashReport) -> str:
    """The report as CSV: the payer's fields first (field, value), then a row per payment."""
    data = report_data(report)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["field", "value"])
    for key in ("report", "jurisdiction", "saleroom", "limit", "currency", "total", "window_from", "received_on",
                "due_on", "status", "filing_reference"):  # fmt: skip
        writer.writerow([key, _cell(data[key])])
    for key, value in data["payer"].items():
        writer.writerow([f"payer_{key}", _cell(value)])
    writer.writerow([])
    writer.writerow(LINE_COLUMNS)
    for line in data["payments"]:
        writer.writerow([line[column] for column in LINE_COLUMNS])
    return out.getvalue()
