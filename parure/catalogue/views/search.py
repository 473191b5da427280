"""The catalogue's search page: words, facets as checkboxes with their counts, a page of pieces."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from parure.catalogue import search as catalogue_search
from parure.catalogue.errors import CatalogueError
from parure.core import policy
from parure.core.policy import acting_staff


def facets_chosen(data: QueryDict) -> dict[str, list[str]]:
    """The facet values ticked on the page (``?stone=sapphire&stone=emerald``); other keys are ignored."""
    return {key: data.getlist(key) for key in catalogue_search.FACETS if data.getlist(key)}


def page_number(data: QueryDict) -> int:
    text = data.get("page", "1")
    return int(text) if text.isdigit() and 0 < len(text) < 7 and int(text) > 0 else 1


@policy.requires("catalogue.search")
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """Every catalogued piece matching the words and the ticked facets, with each facet's counts."""
    text = request.GET.get("q", "")
    refusal: CatalogueError | None = None
    try:
        results = catalogue_search.search(
            viewer=acting_staff(request),
            text=text,
            facets=facets_chosen(request.GET),
            page=page_number(request.GET),
        )
    except CatalogueError as refused:
        refusal = refused
        results = catalogue_search.search(viewer=acting_staff(request))
    template = "catalogue/partials/search_results.html" if request.htmx else "catalogue/search.html"  # type: ignore[attr-defined]
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        template,
        {
            "results": results,
            "text": text,
            "refusal": refusal,
            # A refusal not about the words or a facet (shown beside them) is shown above the rows.
            "refusal_elsewhere": refusal is not None and refusal.field not in ("q", *catalogue_search.FACETS),
            "query_without_page": keep.urlencode(),
        },
        status=422 if refusal is not None else 200,
    )


urlpatterns: list[URLPattern] = [
    path("search/", search_page, name="search"),
]
