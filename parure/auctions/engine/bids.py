"""The bids the engine reads: the absentee book (entered before the sale) and live bids (on the day).

An absentee bid is a maximum hammer for one lot, with its received time (earliest wins a tie),
its channel and an optional OR-group (a bidder who wants only one lot of the group). A live bid is
a room paddle, a telephone line or an online bidder taking the asking bid (or naming a higher
amount) at a moment. Times must be timezone-aware; the engine compares them as instants.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from .errors import BidError
from .ladder import Ladder
from .money import format_amount, to_amount

#: Words bidders write instead of a maximum; the conditions of sale refuse them.
UNLIMITED_WORDS = frozenset(
    {"buy", "buy bid", "unlimited", "no limit", "any price", "whatever it takes", "+1", "plus one"}
)


class Channel(StrEnum):
    """How an absentee bid reached the bids office."""

    FORM = "form"
    EMAIL = "e-mail"
    PHONE = "phone"
    ONLINE_PLATFORM = "online platform"


class Source(StrEnum):
    """Where a bid in the log came from."""

    BOOK = "book"
    ROOM = "room"
    PHONE = "phone"
    ONLINE = "online"
    SELLER = "seller"


LIVE_SOURCES = frozenset({Source.ROOM, Source.PHONE, Source.ONLINE})


def _aware(value: object, *, what: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise BidError(f"{what} must be a timezone-aware date and time; {value!r} is not.")
    return value


def _paddle(value: object, *, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BidError(f"{what} needs a paddle (bidder number); none was given.")
    return value.strip()


def maximum_amount(value: object, *, paddle: str = "") -> Decimal:
    """An absentee maximum as a ``Decimal``; "buy" and unlimited bids are refused with a sentence."""
    who = f"Paddle {paddle}'s absentee bid" if paddle else "An absentee bid"
    if value is None or (isinstance(value, str) and value.strip().lower() in UNLIMITED_WORDS):
        shown = "no amount" if value is None else repr(value)
        raise BidError(
            f"{who} gives {shown} as its maximum: 'buy' or unlimited bids are not accepted;"
            " give a maximum hammer price in the sale's currency."
        )
    if isinstance(value, Decimal) and value.is_infinite():
        raise BidError(f"{who} is unlimited: give a maximum hammer price in the sale's currency.")
    return to_amount(value, what=f"{who}'s maximum")


@dataclass(frozen=True, slots=True)
class AbsenteeBid:
    """A maximum hammer left with the bids office (written, e-mailed, phoned or from a platform)."""

    paddle: str
    maximum: Decimal
    received: datetime
    channel: Channel = Channel.FORM
    or_group: str | None = None

    def __post_init__(self) -> None:
        paddle = _paddle(self.paddle, what="An absentee bid")
        object.__setattr__(self, "paddle", paddle)
        object.__setattr__(self, "maximum", maximum_amount(self.maximum, paddle=paddle))
        _aware(self.received, what=f"Paddle {paddle}'s absentee bid's received time")
        object.__setattr__(self, "channel", Channel(self.channel))
        if self.or_group is not None and not (isinstance(self.or_group, str) and self.or_group.strip()):
            raise BidError(f"Paddle {paddle}'s OR-group must be a name, or none.")


@dataclass(frozen=True, slots=True)
class LiveBid:
    """A bid on the day: a room paddle, a telephone line (with its bidder's paddle) or an online bidder.

    ``amount`` None means "at the asking bid"; a higher amount is a jump bid.
    """

    source: Source
    paddle: str
    at: datetime
    amount: Decimal | None = None
    line: str | None = None

    def __post_init__(self) -> None:
        source = Source(self.source)
        if source not in LIVE_SOURCES:
            raise BidError(f"A live bid comes from the room, a phone line or online, not from the {source}.")
        object.__setattr__(self, "source", source)
        paddle = _paddle(self.paddle, what=f"A {source} bid")
        object.__setattr__(self, "paddle", paddle)
        _aware(self.at, what=f"Paddle {paddle}'s bid time")
        if self.amount is not None:
            object.__setattr__(self, "amount", to_amount(self.amount, what=f"Paddle {paddle}'s bid"))
        if source is Source.PHONE and not (isinstance(self.line, str) and self.line.strip()):
            raise BidError(f"Paddle {paddle}'s telephone bid needs the line it came on.")


@dataclass(frozen=True, slots=True)
class Rounding:
    """What an absentee maximum becomes on the ladder, and the sentence the bidder is told."""

    given: Decimal
    accepted: Decimal

    @property
    def rounded(self) -> bool:
        return self.accepted != self.given

    @property
    def message(self) -> str:
        if not self.rounded:
            return f"Your maximum of {format_amount(self.given)} is on the bidding ladder and is accepted as given."
        return (
            f"Your maximum of {format_amount(self.given)} falls between the auctioneer's steps;"
            f" it is accepted as {format_amount(self.accepted)}, the step below."
        )


def round_maximum(value: object, ladder: Ladder, *, paddle: str = "") -> Rounding:
    """An absentee maximum rounded down to ``ladder`` (refusing "buy" bids and amounts below its first step)."""
    given = maximum_amount(value, paddle=paddle)
    return Rounding(given=given, accepted=ladder.round_down(given))


def below_half_low_estimate(maximum: Decimal, low_estimate: Decimal) -> bool:
    """True when an absentee maximum is under half the low estimate: flagged to the specialist."""
    return maximum * 2 < low_estimate
