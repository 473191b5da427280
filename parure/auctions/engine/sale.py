"""Across the lots of a sale: OR bids leave the book once their bidder has won a lot of the group.

An OR bid ("lot 12 OR lot 14 OR lot 15") is an absentee bid carrying an OR-group name. The
``SaleBook`` keeps every lot's absentee bids and, as results come in lot order, takes the other
bids of a group out of the book as soon as their paddle wins one lot of it (by the book or live).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .bids import AbsenteeBid, LiveBid
from .engine import DEFAULT_SETTINGS, EngineSettings, Lot, Result, run_lot


class SaleBook:
    """Every lot's absentee bids, less the OR bids whose group their paddle has already won."""

    def __init__(self, bids: Mapping[str, Iterable[AbsenteeBid]]) -> None:
        self._bids = {lot: tuple(book) for lot, book in bids.items()}
        self._won: set[tuple[str, str]] = set()

    def book_for(self, lot: str) -> tuple[AbsenteeBid, ...]:
        """The bids still in the book for ``lot``."""
        return tuple(
            bid
            for bid in self._bids.get(lot, ())
            if bid.or_group is None or (bid.paddle, bid.or_group) not in self._won
        )

    def left_the_book(self, lot: str) -> tuple[AbsenteeBid, ...]:
        """The bids on ``lot`` that left the book because their OR-group was already won."""
        return tuple(
            bid
            for bid in self._bids.get(lot, ())
            if bid.or_group is not None and (bid.paddle, bid.or_group) in self._won
        )

    def record(self, result: Result) -> None:
        """A lot's result: if its buyer had an OR bid on it, the rest of that group leaves the book."""
        if not result.sold or result.buyer is None or result.buyer.paddle is None:
            return
        paddle = result.buyer.paddle
        for bid in self._bids.get(result.lot, ()):
            if bid.paddle == paddle and bid.or_group is not None:
                self._won.add((paddle, bid.or_group))


@dataclass(frozen=True, slots=True)
class LotRun:
    """One lot of a sale as it is offered: its terms, the live bids taken, and when it opened."""

    lot: Lot
    opened_at: datetime
    live: Sequence[LiveBid] = ()


def run_sale(runs: Sequence[LotRun], book: SaleBook, *, settings: EngineSettings = DEFAULT_SETTINGS) -> list[Result]:
    """Each lot in order through the engine, with OR bids leaving the book as their groups are won."""
    results: list[Result] = []
    for run in runs:
        result = run_lot(run.lot, book.book_for(run.lot.number), run.live, opened_at=run.opened_at, settings=settings)
        book.record(result)
        results.append(result)
    return results
