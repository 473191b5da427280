"""Consignment intake: the agreement, its pieces with their stock numbers, and the receipt's versions.

Taking pieces in issues their stock numbers, appends one ``intake`` event per piece at the
office's intake desk and prints a new version of the consignment receipt, all in one
transaction. Any later change to what the receipt shows (terms, pieces, stated values) makes
the next version; earlier versions are kept as they were printed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel.numbers import list_currencies
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from parure.clients.queries import ClientFile, addressed_name
from parure.core.models import Office, Staff
from parure.inventory import ledger
from parure.inventory.choices import (
    CommissionBasis,
    CommissionScope,
    EventKind,
    InsuranceBasis,
    ItemCategory,
    ItemStatus,
    LocationType,
    ReservePolicy,
    SaleState,
    UnsoldFeeBasis,
    UnsoldInstruction,
)
from parure.inventory.errors import InvalidInput, InventoryErrorCode
from parure.inventory.limits import AMENDMENT_REASON_MAX, DESCRIPTION_MAX, NOTES_MAX
from parure.inventory.models import (
    Consignment,
    ConsignmentReceipt,
    CustodyEvent,
    Item,
    ItemComponent,
    Location,
    Stone,
)
from parure.inventory.numbers import issue_consignment_number, issue_stock_number
from parure.inventory.services.custody import STATE_UPDATE_FIELDS, bounded_text, lock_item


@dataclass(frozen=True)
class StoneDraft:
    species: str
    cut: str = ""
    count: int = 1
    approx_carats: Decimal | None = None


@dataclass(frozen=True)
class PieceDraft:
    """What intake records of a piece (and what an amendment may change)."""

    category: str
    title: str
    description: str = ""
    gross_weight_g: Decimal | None = None
    metal: str = ""
    fineness: str = ""
    stated_value: Decimal | None = None
    estimate_low: Decimal | None = None
    estimate_high: Decimal | None = None
    insurance_value: Decimal | None = None
    stones: tuple[StoneDraft, ...] = ()
    components: tuple[str, ...] = ()
    stone_measurements: str = ""
    date_or_circa: str = ""
    maker: str = ""
    signature: str = ""
    serial_number: str = ""

    @classmethod
    def of(cls, item: Item) -> PieceDraft:
        """The draft of an existing piece, to amend some fields and keep the rest."""
        return cls(
            category=item.category,
            title=item.title,
            description=item.description,
            gross_weight_g=item.gross_weight_g,
            metal=item.metal,
            fineness=item.fineness,
            stated_value=item.stated_value,
            estimate_low=item.estimate_low,
            estimate_high=item.estimate_high,
            insurance_value=item.insurance_value,
            stones=tuple(StoneDraft(s.species, s.cut, s.count, s.approx_carats) for s in item.stones.all()),
            components=tuple(c.description for c in item.components.all()),
            **{name: getattr(item, name) for name in SHEET_FIELDS},
        )


# The intake sheet's short texts, stored on the piece as typed (trimmed): name → (limit, label).
SHEET_FIELDS: dict[str, tuple[int, str]] = {
    "stone_measurements": (120, "the stone measurements"),
    "date_or_circa": (60, "the date or circa"),
    "maker": (120, "the maker"),
    "signature": (200, "the signature"),
    "serial_number": (60, "the serial number"),
}


Bands = tuple[tuple[Decimal, Decimal], ...]


@dataclass(frozen=True)
class Terms:
    """The consignment agreement's terms (rates in percent, fees in the consignment's currency).

    The commission is ``commission_rate`` on the hammer (``flat``), or read from ``commission_bands``
    ((threshold, percent) pairs from 0 up): ``sliding`` takes the rate of the band the hammer falls in
    for the whole, ``tiered`` each band's rate on the slice inside it. ``commission_scope`` says whose
    hammer the bands read: the lot's own, or the consignment's total in the sale.
    """

    commission_rate: Decimal
    insurance_fee_rate: Decimal = Decimal("1.00")
    photography_fee: Decimal = Decimal("0.00")
    unsold_fee_rate: Decimal = Decimal("0.00")
    reserve_policy: str = ReservePolicy.AT_LOW_ESTIMATE
    unsold_instruction: str = UnsoldInstruction.REOFFER
    notes: str = field(default="")
    commission_basis: str = CommissionBasis.FLAT
    commission_scope: str = CommissionScope.LOT
    commission_bands: Bands = ()
    minimum_commission: Decimal = Decimal("0.00")
    withdrawal_fee: Decimal = Decimal("0.00")
    performance_fee_rate: Decimal = Decimal("0.00")
    insurance_basis: str = InsuranceBasis.HAMMER
    unsold_fee_basis: str = UnsoldFeeBasis.RESERVE

    @classmethod
    def of(cls, consignment: Consignment) -> Terms:
        return cls(**{name: _term_of(consignment, name) for name in _TERM_FIELDS})


_TERM_FIELDS = (
    "commission_rate",
    "insurance_fee_rate",
    "photography_fee",
    "unsold_fee_rate",
    "reserve_policy",
    "unsold_instruction",
    "notes",
    "commission_basis",
    "commission_scope",
    "commission_bands",
    "minimum_commission",
    "withdrawal_fee",
    "performance_fee_rate",
    "insurance_basis",
    "unsold_fee_basis",
)


def bands_of(stored: Any) -> Bands:
    """A consignment's stored bands ([["0", "25"], ...]) as (threshold, percent) pairs."""
    return tuple((Decimal(str(threshold)), Decimal(str(rate))) for threshold, rate in stored or ())


