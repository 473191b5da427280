"""Billing API of the cash rules, the reporting rates and late-payment interest. Amounts travel as
strings in their currency; rates as decimal strings (units of the quote currency for one unit)."""

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.queries import invoice_by_number
from parure.billing.services import cash as services
from parure.billing.services import interest
from parure.billing.services.invoices import office_today
from parure.core.api import requires
from parure.core.policy import acting_staff

router = Router()


class CashReportLineOut(Schema):
    received_on: str
    amount: str
    currency: str
    rate: str = Field(description="The reporting rate used; empty when paid in the limit's currency.")
    converted: str


class CashReportOut(Schema):
    id: int
    report: str
    jurisdiction: str
    saleroom: str
    payer: dict[str, str]
    limit: str
    currency: str
    total: str
    window_from: str
    received_on: str
    due_on: str
    status: str
    filing_reference: str
    payments: list[CashReportLineOut]


class FileIn(Schema):
    reference: Annotated[str, Field(max_length=services.REFERENCE_MAX)]
    id_number: Annotated[str, Field(max_length=40)] = ""
    id_issued_by: Annotated[str, Field(max_length=80)] = ""
    taxpayer_id: Annotated[str, Field(max_length=11)] = ""
    occupation: Annotated[str, Field(max_length=120)] = ""


class RateOut(Schema):
    id: int
    day: date
    currency: str
    quote: str
    rate: str
    source: str
    reason: str
    corrects: int | None
    recorded_at: datetime
    recorded_by: str


class RateIn(Schema):
    day: date
    currency: Annotated[str, Field(max_length=3)]
    quote: Annotated[str, Field(max_length=3)]
    rate: Annotated[str, Field(max_length=24)]
    source: Annotated[str, Field(max_length=services.SOURCE_MAX)] = ""
    reason: Annotated[str, Field(max_length=services.REASON_MAX)] = ""


class InterestOut(Schema):
    invoice: str
    balance: str
    currency: str
    rate: str
    first_day: date
    period_to: date
    days: int
    day_count: str
    amount: str


class ChargesOut(Schema):
    draft: str = Field(description="The new charges draft, as the invoice pages name it: draft-<id>.")
    id: int
    currency: str
    total: str
    description: str


def report_out(report: Any) -> dict[str, Any]:
    return {"id": report.pk, **services.report_data(report)}


def _report(report_id: int) -> Any:
    return services.cash_report(report_id)


def rate_out(rate: Any) -> dict[str, Any]:
    return {
        "id": rate.pk,
        "day": rate.day,
        "currency": rate.currency,
        "quote": rate.quote,
        "rate": f"{rate.rate.normalize():f}",
        "source": rate.source,
        "reason": rate.reason,
        "corrects": rate.corrects_id,
        "recorded_at": rate.recorded_at,
        "recorded_by": rate.recorded_by.get_full_name() or str(rate.recorded_by),
    }


def interest_out(due: interest.InterestDue) -> dict[str, Any]:
    return {
        "invoice": due.number,
        "balance": str(due.balance.rounded().amount),
        "currency": due.balance.currency,
        "rate": str(due.rate.normalize()),
        "first_day": due.first_day,
        "period_to": due.period_to,
        "days": due.days,
        "day_count": due.day_count,
        "amount": str(due.amount.amount),
    }


@router.get("/cash-reports", response=list[CashReportOut], operation_id="billing_cash_reports")
@requires("billing.view_cash_reports")
def cash_reports(request: HttpRequest, status: Annotated[str, Field(max_length=8)] = "") -> list[dict[str, Any]]:
    if status not in ("", "to_file", "filed"):
        raise BillingError("Ask for reports to_file or filed.", field="status", code=BillingErrorCode.INVALID)
    rows = services.cash_reports(status=status).prefetch_related("lines")
    return [report_out(report) for report in rows]


@router.get("/cash-reports/{report_id}", response=CashReportOut, operation_id="billing_cash_report")
@requires("billing.view_cash_reports")
def cash_report(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return report_out(_report(report_id))


@router.post("/cash-reports/{report_id}/file", response=CashReportOut, operation_id="billing_cash_report_file")
@requires("billing.file_cash_reports")
def cash_report_file(request: HttpRequest, report_id: int, payload: FileIn) -> dict[str, Any]:
    details = services.PayerDetails(id_number=payload.id_number, id_issued_by=payload.id_issued_by,
                                    taxpayer_id=payload.taxpayer_id, occupation=payload.occupation)  # fmt: skip
    filed = services.cash_report_file(report=_report(report_id), reference=payload.reference,
                                      by=acting_staff(request), details=details)  # fmt: skip
    return report_out(_report(filed.pk))


@router.get("/reporting-rates", response=list[RateOut], operation_id="billing_reporting_rates")
@requires("billing.view_cash_reports")
def reporting_rates(request: HttpRequest, since: date | None = None) -> list[dict[str, Any]]:
    return [rate_out(rate) for rate in services.reporting_rates(since=since)[:1000]]


@router.post("/reporting-rates", response={201: RateOut}, operation_id="billing_reporting_rate_create")
@requires("billing.manage_rates")
def reporting_rate_create(request: HttpRequest, payload: RateIn) -> Status[dict[str, Any]]:
    made = services.reporting_rate_enter(
        day=payload.day, currency=payload.currency, quote=payload.quote, rate=payload.rate, source=payload.source,
        reason=payload.reason, by=acting_staff(request),
    )  # fmt: skip
    return Status(201, rate_out(made))


@router.get("/overdue-invoices", response=list[InterestOut], operation_id="billing_overdue_invoices")
@requires("billing.charge_interest")
def overdue_invoices(request: HttpRequest) -> list[dict[str, Any]]:
    return [interest_out(row.interest) for row in interest.overdue_invoices()]


@router.get("/invoices/{number}/interest", response=InterestOut, operation_id="billing_interest_due")
@requires("billing.charge_interest")
def interest_due(request: HttpRequest, number: str) -> dict[str, Any]:
    invoice = invoice_by_number(number[:40])
    return interest_out(interest.interest_due(invoice, office_today(invoice.office)))


@router.post("/invoices/{number}/interest", response={201: ChargesOut}, operation_id="billing_interest_charge")
@requires("billing.charge_interest")
def interest_charge(request: HttpRequest, number: str) -> Status[dict[str, Any]]:
    charges = interest.interest_charge(invoice=invoice_by_number(number[:40]), by=acting_staff(request))
    line = charges.lines.get()
    return Status(
        201,
        {
            "draft": f"draft-{charges.pk}",
            "id": charges.pk,
            "currency": charges.currency,
            "total": str(charges.money(charges.total).rounded().amount),
            "description": line.description,
        },
    )
