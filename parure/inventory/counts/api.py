"""Count operations (/api/v1/inventory/counts…): sessions, scans, the reconciliation result and
the accountability figures. Their router is mounted on the inventory's (:mod:`parure.inventory.api.router`)."""

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, File, Form, Path, Query, Router, Schema, Status, UploadedFile

from parure.core.api import ErrorOut, requires
from parure.core.api_routes import JobOut, job_out
from parure.core.jobs import job_start
from parure.core.models import Office, Staff
from parure.core.policy import acting_staff
from parure.core.uploads import upload_bytes
from parure.inventory.api.common import place_named as _place
from parure.inventory.api.schemas import BIGINT_MAX, OfficeCode, RowId
from parure.inventory.counts import jobs as count_jobs
from parure.inventory.counts import queries, services
from parure.inventory.counts.choices import CountMode, CountScope, CountStatus
from parure.inventory.counts.models import CountSession
from parure.inventory.counts.reconcile import Line, reconcile
from parure.inventory.errors import InvalidInput, InventoryErrorCode

router = Router()  # mounted on, and tagged by, the inventory router

USERNAME_MAX = 150  # Django's username column
SCANNED_CODE_MAX = 40  # CountScan.code
CountId = Annotated[int, Path(ge=1, le=BIGINT_MAX)]


class CountOut(Schema):
    id: int
    reference: str
    scope: str
    scope_label: str
    location: int | None
    office: str | None
    mode: str
    status: str
    counter: str
    witness: str
    started_at: datetime
    start_seq: int
    expected: int | None = Field(description="None while a blind count is being scanned.")
    scanned: int
    witnessed_at: datetime | None
    finished_at: datetime | None
    closed_at: datetime | None


class CountIn(Schema):
    scope: CountScope = Field(CountScope.LOCATION, description="location, office or department")
    location: RowId | None = Field(
        None, description="The place counted (with everything inside it), for scope=location."
    )
    office: OfficeCode | None = Field(None, description="Office code, for scope=office.")
    mode: CountMode = Field(CountMode.BLIND, description="blind or guided")
    counter: str = Field(max_length=USERNAME_MAX, description="The counter's username.")
    witness: str = Field(
        max_length=USERNAME_MAX, description="The witness's username: independent of custody of the place."
    )


class ScanIn(Schema):
    code: str = Field(max_length=SCANNED_CODE_MAX)
    place: RowId | None = Field(None, description="Where the counter is; defaults to the place counted.")


class ScanOut(Schema):
    result: str = Field(description="found, not_here or unknown (refusals come back as errors)")
    message: str
    code: str
    scanned: int
    expected: int | None = Field(description="None while a blind count is being scanned.")


class LineOut(Schema):
    code: str
    item: str | None
    found_at: int | None
    system_location: int | None


class ReconciliationOut(Schema):
    expected_at_start: int
    expected_now: int
    scanned: int
    found: int
    misplaced: list[LineOut]
    missing: list[LineOut]
    moved: list[LineOut]
    unexpected: list[LineOut]
    overdue: list[str]
    left_during_count: list[str]
    arrived_during_count: list[str]


class OfficeFiguresOut(Schema):
    office: str
    in_custody: int
    by_kind: dict[str, int]
    checked_out_due: int
    overdue: int
    in_transit: int
    not_verified: int
    last_count: datetime | None


class AccountabilityOut(Schema):
    verify_days: int
    department: OfficeFiguresOut
    offices: list[OfficeFiguresOut]
    last_verification_at: datetime | None
    last_verification_result: str


def _count(session: CountSession) -> dict[str, Any]:
    return {
        "id": session.pk,
        "reference": session.reference,
        "scope": session.scope,
        "scope_label": session.scope_label,
        "location": session.location_id,
        "office": session.office.code if session.office else None,
        "mode": session.mode,
        "status": session.status,
        "counter": session.counter.username,
        "witness": session.witness.username,
        "started_at": session.started_at,
        "start_seq": session.start_seq,
        "expected": None if session.is_blind_now else session.expected_count,
        "scanned": session.scanned_count,
        "witnessed_at": session.witnessed_at,
        "finished_at": session.finished_at,
        "closed_at": session.closed_at,
    }


def _person(username: str, field: str) -> Staff:
    person = Staff.objects.filter(username__iexact=username.strip()).first()
    if person is None:
        raise InvalidInput(
            f"No member of staff has the username ‘{username}’.", field=field, code=InventoryErrorCode.INVALID
        )
    return person


@router.get("/counts", response=list[CountOut], summary="Inventory counts, newest first")
@requires("inventory.view_counts")
def count_list(
    request: HttpRequest, status: Query[CountStatus | None] = None, place: Query[RowId | None] = None
) -> list[dict[str, Any]]:
    location = _place(place, "place")
    return [_count(session) for session in queries.sessions(location=location, status=status or "")[:200]]


@router.post(
    "/counts",
    response={201: CountOut},
    summary="Start a count: the expected set is taken from the ledger now",
)
@requires("inventory.count_items")
def count_start(request: HttpRequest, payload: CountIn) -> Any:
    office = None
    if payload.office:
        office = Office.objects.filter(code=payload.office.strip().upper()).first()
        if office is None:
            raise InvalidInput(
                f"No office has the code ‘{payload.office}’.", field="office", code=InventoryErrorCode.INVALID
            )
    session = services.count_start(
        scope=payload.scope,
        mode=payload.mode,
        counter=_person(payload.counter, "counter"),
        witness=_person(payload.witness, "witness"),
        by=acting_staff(request),
        location=_place(payload.location, "location"),
        office=office,
    )
    return Status(201, _count(queries.session(session.pk)))