def _term_of(consignment: Consignment, name: str) -> Any:
    value = getattr(consignment, name)
    return bands_of(value) if name == "commission_bands" else value


def _set_terms(consignment: Consignment, terms: Terms) -> None:
    for name in _TERM_FIELDS:
        value = getattr(terms, name)
        if name == "commission_bands":
            value = [[str(threshold), str(rate)] for threshold, rate in value]
        setattr(consignment, name, value)


def _check_terms(terms: Terms) -> None:
    for name, label in (
        ("commission_rate", "The seller's commission"),
        ("insurance_fee_rate", "The insurance fee"),
        ("unsold_fee_rate", "The unsold fee"),
        ("performance_fee_rate", "The performance fee"),
    ):
        value = getattr(terms, name)
        if value is None or not Decimal(0) <= value <= Decimal(100):
            raise InvalidInput(
                f"{label} must be a rate between 0 and 100 percent.", field=name, code=InventoryErrorCode.INVALID
            )
    for name, label in (
        ("photography_fee", "The photography fee"),
        ("minimum_commission", "The minimum commission"),
        ("withdrawal_fee", "The withdrawal fee"),
    ):
        value = getattr(terms, name)
        if value is None or value < 0:
            raise InvalidInput(f"{label} cannot be negative.", field=name, code=InventoryErrorCode.INVALID)
    for name, choices, label in (
        ("commission_basis", CommissionBasis, "Choose how the commission is worked out: flat, sliding or tiered."),
        ("commission_scope", CommissionScope, "Choose whether the commission reads each lot or the consignment."),
        ("insurance_basis", InsuranceBasis, "Choose what the insurance fee is on: the hammer or the high estimate."),
        ("unsold_fee_basis", UnsoldFeeBasis, "Choose what the unsold fee is on: the reserve or the low estimate."),
    ):
        if getattr(terms, name) not in choices.values:
            raise InvalidInput(label, field=name, code=InventoryErrorCode.INVALID)
    _check_bands(terms)
    bounded_text(terms.notes, limit=NOTES_MAX, field="notes", label="The consignment's note")
    if terms.reserve_policy not in ReservePolicy.values:
        raise InvalidInput("Choose a reserve policy.", field="reserve_policy", code=InventoryErrorCode.INVALID)
    if terms.unsold_instruction not in UnsoldInstruction.values:
        raise InvalidInput(
            "Say whether unsold pieces go back to the consignor or are re-offered.",
            field="unsold_instruction",
            code=InventoryErrorCode.INVALID,
        )


BANDS_MAX = 12


def _check_bands(terms: Terms) -> None:
    bands = terms.commission_bands
    if terms.commission_basis == CommissionBasis.FLAT:
        if bands:
            raise InvalidInput(
                "A flat commission has one rate and no bands; clear the bands or choose sliding or tiered.",
                field="commission_bands",
                code=InventoryErrorCode.INVALID,
            )
        return
    if not bands:
        raise InvalidInput(
            "A sliding or tiered commission needs its bands: a threshold and a rate each, from 0 up.",
            field="commission_bands",
            code=InventoryErrorCode.INVALID,
        )
    if len(bands) > BANDS_MAX:
        raise InvalidInput(
            f"A commission has at most {BANDS_MAX} bands.", field="commission_bands", code=InventoryErrorCode.INVALID
        )
    if bands[0][0] != 0:
        raise InvalidInput("The first band starts at 0.", field="commission_bands", code=InventoryErrorCode.INVALID)
    for (before, _), (after, _) in itertools.pairwise(bands):
        if after <= before:
            raise InvalidInput(
                "Each band starts above the one before it.", field="commission_bands", code=InventoryErrorCode.INVALID
            )
    for threshold, rate in bands:
        if threshold < 0 or threshold >= Decimal("1e12") or not Decimal(0) <= rate <= Decimal(100):
            raise InvalidInput(
                "A band's threshold is an amount from 0 and its rate a percent between 0 and 100.",
                field="commission_bands",
                code=InventoryErrorCode.INVALID,
            )


