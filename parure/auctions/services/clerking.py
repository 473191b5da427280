"""Clerking the live sale: the clerk's keys (open, a bid from the room, a telephone line or online, no
bid), and the lot's end (hammer, pass, withdraw), each saved the moment it is keyed.

The clerk's entries are append-only (:class:`~parure.auctions.models.ClerkAction`); the engine replays
a lot's entries over its absentee book to state where the bidding stands, so every screen that asks
agrees. A lot's end is a :class:`~parure.auctions.models.LotResult` with the engine's whole bid log
(:class:`~parure.auctions.models.LotBid`); results are never changed, a correction is a new result
naming the one it corrects, with the reason and who made it. The pieces' sale state follows: sold,
unsold, or back to consigned when the lot is withdrawn.

Every write locks the lot's row first, so two clerks keying the same lot at once are taken one after
the other, and the second is checked against the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from parure.auctions import engine
from parure.auctions.choices import (
    LIVE_BID_SOURCES,
    AbsenteeStatus,
    BidSource,
    ClerkEntry,
    LotStatus,
    Outcome,
    SaleStatus,
)
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.execution import engine_bid, premium_on, replay
from parure.auctions.models import (
    AbsenteeBid,
    ClerkAction,
    Lot,
    LotBid,
    LotResult,
    Registration,
    Sale,
)
from parure.auctions.paddles import parse_paddle
from parure.auctions.premiums import schedule_for_lot
from parure.auctions.services.common import amount as parse_amount
from parure.auctions.services.common import bounded
from parure.auctions.services.sales import lot_reference, mark_withdrawn
from parure.core.models import Staff
from parure.inventory.choices import SaleState
from parure.inventory.services.selling import pieces_sale_state

REASON_MAX = 500


# --- Reading where a lot stands -------------------------------------------------------------------
def standing_result(lot: Lot) -> LotResult | None:
    """The lot's result as it stands: its latest (a correction supersedes what it corrects)."""
    return lot.results.order_by("-recorded_at", "-pk").first()


def won_or_groups(sale: Sale, *, before: Lot | None = None) -> set[tuple[int, str]]:
    """The (registration, OR group) pairs already won in ``sale``: a bidder who bought a lot on which
    they had an OR bid wants none of the group's other lots."""
    won: set[tuple[int, str]] = set()
    results = LotResult.objects.filter(lot__sale=sale).exclude(lot=before).order_by("lot_id", "recorded_at", "pk")
    latest: dict[int, LotResult] = {}
    for result in results:
        latest[result.lot_id] = result
    buyers = {
        (result.lot_id, result.registration_id)
        for result in latest.values()
        if result.outcome == Outcome.SOLD and result.registration_id is not None
    }
    if not buyers:
        return won
    grouped = AbsenteeBid.objects.filter(lot__sale=sale, lot_id__in={lot for lot, _ in buyers}).exclude(or_group="")
    for bid in grouped.only("lot_id", "registration_id", "or_group"):
        if (bid.lot_id, bid.registration_id) in buyers:
            won.add((bid.registration_id, bid.or_group))
    return won


def book_rows(lot: Lot) -> list[AbsenteeBid]:
    """The lot's absentee book as it stands when the lot comes up: active bids, less OR bids whose group
    the bidder has won already, and less telephone cover bids whose line has not failed."""
    rows = list(
        AbsenteeBid.objects.filter(lot=lot, status=AbsenteeStatus.ACTIVE)
        .select_related("registration", "cover_for")
        .order_by("received_at", "pk")
    )
    # The sale's earlier results are read only when an OR bid on this lot could have left the book.
    won = won_or_groups(lot.sale, before=lot) if any(row.or_group for row in rows) else set()
    book = []
    for row in rows:
        if row.or_group and (row.registration_id, row.or_group) in won:
            continue
        if row.cover_for is not None and (row.cover_for.cancelled or row.cover_for.line_failed_at is None):
            continue
        book.append(row)
    return book


