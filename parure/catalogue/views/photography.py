"""Photography's pages under /catalogue/photography/: shot lists with their status board, the
check-out to the studio and the return by scanning, a piece's photographs, the sale's bundle, and
the view that serves published images to those who may see them.

Each view validates, calls one service, renders; refusals are shown beside their field.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.catalogue import images as imaging
from parure.catalogue import photo_jobs, photo_queries
from parure.catalogue.choices import PHOTO_STEPS, DerivativeKind, PhotoStatus, ShotListStatus
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import PieceImage, ShotList, ShotListEntry
from parure.catalogue.photo_forms import (
    AddPieceForm,
    CheckOutForm,
    ImageEditForm,
    ShotListForm,
    UploadForm,
    apply_refusal,
)
from parure.catalogue.services import photography as photo
from parure.core import jobs, policy
from parure.core.errors import DomainError
from parure.core.policy import acting_staff
from parure.core.uploads import request_too_large
from parure.inventory import services as custody

PAGE_SIZE = 50
BUNDLE_KINDS = (DerivativeKind.WEB, DerivativeKind.PRINT)


def _shot_list(shot_list_id: int) -> ShotList:
    return photo_queries.shot_list_by_id(shot_list_id)


def _piece(stock_number: str) -> Any:
    try:
        return photo.piece_named(stock_number)
    except CatalogueError:
        raise Http404(f"No piece has stock number {stock_number}.") from None


# --- Shot lists ----------------------------------------------------------------------------------


@policy.requires("catalogue.view_photography")
@require_GET
def shot_lists(request: HttpRequest) -> HttpResponse:
    """The shot lists of the person's office (or all offices), open first, newest first."""
    staff = acting_staff(request)
    everywhere = request.GET.get("office") == "all"
    status = request.GET.get("status", ShotListStatus.OPEN)
    status = status if status in (*ShotListStatus.values, "") else ShotListStatus.OPEN
    rows = photo_queries.shot_lists(office=None if everywhere else staff.office, status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/photography/shot_lists.html",
        {"page": page, "everywhere": everywhere, "status": status, "steps": PhotoStatus.choices},
    )


@policy.requires("catalogue.manage_shot_lists")
@require_http_methods(["GET", "POST"])
def shot_list_new(request: HttpRequest) -> HttpResponse:
    staff = acting_staff(request)
    form = ShotListForm(request.POST or None, initial={"office": staff.office})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = photo.shot_list_create(
                name=data["name"], office=data["office"], sale_code=data["sale_code"], notes=data["notes"], by=staff
            )
        except CatalogueError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(request, f"{made.name} is ready for its pieces.")
            return redirect("catalogue:shot_list", shot_list_id=made.pk)
    return render(
        request, "catalogue/photography/shot_list_new.html", {"form": form},
        status=422 if request.method == "POST" else 200,
    )  # fmt: skip


@dataclass(frozen=True)
class BoardCard:
    """An entry as the board shows it: the piece, its thumbnail and the moves its buttons offer."""

    entry: ShotListEntry
    thumbnail_url: str
    thumbnail_alt: str
    back: str
    forward: str

    @property
    def back_label(self) -> str:
        return str(PhotoStatus(self.back).label) if self.back else ""

    @property
    def forward_label(self) -> str:
        return str(PhotoStatus(self.forward).label) if self.forward else ""


def _card(entry: ShotListEntry) -> BoardCard:
    index = PHOTO_STEPS.index(entry.status)
    primaries = getattr(entry.item, "primary_images", [])
    primary = primaries[0] if primaries else None
    thumbnails = list(primary.derivatives.all()) if primary is not None else []
    return BoardCard(
        entry=entry,
        thumbnail_url=photo_queries.image_url(thumbnails[0]) if thumbnails else "",
        thumbnail_alt=primary.alt_text if primary is not None else "",
        # ‘In studio’ is custody's to set and undo: no button leads into it from Requested or back out of it.
        back=PHOTO_STEPS[index - 1] if index > 0 and entry.status != PhotoStatus.IN_STUDIO else "",
        forward=PHOTO_STEPS[index + 1] if 0 < index < len(PHOTO_STEPS) - 1 else "",
    )


