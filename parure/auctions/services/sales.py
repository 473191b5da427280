"""Sales and lots: creating a sale, lotting pieces with their estimates and reserve.

A piece is in one open sale at a time; lotting it sets its sale state in the inventory (consigned →
in a sale), in the same transaction. The reserve is at most the low estimate (the engine's rule and
the database's constraint say the same)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max

from parure.auctions.choices import OPEN_SALE_STATUSES, LotStatus, SaleStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import IncrementTable, Lot, LotPiece, PremiumSchedule, Sale
from parure.auctions.services.common import amount, bounded, check_open
from parure.core.models import Office, Staff
from parure.inventory.choices import TERMINAL_STATUSES, SaleState
from parure.inventory.queries import Piece
from parure.inventory.services.selling import pieces_sale_state

HEADING_MAX = 200


def lot_reference(lot: Lot) -> str:
    return f"{lot.sale.code} lot {lot.label}"


@transaction.atomic
def sale_create(
    *,
    code: str,
    title: str,
    office: Office,
    saleroom: str,
    starts_at: datetime,
    currency: str,
    increment_table: IncrementTable,
    premium_schedule: PremiumSchedule,
    by: Staff,
    conditions_of_sale: str = "",
) -> Sale:
    """A new sale, in planning."""
    code = bounded(code, limit=20, field="code", label="The sale code", required=True).upper()
    if Sale.objects.filter(code=code).exists():
        raise AuctionError(
            f"A sale with code {code} exists already.", field="code", code=AuctionErrorCode.DUPLICATE_SALE
        )
    currency = bounded(currency, limit=3, field="currency", label="The currency", required=True).upper()
    if len(currency) != 3 or not currency.isalpha():
        raise AuctionError(
            f"‘{currency}’ is not a currency code; give three letters such as USD.",
            field="currency",
            code=AuctionErrorCode.INVALID_CURRENCY,
        )
    if starts_at.utcoffset() is None:
        raise AuctionError("The start time needs its time zone.", field="starts_at", code=AuctionErrorCode.INVALID)
    return Sale.objects.create(
        code=code,
        title=bounded(title, limit=200, field="title", label="The title", required=True),
        office=office,
        saleroom=bounded(saleroom, limit=120, field="saleroom", label="The saleroom", required=True),
        starts_at=starts_at,
        currency=currency,
        increment_table=increment_table,
        premium_schedule=premium_schedule,
        conditions_of_sale=conditions_of_sale,
        created_by=by,
        status=SaleStatus.PLANNING,
    )


def check_estimates(low: Decimal, high: Decimal, reserve: Decimal | None) -> None:
    if high < low:
        raise AuctionError(
            f"The high estimate {high:,.2f} is below the low estimate {low:,.2f}; give the range low to high.",
            field="high_estimate",
            code=AuctionErrorCode.INVALID_AMOUNT,
        )
    if reserve is not None and reserve > low:
        raise AuctionError(
            f"The reserve {reserve:,.2f} is above the low estimate {low:,.2f};"
            " a reserve may be at most the low estimate.",
            field="reserve",
            code=AuctionErrorCode.RESERVE_ABOVE_LOW,
        )


def check_pieces_free(sale: Sale, items: Sequence[Piece], *, lot: Lot | None = None) -> None:
    """Each piece must be in our custody and in no other open sale's lot (withdrawn lots free it)."""
    if not items:
        raise AuctionError("A lot needs at least one piece.", field="pieces", code=AuctionErrorCode.REQUIRED)
    for item in items:
        if item.status in TERMINAL_STATUSES:
            raise AuctionError(
                f"{item.stock_number} has left our custody; it cannot be lotted.",
                field="pieces",
                code=AuctionErrorCode.PIECE_NOT_AVAILABLE,
            )
        if item.sale_state == SaleState.SOLD:
            raise AuctionError(
                f"{item.stock_number} is sold ({item.sale_reference}); it cannot be lotted again.",
                field="pieces",
                code=AuctionErrorCode.PIECE_NOT_AVAILABLE,
            )
    taken = (
        LotPiece.objects.filter(item__in=items, lot__sale__status__in=OPEN_SALE_STATUSES, lot__status=LotStatus.OFFERED)
        .exclude(lot=lot)
        .select_related("lot__sale", "item")
        .first()
    )
    if taken is not None:
        raise AuctionError(
            f"{taken.item.stock_number} is already lot {taken.lot.label} in sale {taken.lot.sale.code};"
            " a piece is in one open sale at a time.",
            field="pieces",
            code=AuctionErrorCode.PIECE_IN_SALE,
        )