def actions_of(lot: Lot) -> QuerySet[ClerkAction]:
    return lot.clerk_actions.order_by("sequence")


@dataclass(frozen=True)
class LotState:
    """A lot at one moment as the clerk's screen and the board read it."""

    lot: Lot
    run: engine.LotEngine
    result: LotResult | None

    @property
    def state(self) -> engine.State:
        return self.run.state

    @property
    def opened(self) -> bool:
        return self.run.state.phase is not engine.Phase.READY

    @property
    def closed(self) -> bool:
        return self.result is not None


def lot_state(lot: Lot) -> LotState:
    """Where ``lot`` stands: its engine with the clerk's entries replayed, and its result if it has ended."""
    book = [engine_bid(row) for row in book_rows(lot)]
    run = replay(lot, book, list(actions_of(lot)))
    return LotState(lot=lot, run=run, result=standing_result(lot))


# --- The clerk's keys ------------------------------------------------------------------------------
def _locked(lot: Lot) -> Lot:
    locked = Lot.objects.select_for_update().select_related("sale", "sale__premium_schedule", "sale__increment_table")
    return locked.get(pk=lot.pk)


def _check_live(lot: Lot, action: str) -> None:
    if lot.sale.status != SaleStatus.LIVE:
        raise AuctionError(
            f"Sale {lot.sale.code} is {lot.sale.get_status_display().lower()}, not live; {action} waits for the sale.",
            code=AuctionErrorCode.SALE_NOT_LIVE,
        )
    if lot.status == LotStatus.WITHDRAWN:
        raise AuctionError(
            f"Lot {lot.label} is withdrawn ({lot.withdrawn_reason}); it takes no bids.",
            field="lot",
            code=AuctionErrorCode.LOT_WITHDRAWN,
        )
    if standing_result(lot) is not None:
        raise AuctionError(
            f"Lot {lot.label} has its result already; a senior corrects it from the results page.",
            field="lot",
            code=AuctionErrorCode.LOT_CLOSED,
        )


def _next_sequence(lot: Lot) -> int:
    return (lot.clerk_actions.aggregate(top=Max("sequence"))["top"] or 0) + 1


def _refused(refusal: engine.EngineError, *, field: str | None = None) -> AuctionError:
    return AuctionError(str(refusal), field=field, code=AuctionErrorCode.BID_REFUSED)


def bidder_for(sale: Sale, paddle_text: str, *, field: str = "paddle") -> Registration:
    """The approved registration behind a typed paddle: mistyped, unknown and unapproved paddles refused."""
    paddle = parse_paddle(paddle_text, field=field)
    registration = Registration.objects.filter(sale=sale, paddle=paddle).first()
    if registration is None:
        raise AuctionError(
            f"Paddle {paddle} is not registered for sale {sale.code}.",
            field=field,
            code=AuctionErrorCode.UNKNOWN_PADDLE,
        )
    if not registration.is_approved:
        raise AuctionError(
            f"Paddle {paddle} is {registration.get_status_display().lower()}, not approved; it cannot bid.",
            field=field,
            code=AuctionErrorCode.PADDLE_NOT_APPROVED,
        )
    return registration


def _telephone_line(lot: Lot, registration: Registration, line: str) -> str:
    line = bounded(line, limit=8, field="line", label="The telephone line", required=True)
    booked = lot.telephone_bids.filter(cancelled=False, line=line).select_related("registration").first()
    if booked is None:
        raise AuctionError(
            f"Lot {lot.label} has no telephone line {line}; assign the line on the telephone sheet first.",
            field="line",
            code=AuctionErrorCode.BID_REFUSED,
        )
    if booked.registration_id != registration.pk:
        raise AuctionError(
            f"Line {line} on lot {lot.label} is paddle {booked.registration.paddle}'s,"
            f" not paddle {registration.paddle}'s.",
            field="line",
            code=AuctionErrorCode.BID_REFUSED,
        )
    return line


