"""Reconciliation's writes, one transaction each: importing a bank statement (all or nothing), deciding
about its lines (confirming a suggestion or matching by hand, which records the payment through
``payments.payment_record``; parking a line with a reason), the CSV mapping remembered per account, the
daily cash and card close with its second person's check, and the ledger account mapping.

And the reads the pages and the API share about them: a statement's lines with their state and
suggestions, the queue of lines nothing matched, a close with what was recorded after it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from parure.billing import matching
from parure.billing.choices import (
    AccountKeyKind,
    CashCloseStatus,
    Direction,
    LineDecisionKind,
    LineState,
    PaymentMethod,
    StatementFormat,
)
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import (
    AccountMapping,
    CashClose,
    Invoice,
    LineDecision,
    Payment,
    Statement,
    StatementLine,
    StatementMapping,
)
from parure.billing.queries import invoice_by_number
from parure.billing.services.invoices import office_today
from parure.billing.services.payments import payment_record
from parure.billing.statements import (
    CsvMapping,
    ParsedLine,
    ParsedStatement,
    StatementRefused,
    Tally,
    read_camt053,
    read_csv,
)
from parure.core.models import Office, Staff
from parure.core.money import Money, MoneyError

REASON_MAX = 500
NOTE_MAX = 500
FILENAME_MAX = 200
DEBIT_REASON = "Money out of the account: not a buyer's payment."


def office_of(staff: Staff) -> Office:
    """The office a member of staff works at, where their statements and closes belong."""
    if staff.office is None:
        raise BillingError(
            "Your account is attached to no office; an administrator must attach it to one first.",
            code=BillingErrorCode.REFUSED,
        )
    return staff.office


# --- Import -----------------------------------------------------------------------------------------
@dataclass
class ImportResult:
    statement: Statement
    skipped: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        count = self.statement.line_count
        text = f"Statement of {self.statement.account}: {count} line{'s' if count != 1 else ''} imported."
        if self.skipped:
            text += (
                f" {len(self.skipped)} entr{'ies' if len(self.skipped) != 1 else 'y'} imported before "
                f"(by the bank's reference) {'were' if len(self.skipped) != 1 else 'was'} skipped: "
                f"{', '.join(self.skipped[:5])}{'…' if len(self.skipped) > 5 else ''}."
            )
        return text


def digest_of(content: bytes) -> str:
    """The file's SHA-256, which a statement keeps to refuse the same file twice."""
    return hashlib.sha256(content).hexdigest()


def refuse_same_file(office: Office, digest: str) -> None:
    """Refuse a file this office imported already (by its SHA-256), naming when and which statement."""
    earlier = Statement.objects.filter(office=office, digest=digest).first()
    if earlier is not None:
        when = timezone.localtime(earlier.imported_at).strftime("%-d %b %Y")
        raise BillingError(
            f"This file was imported already on {when} (statement {earlier.pk}); nothing was imported again.",
            field="file",
            code=BillingErrorCode.ALREADY_IMPORTED,
        )


# The stage the import reports once the file is read, while it saves the lines.
SAVING = "Saving the lines"


