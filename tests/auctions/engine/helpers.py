"""Small builders for the engine tests: times, lots and bids in a few words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from parure.auctions.engine import AbsenteeBid, Channel, LiveBid, Lot, Source

OPENED = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def at(minutes: float = 0) -> datetime:
    return OPENED + timedelta(minutes=minutes)


def received(days_before: float) -> datetime:
    return OPENED - timedelta(days=days_before)


def lot(low: int, high: int, reserve: int | None = None, *, number: str = "12") -> Lot:
    return Lot(number, "USD", Decimal(low), Decimal(high), None if reserve is None else Decimal(reserve))


def absentee(paddle: str, maximum: int | str, days_before: float = 1, *, group: str | None = None) -> AbsenteeBid:
    return AbsenteeBid(paddle, Decimal(maximum), received(days_before), Channel.FORM, group)


def room(paddle: str, minutes: float = 1, amount: int | None = None) -> LiveBid:
    return LiveBid(Source.ROOM, paddle, at(minutes), None if amount is None else Decimal(amount))


def phone(paddle: str, line: str, minutes: float = 1) -> LiveBid:
    return LiveBid(Source.PHONE, paddle, at(minutes), line=line)


def online(paddle: str, minutes: float = 1) -> LiveBid:
    return LiveBid(Source.ONLINE, paddle, at(minutes))