@router.get("/counts/{count_id}", response=CountOut, summary="One count")
@requires("inventory.view_counts")
def count_detail(request: HttpRequest, count_id: CountId) -> dict[str, Any]:
    return _count(queries.session(count_id))


@router.post(
    "/counts/{count_id}/scans",
    response={201: ScanOut},
    summary="Scan a code into a count",
)
@requires("inventory.count_items")
def count_scan(request: HttpRequest, count_id: CountId, payload: ScanIn) -> Any:
    session = queries.session(count_id)
    outcome = services.count_scan(
        session=session,
        code=payload.code,
        by=acting_staff(request),
        place=_place(payload.place, "place"),
    )
    session.refresh_from_db(fields=["scanned_count", "expected_scanned"])
    blind = session.is_blind_now
    return Status(
        201,
        {
            "result": outcome.result,
            "message": outcome.message,
            "code": outcome.code,
            "scanned": session.scanned_count if blind else session.expected_scanned,
            "expected": None if blind else session.expected_count,
        },
    )


def _lines(lines: list[Line], numbers: dict[int, str]) -> list[dict[str, Any]]:
    return [
        {
            "code": line.code,
            "item": numbers.get(line.item_id) if line.item_id is not None else None,
            "found_at": line.found_at_id,
            "system_location": line.system_location_id,
        }
        for line in lines
    ]


@router.get(
    "/counts/{count_id}/reconciliation", response=ReconciliationOut, summary="The count against the ledger, now"
)
@requires("inventory.view_counts")
def count_reconciliation(request: HttpRequest, count_id: CountId) -> dict[str, Any]:
    from parure.inventory.models import Item

    session = queries.session(count_id)
    if session.is_blind_now:
        raise services.CountError(
            f"{session.reference} is a blind count still being scanned; its reconciliation is shown once scanning "
            "is finished.",
            code=InventoryErrorCode.COUNT_REFUSED,
        )
    result = reconcile(session)
    wanted = {
        *(line.item_id for line in result.discrepancies if line.item_id is not None),
        *result.overdue,
        *result.left_during_count,
        *result.arrived_during_count,
    }
    numbers = dict(Item.objects.filter(pk__in=wanted).values_list("pk", "stock_number"))
    return {
        "expected_at_start": result.expected_at_start,
        "expected_now": result.expected_now,
        "scanned": result.scanned,
        "found": result.found,
        "misplaced": _lines(result.misplaced, numbers),
        "missing": _lines(result.missing, numbers),
        "moved": _lines(result.moved, numbers),
        "unexpected": _lines(result.unexpected, numbers),
        "overdue": [numbers[pk] for pk in result.overdue],
        "left_during_count": [numbers[pk] for pk in result.left_during_count],
        "arrived_during_count": [numbers[pk] for pk in result.arrived_during_count],
    }


def _figures(figures: queries.OfficeFigures) -> dict[str, Any]:
    return {
        "office": figures.code or "department",
        "in_custody": figures.in_custody,
        "by_kind": figures.by_kind,
        "checked_out_due": figures.checked_out_due,
        "overdue": figures.overdue,
        "in_transit": figures.in_transit,
        "not_verified": figures.not_verified,
        "last_count": figures.last_count,
    }


@router.get("/accountability", response=AccountabilityOut, summary="Accountability figures, department and offices")
@requires("inventory.view_accountability")
def accountability_figures(request: HttpRequest, days: Annotated[int, Field(ge=1, le=3650)] = 90) -> dict[str, Any]:
    figures = queries.accountability(verify_days=days)
    return {
        "verify_days": figures.verify_days,
        "department": _figures(figures.department),
        "offices": [_figures(office) for office in figures.offices],
        "last_verification_at": figures.last_verification_at,
        "last_verification_result": figures.last_verification_result,
    }


class CountImportIn(Schema):
    place: RowId | None = Field(None, description="Where the codes were scanned; defaults to the place counted.")
    keep_good: bool = Field(False, description="Import the good lines and leave out the bad ones.")


class CountImportOut(Schema):
    imported: int
    unknown: int
    skipped: list[str]


@router.post(
    "/counts/{count_id}/import",
    response={200: CountImportOut, 202: JobOut, 422: ErrorOut},
    summary="Import a scanner's file (CSV or plain text) into a count; a large file runs in the background (202)",
)
@requires("inventory.count_items")
def count_import(
    request: HttpRequest, count_id: CountId, form: Form[CountImportIn], file: File[UploadedFile | None] = None
) -> Any:
    session = queries.session(count_id)
    place = _place(form.place, "place")
    content = upload_bytes(request, file, limit=services.IMPORT_MAX_BYTES)
    if file is None or content is None:
        raise InvalidInput(
            "Send the scanner's file as the multipart field ‘file’.", field="file", code=InventoryErrorCode.INVALID
        )
    if len(content) > services.IMPORT_BACKGROUND_FROM_BYTES:
        job = job_start(
            kind=count_jobs.COUNT_IMPORT, by=acting_staff(request), filename=file.name or "", upload=content,
            params={"session": session.pk, "place": place.pk if place else None, "keep_good": form.keep_good},
        )  # fmt: skip
        return Status(202, job_out(job))
    try:
        result = services.count_import(
            session=session, content=content, filename=file.name or "", by=acting_staff(request),
            place=place, keep_good=form.keep_good,
        )  # fmt: skip
    except services.CountImportRefused as refusal:
        lines = refusal.bad_lines[: services.IMPORT_LINES_SHOWN]
        return Status(422, {"status": 422, "code": refusal.code, "message": refusal.message, "fields": {"file": lines}})
    return {"imported": result.imported, "unknown": result.unknown, "skipped": result.skipped}
