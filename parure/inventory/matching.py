"""Inventory's side of matching pieces to clients' wants (the rule is the client book's,
``parure.clients.matching``): a piece described as matching reads it, the pieces in custody that
meet a client's wants, and the clients a piece may interest.

Registered with the client book from ``hooks.register`` so a client's page lists the pieces in
stock meeting their wants; a piece's page asks ``clients.queries.clients_wanting`` with the viewer.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from parure.clients.choices import Stone as StoneKey
from parure.clients.matching import PieceDescription, PieceOffer, Suggestion, WantCriteria, want_meets_piece
from parure.clients.normalise import fold
from parure.clients.queries import clients_wanting
from parure.core.models import Staff
from parure.core.money import Money
from parure.inventory.choices import TERMINAL_STATUSES
from parure.inventory.models import Item, Stone

# Most a client's page lists; the newest pieces first.
OFFERS_SHOWN = 50
_STONE_KEYS = frozenset(StoneKey.values)


def stone_key(species: str) -> str:
    """A stone's species as the client book's stone key ("Sapphire" → "sapphire"; "" if not one)."""
    key = "_".join(fold(species).split())
    return key if key in _STONE_KEYS else ""


def describe(item: Item) -> PieceDescription:
    """What matching knows of a piece: its category, stones and low estimate (in its currency).

    Inventory records no maker, period, colour or ring size yet, so a want that states one of
    those is not met by any piece until the catalogue record adds them.
    """
    stones = frozenset(key for key in (stone_key(stone.species) for stone in item.stones.all()) if key)
    prices = (Money.of(item.estimate_low, item.currency),) if item.estimate_low is not None else ()
    return PieceDescription(category=item.category, stones=stones, prices=prices, stock_number=item.stock_number)


def _could_meet(want: WantCriteria) -> Q | None:
    """A superset, in SQL, of the pieces ``want`` may meet (None: no piece can meet it)."""
    if want.makers or want.periods or want.colours:
        return None  # pieces carry none of these yet
    condition = Q()
    if want.categories:
        condition &= Q(category__in=sorted(want.categories))
    if want.has_price:
        condition &= Q(currency=want.currency, estimate_low__isnull=False)
        if want.price_min is not None:
            condition &= Q(estimate_low__gte=want.price_min)
        if want.price_max is not None:
            condition &= Q(estimate_low__lte=want.price_max)
    if want.stones:
        named = Q(pk__in=[])
        for key in sorted(want.stones):
            named |= Q(species__icontains=key.replace("_", " "))
        condition &= Q(Exists(Stone.objects.filter(named, item=OuterRef("pk"))))
    if want.ring_size_mm is not None:
        condition &= ~Q(category="ring")  # rings carry no size yet
    return condition


def pieces_meeting(criteria: list[WantCriteria]) -> list[PieceOffer]:
    """Pieces in our custody meeting any of these wants, newest first — two queries."""
    conditions = [condition for condition in map(_could_meet, criteria) if condition is not None]
    if not conditions:
        return []
    wanted = Q()  # a want that states nothing the pieces record could be met by any piece
    if all(conditions):
        wanted = conditions[0]
        for condition in conditions[1:]:
            wanted |= condition
    rows = (
        Item.objects.exclude(status__in=sorted(TERMINAL_STATUSES))
        .filter(wanted)
        .only("stock_number", "title", "category", "currency", "estimate_low")
        .prefetch_related("stones")
        .order_by("-pk")[: OFFERS_SHOWN * 4]
    )
    offers = []
    for item in rows:
        piece = describe(item)
        if any(want_meets_piece(want, piece) for want in criteria):
            offers.append(
                PieceOffer(
                    stock_number=item.stock_number,
                    title=item.title,
                    url=reverse("inventory:item", args=[item.stock_number]),
                )
            )
        if len(offers) == OFFERS_SHOWN:
            break
    return offers


def clients_for_piece(item: Item, *, viewer: Staff) -> list[Suggestion]:
    """The clients whose active wants the piece meets, as the client book lets ``viewer`` see them
    (a confidential file by its number; none at all for a role without the client book)."""
    if item.is_terminal or not viewer.has_perm("clients.view_client"):
        return []
    return clients_wanting(describe(item), user=viewer, limit=20)
