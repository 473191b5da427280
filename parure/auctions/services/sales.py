"""Sales and lots: creating a sale, lotting pieces with their estimates and reserve.

A piece is in one open sale at a time; lotting it sets its sale state in the inventory (consigned →
in a sale), in the same transaction. The reserve is at most the low estimate (the engine's rule and
the database's constraint say the same)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from parure.auctions.choices import NEXT_SALE_STATUS, OPEN_SALE_STATUSES, LotStatus, SaleStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import IncrementTable, Lot, LotPiece, PremiumSchedule, Sale
from parure.auctions.services.common import amount, bounded, check_open
from parure.core.models import Office, Staff
from parure.inventory.choices import TERMINAL_STATUSES, ItemCategory, ItemStatus, LocationType, SaleState
from parure.inventory.queries import Piece, consignment_number_of
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
    **settings: Any,
) -> Sale:
    """A new sale, in planning. ``settings`` are the engine's choices, the KYC threshold and the
    telephone spacing (any of :data:`SALE_FIELDS`; the model's defaults otherwise). The increment
    table and the premium schedule must be in force on the sale's day."""
    code = bounded(code, limit=20, field="code", label="The sale code", required=True).upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9-]*", code):
        raise AuctionError(
            f"‘{code}’ is not a sale code; use capitals, figures and hyphens, such as NY-J-2703.",
            field="code",
            code=AuctionErrorCode.INVALID,
        )
    if Sale.objects.filter(code=code).exists():
        raise AuctionError(
            f"A sale with code {code} exists already.", field="code", code=AuctionErrorCode.DUPLICATE_SALE
        )
    currency = _currency(currency)
    if not isinstance(starts_at, datetime) or starts_at.utcoffset() is None:
        raise AuctionError("The start time needs its time zone.", field="starts_at", code=AuctionErrorCode.INVALID)
    unknown = set(settings) - set(SALE_FIELDS)
    if unknown:
        raise AuctionError(
            f"A sale has no field {sorted(unknown)[0]}.", field=sorted(unknown)[0], code=AuctionErrorCode.INVALID
        )
    sale = Sale(
        code=code,
        title=bounded(title, limit=200, field="title", label="The title", required=True),
        office=office,
        saleroom=bounded(saleroom, limit=120, field="saleroom", label="The saleroom", required=True),
        starts_at=starts_at,
        currency=currency,
        increment_table=increment_table,
        premium_schedule=premium_schedule,
        conditions_of_sale=bounded(
            conditions_of_sale, limit=CONDITIONS_MAX, field="conditions_of_sale", label="The conditions of sale"
        ),
        created_by=by,
        status=SaleStatus.PLANNING,
    )
    for name, value in settings.items():
        setattr(sale, name, _clean(sale, name, value))
    check_in_force(sale_day(sale), increment_table=sale.increment_table, premium_schedule=sale.premium_schedule)
    check_schedule_fits(sale)
    try:
        with transaction.atomic():
            sale.save()
    except IntegrityError:
        raise AuctionError(
            f"A sale with code {code} exists already.", field="code", code=AuctionErrorCode.DUPLICATE_SALE
        ) from None
    return sale


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
    """Each piece must be in our custody, not away at a gem laboratory, and in no other open sale's lot
    (withdrawn lots free it)."""
    if not items:
        raise AuctionError("A lot needs at least one piece.", field="pieces", code=AuctionErrorCode.REQUIRED)
    for item in items:
        if item.status in TERMINAL_STATUSES:
            raise AuctionError(
                f"{item.stock_number} has left our custody; it cannot be lotted.",
                field="pieces",
                code=AuctionErrorCode.PIECE_NOT_AVAILABLE,
            )
        if item.status == ItemStatus.CHECKED_OUT and item.location.type == LocationType.GEM_LAB:
            raise AuctionError(
                f"{item.stock_number} is at a gem laboratory ({item.location.label}) until it comes back; "
                "it cannot be lotted meanwhile.",
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


def check_pieces_lottable(items: Sequence[Piece], *, lot: Lot | None = None) -> None:
    """A lot is sold for one consignment, under its terms: every piece consigned, all on the same
    consignment as each other and as the lot's other pieces. A client's own piece, in for a repair or
    another service, is never lotted."""
    for item in items:
        if item.sale_state == SaleState.CLIENT_OWN or item.consignment_id is None:
            raise AuctionError(
                f"{item.stock_number} is a client's own piece, in for a service; it cannot be lotted.",
                field="pieces",
                code=AuctionErrorCode.PIECE_NOT_AVAILABLE,
            )
    consignments = {item.consignment_id for item in items}
    if lot is not None:
        consignments |= set(LotPiece.objects.filter(lot=lot).values_list("item__consignment_id", flat=True))
    if len(consignments) > 1:
        numbers = sorted(consignment_number_of(pk) for pk in consignments if pk is not None)
        raise AuctionError(
            f"The pieces are on {len(numbers)} consignments ({', '.join(numbers)}); a lot is sold for one"
            " consignment, under its terms: lot them separately.",
            field="pieces",
            code=AuctionErrorCode.PIECE_NOT_AVAILABLE,
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
    check_pieces_lottable(items)
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


# --- Sales: editing and status ---------------------------------------------------------------------
SALE_FIELDS = (
    "title",
    "office",
    "saleroom",
    "starts_at",
    "currency",
    "increment_table",
    "premium_schedule",
    "conditions_of_sale",
    "book_wins_ties",
    "sell_one_step_below_reserve",
    "go_backwards",
    "opening_fraction",
    "seller_bids",
    "kyc_threshold",
    "phone_spacing",
)
CONDITIONS_MAX = 50000
PHONE_SPACING_MAX = 500


def sale_day(sale: Sale) -> date:
    """The sale's date in its office's time zone (tables and schedules must be in force on it)."""
    return sale.starts_at.astimezone(ZoneInfo(sale.office.time_zone)).date()


def check_in_force(day: date, *, increment_table: IncrementTable, premium_schedule: PremiumSchedule) -> None:
    """The increment table and premium schedule must each be in force on the sale's day."""
    for record, field, label in (
        (increment_table, "increment_table", "increment table"),
        (premium_schedule, "premium_schedule", "premium schedule"),
    ):
        if record.effective_from > day or (record.effective_to is not None and record.effective_to < day):
            until = f" to {record.effective_to:%d %B %Y}" if record.effective_to else ""
            raise AuctionError(
                f"The {label} ‘{record.name}’ is in force from {record.effective_from:%d %B %Y}{until},"
                f" not on the sale's day ({day:%d %B %Y}); choose one in force then.",
                field=field,
                code=AuctionErrorCode.INVALID_TABLE,
            )


def check_schedule_fits(sale: Sale) -> None:
    """The premium schedule must be the sale's saleroom's, in the sale's currency; so must each schedule its
    exclusions name, which must also be in force on the sale's day."""
    schedule = sale.premium_schedule
    office = sale.office
    if schedule.office_id is None:
        raise AuctionError(
            f"The premium schedule ‘{schedule.name}’ names no saleroom; give it one before a sale uses it.",
            field="premium_schedule",
            code=AuctionErrorCode.INVALID_TABLE,
        )
    if schedule.office_id != office.pk or schedule.currency != sale.currency:
        where = schedule.office.name if schedule.office is not None else "no saleroom"
        raise AuctionError(
            f"The premium schedule ‘{schedule.name}’ is {where}'s, in {schedule.currency or 'no currency'};"
            f" a sale in {office.name} in {sale.currency} needs a schedule of its own saleroom and currency.",
            field="premium_schedule",
            code=AuctionErrorCode.INVALID_TABLE,
        )
    day = sale_day(sale)
    labels = dict(ItemCategory.choices)
    for exclusion in schedule.exclusions.select_related("applies").order_by("category"):
        instead = exclusion.applies
        kind = str(labels.get(exclusion.category, exclusion.category)).lower()
        if instead.office_id != office.pk or instead.currency != sale.currency:
            raise AuctionError(
                f"The premium schedule ‘{schedule.name}’ sends {kind} lots to ‘{instead.name}’,"
                f" which is not a schedule of {office.name} in {sale.currency}.",
                field="premium_schedule",
                code=AuctionErrorCode.INVALID_TABLE,
            )
        if instead.effective_from > day or (instead.effective_to is not None and instead.effective_to < day):
            raise AuctionError(
                f"The premium schedule ‘{instead.name}’ (for {kind} lots) is not in force on the"
                f" sale's day ({day:%d %B %Y}); choose a schedule whose exclusions are in force then.",
                field="premium_schedule",
                code=AuctionErrorCode.INVALID_TABLE,
            )


def _check_version(current: int, expected: int | None, what: str) -> None:
    if expected is not None and expected != current:
        raise AuctionError(
            f"Someone changed this {what} since you opened it; reload to see their change.",
            code=AuctionErrorCode.STALE,
        )


def _currency(text: object) -> str:
    currency = bounded(str(text or ""), limit=3, field="currency", label="The currency", required=True).upper()
    if len(currency) != 3 or not currency.isalpha() or not currency.isascii():
        raise AuctionError(
            f"‘{currency}’ is not a currency code; give three letters such as USD.",
            field="currency",
            code=AuctionErrorCode.INVALID_CURRENCY,
        )
    return currency


def _opening_fraction(value: object) -> Decimal:
    text = str(value if value is not None else "").strip()[:12]
    try:
        number = Decimal(text) if not isinstance(value, (float, bool)) else Decimal("NaN")
    except InvalidOperation:
        number = Decimal("NaN")
    if (
        not number.is_finite()
        or not Decimal("0.05") <= number <= Decimal(1)
        or number != number.quantize(Decimal("0.001"))
    ):
        raise AuctionError(
            f"The opening fraction ‘{text}’ must be a number from 0.05 to 1, to three places"
            " (0.5 opens at half the low estimate).",
            field="opening_fraction",
            code=AuctionErrorCode.INVALID_AMOUNT,
        )
    return number.quantize(Decimal("0.001"))


def _phone_spacing(value: object) -> int:
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or int(text) > PHONE_SPACING_MAX:
        raise AuctionError(
            f"The telephone spacing must be a whole number of lots from 0 to {PHONE_SPACING_MAX}.",
            field="phone_spacing",
            code=AuctionErrorCode.INVALID,
        )
    return int(text)


def _clean(sale: Sale, name: str, value: Any) -> Any:
    """One field of a sale, checked (a refusal names it)."""
    if name == "title":
        value = bounded(value, limit=200, field="title", label="The title", required=True)
    elif name == "saleroom":
        value = bounded(value, limit=120, field="saleroom", label="The saleroom", required=True)
    elif name == "conditions_of_sale":
        value = bounded(value, limit=CONDITIONS_MAX, field=name, label="The conditions of sale")
    elif name == "currency":
        value = _currency(value)
        if value != sale.currency and sale.status not in (SaleStatus.PLANNING, SaleStatus.CATALOGUING):
            raise AuctionError(
                f"Sale {sale.code} is {sale.get_status_display().lower()}; its currency can no longer change.",
                field="currency",
                code=AuctionErrorCode.SALE_STATUS,
            )
    elif name == "starts_at":
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise AuctionError(
                "The start time needs a date, a time and its time zone.",
                field="starts_at",
                code=AuctionErrorCode.INVALID,
            )
    elif name == "opening_fraction":
        value = _opening_fraction(value)
    elif name == "kyc_threshold":
        value = amount(value, field=name, label="The KYC threshold", positive=False)
    elif name == "phone_spacing":
        value = _phone_spacing(value)
    elif name in ("book_wins_ties", "sell_one_step_below_reserve", "go_backwards", "seller_bids"):
        value = bool(value)
    return value


@transaction.atomic
def sale_update(*, sale: Sale, by: Staff, expected_version: int | None, **changes: Any) -> Sale:
    """Change a sale's facts and settings (any of :data:`SALE_FIELDS`); the code stays. A closed sale,
    or one changed since ``expected_version`` was read, is refused."""
    sale = Sale.objects.select_for_update().select_related("office").get(pk=sale.pk)
    check_open(sale, "changing the sale")
    _check_version(sale.version, expected_version, "sale")
    unknown = set(changes) - set(SALE_FIELDS)
    if unknown:
        raise AuctionError(
            f"A sale has no field {sorted(unknown)[0]}.", field=sorted(unknown)[0], code=AuctionErrorCode.INVALID
        )
    del by  # the sale's version says it changed
    for name, value in changes.items():
        setattr(sale, name, _clean(sale, name, value))
    check_in_force(sale_day(sale), increment_table=sale.increment_table, premium_schedule=sale.premium_schedule)
    check_schedule_fits(sale)
    sale.version += 1
    sale.save()
    return sale


@transaction.atomic
def sale_advance(*, sale: Sale, by: Staff, expected_version: int | None = None) -> Sale:
    """Move the sale one step forward. Publishing needs at least one offered lot, each with its
    estimates; going live needs the sale published (the only step before it)."""
    sale = Sale.objects.select_for_update().get(pk=sale.pk)
    check_open(sale, "changing the sale's status")
    _check_version(sale.version, expected_version, "sale")
    target = NEXT_SALE_STATUS[sale.status]
    del by
    if target == SaleStatus.PUBLISHED:
        offered = list(sale.lots.filter(status=LotStatus.OFFERED).order_by("position"))
        if not offered:
            raise AuctionError(
                f"Sale {sale.code} has no lots offered; add at least one before publishing.",
                code=AuctionErrorCode.SALE_STATUS,
            )
        missing = [lot.label for lot in offered if not lot.low_estimate or not lot.high_estimate]
        if missing:
            raise AuctionError(
                f"Lot {missing[0]} has no estimates; every offered lot needs its low and high estimate before"
                " the sale is published.",
                code=AuctionErrorCode.SALE_STATUS,
            )
    if target == SaleStatus.LIVE and sale.status != SaleStatus.PUBLISHED:  # pragma: no cover (one step at a time)
        raise AuctionError(
            f"Sale {sale.code} must be published before it goes live.", code=AuctionErrorCode.SALE_STATUS
        )
    if target == SaleStatus.CLOSED:
        open_lot = sale.lots.filter(status=LotStatus.OFFERED, results__isnull=True).order_by("position").first()
        if open_lot is not None:
            raise AuctionError(
                f"Lot {open_lot.label} has no result yet; clerk it (hammer, pass or withdraw) before closing the sale.",
                code=AuctionErrorCode.SALE_STATUS,
            )
    sale.status = target
    sale.version += 1
    sale.save(update_fields=["status", "version"])
    return sale


# --- Lots: editing, the reserve, withdrawal, order and pieces -------------------------------------
def _lot_locked(lot: Lot) -> Lot:
    return Lot.objects.select_for_update().select_related("sale", "sale__office").get(pk=lot.pk)


def _check_offered(lot: Lot, action: str) -> None:
    if lot.is_withdrawn:
        raise AuctionError(
            f"Lot {lot.label} is withdrawn ({lot.withdrawn_reason}); {action} is no longer possible.",
            field="lot",
            code=AuctionErrorCode.LOT_WITHDRAWN,
        )


def _lot_items(lot: Lot) -> list[Piece]:
    return [entry.item for entry in LotPiece.objects.filter(lot=lot).select_related("item").order_by("position")]


@transaction.atomic
def lot_update(
    *,
    lot: Lot,
    by: Staff,
    expected_version: int | None,
    heading: str | None = None,
    low_estimate: object = None,
    high_estimate: object = None,
) -> Lot:
    """Change a lot's heading and estimates (what is not given stays). The reserve stays at most the
    low estimate: lowering the low estimate under it is refused."""
    lot = _lot_locked(lot)
    check_open(lot.sale, "changing a lot")
    _check_version(lot.version, expected_version, "lot")
    _check_offered(lot, "changing it")
    del by
    if heading is not None:
        lot.heading = bounded(heading, limit=HEADING_MAX, field="heading", label="The heading", required=True)
    if low_estimate is not None:
        lot.low_estimate = amount(low_estimate, field="low_estimate", label="The low estimate")  # type: ignore[assignment]
    if high_estimate is not None:
        lot.high_estimate = amount(high_estimate, field="high_estimate", label="The high estimate")  # type: ignore[assignment]
    check_estimates(lot.low_estimate, lot.high_estimate, lot.reserve)
    lot.version += 1
    lot.save(update_fields=["heading", "low_estimate", "high_estimate", "version"])
    return lot


@transaction.atomic
def lot_set_reserve(*, lot: Lot, reserve: object, by: Staff, expected_version: int | None) -> Lot:
    """Set (or, with nothing given, remove) a lot's confidential reserve: at most the low estimate.
    Only a senior calls this (``auctions.set_reserves``); the sale may not be live yet."""
    lot = _lot_locked(lot)
    check_open(lot.sale, "setting a reserve")
    _check_version(lot.version, expected_version, "lot")
    _check_offered(lot, "setting its reserve")
    if lot.sale.status == SaleStatus.LIVE:
        raise AuctionError(
            f"Sale {lot.sale.code} is live; the reserve of lot {lot.label} can no longer change.",
            field="reserve",
            code=AuctionErrorCode.SALE_STATUS,
        )
    del by
    floor = amount(reserve, field="reserve", label="The reserve", required=False)
    check_estimates(lot.low_estimate, lot.high_estimate, floor)
    lot.reserve = floor
    lot.version += 1
    lot.save(update_fields=["reserve", "version"])
    return lot


REASON_MAX = 500


def mark_withdrawn(lot: Lot, *, reason: str, by: Staff, at: datetime | None = None) -> None:
    """The lot's own row as withdrawn (the callers check, record and move the pieces): before the sale,
    on the day, or by a result's correction."""
    lot.status = LotStatus.WITHDRAWN
    lot.withdrawn_reason = reason
    lot.withdrawn_at = at or timezone.now()
    lot.withdrawn_by = by
    lot.version += 1
    lot.save(update_fields=["status", "withdrawn_reason", "withdrawn_at", "withdrawn_by", "version"])


@transaction.atomic
def lot_withdraw(*, lot: Lot, reason: str, by: Staff, expected_version: int | None = None) -> Lot:
    """Withdraw a lot, saying why: it keeps its number and place; its pieces go back to consigned
    (free for another sale)."""
    lot = _lot_locked(lot)
    check_open(lot.sale, "withdrawing a lot")
    _check_version(lot.version, expected_version, "lot")
    _check_offered(lot, "withdrawing it again")
    if lot.results.exists():
        raise AuctionError(
            f"Lot {lot.label} has a result already; correct the result instead.",
            field="lot",
            code=AuctionErrorCode.LOT_CLOSED,
        )
    text = bounded(reason, limit=REASON_MAX, field="reason", label="The reason for withdrawing", required=True)
    mark_withdrawn(lot, reason=text, by=by)
    pieces_sale_state(items=_lot_items(lot), state=SaleState.CONSIGNED, reference="", by=by)
    return lot


@transaction.atomic
def lot_move(*, lot: Lot, position: object, by: Staff) -> Lot:
    """Put a lot at ``position`` (1 is first) in the sale's order; the lots between shift by one.
    The number stays (a catalogue prints the numbers in order; renumber by hand if wanted)."""
    lot = _lot_locked(lot)
    sale = Sale.objects.select_for_update().get(pk=lot.sale_id)
    check_open(sale, "reordering the lots")
    if sale.status == SaleStatus.LIVE:
        raise AuctionError(
            f"Sale {sale.code} is live; its order can no longer change.",
            field="position",
            code=AuctionErrorCode.SALE_STATUS,
        )
    del by
    lots = list(sale.lots.order_by("position").only("pk", "position"))
    text = str(position if position is not None else "").strip()
    if not text.isdigit() or not 1 <= int(text) <= len(lots):
        raise AuctionError(
            f"The position must be a whole number from 1 to {len(lots)}.",
            field="position",
            code=AuctionErrorCode.INVALID,
        )
    order = [row.pk for row in lots if row.pk != lot.pk]
    order.insert(int(text) - 1, lot.pk)
    _renumber_positions(sale, order, {row.pk: row.position for row in lots})
    lot.refresh_from_db()
    return lot


def lot_step(*, lot: Lot, up: bool, by: Staff) -> Lot:
    """Move a lot one place up or down (no further than first or last)."""
    count = Lot.objects.filter(sale_id=lot.sale_id).count()
    place = Lot.objects.filter(sale_id=lot.sale_id, position__lt=lot.position).count() + 1
    target = max(1, place - 1) if up else min(count, place + 1)
    return lot_move(lot=lot, position=target, by=by)


def _renumber_positions(sale: Sale, order: list[int], current: dict[int, int]) -> None:
    """Give the lots positions 1..n in ``order``; two steps, so the unique (sale, position) never
    sees two lots in one place."""
    changed = [(pk, index) for index, pk in enumerate(order, start=1) if current[pk] != index]
    if not changed:
        return
    offset = len(order) + 1000 + max(current.values())
    for pk, _ in changed:
        Lot.objects.filter(pk=pk).update(position=current[pk] + offset)
    for pk, index in changed:
        Lot.objects.filter(pk=pk).update(position=index)


def _check_not_live(lot: Lot, action: str) -> None:
    if lot.sale.status == SaleStatus.LIVE:
        raise AuctionError(
            f"Sale {lot.sale.code} is live; {action} is no longer possible.",
            field="pieces",
            code=AuctionErrorCode.SALE_STATUS,
        )


@transaction.atomic
def lot_add_piece(*, lot: Lot, item: Piece, by: Staff) -> Lot:
    """Add a piece to a lot (it goes into the sale) while the sale is not live."""
    lot = _lot_locked(lot)
    check_open(lot.sale, "changing a lot's pieces")
    _check_not_live(lot, "changing a lot's pieces")
    _check_offered(lot, "changing its pieces")
    if LotPiece.objects.filter(lot=lot, item=item).exists():
        raise AuctionError(
            f"{item.stock_number} is in lot {lot.label} already.", field="pieces", code=AuctionErrorCode.PIECE_IN_SALE
        )
    check_pieces_free(lot.sale, [item], lot=lot)
    check_pieces_lottable([item], lot=lot)
    top = LotPiece.objects.filter(lot=lot).aggregate(top=Max("position"))["top"] or 0
    LotPiece.objects.create(lot=lot, item=item, position=top + 1)
    pieces_sale_state(items=[item], state=SaleState.IN_SALE, reference=lot_reference(lot), by=by)
    lot.version += 1
    lot.save(update_fields=["version"])
    return lot


@transaction.atomic
def lot_remove_piece(*, lot: Lot, item: Piece, by: Staff) -> Lot:
    """Take a piece out of a lot (back to consigned) while the sale is not live; a lot keeps at
    least one piece (withdraw the lot instead)."""
    lot = _lot_locked(lot)
    check_open(lot.sale, "changing a lot's pieces")
    _check_not_live(lot, "changing a lot's pieces")
    _check_offered(lot, "changing its pieces")
    entries = list(LotPiece.objects.filter(lot=lot))
    entry = next((row for row in entries if row.item_id == item.pk), None)
    if entry is None:
        raise AuctionError(
            f"{item.stock_number} is not in lot {lot.label}.", field="pieces", code=AuctionErrorCode.UNKNOWN_PIECE
        )
    if len(entries) == 1:
        raise AuctionError(
            f"{item.stock_number} is the only piece of lot {lot.label}; withdraw the lot instead.",
            field="pieces",
            code=AuctionErrorCode.REQUIRED,
        )
    entry.delete()
    pieces_sale_state(items=[item], state=SaleState.CONSIGNED, reference="", by=by)
    lot.version += 1
    lot.save(update_fields=["version"])
    return lot


def next_lot_number(sale: Sale) -> int:
    """The number a lot takes when none is given: one after the highest."""
    return int(sale.lots.aggregate(top=Max("number"))["top"] or 0) + 1
