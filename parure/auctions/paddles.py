"""Paddle numbers: unique to a sale, read aloud in the room, so each ends in a check digit
(``parure.core.numbering``, Damm's algorithm) and a mistyped one is refused, never matched to
another bidder. House registrations count from 101, online platforms' bidders from 5001, so the
clerk knows from the number alone where a bidder is."""

from __future__ import annotations

import re

from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.core.numbering import check_digit, is_valid

HOUSE_FIRST = 101
ONLINE_FIRST = 5001
_PADDLE = re.compile(r"^\d{4,7}$")


def paddle_for(number: int) -> str:
    """The paddle for sequence ``number``: the number and its check digit (101 → 1010)."""
    body = str(number)
    return body + check_digit(body)


def parse_paddle(text: object, *, field: str = "paddle") -> str:
    """A paddle as typed, checked: digits only and the right check digit, or a sentence saying why not."""
    raw = str(text or "").strip()
    if not raw:
        raise AuctionError("Give the paddle number.", field=field, code=AuctionErrorCode.REQUIRED)
    shown = raw if len(raw) <= 12 else raw[:12] + "…"
    if not _PADDLE.match(raw):
        raise AuctionError(
            f"‘{shown}’ is not a paddle number; paddles are four to seven digits, such as 1010.",
            field=field,
            code=AuctionErrorCode.INVALID_PADDLE,
        )
    if not is_valid(raw):
        raise AuctionError(
            f"Paddle {raw} is mistyped: its last digit is not its check digit. Read the paddle again.",
            field=field,
            code=AuctionErrorCode.INVALID_PADDLE,
        )
    return raw