def parse_lot_number(text: object, *, field: str = "number") -> tuple[int, str]:
    """ "12" → (12, ""), "12A" → (12, "A"); anything else is refused with the shape lots take."""
    raw = str(text or "").strip().upper()
    digits = raw.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    suffix = raw[len(digits) :]
    if not digits.isdigit() or not 1 <= int(digits) <= 99999 or len(suffix) > 2:
        shown = raw[:12]
        raise AuctionError(
            f"‘{shown}’ is not a lot number; give a number such as 12, or 12A for a lot inserted after 12.",
            field=field,
            code=AuctionErrorCode.INVALID_LOT_NUMBER,
        )
    return int(digits), suffix


@transaction.atomic
def lot_create(
    *,
    sale: Sale,
    items: Sequence[Piece],
    heading: str,
    low_estimate: object,
    high_estimate: object,
    by: Staff,
    number: str | None = None,
    reserve: object = None,
) -> Lot:
    """A lot at the end of the sale's order (or numbered as given: 12A goes after 12), with its pieces."""
    sale = Sale.objects.select_for_update().get(pk=sale.pk)
    check_open(sale, "adding a lot")
    low = amount(low_estimate, field="low_estimate", label="The low estimate")
    high = amount(high_estimate, field="high_estimate", label="The high estimate")
    assert low is not None and high is not None
    floor = amount(reserve, field="reserve", label="The reserve", required=False)
    check_estimates(low, high, floor)
    check_pieces_free(sale, items)
    if number is None:
        top = sale.lots.aggregate(top=Max("number"))["top"] or 0
        lot_number, suffix = top + 1, ""
    else:
        lot_number, suffix = parse_lot_number(number)
    if sale.lots.filter(number=lot_number, suffix=suffix).exists():
        raise AuctionError(
            f"Sale {sale.code} has a lot {lot_number}{suffix} already; give another number.",
            field="number",
            code=AuctionErrorCode.DUPLICATE_LOT,
        )
    position = _position_for(sale, lot_number, suffix)
    try:
        with transaction.atomic():
            lot = Lot.objects.create(
                sale=sale,
                number=lot_number,
                suffix=suffix,
                position=position,
                heading=bounded(heading, limit=HEADING_MAX, field="heading", label="The heading", required=True),
                low_estimate=low,
                high_estimate=high,
                reserve=floor,
                created_by=by,
            )
    except IntegrityError:
        raise AuctionError(
            f"Sale {sale.code} has a lot {lot_number}{suffix} already; give another number.",
            field="number",
            code=AuctionErrorCode.DUPLICATE_LOT,
        ) from None
    LotPiece.objects.bulk_create(
        [LotPiece(lot=lot, item=item, position=index) for index, item in enumerate(items, start=1)]
    )
    pieces_sale_state(items=list(items), state=SaleState.IN_SALE, reference=lot_reference(lot), by=by)
    return lot


def _position_for(sale: Sale, number: int, suffix: str) -> int:
    """The place a new lot takes: after every lot that sorts before it (12 < 12A < 12B < 13); the lots
    after it move down one place."""
    lots = list(sale.lots.order_by("position").only("pk", "number", "suffix", "position"))
    before = [lot for lot in lots if (lot.number, lot.suffix) < (number, suffix)]
    position = (max(lot.position for lot in before) + 1) if before else 1
    after = [lot for lot in lots if lot.position >= position]
    if after:
        # Two steps, so the unique (sale, position) never sees two lots in one place.
        offset = len(lots) + 1000
        for lot in after:
            Lot.objects.filter(pk=lot.pk).update(position=lot.position + offset)
        for lot in after:
            Lot.objects.filter(pk=lot.pk).update(position=lot.position + 1)
    return position
