"""Matching pieces to clients' wants: one rule, written twice — as a pure function and as a query.

A want meets a piece when every criterion the want states holds (an empty criterion means "any"):

- category: the piece's category is one of the want's categories;
- stones / colours: the piece has at least one of the want's stones / colours;
- maker / period: the piece's maker / period is one of the want's;
- price: the piece is priced in the want's currency and that price is within the want's range
  (no exchange rate is invented; the caller passes the piece's price in every currency it has);
- ring size: for a ring only, the piece's size is within ``RING_SIZE_TOLERANCE_MM`` of the want's
  (a ring without a recorded size does not meet a want that states one).

``want_meets_piece`` is the specification; ``wants_matching`` is the same rule as SQL for the
whole book, and the hypothesis tests hold the two to each other. The inventory app describes a
piece with :class:`PieceDescription` and calls ``parure.clients.queries.clients_wanting``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from parure.clients.choices import Category
from parure.core.money import Money

# Half a US size either way: most rings can be sized that much.
RING_SIZE_TOLERANCE_MM = Decimal("1.3")


@dataclass(frozen=True)
class PieceDescription:
    """What matching needs to know of a piece (inventory builds one from an item)."""

    category: str
    stones: frozenset[str] = frozenset()
    colours: frozenset[str] = frozenset()
    maker: str = ""  # a maker key, see normalise.maker_key
    period: str = ""  # a period key, see choices.Period
    prices: tuple[Money, ...] = ()  # e.g. the low estimate, in each currency it is known in
    ring_size_mm: Decimal | None = None  # inner circumference
    stock_number: str = ""

    def price_in(self, currency: str) -> Decimal | None:
        for price in self.prices:
            if price.currency == currency:
                return price.amount
        return None


@dataclass(frozen=True)
class WantCriteria:
    """A want's criteria, independent of the database row."""

    categories: frozenset[str] = frozenset()
    stones: frozenset[str] = frozenset()
    colours: frozenset[str] = frozenset()
    makers: frozenset[str] = frozenset()
    periods: frozenset[str] = frozenset()
    currency: str = ""
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    ring_size_mm: Decimal | None = None

    @classmethod
    def of(cls, want: Any) -> WantCriteria:
        return cls(
            categories=frozenset(want.categories),
            stones=frozenset(want.stones),
            colours=frozenset(want.colours),
            makers=frozenset(want.makers),
            periods=frozenset(want.periods),
            currency=want.currency or "",
            price_min=want.price_min,
            price_max=want.price_max,
            ring_size_mm=want.ring_size_mm,
        )

    @property
    def has_price(self) -> bool:
        return self.price_min is not None or self.price_max is not None


def want_meets_piece(want: WantCriteria, piece: PieceDescription) -> bool:
    """True when ``piece`` meets every criterion ``want`` states."""
    if want.categories and piece.category not in want.categories:
        return False
    if want.stones and not (want.stones & piece.stones):
        return False
    if want.colours and not (want.colours & piece.colours):
        return False
    if want.makers and piece.maker not in want.makers:
        return False
    if want.periods and piece.period not in want.periods:
        return False
    if want.has_price:
        price = piece.price_in(want.currency)
        if price is None:
            return False
        if want.price_min is not None and price < want.price_min:
            return False
        if want.price_max is not None and price > want.price_max:
            return False
    if want.ring_size_mm is not None and piece.category == Category.RING:
        if piece.ring_size_mm is None:
            return False
        if abs(piece.ring_size_mm - want.ring_size_mm) > RING_SIZE_TOLERANCE_MM:
            return False
    return True


def _list_criterion(column: str, values: Iterable[str]) -> Q:
    """The want states nothing for ``column``, or lists one of ``values``."""
    condition = Q(**{column: ""})
    for value in sorted({v for v in values if v}):
        condition |= Q(**{f"{column}__contains": f"|{value}|"})
    return condition


def wants_matching(piece: PieceDescription) -> Q:
    """The SQL twin of :func:`want_meets_piece`, for ``Want.objects.filter(...)``."""
    condition = Q(is_active=True)
    condition &= _list_criterion("categories", [piece.category])
    condition &= _list_criterion("stones", piece.stones)
    condition &= _list_criterion("colours", piece.colours)
    condition &= _list_criterion("makers", [piece.maker])
    condition &= _list_criterion("periods", [piece.period])
    price = Q(price_min__isnull=True, price_max__isnull=True)
    for money in piece.prices:
        price |= (
            Q(currency=money.currency)
            & (Q(price_min__isnull=True) | Q(price_min__lte=money.amount))
            & (Q(price_max__isnull=True) | Q(price_max__gte=money.amount))
        )
    condition &= price
    if piece.category == Category.RING:
        ring = Q(ring_size_mm__isnull=True)
        if piece.ring_size_mm is not None:
            ring |= Q(
                ring_size_mm__gte=piece.ring_size_mm - RING_SIZE_TOLERANCE_MM,
                ring_size_mm__lte=piece.ring_size_mm + RING_SIZE_TOLERANCE_MM,
            )
        condition &= ring
    return condition


@dataclass(frozen=True)
class Suggestion:
    """A client a piece may interest, with the wants it meets (for the piece's page)."""

    client_id: int
    client_number: str
    label: str
    want_ids: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class PieceOffer:
    """A piece in stock that meets a client's want, as the inventory app reports it."""

    stock_number: str
    title: str
    url: str = ""


# Where current pieces come from: the inventory app registers a function that, given wants'
# criteria, returns the pieces in stock meeting any of them (it owns the items' tables).
PieceSource = Callable[[list[WantCriteria]], list[PieceOffer]]
_piece_sources: list[PieceSource] = []


def register_piece_source(source: PieceSource) -> None:
    """Called from inventory's ``AppConfig.ready``; a client's page then lists matching pieces."""
    if source not in _piece_sources:
        _piece_sources.append(source)


def piece_sources() -> list[PieceSource]:
    return list(_piece_sources)
