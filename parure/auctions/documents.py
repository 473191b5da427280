"""What the sale's printed documents read: the auctioneer's book (per lot, the reserve, the absentee
book in execution order, the telephone lines and the engine's opening) and the bidder's absentee form
(the sale, its lots and the first steps of its increment table).

The page, the PDF and the API of the book share :func:`auctioneers_book`, which reads a sale of any
size in a fixed number of queries. What a viewer sees of a reserve or a maximum is the
:class:`~parure.auctions.visibility.AuctionViewer`'s to decide, here as everywhere: a value the viewer
may not read is None, and the documents leave it out.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from babel import Locale
from babel.numbers import format_currency

from parure.auctions import engine
from parure.auctions.choices import AbsenteeStatus, BidChannel, LotStatus, Outcome
from parure.auctions.execution import engine_bid, engine_lot, ladder_for, settings_for
from parure.auctions.models import AbsenteeBid, Lot, LotResult, Sale, TelephoneBid
from parure.auctions.visibility import AuctionViewer
from parure.core.money import Money


# --- Money as the documents print it --------------------------------------------------------------
@cache
def _whole_pattern(locale: str) -> str:
    pattern = str(Locale.parse(locale).currency_formats["standard"].pattern)
    return pattern.replace(".00", "")


def money(amount: Decimal | None, currency: str, locale: str) -> str:
    """``$8,000`` (a whole amount prints without cents, as catalogues print estimates), ``$8,000.50``."""
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        pattern = _whole_pattern(locale)
        return str(format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False))
    return Money.of(amount, currency).format(locale)


def estimate(low: Decimal, high: Decimal, currency: str, locale: str) -> str:
    """The estimate as the catalogue prints it: ``$8,000–12,000``."""
    return f"{money(low, currency, locale)}–{money(high, currency, locale)}"


# --- The auctioneer's book -------------------------------------------------------------------------
@dataclass(frozen=True)
class BookBid:
    """One absentee bid as the auctioneer's book lists it (in execution order)."""

    rank: int
    paddle: str
    bidder: str
    maximum: Decimal | None  # rounded down to the ladder; None for a viewer who may not read maxima
    given: Decimal | None  # what the bidder wrote, when it was rounded
    received_at: datetime
    channel: str
    or_group: str
    leaves_note: str  # "Leaves the book if lot 14 or 15 is won."
    cover_line: str  # the telephone line it covers, when it is a phone bidder's cover bid


@dataclass(frozen=True)
class BookPhone:
    line: str
    paddle: str
    bidder: str
    staff: str
    language: str


@dataclass(frozen=True)
class BookLot:
    lot: Lot
    label: str
    heading: str
    low: Decimal
    high: Decimal
    reserve: Decimal | None  # None without a reserve, or for a viewer who may not read it
    has_reserve: bool
    withdrawn_reason: str
    bids: list[BookBid]
    phones: list[BookPhone]
    opening: str  # the engine's instruction before the lot opens

    @property
    def withdrawn(self) -> bool:
        return self.lot.status == LotStatus.WITHDRAWN


def _lots_text(labels: list[str]) -> str:
    if len(labels) == 1:
        return f"lot {labels[0]}"
    return "lots " + ", ".join(labels[:-1]) + f" or {labels[-1]}"


def _won_groups(sale: Sale, bids: list[AbsenteeBid]) -> dict[int, set[tuple[int, str]]]:
    """For each lot with a result, the (registration, OR group) pairs its standing sale wins."""
    latest: dict[int, LotResult] = {}
    for result in LotResult.objects.filter(lot__sale=sale).order_by("lot_id", "recorded_at", "pk"):
        latest[result.lot_id] = result
    buyers = {
        (result.lot_id, result.registration_id)
        for result in latest.values()
        if result.outcome == Outcome.SOLD and result.registration_id is not None
    }
    won: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for bid in bids:
        if bid.or_group and (bid.lot_id, bid.registration_id) in buyers:
            won[bid.lot_id].add((bid.registration_id, bid.or_group))
    return won