def _board(shot_list: ShotList, request: HttpRequest) -> dict[str, Any]:
    """The status board: one column per step, each entry with the piece and its thumbnail."""
    cards = [_card(entry) for entry in photo_queries.entries(shot_list)]
    columns: list[dict[str, Any]] = [
        {"status": value, "label": label, "cards": [card for card in cards if card.entry.status == value]}
        for value, label in PhotoStatus.choices
    ]

    by_status = {column["status"]: column for column in columns}
    user: Any = request.user
    return {
        "shot_list": shot_list,
        "columns": columns,
        "entry_count": len(cards),
        "waiting": len(by_status[PhotoStatus.REQUESTED]["cards"]),
        "can_manage": user.has_perm("catalogue.manage_shot_lists") and shot_list.status == ShotListStatus.OPEN,
        "can_bundle": user.has_perm("catalogue.download_bundle"),
        "viewer_opens_pieces": user.has_perm("inventory.view_items"),
    }


def _shot_list_page(
    request: HttpRequest,
    shot_list: ShotList,
    *,
    add_form: AddPieceForm | None = None,
    check_out_form: CheckOutForm | None = None,
    scan: photo.ReturnScan | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _board(shot_list, request)
    context.update(
        add_form=add_form or AddPieceForm(),
        check_out_form=check_out_form or CheckOutForm(office=shot_list.office),
        scan=scan,
        bundle_kinds=[(kind, DerivativeKind(kind).label) for kind in BUNDLE_KINDS],
    )
    return render(request, "catalogue/photography/shot_list.html", context, status=status)


@policy.requires("catalogue.view_photography")
@require_GET
def shot_list(request: HttpRequest, shot_list_id: int) -> HttpResponse:
    """A shot list: its pieces on the status board, the check-out, the scan box for returns."""
    return _shot_list_page(request, _shot_list(shot_list_id))


@policy.requires("catalogue.manage_shot_lists")
@require_POST
def shot_list_add(request: HttpRequest, shot_list_id: int) -> HttpResponse:
    shot_list = _shot_list(shot_list_id)
    form = AddPieceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = photo.shot_list_add_piece(
                shot_list=shot_list, stock_number=data["stock_number"], style=data["style"], to_clean=data["to_clean"],
                to_polish=data["to_polish"], notes=data["notes"], by=acting_staff(request),
            )  # fmt: skip
        except CatalogueError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(request, f"{entry.item.stock_number} is on the list, requested.")
            return redirect("catalogue:shot_list", shot_list_id=shot_list.pk)
    return _shot_list_page(request, shot_list, add_form=form, status=422)


@policy.requires("catalogue.manage_shot_lists")
@require_POST
def shot_list_status(request: HttpRequest, shot_list_id: int) -> HttpResponse:
    """Close a finished list, or reopen it."""
    shot_list = _shot_list(shot_list_id)
    status = request.POST.get("status", "")
    try:
        photo.shot_list_update(shot_list=shot_list, status=status, by=acting_staff(request))
    except CatalogueError as refusal:
        messages.error(request, refusal.message)
        return redirect("catalogue:shot_list", shot_list_id=shot_list.pk)
    messages.success(request, f"{shot_list.name} is {ShotListStatus(status).label.lower()}.")
    return redirect("catalogue:shot_list", shot_list_id=shot_list.pk)


@policy.requires("catalogue.manage_shot_lists")
@require_POST
def shot_list_move(request: HttpRequest, shot_list_id: int, stock_number: str) -> HttpResponse:
    """Move one entry a column on the board; htmx gets the board back, a plain form the page."""
    shot_list = _shot_list(shot_list_id)
    entry = photo_queries.entry_of(shot_list, stock_number)
    refusal_message = ""
    try:
        photo.entry_move(
            entry=entry, to_status=request.POST.get("to", ""), expected_status=request.POST.get("from") or None,
            by=acting_staff(request),
        )  # fmt: skip
    except CatalogueError as refusal:
        refusal_message = refusal.message
    if request.htmx:  # type: ignore[attr-defined]
        context = _board(photo_queries.shot_list_by_id(shot_list.pk), request)
        context["board_refusal"] = refusal_message
        return render(request, "catalogue/photography/partials/board.html", context,
                      status=422 if refusal_message else 200)  # fmt: skip
    if refusal_message:
        messages.error(request, refusal_message)
    return redirect("catalogue:shot_list", shot_list_id=shot_list.pk)


@policy.requires("catalogue.manage_shot_lists")
@require_POST
def shot_list_check_out(request: HttpRequest, shot_list_id: int) -> HttpResponse:
    """Check the requested pieces out to the office's photo studio, all or none."""
    shot_list = _shot_list(shot_list_id)
    staff = acting_staff(request)
    form = CheckOutForm(request.POST, office=shot_list.office)
    if form.is_valid():
        data = form.cleaned_data
        try:
            witness = None
            if data["witness_username"]:
                witness = custody.witness_confirm(
                    username=data["witness_username"], password=data["witness_password"],
                    otp_code=data["witness_otp"], actor=staff,
                )  # fmt: skip
            events = photo.shot_list_check_out(shot_list=shot_list, by=staff, due_back=data["due_back"],
                                               witness=witness)  # fmt: skip
        except DomainError as refusal:
            apply_refusal(form, refusal)
        else:
            count = len(events)
            messages.success(request, f"{count} piece{'s' if count != 1 else ''} checked out to the studio.")
            return redirect("catalogue:shot_list", shot_list_id=shot_list.pk)
    return _shot_list_page(request, shot_list, check_out_form=form, status=422)


@policy.requires("catalogue.manage_shot_lists")
@require_POST
def shot_list_return(request: HttpRequest, shot_list_id: int) -> HttpResponse:
    """One scan at the studio door: the piece goes back where it came from, or the reason it does not."""
    shot_list = _shot_list(shot_list_id)
    try:
        scan = photo.shot_list_return_scan(shot_list=shot_list, code=request.POST.get("code", ""),
                                           by=acting_staff(request))  # fmt: skip
    except DomainError as refusal:
        scan = photo.ReturnScan("refused", refusal.message, request.POST.get("code", "").strip().upper())
    status = 200 if scan.status == "returned" else 422
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "catalogue/photography/partials/return_scan.html", {"scan": scan}, status=status)
    return _shot_list_page(request, shot_list, scan=scan, status=status)