def _check_currency(code: str) -> str:
    code = code.strip().upper()
    if code not in list_currencies():
        raise InvalidInput(
            f"‘{code}’ is not an ISO 4217 currency code such as USD or CHF.",
            field="currency",
            code=InventoryErrorCode.INVALID,
        )
    return code


def _check_piece(index: int, piece: PieceDraft) -> None:
    row = f"Piece {index + 1}"
    prefix = f"pieces.{index}."
    if piece.category not in ItemCategory.values:
        raise InvalidInput(
            f"{row}: choose a category (ring, necklace, brooch…).",
            field=prefix + "category",
            code=InventoryErrorCode.INVALID,
        )
    if not piece.title.strip():
        raise InvalidInput(
            f"{row}: give it a title, e.g. ‘Sapphire and diamond ring’.",
            field=prefix + "title",
            code=InventoryErrorCode.INVALID,
        )
    if len(piece.title.strip()) > 200:
        raise InvalidInput(
            f"{row}: the title is longer than 200 characters.", field=prefix + "title", code=InventoryErrorCode.INVALID
        )
    bounded_text(
        piece.description, limit=DESCRIPTION_MAX, field=prefix + "description", label=f"{row}: the description"
    )
    for name, (limit, label) in SHEET_FIELDS.items():
        bounded_text(getattr(piece, name), limit=limit, field=prefix + name, label=f"{row}: {label}")
    for name, label in (
        ("stated_value", "stated value"),
        ("estimate_low", "low estimate"),
        ("estimate_high", "high estimate"),
        ("insurance_value", "insurance value"),
    ):
        value = getattr(piece, name)
        if value is not None and value < 0:
            raise InvalidInput(
                f"{row}: the {label} cannot be negative.", field=prefix + name, code=InventoryErrorCode.INVALID
            )
    if piece.estimate_low is not None and piece.estimate_high is not None and piece.estimate_low > piece.estimate_high:
        raise InvalidInput(
            f"{row}: the low estimate ({piece.estimate_low:,}) is above the high estimate ({piece.estimate_high:,}).",
            field=prefix + "estimate_low",
            code=InventoryErrorCode.INVALID,
        )
    if piece.gross_weight_g is not None and piece.gross_weight_g <= 0:
        raise InvalidInput(
            f"{row}: the gross weight must be more than 0 g.",
            field=prefix + "gross_weight_g",
            code=InventoryErrorCode.INVALID,
        )
    for stone in piece.stones:
        if not stone.species.strip():
            raise InvalidInput(
                f"{row}: name each stone's species, e.g. diamond.",
                field=prefix + "stones",
                code=InventoryErrorCode.INVALID,
            )
        if stone.count < 1:
            raise InvalidInput(
                f"{row}: a stone line needs a count of at least 1.",
                field=prefix + "stones",
                code=InventoryErrorCode.INVALID,
            )
        if stone.approx_carats is not None and stone.approx_carats <= 0:
            raise InvalidInput(
                f"{row}: a stone's weight must be more than 0 ct.",
                field=prefix + "stones",
                code=InventoryErrorCode.INVALID,
            )
    if any(not part.strip() for part in piece.components):
        raise InvalidInput(
            f"{row}: describe each numbered part.", field=prefix + "components", code=InventoryErrorCode.INVALID
        )


def _intake_desk(office: Office, desk: Location | None) -> Location:
    if desk is None:
        desk = (
            Location.objects.filter(office=office, type=LocationType.INTAKE_DESK, is_active=True).order_by("pk").first()
        )
        if desk is None:
            raise InvalidInput(
                f"{office.name} has no intake desk among its places; an administrator must add one.",
                field="intake_desk",
                code=InventoryErrorCode.INVALID,
            )
    if desk.office_id != office.pk or desk.type != LocationType.INTAKE_DESK or not desk.is_active:
        raise InvalidInput(
            f"{desk} is not an intake desk in {office.name}.", field="intake_desk", code=InventoryErrorCode.INVALID
        )
    return desk


