"""Photography test data through the real services: New York's places, pieces in the vault, a shot
list, photographs. Test modules import the fixtures they use from here."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from PIL import Image

from parure.catalogue.services import photography as photo
from parure.core.models import Office
from parure.inventory import services as custody
from tests.inventory import world


def jpeg(size: tuple[int, int] = (2000, 1500), colour: str = "navy") -> bytes:
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=85)
    return out.getvalue()


def in_vault(cast: Any, places: world.Places, *drafts: Any) -> list[Any]:
    """Pieces taken in at New York and put in the vault's first tray."""
    pieces = world.take_in(cast.senior, world.consignor(), *(drafts or [world.piece()]))
    for piece in pieces:
        custody.item_move(item=piece, to=places.tray1, by=cast.assistant)
    return [world.fresh(piece) for piece in pieces]


def upload(piece: Any, by: Any, *sizes: tuple[int, int], **fields: Any) -> list[Any]:
    files = [photo.Upload(f"view-{index}.jpg", jpeg(size)) for index, size in enumerate(sizes or [(2000, 1500)], 1)]
    made, _ = photo.images_upload(piece=piece, files=files, by=by, **fields)
    return made


@pytest.fixture
def places(cast: Any) -> dict[str, world.Places]:
    return world.build_all_places(cast)


@pytest.fixture
def ny(places: dict[str, world.Places]) -> world.Places:
    return places["NY"]


@pytest.fixture
def pieces(cast: Any, ny: world.Places) -> list[Any]:
    """A ring, a brooch and a tiara (above the four-eyes threshold) in New York's vault."""
    return in_vault(
        cast,
        ny,
        world.piece("Sapphire and diamond ring"),
        world.piece("Diamond clip brooch", category="brooch"),
        world.piece("Edwardian diamond tiara", "250000", category="tiara"),
    )


@pytest.fixture
def shot_list(cast: Any, ny: world.Places) -> Any:
    return photo.shot_list_create(
        name="NY-J2612 Magnificent Jewels", office=Office.objects.get(code="NY"), sale_code="ny-j2612",
        by=cast.assistant,
    )  # fmt: skip