def statement_import(
    *,
    office: Office,
    content: bytes,
    filename: str,
    by: Staff,
    format: str,
    account: str = "",
    currency: str = "",
    mapping: CsvMapping | None = None,
    progress: Tally | None = None,
) -> ImportResult:
    """Import a CAMT.053 or CSV statement for ``office``, all or nothing.

    A malformed file is refused naming the line and the reason. The same file a second time is refused;
    an entry imported before (the same bank reference on the same account) is skipped and named. Debit
    lines are kept and marked ignored: money out is not a buyer's payment. A CSV's mapping is remembered
    for its account.

    The file is read before the transaction opens, reporting each entry to ``progress`` (a background
    job's, which its page polls); the statement, its lines and the mapping are then written in one
    transaction, so a refusal at any point saves nothing.
    """
    progress = progress or _no_progress
    digest = digest_of(content)
    refuse_same_file(office, digest)
    parsed: ParsedStatement
    if format == StatementFormat.CAMT053:
        parsed = read_camt053(content, progress=progress)
    elif format == StatementFormat.CSV:
        if mapping is None:
            raise StatementRefused("Map the file's columns first.", field="mapping")
        parsed = read_csv(content, account=account, currency=currency, mapping=mapping, progress=progress)
    else:
        raise BillingError("Choose the file's format: CAMT.053 or CSV.", field="format", code=BillingErrorCode.INVALID)
    references = [line.bank_reference for line in parsed.lines if line.bank_reference]
    known = set(
        StatementLine.objects.filter(account=parsed.account, bank_reference__in=references).values_list(
            "bank_reference", flat=True
        )
    )
    seen: set[str] = set()
    fresh = []
    skipped: list[str] = []
    for line in parsed.lines:
        if line.bank_reference and (line.bank_reference in known or line.bank_reference in seen):
            skipped.append(line.bank_reference)
            continue
        if line.bank_reference:
            seen.add(line.bank_reference)
        fresh.append(line)
    if not fresh:
        raise BillingError(
            "Every entry of this file was imported before (by the bank's reference); nothing was imported.",
            field="file",
            code=BillingErrorCode.ALREADY_IMPORTED,
        )
    progress(0, len(fresh), stage=SAVING)
    with transaction.atomic():
        # Again inside the transaction: a large file takes a while to read, and the same file may have
        # been imported meanwhile.
        refuse_same_file(office, digest)
        if mapping is not None and format == StatementFormat.CSV:
            mapping_remember(office=office, account=parsed.account, mapping=mapping, by=by)
        statement = _statement_save(
            office=office, parsed=parsed, fresh=fresh, skipped=skipped, filename=filename, digest=digest,
            format=format, by=by,
        )  # fmt: skip
    return ImportResult(statement=statement, skipped=skipped)


def _no_progress(done: int, total: int | None = None, *, stage: str | None = None) -> None:
    return None


def _statement_save(
    *,
    office: Office,
    parsed: ParsedStatement,
    fresh: list[ParsedLine],
    skipped: list[str],
    filename: str,
    digest: str,
    format: str,
    by: Staff,
) -> Statement:
    """The statement, its fresh lines and the debits' decisions, inside the caller's transaction."""
    try:
        with transaction.atomic():
            statement = Statement.objects.create(
                office=office,
                account=parsed.account,
                currency=parsed.currency,
                format=format,
                bank_id=parsed.bank_id,
                filename=(filename or "")[:FILENAME_MAX],
                digest=digest,
                starts_on=min(line.booked_on for line in fresh),
                ends_on=max(line.booked_on for line in fresh),
                line_count=len(fresh),
                skipped=len(skipped),
                imported_by=by,
            )
            rows = [
                StatementLine(
                    statement=statement,
                    position=position,
                    account=parsed.account,
                    booked_on=line.booked_on,
                    value_on=line.value_on,
                    direction=line.direction,
                    amount=line.amount.amount,
                    currency=line.amount.currency,
                    bank_reference=line.bank_reference,
                    entry_reference=line.entry_reference,
                    reference=line.reference,
                    payer=line.payer,
                    source_line=line.source_line,
                )
                for position, line in enumerate(fresh, start=1)
            ]
            created = StatementLine.objects.bulk_create(rows, batch_size=1000)
    except IntegrityError:
        # Another import of the same file or entries committed between our check and our insert.
        raise BillingError(
            "Another import of these entries finished first; reload and import the file again.",
            field="file",
            code=BillingErrorCode.STALE,
        ) from None
    if any(line.pk is None for line in created):
        created = list(statement.lines.all())
    LineDecision.objects.bulk_create(
        [
            LineDecision(line=line, kind=LineDecisionKind.IGNORED, reason=DEBIT_REASON, by=by)
            for line in created
            if line.direction == Direction.DEBIT
        ],
        batch_size=1000,
    )
    return statement


