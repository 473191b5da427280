"""Reads the auctions' pages and API share, each with the joins it needs so a list issues a fixed
number of queries whatever its length. What a viewer may see of a row is the visibility's
(:class:`parure.auctions.visibility.AuctionViewer`)."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length
from django.http import Http404

from parure.auctions.choices import LotStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import AbsenteeBid, Lot, Registration, Sale, TelephoneBid
from parure.auctions.paddles import parse_paddle
from parure.auctions.services.sales import parse_lot_number
from parure.catalogue import queries as catalogue
from parure.core.choices import Role
from parure.core.models import Staff
from parure.inventory import queries as inventory
from parure.inventory.errors import StockNumberError

PIECES_MAX = 20


def sales() -> QuerySet[Sale]:
    """Every sale, newest first, with its office and its count of lots offered."""
    return Sale.objects.select_related("office").annotate(
        lots_offered=Count("lots", filter=Q(lots__status=LotStatus.OFFERED))
    )


def sale_by_code(code: str) -> Sale:
    """The sale with this code, or a refusal naming it."""
    text = (code or "").strip().upper()[:20]
    sale = Sale.objects.select_related("office", "increment_table", "premium_schedule").filter(code=text).first()
    if sale is None:
        raise AuctionError(f"No sale has code {text}.", field="sale", code=AuctionErrorCode.UNKNOWN_SALE)
    return sale


def lots_of(sale: Sale) -> QuerySet[Lot]:
    """The sale's lots in order, with their pieces."""
    return sale.lots.select_related("sale").prefetch_related("pieces__item").order_by("position")


def lot_of(sale: Sale, label: str) -> Lot:
    """The sale's lot with this number (12, 12A), or a refusal naming it."""
    number, suffix = parse_lot_number(label, field="lot")
    lot = lots_of(sale).filter(number=number, suffix=suffix).first()
    if lot is None:
        raise AuctionError(
            f"Sale {sale.code} has no lot {number}{suffix}.", field="lot", code=AuctionErrorCode.UNKNOWN_LOT
        )
    return lot


def registration_by_paddle(sale: Sale, text: str, *, field: str = "paddle") -> Registration:
    """The sale's registration with this paddle; a mistyped paddle is refused, never looked up."""
    paddle = parse_paddle(text, field=field)
    found = Registration.objects.select_related("sale", "client").filter(sale=sale, paddle=paddle).first()
    if found is None:
        raise AuctionError(
            f"Paddle {paddle} is not registered for sale {sale.code}.",
            field=field,
            code=AuctionErrorCode.UNKNOWN_PADDLE,
        )
    return found


# --- Bidders ---------------------------------------------------------------------------------------
def registrations_of(sale: Sale, *, status: str = "") -> QuerySet[Registration]:
    """The sale's registrations by paddle (optionally of one status), with the client file (for its
    KYC) and who decided."""
    rows = Registration.objects.filter(sale=sale).select_related("sale", "client", "decided_by", "registered_by")
    if status:
        rows = rows.filter(status=status)
    # Paddles are numbers: 1010 before 10007 (house before online, in issue order).
    return rows.order_by(Length("paddle"), "paddle")


# --- Bids: the absentee book and the telephone sheet ------------------------------------------------
def absentee_book(sale: Sale, *, sees_maxima: bool, lot: Lot | None = None) -> QuerySet[AbsenteeBid]:
    """The sale's absentee bids (cancelled ones too), lot by lot. For a viewer who reads maxima they
    come in execution order (highest maximum first, then the earliest received); for anyone else in
    the order received, since the execution order alone would rank the hidden maxima."""
    rows = AbsenteeBid.objects.filter(lot__sale=sale).select_related(
        "lot", "registration", "entered_by", "cancelled_by", "cover_for"
    )
    if lot is not None:
        rows = rows.filter(lot=lot)
    if sees_maxima:
        return rows.order_by("lot__position", "status", "-maximum", "received_at", "pk")
    return rows.order_by("lot__position", "status", "received_at", "pk")


def absentee_bid_of(sale: Sale, bid_id: int) -> AbsenteeBid:
    """One of the sale's absentee bids, or a refusal."""
    found = (
        AbsenteeBid.objects.select_related("lot__sale", "registration__client")
        .filter(lot__sale=sale, pk=bid_id)
        .first()
    )
    if found is None:
        raise AuctionError(
            f"Sale {sale.code} has no absentee bid {bid_id}.", field="bid", code=AuctionErrorCode.UNKNOWN_BID
        )
    return found


def telephone_sheet(sale: Sale) -> QuerySet[TelephoneBid]:
    """The sale's telephone bids by lot, with their line, member of staff and cover bid."""
    return (
        TelephoneBid.objects.filter(lot__sale=sale)
        .select_related("lot", "registration", "staff", "requested_by", "cover_bid")
        .order_by("lot__position", "cancelled", "line", "requested_at", "pk")
    )


def telephone_bid_of(sale: Sale, telephone_id: int) -> TelephoneBid:
    """One of the sale's telephone bids, or a refusal."""
    found = (
        TelephoneBid.objects.select_related("lot__sale", "registration").filter(lot__sale=sale, pk=telephone_id).first()
    )
    if found is None:
        raise AuctionError(
            f"Sale {sale.code} has no telephone bid {telephone_id}.",
            field="telephone",
            code=AuctionErrorCode.UNKNOWN_BID,
        )
    return found


def line_staff() -> QuerySet[Staff]:
    """The members of staff who may be put on a telephone line (the specialists), by name."""
    return Staff.objects.filter(is_active=True, role__in=[Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST]).order_by(
        "first_name", "last_name", "username"
    )


def pieces_named(text: str, *, field: str = "pieces") -> list[Any]:
    """The pieces named by stock numbers (one a line, or separated by commas or spaces), read through
    the inventory's stock-number reader: a mistyped number is refused with its sentence, never matched."""
    numbers = [part for part in re.split(r"[\s,;]+", (text or "").strip()) if part]
    if not numbers:
        raise AuctionError("Give at least one stock number.", field=field, code=AuctionErrorCode.REQUIRED)
    if len(numbers) > PIECES_MAX:
        raise AuctionError(f"A lot holds at most {PIECES_MAX} pieces.", field=field, code=AuctionErrorCode.INVALID)
    found: list[Any] = []
    for number in numbers:
        try:
            item = inventory.item_by_stock_number(number[:40])
        except StockNumberError as refusal:
            raise AuctionError(refusal.message, field=field, code=AuctionErrorCode.INVALID) from None
        except Http404 as missing:
            raise AuctionError(str(missing), field=field, code=AuctionErrorCode.UNKNOWN_PIECE) from None
        if any(other.pk == item.pk for other in found):
            raise AuctionError(f"{item.stock_number} is named twice.", field=field, code=AuctionErrorCode.INVALID)
        found.append(item)
    return found


def approved_copy(lot: Lot) -> dict[int, Any]:
    """The approved catalogue copy of each of the lot's pieces (by the piece's id), from the catalogue."""
    return catalogue.approved_copy_for([entry.item_id for entry in lot.pieces.all()])


def approved_copy_of(item: Any) -> Any:
    """The piece's approved catalogue copy, or None."""
    return catalogue.approved_copy_for([item.pk]).get(item.pk)


#: The record type other apps name (billing's invoices point at a sale).
SaleRecord = Sale