def _opening(lot: Lot, book: list[engine.AbsenteeBid], ladder: engine.Ladder, settings: engine.EngineSettings) -> str:
    try:
        run = engine.LotEngine(engine_lot(lot, ladder=ladder), book, settings)
        return run.state.instruction.text
    except engine.EngineError as refusal:
        return f"The engine cannot open this lot: {refusal}"


def auctioneers_book(sale: Sale, viewer: AuctionViewer) -> list[BookLot]:
    """The sale's lots in order, each with its reserve, its absentee book in execution order (active
    bids; a telephone bidder's cover bid is listed with its line), its telephone lines and the
    opening the engine computes from the book as it stands (less cover bids whose line has not
    failed and OR bids whose group is won elsewhere). A fixed number of queries whatever the size."""
    ladder = ladder_for(sale)
    settings = settings_for(sale)
    lots = list(sale.lots.select_related("sale").order_by("position"))
    bids = list(
        AbsenteeBid.objects.filter(lot__sale=sale, status=AbsenteeStatus.ACTIVE)
        .select_related("registration", "cover_for")
        .order_by("received_at", "pk")
    )
    phones = list(
        TelephoneBid.objects.filter(lot__sale=sale, cancelled=False)
        .select_related("registration", "staff")
        .order_by("lot_id", "line", "requested_at", "pk")
    )
    labels = viewer.bidder_labels(
        {bid.registration.client_id for bid in bids} | {phone.registration.client_id for phone in phones}
    )
    won = _won_groups(sale, bids)
    label_of = {lot.pk: lot.label for lot in lots}
    position_of = {lot.pk: lot.position for lot in lots}
    group_lots: dict[tuple[int, str], list[int]] = defaultdict(list)
    for bid in bids:
        if bid.or_group:
            group_lots[(bid.registration_id, bid.or_group)].append(bid.lot_id)
    bids_of: dict[int, list[AbsenteeBid]] = defaultdict(list)
    for bid in bids:
        bids_of[bid.lot_id].append(bid)
    phones_of: dict[int, list[TelephoneBid]] = defaultdict(list)
    for phone in phones:
        phones_of[phone.lot_id].append(phone)

    def bidder(client_id: int) -> str:
        found = labels.get(client_id)
        return found.name if found is not None else ""

    book: list[BookLot] = []
    for lot in lots:
        won_elsewhere = set().union(*(pairs for lot_id, pairs in won.items() if lot_id != lot.pk))
        rows = bids_of.get(lot.pk, [])
        entries = [(engine_bid(row), row) for row in rows]
        try:
            ordered = engine.execution_order([entry for entry, _ in entries], ladder)
        except engine.EngineError:
            ordered = [(entry, row.maximum) for entry, row in entries]
        row_of = {id(entry): row for entry, row in entries}
        listed = []
        for rank, (entry, _rounded) in enumerate(ordered, start=1):
            row = row_of[id(entry)]
            others = sorted(
                (lot_id for lot_id in group_lots.get((row.registration_id, row.or_group), []) if lot_id != lot.pk),
                key=lambda lot_id: position_of.get(lot_id, 0),
            )
            note = f"Leaves the book if {_lots_text([label_of[pk] for pk in others])} is won." if others else ""
            listed.append(
                BookBid(
                    rank=rank,
                    paddle=row.registration.paddle,
                    bidder=bidder(row.registration.client_id),
                    maximum=viewer.maximum(row),
                    given=viewer.given(row) if row.given != row.maximum else None,
                    received_at=row.received_at,
                    channel=BidChannel(row.channel).label,
                    or_group=row.or_group,
                    leaves_note=note,
                    cover_line=row.cover_for.line if row.cover_for is not None else "",
                )
            )
        live_book = [
            entry
            for entry, row in entries
            if not (row.or_group and (row.registration_id, row.or_group) in won_elsewhere)
            and not (row.cover_for is not None and row.cover_for.line_failed_at is None)
        ]
        book.append(
            BookLot(
                lot=lot,
                label=lot.label,
                heading=lot.heading,
                low=lot.low_estimate,
                high=lot.high_estimate,
                reserve=viewer.reserve(lot),
                has_reserve=lot.reserve is not None and viewer.sees_reserves,
                withdrawn_reason=lot.withdrawn_reason,
                bids=listed,
                phones=[
                    BookPhone(
                        line=phone.line,
                        paddle=phone.registration.paddle,
                        bidder=bidder(phone.registration.client_id),
                        staff=str(phone.staff) if phone.staff is not None else "",
                        language=phone.language,
                    )
                    for phone in phones_of.get(lot.pk, [])
                ],
                opening="" if lot.status == LotStatus.WITHDRAWN else _opening(lot, live_book, ladder, settings),
            )
        )
    return book


