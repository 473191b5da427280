"""Photography's API, under /api/v1/catalogue/photography: shot lists (list, create, read, update,
delete), their entries (add, move on the board), the check-out to the studio and the return by
scan, a piece's photographs (list, multipart upload, order, primary) and a derivative's download.

Each operation checks its permission before anything is read, calls one service and answers with
the shape below; refusals have the API's one error shape.
"""

from datetime import datetime
from typing import Annotated, Any

from django.http import FileResponse, Http404, HttpRequest
from ninja import Field, File, Form, Path, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from parure.catalogue import images as imaging
from parure.catalogue import photo_queries
from parure.catalogue.choices import DerivativeKind, PhotoStatus, PhotoStyle, ShotListStatus
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import PieceImage, ShotList, ShotListEntry
from parure.catalogue.services import photography as photo
from parure.core.api import requires
from parure.core.models import Office
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.core.uploads import request_too_large
from parure.inventory import services as custody

router = Router()  # tagged "catalogue" by the router it is mounted on

BIGINT_MAX = 2**63 - 1
# Identifiers reach SQL: beyond 64 bits they are refused by the schema (422), not by the database.
ShotListId = Annotated[int, Path(ge=1, le=BIGINT_MAX)]
ImageId = Annotated[int, Path(ge=1, le=BIGINT_MAX)]
StockNumberText = Annotated[str, Path(max_length=40)]


class ShotListQuery(Schema):
    office: str = Field("", max_length=2)  # an office's code; every office when blank
    status: ShotListStatus | None = None


class ShotListIn(Schema):
    name: str = Field(max_length=photo.NAME_MAX)
    office: str = Field("", max_length=2)  # the office's code; the caller's own office when blank
    sale_code: str = Field("", max_length=photo.SALE_CODE_MAX)
    notes: str = Field("", max_length=photo.NOTES_MAX * 4)


class ShotListPatch(Schema):
    name: str | None = Field(None, max_length=photo.NAME_MAX)
    sale_code: str | None = Field(None, max_length=photo.SALE_CODE_MAX)
    notes: str | None = Field(None, max_length=photo.NOTES_MAX * 4)
    status: ShotListStatus | None = None


class ShotListEntryIn(Schema):
    stock_number: str = Field(max_length=40)
    style: PhotoStyle = PhotoStyle.FLAT_LAY
    to_clean: bool = False
    to_polish: bool = False
    notes: str = Field("", max_length=photo.NOTES_MAX)


class ShotListMoveIn(Schema):
    to: PhotoStatus
    expected: PhotoStatus | None = None  # the column the caller last saw; a move since is refused (409)


class PhotoWitnessIn(Schema):
    username: str = Field(max_length=150)
    password: str = Field(max_length=200)
    otp_code: str = Field("", max_length=12)


class StudioCheckOutIn(Schema):
    due_back: datetime
    witness: PhotoWitnessIn | None = None


class StudioReturnIn(Schema):
    code: str = Field(max_length=60)


class ImageOrderIn(Schema):
    images: list[Annotated[int, Field(ge=1, le=BIGINT_MAX)]] = Field(max_length=500)


class ImageUploadIn(Schema):
    alt_text: str = Field("", max_length=photo.ALT_TEXT_MAX)
    credit: str = Field("", max_length=photo.CREDIT_MAX)


class ShotListEntryOut(Schema):
    stock_number: str
    title: str
    position: int
    style: str
    to_clean: bool
    to_polish: bool
    notes: str
    status: str
    status_changed_by: str
    status_changed_at: datetime


class ShotListOut(Schema):
    id: int
    name: str
    office: str
    sale_code: str
    status: str
    notes: str
    created_by: str
    created_at: datetime


class ShotListDetailOut(ShotListOut):
    entries: list[ShotListEntryOut]


class StudioCheckOutOut(Schema):
    checked_out: list[str]
    seqs: list[int]


class StudioReturnOut(Schema):
    status: str
    message: str
    stock_number: str
    seq: int | None = None


class ImageDerivativeOut(Schema):
    kind: str
    width: int
    height: int
    bytes: int
    url: str