def _save(lot: Lot, by: Staff, entry: ClerkEntry, at: datetime, **fields: object) -> ClerkAction:
    return ClerkAction.objects.create(lot=lot, sequence=_next_sequence(lot), entry=entry, at=at, by=by, **fields)


@transaction.atomic
def clerk_open(*, lot: Lot, by: Staff, at: datetime | None = None) -> LotState:
    """Bring the lot up: the engine's opening (the book's, the seller's or the room's) goes on the log."""
    lot = _locked(lot)
    _check_live(lot, "opening a lot")
    moment = at or timezone.now()
    current = lot_state(lot)
    try:
        current.run.open(moment)
    except engine.EngineError as refusal:
        raise _refused(refusal) from None
    _save(lot, by, ClerkEntry.OPEN, moment)
    return LotState(lot=lot, run=current.run, result=None)


@transaction.atomic
def clerk_bid(
    *,
    lot: Lot,
    source: BidSource | str,
    paddle: str,
    by: Staff,
    line: str = "",
    amount: object = None,
    at: datetime | None = None,
) -> LotState:
    """A live bid at the asking bid (or a named higher amount) from the room, a telephone line or online."""
    lot = _locked(lot)
    _check_live(lot, "taking a bid")
    try:
        source = BidSource(source)
    except ValueError:
        raise AuctionError(
            "A live bid comes from the room, a telephone line or online.", field="source", code=AuctionErrorCode.INVALID
        ) from None
    if source not in LIVE_BID_SOURCES:
        raise AuctionError(
            "A live bid comes from the room, a telephone line or online.", field="source", code=AuctionErrorCode.INVALID
        )
    registration = bidder_for(lot.sale, paddle)
    line = _telephone_line(lot, registration, line) if source == BidSource.PHONE else ""
    named = parse_amount(amount, field="amount", label="The bid", required=False)
    moment = at or timezone.now()
    current = lot_state(lot)
    try:
        current.run.bid(
            engine.LiveBid(
                source=engine.Source(source.value),
                paddle=registration.paddle,
                at=moment,
                amount=named,
                line=line or None,
            )
        )
    except engine.EngineError as refusal:
        raise _refused(refusal, field="amount" if named is not None else "paddle") from None
    _save(lot, by, ClerkEntry.BID, moment, source=source, paddle=registration.paddle, line=line, amount=named)
    return LotState(lot=lot, run=current.run, result=None)


@transaction.atomic
def clerk_no_bid(*, lot: Lot, by: Staff, at: datetime | None = None) -> LotState:
    """The asking bid went unanswered: fair warning, then the call (or, with no bid yet, come down a step)."""
    lot = _locked(lot)
    _check_live(lot, "keying no bid")
    moment = at or timezone.now()
    current = lot_state(lot)
    try:
        current.run.no_bid(moment)
    except engine.EngineError as refusal:
        raise _refused(refusal) from None
    _save(lot, by, ClerkEntry.NO_BID, moment)
    return LotState(lot=lot, run=current.run, result=None)


def _premium(lot: Lot, hammer: Decimal) -> Decimal:
    """The premium on ``hammer`` by the schedule the lot is charged by (the sale's, or the one its
    exclusions name for the lot's category: ``auctions.premiums``)."""
    schedule = schedule_for_lot(lot.sale, lot.pieces.values_list("item_id", flat=True))
    return premium_on(hammer, schedule.bands, lot.sale.currency)


def _pieces(lot: Lot) -> list[object]:
    return [entry.item for entry in lot.pieces.select_related("item")]


