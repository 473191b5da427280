"""``GET /api/v1/catalogue/search``: the catalogue's search, as the search page asks it.

Facets are repeated query parameters (``?stone=sapphire&stone=emerald&maker=Cartier``): values of
one facet widen, facets narrow. The answer holds one page of hits, their total, and every facet's
values with their counts (each facet counted with the others' choices applied, not its own).
"""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from parure.catalogue import search as catalogue_search
from parure.catalogue.choices import SearchStatus
from parure.catalogue.search.queries import MAX_PAGE_SIZE, MAX_TEXT, MAX_VALUE, MAX_VALUES, PAGE_SIZE
from parure.core.api import requires
from parure.core.policy import acting_staff
from parure.inventory.choices import ItemCategory

router = Router()  # tagged "catalogue" by the router it is mounted on

FacetText = Annotated[str, Field(max_length=MAX_VALUE)]
Values = Annotated[list[FacetText], Field(max_length=MAX_VALUES)]


class SearchQuery(Schema):
    q: str = Field("", max_length=MAX_TEXT, description="Words; the last is a prefix unless followed by a space.")
    category: Annotated[list[ItemCategory], Field(max_length=MAX_VALUES)] = []
    stone: Values = []
    maker: Values = []
    period: Values = Field([], description="Period keys of the gemology library, e.g. art-deco.")
    price_band: Values = Field([], description="Band keys, e.g. USD:5000-20000 (see the facet's values).")
    office: Annotated[list[Annotated[str, Field(max_length=2)]], Field(max_length=MAX_VALUES)] = []
    status: Annotated[list[SearchStatus], Field(max_length=MAX_VALUES)] = []
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class HitOut(Schema):
    stock_number: str
    title: str
    category: str
    category_label: str
    stone: str
    maker: str
    period: str
    period_label: str
    price_band: str
    price_band_label: str
    office: str
    office_name: str
    status: str
    status_label: str
    tier: int | None = Field(
        description="0: every word in the heading; 1: in the heading and details; 2: anywhere; null without words."
    )


_HIT_FIELDS = [name for name in HitOut.model_fields if name != "office"]


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    key: str
    label: str
    values: list[FacetValueOut]


class SearchOut(Schema):
    q: str
    total: int
    page: int
    page_size: int
    pages: int
    hits: list[HitOut]
    facets: list[FacetOut]


@router.get("", response=SearchOut, summary="Search catalogued pieces by words and facets")
@requires("catalogue.search")
def search_pieces(request: HttpRequest, filters: Query[SearchQuery]) -> dict[str, Any]:
    chosen = {
        key: [str(value) for value in getattr(filters, key)] for key in catalogue_search.FACETS if getattr(filters, key)
    }
    results = catalogue_search.search(
        viewer=acting_staff(request), text=filters.q, facets=chosen, page=filters.page, page_size=filters.page_size
    )
    return {
        "q": results.text,
        "total": results.total,
        "page": results.page,
        "page_size": results.page_size,
        "pages": results.pages,
        "hits": [
            {
                **{name: getattr(hit, name) for name in HitOut.model_fields if name != "office"},
                "office": hit.office_code,
            }
            for hit in results.hits
        ],
        "facets": [
            {
                "key": facet.key,
                "label": facet.label,
                "values": [vars(value) for value in facet.values],
            }
            for facet in results.facets
        ],
    }
