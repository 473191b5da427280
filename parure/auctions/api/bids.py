"""Absentee and telephone bids in the API (mounted at /api/v1/auctions/sales/{code}/...): the absentee
book, taking a bid, cancelling it and resending its confirmation; telephone requests, assigning a
line, cancelling, and the cover bid.

Maxima are write-only for viewers without ``auctions.view_maxima``: the ``maximum`` and ``given``
keys are absent from every read for them. As on the page (``services.bids``), the answer to the
request that took a bid repeats the accepted maximum once, to the caller who sent it."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from parure.auctions import queries
from parure.auctions.choices import AbsenteeStatus, BidChannel
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import AbsenteeBid, Sale, TelephoneBid
from parure.auctions.services import bids as bid_services
from parure.auctions.services import telephone as phone_services
from parure.auctions.visibility import AuctionViewer
from parure.core.api import ErrorOut, requires
from parure.core.policy import acting_staff

router = Router()

CENT = Decimal("0.01")

BidId = Annotated[int, Field(ge=1, le=2**63 - 1)]
SaleCode = Annotated[str, Field(max_length=20)]


class AbsenteeBidOut(Schema):
    id: int
    lot: str
    paddle: str
    bidder: str
    channel: str
    received_at: datetime
    or_group: str
    or_group_lots: int = Field(description="The bidder's lots in the book in this OR group (1: it means nothing yet).")
    below_half_low: bool
    cover_for: int | None = Field(description="The telephone bid this is the cover bid of.")
    status: str
    confirmation_sent_at: datetime | None
    entered_by: str
    cancelled_by: str | None
    cancelled_at: datetime | None
    maximum: Decimal | None = Field(None, description="Only for viewers who may read maxima; absent otherwise.")
    given: Decimal | None = Field(None, description="What the bidder wrote; only for viewers who may read maxima.")


class BookQuery(Schema):
    lot: str | None = Field(None, max_length=12, description="Only this lot (12, 12A).")


class AbsenteeBidIn(Schema):
    paddle: str = Field(max_length=12, description="The paddle with its check digit: 1010.")
    lot: str = Field(max_length=12)
    maximum: str | Decimal = Field(description='The maximum hammer price in the sale\'s currency, e.g. "9100".')
    channel: BidChannel = BidChannel.FORM
    received_at: datetime | None = Field(None, description="When the bid reached the bids office; now if omitted.")
    or_group: str = Field("", max_length=bid_services.OR_GROUP_MAX)


class PlacedOut(Schema):
    bid: AbsenteeBidOut
    message: str = Field(description="What the bidder is told: the maximum as accepted on the ladder.")
    accepted_maximum: Decimal = Field(description="The maximum as accepted, given once to the caller who sent it.")
    rounded: bool
    confirmation_to: str = Field(description="Where the confirmation e-mail goes; empty when the file has none.")


class ConfirmationOut(Schema):
    sent_to: str


class TelephoneBidOut(Schema):
    id: int
    lot: str
    paddle: str
    bidder: str
    phone_number: str | None = Field(
        None, description="Only for the member of staff on the line and viewers the client book shows the client to."
    )
    language: str
    line: str
    staff: str | None
    cancelled: bool
    requested_at: datetime
    has_cover_bid: bool
    cover_maximum: Decimal | None = Field(None, description="Only for viewers who may read maxima.")


class TelephoneBidIn(Schema):
    paddle: str = Field(max_length=12)
    lot: str = Field(max_length=12)
    phone_number: str = Field("", max_length=phone_services.PHONE_MAX)
    language: str = Field("", max_length=phone_services.LANGUAGE_MAX)


class LineAssignIn(Schema):
    line: str = Field(max_length=phone_services.LINE_MAX)
    staff: str = Field(max_length=150, description="The username of the specialist who holds the line.")


class CoverIn(Schema):
    maximum: str | Decimal


def _bid_out(bid: AbsenteeBid, viewer: AuctionViewer, label: str, group_lots: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": bid.pk,
        "lot": bid.lot.label,
        "paddle": bid.registration.paddle,
        "bidder": label,
        "channel": bid.channel,
        "received_at": bid.received_at,
        "or_group": bid.or_group,
        "or_group_lots": group_lots,
        "below_half_low": bid.below_half_low,
        "cover_for": bid.cover_for_id,
        "status": bid.status,
        "confirmation_sent_at": bid.confirmation_sent_at,
        "entered_by": bid.entered_by.username,
        "cancelled_by": bid.cancelled_by.username if bid.cancelled_by else None,
        "cancelled_at": bid.cancelled_at,
    }
    if viewer.sees_maxima:
        out["maximum"] = bid.maximum
        out["given"] = bid.given
    return out


def _book(bids: list[AbsenteeBid], viewer: AuctionViewer) -> list[dict[str, Any]]:
    labels = viewer.bidder_labels(bid.registration.client_id for bid in bids)
    groups: dict[tuple[int, str], int] = {}
    for bid in bids:
        if bid.or_group and bid.status == AbsenteeStatus.ACTIVE:
            key = (bid.registration_id, bid.or_group)
            groups[key] = groups.get(key, 0) + 1
    return [
        _bid_out(
            bid,
            viewer,
            label.name if (label := labels.get(bid.registration.client_id)) else "",
            groups.get((bid.registration_id, bid.or_group), 0) if bid.or_group else 0,
        )
        for bid in bids
    ]


def _one(sale: Sale, bid_id: int, viewer: AuctionViewer) -> dict[str, Any]:
    bid = queries.absentee_book(sale, sees_maxima=viewer.sees_maxima).get(pk=bid_id)
    siblings = list(
        queries.absentee_book(sale, sees_maxima=viewer.sees_maxima).filter(
            registration_id=bid.registration_id, or_group=bid.or_group
        )
    ) if bid.or_group else [bid]  # fmt: skip
    return next(row for row in _book(siblings, viewer) if row["id"] == bid_id)


@router.get(
    "/sales/{code}/absentee-bids",
    response={200: list[AbsenteeBidOut], 404: ErrorOut},
    exclude_unset=True,
    operation_id="auctions_absentee_bids",
    summary="The sale's absentee book (maxima only for viewers who may read them)",
)
@requires("auctions.view_bids")
def absentee_bids(request: HttpRequest, code: SaleCode, filters: Query[BookQuery]) -> Any:
    sale = queries.sale_by_code(code)
    viewer = AuctionViewer(request.user)
    lot = queries.lot_of(sale, filters.lot) if filters.lot else None
    return _book(list(queries.absentee_book(sale, sees_maxima=viewer.sees_maxima, lot=lot)), viewer)


@router.post(
    "/sales/{code}/absentee-bids",
    response={201: PlacedOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    exclude_unset=True,
    operation_id="auctions_absentee_bid_create",
    summary="Take an absentee bid, rounded down to the ladder; the bidder is sent a confirmation",
)
@requires("auctions.take_bids")
def absentee_bid_create(request: HttpRequest, code: SaleCode, payload: AbsenteeBidIn) -> Any:
    sale = queries.sale_by_code(code)
    placed = bid_services.absentee_bid_place(
        lot=queries.lot_of(sale, payload.lot),
        registration=queries.registration_by_paddle(sale, payload.paddle),
        maximum=str(payload.maximum),
        channel=payload.channel,
        received_at=payload.received_at,
        or_group=payload.or_group,
        by=acting_staff(request),
    )
    viewer = AuctionViewer(request.user)
    return Status(
        201,
        {
            "bid": _one(sale, placed.bid.pk, viewer),
            "message": placed.message,
            "accepted_maximum": placed.bid.maximum.quantize(CENT),  # once, to the caller who sent it (see the module)
            "rounded": placed.rounded,
            "confirmation_to": placed.confirmation_to,
        },
    )


@router.post(
    "/sales/{code}/absentee-bids/{bid_id}/cancel",
    response={200: AbsenteeBidOut, 404: ErrorOut, 409: ErrorOut},
    exclude_unset=True,
    operation_id="auctions_absentee_bid_cancel",
    summary="Cancel an absentee bid at the bidder's request (the row is kept)",
)
@requires("auctions.take_bids")
def absentee_bid_cancel(request: HttpRequest, code: SaleCode, bid_id: BidId) -> Any:
    sale = queries.sale_by_code(code)
    bid = queries.absentee_bid_of(sale, bid_id)
    bid_services.absentee_bid_cancel(bid=bid, by=acting_staff(request))
    return _one(sale, bid_id, AuctionViewer(request.user))


@router.post(
    "/sales/{code}/absentee-bids/{bid_id}/confirmation",
    response={200: ConfirmationOut, 404: ErrorOut, 409: ErrorOut},
    operation_id="auctions_absentee_bid_confirm",
    summary="Send the bidder the confirmation of a bid again",
)
@requires("auctions.take_bids")
def absentee_bid_confirm(request: HttpRequest, code: SaleCode, bid_id: BidId) -> Any:
    sale = queries.sale_by_code(code)
    bid = queries.absentee_bid_of(sale, bid_id)
    return {"sent_to": bid_services.absentee_bid_confirm(bid=bid, by=acting_staff(request))}


# --- Telephone bids --------------------------------------------------------------------------------
def _sheet(telephones: list[TelephoneBid], viewer: AuctionViewer) -> list[dict[str, Any]]:
    labels = viewer.bidder_labels(row.registration.client_id for row in telephones)
    rows = []
    for telephone in telephones:
        label = labels.get(telephone.registration.client_id)
        cover = getattr(telephone, "cover_bid", None)
        active = cover if cover is not None and cover.status == AbsenteeStatus.ACTIVE else None
        out: dict[str, Any] = {
            "id": telephone.pk,
            "lot": telephone.lot.label,
            "paddle": telephone.registration.paddle,
            "bidder": label.name if label else "",
            "language": telephone.language,
            "line": telephone.line,
            "staff": telephone.staff.username if telephone.staff else None,
            "cancelled": telephone.cancelled,
            "requested_at": telephone.requested_at,
            "has_cover_bid": active is not None,
        }
        if phone_services.shows_phone(viewer.user, telephone, bool(label and label.identity_shown)):
            out["phone_number"] = telephone.phone_number
        if active is not None and viewer.sees_maxima:
            out["cover_maximum"] = active.maximum
        rows.append(out)
    return rows


def _telephone_out(sale: Sale, telephone_id: int, viewer: AuctionViewer) -> dict[str, Any]:
    return _sheet(list(queries.telephone_sheet(sale).filter(pk=telephone_id)), viewer)[0]


@router.get(
    "/sales/{code}/telephone-bids",
    response={200: list[TelephoneBidOut], 404: ErrorOut},
    exclude_unset=True,
    operation_id="auctions_telephone_bids",
    summary="The sale's telephone bids by lot, with their lines",
)
@requires("auctions.view_bids")
def telephone_bids(request: HttpRequest, code: SaleCode) -> Any:
    sale = queries.sale_by_code(code)
    return _sheet(list(queries.telephone_sheet(sale)), AuctionViewer(request.user))


@router.post(
    "/sales/{code}/telephone-bids",
    response={201: TelephoneBidOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    exclude_unset=True,
    operation_id="auctions_telephone_bid_create",
    summary="Take a bidder's request to bid by telephone on a lot",
)
@requires("auctions.take_bids")
def telephone_bid_create(request: HttpRequest, code: SaleCode, payload: TelephoneBidIn) -> Any:
    sale = queries.sale_by_code(code)
    telephone = phone_services.telephone_bid_request(
        lot=queries.lot_of(sale, payload.lot),
        registration=queries.registration_by_paddle(sale, payload.paddle),
        phone_number=payload.phone_number,
        language=payload.language,
        by=acting_staff(request),
    )
    return Status(201, _telephone_out(sale, telephone.pk, AuctionViewer(request.user)))


@router.post(
    "/sales/{code}/telephone-bids/{telephone_id}/assign",
    response={200: TelephoneBidOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    exclude_unset=True,
    operation_id="auctions_telephone_bid_assign",
    summary="Put a specialist on a line for a telephone bid (refused if they hold a line for a lot too close)",
)
@requires("auctions.assign_lines")
def telephone_bid_assign(request: HttpRequest, code: SaleCode, telephone_id: BidId, payload: LineAssignIn) -> Any:
    sale = queries.sale_by_code(code)
    telephone = queries.telephone_bid_of(sale, telephone_id)
    staff = queries.line_staff().filter(username=payload.staff.strip()).first()
    if staff is None:
        raise AuctionError(
            f"No specialist has the username ‘{payload.staff.strip()[:40]}’.",
            field="staff",
            code=AuctionErrorCode.INVALID,
        )
    phone_services.telephone_line_assign(telephone=telephone, line=payload.line, staff=staff, by=acting_staff(request))
    return _telephone_out(sale, telephone_id, AuctionViewer(request.user))


@router.post(
    "/sales/{code}/telephone-bids/{telephone_id}/cancel",
    response={200: TelephoneBidOut, 404: ErrorOut, 409: ErrorOut},
    exclude_unset=True,
    operation_id="auctions_telephone_bid_cancel",
    summary="Cancel a telephone bid (and its cover bid)",
)
@requires("auctions.take_bids")
def telephone_bid_cancel(request: HttpRequest, code: SaleCode, telephone_id: BidId) -> Any:
    sale = queries.sale_by_code(code)
    telephone = queries.telephone_bid_of(sale, telephone_id)
    phone_services.telephone_bid_cancel(telephone=telephone, by=acting_staff(request))
    return _telephone_out(sale, telephone_id, AuctionViewer(request.user))


@router.post(
    "/sales/{code}/telephone-bids/{telephone_id}/cover",
    response={201: PlacedOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    exclude_unset=True,
    operation_id="auctions_telephone_bid_cover",
    summary="Leave the telephone bidder's cover bid: an absentee bid executed if the line fails",
)
@requires("auctions.take_bids")
def telephone_bid_cover(request: HttpRequest, code: SaleCode, telephone_id: BidId, payload: CoverIn) -> Any:
    sale = queries.sale_by_code(code)
    telephone = queries.telephone_bid_of(sale, telephone_id)
    placed = bid_services.absentee_bid_place(
        lot=telephone.lot,
        registration=telephone.registration,
        maximum=str(payload.maximum),
        channel=BidChannel.PHONE,
        cover_for=telephone,
        by=acting_staff(request),
    )
    viewer = AuctionViewer(request.user)
    return Status(
        201,
        {
            "bid": _one(sale, placed.bid.pk, viewer),
            "message": placed.message,
            "accepted_maximum": placed.bid.maximum.quantize(CENT),
            "rounded": placed.rounded,
            "confirmation_to": placed.confirmation_to,
        },
    )
