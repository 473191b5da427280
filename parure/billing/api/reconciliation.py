"""Billing API: reconciliation — bank statements (upload a CAMT.053 or CSV file as multipart, list them,
a statement's lines with their state and suggestions, confirm / match by hand / park a line), aged
receivables, and the daily cash close (close a day, a second person's check).

Amounts are strings ("20049.33") in their currency, never floats."""

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Path, Query, Router, Schema, Status, UploadedFile

from parure.billing import accounts, statement_jobs, statements
from parure.billing.choices import LineState, StatementFormat
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import CashClose, Statement
from parure.billing.services import reconciliation as services
from parure.core.api import requires
from parure.core.api_routes import JobOut, job_out
from parure.core.models import BackgroundJob
from parure.core.money import Money
from parure.core.policy import acting_staff
from parure.core.uploads import upload_bytes

router = Router()

BIGINT_MAX = 2**63 - 1
StatementId = Annotated[int, Path(ge=1, le=BIGINT_MAX)]
Position = Annotated[int, Path(ge=1, le=2**31 - 1)]
CloseId = Annotated[int, Path(ge=1, le=BIGINT_MAX)]
Figure = Annotated[str, Field(max_length=24, description="An amount as a string, such as 1250.00.")]
Column = Annotated[str, Field(max_length=200)]


def _amount(money: Money) -> str:
    return str(money.rounded().amount)


def _who(staff: Any) -> str | None:
    return staff.username if staff is not None else None


class BankStatementOut(Schema):
    id: int
    office: str
    account: str
    currency: str
    format: str
    bank_id: str
    filename: str
    starts_on: date
    ends_on: date
    line_count: int
    skipped: int
    imported_at: datetime
    imported_by: str


class StatementImportOut(Schema):
    statement: BankStatementOut
    skipped: list[str]
    summary: str


class StatementImportJobOut(Schema):
    job: JobOut
    poll_url: str = Field(description="GET it until the job's state is succeeded or failed.")
    page_url: str = Field(description="The job's page, for a person.")


class MatchSuggestionOut(Schema):
    invoice: str
    buyer: str
    due: str
    strength: str
    why: str


class LineDecisionOut(Schema):
    kind: str
    invoice: str | None
    payment: int | None
    reason: str
    by: str | None
    at: datetime


class StatementLineOut(Schema):
    statement: int
    position: int
    booked_on: date
    value_on: date | None
    direction: str
    amount: str
    currency: str
    bank_reference: str
    entry_reference: str
    reference: str
    payer: str
    state: str
    suggestions: list[MatchSuggestionOut]
    decision: LineDecisionOut | None


class StatementImportIn(Schema):
    format: StatementFormat
    # CSV only: the account and its currency, and the file's column for each of our fields (a field left
    # empty is taken from the account's remembered mapping, or proposed from the header row).
    account: Annotated[str, Field(max_length=statements.ACCOUNT_MAX)] = ""
    currency: Annotated[str, Field(max_length=3)] = ""
    date_format: Annotated[str, Field(max_length=16)] = ""
    decimal_separator: Annotated[str, Field(max_length=1)] = ""
    date: Column = ""
    amount: Column = ""
    reference: Column = ""
    payer: Column = ""
    bank_reference: Column = ""
    column_currency: Column = ""


class LineInvoiceIn(Schema):
    invoice: Annotated[str, Field(max_length=40, description="The invoice's number: NY-I-26-00042-1.")]


class LineMatchIn(LineInvoiceIn):
    rate: Annotated[
        str, Field(max_length=20, description="For a line in another currency: invoice-currency units for one unit.")
    ] = ""


class LineParkIn(Schema):
    reason: Annotated[str, Field(max_length=services.REASON_MAX)]


class StatementLineFilters(Schema):
    state: LineState | None = None


class ReceivablesAsOf(Schema):
    on: date | None = None


class ReceivableBuyerOut(Schema):
    buyer_number: str
    buyer: str
    invoices: list[str]
    buckets: dict[str, str]
    total: str


class ReceivablesOut(Schema):
    office: str
    currency: str
    on: date
    rows: list[ReceivableBuyerOut]
    totals: dict[str, str]
    total: str


class CashCloseIn(Schema):
    day: date
    currency: Annotated[str, Field(max_length=3)]
    counted_cash: Figure
    card_total: Figure
    note: Annotated[str, Field(max_length=services.NOTE_MAX)] = ""


class CashCloseOut(Schema):
    id: int
    office: str
    day: date
    currency: str
    status: str
    payments: int
    expected_cash: str
    expected_card: str
    counted_cash: str
    card_total: str
    cash_difference: str
    card_difference: str
    late_payments: int
    late_cash: str
    late_card: str
    closed_by: str | None
    closed_at: datetime
    checked_by: str | None
    checked_at: datetime | None


