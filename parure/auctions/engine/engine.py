"""The execution engine for one lot: the opening, every bid, what to say next, and the result.

``LotEngine`` is a small state machine the clerk's screen drives:

1. Before the lot opens, the engine has already read the absentee book and the reserve and states
   the opening ("Open at 5,000 on the book").
2. ``open(at)`` puts the opening on the log. Then each ``bid(LiveBid)`` is logged and answered:
   the absentee book's leader answers a live bid one step higher while its maximum allows, and
   the auctioneer answers for the seller below the reserve (never at or above it).
3. ``no_bid(at)`` records that the asking bid went unanswered: the first gives "Fair warning", the
   second the hammer ("Sell at 7,000 to paddle 123" or "Pass: bought in at 4,500"); with nobody
   bidding yet it goes backwards one step (when the settings allow).
4. ``hammer(at)`` closes the lot with its ``Result`` (sold to whom at what hammer, or bought in,
   and the log of every bid).

The rules and where each comes from are in docs/auction-rules.md; the choices the published rules
leave open are the fields of ``EngineSettings``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from functools import partial
from operator import attrgetter
from typing import NamedTuple

from .bids import AbsenteeBid, LiveBid, Source
from .errors import BidError, LadderError, LotError
from .ladder import STANDARD, Ladder
from .money import currency_code, format_amount, to_amount


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """The conditions of sale's open choices (docs/auction-rules.md, "Settings")."""

    #: A live bid equal to the book leader's maximum: the book, received first, keeps the bid.
    book_wins_ties: bool = True
    #: Hammer a lot whose last bid is one ladder step below the reserve (the seller's leave): not by default.
    sell_one_step_below_reserve: bool = False
    #: With no bid at the opening the auctioneer may come down step by step ("go backwards").
    go_backwards: bool = True
    #: The opening without an absentee bid to set it: this fraction of the low estimate, rounded down.
    opening_fraction: Decimal = Decimal("0.5")
    #: The auctioneer answers live bids below the reserve on the seller's behalf (one step, below it).
    seller_bids: bool = True

    def __post_init__(self) -> None:
        fraction = to_amount(self.opening_fraction, what="The opening fraction")
        if fraction > 1:
            raise LotError(f"The opening fraction {fraction} is above the low estimate itself; give at most 1.")
        object.__setattr__(self, "opening_fraction", fraction)


DEFAULT_SETTINGS = EngineSettings()


@dataclass(frozen=True, slots=True)
class Lot:
    """A lot's terms as the engine needs them: estimates, the confidential reserve, ladder, currency."""

    number: str
    currency: str
    low_estimate: Decimal
    high_estimate: Decimal
    reserve: Decimal | None = None
    ladder: Ladder = STANDARD

    def __post_init__(self) -> None:
        if not isinstance(self.number, str) or not self.number.strip():
            raise LotError("A lot needs its number.")
        currency_code(self.currency)
        low = to_amount(self.low_estimate, what=f"Lot {self.number}'s low estimate")
        high = to_amount(self.high_estimate, what=f"Lot {self.number}'s high estimate")
        if high < low:
            raise LotError(
                f"Lot {self.number}'s high estimate {format_amount(high)} is below its low estimate"
                f" {format_amount(low)}; give the range low to high."
            )
        object.__setattr__(self, "low_estimate", low)
        object.__setattr__(self, "high_estimate", high)
        if self.reserve is not None:
            reserve = to_amount(self.reserve, what=f"Lot {self.number}'s reserve")
            if reserve > low:
                raise LotError(
                    f"Lot {self.number}'s reserve {format_amount(reserve)} is above its low estimate"
                    f" {format_amount(low)}; a reserve may be at most the low estimate."
                )
            object.__setattr__(self, "reserve", reserve)


class Holder(NamedTuple):
    """Who holds a bid: the book (an absentee paddle), a room paddle, a phone line, online, or the seller."""

    source: Source
    paddle: str | None = None
    line: str | None = None

    @property
    def where(self) -> str:
        """How the auctioneer places the bid: "on the book", "in the room, paddle 123" …"""
        if self.source is Source.BOOK:
            return "on the book"
        if self.source is Source.SELLER:
            return "for the seller"
        if self.source is Source.ROOM:
            return f"in the room, paddle {self.paddle}"
        if self.source is Source.PHONE:
            return f"on the phone, line {self.line}"
        return f"online, paddle {self.paddle}"

    @property
    def buyer(self) -> str:
        """How the hammer names the buyer: "to paddle 123", "on the book to paddle 45" …"""
        if self.source is Source.BOOK:
            return f"on the book to paddle {self.paddle}"
        if self.source is Source.PHONE:
            return f"on the phone to paddle {self.paddle}, line {self.line}"
        if self.source is Source.ONLINE:
            return f"online to paddle {self.paddle}"
        return f"to paddle {self.paddle}"


