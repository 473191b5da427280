"""The catalogue's records. What lives where:

* ``records`` — the catalogue record of a piece: its metals, stones, the names it is by or
  attributed to, provenance, literature and exhibitions, and the answers to validation flags.

* ``condition`` — condition reports, their findings per component and their marked photographs
  (append-only: a new version supersedes).

Certificates, catalogue copy and photography add their own modules here.
"""

from parure.catalogue.models.condition import ConditionFinding, ConditionPhoto, ConditionReport
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
    "ConditionFinding",
    "ConditionPhoto",
    "ConditionReport",
    "FlagAnswer",
    "ProvenanceEntry",
    "RecordMaker",
    "RecordMetal",
    "RecordReference",
    "RecordStone",
]
