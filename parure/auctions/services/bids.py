"""Absentee bids: the maximum hammer per lot, rounded down to the sale's ladder (the bidder is told),
with its channel, received time and OR group. "Buy" or unlimited bids are refused; a maximum under
half the low estimate is flagged to the specialist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from parure.auctions import engine
from parure.auctions.choices import AbsenteeStatus, BidChannel
from parure.auctions.engine.bids import UNLIMITED_WORDS
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.execution import ladder_for
from parure.auctions.models import AbsenteeBid, Lot, Registration
from parure.auctions.services.common import bounded, check_open
from parure.core.models import Staff

OR_GROUP_MAX = 40


@dataclass(frozen=True)
class Placed:
    """A bid as taken, and what the bidder is told about it (the rounding, if any)."""

    bid: AbsenteeBid
    message: str
    rounded: bool


def check_biddable(lot: Lot, registration: Registration) -> None:
    if registration.sale_id != lot.sale_id:
        raise AuctionError(
            f"Paddle {registration.paddle} is registered for another sale.",
            field="paddle",
            code=AuctionErrorCode.UNKNOWN_PADDLE,
        )
    if lot.is_withdrawn:
        raise AuctionError(
            f"Lot {lot.label} is withdrawn ({lot.withdrawn_reason}); it takes no bids.",
            field="lot",
            code=AuctionErrorCode.LOT_WITHDRAWN,
        )
    if not registration.is_approved:
        raise AuctionError(
            f"Paddle {registration.paddle} is {registration.get_status_display().lower()}, not approved;"
            " it cannot bid.",
            field="paddle",
            code=AuctionErrorCode.PADDLE_NOT_APPROVED,
        )


@transaction.atomic
def absentee_bid_place(
    *,
    lot: Lot,
    registration: Registration,
    maximum: object,
    by: Staff,
    channel: BidChannel | str = BidChannel.FORM,
    received_at: datetime | None = None,
    or_group: str = "",
) -> Placed:
    """Take an absentee bid for the book, rounded down to the ladder."""
    lot = Lot.objects.select_for_update().select_related("sale").get(pk=lot.pk)
    check_open(lot.sale, "taking an absentee bid")
    check_biddable(lot, registration)
    channel = BidChannel(channel)
    try:
        rounding = engine.round_maximum(maximum, ladder_for(lot.sale), paddle=registration.paddle)
    except engine.EngineError as refusal:
        unlimited = isinstance(maximum, str) and maximum.strip().lower() in UNLIMITED_WORDS
        raise AuctionError(
            str(refusal),
            field="maximum",
            code=AuctionErrorCode.UNLIMITED_BID if unlimited or maximum is None else AuctionErrorCode.INVALID_AMOUNT,
        ) from None
    try:
        with transaction.atomic():
            bid = AbsenteeBid.objects.create(
                lot=lot,
                registration=registration,
                given=rounding.given,
                maximum=rounding.accepted,
                received_at=received_at or timezone.now(),
                channel=channel,
                or_group=bounded(or_group, limit=OR_GROUP_MAX, field="or_group", label="The OR group"),
                below_half_low=engine.below_half_low_estimate(rounding.accepted, lot.low_estimate),
                entered_by=by,
                status=AbsenteeStatus.ACTIVE,
            )
    except IntegrityError:
        raise AuctionError(
            f"Paddle {registration.paddle} has an absentee bid on lot {lot.label} already; cancel it to change it.",
            field="lot",
            code=AuctionErrorCode.BID_REFUSED,
        ) from None
    return Placed(bid=bid, message=rounding.message, rounded=rounding.rounded)