SELLER = Holder(Source.SELLER)


class BidRecord(NamedTuple):
    """One line of the lot's log: every bid, whoever made it."""

    sequence: int
    source: Source
    paddle: str | None
    line: str | None
    amount: Decimal
    at: datetime


# Making a record straight from a tuple skips the NamedTuple's Python-level __new__ (the hot path).
_record: Callable[[tuple[int, Source, str | None, str | None, Decimal, datetime]], BidRecord] = partial(
    tuple.__new__, BidRecord
)


class Phase(StrEnum):
    READY = "ready"  # the opening is stated, nothing logged yet
    BIDDING = "bidding"
    WARNED = "warned"  # fair warning given
    CALLED = "called"  # the hammer is due
    CLOSED = "closed"


_READY, _BIDDING, _CLOSED = Phase.READY, Phase.BIDDING, Phase.CLOSED
_BOOK, _SELLER = Source.BOOK, Source.SELLER


class Say(StrEnum):
    """The kinds of thing the auctioneer is told to say."""

    OPEN = "open"
    STANDING = "standing"
    FAIR_WARNING = "fair warning"
    SELL = "sell"
    PASS = "pass"  # noqa: S105 (the auctioneer's word, not a secret)
    SOLD = "sold"
    BOUGHT_IN = "bought in"


@dataclass(frozen=True, slots=True)
class Instruction:
    """What the auctioneer should say next, structured (kind, amount, holder) and as a sentence."""

    say: Say
    amount: Decimal | None
    holder: Holder | None
    text: str


class Outcome(StrEnum):
    SOLD = "sold"
    BOUGHT_IN = "bought in"


@dataclass(frozen=True, slots=True)
class Result:
    """The lot's end: sold to whom at what hammer, or bought in (at the last bid, if any), with the log."""

    lot: str
    currency: str
    outcome: Outcome
    hammer: Decimal | None
    buyer: Holder | None
    bought_in_at: Decimal | None
    reserve_met: bool
    log: tuple[BidRecord, ...]
    closed_at: datetime

    @property
    def sold(self) -> bool:
        return self.outcome is Outcome.SOLD


@dataclass(frozen=True, slots=True)
class State:
    """The lot at one moment: the standing bid and who holds it, the asking bid and what to say next.

    ``instruction`` is worked out when read (the clerk's screen reads it; a batch run need not).
    """

    phase: Phase
    current: Decimal | None
    holder: Holder | None
    asking: Decimal | None
    book_in: bool
    explain: Callable[[], Instruction] = field(compare=False, repr=False)

    @property
    def instruction(self) -> Instruction:
        return self.explain()


@dataclass(frozen=True, slots=True)
class _BookTop:
    leader: AbsenteeBid
    maximum: Decimal  # the leader's maximum, rounded down to the ladder
    second: AbsenteeBid | None = None
    second_maximum: Decimal | None = None  # the best other bidder's maximum, rounded down

    @property
    def tied(self) -> bool:
        return self.second_maximum == self.maximum


def _rounded(bid: AbsenteeBid, ladder: Ladder) -> Decimal:
    try:
        return ladder.round_down(bid.maximum)
    except LadderError:
        raise BidError(
            f"Paddle {bid.paddle}'s absentee maximum {format_amount(bid.maximum)} is below the ladder's first step,"
            f" {format_amount(ladder.first)}; it cannot be executed."
        ) from None


def _precedence(bid: AbsenteeBid) -> tuple[datetime, str, str, str]:
    """Earliest received first; the rest only makes the order total (independent of entry order)."""
    return (bid.received, bid.paddle, bid.channel, bid.or_group or "")


_maximum = attrgetter("maximum")