def _record_result(
    lot: Lot,
    by: Staff,
    *,
    outcome: Outcome,
    log: Sequence[engine.BidRecord] = (),
    hammer: Decimal | None = None,
    registration: Registration | None = None,
    source: str = "",
    line: str = "",
    bought_in_at: Decimal | None = None,
    reserve_met: bool = False,
    corrects: LotResult | None = None,
    reason: str = "",
) -> LotResult:
    result = LotResult.objects.create(
        lot=lot,
        outcome=outcome,
        hammer=hammer,
        registration=registration,
        paddle=registration.paddle if registration is not None else "",
        source=source,
        line=line,
        bought_in_at=bought_in_at,
        reserve_met=reserve_met,
        premium=_premium(lot, hammer) if hammer is not None else None,
        recorded_by=by,
        corrects=corrects,
        reason=reason,
    )
    LotBid.objects.bulk_create(
        [
            LotBid(
                result=result,
                sequence=record.sequence,
                source=BidSource(record.source.value),
                paddle=record.paddle or "",
                line=record.line or "",
                amount=record.amount,
                at=record.at,
            )
            for record in log
        ]
    )
    state = {Outcome.SOLD: SaleState.SOLD, Outcome.BOUGHT_IN: SaleState.UNSOLD, Outcome.WITHDRAWN: SaleState.CONSIGNED}
    pieces_sale_state(items=_pieces(lot), state=state[outcome], reference=lot_reference(lot), by=by)  # type: ignore[arg-type]
    return result


@transaction.atomic
def clerk_hammer(*, lot: Lot, by: Staff, amount: object = None, at: datetime | None = None) -> LotResult:
    """The hammer falls: sold to the holder at the standing bid if the reserve allows, otherwise bought in.

    ``amount``, when the clerk types the hammer the auctioneer called, must be the standing bid: a hammer
    below it (below a standing absentee bid, say) is refused, never saved."""
    lot = _locked(lot)
    _check_live(lot, "the hammer")
    moment = at or timezone.now()
    current = lot_state(lot)
    state = current.run.state
    if state.phase is engine.Phase.READY:
        raise AuctionError(
            f"Lot {lot.label} has not been opened; open it before the hammer.", code=AuctionErrorCode.LOT_NOT_OPEN
        )
    called = parse_amount(amount, field="amount", label="The hammer", required=False)
    if called is not None and state.current is not None and called != state.current:
        where = state.holder.where if state.holder is not None else ""
        if called < state.current:
            message = (
                f"The hammer of {called:,.0f} is below the standing bid of {state.current:,.0f} {where};"
                " the lot is sold at the standing bid or not at all."
            )
        else:
            message = (
                f"The hammer of {called:,.0f} is above the standing bid of {state.current:,.0f} {where};"
                " key the bid first."
            )
        raise AuctionError(message, field="amount", code=AuctionErrorCode.BELOW_ABSENTEE)
    try:
        result = current.run.hammer(moment)
    except engine.EngineError as refusal:
        raise _refused(refusal) from None
    if result.sold and result.buyer is not None and result.hammer is not None:
        buyer = bidder_for(lot.sale, result.buyer.paddle or "")
        return _record_result(
            lot,
            by,
            outcome=Outcome.SOLD,
            log=result.log,
            hammer=result.hammer,
            registration=buyer,
            source=result.buyer.source.value,
            line=result.buyer.line or "",
            reserve_met=result.reserve_met,
        )
    return _record_result(
        lot, by, outcome=Outcome.BOUGHT_IN, log=result.log, bought_in_at=result.bought_in_at, reserve_met=False
    )


@transaction.atomic
def clerk_pass(*, lot: Lot, by: Staff, at: datetime | None = None) -> LotResult:
    """The auctioneer passes the lot: bought in. Refused while the standing bid would sell it (a standing
    absentee or live bid at or above the reserve must be hammered, not passed)."""
    lot = _locked(lot)
    _check_live(lot, "passing a lot")
    current = lot_state(lot)
    state = current.run.state
    if state.phase is not engine.Phase.READY and state.holder is not None and state.current is not None:
        holder = state.holder
        reserve_met = lot.reserve is None or state.current >= lot.reserve
        if holder.source is not engine.Source.SELLER and reserve_met:
            raise AuctionError(
                f"Lot {lot.label} stands at {state.current:,.0f} {holder.where}, which sells it; hammer it rather"
                " than pass it.",
                code=AuctionErrorCode.BID_REFUSED,
            )
    log = current.run.log
    last = log[-1].amount if log else None
    return _record_result(lot, by, outcome=Outcome.BOUGHT_IN, log=log, bought_in_at=last)


