"""Condition-report test data: photographs made with Pillow, a checklist, and the places and
pieces of the custody tests (tests/inventory/world.py)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image, ImageDraw

from parure.catalogue.services.condition import FindingDraft, MarkerDraft, PhotoDraft, condition_report_write
from tests.inventory import world


def photo_bytes(size: tuple[int, int] = (400, 300), *, kind: str = "JPEG", colour: str = "#c9b27c") -> bytes:
    """A placeholder photograph: a ring drawn on a warm ground."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.ellipse((width * 0.3, height * 0.25, width * 0.7, height * 0.75), outline="#555555", width=8)
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


def ring_findings() -> list[FindingDraft]:
    return [
        FindingDraft("Mount", "metal", "wear", "minor", "Light wear to the shank"),
        FindingDraft("Mount", "metal", "resizing", "none"),
        FindingDraft("Mount", "metal", "tested", "no"),
        FindingDraft("Principal sapphire", "stone", "abrasions", "minor", "Facet edges lightly abraded"),
        FindingDraft("Principal sapphire", "stone", "chips", "none"),
    ]


def marked_photo(*markers: tuple[int, float, float, str], caption: str = "Front") -> PhotoDraft:
    return PhotoDraft(
        photo_bytes(), "front.jpg", caption, [MarkerDraft(number, x, y, note) for number, x, y, note in markers]
    )


def write(item: Any, by: Any, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "occasion": "intake",
        "grade": "very_good",
        "summary": "In very good condition overall.",
        "findings": ring_findings(),
        "photos": [],
    }
    fields.update(overrides)
    return condition_report_write(item=item, by=by, **fields)


@pytest.fixture
def condition_media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def condition_places(cast: Any) -> world.Places:
    return world.build_all_places(cast)["NY"]


@pytest.fixture
def bare_ring(cast: Any, condition_places: world.Places) -> Any:
    """A ring at New York's intake desk with no condition report yet."""
    return world.take_in(cast.senior, world.consignor(), world.piece(), condition_reported=False)[0]
