"""Pieces with catalogue records for the copy tests: the reference ring, taken in through the
inventory's intake and described through ``tests.catalogue.world``."""

from __future__ import annotations

from typing import Any

from parure.catalogue.models import CatalogueRecord
from tests.catalogue import world as catalogue_world
from tests.inventory import world

HEADING = "A SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925"


def cartier_record(cast: Any, *, places: bool = True) -> CatalogueRecord:
    """The reference ring, recorded by the assistant Marcus Hale (``places=False`` for a second
    one, once the offices' places are built)."""
    if places:
        world.build_all_places(cast)
    piece = world.take_in(cast.senior, world.consignor(), world.piece())[0]
    return catalogue_world.cartier_ring(piece, by=cast.assistant)
