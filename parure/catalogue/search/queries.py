"""The catalogue's search: words and facets in, one page of hits and every facet's counts out.

:func:`search` answers the search page, the API and the global search box. It issues the same
queries whatever the number of documents or hits: one for the page of hits, one for their total
and one per facet.

Facets count the way shops and catalogues do: a facet's counts apply every other facet's
selection but not its own, so ticking "sapphire" still shows how many rubies there are, and
choosing several values of one facet widens (sapphire or ruby) while choosing values of two
facets narrows (sapphire, by Cartier).

Every role that may search reads every document: a document holds only what every member of
staff may read (estimates are printed; no valuation, no confidential owner is indexed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from parure.catalogue.choices import SearchStatus
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import SearchDocument
from parure.catalogue.search.backends import ANYWHERE, DETAILS, HEADING, backend
from parure.catalogue.search.bands import band_named
from parure.catalogue.search.document import period_label
from parure.catalogue.search.text import question
from parure.inventory.choices import ItemCategory

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_TEXT = 200
MAX_WORDS = 12
MAX_VALUES = 50
MAX_VALUE = 120

# The facets in the order pages show them: key → (label, the document column it groups).
FACETS: dict[str, tuple[str, str]] = {
    "category": ("Category", "category"),
    "stone": ("Principal stone", "stone"),
    "maker": ("Maker", "maker"),
    "period": ("Period", "period"),
    "price_band": ("Price band", "price_band"),
    "office": ("Office", "office__code"),
    "status": ("Status", "status"),
}
_STATUS_ORDER = {value: index for index, value in enumerate(SearchStatus.values)}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class Hit:
    """One piece found, with what a result row shows."""

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
    office_code: str
    office_name: str
    status: str
    status_label: str
    # 0: every word in the heading; 1: in the heading and details; 2: anywhere; None without words.
    tier: int | None


@dataclass(frozen=True)
class SearchResults:
    text: str
    selected: dict[str, tuple[str, ...]]
    hits: tuple[Hit, ...]
    total: int
    page: int
    page_size: int
    facets: tuple[Facet, ...] = field(default=())

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    def facet(self, key: str) -> Facet:
        return next(facet for facet in self.facets if facet.key == key)


def _refuse(message: str, field: str, code: CatalogueErrorCode = CatalogueErrorCode.INVALID) -> CatalogueError:
    return CatalogueError(message, field=field, code=code)


def _checked_facets(facets: Mapping[str, Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
    chosen: dict[str, tuple[str, ...]] = {}
    for key, values in (facets or {}).items():
        if key not in FACETS:
            raise _refuse(f"‘{key}’ is not a search facet; the facets are {', '.join(FACETS)}.", key)
        kept = tuple(dict.fromkeys(value.strip() for value in values if value.strip()))
        if len(kept) > MAX_VALUES:
            raise _refuse(f"Choose at most {MAX_VALUES} values of {FACETS[key][0].lower()}.", key)
        for value in kept:
            if len(value) > MAX_VALUE:
                raise _refuse(
                    f"A {FACETS[key][0].lower()} is at most {MAX_VALUE} characters.", key, CatalogueErrorCode.TOO_LONG
                )
        if kept:
            chosen[key] = kept
    return chosen


def _category_label(value: str) -> str:
    return str(ItemCategory(value).label) if value in ItemCategory.values else value


def _status_label(value: str) -> str:
    return str(SearchStatus(value).label) if value in SearchStatus.values else value


def _band_label(key: str) -> str:
    band = band_named(key)
    return band.label if band is not None else key


def _label(key: str, value: str, office_name: str = "") -> str:
    if key == "category":
        return _category_label(value)
    if key == "stone":
        return value.capitalize()
    if key == "period":
        return period_label(value)
    if key == "price_band":
        return _band_label(value)
    if key == "status":
        return _status_label(value)
    if key == "office":
        return office_name or value
    return value


def _sort_key(key: str, value: FacetValue) -> tuple[Any, ...]:
    if key == "status":
        return (_STATUS_ORDER.get(value.value, len(_STATUS_ORDER)), value.value)
    if key == "price_band":
        band = band_named(value.value)
        return (band.order if band is not None else ("~", 0), value.value)
    return (-value.count, value.label.casefold(), value.value)


def _facet_filter(key: str, values: tuple[str, ...]) -> Q:
    return Q(**{f"{FACETS[key][1]}__in": values})


def search(
    *,
    viewer: Any,
    text: str = "",
    facets: Mapping[str, Sequence[str]] | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> SearchResults:
    """The pieces whose documents hold every word of ``text`` and meet every facet chosen,
    ranked (see :mod:`parure.catalogue.search.backends`), one page of them, and the facet counts."""
    if not viewer.has_perm("catalogue.search"):
        raise CatalogueError("Your role may not search the catalogue.", code=CatalogueErrorCode.NOT_ALLOWED)
    if len(text) > MAX_TEXT:
        raise _refuse(f"Search for at most {MAX_TEXT} characters.", "q", CatalogueErrorCode.TOO_LONG)
    words = question(text)
    if len(words) > MAX_WORDS:
        raise _refuse(f"Search for at most {MAX_WORDS} words at a time.", "q")
    if page < 1:
        raise _refuse("The page is a whole number from 1.", "page")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise _refuse(f"Show from 1 to {MAX_PAGE_SIZE} pieces a page.", "page_size")
    selected = _checked_facets(facets)
    engine = backend()

    matching: QuerySet[SearchDocument] = SearchDocument.objects.all()
    if words:
        matching = matching.filter(engine.matches(words))

    def narrowed(leave_out: str = "") -> QuerySet[SearchDocument]:
        rows = matching
        for key, values in selected.items():
            if key != leave_out:
                rows = rows.filter(_facet_filter(key, values))
        return rows

    found = narrowed()
    ordering: list[str] = ["stock_number"]
    if words:
        found = found.annotate(
            tier=Case(
                When(engine.matches(words, HEADING), then=Value(0)),
                When(engine.matches(words, DETAILS), then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        ordering = ["tier", "stock_number"]
    start = (page - 1) * page_size
    rows = list(found.select_related("office").only(*_HIT_COLUMNS).order_by(*ordering)[start : start + page_size])
    total = found.count()
    counted = tuple(_facet(key, narrowed(leave_out=key), selected.get(key, ())) for key in FACETS)
    return SearchResults(
        text=text,
        selected=selected,
        hits=tuple(_hit(row, tier=getattr(row, "tier", None)) for row in rows),
        total=total,
        page=page,
        page_size=page_size,
        facets=counted,
    )


_HIT_COLUMNS = (
    "stock_number",
    "title",
    "category",
    "stone",
    "maker",
    "period",
    "price_band",
    "status",
    "office__code",
    "office__name",
)


def _hit(row: SearchDocument, *, tier: int | None) -> Hit:
    return Hit(
        stock_number=row.stock_number,
        title=row.title,
        category=row.category,
        category_label=_category_label(row.category),
        stone=row.stone,
        maker=row.maker,
        period=row.period,
        period_label=period_label(row.period) if row.period else "",
        price_band=row.price_band,
        price_band_label=_band_label(row.price_band) if row.price_band else "",
        office_code=row.office.code,
        office_name=row.office.name,
        status=row.status,
        status_label=_status_label(row.status),
        tier=tier,
    )


def _facet(key: str, rows: QuerySet[SearchDocument], chosen: tuple[str, ...]) -> Facet:
    column = FACETS[key][1]
    if key == "office":
        grouped = rows.values("office__code", "office__name").annotate(n=Count("pk")).order_by()
        values = [
            FacetValue(row["office__code"], row["office__name"], row["n"], row["office__code"] in chosen)
            for row in grouped
        ]
    else:
        grouped = rows.exclude(**{column: ""}).values(column).annotate(n=Count("pk")).order_by()
        values = [FacetValue(row[column], _label(key, row[column]), row["n"], row[column] in chosen) for row in grouped]
    present = {value.value for value in values}
    values += [FacetValue(value, _label(key, value), 0, True) for value in chosen if value not in present]
    return Facet(key, FACETS[key][0], tuple(sorted(values, key=lambda value: _sort_key(key, value))))


__all__ = ["ANYWHERE", "FACETS", "Facet", "FacetValue", "Hit", "SearchResults", "search"]