@transaction.atomic
def mapping_remember(*, office: Office, account: str, mapping: CsvMapping, by: Staff) -> StatementMapping:
    """Keep ``mapping`` for the account's next CSV file."""
    remembered, _ = StatementMapping.objects.update_or_create(
        office=office,
        account=account,
        defaults={
            "columns": {key: str(value) for key, value in mapping.columns.items() if value},
            "date_format": mapping.date_format,
            "decimal_separator": mapping.decimal_separator,
            "updated_by": by,
            "updated_at": timezone.now(),
        },
    )
    return remembered


def mapping_for(office: Office, account: str) -> StatementMapping | None:
    return StatementMapping.objects.filter(office=office, account=(account or "").strip()).first()


# --- Lines and their state ---------------------------------------------------------------------------
@dataclass(frozen=True)
class LineView:
    line: StatementLine
    state: LineState
    suggestions: list[matching.Suggestion]
    decision: LineDecision | None

    @property
    def money(self) -> Money:
        return Money.of(self.line.amount, self.line.currency)


def lines_with_state(lines: QuerySet[StatementLine]) -> list[LineView]:
    """Each line with its state and suggestions: three queries for any number of lines."""
    rows = list(lines.select_related("decision", "decision__invoice", "decision__by"))
    undecided = [line for line in rows if _decision(line) is None]
    suggestions = matching.suggest(undecided)
    shaped = []
    for line in rows:
        decision = _decision(line)
        if decision is not None:
            state = LineState.MATCHED if decision.kind == LineDecisionKind.MATCHED else LineState.IGNORED
            shaped.append(LineView(line=line, state=state, suggestions=[], decision=decision))
            continue
        found = suggestions.get(line.pk, [])
        state = LineState.SUGGESTED if found else LineState.UNMATCHED
        shaped.append(LineView(line=line, state=state, suggestions=found, decision=None))
    return shaped


def _decision(line: StatementLine) -> LineDecision | None:
    try:
        return line.decision
    except LineDecision.DoesNotExist:
        return None


def statement_lines(statement: Statement) -> list[LineView]:
    return lines_with_state(StatementLine.objects.filter(statement=statement).order_by("position"))


def unmatched_queue(office: Office | None = None) -> list[LineView]:
    """Every credit line no decision settled and no invoice suggests itself for, oldest first."""
    undecided = StatementLine.objects.filter(decision__isnull=True, direction=Direction.CREDIT)
    if office is not None:
        undecided = undecided.filter(statement__office=office)
    return [row for row in lines_with_state(undecided.order_by("booked_on", "pk")) if row.state == LineState.UNMATCHED]


def statements_list() -> QuerySet[Statement]:
    """Statements, newest first, with their lines counted by what was decided."""
    return (
        Statement.objects.select_related("office", "imported_by")
        .annotate(
            decided=Count("lines__decision"),
            matched=Count("lines__decision", filter=Q(lines__decision__kind=LineDecisionKind.MATCHED)),
        )
        .annotate(undecided=F("line_count") - F("decided"))
    )


BIGGEST_ID = 2**63 - 1


def statement_by_id(statement_id: int) -> Statement:
    found = (
        None
        if statement_id > BIGGEST_ID
        else Statement.objects.select_related("office", "imported_by").filter(pk=statement_id).first()
    )
    if found is None:
        raise BillingError(f"No statement {statement_id}.", code=BillingErrorCode.UNKNOWN_RECORD)
    return found


def line_of(statement: Statement, position: int) -> StatementLine:
    found = (
        None if position > BIGGEST_ID else StatementLine.objects.filter(statement=statement, position=position).first()
    )
    if found is None:
        raise BillingError(
            f"Statement {statement.pk} has no line {position}.", field="line", code=BillingErrorCode.UNKNOWN_RECORD
        )
    return found


