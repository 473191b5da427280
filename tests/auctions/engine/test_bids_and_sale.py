"""The absentee book's entry rules (rounding, "buy" bids, the half-low-estimate flag), lot terms,
and OR bids across the lots of a sale."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import pytest

from parure.auctions.engine import (
    STANDARD,
    AbsenteeBid,
    AmountError,
    BidError,
    Holder,
    LiveBid,
    Lot,
    LotError,
    LotRun,
    Outcome,
    SaleBook,
    Source,
    below_half_low_estimate,
    execution_order,
    format_amount,
    round_maximum,
    run_sale,
)

from .helpers import OPENED, absentee, at, lot, received, room

D = Decimal


def test_a_maximum_between_steps_is_rounded_down_and_the_bidder_is_told() -> None:
    rounding = round_maximum("5,250", STANDARD, paddle="12")
    assert (rounding.given, rounding.accepted, rounding.rounded) == (D(5250), D(5000), True)
    assert (
        rounding.message
        == "Your maximum of 5,250 falls between the auctioneer's steps; it is accepted as 5,000, the step below."
    )
    exact = round_maximum(D(4800), STANDARD)
    assert (exact.rounded, exact.message) == (
        False,
        "Your maximum of 4,800 is on the bidding ladder and is accepted as given.",
    )


@pytest.mark.parametrize("words", ["buy", "BUY", "Unlimited", "no limit", "+1", None])
def test_buy_and_unlimited_bids_are_refused(words: object) -> None:
    shown = "no amount" if words is None else repr(words)
    with pytest.raises(
        BidError,
        match=rf"^Paddle 12's absentee bid gives {re.escape(shown)} as its maximum: 'buy' or unlimited bids are not accepted; give a maximum hammer price in the sale's currency\.$",
    ):
        AbsenteeBid("12", words, received(1))  # type: ignore[arg-type]


def test_an_infinite_maximum_is_an_unlimited_bid() -> None:
    with pytest.raises(
        BidError, match=r"^Paddle 12's absentee bid is unlimited: give a maximum hammer price in the sale's currency\.$"
    ):
        AbsenteeBid("12", D("Infinity"), received(1))


def test_amounts_are_decimals_never_floats() -> None:
    with pytest.raises(
        AmountError,
        match=r"^Paddle 12's absentee bid's maximum was given as 5000\.0, a float; give a decimal amount such as '5000'\.$",
    ):
        AbsenteeBid("12", 5000.0, received(1))  # type: ignore[arg-type]
    with pytest.raises(
        AmountError,
        match=r"^Paddle 12's absentee bid's maximum 'five' is not an amount; give a decimal amount such as '5000'\.$",
    ):
        AbsenteeBid("12", "five", received(1))  # type: ignore[arg-type]
    with pytest.raises(
        AmountError, match=r"^Paddle 12's absentee bid's maximum -5 is not above zero; give a positive amount\.$"
    ):
        AbsenteeBid("12", D(-5), received(1))
    assert AbsenteeBid("12", "5000", received(1)).maximum == D(5000)  # type: ignore[arg-type]
    assert format_amount(D("1234567.5")) == "1,234,567.50"


def test_times_must_be_aware_and_phone_bids_need_their_line() -> None:
    with pytest.raises(
        BidError,
        match=r"^Paddle 12's absentee bid's received time must be a timezone-aware date and time; .* is not\.$",
    ):
        AbsenteeBid("12", D(100), datetime(2026, 12, 1, 9, 0))
    with pytest.raises(BidError, match=r"^Paddle 7's telephone bid needs the line it came on\.$"):
        LiveBid(Source.PHONE, "7", OPENED)
    with pytest.raises(
        BidError, match=r"^A live bid comes from the room, a phone line or online, not from the seller\.$"
    ):
        LiveBid(Source.SELLER, "7", OPENED)
    with pytest.raises(BidError, match=r"^A room bid needs a paddle \(bidder number\); none was given\.$"):
        LiveBid(Source.ROOM, " ", OPENED)


def test_a_bid_below_half_the_low_estimate_is_flagged() -> None:
    assert below_half_low_estimate(D(2400), D(5000))
    assert not below_half_low_estimate(D(2500), D(5000))


def test_lot_terms_that_contradict_each_other_are_refused() -> None:
    with pytest.raises(
        LotError,
        match=r"^Lot 12's reserve 6,000 is above its low estimate 5,000; a reserve may be at most the low estimate\.$",
    ):
        lot(5000, 7000, reserve=6000)
    with pytest.raises(
        LotError, match=r"^Lot 12's high estimate 4,000 is below its low estimate 5,000; give the range low to high\.$"
    ):
        lot(5000, 4000)
    with pytest.raises(
        AmountError, match=r"^The currency 'usd' is not an ISO 4217 code; give three capital letters such as 'USD'\.$"
    ):
        Lot("12", "usd", D(1), D(2))


def test_the_auctioneers_book_lists_absentee_bids_in_execution_order() -> None:
    book = [absentee("1", 4000, 1), absentee("2", 5250, 2), absentee("3", 5000, 3), absentee("4", 6000, 1)]
    assert [(bid.paddle, int(amount)) for bid, amount in execution_order(book, STANDARD)] == [
        ("4", 6000),
        ("3", 5000),  # 5,000 received three days before
        ("2", 5000),  # 5,250 rounded down, received two days before
        ("1", 4000),
    ]


# --- OR bids across lots ---------------------------------------------------------------------------


def _sale() -> tuple[list[LotRun], SaleBook]:
    lots = [lot(4000, 6000, number=str(n)) for n in (1, 2, 3)]
    book = SaleBook(
        {
            "1": [absentee("9", 5000, group="rings"), absentee("5", 3000)],
            "2": [absentee("9", 5000, group="rings"), absentee("6", 2500)],
            "3": [absentee("9", 5000, group="rings")],
        }
    )
    runs = [LotRun(lots[0], at(0)), LotRun(lots[1], at(2)), LotRun(lots[2], at(4), (room("20", 5),))]
    return runs, book


def test_once_an_or_bid_wins_the_rest_of_its_group_leaves_the_book() -> None:
    runs, book = _sale()
    results = run_sale(runs, book)
    assert [(r.lot, r.outcome, r.hammer, r.buyer) for r in results] == [
        ("1", Outcome.SOLD, D(3200), Holder(Source.BOOK, "9")),
        ("2", Outcome.SOLD, D(2000), Holder(Source.BOOK, "6")),  # paddle 9 has its ring
        ("3", Outcome.SOLD, D(2000), Holder(Source.ROOM, "20")),
    ]
    assert [bid.paddle for bid in book.left_the_book("2")] == ["9"]
    assert book.book_for("3") == ()


def test_an_or_bid_that_loses_stays_in_the_book_for_the_next_lot() -> None:
    lots = [lot(4000, 6000, number=str(n)) for n in (1, 2)]
    book = SaleBook({"1": [absentee("9", 3000, group="g"), absentee("5", 4000)], "2": [absentee("9", 3000, group="g")]})
    results = run_sale([LotRun(lots[0], at(0)), LotRun(lots[1], at(2))], book)
    assert [(r.buyer, r.hammer) for r in results] == [
        (Holder(Source.BOOK, "5"), D(3200)),
        (Holder(Source.BOOK, "9"), D(2000)),
    ]


def test_winning_a_lot_of_the_group_in_the_room_also_takes_the_group_out() -> None:
    lots = [lot(4000, 6000, number=str(n)) for n in (1, 2)]
    book = SaleBook({"1": [absentee("9", 2000, group="g"), absentee("5", 2500)], "2": [absentee("9", 5000, group="g")]})
    results = run_sale([LotRun(lots[0], at(0), (room("9", 1), room("9", 2))), LotRun(lots[1], at(2))], book)
    assert [(r.source.value, r.paddle, int(r.amount)) for r in results[0].log] == [
        ("book", "9", 2000),
        ("book", "5", 2200),
        ("room", "9", 2400),
        ("book", "5", 2400),  # 2,500 is not a step: rounded down to 2,400, the book keeps the tie
        ("room", "9", 2600),
    ]
    assert results[0].buyer == Holder(Source.ROOM, "9")
    assert (results[1].outcome, results[1].log) == (Outcome.BOUGHT_IN, ())