def book_top(book: Iterable[AbsenteeBid], ladder: Ladder) -> _BookTop | None:
    """The book's leader and the best competing maximum, on rounded maxima, in a few linear passes.

    The leader has the highest maximum (after rounding down to the ladder); among equal maxima the
    earliest received. The competition is the highest maximum of any *other* paddle.
    """
    bids = list(book)
    if not bids:
        return None
    top = _rounded(max(bids, key=_maximum), ladder)
    # One pass: the bids at the top (every raw maximum ≥ the rounded top rounds to the top itself)
    # and the highest of the rest.
    group: list[AbsenteeBid] = []
    rest: AbsenteeBid | None = None
    for bid in bids:
        if bid.maximum >= top:
            group.append(bid)
        elif rest is None or bid.maximum > rest.maximum:
            rest = bid
    leader = group[0] if len(group) == 1 else min(group, key=_precedence)
    first = leader.paddle
    rivals = [b for b in group if b.paddle != first]
    if rivals:  # a tie at the top: the later received is the underbidder, at the same amount
        return _BookTop(leader, top, min(rivals, key=_precedence), top)
    if rest is not None and rest.paddle == first:  # the leader's own lower bid: look past it
        others = [b for b in bids if b.paddle != first]
        rest = max(others, key=_maximum) if others else None
    if rest is None:
        return _BookTop(leader, top)
    second_max = _rounded(rest, ladder)
    # Of the other paddles at that (rounded) maximum, the earliest received is the underbidder.
    near = [b for b in bids if b.maximum >= second_max and b.paddle != first]
    second = near[0] if len(near) == 1 else min(near, key=_precedence)
    return _BookTop(leader, top, second, second_max)


def execution_order(book: Iterable[AbsenteeBid], ladder: Ladder) -> list[tuple[AbsenteeBid, Decimal]]:
    """The absentee book as the auctioneer's book lists it: by rounded maximum, then earliest received."""
    rows = [(bid, _rounded(bid, ladder)) for bid in book]
    rows.sort(key=lambda row: _precedence(row[0]))
    rows.sort(key=lambda row: row[1], reverse=True)
    return rows


@dataclass(slots=True)
class _Opening:
    amount: Decimal | None  # None: no bid yet, ``asking`` is what the auctioneer asks
    holder: Holder | None
    asking: Decimal
    underbid: tuple[AbsenteeBid, Decimal] | None = None
    book_in: bool = False


