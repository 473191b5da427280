"""A sale clerked through the clerking services, for the results' tests: five lots in New York —

1. a sapphire and diamond ring (8,000–12,000, reserve 6,000) sold on the book to Julian at 9,000 against
   Ada in the room (within the estimate);
2. an emerald brooch (8,000–12,000, reserve 6,000) bought in at 4,500 for the seller;
3. a pearl necklace (5,000–7,000, reserve 4,000) sold to Ada in the room at 7,500 (above the estimate);
4. a ruby bracelet withdrawn on the day;
5. a diamond rivière (8,000–12,000, reserve 5,000) sold to Ada at 7,000 (below the estimate), over
   Tobias's absentee bid of 6,500.

Julian's bid on lot 1 is an OR bid with one on lot 3 (group "pair"), which left the book once he won lot 1.

Premium is the house's 27%: 2,430 + 2,025 + 1,890 = 6,345 on a hammer of 23,500."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission
from django.db import transaction

from parure.auctions.models import AbsenteeBid, Lot, Registration, Sale
from parure.auctions.services import clerking
from tests.auctions import world
from tests.inventory import world as inventory_world

WITHDRAWN_REASON = "The consignor withdrew it this morning."


@contextmanager
def once(django_db_blocker: Any) -> Iterator[Any]:
    """The cast (with Sofia, an assistant, granted the sight of reserves and maxima) and the offices' places,
    built once for a test module inside a transaction rolled back after it; each test runs in a savepoint
    inside it (pytest-django's ``db``), so what one test writes is gone before the next."""
    from parure.core.demo import build_offices_and_staff
    from parure.core.models import Staff
    from tests.conftest import Cast

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            build_offices_and_staff(lambda line: None)
            cast = Cast({person.username: person for person in Staff.objects.all()})
            cast["sofia"].user_permissions.add(
                Permission.objects.get(codename="view_reserves", content_type__app_label="core")
            )
            inventory_world.build_all_places(cast)
            yield cast
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


#: The people the confidentiality tests walk: each role, and an assistant granted the sight of reserves.
PEOPLE = ("assistant", "granted_assistant", "senior", "finance", "logistics", "auditor", "administrator")
SEES_RESERVES = {"granted_assistant", "senior", "auditor"}


def person(cast: Any, who: str) -> Any:
    return cast["sofia"] if who == "granted_assistant" else getattr(cast, who)


@dataclass
class Day:
    cast: Any
    sale: Sale
    lots: list[Lot]
    julian: Registration
    ada: Registration
    tobias: Registration
    julian_bid: AbsenteeBid
    julian_or_bid: AbsenteeBid
    tobias_bid: AbsenteeBid


def clerked(cast: Any, *, code: str = "NY-J-2703", close: bool = True) -> Day:
    senior, clerk = cast.senior, cast.assistant
    sale = world.sale(senior, code=code)
    ring = world.lot(sale, senior, heading="A sapphire and diamond ring")
    brooch = world.lot(sale, senior, heading="An emerald brooch")
    pearls = inventory_world.take_in(
        senior,
        inventory_world.consignor("Mrs Adela Moreno"),
        inventory_world.piece("Pearl necklace", category="necklace", maker="Mikimoto"),
    )
    necklace = world.lot(
        sale, senior, items=pearls, heading="A pearl necklace", low="5000", high="7000", reserve="4000"
    )
    bracelet = world.lot(sale, senior, heading="A ruby bracelet")
    riviere = world.lot(sale, senior, heading="A diamond rivière", reserve="5000")
    julian = world.bidder(sale)
    ada = world.bidder(sale, name="Mrs Ada Lindqvist")
    tobias = world.bidder(sale, name="Mr Tobias Wren")
    julian_bid = world.absentee(ring, julian, "9000", or_group="pair")
    julian_or_bid = world.absentee(necklace, julian, "5000", or_group="pair")  # leaves the book once lot 1 is his
    tobias_bid = world.absentee(riviere, tobias, "6500")  # under Ada's 7,000 in the room
    world.live(sale)
    clerking.clerk_open(lot=ring, by=clerk)
    for _ in range(3):
        clerking.clerk_bid(lot=ring, source="room", paddle=ada.paddle, by=clerk)
    clerking.clerk_hammer(lot=ring, by=clerk)
    clerking.clerk_open(lot=brooch, by=clerk)
    clerking.clerk_bid(lot=brooch, source="room", paddle=ada.paddle, by=clerk)
    clerking.clerk_no_bid(lot=brooch, by=clerk)
    clerking.clerk_no_bid(lot=brooch, by=clerk)
    clerking.clerk_hammer(lot=brooch, by=clerk)
    clerking.clerk_open(lot=necklace, by=clerk)
    clerking.clerk_bid(lot=necklace, source="room", paddle=ada.paddle, amount="7500", by=clerk)
    clerking.clerk_hammer(lot=necklace, by=clerk)
    clerking.clerk_withdraw(lot=bracelet, by=clerk, reason=WITHDRAWN_REASON)
    clerking.clerk_open(lot=riviere, by=clerk)
    clerking.clerk_bid(lot=riviere, source="room", paddle=ada.paddle, amount="7000", by=clerk)
    clerking.clerk_hammer(lot=riviere, by=clerk)
    if close:
        close_sale(sale)
    return Day(
        cast=cast,
        sale=sale,
        lots=[ring, brooch, necklace, bracelet, riviere],
        julian=julian,
        ada=ada,
        tobias=tobias,
        julian_bid=julian_bid,
        julian_or_bid=julian_or_bid,
        tobias_bid=tobias_bid,
    )


def close_sale(sale: Sale) -> Sale:
    """The sale after its day, closed through the sales service."""
    return world.close(sale)
