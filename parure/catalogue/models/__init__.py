"""The catalogue's records. What lives where:

* ``records`` — the catalogue record of a piece: its metals, stones, the names it is by or
  attributed to, provenance, literature and exhibitions, and the answers to validation flags.

* ``photography`` — shot lists and their entries on the status board, a piece's photographs
  and the derivatives published from them.

Certificates, catalogue copy and condition reports add their own modules here.
"""

from parure.catalogue.models.photography import (
    ImageDerivative,
    PieceImage,
    ShotList,
    ShotListEntry,
    ShotListEntryChange,
)
from parure.catalogue.models.records import (
    CatalogueRecord,
    FlagAnswer,
    ProvenanceEntry,
    RecordMaker,
    RecordMetal,
    RecordReference,
    RecordStone,
)

__all__ = [
    "CatalogueRecord",
    "FlagAnswer",
    "ImageDerivative",
    "PieceImage",
    "ProvenanceEntry",
    "RecordMaker",
    "RecordMetal",
    "RecordReference",
    "RecordStone",
    "ShotList",
    "ShotListEntry",
    "ShotListEntryChange",
]
