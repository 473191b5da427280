"""A sale clerked through the clerking services, for the results' tests: five lots in New York —

1. a sapphire and diamond ring (8,000–12,000, reserve 6,000) sold on the book to Julian at 9,000 against
   Ada in the room (within the estimate);
2. an emerald brooch (8,000–12,000, reserve 6,000) bought in at 4,500 for the seller;
3. a pearl necklace (5,000–7,000, reserve 4,000) sold to Ada in the room at 7,500 (above the estimate);
4. a ruby bracelet withdrawn on the day;
5. a diamond rivière (8,000–12,000, reserve 5,000) sold to Ada at 7,000 (below the estimate).

Premium is the house's 27%: 2,430 + 2,025 + 1,890 = 6,345 on a hammer of 23,500."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parure.auctions.models import AbsenteeBid, Lot, Registration, Sale
from parure.auctions.services import clerking
from tests.auctions import world

WITHDRAWN_REASON = "The consignor withdrew it this morning."


@dataclass
class Day:
    sale: Sale
    lots: list[Lot]
    julian: Registration
    ada: Registration
    julian_bid: AbsenteeBid


def clerked(cast: Any, *, code: str = "NY-J-2703", close: bool = True) -> Day:
    senior, clerk = cast.senior, cast.assistant
    sale = world.sale(senior, code=code)
    ring = world.lot(sale, senior, heading="A sapphire and diamond ring")
    brooch = world.lot(sale, senior, heading="An emerald brooch")
    necklace = world.lot(sale, senior, heading="A pearl necklace", low="5000", high="7000", reserve="4000")
    bracelet = world.lot(sale, senior, heading="A ruby bracelet")
    riviere = world.lot(sale, senior, heading="A diamond rivière", reserve="5000")
    julian = world.bidder(sale)
    ada = world.bidder(sale, name="Mrs Ada Lindqvist")
    julian_bid = world.absentee(ring, julian, "9000")
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
    return Day(sale=sale, lots=[ring, brooch, necklace, bracelet, riviere], julian=julian, ada=ada, julian_bid=julian_bid)


def close_sale(sale: Sale) -> Sale:
    """The sale after its day (the sales area moves a sale forward; here only its status matters)."""
    Sale.objects.filter(pk=sale.pk).update(status="closed")
    sale.refresh_from_db()
    return sale