class PieceImageOut(Schema):
    id: int
    stock_number: str
    position: int
    is_primary: bool
    original_filename: str
    content_type: str
    width: int
    height: int
    bytes: int
    sha256: str
    alt_text: str
    credit: str
    status: str
    uploaded_by: str
    uploaded_at: datetime
    derivatives: list[ImageDerivativeOut]


class ImageUploadOut(Schema):
    images: list[PieceImageOut]
    job: int | None  # the background job making the derivatives


def _shot_list(shot_list_id: int) -> ShotList:
    try:
        return photo_queries.shot_list_by_id(shot_list_id)
    except Http404:
        raise CatalogueError(
            f"No shot list has the number {shot_list_id}.", code=CatalogueErrorCode.UNKNOWN_SHOT_LIST
        ) from None


def _image(image_id: int) -> PieceImage:
    try:
        return photo_queries.image_by_id(image_id)
    except Http404:
        raise CatalogueError(
            f"No photograph has the number {image_id}.", code=CatalogueErrorCode.UNKNOWN_IMAGE
        ) from None


def _list_out(row: ShotList) -> dict[str, Any]:
    return {
        "id": row.pk, "name": row.name, "office": row.office.code, "sale_code": row.sale_code, "status": row.status,
        "notes": row.notes, "created_by": str(row.created_by), "created_at": row.created_at,
    }  # fmt: skip


def _entry_out(entry: ShotListEntry) -> dict[str, Any]:
    return {
        "stock_number": entry.item.stock_number, "title": entry.item.title, "position": entry.position,
        "style": entry.style, "to_clean": entry.to_clean, "to_polish": entry.to_polish, "notes": entry.notes,
        "status": entry.status, "status_changed_by": str(entry.status_changed_by),
        "status_changed_at": entry.status_changed_at,
    }  # fmt: skip


def _detail(shot_list: ShotList) -> dict[str, Any]:
    return {**_list_out(shot_list), "entries": [_entry_out(entry) for entry in photo_queries.entries(shot_list)]}


def _image_out(image: PieceImage, stock_number: str) -> dict[str, Any]:
    return {
        "id": image.pk, "stock_number": stock_number, "position": image.position, "is_primary": image.is_primary,
        "original_filename": image.original_filename, "content_type": image.content_type, "width": image.width,
        "height": image.height, "bytes": image.bytes, "sha256": image.sha256, "alt_text": image.alt_text,
        "credit": image.credit, "status": image.status, "uploaded_by": str(image.uploaded_by),
        "uploaded_at": image.uploaded_at,
        "derivatives": [
            {"kind": d.kind, "width": d.width, "height": d.height, "bytes": d.bytes, "url": photo_queries.image_url(d)}
            for d in image.derivatives.all()
        ],
    }  # fmt: skip


def _images_of(piece: Any) -> list[dict[str, Any]]:
    return [_image_out(image, piece.stock_number) for image in photo_queries.piece_images(piece)]


# --- Shot lists ----------------------------------------------------------------------------------


@router.get("/shot-lists", response=list[ShotListOut], summary="Shot lists, newest first")
@requires("catalogue.view_photography")
@paginate(LimitOffset)
def photography_shot_list_list(request: HttpRequest, filters: Query[ShotListQuery]) -> Any:
    office, status = filters.office, filters.status
    chosen = Office.objects.filter(code=office.strip().upper()).first() if office.strip() else None
    if office.strip() and chosen is None:
        raise CatalogueError(f"No office has the code {office.strip().upper()}.", field="office",
                             code=CatalogueErrorCode.INVALID)  # fmt: skip
    return [_list_out(row) for row in photo_queries.shot_lists(office=chosen, status=status or "")]


