"""Operations on the whole book: list, search, open, export, import, matching."""

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Status, UploadedFile
from ninja.pagination import paginate

from parure.clients import jobs as client_jobs
from parure.clients import queries
from parure.clients.api.common import (
    _address_inputs,
    _phone_inputs,
    _staff,
    client_payload,
)
from parure.clients.api.router import router
from parure.clients.api.schemas import (
    ClientIn,
    ClientOut,
    ClientSummaryOut,
    ExportRowOut,
    ImportFileIn,
    ImportIn,
    ImportOut,
    MatchPieceIn,
    RoomOut,
    SearchIn,
    SuggestionOut,
)
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.exports import EXPORT_COLUMNS, export_rows
from parure.clients.matching import PieceDescription
from parure.clients.models import Room
from parure.clients.normalise import maker_key, phone_e164, ring_size_to_mm
from parure.clients.services import clients as files
from parure.clients.services import imports
from parure.clients.services.duplicates import NewFile, duplicate_check
from parure.clients.visibility import Viewer
from parure.core.access_log import record_access
from parure.core.api import ApiError, requires
from parure.core.api_routes import JobOut, job_out
from parure.core.choices import AccessAction
from parure.core.jobs import job_start
from parure.core.money import Money
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.core.uploads import upload_bytes


# --- Operations on the book (literal paths first, then /{number}) ---------------------------------
@router.get("/", response=list[ClientSummaryOut], summary="Client files you may see, by name")
@requires("clients.view_client")
@paginate(LimitOffset)
def list_clients(request: HttpRequest, tag: str = "") -> Any:
    viewer = Viewer(request.user)
    rows = queries.client_list(request.user).prefetch_related(None).order_by("display_name", "pk")
    if tag:
        rows = rows.filter(tags__name=tag)
    return _LazySummaries(viewer, rows)


class _LazySummaries:
    """A queryset that the paginator slices, mapped to summaries only for the page."""

    def __init__(self, viewer: Viewer, rows: Any) -> None:
        self.viewer, self.rows = viewer, rows

    def count(self) -> int:
        return int(self.rows.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: Any) -> Any:
        return queries.client_summaries(self.viewer.user, self.rows[index])


@router.post("/search", response=list[ClientSummaryOut], summary="Search by name, e-mail, phone or client number")
@requires("clients.view_client")
def search_clients(request: HttpRequest, payload: SearchIn) -> Any:
    found = queries.client_search(request.user, payload.query).prefetch_related(None).order_by("display_name", "pk")
    return queries.client_summaries(request.user, found[:100])


@router.post("/", response={201: ClientOut}, summary="Open a client file")
@requires("clients.add_client")
def create_client(request: HttpRequest, payload: ClientIn) -> Any:
    data = payload.dict()
    people = _staff(data.pop("specialists"), "specialists") if payload.specialists else None
    phones = _phone_inputs(payload.phones)
    if not data.pop("allow_duplicate"):
        by = acting_staff(request)
        e164 = []
        for phone in payload.phones:
            try:
                e164.append(phone_e164(phone.number, region=files._region_for(payload.country, by)))
            except ClientError:
                continue
        typed = NewFile(
            kind=payload.kind, display_name=payload.display_name or payload.organisation_name,
            given_name=payload.given_name, family_name=payload.family_name, emails=payload.emails, phones=e164,
        )  # fmt: skip
        answer = duplicate_check(typed=typed, by=by)
        if answer:
            raise ApiError(
                " ".join([*answer.sentences, "Send allow_duplicate: true to open a new file anyway."]),
                code=ClientErrorCode.POSSIBLE_DUPLICATES,
            )
    data.pop("phones"), data.pop("addresses"), data.pop("emails")
    client = files.client_create(
        emails=payload.emails, phones=phones, addresses=_address_inputs(payload.addresses), specialists=people,
        by=acting_staff(request), **{k: v for k, v in data.items() if k != "specialists"},
    )  # fmt: skip
    return Status(201, client_payload(request, queries.client_detail(client.number).get()))


