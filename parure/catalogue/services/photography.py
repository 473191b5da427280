"""Photography's writes, one transaction each: shot lists and their entries, the custody check-out
to the studio and the return by scanning, and a piece's photographs.

Custody goes through the inventory's services: a shot list checks its pieces out to its office's
photo studio with ``shot_list:<id>`` as the cause of every ledger event, and a scan returns one
piece to where it came from. Photographs are checked by content (:mod:`parure.catalogue.images`)
before anything is stored; their derivatives are made by a background job
(:mod:`parure.catalogue.photo_jobs`) started in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from parure.catalogue import images as imaging
from parure.catalogue.choices import PHOTO_STEPS, ImageStatus, PhotoStatus, PhotoStyle, ShotListStatus
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import PieceImage, ShotList, ShotListEntry, ShotListEntryChange
from parure.core.errors import DomainError
from parure.core.models import BackgroundJob, Office, Staff
from parure.inventory import queries as inventory
from parure.inventory import services as custody
from parure.inventory.choices import ItemStatus, LocationKind, LocationType
from parure.inventory.errors import StockNumberError
from parure.inventory.lock_objects import item_lock
from parure.inventory.numbers import parse_stock_number
from parure.inventory.services.viewings import checked_out_for

NAME_MAX = 120
NOTES_MAX = 500
SALE_CODE_MAX = 20
ALT_TEXT_MAX = 300
CREDIT_MAX = 120


# --- Shared steps --------------------------------------------------------------------------------


def _text(value: str, *, limit: int, field: str, label: str, required: bool = False) -> str:
    value = " ".join((value or "").split()) if field != "notes" else (value or "").strip()
    if required and not value:
        raise CatalogueError(f"Give the {label}.", field=field, code=CatalogueErrorCode.REQUIRED)
    if len(value) > limit:
        raise CatalogueError(
            f"The {label} is {len(value)} characters long; keep it to {limit}.",
            field=field,
            code=CatalogueErrorCode.TOO_LONG,
        )
    return value


def piece_named(text: str, *, field: str = "stock_number") -> Any:
    """The piece with this stock number; a bad check digit or an unknown number is refused, naming ``field``."""
    try:
        return inventory.item_by_stock_number(text)
    except StockNumberError as refusal:
        raise CatalogueError(refusal.message, field=field, code=CatalogueErrorCode.UNKNOWN_PIECE) from None
    except Http404:
        raise CatalogueError(
            f"No piece has stock number {text.strip().upper()}.", field=field, code=CatalogueErrorCode.UNKNOWN_PIECE
        ) from None


def lock_shot_list(shot_list: ShotList) -> ShotList:
    """The shot list's row, locked until the transaction ends (every write to its entries takes it)."""
    return ShotList.objects.select_for_update(of=("self",)).select_related("office").get(pk=shot_list.pk)


def _open(shot_list: ShotList) -> None:
    if shot_list.status == ShotListStatus.CLOSED:
        raise CatalogueError(
            f"{shot_list.name} is closed; reopen it before changing its pieces.",
            code=CatalogueErrorCode.SHOT_LIST_CLOSED,
        )


def _record_move(entry: ShotListEntry, to_status: str, by: Staff, at: datetime) -> None:
    ShotListEntryChange.objects.create(entry=entry, from_status=entry.status, to_status=to_status, by=by, at=at)
    entry.status, entry.status_changed_by, entry.status_changed_at = to_status, by, at


def studio_of(office: Office) -> Any:
    """The office's photo studio, the place a shot list's pieces are checked out to."""
    studio = (
        inventory.places_for(office, (LocationKind.WORK,))
        .filter(type=LocationType.PHOTO_STUDIO)
        .order_by("path")
        .first()
    )
    if studio is None:
        raise CatalogueError(
            f"{office.name} has no photo studio among its custody places; a senior specialist adds one under "
            "Places (type Photo studio) before pieces can go there.",
            code=CatalogueErrorCode.NO_STUDIO,
        )
    return studio


# --- Shot lists ----------------------------------------------------------------------------------


