"""The catalogue's records. What lives where:

* ``records`` — the catalogue record of a piece: its metals, stones, the names it is by or
  attributed to, provenance, literature and exhibitions, and the answers to validation flags.
* ``certificates`` — laboratories and their reports on the record's stones, with the scanned PDF.

Catalogue copy, condition reports and photography add their own modules here.
"""

from parure.catalogue.models.certificates import Certificate, Laboratory
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
    "Certificate",
    "FlagAnswer",
    "Laboratory",
    "ProvenanceEntry",
    "RecordMaker",
    "RecordMetal",
    "RecordReference",
    "RecordStone",
]
