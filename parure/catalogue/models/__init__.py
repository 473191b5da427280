"""The catalogue's records. What lives where:

* ``records`` — the catalogue record of a piece: its metals, stones, the names it is by or
  attributed to, provenance, literature and exhibitions, and the answers to validation flags.

* ``copy`` — a piece's catalogue copy, its workflow and its append-only versions.

Certificates, condition reports and photography add their own modules here.
"""

from parure.catalogue.models.copy import CatalogueCopy, CopyVersion
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
    "CatalogueCopy",
    "CatalogueRecord",
    "CopyVersion",
    "FlagAnswer",
    "ProvenanceEntry",
    "RecordMaker",
    "RecordMetal",
    "RecordReference",
    "RecordStone",
]