@transaction.atomic
def shot_list_create(*, name: str, office: Office | None, by: Staff, sale_code: str = "", notes: str = "") -> ShotList:
    """A new, open shot list of ``office`` (for the sale ``sale_code``, or ad hoc when blank)."""
    name = _text(name, limit=NAME_MAX, field="name", label="shot list's name", required=True)
    sale_code = _text(sale_code, limit=SALE_CODE_MAX, field="sale_code", label="sale code").upper()
    notes = _text(notes, limit=NOTES_MAX * 4, field="notes", label="notes")
    if office is None:
        raise CatalogueError("Choose the office whose studio photographs these pieces.", field="office",
                             code=CatalogueErrorCode.REQUIRED)  # fmt: skip
    now = timezone.now()
    return ShotList.objects.create(
        name=name, office=office, sale_code=sale_code, notes=notes, created_by=by, created_at=now,
        updated_by=by, updated_at=now,
    )  # fmt: skip


@transaction.atomic
def shot_list_update(
    *,
    shot_list: ShotList,
    by: Staff,
    name: str | None = None,
    sale_code: str | None = None,
    notes: str | None = None,
    status: str | None = None,
) -> ShotList:
    """Rename, re-code, annotate, close or reopen a shot list (what is not given stays)."""
    shot_list = lock_shot_list(shot_list)
    if name is not None:
        shot_list.name = _text(name, limit=NAME_MAX, field="name", label="shot list's name", required=True)
    if sale_code is not None:
        shot_list.sale_code = _text(sale_code, limit=SALE_CODE_MAX, field="sale_code", label="sale code").upper()
    if notes is not None:
        shot_list.notes = _text(notes, limit=NOTES_MAX * 4, field="notes", label="notes")
    if status is not None:
        if status not in ShotListStatus.values:
            raise CatalogueError("A shot list is open or closed.", field="status", code=CatalogueErrorCode.INVALID)
        shot_list.status = status
    shot_list.updated_by, shot_list.updated_at = by, timezone.now()
    shot_list.save()
    return shot_list


@transaction.atomic
def shot_list_delete(*, shot_list: ShotList, by: Staff) -> None:
    """Delete a shot list none of whose pieces has gone to the studio (its history would go with it)."""
    shot_list = lock_shot_list(shot_list)
    started = shot_list.entries.exclude(status=PhotoStatus.REQUESTED).count()
    if started:
        raise CatalogueError(
            f"{shot_list.name} has {started} piece(s) past ‘Requested’; close it instead of deleting it, "
            "so its history is kept.",
            code=CatalogueErrorCode.PHOTO_STEP,
        )
    # Only a list no piece has left for may go, so no custody or board history is lost with it;
    # ``by`` is the person who may do it (the API checks the permission), nothing remains to record it on.
    _ = by
    shot_list.delete()


@transaction.atomic
def shot_list_add_piece(
    *,
    shot_list: ShotList,
    stock_number: str,
    by: Staff,
    to_clean: bool = False,
    to_polish: bool = False,
    style: str = PhotoStyle.FLAT_LAY,
    notes: str = "",
) -> ShotListEntry:
    """Put a piece of the list's office on the list, at the end, as requested."""
    shot_list = lock_shot_list(shot_list)
    _open(shot_list)
    item = piece_named(stock_number)
    if style not in PhotoStyle.values:
        raise CatalogueError(
            "Choose how the piece is styled: " + ", ".join(str(label).lower() for label in PhotoStyle.labels) + ".",
            field="style",
            code=CatalogueErrorCode.INVALID,
        )
    notes = _text(notes, limit=NOTES_MAX, field="notes", label="notes")
    if item.office_id != shot_list.office_id:
        raise CatalogueError(
            f"{item.stock_number} belongs to {item.office.name}; this list is for {shot_list.office.name}'s studio.",
            field="stock_number",
            code=CatalogueErrorCode.INVALID,
        )
    if item.status not in (ItemStatus.IN_HOUSE, ItemStatus.CHECKED_OUT):
        raise CatalogueError(
            f"{item.stock_number} is {item.get_status_display().lower()}; only pieces in our custody are photographed.",
            field="stock_number",
            code=CatalogueErrorCode.INVALID,
        )
    if shot_list.entries.filter(item=item).exists():
        raise CatalogueError(
            f"{item.stock_number} is already on {shot_list.name}.",
            field="stock_number",
            code=CatalogueErrorCode.ALREADY_LISTED,
        )
    last = shot_list.entries.aggregate(last=Max("position"))["last"] or 0
    now = timezone.now()
    entry = ShotListEntry.objects.create(
        shot_list=shot_list, item=item, position=last + 1, to_clean=to_clean, to_polish=to_polish, style=style,
        notes=notes, status=PhotoStatus.REQUESTED, status_changed_by=by, status_changed_at=now,
    )  # fmt: skip
    ShotListEntryChange.objects.create(entry=entry, from_status="", to_status=PhotoStatus.REQUESTED, by=by, at=now)
    return entry


