"""The catalogue's records. What lives where:

* ``records`` — the catalogue record of a piece: its metals, stones, the names it is by or
  attributed to, provenance, literature and exhibitions, and the answers to validation flags.
* ``certificates`` — laboratories and their reports on the record's stones, with the scanned PDF.
* ``condition`` — condition reports: versioned, append-only, with findings per component and
  photographs with numbered markers.
* ``copy`` — a piece's catalogue copy, its workflow and its append-only versions.
* ``photography`` — shot lists and their entries on the status board, a piece's photographs
  and the derivatives published from them.
* ``search`` — the search document of a catalogued piece: its facets and folded text.
"""

from parure.catalogue.models.certificates import Certificate, Laboratory
from parure.catalogue.models.condition import ConditionFinding, ConditionPhoto, ConditionReport
from parure.catalogue.models.copy import CatalogueCopy, CopyVersion
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
from parure.catalogue.models.search import SearchDocument

__all__ = [
    "CatalogueCopy",
    "CatalogueRecord",
    "Certificate",
    "ConditionFinding",
    "ConditionPhoto",
    "ConditionReport",
    "CopyVersion",
    "FlagAnswer",
    "ImageDerivative",
    "Laboratory",
    "PieceImage",
    "ProvenanceEntry",
    "RecordMaker",
    "RecordMetal",
    "RecordReference",
    "RecordStone",
    "SearchDocument",
    "ShotList",
    "ShotListEntry",
    "ShotListEntryChange",
]
