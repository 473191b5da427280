"""The engine's guarantees under hypothesis: random books, reserves, estimates and room bidders.

Each example builds a lot on the standard ladder, an absentee book (ties in amount and in time
included), and room bidders with private maxima who bid the asking bid whenever they may; then
checks the published rules: the winner never pays above their maximum; nobody else's maximum is
at or above the price unless they lost a tie by time; the price is the lowest the rules allow;
the seller's bids never reach the reserve; the order the book was entered in changes nothing.

The default profile keeps each test quick; ``--hypothesis-profile=slow`` runs the long budget.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.auctions.engine import (
    DEFAULT_SETTINGS,
    STANDARD,
    AbsenteeBid,
    Channel,
    EngineSettings,
    LiveBid,
    Lot,
    LotEngine,
    Outcome,
    Phase,
    Result,
    Source,
    run_lot,
)

from .helpers import OPENED, at, received

D = Decimal
QUICK = settings(max_examples=60, deadline=None)


@dataclass(frozen=True)
class Case:
    lot: Lot
    book: list[AbsenteeBid]
    room: dict[str, Decimal]  # paddle → the most it will bid


@st.composite
def cases(draw: st.DrawFn, *, with_room: bool = True) -> Case:
    low = STANDARD.round_down(D(draw(st.integers(100, 200_000))))
    high = STANDARD.round_down(low * D("1.5"))
    # A reserve off the ladder, or (as most are) on one of its steps.
    amounts = st.integers(10, int(low)).map(D)
    reserve = draw(st.none() | amounts | amounts.map(STANDARD.round_down))
    paddles = [f"A{i}" for i in range(1, 6)]
    # Maxima anywhere, or (to make ties in amount common) on a few steps around the estimates.
    near = STANDARD.steps_between(STANDARD.round_down(low / 2), high)
    maxima = st.integers(10, int(low) * 2).map(D) | st.sampled_from(near)
    book = draw(
        st.lists(
            st.builds(
                AbsenteeBid,
                paddle=st.sampled_from(paddles),
                maximum=maxima,
                received=st.integers(0, 4).map(lambda d: received(d)),
                channel=st.sampled_from(Channel),
            ),
            max_size=6,
        )
    )
    room: dict[str, Decimal] = {}
    if with_room:
        limits = draw(st.lists(maxima, max_size=3))
        room = {f"R{i}": maximum for i, maximum in enumerate(limits, start=1)}
    return Case(Lot("7", "EUR", low, high, reserve), book, room)


def _run(case: Case, rng: random.Random, settings_: EngineSettings = DEFAULT_SETTINGS) -> Result:
    """The room bids the asking bid whenever it may (holding below the reserve, a bidder may go on)."""
    engine = LotEngine(case.lot, case.book, settings_)
    engine.open(OPENED)
    minute = 0
    while True:
        state = engine.state
        if state.phase is Phase.CALLED:
            return engine.hammer(at(minute))
        asking = state.asking
        assert asking is not None
        below_reserve = state.current is None or (case.lot.reserve is not None and state.current < case.lot.reserve)
        willing = sorted(
            paddle
            for paddle, maximum in case.room.items()
            if maximum >= asking and (state.holder is None or state.holder.paddle != paddle or below_reserve)
        )
        minute += 1
        if willing:
            engine.bid(LiveBid(Source.ROOM, rng.choice(willing), at(minute)))
        else:
            engine.no_bid(at(minute))


def _book_maxima(case: Case) -> dict[str, Decimal]:
    best: dict[str, Decimal] = {}
    for bid in case.book:
        rounded = STANDARD.round_down(bid.maximum)
        best[bid.paddle] = max(best.get(bid.paddle, rounded), rounded)
    return best


def _maxima(case: Case) -> dict[str, Decimal]:
    """Everyone's effective maximum: absentee maxima rounded down, the room's to the step it can bid."""
    return _book_maxima(case) | {paddle: STANDARD.round_down(m) for paddle, m in case.room.items() if m >= 10}


def _opening_base(lot: Lot) -> Decimal:
    half = lot.low_estimate / 2
    return STANDARD.round_down(half) if half >= STANDARD.first else STANDARD.first


@QUICK
@given(cases(), st.randoms(use_true_random=False))
def test_the_winner_never_pays_above_their_maximum(case: Case, rng: random.Random) -> None:
    result = _run(case, rng)
    if result.sold:
        assert result.buyer is not None and result.buyer.paddle is not None and result.hammer is not None
        assert result.hammer <= _maxima(case)[result.buyer.paddle]


@QUICK
@given(cases(), st.randoms(use_true_random=False))
def test_no_loser_could_have_paid_the_price_unless_they_lost_a_tie_by_time(case: Case, rng: random.Random) -> None:
    result = _run(case, rng)
    if not result.sold:
        return
    assert result.buyer is not None and result.hammer is not None
    winner = result.buyer.paddle
    for paddle, maximum in _maxima(case).items():
        if paddle == winner:
            continue
        assert maximum <= result.hammer, f"{paddle} would have paid {maximum}"
        if maximum == result.hammer:
            # A tie at the price: the loser must have lost it by time.
            if paddle in case.room:
                # A room bidder: someone else reached the price first (or the book, received earlier, kept it).
                first_at_price = next(r for r in result.log if r.amount == result.hammer)
                assert first_at_price.paddle != paddle or result.buyer.source is Source.BOOK
            else:
                # An absentee bidder loses a tie only to an absentee bid received no later.
                assert result.buyer.source is Source.BOOK
                mine = min(
                    b.received for b in case.book if b.paddle == paddle and STANDARD.round_down(b.maximum) == maximum
                )
                theirs = min(
                    b.received for b in case.book if b.paddle == winner and STANDARD.round_down(b.maximum) == maximum
                )
                assert theirs <= mine


@QUICK
@given(cases(), st.randoms(use_true_random=False))
def test_the_price_is_the_lowest_the_rules_allow(case: Case, rng: random.Random) -> None:
    """One step above the second-highest maximum, or the reserve, or the opening, as the ladder permits."""
    result = _run(case, rng)
    if not result.sold:
        return
    assert result.buyer is not None and result.hammer is not None and result.buyer.paddle is not None
    others = [m for p, m in _maxima(case).items() if p != result.buyer.paddle]
    bounds = [_opening_base(case.lot)]
    if others:
        bounds.append(STANDARD.next_bid(max(others)))
    reserve = case.lot.reserve
    if reserve is not None:
        bounds.append(STANDARD.round_up(reserve))
        assert result.hammer >= reserve
    assert result.hammer <= max(bounds)


@QUICK
@given(cases(with_room=False))
def test_with_the_book_alone_the_price_is_exactly_what_the_rules_give(case: Case) -> None:
    result = run_lot(case.lot, case.book, opened_at=OPENED)
    maxima = _book_maxima(case)
    if not maxima:
        assert result.outcome is Outcome.BOUGHT_IN or case.lot.reserve is None
        return
    ranked = sorted(maxima.values(), reverse=True)
    m1, m2 = ranked[0], (ranked[1] if len(ranked) > 1 else None)
    reserve = case.lot.reserve
    if reserve is not None and m1 < reserve:
        assert (result.outcome, result.bought_in_at) == (Outcome.BOUGHT_IN, m1)
        return
    competition = None if m2 is None else (m1 if m2 == m1 else STANDARD.next_bid(m2))
    floor = STANDARD.round_up(reserve) if reserve is not None else min(m1, _opening_base(case.lot))
    expected = min(m1, max(floor, competition or floor))
    assert (result.outcome, result.hammer) == (Outcome.SOLD, expected)
    leaders = [b for b in case.book if STANDARD.round_down(b.maximum) == m1]
    first = min(leaders, key=lambda b: b.received).received
    assert result.buyer is not None
    assert result.buyer.paddle in {b.paddle for b in leaders if b.received == first}


@QUICK
@given(cases(), st.randoms(use_true_random=False), st.booleans())
def test_seller_bids_never_reach_the_reserve(case: Case, rng: random.Random, one_step: bool) -> None:
    result = _run(case, rng, EngineSettings(sell_one_step_below_reserve=one_step))
    seller = [record.amount for record in result.log if record.source is Source.SELLER]
    if case.lot.reserve is None:
        assert seller == []
    else:
        assert all(amount < case.lot.reserve for amount in seller)
    if result.sold and case.lot.reserve is not None and result.hammer is not None and result.hammer < case.lot.reserve:
        assert one_step and STANDARD.next_bid(result.hammer) >= case.lot.reserve


@QUICK
@given(cases(), st.randoms(use_true_random=False), st.randoms(use_true_random=False))
def test_the_order_the_book_was_entered_in_changes_nothing(
    case: Case, live: random.Random, shuffle: random.Random
) -> None:
    seed = live.random()
    shuffled = list(case.book)
    shuffle.shuffle(shuffled)
    first = _run(case, random.Random(seed))
    again = _run(Case(case.lot, shuffled, case.room), random.Random(seed))
    assert first == again


@QUICK
@given(cases(), st.randoms(use_true_random=False))
def test_every_bid_is_logged_rising_and_the_result_matches_the_last(case: Case, rng: random.Random) -> None:
    result = _run(case, rng)
    amounts = [record.amount for record in result.log]
    assert amounts == sorted(amounts)
    assert [record.sequence for record in result.log] == list(range(1, len(result.log) + 1))
    if result.sold:
        last = result.log[-1]
        assert result.buyer is not None
        assert (last.amount, last.paddle, last.source) == (result.hammer, result.buyer.paddle, result.buyer.source)
    elif result.log:
        assert result.bought_in_at == result.log[-1].amount


@pytest.mark.slow
@given(cases(), st.randoms(use_true_random=False), st.randoms(use_true_random=False), st.booleans())
def test_every_guarantee_over_the_long_budget(
    case: Case, live: random.Random, shuffle: random.Random, one_step: bool
) -> None:
    """``make test-slow``: the same checks, with the slow profile's budget (no per-test cap)."""
    seed = live.random()
    for check in (
        test_the_winner_never_pays_above_their_maximum,
        test_no_loser_could_have_paid_the_price_unless_they_lost_a_tie_by_time,
        test_the_price_is_the_lowest_the_rules_allow,
        test_every_bid_is_logged_rising_and_the_result_matches_the_last,
    ):
        check.hypothesis.inner_test(case, random.Random(seed))  # type: ignore[attr-defined]
    test_with_the_book_alone_the_price_is_exactly_what_the_rules_give.hypothesis.inner_test(case)  # type: ignore[attr-defined]
    test_seller_bids_never_reach_the_reserve.hypothesis.inner_test(case, random.Random(seed), one_step)  # type: ignore[attr-defined]
    test_the_order_the_book_was_entered_in_changes_nothing.hypothesis.inner_test(case, random.Random(seed), shuffle)  # type: ignore[attr-defined]
