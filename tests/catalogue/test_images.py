"""Photographs by content: what is refused (with its sentence), and what is published from what is
accepted — exact sizes, the orientation applied, and no EXIF, GPS or XMP left."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from typing import Any

import pytest
from PIL import Image

from parure.catalogue import images
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode


def jpeg(size: tuple[int, int] = (2000, 1500), *, exif: Any = None, colour: str = "navy") -> bytes:
    out = BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(out, "JPEG", quality=90, **options)
    return out.getvalue()


def exif_with_gps(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Hasselblad"  # Make
    exif[0x0131] = "Studio Capture 7"  # Software
    if orientation is not None:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (40.0, 45.0, 30.0)
    gps[3], gps[4] = "W", (73.0, 59.0, 10.0)
    return exif


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def refusal(content: bytes, filename: str) -> CatalogueError:
    with pytest.raises(CatalogueError) as caught:
        images.inspect(content, filename=filename, field="files")
    assert caught.value.field == "files"
    return caught.value


def test_a_text_file_named_jpg_is_not_an_image() -> None:
    refused = refusal(b"Lot 12: a sapphire and diamond ring\n", "ring.jpg")
    assert refused.message == (
        "‘ring.jpg’ is not an image: its content is not JPEG, PNG, WebP or TIFF, whatever its name says."
    )
    assert refused.code == CatalogueErrorCode.NOT_AN_IMAGE


def test_a_truncated_jpeg_is_refused_as_damaged() -> None:
    # WeasyPrint (imported for every PDF) makes Pillow accept truncated files process-wide; the
    # check must refuse them all the same, and leave the setting as it found it.
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    whole = jpeg((800, 600), colour="teal")
    refused = refusal(whole[: len(whole) // 2], "cut.jpg")
    assert (
        refused.message
        == "‘cut.jpg’ is damaged or incomplete (its image data is cut short or corrupt); export it again."
    )
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True


def test_a_png_bomb_is_refused_before_it_is_decoded(settings: Any) -> None:
    settings.PARURE_IMAGE_MAX_PIXELS = 80_000_000
    refused = refusal(png_claiming(100_000, 100_000), "bomb.png")
    assert refused.message == (
        "‘bomb.png’ claims more than 80 megapixels, more than any photograph we publish; resize it before uploading."
    )
    # Just over the limit (not yet twice it, where Pillow itself stops) is refused too.
    settings.PARURE_IMAGE_MAX_PIXELS = 1_000_000
    assert refusal(png_claiming(1001, 1000), "big.png").message.startswith("‘big.png’ claims more than 1 megapixels")


def test_a_gif_is_an_image_we_do_not_publish() -> None:
    out = BytesIO()
    Image.new("P", (10, 10)).save(out, "GIF")
    assert refusal(out.getvalue(), "anim.gif").message == (
        "‘anim.gif’ is a GIF image; upload photographs as JPEG, PNG, WebP or TIFF."
    )


def test_an_oversize_file_is_refused_by_its_size(settings: Any) -> None:
    settings.PARURE_IMAGE_MAX_BYTES = 1024 * 1024
    refused = refusal(b"\xff" * (1024 * 1024 + 1), "huge.tif")
    assert refused.message == "‘huge.tif’ is 1.0 MB; a photograph may be at most 1 MB."
    assert refused.code == CatalogueErrorCode.FILE_TOO_LARGE
    # The per-image limit never exceeds the site-wide upload limit.
    settings.PARURE_IMAGE_MAX_BYTES, settings.PARURE_UPLOAD_MAX_BYTES = 50 * 1024 * 1024, 2 * 1024 * 1024
    assert images.max_bytes() == 2 * 1024 * 1024


def test_an_empty_file_is_refused() -> None:
    assert refusal(b"", "blank.jpg").message == "‘blank.jpg’ is empty; choose the photograph again."


@pytest.mark.parametrize(
    ("image_format", "mode", "content_type"),
    [("JPEG", "RGB", "image/jpeg"), ("PNG", "RGBA", "image/png"), ("WEBP", "RGB", "image/webp"),
     ("TIFF", "RGB", "image/tiff")],
)  # fmt: skip
def test_accepted_formats_are_read_from_content(image_format: str, mode: str, content_type: str) -> None:
    out = BytesIO()
    Image.new(mode, (640, 480), "ivory").save(out, image_format)
    seen = images.inspect(out.getvalue(), filename="named-anything.bin")
    assert (seen.format, seen.content_type, seen.width, seen.height, seen.bytes) == (
        image_format, content_type, 640, 480, len(out.getvalue())
    )  # fmt: skip
    assert len(seen.sha256) == 64


def test_derivative_sizes_are_exact() -> None:
    rendered = {drawn.kind: drawn for drawn in images.render_derivatives(jpeg((2000, 1500)))}
    assert {kind: (drawn.width, drawn.height) for kind, drawn in rendered.items()} == {
        "print": (2000, 1500),
        "web": (1600, 1200),
        "thumbnail": (320, 240),
    }
    for drawn in rendered.values():
        with Image.open(BytesIO(drawn.content)) as opened:
            assert (opened.format, opened.size) == ("JPEG", (drawn.width, drawn.height))


def test_a_portrait_and_a_small_photograph_are_never_enlarged() -> None:
    sizes = {d.kind: (d.width, d.height) for d in images.render_derivatives(jpeg((1000, 3001)))}
    assert sizes == {"print": (1000, 3001), "web": (533, 1600), "thumbnail": (107, 320)}
    small = {d.kind: (d.width, d.height) for d in images.render_derivatives(jpeg((300, 200)))}
    assert small == {"print": (300, 200), "web": (300, 200), "thumbnail": (300, 200)}


def test_exif_and_gps_are_stripped_from_every_derivative() -> None:
    original = jpeg((1800, 1200), exif=exif_with_gps())
    with Image.open(BytesIO(original)) as opened:
        assert opened.getexif().get_ifd(0x8825)[1] == "N"  # the upload carries a GPS position
        assert opened.getexif()[0x010F] == "Hasselblad"
    for drawn in images.render_derivatives(original):
        with Image.open(BytesIO(drawn.content)) as opened:
            assert dict(opened.getexif()) == {}, drawn.kind
            assert opened.getexif().get_ifd(0x8825) == {}
            assert "exif" not in opened.info and "xmp" not in opened.info
            assert b"Hasselblad" not in drawn.content and b"Exif" not in drawn.content


def test_xmp_is_stripped_and_the_colour_profile_kept() -> None:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description photoshop:City="New York"/></rdf:RDF></x:xmpmeta>'
    Image.new("RGB", (400, 300), "gold").save(out, "JPEG", xmp=xmp, icc_profile=profile)
    assert b"photoshop:City" in out.getvalue()
    for drawn in images.render_derivatives(out.getvalue()):
        assert b"photoshop:City" not in drawn.content and b"xmpmeta" not in drawn.content
        with Image.open(BytesIO(drawn.content)) as opened:
            assert opened.info.get("icc_profile") == profile


def test_the_cameras_orientation_is_applied_then_dropped() -> None:
    # Orientation 6: the camera was turned; the stored pixels are 1600 × 1200, the photograph 1200 × 1600.
    rendered = {d.kind: d for d in images.render_derivatives(jpeg((1600, 1200), exif=exif_with_gps(orientation=6)))}
    assert (rendered["print"].width, rendered["print"].height) == (1200, 1600)
    assert (rendered["thumbnail"].width, rendered["thumbnail"].height) == (240, 320)
    with Image.open(BytesIO(rendered["web"].content)) as opened:
        assert opened.getexif().get(0x0112) is None


def test_transparency_is_laid_on_white() -> None:
    out = BytesIO()
    Image.new("RGBA", (100, 80), (0, 0, 0, 0)).save(out, "PNG")
    thumbnail = images.render_derivatives(out.getvalue())[-1]
    with Image.open(BytesIO(thumbnail.content)) as opened:
        assert opened.mode == "RGB"
        red, green, blue = opened.getpixel((50, 40))  # type: ignore[misc]
        assert min(red, green, blue) >= 250


def test_a_placeholder_is_a_plain_jpeg_with_no_metadata() -> None:
    content = images.placeholder("NY-26-000123-7", "Sapphire and diamond ring", size=(800, 600))
    seen = images.inspect(content, filename="placeholder.jpg")
    assert (seen.format, seen.width, seen.height) == ("JPEG", 800, 600)
