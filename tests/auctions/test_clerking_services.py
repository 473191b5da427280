"""Clerking through the services: the clerk's keys replayed by the engine, results saved at once and
append-only, the pieces' sale state following, OR bids leaving the book, refusals that save nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import DatabaseError, transaction

from parure.auctions.choices import Outcome
from parure.auctions.errors import AuctionError
from parure.auctions.models import ClerkAction, LotResult
from parure.auctions.services import clerking
from parure.inventory.choices import SaleState
from tests.auctions import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(cast: Any, places: Any) -> Any:
    sale = world.sale(cast.senior)
    lots = [world.lot(sale, cast.senior, heading=f"Lot piece {n}") for n in range(1, 4)]
    julian = world.bidder(sale)
    ada = world.bidder(sale, name="Mrs Ada Lindqvist")
    world.live(sale)
    return sale, lots, julian, ada


def test_an_absentee_bid_wins_against_the_room_at_one_step_above_the_underbidder(cast: Any, day: Any) -> None:
    _sale, (lot, *_), julian, ada = day
    world.absentee(lot, julian, "9000")
    state = clerking.clerk_open(lot=lot, by=cast.assistant)
    assert state.state.instruction.text == "6,000 on the book"
    state = clerking.clerk_bid(lot=lot, source="room", paddle=ada.paddle, by=cast.assistant)  # 6,500 from Ada
    assert (state.state.current, state.state.holder.where) == (Decimal("7000"), "on the book")
    state = clerking.clerk_bid(lot=lot, source="room", paddle=ada.paddle, by=cast.assistant)  # 7,500
    assert state.state.current == Decimal("8000")
    clerking.clerk_bid(lot=lot, source="room", paddle=ada.paddle, by=cast.assistant)  # 8,500 → book 9,000
    result = clerking.clerk_hammer(lot=lot, by=cast.assistant)
    assert (result.outcome, result.hammer, result.paddle, result.source) == (
        Outcome.SOLD, Decimal("9000.00"), julian.paddle, "book",
    )  # fmt: skip
    assert result.premium == Decimal("2430.00")  # 27% of 9,000
    assert [(b.source, b.amount) for b in result.bids.all()] == [
        ("book", Decimal("6000.00")), ("room", Decimal("6500.00")), ("book", Decimal("7000.00")),
        ("room", Decimal("7500.00")), ("book", Decimal("8000.00")), ("room", Decimal("8500.00")),
        ("book", Decimal("9000.00")),
    ]  # fmt: skip
    piece = lot.pieces.get().item
    piece.refresh_from_db()
    assert piece.sale_state == SaleState.SOLD


def test_a_lot_below_its_reserve_is_bought_in_and_its_piece_is_unsold(cast: Any, day: Any) -> None:
    _sale, (_, lot, _), _julian, ada = day
    clerking.clerk_open(lot=lot, by=cast.assistant)  # no book: the seller opens at 4,000 (half the low)
    state = clerking.clerk_bid(lot=lot, source="room", paddle=ada.paddle, by=cast.assistant)
    assert (state.state.current, state.state.holder.where) == (Decimal("4500"), "for the seller")  # below 6,000
    for _ in range(2):
        clerking.clerk_no_bid(lot=lot, by=cast.assistant)
    result = clerking.clerk_hammer(lot=lot, by=cast.assistant)
    assert (result.outcome, result.hammer, result.bought_in_at) == (Outcome.BOUGHT_IN, None, Decimal("4500.00"))
    piece = lot.pieces.get().item
    piece.refresh_from_db()
    assert piece.sale_state == SaleState.UNSOLD


def test_an_or_bid_leaves_the_book_once_its_group_is_won(cast: Any, day: Any) -> None:
    _sale, (first, second, _), julian, _ada = day
    world.absentee(first, julian, "7000", or_group="rings")
    world.absentee(second, julian, "7000", or_group="rings")
    clerking.clerk_open(lot=first, by=cast.assistant)
    clerking.clerk_hammer(lot=first, by=cast.assistant)
    assert [bid.registration_id for bid in clerking.book_rows(second)] == []
    assert clerking.lot_state(second).state.instruction.text == "Open at 4,000 for the seller"


def test_refusals_save_nothing(cast: Any, day: Any) -> None:
    _sale, (lot, *_), julian, ada = day
    world.absentee(lot, julian, "9000")
    with pytest.raises(AuctionError) as refusal:
        clerking.clerk_bid(lot=lot, source="room", paddle=ada.paddle, by=cast.assistant)
    assert refusal.value.message == "Lot 1 has not been opened; open it before taking bids."
    clerking.clerk_open(lot=lot, by=cast.assistant)
    with pytest.raises(AuctionError) as refusal:
        clerking.clerk_bid(lot=lot, source="room", paddle="1011", by=cast.assistant)
    assert (
        refusal.value.message
        == "Paddle 1011 is mistyped: its last digit is not its check digit. Read the paddle again."
    )
    with pytest.raises(AuctionError) as refusal:
        clerking.clerk_hammer(lot=lot, by=cast.assistant, amount="5000")
    assert refusal.value.message == (
        "The hammer of 5,000 is below the standing bid of 6,000 on the book; the lot is sold at the standing bid or"
        " not at all."
    )
    with pytest.raises(AuctionError) as refusal:
        clerking.clerk_pass(lot=lot, by=cast.assistant)
    assert refusal.value.message == "Lot 1 stands at 6,000 on the book, which sells it; hammer it rather than pass it."
    assert ClerkAction.objects.filter(lot=lot).count() == 1
    assert not LotResult.objects.filter(lot=lot).exists()


def test_results_are_append_only_and_corrected_by_a_new_result(cast: Any, day: Any) -> None:
    _sale, (lot, *_), julian, ada = day
    clerking.clerk_open(lot=lot, by=cast.assistant)
    clerking.clerk_bid(lot=lot, source="room", paddle=ada.paddle, by=cast.assistant)
    clerking.clerk_bid(lot=lot, source="room", paddle=julian.paddle, amount="6500", by=cast.assistant)
    first = clerking.clerk_hammer(lot=lot, by=cast.assistant)
    assert (first.hammer, first.paddle) == (Decimal("6500.00"), julian.paddle)
    with pytest.raises(DatabaseError), transaction.atomic():
        LotResult.objects.filter(pk=first.pk).update(hammer=Decimal("1"))
    with pytest.raises(DatabaseError), transaction.atomic():
        LotResult.objects.filter(pk=first.pk).delete()
    fixed = clerking.result_correct(
        lot=lot, by=cast.senior, reason="Paddle misread: the room bidder was Mrs Lindqvist.", outcome="sold",
        hammer="6500", paddle=ada.paddle,
    )  # fmt: skip
    assert (fixed.corrects_id, fixed.paddle, clerking.standing_result(lot).pk) == (first.pk, ada.paddle, fixed.pk)
    with pytest.raises(AuctionError) as refusal:
        clerking.clerk_bid(lot=lot, source="room", paddle=ada.paddle, by=cast.assistant)
    assert refusal.value.message == "Lot 1 has its result already; a senior corrects it from the results page."


def test_a_withdrawn_lot_takes_no_bid_and_frees_its_piece(cast: Any, day: Any) -> None:
    _sale, (_, _, lot), _julian, _ada = day
    result = clerking.clerk_withdraw(lot=lot, by=cast.assistant, reason="The consignor withdrew it this morning.")
    assert result.outcome == Outcome.WITHDRAWN
    with pytest.raises(AuctionError) as refusal:
        clerking.clerk_open(lot=lot, by=cast.assistant)
    assert refusal.value.message == "Lot 3 is withdrawn (The consignor withdrew it this morning.); it takes no bids."
    piece = lot.pieces.get().item
    piece.refresh_from_db()
    assert piece.sale_state == SaleState.CONSIGNED