def _fill_piece(item: Item, piece: PieceDraft) -> None:
    item.category = piece.category
    item.title = piece.title.strip()
    item.description = piece.description.strip()
    item.gross_weight_g = piece.gross_weight_g
    item.metal = piece.metal.strip()
    item.fineness = piece.fineness.strip()
    item.stated_value = piece.stated_value
    item.estimate_low = piece.estimate_low
    item.estimate_high = piece.estimate_high
    item.insurance_value = piece.insurance_value
    for name in SHEET_FIELDS:
        setattr(item, name, getattr(piece, name).strip())


def _parts(item: Item, piece: PieceDraft) -> tuple[list[Stone], list[ItemComponent]]:
    stones = [
        Stone(
            item=item,
            position=position,
            species=stone.species.strip(),
            cut=stone.cut.strip(),
            count=stone.count,
            approx_carats=stone.approx_carats,
        )
        for position, stone in enumerate(piece.stones, start=1)
    ]
    components = [
        ItemComponent(item=item, number=number, description=description.strip())
        for number, description in enumerate(piece.components, start=1)
    ]
    return stones, components


def take_in_pieces(
    *, consignment: Consignment, pieces: list[PieceDraft], desk: Location, by: Staff, first_line: int
) -> list[Item]:
    """Create pieces at the intake desk with their stock numbers and chained intake events.

    Shared by intake, later additions and the demonstration data (which takes in hundreds
    at once), so every piece enters the ledger the same way.
    """
    now = timezone.now()
    items = []
    for offset, piece in enumerate(pieces):
        item = Item(
            stock_number=issue_stock_number(consignment.office.code, timezone.localdate(now)),
            office=consignment.office,
            consignment=consignment,
            line=first_line + offset,
            currency=consignment.currency,
            location=desk,
            status=ItemStatus.IN_HOUSE,
            custody_since=now,
            custody_seq=0,
            custody_by=by,
        )
        _fill_piece(item, piece)
        items.append(item)
    Item.objects.bulk_create(items)
    stones: list[Stone] = []
    components: list[ItemComponent] = []
    for item, piece in zip(items, pieces, strict=True):
        more_stones, more_components = _parts(item, piece)
        stones += more_stones
        components += more_components
    Stone.objects.bulk_create(stones)
    ItemComponent.objects.bulk_create(components)
    events = [
        CustodyEvent(
            item=item,
            kind=EventKind.INTAKE,
            to_location=desk,
            counterpart_client_id=consignment.consignor_id,
            staff=by,
            reason="Received from the consignor",
        )
        for item in items
    ]
    ledger.append(events)
    for item, event in zip(items, events, strict=True):
        ledger.apply_state(item, ledger.state_after(None, event, desk))
    Item.objects.bulk_update(items, STATE_UPDATE_FIELDS)
    return items


@transaction.atomic
def client_piece_intake(
    *,
    client: ClientFile,
    piece: PieceDraft,
    by: Staff,
    reason: str,
    intake_desk: Location | None = None,
    currency: str = "",
) -> Item:
    """Take a client's own piece in at the intake desk of the receiver's office, for a repair or another
    service: it gets a stock number and one ``intake`` event naming the client, and stands as the client's
    own (``SaleState.CLIENT_OWN``), so no sale can offer it. It leaves again by a release whose cause is
    ``service:<the job's number>``."""
    if by.office is None:
        raise InvalidInput(
            f"{by} has no office; pieces are taken in at an office's intake desk.", code=InventoryErrorCode.INVALID
        )
    if client is None:
        raise InvalidInput("Choose the client whose piece it is.", field="client", code=InventoryErrorCode.INVALID)
    office = by.office
    text = bounded_text(reason, limit=AMENDMENT_REASON_MAX, field="reason", label="The reason")
    if not text:
        raise InvalidInput("Say why the piece is taken in.", field="reason", code=InventoryErrorCode.INVALID)
    currency = _check_currency(currency or office.currency)
    _check_piece(0, piece)
    desk = _intake_desk(office, intake_desk)
    now = timezone.now()
    item = Item(
        stock_number=issue_stock_number(office.code, timezone.localdate(now)),
        office=office,
        consignment=None,
        line=1,
        currency=currency,
        location=desk,
        status=ItemStatus.IN_HOUSE,
        sale_state=SaleState.CLIENT_OWN,
        custody_since=now,
        custody_seq=0,
        custody_by=by,
    )
    _fill_piece(item, piece)
    item.save()
    stones, components = _parts(item, piece)
    Stone.objects.bulk_create(stones)
    ItemComponent.objects.bulk_create(components)
    event = CustodyEvent(
        item=item, kind=EventKind.INTAKE, to_location=desk, counterpart_client_id=client.pk, staff=by, reason=text
    )
    ledger.append([event])
    ledger.apply_state(item, ledger.state_after(None, event, desk))
    item.save(update_fields=STATE_UPDATE_FIELDS)
    return item


