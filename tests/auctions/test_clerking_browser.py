"""The sale's day in Debian's Chromium: Marcus clerks five lots with the keyboard alone (an absentee
winner, a room winner, a telephone winner, a lot bought in and one withdrawn) while the saleroom
board, open in a second window, follows each entry without a reload."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from parure.auctions.models import LotResult, TelephoneBid
from tests.auctions import world
from tests.browser.test_platform import _watch_console, sign_in
from tests.conftest import Cast
from tests.inventory import world as inventory_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Under the test run's own directory (one per xdist worker), never a fixed path in /tmp.
SHOTS = Path(settings.VAR_DIR) / "screenshots"


@pytest.fixture(autouse=True)
def readers_beside_the_clerk() -> Any:
    """The board polls while the clerk writes. The test database is SQLite in memory with a shared
    cache, where a reader and a writer lock each other's tables outright (production's file database
    in WAL mode, or PostgreSQL, lets them run side by side): let readers read without table locks."""
    from django.db import connection
    from django.db.backends.signals import connection_created

    def uncommitted_reads(sender: Any, connection: Any, **kwargs: Any) -> None:
        if connection.vendor == "sqlite":
            connection.cursor().execute("PRAGMA read_uncommitted = 1")

    connection_created.connect(uncommitted_reads)
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.cursor().execute("PRAGMA read_uncommitted = 1")
    yield
    connection_created.disconnect(uncommitted_reads)


def test_five_lots_clerked_by_keyboard_while_the_board_follows(live_server: Any, page: Any, cast: Cast) -> None:
    inventory_world.build_all_places(cast)
    sale = world.sale(cast.senior)
    absentee_lot = world.lot(sale, cast.senior, heading="A sapphire and diamond ring")
    room_lot = world.lot(sale, cast.senior, heading="An emerald brooch", low="2000", high="3000", reserve=None)
    phone_lot = world.lot(sale, cast.senior, heading="A pearl necklace", low="2000", high="3000", reserve=None)
    bought_in = world.lot(sale, cast.senior, heading="A ruby bracelet")
    withdrawn = world.lot(sale, cast.senior, heading="A pair of diamond earrings")
    julian = world.bidder(sale)
    ada = world.bidder(sale, name="Mrs Ada Lindqvist")
    world.absentee(absentee_lot, julian, "9000")
    TelephoneBid.objects.create(
        lot=phone_lot, registration=julian, line="1", staff=cast.assistant, requested_by=cast.senior
    )
    from parure.auctions.services.rates import rates_set

    rates_set(sale=sale, rates=[("EUR", "0.92"), ("GBP", "0.79")], by=cast.assistant)
    world.live(sale)

    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": 1280, "height": 900})
    problems = _watch_console(page)
    sign_in(page, live_server, "marcus")
    board = page.context.new_page()
    board_problems = _watch_console(board)
    board.set_viewport_size({"width": 1280, "height": 800})
    board.goto(f"{live_server.url}/auctions/sales/{sale.code}/board/")
    page.goto(f"{live_server.url}/auctions/sales/{sale.code}/clerk/")
    page.bring_to_front()

    def field(name: str) -> Any:
        return board.locator(f'[data-board-field="{name}"]')

    def clerk(name: str) -> Any:
        return page.locator(f'[data-clerk="{name}"]')

    def keys(*presses: str) -> None:
        for press in presses:
            page.keyboard.press(press)

    def room(paddle: str) -> None:
        page.keyboard.press("r")
        page.keyboard.type(paddle)
        page.keyboard.press("Enter")

    # Lot 1: the book opens at the reserve and wins at one step over the room.
    expect(clerk("lot")).to_have_text("1")
    expect(clerk("instruction")).to_have_text("Open at 6,000 on the book")
    keys("o")
    expect(field("amount")).to_have_text("6,500")
    expect(field("lot")).to_have_text("1")
    expect(board.locator(".board-equivalents li").first).to_have_text("5,980 EUR")
    room(ada.paddle)  # 6,500 from the room; the book answers 7,000
    expect(clerk("holder")).to_have_text("on the book")
    expect(field("amount")).to_have_text("7,500")
    expect(field("standing")).to_have_text("7,000")
    keys("w")
    expect(clerk("instruction")).to_have_text("Fair warning")
    keys("Space")
    expect(clerk("instruction")).to_have_text(f"Sell at 7,000 on the book to paddle {julian.paddle}")
    keys("h", "Enter")
    expect(clerk("result")).to_have_text(f"Sold for 7,000 to paddle {julian.paddle} (on the book)")
    expect(field("label")).to_have_text("Sold")
    expect(field("amount")).to_have_text("7,000")

    # Lot 2: two room bidders; the last one buys it.
    keys("ArrowRight")
    expect(clerk("lot")).to_have_text("2")
    keys("o")
    expect(field("lot")).to_have_text("2")
    expect(field("amount")).to_have_text("1,000")
    room(ada.paddle)
    expect(field("amount")).to_have_text("1,100")
    room(julian.paddle)
    expect(field("amount")).to_have_text("1,200")
    keys("w", "w", "h", "Enter")
    expect(clerk("result")).to_have_text(f"Sold for 1,100 to paddle {julian.paddle} (in the room)")
    expect(field("label")).to_have_text("Sold")
    expect(field("amount")).to_have_text("1,100")

    # Lot 3: the telephone line against the room; the line wins.
    keys("ArrowRight")
    expect(clerk("lot")).to_have_text("3")
    keys("o")
    expect(field("lot")).to_have_text("3")
    keys("p")
    page.keyboard.type("1")
    keys("Enter")
    expect(clerk("holder")).to_have_text("on the phone, line 1")
    expect(field("amount")).to_have_text("1,100")
    room(ada.paddle)
    expect(field("amount")).to_have_text("1,200")
    keys("p")
    page.keyboard.type("1")
    keys("Enter")
    expect(field("amount")).to_have_text("1,300")
    keys("w", "w", "h", "Enter")
    expect(clerk("result")).to_have_text(f"Sold for 1,200 to paddle {julian.paddle} (on the phone)")
    expect(field("amount")).to_have_text("1,200")

    # Lot 4: the room stops below the reserve; a mistyped paddle is refused on the way; bought in.
    keys("ArrowRight")
    expect(clerk("lot")).to_have_text("4")
    keys("o")
    expect(field("lot")).to_have_text("4")
    expect(field("amount")).to_have_text("4,200")
    room("1011")
    expect(page.get_by_role("alert")).to_have_text(
        "Paddle 1011 is mistyped: its last digit is not its check digit. Read the paddle again."
    )
    expect(page.locator("#room-paddle")).to_be_focused()
    keys("Escape")
    room(ada.paddle)  # 4,200; the auctioneer answers 4,500 for the seller
    expect(clerk("holder")).to_have_text("for the seller")
    expect(page.get_by_role("alert")).to_have_text("")
    expect(field("amount")).to_have_text("4,800")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 768):
        page.set_viewport_size({"width": width, "height": 900})
        board.set_viewport_size({"width": width, "height": 900 if width == 768 else 800})
        page.screenshot(path=str(SHOTS / f"clerk-screen-{width}.png"), full_page=True, caret="initial")
        board.screenshot(path=str(SHOTS / f"clerk-board-{width}.png"), caret="initial")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert board.evaluate("document.documentElement.scrollWidth") <= width
    keys("w", "w")
    expect(clerk("instruction")).to_have_text("Pass: bought in at 4,500")
    keys("x", "Enter")
    expect(clerk("result")).to_have_text("Bought in at 4,500")
    expect(field("label")).to_have_text("Bought in")
    expect(field("amount")).to_have_text("")

    # Lot 5: withdrawn on the day with the reason.
    keys("ArrowRight")
    expect(clerk("lot")).to_have_text("5")
    keys("d")
    page.keyboard.type("The consignor withdrew it this morning.")
    keys("Enter")
    expect(clerk("result")).to_have_text("Withdrawn: The consignor withdrew it this morning.")
    expect(field("lot")).to_have_text("5")
    expect(field("label")).to_have_text("Withdrawn")

    results = {r.lot_id: (r.outcome, r.hammer, r.paddle) for r in LotResult.objects.filter(lot__sale=sale)}
    assert {lot.label: results[lot.pk][0] for lot in (absentee_lot, room_lot, phone_lot, bought_in, withdrawn)} == {
        "1": "sold", "2": "sold", "3": "sold", "4": "bought_in", "5": "withdrawn",
    }  # fmt: skip
    # The refusals answer 422 and 409 on purpose; anything else (a script error, a blocked style) is a fault.
    refused = ("status of 422", "status of 409")
    assert [problem for problem in problems + board_problems if not any(r in problem for r in refused)] == []
