"""Billing pages: reconciliation and the books — bank statements (import with the CSV column mapping, a
statement's lines with their suggestions, confirm / match by hand / park), the queue of lines nothing
matched, aged receivables (and their Excel export), the daily cash close with its check, and the ledger
account mapping with the accounting export."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.billing import accounts, statement_jobs, statements
from parure.billing.choices import AccountKeyKind, StatementFormat
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import CashClose, Statement, StatementLine
from parure.billing.services import reconciliation as services
from parure.billing.services.invoices import office_today
from parure.core import exports, policy
from parure.core.errors import DomainError
from parure.core.models import BackgroundJob, Office
from parure.core.policy import acting_staff
from parure.core.uploads import upload_bytes

STASH = "billing.statement.import"
PREVIEW_ROWS = 5


def _show(form: forms.BaseForm, error: DomainError[Any]) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _office_of(staff: Any) -> Office:
    try:
        return services.office_of(staff)
    except BillingError as refusal:
        raise PermissionDenied(refusal.message) from None


def _statement(statement_id: int) -> Statement:
    try:
        return services.statement_by_id(statement_id)
    except BillingError as refusal:
        raise Http404(refusal.message) from None


def _line(statement: Statement, position: int) -> StatementLine:
    try:
        return services.line_of(statement, position)
    except BillingError as refusal:
        raise Http404(refusal.message) from None


def _close(close_id: int) -> CashClose:
    try:
        return services.close_by_id(close_id)
    except BillingError as refusal:
        raise Http404(refusal.message) from None


# --- Forms ------------------------------------------------------------------------------------------
class UploadForm(forms.Form):
    format = forms.ChoiceField(label="Format", choices=StatementFormat.choices, initial=StatementFormat.CAMT053)
    # An empty file is the import's to refuse, with its own sentence.
    file = forms.FileField(label="The bank's statement", required=False, allow_empty_file=True)
    account = forms.CharField(
        label="Bank account (CSV only)",
        required=False,
        max_length=statements.ACCOUNT_MAX,
        help_text="Its IBAN or number; a CAMT.053 file names its own account.",
    )
    currency = forms.CharField(label="Account currency (CSV only)", required=False, max_length=3)


def _column_choices(header: list[str]) -> list[tuple[str, str]]:
    return [("", "— not in this file —"), *((name, name) for name in header if name)]


class MappingForm(forms.Form):
    date_format = forms.ChoiceField(
        label="Date format", choices=[(key, f"{key} ({example})") for key, example in statements.DATE_FORMATS.items()]
    )
    decimal_separator = forms.ChoiceField(
        label="Decimal separator", choices=list(statements.DECIMAL_SEPARATORS.items())
    )

    def __init__(self, *args: Any, header: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for ours, label in statements.CSV_FIELDS.items():
            self.fields[ours] = forms.ChoiceField(label=label, choices=_column_choices(header), required=False)

    def mapping(self) -> statements.CsvMapping:
        return statements.CsvMapping(
            columns={ours: self.cleaned_data.get(ours, "") for ours in statements.CSV_FIELDS},
            date_format=self.cleaned_data["date_format"],
            decimal_separator=self.cleaned_data["decimal_separator"],
        )


class MatchForm(forms.Form):
    invoice = forms.CharField(label="Invoice number", max_length=40)
    rate = forms.CharField(label="Rate, if another currency", max_length=20, required=False)


class ParkForm(forms.Form):
    reason = forms.CharField(label="Why it is set aside", max_length=services.REASON_MAX)


class CloseForm(forms.Form):
    day = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    currency = forms.CharField(label="Currency", max_length=3)
    counted_cash = forms.CharField(label="Cash counted in the drawer", max_length=20)
    card_total = forms.CharField(label="Card terminal's total", max_length=20)
    note = forms.CharField(label="Note", required=False, max_length=services.NOTE_MAX)


class AccountForm(forms.Form):
    key = forms.CharField(max_length=40)
    code = forms.CharField(label="Account code", max_length=20)
    name = forms.CharField(label="Account name", max_length=120)


class ExportForm(forms.Form):
    starts_on = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(label="Format", choices=[("csv", "CSV"), ("xlsx", "Excel")], initial="xlsx")


# --- Statements ---------------------------------------------------------------------------------------
@policy.requires("billing.view_reconciliation")
@require_GET
def statements_page(request: HttpRequest) -> HttpResponse:
    rows = list(services.statements_list()[:200])
    return render(request, "billing/reconciliation_statements.html", {"statements": rows})


@policy.requires("billing.reconcile")
@require_http_methods(["GET", "POST"])
def statement_import(request: HttpRequest) -> HttpResponse:
    """Step one: the file. A CAMT.053 file is imported at once (a large one by a background job, whose page
    follows it); a CSV goes on to its column mapping."""
    staff = acting_staff(request)
    form = UploadForm(request.POST or None, request.FILES or None, initial={"currency": _office_of(staff).currency})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = upload_bytes(request, upload, limit=statements.MAX_BYTES)
            if content is None:
                raise statements.StatementRefused("Choose the bank's statement file.")
            filename = (upload.name or "")[:200] if upload is not None else ""
            if form.cleaned_data["format"] == StatementFormat.CAMT053:
                outcome = statement_jobs.statement_receive(
                    office=_office_of(staff),
                    content=content,
                    filename=filename,
                    by=staff,
                    format=StatementFormat.CAMT053,
                )
                return _imported(request, outcome)
            account = form.cleaned_data["account"].strip()
            if not account:
                raise statements.StatementRefused("Name the bank account the CSV is of.", field="account")
            sheet = statements.read_csv_sheet(content)
        except DomainError as refusal:
            _show(form, refusal)
        else:
            request.session[STASH] = {
                "filename": filename,
                "account": account,
                "currency": (form.cleaned_data["currency"] or _office_of(staff).currency).strip().upper()[:3],
                "content": base64.b64encode(content).decode("ascii"),
                "header": sheet.header,
                "preview": [values for _, values in sheet.rows[:PREVIEW_ROWS]],
                "rows": len(sheet.rows),
            }
            return redirect("billing:statement_import_mapping")
    return render(
        request,
        "billing/reconciliation_import.html",
        {
            "form": form,
            "max_entries": statements.MAX_ENTRIES,
            "background_entries": statement_jobs.BACKGROUND_ENTRIES,
            "background_kb": statement_jobs.BACKGROUND_BYTES // 1024,
        },
        status=422 if form.errors else 200,
    )


@policy.requires("billing.reconcile")
@require_http_methods(["GET", "POST"])
def statement_import_mapping(request: HttpRequest) -> HttpResponse:
    """Step two for a CSV: its columns mapped to ours, with the date format and decimal separator; the file's
    header and first rows shown; the account's last mapping proposed."""
    staff = acting_staff(request)
    stash = request.session.get(STASH)
    if not isinstance(stash, dict):
        messages.info(request, "Upload the bank's CSV first.")
        return redirect("billing:statement_import")
    header = [str(name) for name in stash["header"]]
    remembered = services.mapping_for(_office_of(staff), str(stash["account"]))
    if remembered is not None:
        initial: dict[str, str] = {
            "date_format": remembered.date_format,
            "decimal_separator": remembered.decimal_separator,
        } | {key: value for key, value in remembered.columns.items() if value in header}
    else:
        initial = statements.propose_columns(header) | {"date_format": "%Y-%m-%d", "decimal_separator": "."}
    form = MappingForm(request.POST or None, header=header, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = statement_jobs.statement_receive(
                office=_office_of(staff),
                content=base64.b64decode(stash["content"]),
                filename=str(stash["filename"]),
                by=staff,
                format=StatementFormat.CSV,
                account=str(stash["account"]),
                currency=str(stash["currency"]),
                mapping=form.mapping(),
                entries=int(stash["rows"]),
            )
        except DomainError as refusal:
            _show(form, refusal)
        else:
            request.session.pop(STASH, None)
            return _imported(request, outcome)
    return render(
        request,
        "billing/reconciliation_mapping.html",
        {"form": form, "stash": stash, "header": header, "preview": stash.get("preview", []), "remembered": remembered},
        status=422 if form.errors else 200,
    )


def _imported(request: HttpRequest, outcome: services.ImportResult | BackgroundJob) -> HttpResponse:
    """To the statement imported, or to the job's page, which polls its progress and links to the statement."""
    if isinstance(outcome, BackgroundJob):
        return redirect("core:job", job_id=outcome.pk)
    messages.success(request, outcome.summary)
    return redirect("billing:statement", statement_id=outcome.statement.pk)


def _statement_page(
    request: HttpRequest, statement: Statement, *, refusal: tuple[int, str] | None = None, status: int = 200
) -> HttpResponse:
    rows = services.statement_lines(statement)
    return render(
        request,
        "billing/reconciliation_statement.html",
        {"statement": statement, "rows": rows, "refusal": refusal, "states": _state_counts(rows)},
        status=status,
    )


def _state_counts(rows: list[services.LineView]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state.label] = counts.get(row.state.label, 0) + 1
    return counts


@policy.requires("billing.view_reconciliation")
@require_GET
def statement(request: HttpRequest, statement_id: int) -> HttpResponse:
    return _statement_page(request, _statement(statement_id))


def _decide(request: HttpRequest, statement_id: int, position: int, action: str) -> HttpResponse:
    found = _statement(statement_id)
    line = _line(found, position)
    staff = acting_staff(request)
    try:
        if action == "park":
            park = ParkForm(request.POST)
            if not park.is_valid():
                raise BillingError("Say why this line is set aside.", field="reason", code=BillingErrorCode.REQUIRED)
            services.line_park(line=line, reason=park.cleaned_data["reason"], by=staff)
            said = f"Line {position} is set aside."
        else:
            match = MatchForm(request.POST)
            if not match.is_valid():
                raise BillingError("Give the invoice number.", field="invoice", code=BillingErrorCode.REQUIRED)
            number = match.cleaned_data["invoice"]
            if action == "confirm":
                decision = services.line_confirm(line=line, invoice_number=number, by=staff)
            else:
                decision = services.line_match(line=line, invoice_number=number, by=staff,
                                               rate=match.cleaned_data["rate"] or None)  # fmt: skip
            matched = decision.invoice.number if decision.invoice else number
            said = f"Line {position} matched to {matched}; payment recorded."
    except DomainError as refusal:
        return _statement_page(request, found, refusal=(position, refusal.message), status=refusal.status)
    messages.success(request, said)
    target = request.POST.get("next", "")
    if target == "queue":
        return redirect("billing:reconciliation_queue")
    return redirect("billing:statement", statement_id=found.pk)


@policy.requires("billing.reconcile")
@require_POST
def statement_line_confirm(request: HttpRequest, statement_id: int, position: int) -> HttpResponse:
    return _decide(request, statement_id, position, "confirm")


@policy.requires("billing.reconcile")
@require_POST
def statement_line_match(request: HttpRequest, statement_id: int, position: int) -> HttpResponse:
    return _decide(request, statement_id, position, "match")


@policy.requires("billing.reconcile")
@require_POST
def statement_line_park(request: HttpRequest, statement_id: int, position: int) -> HttpResponse:
    return _decide(request, statement_id, position, "park")


@policy.requires("billing.view_reconciliation")
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """Every credit line that nothing matched and nobody decided about yet, oldest first."""
    rows = services.unmatched_queue()
    return render(request, "billing/reconciliation_queue.html", {"rows": rows})


# --- Aged receivables -------------------------------------------------------------------------------
@policy.requires("billing.view_reconciliation")
@require_GET
def receivables(request: HttpRequest) -> HttpResponse:
    """The balance due by buyer in buckets past the due date, per office and currency (?on=, ?format=xlsx)."""
    typed = request.GET.get("on", "")[:10]
    on: date | None = None
    refusal = ""
    if typed:
        try:
            on = date.fromisoformat(typed)
        except ValueError:
            refusal = f"‘{typed}’ is not a date such as 2026-12-31."
    groups = accounts.aged_receivables(on=on)
    if request.GET.get("format") == "xlsx" and not refusal:
        content = exports.xlsx_bytes([accounts.receivables_sheet(groups)])
        response = HttpResponse(content, content_type=exports.XLSX_TYPE)
        stamp = (on or office_today(_office_of(acting_staff(request)))).isoformat()
        response["Content-Disposition"] = f'attachment; filename="aged-receivables-{stamp}.xlsx"'
        return response
    return render(
        request,
        "billing/receivables.html",
        {"groups": groups, "buckets": accounts.BUCKETS, "on": typed, "refusal": refusal},
        status=422 if refusal else 200,
    )


# --- The daily cash close ---------------------------------------------------------------------------
def _closes_page(request: HttpRequest, form: CloseForm | None = None, *, status: int = 200) -> HttpResponse:
    staff = acting_staff(request)
    today = office_today(_office_of(staff))
    form = form or CloseForm(initial={"day": today, "currency": _office_of(staff).currency})
    rows = list(services.closes_list()[:100])
    totals = services.day_totals(office=_office_of(staff), day=today, currency=_office_of(staff).currency)
    return render(
        request, "billing/cash_closes.html", {"form": form, "closes": rows, "today": today, "totals": totals},
        status=status,
    )  # fmt: skip


@policy.requires("billing.view_cash_closes")
@require_GET
def cash_closes(request: HttpRequest) -> HttpResponse:
    return _closes_page(request)


@policy.requires("billing.close_cash")
@require_POST
def cash_close_new(request: HttpRequest) -> HttpResponse:
    staff = acting_staff(request)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            close = services.cash_close(
                office=_office_of(staff),
                day=form.cleaned_data["day"],
                currency=form.cleaned_data["currency"],
                counted_cash=form.cleaned_data["counted_cash"],
                card_total=form.cleaned_data["card_total"],
                note=form.cleaned_data["note"],
                by=staff,
            )
        except DomainError as refusal:
            _show(form, refusal)
        else:
            messages.success(request, f"{close.day:%-d %b %Y} is closed; a second person checks it next.")
            return redirect("billing:cash_close", close_id=close.pk)
    return _closes_page(request, form, status=422)


def _close_page(request: HttpRequest, close: CashClose, *, refusal: str = "", status: int = 200) -> HttpResponse:
    return render(
        request, "billing/cash_close.html", {"view": services.close_view(close), "close": close, "refusal": refusal},
        status=status,
    )  # fmt: skip


@policy.requires("billing.view_cash_closes")
@require_GET
def cash_close(request: HttpRequest, close_id: int) -> HttpResponse:
    return _close_page(request, _close(close_id))


@policy.requires("billing.check_cash")
@require_POST
def cash_close_check(request: HttpRequest, close_id: int) -> HttpResponse:
    close = _close(close_id)
    try:
        checked = services.cash_close_check(close=close, by=acting_staff(request))
    except DomainError as refusal:
        return _close_page(request, close, refusal=refusal.message, status=refusal.status)
    messages.success(request, f"{checked.day:%-d %b %Y} is checked.")
    return redirect("billing:cash_close", close_id=checked.pk)


# --- Ledger accounts and the export -------------------------------------------------------------------
def _accounts_page(
    request: HttpRequest, *, export: ExportForm | None = None, refusal: str = "", status: int = 200
) -> HttpResponse:
    today = office_today(_office_of(acting_staff(request)))
    return render(
        request,
        "billing/reconciliation_accounts.html",
        {
            "rows": accounts.mapping_rows(),
            "kinds": dict(AccountKeyKind.choices),
            "export": export or ExportForm(initial={"starts_on": today.replace(day=1), "ends_on": today}),
            "refusal": refusal,
        },
        status=status,
    )


@policy.requires("billing.export_accounts")
@require_GET
def account_mapping(request: HttpRequest) -> HttpResponse:
    return _accounts_page(request)


@policy.requires("billing.manage_accounts")
@require_POST
def account_mapping_set(request: HttpRequest) -> HttpResponse:
    form = AccountForm(request.POST)
    kind, _, key = str(request.POST.get("key", "")).partition(":")
    if not form.is_valid():
        return _accounts_page(request, refusal="Give the account's code and name.", status=422)
    try:
        mapped = services.account_map(key_kind=kind, key=key, code=form.cleaned_data["code"],
                                      name=form.cleaned_data["name"], by=acting_staff(request))  # fmt: skip
    except DomainError as refusal:
        return _accounts_page(request, refusal=refusal.message, status=refusal.status)
    messages.success(request, f"Mapped to {mapped.code} {mapped.name}.")
    return redirect("billing:account_mapping")


@policy.requires("billing.export_accounts")
@require_GET
def accounts_export(request: HttpRequest) -> HttpResponse:
    """The postings of a date range as CSV or Excel; a missing account refuses it by name."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _accounts_page(request, export=form, status=422)
    starts_on, ends_on = form.cleaned_data["starts_on"], form.cleaned_data["ends_on"]
    try:
        rows = accounts.postings(starts_on=starts_on, ends_on=ends_on)
    except DomainError as refusal:
        return _accounts_page(request, export=form, refusal=refusal.message, status=refusal.status)
    name = f"postings-{starts_on.isoformat()}-{ends_on.isoformat()}"
    if form.cleaned_data["format"] == "csv":
        response = HttpResponse(accounts.postings_csv(rows), content_type=exports.CSV_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(accounts.postings_xlsx(rows), content_type=exports.XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


urlpatterns: list[URLPattern] = [
    path("statements/", statements_page, name="statements"),
    path("statements/import/", statement_import, name="statement_import"),
    path("statements/import/mapping/", statement_import_mapping, name="statement_import_mapping"),
    path("statements/unmatched/", queue, name="reconciliation_queue"),
    path("statements/<int:statement_id>/", statement, name="statement"),
    path(
        "statements/<int:statement_id>/lines/<int:position>/confirm/",
        statement_line_confirm,
        name="statement_line_confirm",
    ),
    path(
        "statements/<int:statement_id>/lines/<int:position>/match/", statement_line_match, name="statement_line_match"
    ),
    path("statements/<int:statement_id>/lines/<int:position>/park/", statement_line_park, name="statement_line_park"),
    path("receivables/", receivables, name="receivables"),
    path("cash-closes/", cash_closes, name="cash_closes"),
    path("cash-closes/new/", cash_close_new, name="cash_close_new"),
    path("cash-closes/<int:close_id>/", cash_close, name="cash_close"),
    path("cash-closes/<int:close_id>/check/", cash_close_check, name="cash_close_check"),
    path("accounts/", account_mapping, name="account_mapping"),
    path("accounts/map/", account_mapping_set, name="account_mapping_set"),
    path("accounts/export/", accounts_export, name="accounts_export"),
]
