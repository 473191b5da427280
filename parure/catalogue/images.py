"""Photographs with Pillow: is an upload an image, and what is published from it.

:func:`inspect` decides by content, never by the file's name: it opens the file, checks that its
format is one a photographer delivers (JPEG, PNG, WebP, TIFF), refuses a file over
``PARURE_IMAGE_MAX_BYTES``, a decompression bomb (more pixels than ``PARURE_IMAGE_MAX_PIXELS``,
enforced through ``Image.MAX_IMAGE_PIXELS``), and a damaged or truncated file (it decodes every
pixel once). :func:`render_derivatives` makes the thumbnail (320 px on the long edge), the web
image (1600 px) and the print image (full size), each re-encoded as a JPEG with the camera's
orientation applied (``ImageOps.exif_transpose``) and without EXIF, GPS, XMP or IPTC: only the
colour profile is carried over. The original is kept as uploaded and never published.
"""

from __future__ import annotations

import hashlib
import threading
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from PIL import Image, ImageDraw, ImageFile, ImageFont, ImageOps, UnidentifiedImageError

from parure.catalogue.choices import DerivativeKind
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "TIFF": "image/tiff"}
# The long edge of each derivative, in pixels; None keeps the photograph's own size.
LONG_EDGE: dict[str, int | None] = {
    DerivativeKind.THUMBNAIL: 320,
    DerivativeKind.WEB: 1600,
    DerivativeKind.PRINT: None,
}
QUALITY = {DerivativeKind.THUMBNAIL: 80, DerivativeKind.WEB: 85, DerivativeKind.PRINT: 95}


@dataclass(frozen=True)
class Inspected:
    """What an accepted upload is, read from its content."""

    format: str
    content_type: str
    width: int
    height: int
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Rendered:
    kind: str
    content: bytes
    width: int
    height: int


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def max_bytes() -> int:
    """The per-photograph limit, never above the site-wide upload limit."""
    return int(min(settings.PARURE_IMAGE_MAX_BYTES, settings.PARURE_UPLOAD_MAX_BYTES))


def check_size(size: int, *, filename: str, field: str = "file") -> None:
    """Refuse a photograph over the limit by its declared size, before it is read."""
    limit = max_bytes()
    if size > limit:
        name = f"‘{filename}’" if filename else "The file"
        raise CatalogueError(
            f"{name} is {_megabytes(size)} MB; a photograph may be at most {_megabytes(limit)} MB.",
            field=field,
            code=CatalogueErrorCode.FILE_TOO_LARGE,
        )


_strict_decoding = threading.Lock()


