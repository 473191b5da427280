"""Every write of an inventory count, one transaction each.

- :func:`count_start`: the scope, blind or guided, the counter and an independent witness; the
  expected set is taken from the ledger under the ledger's head lock;
- :func:`count_scan` / :func:`count_import`: codes scanned one by one, or a scanner's export file;
- :func:`count_finish`: scanning ends; the discrepancies are fixed for resolution;
- :func:`count_resolve`: a count adjustment (through the custody service), a recount, or escalation;
- :func:`count_sign_off`: two different people; the second closes the count;
- :func:`count_interval_set`: the cycle-counting setting for a kind of place.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import formats, timezone

from parure.core.models import Office, Staff
from parure.inventory import ledger, services
from parure.inventory.choices import IN_HOUSE_KINDS, ItemStatus, LocationKind
from parure.inventory.counts.choices import (
    COUNTABLE_KINDS,
    CountMode,
    CountScope,
    CountStatus,
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
from parure.inventory.errors import InvalidInput, InventoryError, StockNumberError
from parure.inventory.models import Item, Location
from parure.inventory.numbers import looks_like_stock_number, parse_stock_number
from parure.inventory.services.custody import describe_place


class CountError(InventoryError):
    """A count action refused (a closed count, a duplicate scan, a witness who holds custody...)."""

    code = "count_refused"


class ScanRefused(CountError):
    """A code that was not recorded: malformed, already scanned, or the count is not open."""

    def __init__(self, message: str, *, result: str, field: str | None = "code") -> None:
        super().__init__(message, field=field, code=result)
        self.result = result
        if result == ScanResult.MALFORMED:
            self.status = 422


class CountImportRefused(CountError):
    """A scanner file with bad lines, imported with nothing written."""

    status = 422

    def __init__(self, message: str, *, bad_lines: list[str]) -> None:
        super().__init__(message, field="file", code="bad_lines")
        self.bad_lines = bad_lines


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j M H:i")


def _require(person: Staff, permission: str, sentence: str, field: str | None = None) -> None:
    if not person.is_active or not person.has_perm(permission):
        raise CountError(sentence, field=field)


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
        raise InvalidInput("Choose a blind or a guided count.", field="mode")
    if scope == CountScope.LOCATION:
        if location is None:
            raise InvalidInput("Choose the place to count.", field="location")
        location = Location.objects.select_related("office").get(pk=location.pk)
        if location.kind not in IN_HOUSE_KINDS or not location.is_active:
            raise InvalidInput(
                f"{location.label} is not a place in the house; count a vault, safe, tray, room or case.",
                field="location",
            )
        office = None
        here: Office | None = location.office
    elif scope == CountScope.OFFICE:
        if office is None:
            raise InvalidInput("Choose the office to count.", field="office")
        location, here = None, office
    elif scope == CountScope.DEPARTMENT:
        location = office = here = None
    else:
        raise InvalidInput("Choose what to count: a place, an office or the whole department.", field="scope")
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
        raise InvalidInput("The witness must be a second person, not the counter.", field="witness")
    if here is not None:
        for person, role, name in ((counter, "counter", "counter"), (witness, "witness", "witness")):
            if person.office_id != here.pk:
                raise InvalidInput(
                    f"{person} works at {person.office or 'no office'}; the {role} must be present at {here.name}.",
                    field=name,
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
            raise InvalidInput("Choose the place you are counting.", field="place")
    place = Location.objects.select_related("office").get(pk=place.pk)
    if place.kind not in IN_HOUSE_KINDS or not covers(session, place):
        raise InvalidInput(f"{place.label} is not part of {session.reference}; choose a place in it.", field="place")
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
    item = Item.objects.select_related("location", "location__office").filter(stock_number=number).first()
    if item is None:
        result, message = ScanResult.UNKNOWN, f"No piece has stock number {number}; noted as unexpected."
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
        CountSession.objects.filter(pk=session.pk).update(scanned_count=F("scanned_count") + 1)
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


def read_scanner_file(content: bytes) -> list[tuple[int, str]]:
    """(line number, code) for each non-blank line of a scanner export: plain text or CSV.

    In a CSV the code is the first non-empty cell; a first line whose first cell is a heading
    (code, barcode, stock number...) is skipped.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    lines: list[tuple[int, str]] = []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=_delimiter(text)), start=1):
        cells = [cell.strip() for cell in row if cell.strip()]
        if not cells:
            continue
        if number == 1 and cells[0].lower().replace("_", " ") in {"code", "barcode", "stock number", "tag", "scan"}:
            continue
        lines.append((number, cells[0]))
    return lines


def _delimiter(text: str) -> str:
    first = text.splitlines()[0] if text.strip() else ""
    for candidate in ("\t", ";", ","):
        if candidate in first:
            return candidate
    return ","


