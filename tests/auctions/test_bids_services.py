"""Absentee and telephone bids through the services: rounding to the ladder, the refusals (each with
nothing saved), the flags, OR groups, the credit limit, cancelling, the confirmation e-mail, telephone
lines and their spacing, and cover bids."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from parure.auctions.choices import AbsenteeStatus, BidChannel, LotStatus, SaleStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import AbsenteeBid, Lot, Sale, TelephoneBid
from parure.auctions.services.bids import (
    absentee_bid_cancel,
    absentee_bid_change,
    absentee_bid_confirm,
    absentee_bid_place,
)
from parure.auctions.services.telephone import telephone_bid_cancel, telephone_bid_request, telephone_line_assign
from tests.auctions import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def sale(cast: Any, places: Any) -> Sale:
    return world.sale(cast.senior)


@pytest.fixture
def lot(sale: Sale, cast: Any) -> Lot:
    return world.lot(sale, cast.senior)


def bidder_with_address(sale: Sale, name: str, email: str) -> Any:
    """An approved bidder whose client file has an e-mail address (the confirmation goes there)."""
    from parure.auctions.services.registrations import registration_create, registration_decide
    from parure.core.models import Staff

    senior = Staff.objects.get(username="eleanor")
    client = world.verified_client(name, email=email)
    registration = registration_create(sale=sale, client=client, credit_limit="500000", by=senior)
    return registration_decide(registration=registration, approve=True, by=senior)


@pytest.fixture
def julian(sale: Sale) -> Any:
    return bidder_with_address(sale, "Mr Julian Ashcombe", "julian@ashcombe.example")


def refused(cast: Any, **fields: Any) -> AuctionError:
    """The refusal of a bid, proving nothing was saved."""
    before = AbsenteeBid.objects.count()
    with pytest.raises(AuctionError) as refusal:
        absentee_bid_place(by=cast.assistant, **fields)
    assert AbsenteeBid.objects.count() == before
    return refusal.value


@pytest.mark.parametrize(
    ("given", "accepted", "message"),
    [
        ("9100", "9000", "Your maximum of 9,100 falls between the auctioneer's steps; it is accepted as 9,000,"
         " the step below."),
        ("10250", "10000", "Your maximum of 10,250 falls between the auctioneer's steps; it is accepted as 10,000,"
         " the step below."),
        ("9500", "9500", "Your maximum of 9,500 is on the bidding ladder and is accepted as given."),
    ],
)  # fmt: skip
def test_a_maximum_is_rounded_down_to_the_ladder_and_the_bidder_is_told(
    cast: Any, lot: Lot, julian: Any, given: str, accepted: str, message: str
) -> None:
    placed = absentee_bid_place(lot=lot, registration=julian, maximum=given, by=cast.assistant, confirm=False)
    bid = AbsenteeBid.objects.get()
    assert (bid.given, bid.maximum, placed.message, placed.rounded) == (
        Decimal(given), Decimal(accepted), message, given != accepted,
    )  # fmt: skip
    assert (bid.entered_by, bid.channel, bid.status, bid.below_half_low) == (
        cast.assistant, BidChannel.FORM, AbsenteeStatus.ACTIVE, False,
    )  # fmt: skip


@pytest.mark.parametrize("word", ["buy", "Unlimited", " no limit "])
def test_a_buy_or_unlimited_bid_is_refused(cast: Any, lot: Lot, julian: Any, word: str) -> None:
    refusal = refused(cast, lot=lot, registration=julian, maximum=word)
    assert refusal.code == AuctionErrorCode.UNLIMITED_BID
    assert refusal.field == "maximum"
    assert refusal.message == (
        f"Paddle 1010's absentee bid gives {word!r} as its maximum: 'buy' or unlimited bids are not accepted;"
        " give a maximum hammer price in the sale's currency."
    )


def test_a_maximum_under_half_the_low_estimate_is_flagged(cast: Any, lot: Lot, julian: Any, sale: Sale) -> None:
    low = absentee_bid_place(lot=lot, registration=julian, maximum="3900", by=cast.assistant, confirm=False)
    other = world.bidder(sale, name="Mrs Ines Carvalho")
    half = absentee_bid_place(lot=lot, registration=other, maximum="4000", by=cast.assistant, confirm=False)
    assert (low.bid.maximum, low.bid.below_half_low) == (Decimal("3800"), True)
    assert (half.bid.maximum, half.bid.below_half_low) == (Decimal("4000"), False)


def test_a_maximum_above_the_credit_limit_is_refused(cast: Any, sale: Sale, julian: Any) -> None:
    big = world.lot(sale, cast.senior, heading="A diamond rivière", low="400000", high="600000", reserve="350000")
    refusal = refused(cast, lot=big, registration=julian, maximum="600000")
    assert (refusal.code, refusal.field) == (AuctionErrorCode.BID_REFUSED, "maximum")
    assert refusal.message == "Paddle 1010's maximum of 600,000 is above its credit limit of 500,000."
    assert absentee_bid_place(lot=big, registration=julian, maximum="500000", by=cast.assistant).bid.maximum == 500000


def test_a_withdrawn_lot_takes_no_bid(cast: Any, lot: Lot, julian: Any) -> None:
    Lot.objects.filter(pk=lot.pk).update(status=LotStatus.WITHDRAWN, withdrawn_reason="the consignor sold it")
    lot.refresh_from_db()
    refusal = refused(cast, lot=lot, registration=julian, maximum="9000")
    assert (refusal.code, refusal.message) == (
        AuctionErrorCode.LOT_WITHDRAWN, "Lot 1 is withdrawn (the consignor sold it); it takes no bids.",
    )  # fmt: skip


def test_a_paddle_not_approved_cannot_bid(cast: Any, lot: Lot, sale: Sale) -> None:
    pending = world.bidder(sale, name="Mr Pending Bidder", approve=False)
    refusal = refused(cast, lot=lot, registration=pending, maximum="9000")
    assert (refusal.code, refusal.message) == (
        AuctionErrorCode.PADDLE_NOT_APPROVED, "Paddle 1010 is pending, not approved; it cannot bid.",
    )  # fmt: skip


def test_a_closed_sale_takes_no_bid(cast: Any, lot: Lot, julian: Any, sale: Sale) -> None:
    Sale.objects.filter(pk=sale.pk).update(status=SaleStatus.CLOSED)
    refusal = refused(cast, lot=lot, registration=julian, maximum="9000")
    assert (refusal.code, refusal.message) == (
        AuctionErrorCode.SALE_CLOSED,
        "Sale NY-J-2703 is closed; taking an absentee bid is no longer possible. A result is corrected from the"
        " results page.",
    )


def test_a_received_time_in_the_future_is_refused(cast: Any, lot: Lot, julian: Any) -> None:
    later = timezone.now() + timedelta(days=400)
    refusal = refused(cast, lot=lot, registration=julian, maximum="9000", received_at=later)
    shown = timezone.localtime(later).strftime("%d %b %Y %H:%M")
    assert (refusal.field, refusal.message) == (
        "received_at", f"The received time {shown} is in the future; give when the bid reached the bids office.",
    )  # fmt: skip


def test_a_second_bid_on_the_same_lot_is_refused_until_the_first_is_cancelled(cast: Any, lot: Lot, julian: Any) -> None:
    first = absentee_bid_place(lot=lot, registration=julian, maximum="9000", by=cast.assistant, confirm=False).bid
    refusal = refused(cast, lot=lot, registration=julian, maximum="11000")
    assert refusal.message == "Paddle 1010 has an absentee bid on lot 1 already; cancel it to change it."
    cancelled = absentee_bid_cancel(bid=first, by=cast.assistant)
    assert (cancelled.status, cancelled.cancelled_by) == (AbsenteeStatus.CANCELLED, cast.assistant)
    assert cancelled.cancelled_at is not None
    again = absentee_bid_place(lot=lot, registration=julian, maximum="11000", by=cast.assistant, confirm=False)
    assert again.bid.maximum == Decimal("11000")
    assert list(AbsenteeBid.objects.order_by("pk").values_list("status", "maximum")) == [
        (AbsenteeStatus.CANCELLED, Decimal("9000.00")), (AbsenteeStatus.ACTIVE, Decimal("11000.00")),
    ]  # fmt: skip
    with pytest.raises(AuctionError) as twice:
        absentee_bid_cancel(bid=first, by=cast.assistant)
    assert twice.value.message == "Paddle 1010's bid on lot 1 was cancelled already."


def test_the_confirmation_is_e_mailed_after_the_commit_with_the_rounding_and_the_or_group(
    cast: Any, sale: Sale, lot: Lot, julian: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    second = world.lot(sale, cast.senior, heading="An emerald brooch", low="20000", high="30000", reserve="15000")
    with django_capture_on_commit_callbacks(execute=True):
        absentee_bid_place(lot=second, registration=julian, maximum="22000", or_group="A", by=cast.assistant)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        placed = absentee_bid_place(lot=lot, registration=julian, maximum="9100", or_group="A", by=cast.assistant)
        assert mailoutbox[1:] == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert placed.confirmation_to == "julian@ashcombe.example"
    email = mailoutbox[1]
    assert email.to == ["julian@ashcombe.example"]
    assert email.subject == "Your absentee bid on lot 1: Magnificent Jewels (NY-J-2703)"
    assert email.body == "\n".join(
        [
            "Dear Mr Julian Ashcombe,",
            "",
            "Thank you for your absentee bid in Magnificent Jewels (sale NY-J-2703), under paddle 1010.",
            "",
            "Lot 1: A sapphire and diamond ring",
            "Your maximum hammer price: USD 9,000",
            "Your maximum of 9,100 falls between the auctioneer's steps; it is accepted as 9,000, the step below.",
            "This is one of your OR bids (group A) with lot 2: once you win one of them, the others leave the book.",
            "",
            "The auctioneer bids for you at the lowest price the other bids and the reserve allow, never above your"
            " maximum; of equal maxima the one received first wins. The buyer's premium is added to the hammer"
            " price.",
            "",
            "The bids office",
        ]
    )
    assert "This bid is in your OR group A, which has no other lot yet." in mailoutbox[0].body
    placed.bid.refresh_from_db()
    assert placed.bid.confirmation_sent_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert absentee_bid_confirm(bid=placed.bid, by=cast.assistant) == "julian@ashcombe.example"
    assert len(mailoutbox) == 3 and mailoutbox[2].body == email.body


def test_a_bidder_without_an_address_gets_no_confirmation_and_a_resend_says_why(
    cast: Any, sale: Sale, lot: Lot, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    silent = world.bidder(sale, name="Mr Quiet Bidder")
    with django_capture_on_commit_callbacks(execute=True):
        placed = absentee_bid_place(lot=lot, registration=silent, maximum="9000", by=cast.assistant)
    assert (placed.confirmation_to, mailoutbox) == ("", [])
    with pytest.raises(AuctionError) as refusal:
        absentee_bid_confirm(bid=placed.bid, by=cast.assistant)
    assert refusal.value.message == (
        "Paddle 1010's client file has no e-mail address; add one in the client book to send the confirmation."
    )


# --- Telephone bids --------------------------------------------------------------------------------
@pytest.fixture
def six_lots(sale: Sale, cast: Any) -> list[Lot]:
    return [world.lot(sale, cast.senior, heading=f"Lot piece {n}") for n in range(1, 7)]


def test_a_member_of_staff_cannot_hold_two_lines_for_lots_too_close(
    cast: Any, sale: Sale, six_lots: list[Lot], julian: Any
) -> None:
    ines = world.bidder(sale, name="Mrs Ines Carvalho")
    first = telephone_bid_request(
        lot=six_lots[0], registration=julian, phone_number="+1 212 555 0142", by=cast.assistant
    )
    telephone_line_assign(telephone=first, line="1", staff=cast.assistant, by=cast.senior)
    close = telephone_bid_request(lot=six_lots[2], registration=ines, by=cast.assistant)
    with pytest.raises(AuctionError) as refusal:
        telephone_line_assign(telephone=close, line="2", staff=cast.assistant, by=cast.senior)
    assert (refusal.value.code, refusal.value.field) == (AuctionErrorCode.LINE_CLASH, "staff")
    assert refusal.value.message == (
        "Marcus Hale holds line 1 for lot 1, and lots 1 and 3 are 2 lots apart; a member of staff needs 5 lots"
        " between two lines."
    )
    close.refresh_from_db()
    assert (close.line, close.staff) == ("", None)
    far = telephone_bid_request(lot=six_lots[5], registration=ines, by=cast.assistant)
    assert telephone_line_assign(telephone=far, line="2", staff=cast.assistant, by=cast.senior).staff == cast.assistant
    telephone_line_assign(telephone=close, line="2", staff=cast.senior, by=cast.senior)
    with pytest.raises(AuctionError) as taken:
        same = telephone_bid_request(lot=six_lots[0], registration=ines, by=cast.assistant)
        telephone_line_assign(telephone=same, line="1", staff=cast["harriet"], by=cast.senior)
    assert taken.value.message == "Line 1 is already taken on lot 1; choose another line."


def test_a_withdrawn_lot_between_two_lines_does_not_count(
    cast: Any, sale: Sale, six_lots: list[Lot], julian: Any
) -> None:
    Lot.objects.filter(pk=six_lots[1].pk).update(status=LotStatus.WITHDRAWN, withdrawn_reason="withdrawn")
    first = telephone_bid_request(lot=six_lots[0], registration=julian, by=cast.assistant)
    telephone_line_assign(telephone=first, line="1", staff=cast.assistant, by=cast.senior)
    later = telephone_bid_request(lot=six_lots[5], registration=julian, by=cast.assistant)
    with pytest.raises(AuctionError) as refusal:
        telephone_line_assign(telephone=later, line="1", staff=cast.assistant, by=cast.senior)
    assert "lots 1 and 6 are 4 lots apart" in refusal.value.message


def test_a_telephone_request_is_once_per_lot_and_refused_on_a_closed_sale(
    cast: Any, sale: Sale, lot: Lot, julian: Any
) -> None:
    telephone_bid_request(lot=lot, registration=julian, by=cast.assistant)
    with pytest.raises(AuctionError) as twice:
        telephone_bid_request(lot=lot, registration=julian, by=cast.assistant)
    assert twice.value.message == "Paddle 1010 has asked to bid by telephone on lot 1 already."
    Sale.objects.filter(pk=sale.pk).update(status=SaleStatus.CLOSED)
    sale.refresh_from_db()
    with pytest.raises(AuctionError) as closed:
        telephone_bid_request(lot=lot, registration=world.bidder(sale, name="Mrs Late"), by=cast.assistant)
    assert closed.value.code == AuctionErrorCode.SALE_CLOSED
    assert TelephoneBid.objects.count() == 1


def test_the_cover_bid_is_an_absentee_bid_and_leaves_with_its_telephone_bid(cast: Any, lot: Lot, julian: Any) -> None:
    telephone = telephone_bid_request(lot=lot, registration=julian, by=cast.assistant)
    placed = absentee_bid_place(
        lot=lot, registration=julian, maximum="10250", channel=BidChannel.PHONE, cover_for=telephone,
        by=cast.assistant, confirm=False,
    )  # fmt: skip
    assert (placed.bid.maximum, placed.bid.cover_for, placed.bid.channel) == (
        Decimal("10000"), telephone, BidChannel.PHONE,
    )  # fmt: skip
    telephone_bid_cancel(telephone=telephone, by=cast.assistant)
    placed.bid.refresh_from_db()
    telephone.refresh_from_db()
    assert (telephone.cancelled, placed.bid.status, placed.bid.cancelled_by) == (
        True, AbsenteeStatus.CANCELLED, cast.assistant,
    )  # fmt: skip
    with pytest.raises(AuctionError) as refusal:
        absentee_bid_place(lot=lot, registration=julian, maximum="9000", cover_for=telephone, by=cast.assistant)
    assert refusal.value.message == "This telephone bid is cancelled; it takes no cover bid."


def test_a_change_is_a_cancel_and_a_new_bid_both_or_neither(cast: Any, lot: Lot, julian: Any) -> None:
    first = absentee_bid_place(
        lot=lot, registration=julian, maximum="9000", or_group="A", channel=BidChannel.EMAIL, by=cast.assistant,
        confirm=False,
    ).bid  # fmt: skip
    with pytest.raises(AuctionError) as refusal:
        absentee_bid_change(bid=first, maximum="600000", by=cast.assistant)
    assert refusal.value.message == "Paddle 1010's maximum of 600,000 is above its credit limit of 500,000."
    first.refresh_from_db()
    assert (first.status, AbsenteeBid.objects.count()) == (AbsenteeStatus.ACTIVE, 1)
    changed = absentee_bid_change(bid=first, maximum="12500", by=cast.assistant)
    first.refresh_from_db()
    assert (first.status, first.cancelled_by) == (AbsenteeStatus.CANCELLED, cast.assistant)
    assert (changed.bid.maximum, changed.bid.or_group, changed.bid.channel) == (Decimal("12000"), "A", "email")