@transaction.atomic
def entry_move(*, entry: ShotListEntry, to_status: str, by: Staff, expected_status: str | None = None) -> ShotListEntry:
    """Move an entry one column on the board (forward or back), kept with who and when.

    ``In studio`` is reached only by the check-out (custody says so, not a button); ``Approved``
    needs the permission to approve images. ``expected_status`` is the column the person saw:
    if someone moved the entry since, the move is refused as stale.
    """
    shot_list = lock_shot_list(entry.shot_list)
    entry = ShotListEntry.objects.select_related("item").get(pk=entry.pk)
    entry.shot_list = shot_list
    _open(shot_list)
    if to_status not in PHOTO_STEPS:
        raise CatalogueError("Choose a column of the board.", field="status", code=CatalogueErrorCode.INVALID)
    if expected_status is not None and expected_status != entry.status:
        raise CatalogueError(
            f"{entry.item.stock_number} was moved to ‘{PhotoStatus(entry.status).label}’ by someone else; "
            "look again before moving it.",
            field="status",
            code=CatalogueErrorCode.STALE,
        )
    here, there = PHOTO_STEPS.index(entry.status), PHOTO_STEPS.index(to_status)
    if abs(here - there) != 1:
        raise CatalogueError(
            f"{entry.item.stock_number} is ‘{PhotoStatus(entry.status).label}’; it moves one column at a time.",
            field="status",
            code=CatalogueErrorCode.PHOTO_STEP,
        )
    if to_status == PhotoStatus.IN_STUDIO and not checked_out_for(shot_list.cause, [entry.item.stock_number]):
        raise CatalogueError(
            f"{entry.item.stock_number} is not checked out to the studio for this list; use "
            "‘Check out to the studio’ to take it there.",
            field="status",
            code=CatalogueErrorCode.PHOTO_STEP,
        )
    if to_status == PhotoStatus.APPROVED and not by.has_perm("catalogue.approve_images"):
        raise CatalogueError("Your role may not approve photographs.", field="status",
                             code=CatalogueErrorCode.NOT_ALLOWED)  # fmt: skip
    _record_move(entry, to_status, by, timezone.now())
    entry.save(update_fields=["status", "status_changed_by", "status_changed_at"])
    return entry


def _named(refusal: DomainError[Any], stock_number: str) -> CatalogueError | DomainError[Any]:
    if refusal.message.startswith(stock_number):
        return refusal
    return type(refusal)(f"{stock_number}: {refusal.message}", field=refusal.field, code=refusal.code)


@transaction.atomic
def shot_list_check_out(
    *, shot_list: ShotList, by: Staff, due_back: datetime | None, witness: custody.Witness | None = None
) -> list[Any]:
    """Check every requested piece of the list out to its office's photo studio, all or none.

    One check-out event per piece, due back at ``due_back``, with the list as its cause; each entry
    moves to ‘In studio’. A piece above the office's four-eyes threshold leaving the vault needs
    ``witness`` (one witness covers the list, as in a batch).
    """
    shot_list = lock_shot_list(shot_list)
    _open(shot_list)
    waiting = list(shot_list.entries.filter(status=PhotoStatus.REQUESTED).select_related("item").order_by("item_id"))
    if not waiting:
        raise CatalogueError(
            f"No piece on {shot_list.name} is waiting to go to the studio.", code=CatalogueErrorCode.PHOTO_STEP
        )
    studio = studio_of(shot_list.office)
    events, now = [], timezone.now()
    for entry in waiting:  # in primary-key order of the pieces: one locking order for every writer
        try:
            events.append(
                custody.item_check_out(item=entry.item, to=studio, by=by, due_back=due_back, cause=shot_list.cause,
                                       witness=witness, reason=f"Photography: {shot_list.name}"[:200])
            )  # fmt: skip
        except DomainError as refusal:
            raise _named(refusal, entry.item.stock_number) from refusal
        _record_move(entry, PhotoStatus.IN_STUDIO, by, now)
        entry.save(update_fields=["status", "status_changed_by", "status_changed_at"])
    return events


