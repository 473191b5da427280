"""Writing condition reports, and the intake desk's rule that a piece leaves it only with one.

:func:`condition_report_write` writes a whole report — its findings and its photographs with
their markers — in one transaction, as the next version for the piece; every check runs before
anything is written and a refusal names the field (``findings.3.value``, ``photos.1.file``,
``photos.2.markers.1.x``). Reports are append-only: there is no edit, a new version supersedes.

:func:`desk_guard` is registered with custody (:mod:`parure.inventory.guards`) from the
catalogue's hooks: a piece at an intake desk goes nowhere but into the vault (a vault, or a safe
or tray inside one) until it has a condition report.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from parure.catalogue import images
from parure.catalogue.checklist import aspect, scale_words
from parure.catalogue.choices import ComponentKind, ConditionGrade, ConditionOccasion
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import ConditionFinding, ConditionPhoto, ConditionReport
from parure.core.models import Staff
from parure.inventory.choices import LocationType, SaleState
from parure.inventory.errors import CustodyError, InventoryErrorCode
from parure.inventory.lock_objects import item_lock

# The inventory's Item and Location, read through its queries (the catalogue never imports its models).
Item = Any
Location = Any

PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTOS_MAX = 12
MARKERS_MAX = 40
FINDINGS_MAX = 200
SUMMARY_MAX = 4000
COMPONENT_MAX = 80
NOTE_MAX = 500
CAPTION_MAX = 200
MARKER_NOTE_MAX = 200
# What Pillow may find in a condition photograph, and the type it is served with.
PHOTO_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


@dataclass(frozen=True)
class FindingDraft:
    component: str
    kind: str
    aspect: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class MarkerDraft:
    number: int
    x: float
    y: float
    note: str = ""


@dataclass(frozen=True)
class PhotoDraft:
    content: bytes
    filename: str = "photo.jpg"
    caption: str = ""
    markers: Sequence[MarkerDraft] = field(default_factory=tuple)


def _refuse(message: str, *, field: str, code: CatalogueErrorCode = CatalogueErrorCode.INVALID) -> CatalogueError:
    return CatalogueError(message, field=field, code=code)


def _bounded(value: str, *, limit: int, field: str, label: str) -> str:
    value = value.strip()
    if len(value) > limit:
        raise _refuse(
            f"{label} is {len(value):,} characters long; at most {limit:,} are kept, shorten it.",
            field=field,
            code=CatalogueErrorCode.TOO_LONG,
        )
    return value


def _check_findings(findings: Sequence[FindingDraft]) -> list[FindingDraft]:
    if not findings:
        raise _refuse(
            "A condition report needs at least one component examined; fill in the checklist.",
            field="findings",
            code=CatalogueErrorCode.REQUIRED,
        )
    if len(findings) > FINDINGS_MAX:
        raise _refuse(
            f"A report holds at most {FINDINGS_MAX} findings; this one has {len(findings)}.", field="findings"
        )
    checked: list[FindingDraft] = []
    seen: set[tuple[str, str]] = set()
    for number, finding in enumerate(findings, start=1):
        where = f"findings.{number}"
        component = _bounded(
            finding.component, limit=COMPONENT_MAX, field=f"{where}.component", label=f"Finding {number}'s component"
        )
        if not component:
            raise _refuse(
                f"Finding {number} names no component; say what was examined (Mount, Principal stone, Clasp).",
                field=f"{where}.component",
                code=CatalogueErrorCode.REQUIRED,
            )
        if finding.kind not in ComponentKind.values:
            raise _refuse(
                f"Finding {number} ({component}): ‘{finding.kind}’ is not a kind of component; "
                "choose metal, stone, pearl, mechanism or other.",
                field=f"{where}.kind",
            )
        found = aspect(finding.kind, finding.aspect)
        if found is None:
            raise _refuse(
                f"Finding {number} ({component}): ‘{finding.aspect}’ is not on the checklist for "
                f"{ComponentKind(finding.kind).label.lower()}.",
                field=f"{where}.aspect",
            )
        if finding.value not in found.scale:
            raise _refuse(
                f"Finding {number} ({component}, {found.label.lower()}): ‘{finding.value}’ is not an answer; "
                f"choose {scale_words(found.scale)}.",
                field=f"{where}.value",
            )
        key = (component.casefold(), finding.aspect)
        if key in seen:
            raise _refuse(
                f"Finding {number}: {component} has {found.label.lower()} twice; keep one of them.",
                field=f"{where}.aspect",
            )
        seen.add(key)
        note = _bounded(finding.note, limit=NOTE_MAX, field=f"{where}.note", label=f"Finding {number}'s note")
        checked.append(FindingDraft(component, finding.kind, finding.aspect, finding.value, note))
    return checked


@dataclass(frozen=True)
class _CheckedPhoto:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int
    caption: str
    markers: list[dict[str, Any]]


def _fraction(value: float, *, field: str, label: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _refuse(f"{label} is not a number.", field=field) from None
    if math.isnan(number):
        raise _refuse(f"{label} is missing or not a number; give it between 0 and 1.", field=field)
    if not math.isfinite(number) or not 0 <= number <= 1:
        raise _refuse(f"{label} is {value}; it must lie on the photograph, between 0 and 1.", field=field)
    return round(number, 4)


def _check_markers(markers: Sequence[MarkerDraft], *, photo: int) -> list[dict[str, Any]]:
    where = f"photos.{photo}.markers"
    if len(markers) > MARKERS_MAX:
        raise _refuse(f"Photo {photo} has {len(markers)} markers; at most {MARKERS_MAX} are kept.", field=where)
    checked = []
    numbers: set[int] = set()
    for index, marker in enumerate(markers, start=1):
        if isinstance(marker.number, bool) or not isinstance(marker.number, int) or marker.number < 1:
            raise _refuse(
                f"Photo {photo}, marker {index}: its number must be a whole number from 1.",
                field=f"{where}.{index}.number",
            )
        if marker.number in numbers:
            raise _refuse(
                f"Photo {photo} has marker {marker.number} twice; number each marker once.",
                field=f"{where}.{index}.number",
            )
        numbers.add(marker.number)
        x = _fraction(marker.x, field=f"{where}.{index}.x", label=f"Photo {photo}, marker {marker.number}: x")
        y = _fraction(marker.y, field=f"{where}.{index}.y", label=f"Photo {photo}, marker {marker.number}: y")
        note = _bounded(
            marker.note,
            limit=MARKER_NOTE_MAX,
            field=f"{where}.{index}.note",
            label=f"Photo {photo}, marker {marker.number}'s note",
        )
        checked.append({"number": marker.number, "x": x, "y": y, "note": note})
    return sorted(checked, key=lambda marker: marker["number"])


def check_photo_content(content: bytes, *, field: str, label: str) -> tuple[str, str, int, int]:
    """The image's (content type, extension, width, height), by its content; refused if it is not an
    image Pillow reads as JPEG, PNG or WebP, or if it is larger than the limits."""
    if len(content) > PHOTO_MAX_BYTES:
        raise _refuse(
            f"{label} is larger than {PHOTO_MAX_BYTES // (1024 * 1024)} MB; export it smaller and upload it again.",
            field=field,
            code=CatalogueErrorCode.FILE_TOO_LARGE,
        )
    not_an_image = _refuse(
        f"{label} is not a photograph (JPEG, PNG or WebP) by its content; choose an image file.",
        field=field,
        code=CatalogueErrorCode.NOT_AN_IMAGE,
    )
    if not content:
        raise not_an_image
    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            found = image.format or ""
            if width * height > PHOTO_MAX_PIXELS:
                raise _refuse(
                    f"{label} is {width} × {height} pixels; at most {PHOTO_MAX_PIXELS // 1_000_000} million are kept.",
                    field=field,
                    code=CatalogueErrorCode.FILE_TOO_LARGE,
                )
            image.verify()
        # verify() reads the structure only; decoding every pixel finds a file cut short.
        images.decode_fully(content)
    except CatalogueError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None
    if found not in PHOTO_FORMATS:
        raise not_an_image
    content_type, extension = PHOTO_FORMATS[found]
    return content_type, extension, width, height


def _check_photos(photos: Sequence[PhotoDraft]) -> list[_CheckedPhoto]:
    if len(photos) > PHOTOS_MAX:
        raise _refuse(f"A report holds at most {PHOTOS_MAX} photographs; this one has {len(photos)}.", field="photos")
    checked = []
    for number, photo in enumerate(photos, start=1):
        content_type, extension, width, height = check_photo_content(
            photo.content, field=f"photos.{number}.file", label=f"Photo {number}"
        )
        caption = _bounded(
            photo.caption, limit=CAPTION_MAX, field=f"photos.{number}.caption", label=f"Photo {number}'s caption"
        )
        markers = _check_markers(photo.markers, photo=number)
        checked.append(_CheckedPhoto(photo.content, content_type, extension, width, height, caption, markers))
    return checked


def _latest_version(item_id: int) -> int:
    latest = ConditionReport.objects.filter(item_id=item_id).order_by("-version").values_list("version", flat=True)
    return latest.first() or 0


@transaction.atomic
def condition_report_write(
    *,
    item: Item,
    occasion: str,
    grade: str,
    summary: str = "",
    findings: Sequence[FindingDraft],
    photos: Sequence[PhotoDraft] = (),
    by: Staff,
    expected_latest: int | None = None,
    made_at: datetime | None = None,
) -> ConditionReport:
    """Issue the piece's next condition report, whole: its findings and its marked photographs.

    ``expected_latest`` is the version the person read when they started (0 for none): if
    someone issued another since, the report is refused as stale rather than silently
    superseding what they have not seen. ``made_at`` is when the piece was examined, for a report
    transcribed from paper (never in the future); it defaults to now.
    """
    if not by.has_perm("catalogue.write_condition"):
        raise CatalogueError(f"{by} may not write condition reports.", field="by", code=CatalogueErrorCode.NOT_ALLOWED)
    if occasion not in ConditionOccasion.values:
        raise _refuse(
            f"‘{occasion}’ is not an occasion for a report; choose one of "
            f"{', '.join(str(label).lower() for label in ConditionOccasion.labels)}.",
            field="occasion",
            code=CatalogueErrorCode.REQUIRED if not occasion else CatalogueErrorCode.INVALID,
        )
    if grade not in ConditionGrade.values:
        raise _refuse(
            f"‘{grade}’ is not an overall grade; choose excellent, very good, good, fair or poor.",
            field="grade",
            code=CatalogueErrorCode.REQUIRED if not grade else CatalogueErrorCode.INVALID,
        )
    summary = _bounded(summary, limit=SUMMARY_MAX, field="summary", label="The summary")
    now = timezone.now()
    if made_at is not None and made_at > now:
        raise _refuse("A report cannot be dated in the future.", field="made_at", code=CatalogueErrorCode.INVALID_DATE)
    checked_findings = _check_findings(findings)
    checked_photos = _check_photos(photos)

    locked = item_lock(item.pk)  # one writer of a piece's reports at a time, and none during its moves
    latest = _latest_version(locked.pk)
    if expected_latest is not None and latest != expected_latest:
        newest = ConditionReport.objects.select_related("made_by").get(item_id=locked.pk, version=latest)
        raise CatalogueError(
            f"{newest.made_by} issued report {latest} of {locked.stock_number} while you were writing; "
            "read it and write yours again.",
            field="expected_latest",
            code=CatalogueErrorCode.STALE,
        )
    report = ConditionReport.objects.create(
        item_id=locked.pk,
        version=latest + 1,
        occasion=occasion,
        grade=grade,
        summary=summary,
        made_by=by,
        made_at=made_at or now,
    )
    ConditionFinding.objects.bulk_create(
        ConditionFinding(
            report=report,
            position=position,
            component=finding.component,
            component_kind=finding.kind,
            aspect=finding.aspect,
            value=finding.value,
            note=finding.note,
        )
        for position, finding in enumerate(checked_findings, start=1)
    )
    stored: list[ConditionPhoto] = []
    try:
        for position, photo in enumerate(checked_photos, start=1):
            row = ConditionPhoto(
                report=report,
                position=position,
                content_type=photo.content_type,
                width=photo.width,
                height=photo.height,
                caption=photo.caption,
                markers=photo.markers,
            )
            # Stores the file through the storage API, then inserts the row with its name.
            row.image = ContentFile(photo.content, name=f"photo.{photo.extension}")
            row.save()
            stored.append(row)
    except BaseException:
        for row in stored:
            if row.image.name:
                row.image.storage.delete(row.image.name)
        raise
    return report


# --- The intake desk's rule ----------------------------------------------------------------------


def desk_guard(item: Item, to: Location) -> None:
    """Custody's guard: a piece at an intake desk leaves it for the vault alone until it has a
    condition report. A client's own piece in for a repair or another service is exempt: its condition
    is written on the job's envelope at take-in, with the client's signature (services)."""
    if item.location.type != LocationType.INTAKE_DESK or to.in_vault or item.sale_state == SaleState.CLIENT_OWN:
        return
    if ConditionReport.objects.filter(item_id=item.pk).exists():
        return
    raise CustodyError(
        f"{item.stock_number} has no condition report yet; write one before it leaves the intake desk "
        "for anywhere but the vault.",
        field="to",
        code=InventoryErrorCode.NO_CONDITION_REPORT,
    )