@transaction.atomic
def consignment_intake(
    *,
    consignor: ClientFile,
    terms: Terms,
    pieces: list[PieceDraft],
    by: Staff,
    intake_desk: Location | None = None,
    currency: str = "",
) -> Consignment:
    """Open a consignment and take its pieces in at the intake desk of the receiver's office.

    ``currency`` is that of the stated values and estimates (ISO 4217); the office's by default."""
    if by.office is None:
        raise InvalidInput(
            f"{by} has no office; pieces are taken in at an office's intake desk.", code=InventoryErrorCode.INVALID
        )
    office = by.office
    if consignor is None:
        raise InvalidInput("Choose the consignor.", field="consignor", code=InventoryErrorCode.INVALID)
    _check_terms(terms)
    currency = _check_currency(currency or office.currency)
    if not pieces:
        raise InvalidInput("Add at least one piece.", field="pieces", code=InventoryErrorCode.INVALID)
    for index, piece in enumerate(pieces):
        _check_piece(index, piece)
    desk = _intake_desk(office, intake_desk)
    now = timezone.now()
    consignment = Consignment(
        number=issue_consignment_number(office.code, timezone.localdate(now)),
        office=office,
        consignor=consignor,
        currency=currency,
        received_at=now,
        received_by=by,
    )
    _set_terms(consignment, terms)
    consignment.save()
    take_in_pieces(consignment=consignment, pieces=pieces, desk=desk, by=by, first_line=1)
    receipt_issue(consignment=consignment, by=by, reason="Receipt at intake")
    return consignment


@transaction.atomic
def consignment_add_pieces(
    *, consignment: Consignment, pieces: list[PieceDraft], by: Staff, intake_desk: Location | None = None
) -> list[Item]:
    """Take more pieces in under an existing consignment; the receipt gets a new version."""
    consignment = Consignment.objects.select_for_update().select_related("office").get(pk=consignment.pk)
    if by.office_id != consignment.office_id:
        raise InvalidInput(
            f"{consignment.number} belongs to {consignment.office.name}; take its pieces in there.",
            code=InventoryErrorCode.INVALID,
        )
    if not pieces:
        raise InvalidInput("Add at least one piece.", field="pieces", code=InventoryErrorCode.INVALID)
    for index, piece in enumerate(pieces):
        _check_piece(index, piece)
    desk = _intake_desk(consignment.office, intake_desk)
    last_line = consignment.items.aggregate(last=Max("line"))["last"] or 0
    items = take_in_pieces(consignment=consignment, pieces=pieces, desk=desk, by=by, first_line=last_line + 1)
    count = len(items)
    receipt_issue(
        consignment=consignment,
        by=by,
        reason=f"Amended: {count} piece{'s' if count != 1 else ''} added",
    )
    return items


@transaction.atomic
def consignment_amend_terms(*, consignment: Consignment, terms: Terms, by: Staff, reason: str) -> ConsignmentReceipt:
    """Change the agreement's terms; the receipt gets a new version saying why."""
    consignment = Consignment.objects.select_for_update().get(pk=consignment.pk)
    _check_terms(terms)
    reason = bounded_text(reason, limit=AMENDMENT_REASON_MAX, field="reason", label="The reason")
    if not reason:
        raise InvalidInput(
            "Say why the terms change; it is printed on the new receipt.",
            field="reason",
            code=InventoryErrorCode.INVALID,
        )
    if all(_term_of(consignment, name) == getattr(terms, name) for name in _TERM_FIELDS):
        raise InvalidInput("Nothing in the terms has changed.", code=InventoryErrorCode.INVALID)
    _set_terms(consignment, terms)
    consignment.save(update_fields=list(_TERM_FIELDS))
    return receipt_issue(consignment=consignment, by=by, reason=f"Amended terms: {reason.strip()}")


