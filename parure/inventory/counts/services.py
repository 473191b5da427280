"""Every write of an inventory count, one transaction each.

- :func:`count_start`: the scope, blind or guided, the counter and an independent witness; the
  expected set is taken from the ledger under the ledger's head lock;
- :func:`count_scan` / :func:`count_import`: codes scanned one by one, or a scanner's export file;
- :func:`count_witness_confirm` / :func:`count_finish`: the witness signs with their own
  password, scanning ends, and the discrepancies are fixed for resolution;
- :func:`count_resolve`: a count adjustment or a missing piece found or recorded missing (through
  the custody service), a move confirmed, a recount, or escalation;
- :func:`count_sign_off`: two different people; the second closes the count;
- :func:`count_interval_set`: the cycle-counting setting for a kind of place.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import formats, timezone

from parure.core.jobs import Progress, no_progress
from parure.core.models import Office, Staff
from parure.core.uploads import too_large_message
from parure.inventory import ledger, services
from parure.inventory.choices import IN_HOUSE_KINDS, ItemStatus, LocationKind
from parure.inventory.counts.choices import (
    CLOSES_MISSING,
    COUNTABLE_KINDS,
    RESOLUTIONS_OF_KIND,
    CountMode,
    CountScope,
    CountStatus,
    DiscrepancyKind,
    Resolution,
    ScanResult,
)
from parure.inventory.counts.models import (
    CountDiscrepancy,
    CountExpected,
    CountInterval,
    CountScan,
    CountSession,
    CountSignOff,
)
from parure.inventory.counts.reconcile import reconcile
from parure.inventory.counts.scope import covers, scope_places
from parure.inventory.errors import InvalidInput, InventoryError, InventoryErrorCode, StockNumberError, WitnessRefused
from parure.inventory.limits import COUNT_REASON_MAX
from parure.inventory.models import Item, Location, recorded_missing
from parure.inventory.numbers import looks_like_stock_number, parse_stock_number
from parure.inventory.services.custody import bounded_text, describe_place
from parure.inventory.services.witness import COUNT, Witness, witness_confirm


class CountError(InventoryError):
    """A count action refused (a closed count, a duplicate scan, a witness who holds custody...)."""


# What a refused scan answers: a code that is not a stock number is bad input (422); a count
# that is not open or a piece already scanned is the state of the count (409).
_SCAN_CODES = {
    ScanResult.MALFORMED: InventoryErrorCode.NOT_A_STOCK_NUMBER,
    ScanResult.ALREADY: InventoryErrorCode.ALREADY_SCANNED,
    ScanResult.REFUSED: InventoryErrorCode.REFUSED,
}


class ScanRefused(CountError):
    """A code that was not recorded: malformed, already scanned, or the count is not open."""

    def __init__(self, message: str, *, result: ScanResult, field: str | None = "code") -> None:
        super().__init__(message, field=field, code=_SCAN_CODES[result])
        self.result = result


class CountImportRefused(CountError):
    """A scanner file with bad lines, imported with nothing written."""

    def __init__(self, message: str, *, bad_lines: list[str]) -> None:
        super().__init__(message, field="file", code=InventoryErrorCode.BAD_LINES)
        self.bad_lines = bad_lines
        # What a background job lists under its refusal.
        self.lines = bad_lines[:IMPORT_LINES_SHOWN]


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j M H:i")


def _require(person: Staff, permission: str, sentence: str, field: str | None = None) -> None:
    if not person.is_active or not person.has_perm(permission):
        raise CountError(sentence, field=field, code=InventoryErrorCode.NOT_PERMITTED)


# --- Starting ----------------------------------------------------------------------------------


def _lock_ledger_head() -> int:
    """Lock the ledger's head row so no custody event lands between the snapshot and its sequence number."""
    return ledger.lock_head().seq


