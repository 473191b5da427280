"""The search document of a piece: one row per catalogued piece, rebuilt from its record and copy
by :mod:`parure.catalogue.services.search` after every change, never edited by hand.

The facet columns are plain values the facets group by. The text is kept as three columns of
folded terms (see :mod:`parure.catalogue.search.text`), weighted for ranking: ``heading_terms``
(stock number, title, copy heading, object), ``detail_terms`` (stones, metals, makers, period,
signature, numbers and marks) and ``body_terms`` (design, copy description, public provenance,
literature and exhibitions). A confidential owner is never written here, so no role can find
a piece by one.

Each database indexes the terms its own way (:mod:`parure.catalogue.search.backends`):

* PostgreSQL: ``search_vector``, a ``tsvector`` built from the same terms with their positions
  and weights, under a GIN index the migration creates on PostgreSQL only;
* SQLite: the FTS5 table ``catalogue_search_fts`` over the three term columns (external
  content, kept in step by triggers), created by the migration on SQLite only. There the
  ``search_vector`` column stays empty.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from parure.catalogue.choices import SearchStatus
from parure.catalogue.models.records import CatalogueRecord
from parure.core.models import Office


class TermVectorField(models.Field[Any, Any]):
    """A ``tsvector`` on PostgreSQL (plain text, left empty, elsewhere).

    Not ``django.contrib.postgres``'s SearchVectorField: that needs the postgres app installed,
    which the SQLite installation has no use for, and the vector is only ever written by the
    PostgreSQL backend's own SQL.
    """

    description = "A PostgreSQL text-search vector"

    def db_type(self, connection: Any) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchDocument(models.Model):
    """What the search finds of one catalogued piece, and the facets it is counted under."""

    item = models.OneToOneField("inventory.Item", on_delete=models.CASCADE, related_name="search_document")
    record = models.OneToOneField(CatalogueRecord, on_delete=models.CASCADE, related_name="search_document")
    stock_number = models.CharField(max_length=20, unique=True, help_text="Breaks ranking ties, in this order.")
    title = models.CharField(max_length=300, help_text="The copy's heading, else the piece's title.")
    # --- Facets ---
    category = models.CharField(max_length=16)
    stone = models.CharField(max_length=60, blank=True, help_text="The principal stone, as copy names it.")
    maker = models.CharField(max_length=120, blank=True, help_text="The first name the piece is by or attributed to.")
    period = models.CharField(max_length=40, blank=True, help_text="A period key of the gemology library.")
    price_band = models.CharField(max_length=40, blank=True, help_text="A band of the low estimate (search.bands).")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=SearchStatus.choices, default=SearchStatus.RECORDED)
    # --- Text, as folded terms separated by spaces ---
    heading_terms = models.TextField(blank=True)
    detail_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    search_vector = TermVectorField(null=True, blank=True, editable=False, help_text="PostgreSQL only.")
    record_version = models.PositiveIntegerField(help_text="The record's version this document was built from.")
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["stock_number"]
        indexes = [
            models.Index(fields=["category"], name="catalogue_search_category"),
            models.Index(fields=["stone"], name="catalogue_search_stone"),
            models.Index(fields=["maker"], name="catalogue_search_maker"),
            models.Index(fields=["period"], name="catalogue_search_period"),
            models.Index(fields=["price_band"], name="catalogue_search_price_band"),
            models.Index(fields=["status"], name="catalogue_search_status"),
        ]

    def __str__(self) -> str:
        return f"Search document of {self.stock_number}"