@router.post("/shot-lists", response={201: ShotListDetailOut}, summary="Create a shot list")
@requires("catalogue.manage_shot_lists")
def photography_shot_list_create(request: HttpRequest, payload: ShotListIn) -> Any:
    staff = acting_staff(request)
    office = (
        Office.objects.filter(code=payload.office.strip().upper()).first() if payload.office.strip() else staff.office
    )
    if payload.office.strip() and office is None:
        raise CatalogueError(f"No office has the code {payload.office.strip().upper()}.", field="office",
                             code=CatalogueErrorCode.INVALID)  # fmt: skip
    made = photo.shot_list_create(name=payload.name, office=office, sale_code=payload.sale_code, notes=payload.notes,
                                  by=staff)  # fmt: skip
    return Status(201, _detail(photo_queries.shot_list_by_id(made.pk)))


@router.get("/shot-lists/{shot_list_id}", response=ShotListDetailOut, summary="A shot list and its entries")
@requires("catalogue.view_photography")
def photography_shot_list_detail(request: HttpRequest, shot_list_id: ShotListId) -> Any:
    return _detail(_shot_list(shot_list_id))


@router.patch("/shot-lists/{shot_list_id}", response=ShotListDetailOut, summary="Rename, annotate, close or reopen")
@requires("catalogue.manage_shot_lists")
def photography_shot_list_update(request: HttpRequest, shot_list_id: ShotListId, payload: ShotListPatch) -> Any:
    shot_list = photo.shot_list_update(
        shot_list=_shot_list(shot_list_id), name=payload.name, sale_code=payload.sale_code, notes=payload.notes,
        status=payload.status, by=acting_staff(request),
    )  # fmt: skip
    return _detail(photo_queries.shot_list_by_id(shot_list.pk))


@router.delete("/shot-lists/{shot_list_id}", response={204: None}, summary="Delete a list no piece has left for")
@requires("catalogue.manage_shot_lists")
def photography_shot_list_delete(request: HttpRequest, shot_list_id: ShotListId) -> Any:
    photo.shot_list_delete(shot_list=_shot_list(shot_list_id), by=acting_staff(request))
    return Status(204, None)


@router.post("/shot-lists/{shot_list_id}/entries", response={201: ShotListEntryOut}, summary="Put a piece on the list")
@requires("catalogue.manage_shot_lists")
def photography_entry_add(request: HttpRequest, shot_list_id: ShotListId, payload: ShotListEntryIn) -> Any:
    entry = photo.shot_list_add_piece(
        shot_list=_shot_list(shot_list_id), stock_number=payload.stock_number, style=payload.style,
        to_clean=payload.to_clean, to_polish=payload.to_polish, notes=payload.notes, by=acting_staff(request),
    )  # fmt: skip
    return Status(201, _entry_out(entry))


@router.post("/shot-lists/{shot_list_id}/entries/{stock_number}/status", response=ShotListEntryOut,
             summary="Move an entry one column on the board")  # fmt: skip
@requires("catalogue.manage_shot_lists")
def photography_entry_move(
    request: HttpRequest, shot_list_id: ShotListId, stock_number: StockNumberText, payload: ShotListMoveIn
) -> Any:
    shot_list = _shot_list(shot_list_id)
    try:
        entry = photo_queries.entry_of(shot_list, stock_number.strip().upper())
    except Http404:
        raise CatalogueError(f"{stock_number} is not on {shot_list.name}.", field="stock_number",
                             code=CatalogueErrorCode.UNKNOWN_PIECE) from None  # fmt: skip
    moved = photo.entry_move(entry=entry, to_status=payload.to, expected_status=payload.expected,
                             by=acting_staff(request))  # fmt: skip
    return _entry_out(photo_queries.entries(shot_list).get(pk=moved.pk))


@router.post("/shot-lists/{shot_list_id}/check-out", response=StudioCheckOutOut,
             summary="Check the requested pieces out to the studio, all or none")  # fmt: skip
@requires("catalogue.manage_shot_lists")
def photography_check_out(request: HttpRequest, shot_list_id: ShotListId, payload: StudioCheckOutIn) -> Any:
    staff = acting_staff(request)
    witness = None
    if payload.witness is not None:
        witness = custody.witness_confirm(username=payload.witness.username, password=payload.witness.password,
                                          otp_code=payload.witness.otp_code, actor=staff)  # fmt: skip
    events = photo.shot_list_check_out(shot_list=_shot_list(shot_list_id), by=staff, due_back=payload.due_back,
                                       witness=witness)  # fmt: skip
    return {"checked_out": [event.item.stock_number for event in events], "seqs": [event.seq for event in events]}