@transaction.atomic
def count_start(
    *,
    scope: str,
    mode: str,
    counter: Staff,
    witness: Staff,
    by: Staff,
    location: Location | None = None,
    office: Office | None = None,
) -> CountSession:
    """Open a count and take its expected set from the ledger as it stands now."""
    _require(by, "inventory.count_items", f"{by} ({by.role_label}) may not start counts.")
    if mode not in CountMode.values:
        raise InvalidInput("Choose a blind or a guided count.", field="mode", code=InventoryErrorCode.INVALID)
    if scope == CountScope.LOCATION:
        if location is None:
            raise InvalidInput("Choose the place to count.", field="location", code=InventoryErrorCode.INVALID)
        location = Location.objects.select_related("office").get(pk=location.pk)
        if location.kind not in IN_HOUSE_KINDS or not location.is_active:
            raise InvalidInput(
                f"{location.label} is not a place in the house; count a vault, safe, tray, room or case.",
                field="location",
                code=InventoryErrorCode.INVALID,
            )
        office = None
        here: Office | None = location.office
    elif scope == CountScope.OFFICE:
        if office is None:
            raise InvalidInput("Choose the office to count.", field="office", code=InventoryErrorCode.INVALID)
        location, here = None, office
    elif scope == CountScope.DEPARTMENT:
        location = office = here = None
    else:
        raise InvalidInput(
            "Choose what to count: a place, an office or the whole department.",
            field="scope",
            code=InventoryErrorCode.INVALID,
        )
    _require(
        counter,
        "inventory.count_items",
        f"{counter} ({counter.role_label}) may not count; choose a specialist, logistics colleague or auditor.",
        "counter",
    )
    _require(
        witness,
        "inventory.witness_count",
        f"{witness} ({witness.role_label}) may not witness counts; choose a specialist, logistics colleague "
        "or auditor.",
        "witness",
    )
    if witness.pk == counter.pk:
        raise InvalidInput(
            "The witness must be a second person, not the counter.", field="witness", code=InventoryErrorCode.INVALID
        )
    if here is not None:
        for person, role, name in ((counter, "counter", "counter"), (witness, "witness", "witness")):
            if person.office_id != here.pk:
                raise InvalidInput(
                    f"{person} works at {person.office or 'no office'}; the {role} must be present at {here.name}.",
                    field=name,
                    code=InventoryErrorCode.INVALID,
                )
    session = CountSession(
        scope=scope,
        location=location,
        office=office,
        mode=mode,
        counter=counter,
        witness=witness,
        started_by=by,
        start_seq=0,
    )
    start_seq = _lock_ledger_head()
    resting = Item.objects.filter(status=ItemStatus.IN_HOUSE, location__in=scope_places(session).values("pk"))
    # Spectrum: a count is done or witnessed by someone independent of custody of the place.
    custodian_of = resting.filter(custody_by=witness).values_list("stock_number", flat=True).first()
    if custodian_of is not None:
        raise InvalidInput(
            f"{witness} is a custodian here (they recorded the custody of {custodian_of}); the witness must be "
            "independent of custody of the place counted.",
            field="witness",
            code=InventoryErrorCode.INVALID,
        )
    session.start_seq = start_seq
    session.save()
    sql, params = resting.values_list("pk", "location_id").query.sql_with_params()
    table = connection.ops.quote_name(CountExpected._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (session_id, item_id, location_id) SELECT %s, expected.* FROM ({sql}) expected",  # noqa: S608
            [session.pk, *params],
        )
    session.expected_count = CountExpected.objects.filter(session=session).count()
    session.save(update_fields=["expected_count"])
    return session


# --- Scanning ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanOutcome:
    """What the counter sees after a scan."""

    result: str
    message: str
    code: str
    scan: CountScan | None = None
    item: Item | None = None


def _lock_open(session: CountSession) -> CountSession:
    locked = CountSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != CountStatus.OPEN:
        state = "closed" if locked.status == CountStatus.CLOSED else "finished scanning"
        raise ScanRefused(
            f"{locked.reference} has {state}; no more scans can be added.", result=ScanResult.REFUSED, field=None
        )
    return locked