@policy.requires("catalogue.download_bundle")
@require_GET
def shot_list_bundle(request: HttpRequest, shot_list_id: int) -> HttpResponseBase:
    """The zip of the list's approved photographs (web or print), named by stock number and position.

    Written while the person waits up to ``BUNDLE_IN_REQUEST`` photographs; a larger one is built
    in the background and its page links to the file when done.
    """
    shot_list = _shot_list(shot_list_id)
    kind = request.GET.get("kind", DerivativeKind.WEB)
    if kind not in BUNDLE_KINDS:
        raise Http404("A bundle holds web or print images.")
    count = len(photo_queries.bundle_members(shot_list, kind))
    if count > photo_jobs.BUNDLE_IN_REQUEST:
        job = photo_jobs.start_bundle(shot_list=shot_list, kind=kind, by=acting_staff(request))
        return redirect("core:job", job_id=job.pk)
    spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 (closed by the response)
    photo_jobs.write_bundle(shot_list, kind, spool)
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=_bundle_name(shot_list, kind), content_type="application/zip"
    )


def _bundle_name(shot_list: ShotList, kind: str) -> str:
    return f"{shot_list.sale_code or f'shot-list-{shot_list.pk}'}-{kind}.zip"


@policy.requires("catalogue.download_bundle")
@require_GET
def photo_bundle_job(request: HttpRequest, job_id: int) -> HttpResponseBase:
    """A bundle built in the background; only its starter (and an administrator) may open it."""
    job = jobs.visible_jobs(request.user).filter(pk=job_id, kind=photo_jobs.BUNDLE).first()
    if job is None or job.state != "succeeded":
        raise Http404("No such bundle of yours, or it is not ready yet.")
    from django.core.files.storage import default_storage

    shot_list = ShotList.objects.filter(pk=job.params.get("shot_list")).first()
    name = _bundle_name(shot_list, job.params.get("kind", "web")) if shot_list else "bundle.zip"
    return FileResponse(default_storage.open(photo_jobs.bundle_path(job), "rb"), as_attachment=True, filename=name,
                        content_type="application/zip")  # fmt: skip


