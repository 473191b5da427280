"""Clerking's API, under /api/v1/auctions/sales/{code}/: a lot's state as the clerk's screen reads it,
the clerk's keys (open, bid, no bid, hammer, pass, withdraw) and the saleroom board's state.

The lot's reserve is in the answer only for those who may read reserves (``null`` otherwise); the
engine's instruction never names a maximum or the reserve; the board's state is amounts only.
Refusals have the API's one error shape.
"""

from dataclasses import asdict
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema

from parure.auctions import board, queries
from parure.auctions.models import Lot, LotResult, Sale
from parure.auctions.services import clerking
from parure.auctions.visibility import AuctionViewer
from parure.core.api import requires
from parure.core.policy import acting_staff

router = Router()

SaleCode = Annotated[str, Path(max_length=20)]
LotLabel = Annotated[str, Path(max_length=8)]


class ClerkResultOut(Schema):
    outcome: str
    hammer: Decimal | None
    paddle: str
    source: str
    line: str
    bought_in_at: Decimal | None
    premium: Decimal | None
    recorded_at: str
    corrects: int | None
    reason: str


class LotStateOut(Schema):
    sale: str
    lot: str
    heading: str
    currency: str
    phase: str
    asking: Decimal | None
    current: Decimal | None
    holder: str | None  # "on the book", "in the room, paddle 1010", …
    instruction: str
    reserve: Decimal | None  # only for those who may read reserves
    result: ClerkResultOut | None


class BidIn(Schema):
    source: str = Field(max_length=8)  # room | phone | online
    paddle: str = Field(max_length=12)
    line: str = Field("", max_length=8)
    amount: Decimal | None = Field(None, max_digits=14, decimal_places=2)  # a jump bid; none: the asking bid


class HammerIn(Schema):
    amount: Decimal | None = Field(None, max_digits=14, decimal_places=2)  # the hammer the auctioneer called


class ClerkWithdrawIn(Schema):
    reason: str = Field(max_length=500)


class EquivalentOut(Schema):
    currency: str
    amount: str


class BoardOut(Schema):
    version: str
    sale: str
    currency: str
    live: bool
    lot: str
    heading: str
    status: str
    label: str
    amount: str
    standing: str
    equivalents: list[EquivalentOut]
    image: str
    image_alt: str


def _lot(code: str, label: str) -> tuple[Sale, Lot]:
    sale = queries.sale_by_code(code)
    return sale, queries.lot_of(sale, label)


def _result_out(result: LotResult) -> ClerkResultOut:
    return ClerkResultOut(
        outcome=result.outcome,
        hammer=result.hammer,
        paddle=result.paddle,
        source=result.source,
        line=result.line,
        bought_in_at=result.bought_in_at,
        premium=result.premium,
        recorded_at=result.recorded_at.isoformat(),
        corrects=result.corrects_id,
        reason=result.reason,
    )


def _cents(value: Decimal | None) -> Decimal | None:
    return value.quantize(Decimal("0.01")) if value is not None else None


def _state_out(request: HttpRequest, lot: Lot) -> LotStateOut:
    viewer = AuctionViewer(request.user)
    current = clerking.lot_state(lot)
    state = current.state
    return LotStateOut(
        sale=lot.sale.code,
        lot=lot.label,
        heading=lot.heading,
        currency=lot.sale.currency,
        phase=state.phase.value if current.result is None else "closed",
        asking=_cents(state.asking) if current.result is None else None,
        current=_cents(state.current) if current.opened else None,
        holder=state.holder.where if state.holder is not None and current.opened else None,
        instruction=state.instruction.text if current.result is None else "",
        reserve=viewer.reserve(lot),
        result=_result_out(current.result) if current.result is not None else None,
    )


@router.get("/sales/{code}/clerk/lots/{lot}", response=LotStateOut, operation_id="auctions_clerk_lot_state")
@requires("auctions.clerk")
def lot_state(request: HttpRequest, code: SaleCode, lot: LotLabel) -> LotStateOut:
    """Where the lot's bidding stands: asking, standing bid, who holds it, what to say next."""
    _sale, found = _lot(code, lot)
    return _state_out(request, found)


@router.post("/sales/{code}/clerk/lots/{lot}/open", response=LotStateOut, operation_id="auctions_clerk_open")
@requires("auctions.clerk")
def open_lot(request: HttpRequest, code: SaleCode, lot: LotLabel) -> LotStateOut:
    _sale, found = _lot(code, lot)
    clerking.clerk_open(lot=found, by=acting_staff(request))
    return _state_out(request, found)


@router.post("/sales/{code}/clerk/lots/{lot}/bid", response=LotStateOut, operation_id="auctions_clerk_bid")
@requires("auctions.clerk")
def bid(request: HttpRequest, code: SaleCode, lot: LotLabel, payload: BidIn) -> LotStateOut:
    """A live bid from the room, a telephone line or online, at the asking bid or the amount given."""
    _sale, found = _lot(code, lot)
    clerking.clerk_bid(
        lot=found, source=payload.source, paddle=payload.paddle, line=payload.line, amount=payload.amount,
        by=acting_staff(request),
    )  # fmt: skip
    return _state_out(request, found)


@router.post("/sales/{code}/clerk/lots/{lot}/no-bid", response=LotStateOut, operation_id="auctions_clerk_no_bid")
@requires("auctions.clerk")
def no_bid(request: HttpRequest, code: SaleCode, lot: LotLabel) -> LotStateOut:
    _sale, found = _lot(code, lot)
    clerking.clerk_no_bid(lot=found, by=acting_staff(request))
    return _state_out(request, found)


@router.post("/sales/{code}/clerk/lots/{lot}/hammer", response=ClerkResultOut, operation_id="auctions_clerk_hammer")
@requires("auctions.clerk")
def hammer(request: HttpRequest, code: SaleCode, lot: LotLabel, payload: HammerIn) -> ClerkResultOut:
    """The hammer: sold to the holder at the standing bid if the reserve allows, else bought in."""
    _sale, found = _lot(code, lot)
    return _result_out(clerking.clerk_hammer(lot=found, by=acting_staff(request), amount=payload.amount))


@router.post("/sales/{code}/clerk/lots/{lot}/pass", response=ClerkResultOut, operation_id="auctions_clerk_pass")
@requires("auctions.clerk")
def pass_lot(request: HttpRequest, code: SaleCode, lot: LotLabel) -> ClerkResultOut:
    _sale, found = _lot(code, lot)
    return _result_out(clerking.clerk_pass(lot=found, by=acting_staff(request)))


@router.post("/sales/{code}/clerk/lots/{lot}/withdraw", response=ClerkResultOut, operation_id="auctions_clerk_withdraw")
@requires("auctions.clerk")
def withdraw(request: HttpRequest, code: SaleCode, lot: LotLabel, payload: ClerkWithdrawIn) -> ClerkResultOut:
    _sale, found = _lot(code, lot)
    return _result_out(clerking.clerk_withdraw(lot=found, by=acting_staff(request), reason=payload.reason))


@router.get("/sales/{code}/board", response=BoardOut, operation_id="auctions_board")
@requires("auctions.view_board")
def board_state(request: HttpRequest, code: SaleCode) -> BoardOut:
    """What the saleroom board shows now: the lot and amounts only."""
    state = board.board_state(queries.sale_by_code(code))
    return BoardOut(**asdict(state))
