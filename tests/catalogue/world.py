"""Catalogue test data built from real pieces (the inventory's intake service) and records.

``record(piece, ...)`` makes a catalogue record with its rows in one call, for tests that need a
record of a given shape (the copy generator, validation, search). The record's own services are
tested by building records through them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from parure.catalogue.models import (
    CatalogueRecord,
    ProvenanceEntry,
    RecordMaker,
    RecordMetal,
    RecordReference,
    RecordStone,
)
from parure.core.models import Staff

D = Decimal


def record(
    piece: Any,
    *,
    by: Staff,
    metals: list[dict[str, Any]] = (),  # type: ignore[assignment]
    stones: list[dict[str, Any]] = (),  # type: ignore[assignment]
    makers: list[dict[str, Any]] = (),  # type: ignore[assignment]
    provenance: list[dict[str, Any]] = (),  # type: ignore[assignment]
    references: list[dict[str, Any]] = (),  # type: ignore[assignment]
    **fields: Any,
) -> CatalogueRecord:
    """A record of ``piece`` with the given rows, positions in the order given."""
    fields.setdefault("object_type", piece.category)
    made = CatalogueRecord.objects.create(item=piece, created_by=by, updated_by=by, **fields)
    for position, row in enumerate(metals, start=1):
        RecordMetal.objects.create(record=made, position=position, **row)
    for position, row in enumerate(stones, start=1):
        RecordStone.objects.create(record=made, position=position, **row)
    for position, row in enumerate(makers, start=1):
        RecordMaker.objects.create(record=made, position=position, **row)
    for position, row in enumerate(provenance, start=1):
        ProvenanceEntry.objects.create(record=made, position=position, **row)
    for position, row in enumerate(references, start=1):
        RecordReference.objects.create(record=made, position=position, **row)
    return made


def cartier_ring(piece: Any, *, by: Staff) -> CatalogueRecord:
    """The department's reference shape: a sapphire and diamond ring by Cartier, circa 1925."""
    return record(
        piece,
        by=by,
        object_type="ring",
        date_text="circa 1925",
        year_from=1920,
        year_to=1930,
        circa=True,
        period="art-deco",
        ring_size="6",
        ring_size_system="us",
        gross_weight_g=D("6.40"),
        signature="Cartier Paris",
        serial_number="1234",
        fitted_case="Fitted case by Cartier",
        design_notes="Of bombé design, set to the centre with a cushion-shaped sapphire",
        metals=[{"metal": "platinum", "fineness": 950, "marks": "dog's head"}],
        stones=[
            {"role": "principal", "species": "corundum", "variety": "sapphire", "cut": "cushion", "shape": "cushion",
             "count": 1, "weight_ct": D("4.12"), "weight_basis": "report", "origin": "Kashmir",
             "treatment": "no indications of heating"},
            {"role": "secondary", "species": "diamond", "cut": "brilliant", "shape": "pear", "count": 2,
             "weight_ct": D("0.80"), "weight_basis": "estimated", "colour": "F-G", "clarity": "VS1-VS2",
             "as_gauged": True},
        ],
        makers=[{"name": "Cartier", "attribution": "by"}],
        provenance=[
            {"owner": "Mrs Harrison Williams", "date_text": "by 1930", "source": "Cartier archives"},
            {"owner": "Christie's Geneva, 17 May 1987, lot 412", "is_sale": True, "date_text": "17 May 1987"},
            {"owner": "Mrs Catherine Vandermeer", "confidential": True,
             "public_wording": "A private collection, New York"},
        ],
    )  # fmt: skip