def decode_fully(content: bytes) -> None:
    """Decode every pixel of ``content``, raising ``OSError`` when its data is cut short.

    WeasyPrint sets Pillow's process-wide ``ImageFile.LOAD_TRUNCATED_IMAGES`` when it is imported
    (the PDFs import it), which would let a truncated upload decode silently with grey where its
    data ends; the check turns the setting off while it decodes, and puts it back after."""
    with _strict_decoding:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            with Image.open(BytesIO(content)) as full:
                full.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def inspect(content: bytes, *, filename: str, field: str = "file") -> Inspected:
    """The upload's format, size and checksum; refused, naming the file, when it is not a photograph
    Parure can publish."""
    name = f"‘{filename}’" if filename else "The file"
    if not content:
        raise CatalogueError(f"{name} is empty; choose the photograph again.", field=field,
                             code=CatalogueErrorCode.NOT_AN_IMAGE)  # fmt: skip
    check_size(len(content), filename=filename, field=field)
    pixels = int(settings.PARURE_IMAGE_MAX_PIXELS)
    Image.MAX_IMAGE_PIXELS = pixels
    bomb = (
        f"{name} claims more than {pixels // 1_000_000} megapixels, more than any photograph we publish; "
        "resize it before uploading."
    )
    damaged = f"{name} is damaged or incomplete (its image data is cut short or corrupt); export it again."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(content)) as probe:
                image_format = probe.format or ""
                width, height = probe.size
                if image_format in FORMATS:
                    probe.verify()
            if image_format not in FORMATS:
                raise CatalogueError(
                    f"{name} is a {image_format} image; upload photographs as JPEG, PNG, WebP or TIFF.",
                    field=field,
                    code=CatalogueErrorCode.NOT_AN_IMAGE,
                )
            # verify() reads the structure only: decoding every pixel finds a truncated file.
            decode_fully(content)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CatalogueError(bomb, field=field, code=CatalogueErrorCode.NOT_AN_IMAGE) from None
    except UnidentifiedImageError:
        raise CatalogueError(
            f"{name} is not an image: its content is not JPEG, PNG, WebP or TIFF, whatever its name says.",
            field=field,
            code=CatalogueErrorCode.NOT_AN_IMAGE,
        ) from None
    except CatalogueError:
        raise
    except Exception:  # noqa: BLE001
        # A malformed file reaches Pillow's decoders, which fail in many ways (OSError, SyntaxError,
        # struct.error, IndexError…): each is the same answer for the person, a damaged file.
        raise CatalogueError(damaged, field=field, code=CatalogueErrorCode.NOT_AN_IMAGE) from None
    return Inspected(
        format=image_format,
        content_type=FORMATS[image_format],
        width=width,
        height=height,
        bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def fitted(width: int, height: int, long_edge: int | None) -> tuple[int, int]:
    """The size of an image fitted to ``long_edge`` on its longer side (never enlarged)."""
    if long_edge is None or max(width, height) <= long_edge:
        return width, height
    scale = long_edge / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _flattened(image: Image.Image) -> Image.Image:
    """RGB (or greyscale) for JPEG: transparency is laid on white, as the catalogue's page is."""
    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        ground = Image.new("RGB", rgba.size, (255, 255, 255))
        ground.paste(rgba, mask=rgba.getchannel("A"))
        return ground
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda value: value / 256).convert("L")
    return image.convert("RGB")


def _jpeg(image: Image.Image, *, quality: int, icc_profile: bytes | None) -> bytes:
    out = BytesIO()
    # Only what is named here is written: no exif=, xmp= or IPTC, so none of the camera's
    # metadata (GPS position, serial numbers, software) reaches what is published.
    options: dict[str, object] = {"quality": quality}
    if icc_profile:
        options["icc_profile"] = icc_profile
    image.save(out, "JPEG", **options)
    return out.getvalue()


def render_derivatives(content: bytes) -> list[Rendered]:
    """The thumbnail, web and print images of a photograph, largest first, without metadata."""
    with Image.open(BytesIO(content)) as opened:
        icc_profile = opened.info.get("icc_profile")
        upright = ImageOps.exif_transpose(opened)
        base = _flattened(upright)
    rendered = []
    source = base
    for kind in (DerivativeKind.PRINT, DerivativeKind.WEB, DerivativeKind.THUMBNAIL):
        size = fitted(base.width, base.height, LONG_EDGE[kind])
        # Each smaller size is drawn from the one before it (already near its size): the same
        # result as from the original at a fraction of the work.
        image = source if size == source.size else source.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        rendered.append(
            Rendered(kind, _jpeg(image, quality=QUALITY[kind], icc_profile=icc_profile), image.width, image.height)
        )
        source = image
    return rendered


def placeholder(stock_number: str, title: str, *, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A neutral photograph stand-in for demonstration pieces: the stock number and title on ivory."""
    image = Image.new("RGB", size, (246, 243, 236))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((24, 24, width - 25, height - 25), outline=(200, 192, 176), width=3)
    big = ImageFont.load_default(size=max(24, height // 12))
    small = ImageFont.load_default(size=max(16, height // 26))
    draw.text((width / 2, height * 0.42), stock_number, fill=(40, 40, 40), font=big, anchor="mm")
    draw.text((width / 2, height * 0.58), title[:60], fill=(90, 90, 90), font=small, anchor="mm")
    out = BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
