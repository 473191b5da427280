"""The shared sale the auctions' tests build on: lotting, registering and bidding through the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.auctions import execution
from parure.auctions.errors import AuctionError
from parure.auctions.paddles import parse_paddle
from parure.inventory.choices import SaleState
from tests.auctions import world

pytestmark = pytest.mark.django_db


def test_a_lot_puts_its_piece_in_the_sale_and_the_book_rounds_down(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    lot = world.lot(sale, cast.senior)
    (piece,) = [entry.item for entry in lot.pieces.all()]
    piece.refresh_from_db()
    assert (lot.label, lot.position, piece.sale_state, piece.sale_reference) == (
        "1", 1, SaleState.IN_SALE, "NY-J-2703 lot 1",
    )  # fmt: skip
    julian = world.bidder(sale)
    assert julian.paddle == "1010" and parse_paddle("1010") == "1010"
    bid = world.absentee(lot, julian, "9100")
    assert (bid.given, bid.maximum) == (Decimal("9100.00"), Decimal("9000.00"))
    run = execution.replay(lot, execution.book_for(lot), [])
    assert run.state.instruction.text == "Open at 6,000 on the book"


def test_a_mistyped_paddle_is_refused(cast: Any) -> None:
    with pytest.raises(AuctionError) as refusal:
        parse_paddle("1018")
    assert (
        refusal.value.message
        == "Paddle 1018 is mistyped: its last digit is not its check digit. Read the paddle again."
    )


def test_the_piece_page_and_api_say_where_it_stands_in_its_selling(cast: Any, places: Any, client_for: Any) -> None:
    sale = world.sale(cast.senior)
    lot = world.lot(sale, cast.senior)
    piece = lot.pieces.get().item
    browser = client_for(cast.assistant)
    page = browser.get(f"/inventory/items/{piece.stock_number}/")
    assert '<dd id="sale-state">In a sale · NY-J-2703 lot 1</dd>' in page.content.decode()
    answer = browser.get(f"/api/v1/inventory/items/{piece.stock_number}").json()
    assert (answer["sale_state"], answer["sale_reference"]) == ("in_sale", "NY-J-2703 lot 1")
