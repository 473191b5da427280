"""Pieces with catalogue records for the copy tests: the reference ring, taken in through the
inventory's intake and described through ``tests.catalogue.world``."""

from __future__ import annotations

from typing import Any

from parure.catalogue.models import CatalogueRecord
from tests.catalogue import world as catalogue_world
from tests.catalogue.certificate_world import attach, sapphire_report
from tests.inventory import world

HEADING = "A SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925"
SAPPHIRE_STATEMENT = (
    "Accompanied by report no. 2185034712 dated 14 March 2024 from the GIA stating that the sapphire weighing "
    "4.12 carats is of Kashmir origin, with no indications of heating."
)


def cartier_record(cast: Any, *, places: bool = True) -> CatalogueRecord:
    """The reference ring, recorded by the assistant Marcus Hale (``places=False`` for a second
    one, once the offices' places are built)."""
    if places:
        world.build_all_places(cast)
    piece = world.take_in(cast.senior, world.consignor(), world.piece())[0]
    record = catalogue_world.cartier_ring(piece, by=cast.assistant)
    # The sapphire's weight is stated by its GIA report: attached, as the desk would have it.
    # A second ring has its own report: a report number belongs to one piece.
    changes = {} if places else {"number": str(2185034712 + piece.pk)}
    attach(record, sapphire_report(record, **changes), by=cast.assistant)
    return CatalogueRecord.objects.get(pk=record.pk)