@transaction.atomic
def clerk_withdraw(*, lot: Lot, by: Staff, reason: str, at: datetime | None = None) -> LotResult:
    """Withdraw the lot on the day (before its hammer), with the reason; its pieces go back to consigned."""
    lot = _locked(lot)
    _check_live(lot, "withdrawing a lot")
    reason = bounded(reason, limit=REASON_MAX, field="reason", label="The reason", required=True)
    mark_withdrawn(lot, reason=reason, by=by, at=at)
    return _record_result(lot, by, outcome=Outcome.WITHDRAWN, log=lot_state(lot).run.log, reason=reason)


@transaction.atomic
def result_correct(
    *,
    lot: Lot,
    by: Staff,
    reason: str,
    outcome: Outcome | str,
    hammer: object = None,
    paddle: str = "",
) -> LotResult:
    """A senior's correction of a lot's result: a new result naming the one it corrects, with the reason.
    A sale to a paddle needs the hammer and an approved paddle."""
    lot = _locked(lot)
    if lot.sale.status not in (SaleStatus.LIVE, SaleStatus.CLOSED):
        raise AuctionError(f"Sale {lot.sale.code} has no results yet.", code=AuctionErrorCode.SALE_STATUS)
    previous = standing_result(lot)
    if previous is None:
        raise AuctionError(
            f"Lot {lot.label} has no result to correct; it is clerked from the clerk's screen.",
            code=AuctionErrorCode.BID_REFUSED,
        )
    reason = bounded(reason, limit=REASON_MAX, field="reason", label="The reason", required=True)
    try:
        outcome = Outcome(outcome)
    except ValueError:
        raise AuctionError(
            "Choose sold, bought in or withdrawn.", field="outcome", code=AuctionErrorCode.INVALID
        ) from None
    if outcome == Outcome.SOLD:
        price = parse_amount(hammer, field="hammer", label="The hammer")
        buyer = bidder_for(lot.sale, paddle)
        reserve_met = lot.reserve is None or (price is not None and price >= lot.reserve)
        return _record_result(
            lot,
            by,
            outcome=outcome,
            hammer=price,
            registration=buyer,
            source=previous.source or BidSource.ROOM,
            reserve_met=reserve_met,
            corrects=previous,
            reason=reason,
        )
    if outcome == Outcome.WITHDRAWN:
        mark_withdrawn(lot, reason=reason, by=by)
    return _record_result(lot, by, outcome=outcome, corrects=previous, reason=reason)


@transaction.atomic
def line_failed(*, lot: Lot, line: str, by: Staff, at: datetime | None = None) -> LotState:
    """The clerk marks a telephone line failed before the lot opens: its cover bid goes on the book."""
    lot = _locked(lot)
    _check_live(lot, "marking a line failed")
    if actions_of(lot).exists():
        raise AuctionError(
            f"Lot {lot.label} is open already; the cover bid can only join the book before the lot opens.",
            field="line",
            code=AuctionErrorCode.BID_REFUSED,
        )
    line = bounded(line, limit=8, field="line", label="The telephone line", required=True)
    updated = lot.telephone_bids.filter(cancelled=False, line=line, line_failed_at__isnull=True).update(
        line_failed_at=at or timezone.now()
    )
    if not updated:
        raise AuctionError(
            f"Lot {lot.label} has no open telephone line {line}.", field="line", code=AuctionErrorCode.BID_REFUSED
        )
    del by  # who keyed it is the clerk on the lot's next entry; the line keeps only when it failed
    return lot_state(lot)