class LotEngine:
    """One lot's execution; see the module's docstring for the flow."""

    def __init__(self, lot: Lot, book: Iterable[AbsenteeBid] = (), settings: EngineSettings = DEFAULT_SETTINGS) -> None:
        self.lot = lot
        self.settings = settings
        self._ladder = lot.ladder
        self._reserve = lot.reserve
        self._top = book_top(book, self._ladder)
        self._log: list[BidRecord] = []
        self._book_wins_ties = settings.book_wins_ties
        self._seller_bids = settings.seller_bids
        self._bidders: dict[str, Holder] = {}  # one Holder per live paddle, reused bid after bid
        self._phase = Phase.READY
        self._result: Result | None = None
        self._opening = self._plan_opening()
        self._current: Decimal | None = None
        self._holder: Holder | None = None
        self._asking: Decimal = self._opening.asking
        self._book_in = self._opening.book_in

    # --- the opening ------------------------------------------------------------------------

    def _base_opening(self) -> Decimal:
        ladder = self._ladder
        base = self.lot.low_estimate * self.settings.opening_fraction
        return ladder.round_down(base) if base >= ladder.first else ladder.first

    def _plan_opening(self) -> _Opening:
        ladder, reserve, top = self._ladder, self._reserve, self._top
        base = self._base_opening()
        if top is not None:
            m1 = top.maximum
            floor: Decimal | None
            if reserve is not None:
                floor = ladder.round_up(reserve) if m1 >= reserve else m1
            elif m1 >= base:
                floor = base
            else:
                floor = m1 if self.settings.go_backwards else None
            if floor is not None:
                competition: Decimal | None = None
                if top.second_maximum is not None:
                    competition = m1 if top.tied else min(m1, ladder.next_bid(top.second_maximum))
                amount = min(m1, floor if competition is None else max(floor, competition))
                underbid = None
                if top.second is not None and top.second_maximum is not None and competition is not None:
                    underbid = (top.second, top.second_maximum) if competition >= floor else None
                holder = Holder(Source.BOOK, top.leader.paddle)
                return _Opening(amount, holder, ladder.next_bid(amount), underbid, book_in=True)
        if reserve is not None and base < reserve and self.settings.seller_bids:
            return _Opening(base, SELLER, ladder.next_bid(base))
        return _Opening(None, None, base)

    # --- reading the state ------------------------------------------------------------------

    @property
    def log(self) -> tuple[BidRecord, ...]:
        return tuple(self._log)

    @property
    def result(self) -> Result | None:
        return self._result

    def _reserve_met(self, amount: Decimal | None) -> bool:
        if amount is None:
            return False
        return self._reserve is None or amount >= self._reserve

    def _sellable(self, holder: Holder | None, current: Decimal | None) -> bool:
        if holder is None or current is None or holder.source is Source.SELLER:
            return False
        if self._reserve_met(current):
            return True
        assert self._reserve is not None
        return self.settings.sell_one_step_below_reserve and self._ladder.next_bid(current) >= self._reserve

    def _explainer(self) -> Callable[[], Instruction]:
        """What to say, for the state as it is now (the values are captured, not read later)."""
        phase, holder, current, asking = self._phase, self._holder, self._current, self._asking
        opening, result = self._opening, self._result
        sellable = self._sellable

        def explain() -> Instruction:
            if phase is Phase.READY:
                if opening.amount is None or opening.holder is None:
                    text = f"Open at {format_amount(opening.asking)}, asking the room"
                    return Instruction(Say.OPEN, opening.asking, None, text)
                text = f"Open at {format_amount(opening.amount)} {opening.holder.where}"
                return Instruction(Say.OPEN, opening.amount, opening.holder, text)
            if phase is Phase.CLOSED:
                assert result is not None
                if result.sold and result.hammer is not None and result.buyer is not None:
                    text = f"Sold at {format_amount(result.hammer)} {result.buyer.buyer}"
                    return Instruction(Say.SOLD, result.hammer, result.buyer, text)
                if result.bought_in_at is None:
                    return Instruction(Say.BOUGHT_IN, None, None, "Bought in, no bid")
                text = f"Bought in at {format_amount(result.bought_in_at)}"
                return Instruction(Say.BOUGHT_IN, result.bought_in_at, None, text)
            if holder is None or current is None:
                if phase is Phase.CALLED:
                    return Instruction(Say.PASS, None, None, "Pass: bought in, no bid")
                return Instruction(Say.OPEN, asking, None, f"Open at {format_amount(asking)}, asking the room")
            if phase is Phase.BIDDING:
                return Instruction(Say.STANDING, current, holder, f"{format_amount(current)} {holder.where}")
            if phase is Phase.WARNED:
                return Instruction(Say.FAIR_WARNING, current, holder, "Fair warning")
            if sellable(holder, current):
                return Instruction(Say.SELL, current, holder, f"Sell at {format_amount(current)} {holder.buyer}")
            return Instruction(Say.PASS, current, None, f"Pass: bought in at {format_amount(current)}")

        return explain

    @property
    def state(self) -> State:
        if self._phase is Phase.READY:
            opening = self._opening
            return State(
                self._phase, opening.amount, opening.holder, opening.asking, opening.book_in, self._explainer()
            )
        asking = None if self._phase is Phase.CLOSED else self._asking
        return State(self._phase, self._current, self._holder, asking, self._book_in, self._explainer())

    # --- the clerk's entries ----------------------------------------------------------------

    def _record(self, holder: Holder, amount: Decimal, at: datetime) -> None:
        self._log.append(BidRecord(len(self._log) + 1, holder.source, holder.paddle, holder.line, amount, at))
        self._holder = holder
        self._current = amount

    def open(self, at: datetime) -> State:
        """Start the lot: the opening bid (the book's, or the seller's) goes on the log."""
        self._open(at)
        return self.state

    def _open(self, at: datetime) -> None:
        if self._phase is not Phase.READY:
            raise BidError(f"Lot {self.lot.number} is already open.")
        opening = self._opening
        if opening.underbid is not None:
            underbidder, maximum = opening.underbid
            self._record(Holder(Source.BOOK, underbidder.paddle), maximum, at)
        if opening.amount is not None and opening.holder is not None:
            self._record(opening.holder, opening.amount, at)
        self._phase = Phase.BIDDING

    def bid(self, live: LiveBid) -> State:
        """A live bid at the asking bid (or a named higher amount), answered by the book or the seller."""
        self._take(live)
        return self.state

    def _take(self, live: LiveBid) -> None:
        # The hot path of a sale (the benchmark runs it 30,000 times): plain locals, one pass.
        phase = self._phase
        if phase is _READY:
            raise BidError(f"Lot {self.lot.number} has not been opened; open it before taking bids.")
        if phase is _CLOSED:
            raise BidError(f"Lot {self.lot.number} is closed; the hammer has fallen and no bid can be taken.")
        asking = self._asking
        amount = live.amount
        paddle = live.paddle
        if amount is None:
            amount = asking
        elif amount < asking:
            raise BidError(
                f"Paddle {paddle}'s bid of {format_amount(amount)} is below the asking bid of"
                f" {format_amount(asking)}; take bids at or above the asking bid."
            )
        holder = self._holder
        current = self._current
        reserve = self._reserve
        if holder is not None and holder.paddle == paddle and (reserve is None or (current or amount) >= reserve):
            raise BidError(
                f"Paddle {paddle} already holds the bid at {format_amount(current or amount)};"
                " a bidder does not bid against themselves."
            )
        log, at, next_bid = self._log, live.at, self._ladder.next_bid
        source, line = live.source, live.line
        log.append(_record((len(log) + 1, source, paddle, line, amount, at)))
        holder = self._bidders.get(paddle)
        if holder is None or holder.source is not source or holder.line != line:
            holder = self._bidders[paddle] = Holder(source, paddle, line)
        current = amount
        top = self._top
        if self._book_in and top is not None:
            m1 = top.maximum
            leader = top.leader.paddle
            if leader != paddle and (amount < m1 or (amount == m1 and self._book_wins_ties)):
                current = min(m1, next_bid(amount))
                holder = Holder(_BOOK, leader)
                log.append(_record((len(log) + 1, _BOOK, leader, None, current, at)))
            else:
                self._book_in = False
        if reserve is not None and current < reserve and holder.source is not _BOOK and self._seller_bids:
            answer = next_bid(current)
            if answer < reserve:
                holder, current = SELLER, answer
                log.append(_record((len(log) + 1, _SELLER, None, None, current, at)))
        self._holder, self._current = holder, current
        self._asking = next_bid(current)
        self._phase = _BIDDING

    def no_bid(self, at: datetime) -> State:
        """The asking bid went unanswered: fair warning, then the hammer; with no bid yet, go backwards."""
        self._silence(at)
        return self.state

    def _silence(self, at: datetime) -> None:
        del at  # the moment is the clerk's; nothing is logged for silence
        if self._phase is Phase.READY:
            raise BidError(f"Lot {self.lot.number} has not been opened; open it first.")
        if self._phase is Phase.CLOSED:
            raise BidError(f"Lot {self.lot.number} is closed.")
        if self._holder is None:
            previous = self._ladder.previous_bid(self._asking) if self.settings.go_backwards else None
            if previous is not None and self._phase is Phase.BIDDING:
                self._asking = previous
            else:
                self._phase = Phase.CALLED
        elif self._phase is Phase.BIDDING:
            self._phase = Phase.WARNED
        else:
            self._phase = Phase.CALLED

    def hammer(self, at: datetime) -> Result:
        """The hammer falls: sold to the holder if the reserve allows, otherwise bought in."""
        if self._phase is Phase.READY:
            raise BidError(f"Lot {self.lot.number} has not been opened; it cannot be hammered.")
        if self._phase is Phase.CLOSED:
            raise BidError(f"Lot {self.lot.number} is already closed.")
        sold = self._sellable(self._holder, self._current)
        self._result = Result(
            lot=self.lot.number,
            currency=self.lot.currency,
            outcome=Outcome.SOLD if sold else Outcome.BOUGHT_IN,
            hammer=self._current if sold else None,
            buyer=self._holder if sold else None,
            bought_in_at=None if sold else self._current,
            reserve_met=self._reserve_met(self._current),
            log=tuple(self._log),
            closed_at=at,
        )
        self._phase = Phase.CLOSED
        return self._result


def run_lot(
    lot: Lot,
    book: Iterable[AbsenteeBid],
    live: Sequence[LiveBid] = (),
    *,
    opened_at: datetime,
    settings: EngineSettings = DEFAULT_SETTINGS,
) -> Result:
    """A whole lot in one call: open, take ``live`` in order, warn, call and hammer at the last moment."""
    engine = LotEngine(lot, book, settings)
    engine._open(opened_at)
    last = opened_at
    for bid in live:
        engine._take(bid)
        last = bid.at
    while engine._phase is not Phase.CALLED:
        engine._silence(last)
    return engine.hammer(last)


__all__ = [
    "DEFAULT_SETTINGS",
    "SELLER",
    "BidRecord",
    "EngineSettings",
    "Holder",
    "Instruction",
    "Lot",
    "LotEngine",
    "Outcome",
    "Phase",
    "Result",
    "Say",
    "State",
    "book_top",
    "execution_order",
    "run_lot",
]
