"""The catalogue's part of the shared layout for search: its answers to the global search box and
the demonstration's index (built after every other catalogue demo, order 45)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.urls import reverse

from parure.catalogue.errors import CatalogueError
from parure.core import registry
from parure.core.policy import acting_staff

GLOBAL_HITS = 10


def global_search(request: HttpRequest, query: str) -> list[registry.SearchHit]:
    """The first catalogued pieces matching the global search box, best first."""
    from parure.catalogue.search.queries import search

    try:
        results = search(viewer=acting_staff(request), text=query, page_size=GLOBAL_HITS)
    except CatalogueError as refusal:
        # Said where the catalogue's hits would be, rather than leaving the person guessing.
        return [registry.SearchHit(title=refusal.message, url=reverse("catalogue:search"))]
    hits = [
        registry.SearchHit(
            title=f"{hit.stock_number} · {hit.title}",
            subtitle=" · ".join(
                part for part in (hit.maker, hit.period_label, hit.office_name, hit.status_label) if part
            ),
            url=reverse("catalogue:record", args=[hit.stock_number]),
        )
        for hit in results.hits
    ]
    if results.total > len(hits):
        more = results.total - len(hits)
        hits.append(
            registry.SearchHit(
                title=f"{more} more in the catalogue search",
                url=reverse("catalogue:search"),
                subtitle="Search there with facets to narrow them.",
            )
        )
    return hits


def build_demo_index(say: Callable[[str], None]) -> None:
    from parure.catalogue.services.search import rebuild_index

    written = rebuild_index()
    say(f"  catalogue search: {written:,} pieces indexed")


def register() -> None:
    registry.register_search(
        registry.SearchProvider("catalogue", "Catalogue", "catalogue.search", global_search, order=15)
    )
    registry.register_demo(registry.DemoBuilder("catalogue.search", build_demo_index, order=45))
