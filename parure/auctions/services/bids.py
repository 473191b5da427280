"""Absentee bids: the maximum hammer per lot, rounded down to the sale's ladder (the bidder is told),
with its channel, received time and OR group. "Buy" or unlimited bids are refused; a maximum under
half the low estimate is flagged to the specialist; a maximum above the paddle's credit limit is
refused. A bid is cancelled by the bids office (who and when are kept, the row stays); a change is a
cancel and a new bid. The bidder is sent a confirmation by e-mail once the bid is saved.

**Maxima are write-only** for every viewer without ``auctions.view_maxima``: the bids office may
enter a bid and see that a paddle has one on a lot (its channel, received time, OR group and flag),
never its amount. The one exception is the answer to the request that took the bid: the page's
success message and the API's create response repeat the accepted maximum (with the rounding
sentence), because it is the figure the clerk has just typed and must check against the form. It is
not stored in a message cookie or session; after that answer every list, API read and export asks
:class:`parure.auctions.visibility.AuctionViewer` and leaves the amount out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from parure.auctions import engine
from parure.auctions.choices import AbsenteeStatus, BidChannel
from parure.auctions.engine.bids import UNLIMITED_WORDS
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.execution import ladder_for
from parure.auctions.models import AbsenteeBid, Lot, Registration, TelephoneBid
from parure.auctions.services.common import AMOUNT_MAX, bounded, check_open
from parure.clients import queries as client_book
from parure.clients.visibility import addressed_name
from parure.core.models import Staff

OR_GROUP_MAX = 40


@dataclass(frozen=True)
class Placed:
    """A bid as taken, and what the bidder is told about it (the rounding, if any). ``confirmation_to``
    is the address the confirmation goes to once the bid is saved ("" when the file has none)."""

    bid: AbsenteeBid
    message: str
    rounded: bool
    confirmation_to: str = ""


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


def received_time(received_at: datetime | None) -> datetime:
    """When the bid reached the bids office: now when not given, never in the future (a mistyped
    year would otherwise put the bid last, or first, among equal maxima)."""
    now = timezone.now()
    if received_at is None:
        return now
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    if received_at > now:
        shown = timezone.localtime(received_at).strftime("%d %b %Y %H:%M")
        raise AuctionError(
            f"The received time {shown} is in the future; give when the bid reached the bids office.",
            field="received_at",
            code=AuctionErrorCode.INVALID,
        )
    return received_at


def check_credit(registration: Registration, accepted: Decimal) -> None:
    limit = registration.credit_limit
    if limit is not None and accepted > limit:
        raise AuctionError(
            f"Paddle {registration.paddle}'s maximum of {engine.format_amount(accepted)} is above its credit"
            f" limit of {engine.format_amount(limit)}.",
            field="maximum",
            code=AuctionErrorCode.BID_REFUSED,
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
    cover_for: TelephoneBid | None = None,
    confirm: bool = True,
) -> Placed:
    """Take an absentee bid for the book, rounded down to the ladder, and send the bidder its
    confirmation after the commit (unless ``confirm`` is False). ``cover_for`` makes it a telephone
    bidder's cover bid: the maximum to bid if the line fails (same rules, same confidentiality)."""
    lot = Lot.objects.select_for_update().select_related("sale").get(pk=lot.pk)
    check_open(lot.sale, "taking an absentee bid")
    check_biddable(lot, registration)
    try:
        channel = BidChannel(channel)
    except ValueError:
        shown = str(channel)[:30]
        raise AuctionError(
            f"The channel ‘{shown}’ is not one the bids office takes; choose form, e-mail, phone or online platform.",
            field="channel",
            code=AuctionErrorCode.INVALID,
        ) from None
    try:
        rounding = engine.round_maximum(maximum, ladder_for(lot.sale), paddle=registration.paddle)
    except engine.EngineError as refusal:
        unlimited = isinstance(maximum, str) and maximum.strip().lower() in UNLIMITED_WORDS
        raise AuctionError(
            str(refusal),
            field="maximum",
            code=AuctionErrorCode.UNLIMITED_BID if unlimited or maximum is None else AuctionErrorCode.INVALID_AMOUNT,
        ) from None
    if rounding.given > AMOUNT_MAX:
        raise AuctionError(
            f"The maximum must be an amount to the cent, at most {AMOUNT_MAX:,.2f}.",
            field="maximum",
            code=AuctionErrorCode.INVALID_AMOUNT,
        )
    check_credit(registration, rounding.accepted)
    received = received_time(received_at)
    group = bounded(or_group, limit=OR_GROUP_MAX, field="or_group", label="The OR group")
    if cover_for is not None:
        _check_cover(cover_for, lot, registration)
    try:
        with transaction.atomic():
            bid = AbsenteeBid.objects.create(
                lot=lot,
                registration=registration,
                given=rounding.given,
                maximum=rounding.accepted,
                received_at=received,
                channel=channel,
                or_group=group,
                cover_for=cover_for,
                below_half_low=engine.below_half_low_estimate(rounding.accepted, lot.low_estimate),
                entered_by=by,
                status=AbsenteeStatus.ACTIVE,
            )
    except IntegrityError:
        if cover_for is not None and AbsenteeBid.objects.filter(cover_for=cover_for).exists():
            message = f"Paddle {registration.paddle}'s telephone bid on lot {lot.label} has a cover bid already."
        else:
            message = (
                f"Paddle {registration.paddle} has an absentee bid on lot {lot.label} already; cancel it to change it."
            )
        raise AuctionError(message, field="lot", code=AuctionErrorCode.BID_REFUSED) from None
    address = _send_confirmation(bid, rounding.message, by=by) if confirm else ""
    return Placed(bid=bid, message=rounding.message, rounded=rounding.rounded, confirmation_to=address)