def _scan_place(session: CountSession, place: Location | None) -> Location:
    if place is None:
        if session.scope == CountScope.LOCATION and session.location is not None:
            place = session.location
        else:
            raise InvalidInput("Choose the place you are counting.", field="place", code=InventoryErrorCode.INVALID)
    place = Location.objects.select_related("office").get(pk=place.pk)
    if place.kind not in IN_HOUSE_KINDS or not covers(session, place):
        raise InvalidInput(
            f"{place.label} is not part of {session.reference}; choose a place in it.",
            field="place",
            code=InventoryErrorCode.INVALID,
        )
    return place


def canonical_code(text: str) -> str:
    """The stock number a scanned code stands for, or a refusal saying what is wrong with it."""
    cleaned = text.strip()
    if not cleaned:
        raise ScanRefused("Scan a tag, or type a stock number and press Enter.", result=ScanResult.MALFORMED)
    if len(cleaned) > 40 or not looks_like_stock_number(cleaned):
        shown = cleaned if len(cleaned) <= 40 else cleaned[:37] + "…"
        raise ScanRefused(
            f"‘{shown}’ is not a stock number; they look like NY-26-000123-7 (office, year, six digits, check digit).",
            result=ScanResult.MALFORMED,
        )
    try:
        return parse_stock_number(cleaned)
    except StockNumberError as refusal:
        raise ScanRefused(refusal.message, result=ScanResult.MALFORMED) from None


def _already(session: CountSession, number: str) -> ScanRefused | None:
    earlier = (
        CountScan.objects.filter(session=session, code=number)
        .select_related("location", "location__office", "scanned_by")
        .first()
    )
    if earlier is None:
        return None
    return ScanRefused(
        f"{number} was already scanned at {earlier.location.label} by {earlier.scanned_by} "
        f"({_when(earlier.scanned_at)}).",
        result=ScanResult.ALREADY,
    )


def _record(session: CountSession, number: str, place: Location, by: Staff, source: str = "") -> ScanOutcome:
    refusal = _already(session, number)
    if refusal is not None:
        raise refusal
    item = (
        Item.objects.select_related("location", "location__office")
        .annotate(recorded_missing=recorded_missing())
        .filter(stock_number=number)
        .first()
    )
    if item is None:
        result, message = ScanResult.UNKNOWN, f"No piece has stock number {number}; noted as unexpected."
    elif item.is_recorded_missing:
        # Found again: the ledger still says missing, so it is settled at reconciliation.
        result = ScanResult.NOT_HERE
        message = (
            f"{number} · {item.title} is recorded missing (last known {describe_place(item)}); "
            "noted as found here, to be settled when the count is reconciled."
        )
    elif item.location_id == place.pk:
        result, message = ScanResult.FOUND, f"{number} · {item.title}"
    else:
        result = ScanResult.NOT_HERE
        where = describe_place(item)
        message = f"{number} · {item.title} is not expected here: the ledger has it {where}."
    scan = CountScan(
        session=session,
        code=number,
        item=item,
        location=place,
        ledger_location_id=item.location_id if item is not None else None,
        result=result,
        scanned_by=by,
        source=source,
    )
    try:
        with transaction.atomic():
            scan.save()
    except IntegrityError:
        # Another counter scanned the same tag a moment ago.
        raise _already(session, number) or ScanRefused(
            f"{number} was already scanned.", result=ScanResult.ALREADY
        ) from None
    if item is not None:
        # Progress counts only pieces of the expected set: an unexpected piece is not one of them.
        expected = CountExpected.objects.filter(session=session, item=item).update(scanned=True)
        CountSession.objects.filter(pk=session.pk).update(
            scanned_count=F("scanned_count") + 1, expected_scanned=F("expected_scanned") + int(expected)
        )
    return ScanOutcome(result=result, message=message, code=number, scan=scan, item=item)