@transaction.atomic
def count_import(
    *,
    session: CountSession,
    content: bytes,
    filename: str,
    by: Staff,
    place: Location | None = None,
    keep_good: bool = False,
) -> ImportResult:
    """Import a scanner's export. Any bad line refuses the whole file, unless ``keep_good``."""
    _require(by, "inventory.count_items", f"{by} ({by.role_label}) may not scan into counts.")
    session = _lock_open(session)
    place = _scan_place(session, place)
    lines = read_scanner_file(content)
    if not lines:
        raise InvalidInput(f"{filename or 'The file'} has no codes in it.", field="file")
    good: list[tuple[int, str]] = []
    bad: list[tuple[int, str]] = []
    read: list[tuple[int, str]] = []
    for number, code in lines:
        try:
            read.append((number, canonical_code(code)))
        except ScanRefused as refusal:
            bad.append((number, f"Line {number}: {refusal.message}"))
    already = set(
        CountScan.objects.filter(session=session, code__in=[code for _, code in read]).values_list("code", flat=True)
    )
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


@transaction.atomic
def count_finish(*, session: CountSession, by: Staff) -> CountSession:
    """End scanning: reconcile, and keep each discrepancy to be resolved."""
    _require(by, "inventory.count_items", f"{by} ({by.role_label}) may not finish counts.")
    session = _lock_open(session)
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
    session.save(update_fields=["summary", "status", "finished_at"])
    return session


@transaction.atomic
def count_resolve(
    *,
    discrepancy: CountDiscrepancy,
    action: str,
    by: Staff,
    reason: str,
    escalate_to: Staff | None = None,
) -> CountDiscrepancy:
    """Settle one discrepancy: a count adjustment, a recount, or escalation to a named person."""
    _require(by, "inventory.resolve_count", f"{by} ({by.role_label}) may not resolve count discrepancies.")
    discrepancy = CountDiscrepancy.objects.select_for_update().get(pk=discrepancy.pk)
    session = CountSession.objects.select_related("counter", "witness").get(pk=discrepancy.session_id)
    if session.status != CountStatus.RECONCILING:
        raise CountError(f"{session.reference} is {session.get_status_display().lower()}; nothing can be resolved.")
    if discrepancy.is_settled:
        raise CountError(
            f"{discrepancy.code} was already settled: {discrepancy.get_resolution_display().lower()} "
            f"by {discrepancy.resolved_by}."
        )
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            "Say what was found or decided, e.g. ‘Found in tray 2; tray labels swapped’.", field="reason"
        )
    if action == Resolution.ADJUSTED:
        if not by.has_perm("inventory.adjust_count"):
            raise CountError(f"{by} ({by.role_label}) may not adjust custody; recount or escalate instead.")
        if discrepancy.item_id is None or discrepancy.found_at_id is None:
            raise InvalidInput(
                f"{discrepancy.code} was not found anywhere in the count, so there is no place to adjust it to; "
                "recount or escalate it.",
                field="action",
            )
        item = Item.objects.get(pk=discrepancy.item_id)
        found_at = Location.objects.get(pk=discrepancy.found_at_id)
        discrepancy.event = services.item_count_adjust(
            item=item,
            found_at=found_at,
            by=by,
            reason=f"{reason} ({session.reference}: counted by {session.counter}, witnessed by {session.witness})",
            witness=session.witness,
            cause=f"count:{session.pk}",
        )
        discrepancy.witnessed_by = session.witness
    elif action == Resolution.RECOUNT:
        pass
    elif action == Resolution.ESCALATED:
        if escalate_to is None:
            raise InvalidInput("Name the person this is escalated to.", field="escalate_to")
        if not escalate_to.is_active:
            raise InvalidInput(f"{escalate_to} no longer has an active account.", field="escalate_to")
        if escalate_to.pk == by.pk:
            raise InvalidInput("Escalate to someone else, not to yourself.", field="escalate_to")
        discrepancy.escalated_to = escalate_to
    else:
        raise InvalidInput("Choose a count adjustment, a recount or escalation.", field="action")
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
        raise CountError(f"{session.reference} is still being counted; finish scanning first.")
    if session.status == CountStatus.CLOSED:
        raise CountError(f"{session.reference} is already closed.")
    unsettled = list(
        CountDiscrepancy.objects.filter(session=session, resolution="").order_by("code").values_list("code", flat=True)
    )
    if unsettled:
        listed = ", ".join(unsettled[:5]) + (" …" if len(unsettled) > 5 else "")
        raise CountError(
            f"{len(unsettled)} discrepanc{'ies are' if len(unsettled) != 1 else 'y is'} not yet resolved or "
            f"escalated ({listed}); settle each before signing off."
        )
    if CountSignOff.objects.filter(session=session, staff=by).exists():
        raise CountError(f"You have already signed off {session.reference}; a second person must sign.")
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
        raise InvalidInput(f"Places of kind {LocationKind(kind).label.lower()} are not counted.", field="kind")
    if days < 1 or days > 3650:
        raise InvalidInput("Enter a number of days between 1 and 3650.", field="days")
    interval, _ = CountInterval.objects.update_or_create(kind=kind, defaults={"days": days})
    return interval