# --- Decisions ----------------------------------------------------------------------------------------
def _locked_undecided(line: StatementLine) -> StatementLine:
    locked = StatementLine.objects.select_for_update().select_related("statement").get(pk=line.pk)
    decision = LineDecision.objects.filter(line=locked).select_related("invoice").first()
    if decision is not None:
        said = (
            f"matched to {decision.invoice.number}" if decision.invoice is not None else f"ignored ({decision.reason})"
        )
        raise BillingError(
            f"Line {locked.position} is {said} already; a decision is not changed.",
            field="line",
            code=BillingErrorCode.ALREADY_DECIDED,
        )
    if locked.direction != Direction.CREDIT:
        raise BillingError(
            f"Line {locked.position} is money out; only money in pays an invoice.",
            field="line",
            code=BillingErrorCode.INVALID,
        )
    return locked


def _record(line: StatementLine, invoice: Invoice, by: Staff, rate: str | Decimal | None = None) -> LineDecision:
    """Record the line's money as a wire on ``invoice``; a line in another currency than the invoice's is
    converted at ``rate`` (invoice-currency units for one unit received, as the bank's advice gives it)."""
    if invoice.currency != line.currency and not str(rate or "").strip():
        raise BillingError(
            f"{invoice.number} is in {invoice.currency}; line {line.position} is in {line.currency}. Give the rate"
            f" used ({invoice.currency} for one {line.currency}) to match it.",
            field="rate",
            code=BillingErrorCode.NO_RATE,
        )
    reference = (line.bank_reference or line.entry_reference or line.reference)[:140]
    payment = payment_record(
        invoice=invoice,
        method=PaymentMethod.WIRE,
        amount=line.amount,
        currency=line.currency,
        received_on=line.booked_on,
        reference=reference,
        rate=rate if invoice.currency != line.currency else None,
        by=by,
    )
    return LineDecision.objects.create(
        line=line, kind=LineDecisionKind.MATCHED, invoice=invoice, payment=payment, by=by
    )


@transaction.atomic
def line_confirm(*, line: StatementLine, invoice_number: str, by: Staff) -> LineDecision:
    """Confirm the matcher's suggestion of ``invoice_number`` for ``line``: the payment is recorded (wire, the
    line's date and reference). A number the matcher does not suggest for the line is refused."""
    line = _locked_undecided(line)
    suggested = {found.invoice_number: found for found in matching.suggest([line]).get(line.pk, [])}
    number = (invoice_number or "").strip().upper()
    if number not in suggested:
        raise BillingError(
            f"{number[:40] or 'That invoice'} is not suggested for line {line.position}; match it by hand instead.",
            field="invoice",
            code=BillingErrorCode.INVALID,
        )
    invoice = Invoice.objects.get(pk=suggested[number].invoice_id)
    return _record(line, invoice, by)


@transaction.atomic
def line_match(
    *, line: StatementLine, invoice_number: str, by: Staff, rate: str | Decimal | None = None
) -> LineDecision:
    """Match ``line`` by hand to the invoice numbered ``invoice_number`` (its check digit checked) and record
    the payment there, at ``rate`` when the line is in another currency; what is over its balance is held
    as the buyer's credit."""
    line = _locked_undecided(line)
    try:
        invoice = invoice_by_number(invoice_number)
    except BillingError as refusal:
        raise BillingError(refusal.message, field="invoice", code=refusal.code) from None
    return _record(line, invoice, by, rate)


@transaction.atomic
def line_park(*, line: StatementLine, reason: str, by: Staff) -> LineDecision:
    """Set ``line`` aside with a reason (a bank charge, a payment for another department…)."""
    line = _locked_undecided(line)
    text = " ".join((reason or "").split())
    if not text:
        raise BillingError("Say why this line is set aside.", field="reason", code=BillingErrorCode.REASON_REQUIRED)
    if len(text) > REASON_MAX:
        raise BillingError(
            f"The reason is longer than {REASON_MAX} characters.", field="reason", code=BillingErrorCode.TOO_LONG
        )
    return LineDecision.objects.create(line=line, kind=LineDecisionKind.IGNORED, reason=text, by=by)


# --- The daily cash and card close ---------------------------------------------------------------------
@dataclass(frozen=True)
class DayTotals:
    cash: Money
    card: Money
    count: int