def _statement_out(statement: Statement) -> dict[str, Any]:
    return {
        "id": statement.pk,
        "office": statement.office.code,
        "account": statement.account,
        "currency": statement.currency,
        "format": statement.format,
        "bank_id": statement.bank_id,
        "filename": statement.filename,
        "starts_on": statement.starts_on,
        "ends_on": statement.ends_on,
        "line_count": statement.line_count,
        "skipped": statement.skipped,
        "imported_at": statement.imported_at,
        "imported_by": statement.imported_by.username,
    }


def _line_out(row: services.LineView) -> dict[str, Any]:
    line, decision = row.line, row.decision
    return {
        "statement": line.statement_id,
        "position": line.position,
        "booked_on": line.booked_on,
        "value_on": line.value_on,
        "direction": line.direction,
        "amount": _amount(row.money),
        "currency": line.currency,
        "bank_reference": line.bank_reference,
        "entry_reference": line.entry_reference,
        "reference": line.reference,
        "payer": line.payer,
        "state": row.state.value,
        "suggestions": [
            {
                "invoice": s.invoice_number,
                "buyer": s.buyer_name,
                "due": _amount(s.due),
                "strength": s.strength.value,
                "why": s.why,
            }
            for s in row.suggestions
        ],
        "decision": None
        if decision is None
        else {
            "kind": decision.kind,
            "invoice": decision.invoice.number if decision.invoice is not None else None,
            "payment": decision.payment_id,
            "reason": decision.reason,
            "by": _who(decision.by),
            "at": decision.at,
        },
    }


def _close_out(close: CashClose) -> dict[str, Any]:
    view = services.close_view(close)
    return {
        "id": close.pk,
        "office": close.office.code,
        "day": close.day,
        "currency": close.currency,
        "status": close.status,
        "payments": close.payment_count,
        "expected_cash": _amount(view.expected_cash),
        "expected_card": _amount(view.expected_card),
        "counted_cash": _amount(view.counted_cash),
        "card_total": _amount(view.card_total),
        "cash_difference": _amount(view.cash_difference),
        "card_difference": _amount(view.card_difference),
        "late_payments": view.late_payments,
        "late_cash": _amount(view.late.cash),
        "late_card": _amount(view.late.card),
        "closed_by": _who(close.closed_by),
        "closed_at": close.closed_at,
        "checked_by": _who(close.checked_by),
        "checked_at": close.checked_at,
    }


# --- Statements -------------------------------------------------------------------------------------
@router.get("/statements", response=list[BankStatementOut], operation_id="billing_statements")
@requires("billing.view_reconciliation")
def list_statements(request: HttpRequest) -> Any:
    return [_statement_out(row) for row in services.statements_list()[:200]]


@router.post(
    "/statements",
    response={201: StatementImportOut, 202: StatementImportJobOut},
    operation_id="billing_statement_import",
    summary="Import a bank statement (multipart field ‘file’: CAMT.053 XML, or CSV with its columns), all or nothing",
    description=(
        f"A file of {statement_jobs.BACKGROUND_ENTRIES} entries or more, or of "
        f"{statement_jobs.BACKGROUND_BYTES // 1024} KB or more, is imported by a background job: the answer is "
        "202 with the job, and its poll_url tells when it is done (its result names the statement)."
    ),
)
@requires("billing.reconcile")
def import_statement(
    request: HttpRequest, form: Form[StatementImportIn], file: File[UploadedFile | None] = None
) -> Any:
    staff = acting_staff(request)
    content = upload_bytes(request, file, limit=statements.MAX_BYTES)
    if file is None or content is None:
        raise BillingError(
            "Send the bank's statement as the multipart field ‘file’.", field="file", code=BillingErrorCode.INVALID_FILE
        )
    mapping = None
    entries: int | None = None
    if form.format == StatementFormat.CSV:
        sheet = statements.read_csv_sheet(content)
        entries = len(sheet.rows)
        remembered = services.mapping_for(services.office_of(staff), form.account)
        columns = dict(remembered.columns) if remembered is not None else statements.propose_columns(sheet.header)
        given = {
            "date": form.date,
            "amount": form.amount,
            "currency": form.column_currency,
            "reference": form.reference,
            "payer": form.payer,
            "bank_reference": form.bank_reference,
        }
        columns.update({key: value.strip() for key, value in given.items() if value.strip()})
        mapping = statements.CsvMapping(
            columns=columns,
            date_format=form.date_format or (remembered.date_format if remembered else "%Y-%m-%d"),
            decimal_separator=form.decimal_separator or (remembered.decimal_separator if remembered else "."),
        )
    outcome = statement_jobs.statement_receive(
        office=services.office_of(staff), content=content, filename=file.name or "", by=staff, format=form.format,
        account=form.account, currency=form.currency or services.office_of(staff).currency, mapping=mapping,
        entries=entries,
    )  # fmt: skip
    if isinstance(outcome, BackgroundJob):
        return Status(
            202,
            {
                "job": job_out(outcome),
                "poll_url": reverse("api:job", kwargs={"job_id": outcome.pk}),
                "page_url": reverse("core:job", kwargs={"job_id": outcome.pk}),
            },
        )
    result = outcome
    statement = services.statement_by_id(result.statement.pk)
    return Status(201, {"statement": _statement_out(statement), "skipped": result.skipped, "summary": result.summary})