# --- The absentee bid form ------------------------------------------------------------------------
@dataclass(frozen=True)
class LadderBand:
    """One decade of the increment table as the form prints it: ``From $1,000 to $10,000`` and its
    steps, runs of equal steps shortened (``$1,000–1,900 by $100``)."""

    start: Decimal
    end: Decimal
    steps: list[str]


def _runs(steps: list[Decimal], increments: list[Decimal]) -> list[list[Decimal]]:
    """Consecutive steps grouped by the increment to the next step."""
    runs: list[list[Decimal]] = []
    last: Decimal | None = None
    for step, increment in zip(steps, increments, strict=True):
        if runs and increment == last:
            runs[-1].append(step)
        else:
            runs.append([step])
        last = increment
    return runs


def ladder_bands(sale: Sale, locale: str, *, first: Decimal = Decimal(100), decades: int = 5) -> list[LadderBand]:
    """The sale's increment table, decade by decade from ``first`` (or the ladder's first step, if
    higher), so a bidder sees where amounts between steps fall (they are rounded down)."""
    ladder = ladder_for(sale)
    currency = sale.currency
    start = ladder.round_up(max(first, ladder.first))
    printed: list[LadderBand] = []
    for _ in range(decades):
        end = start * 10
        steps = [step for step in ladder.steps_between(start, end) if step < end]
        words: list[str] = []
        loose: list[Decimal] = []
        for run in _runs(steps, [ladder.next_bid(step) - step for step in steps]):
            if len(run) >= 4:
                if loose:
                    words.append(", ".join(money(step, currency, locale) for step in loose))
                    loose = []
                by = money(ladder.next_bid(run[0]) - run[0], currency, locale)
                words.append(f"{money(run[0], currency, locale)}–{money(run[-1], currency, locale)} by {by}")
            else:
                loose.extend(run)
        if loose:
            words.append(", ".join(money(step, currency, locale) for step in loose))
        printed.append(LadderBand(start=start, end=end, steps=words))
        start = ladder.round_up(end)
    return printed


def _local_text(moment: datetime, zone: str) -> str:
    return moment.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%d %b %Y %H:%M")


def book_display(book: list[BookLot], sale: Sale) -> list[dict[str, Any]]:
    """The book's rows with their amounts and times written out for the page and the PDF (money in the
    office's locale, times in its zone)."""
    currency, locale, zone = sale.currency, sale.office.locale, sale.office.time_zone
    rows = []
    for row in book:
        rows.append(
            {
                "label": row.label,
                "heading": row.heading,
                "withdrawn": row.withdrawn,
                "withdrawn_reason": row.withdrawn_reason,
                "estimate": estimate(row.low, row.high, currency, locale),
                "has_reserve": row.has_reserve,
                "reserve_text": money(row.reserve, currency, locale),
                "opening": row.opening,
                "bids": [
                    {
                        "rank": bid.rank,
                        "paddle": bid.paddle,
                        "bidder": bid.bidder,
                        "maximum_text": money(bid.maximum, currency, locale),
                        "given_text": money(bid.given, currency, locale),
                        "received_text": _local_text(bid.received_at, zone),
                        "channel": bid.channel,
                        "or_group": bid.or_group,
                        "leaves_note": bid.leaves_note,
                        "cover_line": bid.cover_line,
                    }
                    for bid in row.bids
                ],
                "phones": row.phones,
            }
        )
    return rows
