"""Billing pages of the cash rules, the reporting rates and late-payment interest.

- the cash reports (finance; auditors read): to file, soonest due first, and filed; a report's page with
  the data ready to file, its CSV and JSON downloads, and the form that marks it filed;
- the reporting exchange rates, listed with their corrections, and the form finance enters them with;
- overdue invoices with the interest each owes today (finance), and the POST that charges it on a new
  charges draft (``billing:interest_charge``, which the invoice page links to by the invoice's number).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from parure.billing.choices import CashReportStatus
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.queries import invoice_by_number
from parure.billing.services import cash as services
from parure.billing.services import interest
from parure.core import policy
from parure.core.money import Money
from parure.core.policy import acting_staff

RATE_DAYS_SHOWN = 60


class RateForm(forms.Form):
    day = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    currency = forms.CharField(label="Currency", max_length=3, help_text="The currency paid: GBP, EUR, CHF…")
    quote = forms.CharField(label="Quoted in", max_length=3, help_text="The cash limit's currency: USD, EUR…")
    rate = forms.CharField(label="Rate", max_length=24, help_text="Units of the quote currency for one unit.")
    source = forms.CharField(label="Source", max_length=services.SOURCE_MAX, required=False,
                             help_text="e.g. ECB euro reference rate.")  # fmt: skip
    reason = forms.CharField(label="Why it corrects the day's rate", max_length=services.REASON_MAX, required=False,
                             help_text="Only for a second rate for the same day and pair.")  # fmt: skip


class FileForm(forms.Form):
    id_number = forms.CharField(label="Identity document number", max_length=40, required=False,
                                help_text="Read from the document the payer shows.")  # fmt: skip
    id_issued_by = forms.CharField(label="Issued by", max_length=80, required=False,
                                   help_text="The state or country that issued the document.")  # fmt: skip
    taxpayer_id = forms.CharField(label="Taxpayer identification number", max_length=11, required=False,
                                  help_text="SSN or ITIN 123-45-6789, EIN 12-3456789.")  # fmt: skip
    occupation = forms.CharField(label="Occupation, profession or business", max_length=120, required=False)
    reference = forms.CharField(label="Filing reference", max_length=services.REFERENCE_MAX,
                                help_text="As the authority acknowledged the filing.")  # fmt: skip


def _place(form: forms.Form, refusal: BillingError) -> None:
    form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)


# --- Cash reports -----------------------------------------------------------------------------------
def _row(report: Any) -> dict[str, Any]:
    locale = report.office.locale
    return {
        "report": report,
        "total": Money.of(report.total, report.currency).rounded().format(locale),
        "overdue": report.status == CashReportStatus.TO_FILE and report.due_on < timezone.localdate(),
    }


@policy.requires("billing.view_cash_reports")
@require_GET
def cash_reports(request: HttpRequest) -> HttpResponse:
    """Reports to file, soonest due first, then those filed."""
    rows = [_row(report) for report in services.cash_reports()]
    context = {
        "to_file": [row for row in rows if row["report"].status == CashReportStatus.TO_FILE],
        "filed": [row for row in rows if row["report"].status == CashReportStatus.FILED],
    }
    return render(request, "billing/cash_reports.html", context)


def _report_or_404(report_id: int) -> Any:
    try:
        return services.cash_report(report_id)
    except BillingError:
        raise Http404("No such cash report.") from None


def _report_page(request: HttpRequest, report: Any, *, form: FileForm | None = None, status: int = 200) -> HttpResponse:
    data = services.report_data(report)
    locale = report.office.locale
    context = {
        **_row(report),
        "data": data,
        "lines": [
            {
                **line,
                "shown": Money.of(line["amount"], line["currency"]).format(locale),
                "converted_shown": Money.of(line["converted"], report.currency).format(locale),
            }
            for line in data["payments"]
        ],
        "limit": Money.of(report.limit, report.currency).format(locale),
        "form": form or FileForm(),
        "may_file": request.user.has_perm("billing.file_cash_reports"),
    }
    return render(request, "billing/cash_report.html", context, status=status)


@policy.requires("billing.view_cash_reports")
@require_GET
def cash_report(request: HttpRequest, report_id: int) -> HttpResponse:
    """A report with the data ready to file: the payer, the payments added together, totals and dates."""
    return _report_page(request, _report_or_404(report_id))


@policy.requires("billing.view_cash_reports")
@require_GET
def cash_report_download(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    """The report's data as CSV or JSON, to file or to keep."""
    report = _report_or_404(report_id)
    if fmt == "csv":
        response = HttpResponse(services.report_csv(report), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        body = json.dumps(services.report_data(report), indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        raise Http404("A report downloads as csv or json.")
    response["Content-Disposition"] = f'attachment; filename="cash-report-{report.pk}.{fmt}"'
    return response


@policy.requires("billing.file_cash_reports")
@require_POST
def cash_report_file(request: HttpRequest, report_id: int) -> HttpResponse:
    """Mark the report filed with the authority's reference."""
    report = _report_or_404(report_id)
    form = FileForm(request.POST)
    if not form.is_valid():
        return _report_page(request, report, form=form, status=422)
    try:
        data = form.cleaned_data
        details = services.PayerDetails(id_number=data["id_number"], id_issued_by=data["id_issued_by"],
                                        taxpayer_id=data["taxpayer_id"], occupation=data["occupation"])  # fmt: skip
        services.cash_report_file(report=report, reference=data["reference"], by=acting_staff(request),
                                  details=details)  # fmt: skip
    except BillingError as refusal:
        _place(form, refusal)
        return _report_page(request, services.cash_report(report.pk), form=form, status=refusal.status)
    messages.success(request, f"The {report.report_name} was marked filed.")
    return redirect("billing:cash_report", report_id=report.pk)


# --- Reporting rates --------------------------------------------------------------------------------
def _rates_page(request: HttpRequest, *, form: RateForm | None = None, status: int = 200) -> HttpResponse:
    since = timezone.localdate() - timedelta(days=RATE_DAYS_SHOWN)
    context = {
        "rates": list(services.reporting_rates(since=since)),
        "since": since,
        "form": form or RateForm(initial={"day": timezone.localdate()}),
        "may_enter": request.user.has_perm("billing.manage_rates"),
    }
    return render(request, "billing/rates.html", context, status=status)


@policy.requires("billing.view_cash_reports")
@require_GET
def rates(request: HttpRequest) -> HttpResponse:
    """The reporting rates of the last 60 days, corrections included, and the form to enter one."""
    return _rates_page(request)


@policy.requires("billing.manage_rates")
@require_POST
def rate_enter(request: HttpRequest) -> HttpResponse:
    form = RateForm(request.POST)
    if not form.is_valid():
        return _rates_page(request, form=form, status=422)
    data = form.cleaned_data
    try:
        made = services.reporting_rate_enter(
            day=data["day"], currency=data["currency"], quote=data["quote"], rate=data["rate"],
            source=data["source"], reason=data["reason"], by=acting_staff(request),
        )  # fmt: skip
    except BillingError as refusal:
        _place(form, refusal)
        return _rates_page(request, form=form, status=refusal.status)
    messages.success(request, f"Entered: 1 {made.currency} = {made.rate.normalize()} {made.quote} on {made.day}.")
    return redirect("billing:rates")


# --- Late-payment interest --------------------------------------------------------------------------
def _overdue_page(request: HttpRequest, *, refusal: str = "", status: int = 200) -> HttpResponse:
    rows = [
        {
            "row": row,
            "due": row.due.format(row.invoice.locale),
            "interest": row.interest.amount.format(row.invoice.locale),
        }
        for row in interest.overdue_invoices()
    ]
    return render(request, "billing/cash_overdue.html", {"rows": rows, "refusal": refusal}, status=status)


@policy.requires("billing.charge_interest")
@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    """Overdue invoices with what is due and the interest each owes today, not yet charged."""
    return _overdue_page(request)


@policy.requires("billing.charge_interest")
@require_POST
def interest_charge(request: HttpRequest, number: str) -> HttpResponse:
    """Charge the interest the invoice owes today on a new charges draft, then open that draft."""
    try:
        invoice = invoice_by_number(number[:40])
        charges = interest.interest_charge(invoice=invoice, by=acting_staff(request))
    except BillingError as refusal:
        status = 404 if refusal.code == BillingErrorCode.UNKNOWN_INVOICE else refusal.status
        return _overdue_page(request, refusal=refusal.message, status=status)
    messages.success(request, f"Interest on {invoice.number} is on draft {charges.pk}, ready to issue.")
    return redirect("billing:invoice", number=f"draft-{charges.pk}")


urlpatterns: list[URLPattern] = [
    path("cash-reports/", cash_reports, name="cash_reports"),
    path("cash-reports/<int:report_id>/", cash_report, name="cash_report"),
    path("cash-reports/<int:report_id>/report.<str:fmt>", cash_report_download, name="cash_report_download"),
    path("cash-reports/<int:report_id>/file/", cash_report_file, name="cash_report_file"),
    path("rates/", rates, name="rates"),
    path("rates/enter/", rate_enter, name="rate_enter"),
    path("overdue/", overdue, name="overdue"),
    path("invoices/<str:number>/interest/", interest_charge, name="interest_charge"),
]