@router.get("/statements/{statement_id}/lines", response=list[StatementLineOut], operation_id="billing_statement_lines")
@requires("billing.view_reconciliation")
def statement_lines(request: HttpRequest, statement_id: StatementId, filters: Query[StatementLineFilters]) -> Any:
    rows = services.statement_lines(services.statement_by_id(statement_id))
    if filters.state is not None:
        rows = [row for row in rows if row.state == filters.state]
    return [_line_out(row) for row in rows]


def _decided(statement_id: int, position: int) -> dict[str, Any]:
    statement = services.statement_by_id(statement_id)
    rows = services.lines_with_state(statement.lines.filter(position=position))
    return _line_out(rows[0])


@router.post(
    "/statements/{statement_id}/lines/{position}/confirm",
    response=StatementLineOut,
    operation_id="billing_statement_line_confirm",
    summary="Confirm the suggested invoice for a line: the wire is recorded with the line's date and reference",
)
@requires("billing.reconcile")
def confirm_line(request: HttpRequest, statement_id: StatementId, position: Position, payload: LineInvoiceIn) -> Any:
    line = services.line_of(services.statement_by_id(statement_id), position)
    services.line_confirm(line=line, invoice_number=payload.invoice, by=acting_staff(request))
    return _decided(statement_id, position)


@router.post(
    "/statements/{statement_id}/lines/{position}/match",
    response=StatementLineOut,
    operation_id="billing_statement_line_match",
    summary="Match a line by hand to an invoice number (check digit checked); the payment is recorded there",
)
@requires("billing.reconcile")
def match_line(request: HttpRequest, statement_id: StatementId, position: Position, payload: LineMatchIn) -> Any:
    line = services.line_of(services.statement_by_id(statement_id), position)
    services.line_match(line=line, invoice_number=payload.invoice, by=acting_staff(request), rate=payload.rate or None)
    return _decided(statement_id, position)


@router.post(
    "/statements/{statement_id}/lines/{position}/park",
    response=StatementLineOut,
    operation_id="billing_statement_line_park",
    summary="Set a line aside with a reason",
)
@requires("billing.reconcile")
def park_line(request: HttpRequest, statement_id: StatementId, position: Position, payload: LineParkIn) -> Any:
    line = services.line_of(services.statement_by_id(statement_id), position)
    services.line_park(line=line, reason=payload.reason, by=acting_staff(request))
    return _decided(statement_id, position)


# --- Aged receivables -------------------------------------------------------------------------------
@router.get("/receivables", response=list[ReceivablesOut], operation_id="billing_receivables")
@requires("billing.view_reconciliation")
def receivables(request: HttpRequest, filters: Query[ReceivablesAsOf]) -> Any:
    return [
        {
            "office": group.office.code,
            "currency": group.currency,
            "on": group.on,
            "rows": [
                {
                    "buyer_number": row.buyer_number,
                    "buyer": row.buyer_name,
                    "invoices": row.invoices,
                    "buckets": {key: _amount(value) for key, value in row.buckets.items()},
                    "total": _amount(row.total),
                }
                for row in group.rows
            ],
            "totals": {key: _amount(value) for key, value in group.totals.items()},
            "total": _amount(group.total),
        }
        for group in accounts.aged_receivables(on=filters.on)
    ]


# --- The daily cash close ---------------------------------------------------------------------------
@router.get("/cash-closes", response=list[CashCloseOut], operation_id="billing_cash_closes")
@requires("billing.view_cash_closes")
def list_closes(request: HttpRequest) -> Any:
    return [_close_out(close) for close in services.closes_list()[:100]]


@router.post(
    "/cash-closes",
    response={201: CashCloseOut},
    operation_id="billing_cash_close_create",
    summary="Close a day at your office: its cash and card payments beside the cash counted and the terminal's total",
)
@requires("billing.close_cash")
def create_close(request: HttpRequest, payload: CashCloseIn) -> Any:
    staff = acting_staff(request)
    close = services.cash_close(
        office=services.office_of(staff), day=payload.day, currency=payload.currency, counted_cash=payload.counted_cash,
        card_total=payload.card_total, note=payload.note, by=staff,
    )  # fmt: skip
    return Status(201, _close_out(services.close_by_id(close.pk)))


@router.post(
    "/cash-closes/{close_id}/check",
    response=CashCloseOut,
    operation_id="billing_cash_close_check",
    summary="Check a close as the second person (never the one who closed it)",
)
@requires("billing.check_cash")
def check_close(request: HttpRequest, close_id: CloseId) -> Any:
    close = services.cash_close_check(close=services.close_by_id(close_id), by=acting_staff(request))
    return _close_out(services.close_by_id(close.pk))