# --- A piece's photographs -----------------------------------------------------------------------


@dataclass(frozen=True)
class ImageRow:
    image: PieceImage
    thumbnail_url: str
    web_url: str
    edit_form: ImageEditForm


def _image_row(image: PieceImage) -> ImageRow:
    by_kind = {derivative.kind: derivative for derivative in image.derivatives.all()}
    return ImageRow(
        image=image,
        thumbnail_url=photo_queries.image_url(by_kind["thumbnail"]) if "thumbnail" in by_kind else "",
        web_url=photo_queries.image_url(by_kind["web"]) if "web" in by_kind else "",
        edit_form=ImageEditForm(
            initial={"alt_text": image.alt_text, "credit": image.credit}, prefix=f"image-{image.pk}"
        ),
    )


def _images_page(request: HttpRequest, piece: Any, *, form: UploadForm | None = None, status: int = 200,
                 refusal: str = "") -> HttpResponse:  # fmt: skip
    rows = [_image_row(image) for image in photo_queries.piece_images(piece)]
    summary = photo_summary(piece, request)
    user: Any = request.user
    return render(
        request,
        "catalogue/photography/piece_images.html",
        {
            "piece": piece, "summary": summary, "images": rows, "form": form or UploadForm(),
            "can_upload": user.has_perm("catalogue.upload_images"), "refusal": refusal,
            "max_megabytes": imaging.max_bytes() // (1024 * 1024),
        },
        status=status,
    )  # fmt: skip


def photo_summary(piece: Any, request: HttpRequest) -> Any:
    from parure.inventory import queries as inventory

    return inventory.piece_summaries([piece.stock_number], viewer=acting_staff(request)).get(piece.stock_number)


@policy.requires("catalogue.view_photography")
@require_GET
def piece_images(request: HttpRequest, stock_number: str) -> HttpResponse:
    """A piece's photographs in their order, the primary first among equals, with the upload form."""
    return _images_page(request, _piece(stock_number))


def _uploads(request: HttpRequest) -> list[photo.Upload]:
    if request_too_large(request):
        raise CatalogueError(
            "These photographs are more than the site takes in one upload; send fewer at a time.",
            field="files",
            code=CatalogueErrorCode.FILE_TOO_LARGE,
        )
    files: list[UploadedFile[Any]] = request.FILES.getlist("files")
    uploads = []
    for upload in files:
        name = upload.name or ""
        imaging.check_size(upload.size or 0, filename=name, field="files")  # refused unread
        uploads.append(photo.Upload(name, bytes(upload.read())))
    return uploads


