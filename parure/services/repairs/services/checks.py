"""The repairs services' shared checks: bounded text and amounts, due dates, refusals from other apps in this
area's words, the client's signature and the photographs."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from PIL import Image, UnidentifiedImageError

from parure.catalogue.errors import CatalogueError
from parure.catalogue.services.condition import check_photo_content
from parure.core.clock import office_today as office_today
from parure.core.errors import DomainError
from parure.core.models import Office, Staff
from parure.core.text import unstorable
from parure.services.errors import ServicesError, ServicesErrorCode
from parure.services.repairs.choices import SignatureKind

AMOUNT_MAX = Decimal("9999999.99")
DECLARED_MAX = Decimal("999999999.99")
LINES_MAX = 20
PHOTOS_MAX = 6
QUANTITY_MAX = 99
SIGNATURE_MAX_BYTES = 300_000
SIGNATURE_MAX_SIDE = 2400
NOTE_MAX = 500
DUE_MAX_DAYS = 366

E = ServicesErrorCode


def _refuse(message: str, *, field: str | None = None, code: ServicesErrorCode = E.INVALID) -> ServicesError:
    return ServicesError(message, field=field, code=code)


# --- Checking input ---------------------------------------------------------------------------------


def text_of(value: Any, *, limit: int, field: str, label: str, required: bool = False) -> str:
    text = (value if isinstance(value, str) else "").strip()
    if unstorable(text):
        raise _refuse(f"{label} holds a character that cannot be stored; type it again.", field=field)
    if len(text) > limit:
        raise _refuse(f"{label} is longer than {limit} characters.", field=field, code=E.TOO_LONG)
    if required and not text:
        raise _refuse(f"{label} is missing.", field=field, code=E.REQUIRED)
    return text


def amount_of(value: Any, *, field: str, label: str, maximum: Decimal = AMOUNT_MAX, required: bool = True) -> Decimal:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _refuse(f"{label} is missing.", field=field, code=E.REQUIRED)
        return Decimal("0.00")
    if isinstance(value, float):
        value = str(value)
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise _refuse(f"{label} is not an amount: ‘{str(value)[:30]}’.", field=field, code=E.INVALID_AMOUNT) from None
    if not amount.is_finite():
        raise _refuse(f"{label} is not an amount.", field=field, code=E.INVALID_AMOUNT)
    if amount < 0:
        raise _refuse(f"{label} cannot be negative.", field=field, code=E.INVALID_AMOUNT)
    if amount > maximum:
        raise _refuse(f"{label} is more than {maximum:,}.", field=field, code=E.INVALID_AMOUNT)
    if amount != amount.quantize(Decimal("0.01")):
        raise _refuse(f"{label} has more than two decimal places.", field=field, code=E.INVALID_AMOUNT)
    return amount.quantize(Decimal("0.01"))


def _due(due_on: date | None, office: Office, *, field: str = "due_on") -> date:
    if not isinstance(due_on, date):
        raise _refuse("Give the date the job is due.", field=field, code=E.INVALID_DATE)
    today = office_today(office)
    if due_on < today:
        raise _refuse("The due date is in the past; give today or a later day.", field=field, code=E.INVALID_DATE)
    if due_on > today + timedelta(days=DUE_MAX_DAYS):
        raise _refuse("The due date is more than a year away.", field=field, code=E.INVALID_DATE)
    return due_on


def _office_of(by: Staff) -> Office:
    if by.office is None:
        raise _refuse(f"{by} has no office; repairs are taken in at an office.", field="by", code=E.REFUSED)
    return by.office


def _from_other_app(refusal: DomainError[Any], *, prefix: str = "") -> ServicesError:
    """Another app's refusal, kept word for word, under this area's field names."""
    name = refusal.field or None
    if name and prefix and name.startswith(prefix):
        name = name.removeprefix(prefix)
    kind = refusal.kind.value
    code = {"not_found": E.UNKNOWN_RECORD, "conflict": E.STALE, "refused": E.REFUSED}.get(kind, E.INVALID)
    return ServicesError(refusal.message, field=name, code=code)


# --- Signatures and photographs -----------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureDraft:
    """The client's signature: a PNG drawn on the tablet, or the printed envelope signed in ink (the member
    of staff acting attests it)."""

    kind: str
    png: bytes | None = None


def check_signature(signature: SignatureDraft | None, *, field: str) -> tuple[str, bytes | None]:
    if signature is None or signature.kind not in SignatureKind.values:
        raise _refuse(
            "The client's signature is missing: have them sign on the tablet, or tick that they signed the "
            "printed envelope.",
            field=field,
            code=E.REPAIR_NO_SIGNATURE,
        )
    if signature.kind == SignatureKind.PRINTED:
        return SignatureKind.PRINTED, None
    content = signature.png or b""
    blank = _refuse("The signature box is empty; have the client sign in it.", field=field, code=E.REPAIR_NO_SIGNATURE)
    if not content:
        raise blank
    if len(content) > SIGNATURE_MAX_BYTES:
        raise _refuse("The signature image is too large.", field=field, code=E.INVALID_FILE)
    not_png = _refuse("The signature is not a PNG image; sign again.", field=field, code=E.INVALID_FILE)
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != "PNG":
                raise not_png
            width, height = image.size
            if width > SIGNATURE_MAX_SIDE or height > SIGNATURE_MAX_SIDE or width < 20 or height < 10:
                raise _refuse("The signature image has an unexpected size; sign again.", field=field,
                              code=E.INVALID_FILE)  # fmt: skip
            image.load()
            rgba = image.convert("RGBA")
    except ServicesError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_png from None
    # Ink is a pixel that is both opaque and dark; a canvas left blank (transparent or white) has none.
    alpha = rgba.getchannel("A").point(lambda v: 255 if v > 128 else 0)
    dark = rgba.convert("L").point(lambda v: 255 if v < 160 else 0)
    from PIL import ImageChops

    if ImageChops.multiply(alpha, dark).getbbox() is None:
        raise blank
    return SignatureKind.TABLET, content


@dataclass(frozen=True)
class PhotoUpload:
    content: bytes
    caption: str = ""


def _check_photos(photos: Sequence[PhotoUpload]) -> list[tuple[PhotoUpload, str, int, int]]:
    if len(photos) > PHOTOS_MAX:
        raise _refuse(f"At most {PHOTOS_MAX} photographs go with a job.", field="photos", code=E.INVALID_FILE)
    checked = []
    for index, photo in enumerate(photos):
        where = f"photos.{index}"
        try:
            content_type, _, width, height = check_photo_content(
                photo.content, field=where, label=f"Photograph {index + 1}"
            )
        except CatalogueError as refusal:
            raise ServicesError(refusal.message, field=where, code=E.INVALID_FILE) from None
        caption = text_of(photo.caption, limit=200, field=f"{where}.caption", label=f"Photograph {index + 1}'s caption")
        checked.append((PhotoUpload(photo.content, caption), content_type, width, height))
    return checked