@dataclass(frozen=True)
class ReturnScan:
    """What one scan at the studio door did, in words a person reads from a metre away."""

    status: str  # returned · already · not_on_list · unknown
    message: str
    stock_number: str = ""
    event: Any = None


def shot_list_return_scan(*, shot_list: ShotList, code: str, by: Staff) -> ReturnScan:
    """A scanned piece of the list goes back where it was checked out from (one return event).

    A piece of the list that is not out for it, a piece not on the list and a code that names no
    piece are answered, not refused: the scanner goes on to the next tag.
    """
    code = code.strip()
    if not code:
        return ReturnScan("unknown", "Scan a tag, or type a stock number and press Enter.")
    try:
        number = parse_stock_number(code)
    except StockNumberError as refusal:
        return ReturnScan("unknown", refusal.message, code.upper())
    entry = shot_list.entries.select_related("item").filter(item__stock_number=number).first()
    if entry is None:
        known = bool(inventory.piece_summaries([number], viewer=by))
        if not known:
            return ReturnScan("unknown", f"No piece has stock number {number}.", number)
        return ReturnScan("not_on_list", f"{number} is not on {shot_list.name}; keep it aside.", number)
    if not checked_out_for(shot_list.cause, [number]):
        place = inventory.piece_summaries([number], viewer=by)[number].place
        return ReturnScan("already", f"{number} is not out for this list; it is at {place}.", number)
    with transaction.atomic():
        event = custody.item_return(item=entry.item, by=by, reason=f"Back from the studio: {shot_list.name}"[:200])
    return ReturnScan("returned", f"{number} · {entry.item.title}: returned to {event.to_location.label}.",
                      number, event)  # fmt: skip


# --- Photographs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


def images_upload(
    *,
    piece: Any,
    files: Sequence[Upload],
    by: Staff,
    alt_text: str = "",
    credit: str = "",
    field: str = "files",
    derivatives_now: bool = False,
) -> tuple[list[PieceImage], BackgroundJob | None]:
    """Add photographs to a piece, after the ones it has; the first ever becomes its primary.

    Every file is checked by content first: one that is not a photograph refuses them all, naming
    it. The derivatives are made by a background job started in the same transaction; the
    photographs are ‘Making derivatives’ until it ends. ``derivatives_now`` makes them here
    instead, with no job (the demonstration data, which must show its photographs at once).
    """
    if not files:
        raise CatalogueError("Choose one or more photographs to upload.", field=field, code=CatalogueErrorCode.REQUIRED)
    alt_text = _text(alt_text, limit=ALT_TEXT_MAX, field="alt_text", label="alt text")
    credit = _text(credit, limit=CREDIT_MAX, field="credit", label="photographer's credit")
    checked = [(upload, imaging.inspect(upload.content, filename=upload.filename, field=field)) for upload in files]
    stored: list[PieceImage] = []
    try:
        with transaction.atomic():
            item_lock(piece.pk)  # one writer at a time decides positions and the primary
            existing = PieceImage.objects.filter(item_id=piece.pk)
            last = existing.aggregate(last=Max("position"))["last"] or 0
            has_primary = existing.filter(is_primary=True).exists()
            now = timezone.now()
            for offset, (upload, seen) in enumerate(checked, start=1):
                image = PieceImage(
                    item_id=piece.pk, original_filename=upload.filename[:200] or f"photograph-{offset}",
                    content_type=seen.content_type, width=seen.width, height=seen.height, bytes=seen.bytes,
                    sha256=seen.sha256, position=last + offset, is_primary=not has_primary and offset == 1,
                    alt_text=alt_text, credit=credit, status=ImageStatus.PROCESSING, uploaded_by=by, uploaded_at=now,
                    updated_by=by, updated_at=now,
                )  # fmt: skip
                image.file.save(f"upload.{seen.format.lower().replace('jpeg', 'jpg')}", ContentFile(upload.content),
                                save=False)  # fmt: skip
                stored.append(image)
                image.save()
            from parure.catalogue import photo_jobs

            job = None
            if derivatives_now:
                for image in stored:
                    photo_jobs.make_derivatives(image)
            else:
                job = photo_jobs.start_derivatives(images=stored, by=by)
    except BaseException:
        for image in stored:  # a file is not part of the transaction: take back what was written
            if image.file.name:
                image.file.storage.delete(image.file.name)
        raise
    return stored, job


