"""Telephone bids: a bidder asks to bid by telephone on a lot (one request per lot); a member of staff
is assigned to a line for it. One person cannot hold two lines for lots closer together than the
sale's ``phone_spacing`` in the order of the sale (lots offered, by position, not by number: 12A sits
between 12 and 13), since they would still be on the first call when the second lot comes up. The
bidder's cover bid (the maximum to bid if the line fails) is an absentee bid with ``cover_for`` set
(``services.bids.absentee_bid_place``). The number to call is the client's personal data: see
:func:`shows_phone`."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from parure.auctions.choices import AbsenteeStatus, LotStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import Lot, Registration, TelephoneBid
from parure.auctions.services.bids import absentee_bid_cancel, check_biddable
from parure.auctions.services.common import bounded, check_open
from parure.core.models import Staff

LINE_MAX = 8
PHONE_MAX = 40
LANGUAGE_MAX = 40


@transaction.atomic
def telephone_bid_request(
    *, lot: Lot, registration: Registration, by: Staff, phone_number: str = "", language: str = ""
) -> TelephoneBid:
    """Take a bidder's request to bid by telephone on one lot."""
    lot = Lot.objects.select_for_update().select_related("sale").get(pk=lot.pk)
    check_open(lot.sale, "taking a telephone bid")
    check_biddable(lot, registration)
    number = bounded(phone_number, limit=PHONE_MAX, field="phone_number", label="The number to call")
    spoken = bounded(language, limit=LANGUAGE_MAX, field="language", label="The language")
    try:
        with transaction.atomic():
            return TelephoneBid.objects.create(
                lot=lot, registration=registration, phone_number=number, language=spoken, requested_by=by
            )
    except IntegrityError:
        raise AuctionError(
            f"Paddle {registration.paddle} has asked to bid by telephone on lot {lot.label} already.",
            field="lot",
            code=AuctionErrorCode.BID_REFUSED,
        ) from None


def _locked(telephone: TelephoneBid) -> TelephoneBid:
    locked = TelephoneBid.objects.select_for_update().select_related("lot__sale", "registration").get(pk=telephone.pk)
    if locked.cancelled:
        raise AuctionError(
            f"Paddle {locked.registration.paddle}'s telephone bid on lot {locked.lot.label} is cancelled.",
            code=AuctionErrorCode.BID_REFUSED,
        )
    check_open(locked.lot.sale, "changing a telephone bid")
    return locked


def lot_order(sale_id: int) -> dict[int, int]:
    """Each offered lot's place in the sale's order (0, 1, 2 …): withdrawn lots are not called."""
    ids = (
        Lot.objects.filter(sale_id=sale_id, status=LotStatus.OFFERED).order_by("position").values_list("pk", flat=True)
    )
    return {pk: place for place, pk in enumerate(ids)}


@transaction.atomic
def telephone_line_assign(*, telephone: TelephoneBid, line: str, staff: Staff, by: Staff) -> TelephoneBid:
    """Put ``staff`` on ``line`` for this telephone bid, refusing a clash with their other lines or a
    line already taken on the lot."""
    locked = _locked(telephone)
    name = bounded(line, limit=LINE_MAX, field="line", label="The line", required=True)
    lot, sale = locked.lot, locked.lot.sale
    # Lock the sale's other assignments so two assignments at once cannot both pass the check.
    others = list(
        # of=self: PostgreSQL locks no row on the nullable side of an outer join (the line's staff).
        TelephoneBid.objects.select_for_update(of=("self",))
        .filter(lot__sale=sale, cancelled=False)
        .exclude(pk=locked.pk)
        .select_related("lot", "staff")
    )
    for other in others:
        if other.lot_id == lot.pk and other.line == name:
            raise AuctionError(
                f"Line {name} is already taken on lot {lot.label}; choose another line.",
                field="line",
                code=AuctionErrorCode.LINE_CLASH,
            )
    order = lot_order(sale.pk)
    here = order.get(lot.pk)
    for other in sorted(others, key=lambda row: (row.lot.position, row.pk)):
        if other.staff_id != staff.pk or here is None or other.lot_id not in order:
            continue
        apart = abs(order[other.lot_id] - here)
        if apart < sale.phone_spacing:
            what = "on the same lot" if apart == 0 else f"{apart} lot{'s' if apart > 1 else ''} apart"
            raise AuctionError(
                f"{staff.get_full_name() or staff.username} holds line {other.line} for lot {other.lot.label}, and lots"
                f" {other.lot.label} and {lot.label} are {what}; a member of staff needs {sale.phone_spacing} lots"
                " between two lines.",
                field="staff",
                code=AuctionErrorCode.LINE_CLASH,
            )
    locked.line = name
    locked.staff = staff
    locked.save(update_fields=["line", "staff"])
    return locked


@transaction.atomic
def telephone_bid_cancel(*, telephone: TelephoneBid, by: Staff) -> TelephoneBid:
    """Cancel a telephone bid; its cover bid leaves the book with it."""
    locked = _locked(telephone)
    cover = locked.cover_bid if hasattr(locked, "cover_bid") else None
    if cover is not None and cover.status == AbsenteeStatus.ACTIVE:
        absentee_bid_cancel(bid=cover, by=by)
    locked.cancelled = True
    locked.save(update_fields=["cancelled"])
    return locked


def shows_phone(viewer: Any, telephone: TelephoneBid, identity_shown: bool) -> bool:
    """The number to call is shown to the member of staff on the line and to viewers the client book
    shows the client's identity (names and contact details) to; ``identity_shown`` is the client
    book's answer for this viewer (``AuctionViewer.bidder_labels``)."""
    if telephone.staff_id is not None and telephone.staff_id == getattr(viewer, "pk", None):
        return True
    return identity_shown