def day_totals(*, office: Office, day: date, currency: str) -> DayTotals:
    """The cash and card payments received at ``office`` on ``day`` in ``currency``, totalled."""
    rows = Payment.objects.filter(
        office=office, received_on=day, currency=currency, method__in=(PaymentMethod.CASH, PaymentMethod.CARD)
    ).aggregate(
        cash=Sum("amount", filter=Q(method=PaymentMethod.CASH)),
        card=Sum("amount", filter=Q(method=PaymentMethod.CARD)),
        count=Count("pk"),
    )
    return DayTotals(
        cash=Money.of(rows["cash"] or 0, currency).rounded(),
        card=Money.of(rows["card"] or 0, currency).rounded(),
        count=int(rows["count"] or 0),
    )


def _counted(text: str | Decimal, currency: str, *, field: str, label: str) -> Money:
    try:
        value = Money.of(text if isinstance(text, Decimal) else str(text).strip().replace(",", ""), currency)
    except MoneyError:
        raise BillingError(
            f"‘{str(text)[:20]}’ is not an amount; type the {label} as 1250.00.",
            field=field,
            code=BillingErrorCode.INVALID_AMOUNT,
        ) from None
    if value.amount < 0 or value.amount >= Decimal("1e12") or value.rounded() != value:
        raise BillingError(
            f"The {label} must be nothing or more, under a trillion and rounded to {value.minor_unit} {currency}.",
            field=field,
            code=BillingErrorCode.INVALID_AMOUNT,
        )
    return value


@transaction.atomic
def cash_close(
    *,
    office: Office,
    day: date,
    currency: str,
    counted_cash: str | Decimal,
    card_total: str | Decimal,
    by: Staff,
    note: str = "",
) -> CashClose:
    """Close ``day`` at ``office`` in ``currency``: the day's cash and card payments are snapshotted beside
    what was counted in the drawer and the card terminal's total. Once a day; never for a day to come."""
    code = (currency or "").strip().upper()
    try:
        Money.of(0, code)
    except MoneyError:
        raise BillingError(
            f"‘{code[:8]}’ is not a currency code such as USD.",
            field="currency",
            code=BillingErrorCode.INVALID_CURRENCY,
        ) from None
    if day > office_today(office):
        raise BillingError("A day still to come cannot be closed.", field="day", code=BillingErrorCode.INVALID)
    cash = _counted(counted_cash, code, field="counted_cash", label="cash counted")
    card = _counted(card_total, code, field="card_total", label="card terminal's total")
    text = " ".join((note or "").split())
    if len(text) > NOTE_MAX:
        raise BillingError(
            f"The note is longer than {NOTE_MAX} characters.", field="note", code=BillingErrorCode.TOO_LONG
        )
    if CashClose.objects.filter(office=office, day=day, currency=code).exists():
        raise BillingError(
            f"{day:%-d %b %Y} is closed already at {office.name} in {code}.",
            field="day",
            code=BillingErrorCode.ALREADY_CLOSED,
        )
    totals = day_totals(office=office, day=day, currency=code)
    try:
        with transaction.atomic():
            return CashClose.objects.create(
                office=office,
                day=day,
                currency=code,
                expected_cash=totals.cash.amount,
                expected_card=totals.card.amount,
                payment_count=totals.count,
                counted_cash=cash.amount,
                card_total=card.amount,
                note=text,
                closed_by=by,
            )
    except IntegrityError:
        raise BillingError(
            f"{day:%-d %b %Y} was closed at {office.name} in {code} a moment ago.",
            field="day",
            code=BillingErrorCode.ALREADY_CLOSED,
        ) from None