@policy.requires("catalogue.upload_images")
@require_POST
def piece_images_upload(request: HttpRequest, stock_number: str) -> HttpResponse:
    piece = _piece(stock_number)
    form = UploadForm(request.POST)
    if form.is_valid():
        try:
            made, job = photo.images_upload(
                piece=piece, files=_uploads(request), alt_text=form.cleaned_data["alt_text"],
                credit=form.cleaned_data["credit"], by=acting_staff(request),
            )  # fmt: skip
        except CatalogueError as refusal:
            if refusal.field == "files":
                return _images_page(request, piece, form=form, status=422, refusal=refusal.message)
            apply_refusal(form, refusal)
        else:
            count = len(made)
            # With the immediate task backend the job has ended already and says how it went.
            progress = job.summary if job is not None and job.summary else "derivatives are being made."
            messages.success(request, f"{count} photograph{'s' if count != 1 else ''} added; {progress}")
            return redirect("catalogue:piece_images", stock_number=piece.stock_number)
    return _images_page(request, piece, form=form, status=422)


@policy.requires("catalogue.upload_images")
@require_POST
def piece_image_edit(request: HttpRequest, image_id: int) -> HttpResponse:
    """One photograph: make it the primary, move it earlier or later, or set its alt text and credit."""
    image = photo_queries.image_by_id(image_id)
    staff = acting_staff(request)
    action = request.POST.get("action", "save")
    try:
        if action == "primary":
            photo.image_set_primary(image=image, by=staff)
        elif action in ("earlier", "later"):
            photo.image_move(image=image, step=-1 if action == "earlier" else 1, by=staff)
        else:
            form = ImageEditForm(request.POST, prefix=f"image-{image.pk}")
            if not form.is_valid():
                raise CatalogueError("Alt text and credit are too long; shorten them.", field="alt_text",
                                     code=CatalogueErrorCode.TOO_LONG)  # fmt: skip
            photo.image_update(image=image, alt_text=form.cleaned_data["alt_text"], credit=form.cleaned_data["credit"],
                               by=staff)  # fmt: skip
    except CatalogueError as refusal:
        return _images_page(request, image.item, status=422, refusal=refusal.message)
    return redirect(reverse("catalogue:piece_images", args=[image.item.stock_number]) + f"#image-{image.pk}")


@policy.requires("catalogue.view_records")
@require_GET
def image_file(request: HttpRequest, image_id: int, kind: str) -> HttpResponseBase:
    """A published derivative, to those who may read the catalogue; the original is never served."""
    if kind not in DerivativeKind.values:
        raise Http404("No such size of photograph.")
    derivative = photo_queries.derivative_of(photo_queries.image_by_id(image_id), kind)
    response = FileResponse(derivative.file.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


urlpatterns = [
    path("photography/", shot_lists, name="shot_lists"),
    path("photography/new/", shot_list_new, name="shot_list_new"),
    path("photography/<int:shot_list_id>/", shot_list, name="shot_list"),
    path("photography/<int:shot_list_id>/add/", shot_list_add, name="shot_list_add"),
    path("photography/<int:shot_list_id>/status/", shot_list_status, name="shot_list_status"),
    path("photography/<int:shot_list_id>/move/<str:stock_number>/", shot_list_move, name="shot_list_move"),
    path("photography/<int:shot_list_id>/check-out/", shot_list_check_out, name="shot_list_check_out"),
    path("photography/<int:shot_list_id>/return/", shot_list_return, name="shot_list_return"),
    path("photography/<int:shot_list_id>/bundle/", shot_list_bundle, name="shot_list_bundle"),
    path("photography/bundles/<int:job_id>/", photo_bundle_job, name="photo_bundle_job"),
    path("photography/pieces/<str:stock_number>/", piece_images, name="piece_images"),
    path("photography/pieces/<str:stock_number>/upload/", piece_images_upload, name="piece_images_upload"),
    path("photography/images/<int:image_id>/", piece_image_edit, name="piece_image_edit"),
    path("photography/images/<int:image_id>/<str:kind>.jpg", image_file, name="image_file"),
]