@transaction.atomic
def count_scan(*, session: CountSession, code: str, by: Staff, place: Location | None = None) -> ScanOutcome:
    """Record one scanned code; a malformed or repeated code, or a count not open, is refused unrecorded."""
    _require(by, "inventory.count_items", f"{by} ({by.role_label}) may not scan into counts.")
    session = _lock_open(session)
    number = canonical_code(code)
    return _record(session, number, _scan_place(session, place), by)


@dataclass
class ImportResult:
    imported: int
    unknown: int
    skipped: list[str] = field(default_factory=list)


# A scanner's export is one short code a line: 2 MB is over 100,000 codes.
IMPORT_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_LINES = 100_000
# Above this the page hands the file to the task worker and shows its progress.
IMPORT_BACKGROUND_FROM_BYTES = 32 * 1024
# How many bad lines a refusal lists (the rest are counted, never echoed).
IMPORT_LINES_SHOWN = 50
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _unreadable(filename: str) -> InvalidInput:
    return InvalidInput(
        f"{filename or 'The file'} is not a scanner export that can be read; "
        "export it again as plain text or CSV, one code a line.",
        field="file",
        code=InventoryErrorCode.INVALID,
    )


def read_scanner_file(content: bytes, *, filename: str = "") -> list[tuple[int, str]]:
    """(line number, code) for each non-blank line of a scanner export: plain text or CSV.

    In a CSV the code is the first non-empty cell; a first line whose first cell is a heading
    (code, barcode, stock number...) is skipped. Refused, without echoing it, when the file is
    over :data:`IMPORT_MAX_BYTES`, is not text (binary), cannot be parsed as CSV (an over-long
    line, a quote left open), or has more than :data:`IMPORT_MAX_LINES` lines.
    """
    if len(content) > IMPORT_MAX_BYTES:
        raise InvalidInput(too_large_message(IMPORT_MAX_BYTES), field="file", code=InventoryErrorCode.INVALID)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    if _NOT_TEXT.search(text):
        raise _unreadable(filename)
    lines: list[tuple[int, str]] = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=_delimiter(text)), start=1):
            if number > IMPORT_MAX_LINES:
                raise InvalidInput(
                    f"{filename or 'The file'} has more than {IMPORT_MAX_LINES:,} lines; split it into smaller files.",
                    field="file",
                    code=InventoryErrorCode.INVALID,
                )
            cells = [cell.strip() for cell in row if cell.strip()]
            if not cells:
                continue
            if number == 1 and cells[0].lower().replace("_", " ") in {"code", "barcode", "stock number", "tag", "scan"}:
                continue
            lines.append((number, cells[0]))
    except csv.Error:
        raise _unreadable(filename) from None
    return lines


def _delimiter(text: str) -> str:
    first = text.splitlines()[0] if text.strip() else ""
    for candidate in ("\t", ";", ","):
        if candidate in first:
            return candidate
    return ","


