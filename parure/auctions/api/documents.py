"""The auctioneer's book as JSON, for the roles that read reserves and maxima."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema

from parure.auctions import documents, queries
from parure.auctions.visibility import AuctionViewer
from parure.core.api import requires

router = Router()


class BookBidOut(Schema):
    rank: int
    paddle: str
    bidder: str
    maximum: Decimal | None
    given: Decimal | None
    received_at: datetime
    channel: str
    or_group: str
    leaves_note: str
    cover_line: str


class BookPhoneOut(Schema):
    line: str
    paddle: str
    bidder: str
    staff: str
    language: str


class BookLotOut(Schema):
    lot: str
    heading: str
    low_estimate: Decimal
    high_estimate: Decimal
    reserve: Decimal | None
    withdrawn: bool
    withdrawn_reason: str
    opening: str
    absentee_bids: list[BookBidOut]
    telephone_bids: list[BookPhoneOut]


class BookOut(Schema):
    sale: str
    currency: str
    lots: list[BookLotOut]


@router.get("/sales/{code}/book", response=BookOut, operation_id="auctions_book")
@requires("auctions.view_auctioneers_book")
def auctioneers_book(request: HttpRequest, code: str) -> BookOut:
    """Per lot in order: the reserve, the absentee bids in execution order, the telephone lines and the
    engine's opening."""
    sale = queries.sale_by_code(code)
    book = documents.auctioneers_book(sale, AuctionViewer(request.user))
    return BookOut(
        sale=sale.code,
        currency=sale.currency,
        lots=[
            BookLotOut(
                lot=row.label,
                heading=row.heading,
                low_estimate=row.low,
                high_estimate=row.high,
                reserve=row.reserve,
                withdrawn=row.withdrawn,
                withdrawn_reason=row.withdrawn_reason,
                opening=row.opening,
                absentee_bids=[
                    BookBidOut(
                        rank=bid.rank,
                        paddle=bid.paddle,
                        bidder=bid.bidder,
                        maximum=bid.maximum,
                        given=bid.given,
                        received_at=bid.received_at,
                        channel=bid.channel,
                        or_group=bid.or_group,
                        leaves_note=bid.leaves_note,
                        cover_line=bid.cover_line,
                    )
                    for bid in row.bids
                ],
                telephone_bids=[
                    BookPhoneOut(
                        line=phone.line,
                        paddle=phone.paddle,
                        bidder=phone.bidder,
                        staff=phone.staff,
                        language=phone.language,
                    )
                    for phone in row.phones
                ],
            )
            for row in book
        ],
    )