@router.get("/export", response=list[ExportRowOut], summary="Export the files you may see (logged)")
@requires("clients.export_clients")
def export_clients(request: HttpRequest, tag: str = "") -> Any:
    rows_qs = queries.client_list(request.user).prefetch_related("phones").order_by("number")
    if tag:
        rows_qs = rows_qs.filter(tags__name=tag)
    rows = export_rows(request.user, rows_qs.iterator(chunk_size=2000))
    record_access(
        request, action=AccessAction.EXPORT, subject_kind="export:clients", subject_ref=f"{len(rows)} files",
        detail="Client list through the API",
    )  # fmt: skip
    return [dict(zip(EXPORT_COLUMNS, map(str, row), strict=True)) for row in rows]


def _import(
    request: HttpRequest, *, filename: str, content: bytes, rows: int, specialist: str, dry_run: bool, keep: bool
) -> Any:
    """The page's import services, at once for a short list, as a background job (202) for a long one."""
    person = _staff([specialist], "specialist")[0] if specialist else acting_staff(request)
    if rows > imports.BACKGROUND_FROM_ROWS or len(content) > imports.BACKGROUND_FROM_BYTES:
        job = job_start(
            kind=client_jobs.IMPORT, by=acting_staff(request), filename=filename, upload=content,
            params={"specialist": person.pk, "dry_run": dry_run, "keep_good_rows": keep},
        )  # fmt: skip
        return Status(202, job_out(job))
    checked, created = imports.import_clients(
        filename=filename, content=content, by=acting_staff(request), specialist=person, keep_good_rows=keep,
        dry_run=dry_run,
    )  # fmt: skip
    return {"rows": checked, "created": created}


@router.post(
    "/imports",
    response={200: ImportOut, 202: JobOut},
    summary="Check (dry run) or import client rows, all or nothing; a long list runs in the background (202)",
)
@requires("clients.import_clients")
def import_clients(request: HttpRequest, payload: ImportIn) -> Any:
    return _import(
        request, filename=imports.API_FILENAME, content=imports.api_rows_content(payload.rows),
        rows=len(payload.rows), specialist=payload.specialist, dry_run=payload.dry_run, keep=payload.keep_good_rows,
    )  # fmt: skip


@router.post(
    "/imports/file",
    response={200: ImportOut, 202: JobOut},
    summary="Check (dry run) or import a client list file (.xlsx or .csv), as the import page does",
)
@requires("clients.import_clients")
def import_client_file(request: HttpRequest, form: Form[ImportFileIn], file: File[UploadedFile | None] = None) -> Any:
    content = upload_bytes(request, file, limit=imports.MAX_BYTES)
    if file is None or content is None:
        raise ClientError(
            "Send the list as the multipart field ‘file’ (Excel or CSV).",
            field="file",
            code=ClientErrorCode.INVALID_FILE,
        )
    return _import(
        request, filename=file.name or "", content=content, rows=0, specialist=form.specialist,
        dry_run=form.dry_run, keep=form.keep_good_rows,
    )  # fmt: skip


@router.post("/matching", response=list[SuggestionOut], summary="Clients whose wants a piece meets")
@requires("clients.match_pieces")
def match_piece(request: HttpRequest, payload: MatchPieceIn) -> Any:
    try:
        prices = tuple(Money.of(p.amount, p.currency) for p in payload.prices)
    except ValueError as error:
        raise ApiError(str(error), code=ClientErrorCode.INVALID, fields={"prices": [str(error)]}) from None
    ring = ring_size_to_mm(payload.ring_size, payload.ring_size_system) if payload.ring_size.strip() else None
    piece = PieceDescription(
        category=payload.category, stones=frozenset(payload.stones), colours=frozenset(payload.colours),
        maker=maker_key(payload.maker) if payload.maker else "", period=payload.period, prices=prices,
        ring_size_mm=ring,
    )  # fmt: skip
    return [
        {"number": s.client_number, "name": s.label, "want_ids": list(s.want_ids)}
        for s in queries.clients_wanting(piece, user=acting_staff(request), limit=200)
    ]


@router.get("/rooms", response=list[RoomOut], summary="Viewing rooms")
@requires("clients.view_calendar")
def list_rooms(request: HttpRequest, office: str = "") -> Any:
    rows = Room.objects.filter(is_active=True).select_related("office")
    if office:
        rows = rows.filter(office__code=office.upper())
    return [{"id": r.pk, "office": r.office.code, "name": r.name, "capacity": r.capacity} for r in rows]