def count_import(
    *,
    session: CountSession,
    content: bytes,
    filename: str,
    by: Staff,
    place: Location | None = None,
    keep_good: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a scanner's export. Any bad line refuses the whole file, unless ``keep_good``.

    The file is read and its codes checked before the one transaction that records them, so a
    background job can show its progress while it reads.
    """
    progress = progress or no_progress()
    _require(by, "inventory.count_items", f"{by} ({by.role_label}) may not scan into counts.")
    with transaction.atomic():
        _scan_place(_lock_open(session), place)
    lines = read_scanner_file(content, filename=filename)
    if not lines:
        raise InvalidInput(
            f"{filename or 'The file'} has no codes in it.", field="file", code=InventoryErrorCode.INVALID
        )
    progress(0, len(lines), stage="Reading the codes")
    bad: list[tuple[int, str]] = []
    read: list[tuple[int, str]] = []
    for count, (number, code) in enumerate(lines, start=1):
        try:
            read.append((number, canonical_code(code)))
        except ScanRefused as refusal:
            bad.append((number, f"Line {number}: {refusal.message}"))
        progress(count)
    progress(len(lines), stage="Recording the scans")
    return _import_codes(
        session=session, read=read, bad=bad, filename=filename, by=by, place=place, keep_good=keep_good
    )


@transaction.atomic
def _import_codes(
    *,
    session: CountSession,
    read: list[tuple[int, str]],
    bad: list[tuple[int, str]],
    filename: str,
    by: Staff,
    place: Location | None,
    keep_good: bool,
) -> ImportResult:
    session = _lock_open(session)
    place = _scan_place(session, place)
    already: set[str] = set()
    codes = [code for _, code in read]
    for start in range(0, len(codes), 1000):
        already.update(
            CountScan.objects.filter(session=session, code__in=codes[start : start + 1000]).values_list(
                "code", flat=True
            )
        )
    good: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for number, canonical in read:
        if canonical in seen:
            bad.append((number, f"Line {number}: {canonical} is already on line {seen[canonical]}."))
            continue
        seen[canonical] = number
        if canonical in already:
            bad.append((number, f"Line {number}: {canonical} was already scanned in this count."))
            continue
        good.append((number, canonical))
    messages = [message for _, message in sorted(bad)]
    if bad and not keep_good:
        raise CountImportRefused(
            f"{len(bad)} line{'s' if len(bad) != 1 else ''} of {filename or 'the file'} could not be read; "
            "nothing was imported. Correct the file, or choose to keep the good lines.",
            bad_lines=messages,
        )
    source = f"import:{filename}"[:120]
    unknown = 0
    for _, canonical in good:
        outcome = _record(session, canonical, place, by, source=source)
        unknown += outcome.result == ScanResult.UNKNOWN
    return ImportResult(imported=len(good), unknown=unknown, skipped=messages)


# --- Finishing, resolving, signing off -------------------------------------------------------------


def _check_count_witness(session: CountSession, witness: Witness) -> None:
    """The witness who signs is the one named at the start, and not the counter."""
    if witness.staff.pk == session.counter_id:
        raise WitnessRefused(
            f"{witness.staff} counted {session.reference}; the witness must be a second person, not the counter.",
            field="witness_username",
            code=InventoryErrorCode.WITNESS_REFUSED,
        )
    if witness.staff.pk != session.witness_id:
        raise WitnessRefused(
            f"{session.reference} is witnessed by {session.witness}, who must sign here; "
            f"{witness.staff} was not named as its witness.",
            field="witness_username",
            code=InventoryErrorCode.WITNESS_REFUSED,
        )


def count_witness_confirm(
    *,
    session: CountSession,
    username: str,
    password: str,
    otp_code: str = "",
    by: Staff,
) -> Witness:
    """The count's witness proves who they are with their own password (and second factor).

    The same check as the four-eyes witness of a move, with the permission to witness counts;
    the counter cannot be their own witness.
    """
    if username.strip().lower() == session.counter.username.lower():
        raise WitnessRefused(
            f"{session.counter} counted {session.reference}; the witness must be a second person, not the counter.",
            field="witness_username",
            code=InventoryErrorCode.WITNESS_REFUSED,
        )
    witness = witness_confirm(username=username, password=password, otp_code=otp_code, actor=by, duty=COUNT)
    _check_count_witness(session, witness)
    return witness


@transaction.atomic
def count_finish(*, session: CountSession, by: Staff, witness: Witness) -> CountSession:
    """End scanning, signed by the count's witness: reconcile, and keep each discrepancy to be resolved.

    The witness signs here, at the close for reconciliation, because what they attest is that the
    count was done as recorded: the scans are then complete and can no longer change.
    """
    _require(by, "inventory.count_items", f"{by} ({by.role_label}) may not finish counts.")
    session = _lock_open(session)
    _check_count_witness(session, witness)
    if connection.vendor == "postgresql":
        # A count's rows arrive in bulk; fresh statistics keep the anti-join on a hash plan.
        with connection.cursor() as cursor:
            for model in (CountExpected, CountScan):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    result = reconcile(session)
    CountDiscrepancy.objects.bulk_create(
        [
            CountDiscrepancy(
                session=session,
                kind=line.kind,
                item_id=line.item_id,
                code=line.code,
                found_at_id=line.found_at_id,
                system_location_id=line.system_location_id,
            )
            for line in result.discrepancies
        ],
        batch_size=1000,
    )
    overdue = Item.objects.with_place().filter(pk__in=result.overdue).order_by("due_back")
    session.summary = {
        **result.totals(),
        "overdue_items": [
            {
                "stock_number": item.stock_number,
                "title": item.title,
                "location": item.location.label,
                "holder": item.holder,
                "due_back": item.due_back.isoformat() if item.due_back else None,
            }
            for item in overdue
        ],
    }
    session.status = CountStatus.RECONCILING
    session.finished_at = timezone.now()
    session.witnessed_at = witness.confirmed_at
    session.save(update_fields=["summary", "status", "finished_at", "witnessed_at"])
    return session


_KIND_WORDS: dict[str, str] = {
    DiscrepancyKind.MISPLACED: "misplaced",
    DiscrepancyKind.MISSING: "missing",
    DiscrepancyKind.MOVED: "moved out during the count",
    DiscrepancyKind.UNEXPECTED: "unexpected",
}
_ACTION_WORDS: dict[str, str] = {
    Resolution.ADJUSTED: "a count adjustment",
    Resolution.FOUND: "found",
    Resolution.RECORDED_MISSING: "recording it missing",
    Resolution.CONFIRMED: "confirming a move",
    Resolution.RECOUNT: "a recount",
    Resolution.ESCALATED: "escalation",
}
_KIND_OPTIONS: dict[str, str] = {
    DiscrepancyKind.MISPLACED: "record a count adjustment to where it was found, recount or escalate it",
    DiscrepancyKind.MISSING: "record where it was found, record it missing, or escalate it",
    DiscrepancyKind.MOVED: "confirm the move once the piece is seen where it went, record it missing, or escalate it",
    DiscrepancyKind.UNEXPECTED: "record a count adjustment to where it was found, recount or escalate it",
}


def _settle_found(
    discrepancy: CountDiscrepancy, session: CountSession, by: Staff, reason: str, found_at: Location | None
) -> None:
    """A missing piece found after all: where the ledger has it (it agrees), or adjusted to where it was."""
    if found_at is None:
        raise InvalidInput(
            f"Choose the place where {discrepancy.code} was found.", field="found_at", code=InventoryErrorCode.INVALID
        )
    assert discrepancy.item_id is not None  # a missing piece is always one of ours
    item = Item.objects.get(pk=discrepancy.item_id)
    discrepancy.found_at = found_at
    if found_at.pk != item.location_id or item.is_recorded_missing:
        if not by.has_perm("inventory.adjust_count"):
            raise CountError(
                f"{by} ({by.role_label}) may not adjust custody; escalate instead.",
                code=InventoryErrorCode.NOT_PERMITTED,
            )
        discrepancy.event = services.item_count_adjust(
            item=item,
            found_at=found_at,
            by=by,
            reason=_ledger_reason(reason, session),
            witness=session.witness,
            cause=f"count:{session.pk}",
        )
        discrepancy.witnessed_by = session.witness


def _ledger_reason(reason: str, session: CountSession) -> str:
    return f"{reason} ({session.reference}: counted by {session.counter}, witnessed by {session.witness})"


@transaction.atomic
def count_resolve(
    *,
    discrepancy: CountDiscrepancy,
    action: str,
    by: Staff,
    reason: str,
    escalate_to: Staff | None = None,
    found_at: Location | None = None,
) -> CountDiscrepancy:
    """Settle one discrepancy: a count adjustment, found, recorded missing, a confirmed move, a
    recount, or escalation to a named person (what each kind allows: ``RESOLUTIONS_OF_KIND``)."""
    _require(by, "inventory.resolve_count", f"{by} ({by.role_label}) may not resolve count discrepancies.")
    discrepancy = CountDiscrepancy.objects.select_for_update().get(pk=discrepancy.pk)
    session = CountSession.objects.select_related("counter", "witness").get(pk=discrepancy.session_id)
    if session.status != CountStatus.RECONCILING:
        raise CountError(
            f"{session.reference} is {session.get_status_display().lower()}; nothing can be resolved.",
            code=InventoryErrorCode.COUNT_REFUSED,
        )
    if discrepancy.is_settled and discrepancy.resolution != Resolution.ESCALATED:
        raise CountError(
            f"{discrepancy.code} was already settled: {discrepancy.get_resolution_display().lower()} "
            f"by {discrepancy.resolved_by}.",
            code=InventoryErrorCode.COUNT_REFUSED,
        )
    if action not in Resolution.values:
        raise InvalidInput("Choose how the discrepancy is settled.", field="action", code=InventoryErrorCode.INVALID)
    if action not in RESOLUTIONS_OF_KIND[discrepancy.kind]:
        raise InvalidInput(
            f"{discrepancy.code} is {_KIND_WORDS[discrepancy.kind]}: {_ACTION_WORDS[action]} cannot settle it; "
            f"{_KIND_OPTIONS[discrepancy.kind]}.",
            field="action",
            code=InventoryErrorCode.INVALID,
        )
    reason = bounded_text(reason, limit=COUNT_REASON_MAX, field="reason", label="The reason")
    if not reason:
        raise InvalidInput(
            "Say what was found or decided, e.g. ‘Found in tray 2; tray labels swapped’.",
            field="reason",
            code=InventoryErrorCode.INVALID,
        )
    if action in (Resolution.ADJUSTED, Resolution.RECORDED_MISSING) and not by.has_perm("inventory.adjust_count"):
        raise CountError(
            f"{by} ({by.role_label}) may not adjust custody; recount or escalate instead.",
            code=InventoryErrorCode.NOT_PERMITTED,
        )
    if action == Resolution.ADJUSTED:
        if discrepancy.item_id is None or discrepancy.found_at_id is None:
            raise InvalidInput(
                f"{discrepancy.code} is not a piece of ours, so there is nothing to adjust; recount or escalate it.",
                field="action",
                code=InventoryErrorCode.INVALID,
            )
        item = Item.objects.get(pk=discrepancy.item_id)
        place = Location.objects.get(pk=discrepancy.found_at_id)
        discrepancy.event = services.item_count_adjust(
            item=item,
            found_at=place,
            by=by,
            reason=_ledger_reason(reason, session),
            witness=session.witness,
            cause=f"count:{session.pk}",
        )
        discrepancy.witnessed_by = session.witness
    elif action == Resolution.FOUND:
        _settle_found(discrepancy, session, by, reason, found_at)
    elif action == Resolution.RECORDED_MISSING:
        assert discrepancy.item_id is not None
        discrepancy.event = services.item_record_missing(
            item=Item.objects.get(pk=discrepancy.item_id),
            by=by,
            reason=f"Not found by the count: {_ledger_reason(reason, session)}",
            witness=session.witness,
            count_id=session.pk,
        )
        discrepancy.witnessed_by = session.witness
    elif action == Resolution.ESCALATED:
        if escalate_to is None:
            raise InvalidInput(
                "Name the person this is escalated to.", field="escalate_to", code=InventoryErrorCode.INVALID
            )
        if not escalate_to.is_active:
            raise InvalidInput(
                f"{escalate_to} no longer has an active account.", field="escalate_to", code=InventoryErrorCode.INVALID
            )
        if escalate_to.pk == by.pk:
            raise InvalidInput(
                "Escalate to someone else, not to yourself.", field="escalate_to", code=InventoryErrorCode.INVALID
            )
        discrepancy.escalated_to = escalate_to
    discrepancy.resolution = action
    discrepancy.note = reason
    discrepancy.resolved_by = by
    discrepancy.resolved_at = timezone.now()
    discrepancy.save()
    return discrepancy


@transaction.atomic
def count_sign_off(*, session: CountSession, by: Staff) -> CountSession:
    """Sign the count off; the second different person's signature closes it."""
    _require(by, "inventory.sign_off_count", f"{by} ({by.role_label}) may not sign counts off.")
    session = CountSession.objects.select_for_update().get(pk=session.pk)
    if session.status == CountStatus.OPEN:
        raise CountError(
            f"{session.reference} is still being counted; finish scanning first.", code=InventoryErrorCode.COUNT_REFUSED
        )
    if session.status == CountStatus.CLOSED:
        raise CountError(f"{session.reference} is already closed.", code=InventoryErrorCode.COUNT_REFUSED)
    unsettled = list(
        CountDiscrepancy.objects.filter(session=session, resolution="").order_by("code").values_list("code", flat=True)
    )
    if unsettled:
        listed = ", ".join(unsettled[:5]) + (" …" if len(unsettled) > 5 else "")
        raise CountError(
            f"{len(unsettled)} discrepanc{'ies are' if len(unsettled) != 1 else 'y is'} not yet resolved or "
            f"escalated ({listed}); settle each before signing off.",
            code=InventoryErrorCode.COUNT_REFUSED,
        )
    # The ledger may not be left saying what the count disproved: each missing piece is found or recorded missing.
    open_missing = list(
        CountDiscrepancy.objects.filter(session=session, kind=DiscrepancyKind.MISSING)
        .exclude(resolution__in=CLOSES_MISSING)
        .order_by("code")
        .values_list("code", flat=True)
    )
    if open_missing:
        listed = ", ".join(open_missing[:5]) + (" …" if len(open_missing) > 5 else "")
        many = len(open_missing) != 1
        raise CountError(
            f"{len(open_missing)} missing piece{'s are' if many else ' is'} neither found nor recorded missing "
            f"({listed}); the ledger still places {'them' if many else 'it'} where the count did not find "
            f"{'them' if many else 'it'}. Record where {'each' if many else 'it'} was found, or record "
            f"{'each' if many else 'it'} missing, before signing off.",
            code=InventoryErrorCode.COUNT_REFUSED,
        )
    if CountSignOff.objects.filter(session=session, staff=by).exists():
        raise CountError(
            f"You have already signed off {session.reference}; a second person must sign.",
            code=InventoryErrorCode.COUNT_REFUSED,
        )
    CountSignOff.objects.create(session=session, staff=by)
    if CountSignOff.objects.filter(session=session).count() >= 2:
        session.status = CountStatus.CLOSED
        session.closed_at = timezone.now()
        session.save(update_fields=["status", "closed_at"])
    return session


@transaction.atomic
def count_interval_set(*, kind: str, days: int, by: Staff) -> CountInterval:
    """How often places of ``kind`` must be counted."""
    _require(by, "inventory.manage_count_intervals", f"{by} ({by.role_label}) may not change count intervals.")
    if kind not in COUNTABLE_KINDS:
        raise InvalidInput(
            f"Places of kind {LocationKind(kind).label.lower()} are not counted.",
            field="kind",
            code=InventoryErrorCode.INVALID,
        )
    if days < 1 or days > 3650:
        raise InvalidInput("Enter a number of days between 1 and 3650.", field="days", code=InventoryErrorCode.INVALID)
    interval, _ = CountInterval.objects.update_or_create(kind=kind, defaults={"days": days})
    return interval