@router.post("/shot-lists/{shot_list_id}/returns", response=StudioReturnOut, summary="Return one scanned piece")
@requires("catalogue.manage_shot_lists")
def photography_return_scan(request: HttpRequest, shot_list_id: ShotListId, payload: StudioReturnIn) -> Any:
    scan = photo.shot_list_return_scan(shot_list=_shot_list(shot_list_id), code=payload.code, by=acting_staff(request))
    return {"status": scan.status, "message": scan.message, "stock_number": scan.stock_number,
            "seq": scan.event.seq if scan.event is not None else None}  # fmt: skip


# --- A piece's photographs -----------------------------------------------------------------------


@router.get("/pieces/{stock_number}/images", response=list[PieceImageOut], summary="A piece's photographs in order")
@requires("catalogue.view_photography")
def photography_image_list(request: HttpRequest, stock_number: StockNumberText) -> Any:
    return _images_of(photo.piece_named(stock_number))


@router.post("/pieces/{stock_number}/images", response={201: ImageUploadOut},
             summary="Upload photographs (multipart field ‘file’, one or more)")  # fmt: skip
@requires("catalogue.upload_images")
def photography_image_upload(
    request: HttpRequest,
    stock_number: StockNumberText,
    form: Form[ImageUploadIn],
    file: File[list[UploadedFile] | None] = None,
) -> Any:
    piece = photo.piece_named(stock_number)
    if request_too_large(request):
        raise CatalogueError("These photographs are more than the site takes in one upload; send fewer at a time.",
                             field="file", code=CatalogueErrorCode.FILE_TOO_LARGE)  # fmt: skip
    uploads = []
    for upload in file or []:
        imaging.check_size(upload.size or 0, filename=upload.name or "", field="file")  # refused unread
        uploads.append(photo.Upload(upload.name or "", bytes(upload.read())))
    made, job = photo.images_upload(piece=piece, files=uploads, alt_text=form.alt_text, credit=form.credit,
                                    by=acting_staff(request), field="file")  # fmt: skip
    rows = {image.pk: image for image in photo_queries.piece_images(piece)}
    return Status(
        201,
        {
            "images": [_image_out(rows[image.pk], piece.stock_number) for image in made],
            "job": job.pk if job is not None else None,
        },
    )


@router.post(
    "/pieces/{stock_number}/images/order", response=list[PieceImageOut], summary="Put the photographs in order"
)
@requires("catalogue.upload_images")
def photography_image_reorder(request: HttpRequest, stock_number: StockNumberText, payload: ImageOrderIn) -> Any:
    piece = photo.piece_named(stock_number)
    photo.images_reorder(piece=piece, order=payload.images, by=acting_staff(request))
    return _images_of(piece)


@router.post("/images/{image_id}/primary", response=list[PieceImageOut], summary="Make a photograph the primary")
@requires("catalogue.upload_images")
def photography_image_primary(request: HttpRequest, image_id: ImageId) -> Any:
    image = _image(image_id)
    photo.image_set_primary(image=image, by=acting_staff(request))
    return _images_of(image.item)


@router.get("/images/{image_id}/download", summary="A photograph's thumbnail, web or print image (JPEG)")
@requires("catalogue.view_records")
def photography_image_download(
    request: HttpRequest, image_id: ImageId, kind: DerivativeKind = DerivativeKind.WEB
) -> Any:
    image = _image(image_id)
    try:
        derivative = photo_queries.derivative_of(image, kind)
    except Http404:
        raise CatalogueError(f"Photograph {image_id} has no {kind} image yet; its derivatives are being made.",
                             field="kind", code=CatalogueErrorCode.UNKNOWN_IMAGE) from None  # fmt: skip
    filename = f"{image.item.stock_number}-{image.position:02d}-{kind}.jpg"
    return FileResponse(derivative.file.open("rb"), content_type="image/jpeg", filename=filename)