@transaction.atomic
def cash_close_check(*, close: CashClose, by: Staff) -> CashClose:
    """A second person checks the close: another finance member or a senior specialist, never the cashier
    who closed it. A checked close never changes."""
    locked = CashClose.objects.select_for_update().select_related("closed_by", "office").get(pk=close.pk)
    if locked.status == CashCloseStatus.CHECKED:
        raise BillingError(
            f"{locked.day:%-d %b %Y} was checked already.", code=BillingErrorCode.ALREADY_CLOSED, field="close"
        )
    if not by.has_perm("billing.check_cash"):
        raise BillingError(
            "Only a member of finance or a senior specialist checks a cash close.",
            code=BillingErrorCode.FOUR_EYES,
            field="checked_by",
        )
    if locked.closed_by_id == by.pk:
        name = locked.closed_by.get_full_name() or locked.closed_by.username
        raise BillingError(
            f"{name} closed this day; a second person must check it (four eyes).",
            code=BillingErrorCode.FOUR_EYES,
            field="checked_by",
        )
    locked.status = CashCloseStatus.CHECKED
    locked.checked_by = by
    locked.checked_at = timezone.now()
    locked.save(update_fields=["status", "checked_by", "checked_at"])
    return locked


@dataclass(frozen=True)
class CloseView:
    close: CashClose
    expected_cash: Money
    expected_card: Money
    counted_cash: Money
    card_total: Money
    cash_difference: Money
    card_difference: Money
    # Payments dated the closed day and recorded after the close: the difference they make.
    late: DayTotals
    late_payments: int

    @property
    def flagged(self) -> bool:
        return self.late_payments > 0


def close_view(close: CashClose) -> CloseView:
    """The close's figures, with the payments recorded for its day after it was closed."""
    code = close.currency
    now = day_totals(office=close.office, day=close.day, currency=code)
    expected_cash, expected_card = (
        Money.of(close.expected_cash, code).rounded(),
        Money.of(close.expected_card, code).rounded(),
    )
    counted, card = Money.of(close.counted_cash, code).rounded(), Money.of(close.card_total, code).rounded()
    late = DayTotals(
        cash=now.cash - expected_cash, card=now.card - expected_card, count=now.count - close.payment_count
    )
    return CloseView(
        close=close,
        expected_cash=expected_cash,
        expected_card=expected_card,
        counted_cash=counted,
        card_total=card,
        cash_difference=counted - expected_cash,
        card_difference=card - expected_card,
        late=late,
        late_payments=max(late.count, 0) if (late.count or late.cash.amount or late.card.amount) else 0,
    )


def closes_list(office: Office | None = None) -> QuerySet[CashClose]:
    rows = CashClose.objects.select_related("office", "closed_by", "checked_by")
    return rows.filter(office=office) if office is not None else rows


def close_by_id(close_id: int) -> CashClose:
    found = None if close_id > BIGGEST_ID else closes_list().filter(pk=close_id).first()
    if found is None:
        raise BillingError(f"No cash close {close_id}.", code=BillingErrorCode.UNKNOWN_RECORD)
    return found


# --- The ledger account mapping ------------------------------------------------------------------------
@transaction.atomic
def account_map(*, key_kind: str, key: str, code: str, name: str, by: Staff) -> AccountMapping:
    """Set the ledger account (code and name) of a line kind, tax kind, payment method or the receivable."""
    from parure.billing.accounts import mapping_keys

    keys = mapping_keys()
    if key_kind not in AccountKeyKind.values or key not in keys.get(key_kind, {}):
        raise BillingError("Choose what the account is for from the list.", field="key", code=BillingErrorCode.INVALID)
    code_text, name_text = (code or "").strip(), " ".join((name or "").split())
    if not code_text or len(code_text) > 20:
        raise BillingError(
            "Give the account's code (at most 20 characters).", field="code", code=BillingErrorCode.REQUIRED
        )
    if not name_text or len(name_text) > 120:
        raise BillingError(
            "Give the account's name (at most 120 characters).", field="name", code=BillingErrorCode.REQUIRED
        )
    mapped, _ = AccountMapping.objects.update_or_create(
        key_kind=key_kind,
        key=key,
        defaults={"code": code_text, "name": name_text, "updated_by": by, "updated_at": timezone.now()},
    )
    return mapped
