"""What one member of staff may see of a catalogue record.

Everything in a record is what the house publishes, and every member of staff reads it, except
the owners of provenance entries marked confidential (a living private collector, the present
consignor): those need ``catalogue.view_confidential_provenance`` (the consignor-identity rule of
``parure.catalogue.rules``). Anyone else reads the entry's public wording ("A private collection,
New York"), or "Private collection" when it has none, and not its source, which may name the
owner. The record page, the desk screen, the list and the API all ask :class:`RecordViewer`, so
an owner a role may not see is absent from every one of them, not hidden by style.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from parure.catalogue.models import CatalogueRecord, ProvenanceEntry

PRIVATE_COLLECTION = "Private collection"


@dataclass(frozen=True)
class ProvenanceShown:
    """One provenance entry as one viewer may read it."""

    entry_id: int
    position: int
    owner: str
    is_sale: bool
    date_text: str
    source: str
    confidential: bool
    public_wording: str
    # The stored owner is confidential and this viewer may not read it.
    owner_withheld: bool


class RecordViewer:
    """One person's view of catalogue records."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def sees_confidential(self) -> bool:
        return bool(self.user.has_perm("catalogue.view_confidential_provenance"))

    @cached_property
    def may_edit(self) -> bool:
        return bool(self.user.has_perm("catalogue.edit_records"))

    @cached_property
    def may_answer_flags(self) -> bool:
        return bool(self.user.has_perm("catalogue.answer_flags"))

    def withholds(self, entry: ProvenanceEntry) -> bool:
        return entry.confidential and not self.sees_confidential

    def entry(self, entry: ProvenanceEntry) -> ProvenanceShown:
        if self.withholds(entry):
            return ProvenanceShown(
                entry_id=entry.pk,
                position=entry.position,
                owner=entry.public_wording or PRIVATE_COLLECTION,
                is_sale=entry.is_sale,
                date_text=entry.date_text,
                source="",
                confidential=True,
                public_wording=entry.public_wording,
                owner_withheld=True,
            )
        return ProvenanceShown(
            entry_id=entry.pk,
            position=entry.position,
            owner=entry.owner,
            is_sale=entry.is_sale,
            date_text=entry.date_text,
            source=entry.source,
            confidential=entry.confidential,
            public_wording=entry.public_wording,
            owner_withheld=False,
        )

    def provenance(self, record: CatalogueRecord) -> list[ProvenanceShown]:
        """The chain, oldest first, as this viewer may read it (uses the prefetched entries)."""
        return [self.entry(entry) for entry in record.provenance.all()]

    def withheld_entry_ids(self, record: CatalogueRecord) -> set[int]:
        """The entries whose owner this viewer may not read: the desk screen keeps them as stored."""
        return {entry.pk for entry in record.provenance.all() if self.withholds(entry)}
