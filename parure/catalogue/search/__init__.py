"""The catalogue's full-text and faceted search, one interface over PostgreSQL and SQLite. What
lives where:

* ``text`` — folding text into terms, for documents and questions alike (why both databases
  agree);
* ``bands`` — the price bands of the facet, as data;
* ``document`` — what a piece's search document holds, read from its record and copy (and the
  seam through which copy is read);
* ``backends`` — PostgreSQL ``tsvector`` and SQLite FTS5 behind one interface, and the ranking;
* ``queries`` — :func:`search`: a page of hits and the facet counts;
* ``hooks`` — the global search box.

The documents are written by ``parure.catalogue.services.search``; the record and copy services
call :func:`reindex` after each change.
"""

from __future__ import annotations

from typing import Any

from parure.catalogue.search.queries import FACETS, Facet, FacetValue, Hit, SearchResults, search


def reindex(record_or_item: Any) -> None:
    """Bring the search document of this record (or piece) up to date once the current
    transaction commits (at once outside a transaction). For the record and copy services."""
    from parure.catalogue.services.search import reindex_after_commit

    reindex_after_commit(record_or_item)


__all__ = ["FACETS", "Facet", "FacetValue", "Hit", "SearchResults", "reindex", "search"]