def _piece_images_locked(piece_id: int) -> list[PieceImage]:
    item_lock(piece_id)
    return list(PieceImage.objects.filter(item_id=piece_id).order_by("position", "pk"))


@transaction.atomic
def image_update(*, image: PieceImage, by: Staff, alt_text: str, credit: str) -> PieceImage:
    """Set a photograph's alt text and the photographer's credit."""
    alt_text = _text(alt_text, limit=ALT_TEXT_MAX, field="alt_text", label="alt text")
    credit = _text(credit, limit=CREDIT_MAX, field="credit", label="photographer's credit")
    image = next(row for row in _piece_images_locked(image.item_id) if row.pk == image.pk)
    image.alt_text, image.credit, image.updated_by, image.updated_at = alt_text, credit, by, timezone.now()
    image.save(update_fields=["alt_text", "credit", "updated_by", "updated_at"])
    return image


@transaction.atomic
def image_set_primary(*, image: PieceImage, by: Staff) -> PieceImage:
    """Make this photograph the piece's primary one (the one lists and pages show)."""
    rows = _piece_images_locked(image.item_id)
    image = next(row for row in rows if row.pk == image.pk)
    if image.status == ImageStatus.FAILED:
        raise CatalogueError(
            f"{image.original_filename} could not be processed; upload it again before making it the primary.",
            field="primary",
            code=CatalogueErrorCode.INVALID,
        )
    now = timezone.now()
    # The old primary steps down first: the constraint allows one primary per piece at any moment.
    PieceImage.objects.filter(item_id=image.item_id, is_primary=True).exclude(pk=image.pk).update(
        is_primary=False, updated_by=by, updated_at=now
    )
    image.is_primary, image.updated_by, image.updated_at = True, by, now
    image.save(update_fields=["is_primary", "updated_by", "updated_at"])
    return image


@transaction.atomic
def images_reorder(*, piece: Any, order: Sequence[int], by: Staff) -> list[PieceImage]:
    """Put a piece's photographs in the order given (every one of them, by id, once)."""
    rows = _piece_images_locked(piece.pk)
    ids = [row.pk for row in rows]
    if sorted(order) != sorted(ids) or len(set(order)) != len(order):
        raise CatalogueError(
            f"Give the order of all {len(ids)} photographs of {piece.stock_number}, each once.",
            field="order",
            code=CatalogueErrorCode.INVALID,
        )
    by_id, now = {row.pk: row for row in rows}, timezone.now()
    for position, image_id in enumerate(order, start=1):
        image = by_id[image_id]
        if image.position != position:
            image.position, image.updated_by, image.updated_at = position, by, now
            image.save(update_fields=["position", "updated_by", "updated_at"])
    return [by_id[image_id] for image_id in order]


def image_move(*, image: PieceImage, by: Staff, step: int) -> list[PieceImage]:
    """Move a photograph one place earlier (step -1) or later (+1) in its piece's order."""
    ids = list(PieceImage.objects.filter(item_id=image.item_id).order_by("position", "pk").values_list("pk", flat=True))
    here = ids.index(image.pk)
    there = min(max(here + step, 0), len(ids) - 1)
    ids.insert(there, ids.pop(here))
    return images_reorder(piece=image.item, order=ids, by=by)