def _check_cover(telephone: TelephoneBid, lot: Lot, registration: Registration) -> None:
    if telephone.cancelled:
        raise AuctionError(
            "This telephone bid is cancelled; it takes no cover bid.",
            field="cover_for",
            code=AuctionErrorCode.BID_REFUSED,
        )
    if telephone.lot_id != lot.pk or telephone.registration_id != registration.pk:
        raise AuctionError(
            "A cover bid is for the telephone bidder's own lot and paddle.",
            field="cover_for",
            code=AuctionErrorCode.BID_REFUSED,
        )


def _active(bid: AbsenteeBid) -> AbsenteeBid:
    """The bid, locked, refused when it has been cancelled already."""
    locked = AbsenteeBid.objects.select_for_update().select_related("lot__sale", "registration__client").get(pk=bid.pk)
    if locked.status != AbsenteeStatus.ACTIVE:
        raise AuctionError(
            f"Paddle {locked.registration.paddle}'s bid on lot {locked.lot.label} was cancelled already.",
            code=AuctionErrorCode.BID_REFUSED,
        )
    return locked


@transaction.atomic
def absentee_bid_cancel(*, bid: AbsenteeBid, by: Staff) -> AbsenteeBid:
    """Take a bid off the book at the bidder's request; the row is kept with who cancelled it and when."""
    locked = _active(bid)
    check_open(locked.lot.sale, "cancelling an absentee bid")
    locked.status = AbsenteeStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.cancelled_by = by
    locked.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    return locked


@transaction.atomic
def absentee_bid_change(*, bid: AbsenteeBid, maximum: object, by: Staff, received_at: datetime | None = None) -> Placed:
    """A bidder's new maximum for a lot: the bid in the book is cancelled and a new one taken (with the
    same channel, OR group and cover), both or neither. The new bid's received time is when the change
    arrived (now unless given): a raised maximum does not keep the first bid's place among equals."""
    old = absentee_bid_cancel(bid=bid, by=by)
    return absentee_bid_place(
        lot=old.lot,
        registration=old.registration,
        maximum=maximum,
        by=by,
        channel=old.channel,
        received_at=received_at,
        or_group=old.or_group,
        cover_for=old.cover_for,
    )


@transaction.atomic
def absentee_bid_confirm(*, bid: AbsenteeBid, by: Staff) -> str:
    """Send the bidder the confirmation of a bid in the book again; the address it goes to."""
    locked = _active(bid)
    rounding = engine.Rounding(given=locked.given, accepted=locked.maximum)
    address = _send_confirmation(locked, rounding.message, by=by)
    if not address:
        raise AuctionError(
            f"Paddle {locked.registration.paddle}'s client file has no e-mail address; add one in the client book"
            " to send the confirmation.",
            code=AuctionErrorCode.BID_REFUSED,
        )
    return address


# --- The confirmation ------------------------------------------------------------------------------
def confirmation_text(bid: AbsenteeBid, rounding_message: str) -> tuple[str, str]:
    """The subject and body of the e-mail that confirms a bid to its bidder."""
    lot, sale, registration = bid.lot, bid.lot.sale, bid.registration
    subject = f"Your absentee bid on lot {lot.label}: {sale.title} ({sale.code})"
    lines = [
        f"Dear {addressed_name(registration.client)},",
        "",
        f"Thank you for your absentee bid in {sale.title} (sale {sale.code}), under paddle {registration.paddle}.",
        "",
        f"Lot {lot.label}: {lot.heading}",
        f"Your maximum hammer price: {sale.currency} {engine.format_amount(bid.maximum)}",
        rounding_message,
    ]
    if bid.cover_for_id is not None:
        lines.append("This is your cover bid: we bid for you up to this maximum if the telephone line fails.")
    if bid.or_group:
        others = list(
            AbsenteeBid.objects.filter(registration=registration, or_group=bid.or_group, status=AbsenteeStatus.ACTIVE)
            .exclude(pk=bid.pk)
            .select_related("lot")
            .order_by("lot__position")
        )
        if others:
            labels = ", ".join(other.lot.label for other in others)
            lines.append(
                f"This is one of your OR bids (group {bid.or_group}) with lot{'s' if len(others) > 1 else ''}"
                f" {labels}: once you win one of them, the others leave the book."
            )
        else:
            lines.append(f"This bid is in your OR group {bid.or_group}, which has no other lot yet.")
    lines += [
        "",
        "The auctioneer bids for you at the lowest price the other bids and the reserve allow, never above your"
        " maximum; of equal maxima the one received first wins. The buyer's premium is added to the hammer price.",
        "",
        "The bids office",
    ]
    return subject, "\n".join(lines)


def _send_confirmation(bid: AbsenteeBid, rounding_message: str, *, by: Staff) -> str:
    """Queue the confirmation for after the commit; the address, or "" when the file has none."""
    address = client_book.transactional_address(bid.registration.client)
    if not address:
        return ""
    subject, body = confirmation_text(bid, rounding_message)
    email = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        reply_to=[by.email] if by.email else None,
    )
    pk = bid.pk

    def send() -> None:
        email.send(fail_silently=False)
        AbsenteeBid.objects.filter(pk=pk).update(confirmation_sent_at=timezone.now())

    transaction.on_commit(send)
    return address
