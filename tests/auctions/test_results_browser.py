"""After the sale, on a tablet held in portrait: a senior reads the results and corrects one from its row
with the keyboard, in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.auctions import results_day
from tests.browser.test_platform import sign_in
from tests.conftest import Cast

pytestmark = pytest.mark.browser

SHOTS = Path(settings.VAR_DIR) / "screenshots"


def test_a_senior_corrects_a_result_on_a_tablet(page: Any, live_server: Any, cast: Cast, places: Any) -> None:
    day = results_day.clerked(cast)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server, "eleanor")
    page.goto(f"{live_server.url}/auctions/sales/NY-J-2703/results/")
    expect(page.locator("#total-hammer")).to_have_text("$23,500.00")
    expect(page.locator("#by-lot")).to_have_text("75.0%")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "auctions-results-768.png"), full_page=True)

    summary = page.get_by_text("Correct lot 3's result")
    summary.focus()
    page.keyboard.press("Enter")
    hammer = page.get_by_label("Hammer").nth(2)
    expect(hammer).to_be_visible()
    hammer.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("7000")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("The auctioneer misspoke.")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/auctions/sales/NY-J-2703/results/#lot-3")
    expect(page.locator("#lot-3 .hammer")).to_have_text("$7,000.00")
    expect(page.locator("#lot-3-details .corrections")).to_contain_text(
        f"Was sold at $7,500.00 to paddle {day.ada.paddle}; corrected by Eleanor Whitcombe"
    )
    expect(page.locator("#total-hammer")).to_have_text("$23,000.00")
    assert problems == []
