"""The published rules on worked examples, each checked to the figure and the word.

Sources for each rule are in docs/auction-rules.md.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parure.auctions.engine import (
    BidError,
    EngineSettings,
    Holder,
    LotEngine,
    Outcome,
    Phase,
    Say,
    Source,
    run_lot,
)

from .helpers import OPENED, absentee, at, lot, online, phone, room

D = Decimal


def _log(result_log: tuple) -> list[tuple[str, str | None, int]]:  # type: ignore[type-arg]
    return [(record.source.value, record.paddle or record.line, int(record.amount)) for record in result_log]


def _said(engine: LotEngine) -> str:
    return engine.state.instruction.text


# --- the opening ------------------------------------------------------------------------------


def test_two_absentee_bids_with_the_reserve_between_them_open_at_the_reserve_on_the_book() -> None:
    """4,000 and 6,000 on the book, reserve 5,000: the reserve, not the 4,000, sets the opening."""
    engine = LotEngine(lot(6000, 8000, reserve=5000), [absentee("101", 4000), absentee("102", 6000)])
    assert _said(engine) == "Open at 5,000 on the book"
    engine.open(OPENED)
    assert engine.state.asking == D(5500)
    assert engine.state.holder == Holder(Source.BOOK, "102")
    engine.no_bid(at(1))
    assert _said(engine) == "Fair warning"
    engine.no_bid(at(1))
    assert _said(engine) == "Sell at 5,000 on the book to paddle 102"
    result = engine.hammer(at(1))
    assert (result.outcome, result.hammer, result.buyer, result.reserve_met) == (
        Outcome.SOLD,
        D(5000),
        Holder(Source.BOOK, "102"),
        True,
    )
    assert _log(result.log) == [("book", "102", 5000)]
    assert _said(engine) == "Sold at 5,000 on the book to paddle 102"


def test_two_absentee_bids_without_reserve_open_one_step_above_the_lower() -> None:
    """No reserve, low estimate 6,000 (half: 3,000): the 4,000 bid makes it open at 4,200 for the 6,000."""
    result = run_lot(lot(6000, 8000), [absentee("101", 4000), absentee("102", 6000)], opened_at=OPENED)
    assert _log(result.log) == [("book", "101", 4000), ("book", "102", 4200)]
    assert (result.hammer, result.buyer) == (D(4200), Holder(Source.BOOK, "102"))


def test_a_room_bidder_against_the_book() -> None:
    engine = LotEngine(lot(6000, 8000, reserve=5000), [absentee("102", 6000)])
    engine.open(OPENED)
    assert _said(engine) == "5,000 on the book"
    state = engine.bid(room("123", 1))
    assert (state.current, state.holder, state.asking) == (D(6000), Holder(Source.BOOK, "102"), D(6500))
    assert state.instruction.text == "6,000 on the book"  # the book answers the room's 5,500 up to its maximum
    state = engine.bid(room("123", 2))
    assert state.instruction.text == "6,500 in the room, paddle 123"
    assert state.book_in is False
    engine.no_bid(at(3))
    engine.no_bid(at(3))
    assert _said(engine) == "Sell at 6,500 to paddle 123"
    result = engine.hammer(at(3))
    assert _log(result.log) == [
        ("book", "102", 5000),
        ("room", "123", 5500),
        ("book", "102", 6000),
        ("room", "123", 6500),
    ]
    assert [record.at for record in result.log] == [OPENED, at(1), at(1), at(2)]
    assert (result.hammer, result.buyer) == (D(6500), Holder(Source.ROOM, "123"))


def test_identical_absentee_bids_the_earliest_received_wins() -> None:
    later, earlier = absentee("201", 5000, days_before=1), absentee("202", 5000, days_before=3)
    for book in ([later, earlier], [earlier, later]):
        result = run_lot(lot(8000, 12000), book, opened_at=OPENED)
        assert _log(result.log) == [("book", "201", 5000), ("book", "202", 5000)]
        assert (result.hammer, result.buyer) == (D(5000), Holder(Source.BOOK, "202"))


def test_a_lot_that_does_not_reach_its_reserve_is_bought_in() -> None:
    engine = LotEngine(lot(6000, 8000, reserve=5000), [absentee("101", 4500)])
    assert _said(engine) == "Open at 4,500 on the book"
    engine.open(OPENED)
    engine.no_bid(at(1))
    engine.no_bid(at(1))
    assert _said(engine) == "Pass: bought in at 4,500"
    result = engine.hammer(at(1))
    assert (result.outcome, result.hammer, result.buyer, result.bought_in_at, result.reserve_met) == (
        Outcome.BOUGHT_IN,
        None,
        None,
        D(4500),
        False,
    )
    assert _said(engine) == "Bought in at 4,500"


def test_a_lot_without_reserve_opens_at_half_the_low_estimate() -> None:
    engine = LotEngine(lot(2000, 3000), [])
    assert _said(engine) == "Open at 1,000, asking the room"
    engine.open(OPENED)
    assert (engine.state.current, engine.state.holder, engine.state.asking) == (None, None, D(1000))
    engine.bid(room("5", 1))
    assert _said(engine) == "1,000 in the room, paddle 5"
    result = run_lot(lot(2000, 3000), [], [room("5", 1)], opened_at=OPENED)
    assert (result.hammer, result.buyer) == (D(1000), Holder(Source.ROOM, "5"))


def test_half_the_low_estimate_is_rounded_down_to_the_ladder() -> None:
    assert LotEngine(lot(2500, 3500), []).state.asking == D(1200)  # 1,250 → 1,200
    assert LotEngine(lot(15, 20), []).state.asking == D(10)  # below the first step: the first step


def test_without_reserve_a_single_absentee_bid_opens_at_half_the_low_estimate() -> None:
    engine = LotEngine(lot(2000, 3000), [absentee("8", 1500)])
    assert _said(engine) == "Open at 1,000 on the book"


def test_without_reserve_competing_absentee_bids_make_it_open_higher() -> None:
    engine = LotEngine(lot(2000, 3000), [absentee("8", 2500), absentee("9", 1500)])
    assert _said(engine) == "Open at 1,600 on the book"


def test_without_reserve_an_absentee_below_the_opening_is_reached_by_going_backwards() -> None:
    engine = LotEngine(lot(2000, 3000), [absentee("8", 800)])
    assert _said(engine) == "Open at 800 on the book"


def test_going_backwards_can_be_switched_off() -> None:
    no_backwards = EngineSettings(go_backwards=False)
    engine = LotEngine(lot(2000, 3000), [absentee("8", 800)], no_backwards)
    assert _said(engine) == "Open at 1,000, asking the room"
    engine.open(OPENED)
    assert engine.state.book_in is False
    engine.no_bid(at(1))
    assert _said(engine) == "Pass: bought in, no bid"
    assert engine.hammer(at(1)).bought_in_at is None
    assert _said(engine) == "Bought in, no bid"


def test_with_no_bid_at_the_opening_the_auctioneer_goes_backwards_a_step_at_a_time() -> None:
    engine = LotEngine(lot(2000, 3000), [])
    engine.open(OPENED)
    engine.no_bid(at(1))
    assert _said(engine) == "Open at 950, asking the room"
    engine.no_bid(at(2))
    assert engine.state.asking == D(900)
    engine.bid(room("5", 3))
    assert _said(engine) == "900 in the room, paddle 5"


# --- the seller's bids -------------------------------------------------------------------------


def test_the_auctioneer_bids_for_the_seller_up_to_but_not_at_the_reserve() -> None:
    engine = LotEngine(lot(10000, 15000, reserve=8000), [])
    assert _said(engine) == "Open at 5,000 for the seller"
    engine.open(OPENED)
    assert engine.bid(room("7", 1)).instruction.text == "6,000 for the seller"  # room 5,500, seller 6,000
    assert engine.bid(room("7", 2)).instruction.text == "7,000 for the seller"  # room 6,500, seller 7,000
    state = engine.bid(room("7", 3))  # room 7,500: the seller cannot bid 8,000, the reserve itself
    assert (state.instruction.text, state.asking) == ("7,500 in the room, paddle 7", D(8000))
    engine.no_bid(at(4))
    engine.no_bid(at(4))
    assert _said(engine) == "Pass: bought in at 7,500"
    result = engine.hammer(at(4))
    assert _log(result.log) == [
        ("seller", None, 5000),
        ("room", "7", 5500),
        ("seller", None, 6000),
        ("room", "7", 6500),
        ("seller", None, 7000),
        ("room", "7", 7500),
    ]
    assert (result.outcome, result.bought_in_at) == (Outcome.BOUGHT_IN, D(7500))


def test_a_bidder_holding_below_the_reserve_may_go_on_to_it() -> None:
    engine = LotEngine(lot(10000, 15000, reserve=8000), [])
    engine.open(OPENED)
    for minute in (1, 2, 3):
        engine.bid(room("7", minute))
    assert engine.bid(room("7", 4)).instruction.text == "8,000 in the room, paddle 7"
    with pytest.raises(
        BidError, match=r"^Paddle 7 already holds the bid at 8,000; a bidder does not bid against themselves\.$"
    ):
        engine.bid(room("7", 5))
    result = run_lot(lot(10000, 15000, reserve=8000), [], [room("7", m) for m in (1, 2, 3, 4)], opened_at=OPENED)
    assert (result.hammer, result.reserve_met) == (D(8000), True)


def test_selling_one_step_below_the_reserve_is_a_setting() -> None:
    live = [room("7", m) for m in (1, 2, 3)]
    default = run_lot(lot(10000, 15000, reserve=8000), [], live, opened_at=OPENED)
    assert default.outcome is Outcome.BOUGHT_IN
    lenient = run_lot(
        lot(10000, 15000, reserve=8000),
        [],
        live,
        opened_at=OPENED,
        settings=EngineSettings(sell_one_step_below_reserve=True),
    )
    assert (lenient.outcome, lenient.hammer, lenient.reserve_met) == (Outcome.SOLD, D(7500), False)


def test_a_reserve_at_or_below_half_the_low_estimate_needs_no_seller_opening() -> None:
    engine = LotEngine(lot(10000, 15000, reserve=4000), [])
    assert _said(engine) == "Open at 5,000, asking the room"


def test_an_off_ladder_reserve_is_reached_at_the_step_above_it() -> None:
    result = run_lot(lot(6000, 8000, reserve=5100), [absentee("1", 6000)], opened_at=OPENED)
    assert result.hammer == D(5500)
    engine = LotEngine(lot(6000, 8000, reserve=5100), [])
    engine.open(OPENED)
    engine.bid(room("4", 1))  # 3,200 against the seller's 3,000 …
    seller_bids = [record.amount for record in engine.log if record.source is Source.SELLER]
    assert seller_bids == [D(3000), D(3500)] and max(seller_bids) < D(5100)


# --- ties between the book and the room -------------------------------------------------------


def test_a_live_bid_equal_to_the_books_maximum_goes_to_the_book_by_default() -> None:
    engine = LotEngine(lot(8000, 12000), [absentee("102", 6000)])
    engine.open(OPENED)
    assert _said(engine) == "4,000 on the book"
    state = engine.bid(room("123", 1, amount=6000))
    assert (state.instruction.text, state.asking) == ("6,000 on the book", D(6500))
    assert _log(engine.log) == [("book", "102", 4000), ("room", "123", 6000), ("book", "102", 6000)]


def test_the_room_can_be_given_the_tie_by_setting() -> None:
    engine = LotEngine(lot(8000, 12000), [absentee("102", 6000)], EngineSettings(book_wins_ties=False))
    engine.open(OPENED)
    state = engine.bid(room("123", 1, amount=6000))
    assert (state.instruction.text, state.book_in) == ("6,000 in the room, paddle 123", False)


# --- phone and online ----------------------------------------------------------------------------


def test_phone_and_online_bids_are_named_by_line_and_paddle() -> None:
    engine = LotEngine(lot(10000, 15000), [])
    engine.open(OPENED)
    assert engine.bid(phone("77", "2", 1)).instruction.text == "5,000 on the phone, line 2"
    assert engine.bid(online("88", 2)).instruction.text == "5,500 online, paddle 88"
    assert engine.bid(phone("77", "2", 3)).instruction.text == "6,000 on the phone, line 2"
    engine.no_bid(at(4))
    engine.no_bid(at(4))
    assert _said(engine) == "Sell at 6,000 on the phone to paddle 77, line 2"
    result = engine.hammer(at(4))
    assert [(r.source, r.paddle, r.line, r.amount) for r in result.log] == [
        (Source.PHONE, "77", "2", D(5000)),
        (Source.ONLINE, "88", None, D(5500)),
        (Source.PHONE, "77", "2", D(6000)),
    ]


def test_a_bid_after_fair_warning_reopens_the_bidding() -> None:
    engine = LotEngine(lot(10000, 15000), [])
    engine.open(OPENED)
    engine.bid(room("1", 1))
    assert engine.no_bid(at(2)).instruction.say is Say.FAIR_WARNING
    state = engine.bid(room("2", 3))
    assert (state.phase, state.instruction.text) == (Phase.BIDDING, "5,500 in the room, paddle 2")


def test_a_jump_bid_is_answered_by_the_book_from_where_it_lands() -> None:
    engine = LotEngine(lot(8000, 12000), [absentee("102", 9000)])
    engine.open(OPENED)
    state = engine.bid(room("123", 1, amount=6100))
    assert (state.current, state.holder) == (D(6500), Holder(Source.BOOK, "102"))


# --- refusals ------------------------------------------------------------------------------------


def test_bids_the_engine_refuses_name_the_reason() -> None:
    engine = LotEngine(lot(10000, 15000), [])
    with pytest.raises(BidError, match=r"^Lot 12 has not been opened; open it before taking bids\.$"):
        engine.bid(room("1"))
    engine.open(OPENED)
    with pytest.raises(BidError, match=r"^Lot 12 is already open\.$"):
        engine.open(OPENED)
    with pytest.raises(
        BidError,
        match=r"^Paddle 1's bid of 4,000 is below the asking bid of 5,000; take bids at or above the asking bid\.$",
    ):
        engine.bid(room("1", amount=4000))
    engine.bid(room("1"))
    with pytest.raises(
        BidError, match=r"^Paddle 1 already holds the bid at 5,000; a bidder does not bid against themselves\.$"
    ):
        engine.bid(room("1"))
    engine.hammer(at(2))
    with pytest.raises(BidError, match=r"^Lot 12 is closed; the hammer has fallen and no bid can be taken\.$"):
        engine.bid(room("2"))
    with pytest.raises(BidError, match=r"^Lot 12 is already closed\.$"):
        engine.hammer(at(3))


def test_a_refused_bid_changes_nothing() -> None:
    engine = LotEngine(lot(10000, 15000), [absentee("9", 7000)])
    engine.open(OPENED)
    before = (engine.state, engine.log)
    with pytest.raises(BidError):
        engine.bid(room("1", amount=100))
    assert (engine.state, engine.log) == before


def test_an_absentee_bid_below_the_ladder_cannot_be_executed() -> None:
    with pytest.raises(
        BidError, match=r"^Paddle 3's absentee maximum 5 is below the ladder's first step, 10; it cannot be executed\.$"
    ):
        LotEngine(lot(100, 150), [absentee("3", 5)])


def test_of_two_underbidders_at_the_same_step_the_earlier_is_logged_whatever_the_entry_order() -> None:
    """5,200 and 5,000 both stand at 5,000 on the ladder; the one received first is the underbidder."""
    early, late = absentee("31", 5200, days_before=4), absentee("32", 5000, days_before=2)
    leader = absentee("33", 9000, days_before=1)
    for book in ([early, late, leader], [leader, late, early]):
        result = run_lot(lot(8000, 12000), book, opened_at=OPENED)
        assert _log(result.log) == [("book", "31", 5000), ("book", "33", 5500)]


def test_with_a_reserve_the_reserve_is_the_floor_even_below_half_the_low_estimate() -> None:
    result = run_lot(lot(10000, 15000, reserve=2000), [absentee("4", 8000)], opened_at=OPENED)
    assert (result.hammer, result.buyer) == (D(2000), Holder(Source.BOOK, "4"))


def test_the_leaders_own_lower_bid_is_not_its_competition() -> None:
    book = [absentee("40", 9000, 2), absentee("40", 3000, 1), absentee("41", 4000, 3)]
    result = run_lot(lot(8000, 12000), book, opened_at=OPENED)
    assert _log(result.log) == [("book", "41", 4000), ("book", "40", 4200)]
