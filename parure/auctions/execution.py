"""The auctions' records as the engine reads them: a sale's ladder and settings, a lot's terms and its
absentee book, and the clerk's entries replayed into a :class:`~parure.auctions.engine.LotEngine`.

The engine never reads the database; this module is the one bridge. Pages, the API, the auctioneer's
book, the clerk's screen and the check before invoicing all go through it, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from parure.auctions import engine
from parure.auctions.choices import AbsenteeStatus, BidChannel, ClerkEntry
from parure.auctions.models import AbsenteeBid, ClerkAction, IncrementTable, Lot, Sale

_CHANNEL = {
    BidChannel.FORM: engine.Channel.FORM,
    BidChannel.EMAIL: engine.Channel.EMAIL,
    BidChannel.PHONE: engine.Channel.PHONE,
    BidChannel.ONLINE_PLATFORM: engine.Channel.ONLINE_PLATFORM,
}

_ladders: dict[tuple[int, str], engine.Ladder] = {}


def _pattern(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.replace(" ", "").split(",") if part)


def table_ladder(table: IncrementTable, bands: Sequence[object] | None = None) -> engine.Ladder:
    """The engine's ladder for an increment table (the standard one is made by code).

    A table's ladder is kept per table and last change, so a sale's lots share one (the ladder
    caches its steps)."""
    if table.standard:
        return engine.STANDARD
    key = (table.pk, table.updated_at.isoformat())
    found = _ladders.get(key)
    if found is not None:
        return found
    rows = list(bands) if bands is not None else list(table.bands.all())
    ladder = engine.table_ladder(
        [
            engine.Band(start=row.start, step=row.step, pattern=_pattern(row.pattern) if row.pattern else None)  # type: ignore[attr-defined]
            for row in rows
        ],
        name=table.name,
    )
    _ladders[key] = ladder
    return ladder


def ladder_for(sale: Sale) -> engine.Ladder:
    """The ladder the sale's auctioneer takes bids on."""
    return table_ladder(sale.increment_table)


def settings_for(sale: Sale) -> engine.EngineSettings:
    """The sale's choices where the conditions of sale leave one (docs/auction-rules.md)."""
    return engine.EngineSettings(
        book_wins_ties=sale.book_wins_ties,
        sell_one_step_below_reserve=sale.sell_one_step_below_reserve,
        go_backwards=sale.go_backwards,
        opening_fraction=sale.opening_fraction,
        seller_bids=sale.seller_bids,
    )


def engine_lot(lot: Lot, *, ladder: engine.Ladder | None = None) -> engine.Lot:
    """The lot's terms for the engine (its reserve included: the engine runs for every viewer; what a
    viewer is shown of its state is the visibility's to decide)."""
    sale = lot.sale
    return engine.Lot(
        number=lot.label,
        currency=sale.currency,
        low_estimate=lot.low_estimate,
        high_estimate=lot.high_estimate,
        reserve=lot.reserve,
        ladder=ladder or ladder_for(sale),
    )


def engine_bid(bid: AbsenteeBid) -> engine.AbsenteeBid:
    """One absentee bid as the engine reads it (its paddle, the maximum as given, received time)."""
    return engine.AbsenteeBid(
        paddle=bid.registration.paddle,
        maximum=bid.given,
        received=bid.received_at,
        channel=_CHANNEL[BidChannel(bid.channel)],
        or_group=f"{bid.registration_id}:{bid.or_group}" if bid.or_group else None,
    )


def book_for(lot: Lot, *, excluded_paddles: Iterable[str] = ()) -> list[engine.AbsenteeBid]:
    """The lot's absentee book as it stands: active bids, less the paddles that left it (an OR bid
    already won on an earlier lot)."""
    gone = set(excluded_paddles)
    rows = (
        AbsenteeBid.objects.filter(lot=lot, status=AbsenteeStatus.ACTIVE)
        .select_related("registration")
        .order_by("received_at", "pk")
    )
    return [engine_bid(row) for row in rows if row.registration.paddle not in gone]


def replay(
    lot: Lot,
    book: Iterable[engine.AbsenteeBid],
    actions: Iterable[ClerkAction],
    *,
    ladder: engine.Ladder | None = None,
) -> engine.LotEngine:
    """A lot's engine with the clerk's entries so far replayed in order."""
    run = engine.LotEngine(engine_lot(lot, ladder=ladder), book, settings_for(lot.sale))
    for action in actions:
        if action.entry == ClerkEntry.OPEN:
            run.open(action.at)
        elif action.entry == ClerkEntry.BID:
            run.bid(
                engine.LiveBid(
                    source=engine.Source(action.source),
                    paddle=action.paddle,
                    at=action.at,
                    amount=action.amount,
                    line=action.line or None,
                )
            )
        else:
            run.no_bid(action.at)
    return run


def premium_on(hammer: Decimal, bands: Sequence[tuple[Decimal, Decimal]], currency: str = "USD") -> Decimal:
    """The buyer's premium on ``hammer``: each band's rate on the slice of the hammer from its threshold
    to the next band's, summed and rounded half-up to the currency's minor unit (``core.money.marginal``).
    ``bands`` are (threshold, rate) rising."""
    from parure.core.money import Money, marginal

    return marginal(Money.of(hammer, currency), bands).amount


def now_or(at: datetime | None) -> datetime:
    from django.utils import timezone

    return at or timezone.now()
