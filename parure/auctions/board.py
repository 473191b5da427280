"""What the clerk's screen and the saleroom board read of a live sale: the lot in hand, where its
bidding stands, and the board's amounts in the day's currencies.

The board shows amounts and the lot only: never the reserve, a maximum, a paddle or a bidder's
name, whoever looks at it. Its version (the sale's latest clerk entry, result and rates) lets a
poll that finds nothing new answer 304 without reading a lot.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max

from parure.auctions import engine, queries
from parure.auctions.choices import LotStatus, Outcome
from parure.auctions.engine.money import format_amount
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import ClerkAction, ExchangeRate, Lot, LotResult, Sale
from parure.auctions.services.clerking import LotState, lot_state
from parure.auctions.services.sales import parse_lot_number


# --- The lot in hand -------------------------------------------------------------------------------
def lot_in_hand(sale: Sale, label: str | None = None) -> Lot | None:
    """The lot named by ``label`` (12, 12A), or the first lot in order still to be sold (no result,
    not withdrawn); None when every lot has its result."""
    if label:
        return queries.lot_of(sale, label)
    waiting = queries.lots_of(sale).filter(results__isnull=True).exclude(status=LotStatus.WITHDRAWN)
    return waiting.first()


def lot_by_label(sale: Sale, label: str) -> Lot:
    """The sale's lot with this number, read alone (the clerk's keys need the row, not its pieces)."""
    number, suffix = parse_lot_number(label, field="lot")
    lot = Lot.objects.filter(sale=sale, number=number, suffix=suffix).first()
    if lot is None:
        raise AuctionError(
            f"Sale {sale.code} has no lot {number}{suffix}.", field="lot", code=AuctionErrorCode.UNKNOWN_LOT
        )
    lot.sale = sale
    return lot


def neighbours(sale: Sale, lot: Lot) -> tuple[str | None, str | None]:
    """The labels of the lots before and after ``lot`` in the sale's order."""
    lots = sale.lots.order_by("position")
    before = lots.filter(position__lt=lot.position).order_by("-position").first()
    after = lots.filter(position__gt=lot.position).first()
    return (before.label if before else None, after.label if after else None)


def board_lot(sale: Sale) -> Lot | None:
    """The lot the board shows: the one the clerk keyed last (an entry or a result), else the first
    still to be sold."""
    action = ClerkAction.objects.filter(lot__sale=sale).order_by("-at", "-pk").only("lot_id", "at").first()
    result = LotResult.objects.filter(lot__sale=sale).order_by("-recorded_at", "-pk").only("lot_id", "recorded_at")
    latest = result.first()
    lot_id: int | None = None
    if action is not None and (latest is None or action.at > latest.recorded_at):
        lot_id = action.lot_id
    elif latest is not None:
        lot_id = latest.lot_id
    if lot_id is None:
        return lot_in_hand(sale)
    return queries.lots_of(sale).filter(pk=lot_id).first()


def board_version(sale: Sale) -> str:
    """Changes whenever the board could: a clerk's entry, a result, the day's rates."""
    actions = ClerkAction.objects.filter(lot__sale=sale).aggregate(top=Max("pk"))["top"] or 0
    results = LotResult.objects.filter(lot__sale=sale).aggregate(top=Max("pk"))["top"] or 0
    rates = ExchangeRate.objects.filter(sale=sale).aggregate(top=Max("pk"), count=Count("pk"))
    return f"{sale.pk}.{actions}.{results}.{rates['top'] or 0}.{rates['count']}"


# --- The board ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Equivalent:
    currency: str
    amount: str  # whole units, with separators: "5,980"


@dataclass(frozen=True)
class BoardState:
    """The board at one moment; every value is something the room may see."""

    version: str
    sale: str
    currency: str
    live: bool
    lot: str = ""
    heading: str = ""
    status: str = "waiting"  # waiting | ready | bidding | sold | bought_in | withdrawn | done
    label: str = ""  # "Asking", "Sold", "Bought in", "Withdrawn"
    amount: str = ""  # the asking bid or the hammer, formatted
    standing: str = ""  # the standing bid while bidding, formatted
    equivalents: list[Equivalent] = field(default_factory=list)
    image: str = ""
    image_alt: str = ""


def equivalents(amount: Decimal | None, rates: list[ExchangeRate]) -> list[Equivalent]:
    """``amount`` in each of the day's currencies, rounded half-up to whole units."""
    if amount is None:
        return []
    return [
        Equivalent(rate.currency, f"{(amount * rate.rate).quantize(Decimal(1), rounding=ROUND_HALF_UP):,}")
        for rate in rates
    ]


def _image(lot: Lot) -> tuple[str, str]:
    from parure.catalogue.photo_queries import primary_images

    items = [entry.item_id for entry in lot.pieces.all()]
    if not items:
        return "", ""
    found = primary_images(items[:1], kind="web")
    return found.get(items[0], ("", ""))


def board_state(sale: Sale, *, version: str | None = None, with_image: bool = True) -> BoardState:
    """What the saleroom board shows now."""
    base = BoardState(
        version=version or board_version(sale), sale=sale.code, currency=sale.currency, live=sale.status == "live"
    )
    lot = board_lot(sale)
    if lot is None:
        return replace(base, status="done", label="Every lot has its result")
    rates = list(ExchangeRate.objects.filter(sale=sale).order_by("position"))
    image, alt = _image(lot) if with_image else ("", "")
    head = replace(base, lot=lot.label, heading=lot.heading, image=image, image_alt=alt)
    current = lot_state(lot)
    result = current.result
    if result is not None:
        if result.outcome == Outcome.SOLD and result.hammer is not None:
            return replace(
                head, status="sold", label="Sold", amount=format_amount(result.hammer),
                equivalents=equivalents(result.hammer, rates),
            )  # fmt: skip
        if result.outcome == Outcome.WITHDRAWN:
            return replace(head, status="withdrawn", label="Withdrawn")
        return replace(head, status="bought_in", label="Bought in")
    if lot.status == LotStatus.WITHDRAWN:
        return replace(head, status="withdrawn", label="Withdrawn")
    state = current.state
    if state.phase is engine.Phase.READY or state.asking is None:
        return replace(head, status="ready")
    return replace(
        head,
        status="bidding",
        label="Asking",
        amount=format_amount(state.asking),
        standing=format_amount(state.current) if state.current is not None else "",
        equivalents=equivalents(state.asking, rates),
    )


__all__ = [
    "BoardState",
    "Equivalent",
    "LotState",
    "board_lot",
    "board_state",
    "board_version",
    "equivalents",
    "lot_by_label",
    "lot_in_hand",
    "neighbours",
]