@transaction.atomic
def item_update(*, item: Item, piece: PieceDraft, by: Staff, reason: str = "") -> Item:
    """Change a piece's description or values; if its receipt shows what changed, a new version."""
    lock_item(item)
    item = Item.objects.select_related("consignment").get(pk=item.pk)
    _check_piece(0, piece)
    reason = bounded_text(reason, limit=AMENDMENT_REASON_MAX, field="reason", label="The reason")
    before = PieceDraft.of(item)
    if before == piece:
        return item
    _fill_piece(item, piece)
    item.save()
    if before.stones != piece.stones or before.components != piece.components:
        item.stones.all().delete()
        item.components.all().delete()
        stones, components = _parts(item, piece)
        Stone.objects.bulk_create(stones)
        ItemComponent.objects.bulk_create(components)
    if item.consignment is not None:
        shown_before = _receipt_line(item.stock_number, item.line, before)
        shown_after = _receipt_line(item.stock_number, item.line, piece)
        if shown_before != shown_after:
            why = reason.strip() or "description or stated value changed"
            receipt_issue(consignment=item.consignment, by=by, reason=f"Amended {item.stock_number}: {why}")
    return item


# --- Receipts ----------------------------------------------------------------------------------


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _receipt_line(stock_number: str, line: int, piece: PieceDraft) -> dict[str, Any]:
    return {
        "line": line,
        "stock_number": stock_number,
        "category": ItemCategory(piece.category).label,
        "title": piece.title.strip(),
        "description": piece.description.strip(),
        "gross_weight_g": _amount(piece.gross_weight_g),
        "metal": " ".join(part for part in (piece.metal.strip(), piece.fineness.strip()) if part),
        "stones": [
            str(Stone(species=s.species.strip(), cut=s.cut.strip(), count=s.count, approx_carats=s.approx_carats))
            for s in piece.stones
        ],
        "components": [part.strip() for part in piece.components],
        "stated_value": _amount(piece.stated_value),
        "estimate_low": _amount(piece.estimate_low),
        "estimate_high": _amount(piece.estimate_high),
    }


def receipt_snapshot(consignment: Consignment) -> dict[str, Any]:
    """Everything a consignment receipt prints, as plain JSON values."""
    consignor = consignment.consignor
    items = list(consignment.items.order_by("line").prefetch_related("stones", "components"))
    total = sum((item.stated_value for item in items if item.stated_value is not None), Decimal(0))
    return {
        "number": consignment.number,
        "office": {
            "code": consignment.office.code,
            "name": consignment.office.name,
            "address": consignment.office.address,
            "locale": consignment.office.locale,
            "time_zone": consignment.office.time_zone,
        },
        "consignor": {"number": consignor.number, "name": addressed_name(consignor)},
        "received_at": consignment.received_at.isoformat(),
        "received_by": str(consignment.received_by),
        "currency": consignment.currency,
        "terms": {
            "commission_rate": str(consignment.commission_rate),
            "insurance_fee_rate": str(consignment.insurance_fee_rate),
            "photography_fee": str(consignment.photography_fee),
            "unsold_fee_rate": str(consignment.unsold_fee_rate),
            "commission_basis": CommissionBasis(consignment.commission_basis).label,
            "commission_scope": CommissionScope(consignment.commission_scope).label,
            "commission_bands": [[str(t), str(r)] for t, r in bands_of(consignment.commission_bands)],
            "minimum_commission": str(consignment.minimum_commission),
            "withdrawal_fee": str(consignment.withdrawal_fee),
            "performance_fee_rate": str(consignment.performance_fee_rate),
            "insurance_basis": InsuranceBasis(consignment.insurance_basis).label,
            "unsold_fee_basis": UnsoldFeeBasis(consignment.unsold_fee_basis).label,
            "reserve_policy": ReservePolicy(consignment.reserve_policy).label,
            "unsold_instruction": UnsoldInstruction(consignment.unsold_instruction).label,
        },
        "pieces": [_receipt_line(item.stock_number, item.line, PieceDraft.of(item)) for item in items],
        "total_stated_value": str(total),
    }


def receipt_issue(*, consignment: Consignment, by: Staff, reason: str) -> ConsignmentReceipt:
    """Print the next version of the consignment receipt (inside the caller's transaction)."""
    consignment = Consignment.objects.select_related("office", "consignor", "received_by").get(pk=consignment.pk)
    last = consignment.receipts.aggregate(last=Max("version"))["last"] or 0
    return ConsignmentReceipt.objects.create(
        consignment=consignment,
        version=last + 1,
        issued_by=by,
        reason=reason[:255],
        snapshot=receipt_snapshot(consignment),
    )
