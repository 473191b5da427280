"""In Chromium, on a tablet held in portrait: a senior specialist starts a submission to GIA, scans two
pieces onto it with the services asked, sends it, and scans one piece back; the page tells each step."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import expect

from parure.inventory.choices import ItemStatus
from tests.browser.test_platform import sign_in
from tests.catalogue.certificate_world import laboratories
from tests.conftest import Cast
from tests.inventory import world as inventory_world
from tests.services.labs_world import fresh, next_week, pieces

pytestmark = pytest.mark.browser


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("PARURE_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_a_batch_scanned_in_sent_and_scanned_back_on_a_tablet(page: Any, live_server: Any, cast: Cast) -> None:
    laboratories()
    inventory_world.build_all_places(cast)
    ring, brooch = pieces(cast.senior, "Sapphire and diamond ring", "Emerald and diamond brooch")
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server, "eleanor")

    page.goto(f"{live_server.url}/services/labs/")
    page.get_by_role("link", name="New submission").click()
    page.get_by_label("Laboratory").select_option("GIA")
    page.get_by_label("Expected back").fill(next_week().isoformat())
    page.get_by_label("Courier", exact=True).fill("Malca-Amit")
    page.get_by_role("button", name="Start the submission").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("started; scan or type its pieces.")

    scan = page.get_by_label("Stock number (scan or type)")
    expect(scan).to_be_focused()
    scan.fill(ring.stock_number)
    page.get_by_label("Origin").check()
    page.get_by_label("Treatment").check()
    scan.press("Enter")
    expect(page.locator("#line-1")).to_contain_text(ring.stock_number)
    page.get_by_label("Stock number (scan or type)").fill(brooch.stock_number)
    page.get_by_label("Stock number (scan or type)").press("Enter")
    expect(page.locator("#add-refusal")).to_contain_text("Choose at least one service")
    page.get_by_label("Grading").check()
    page.get_by_role("button", name="Add to the submission").click()
    expect(page.locator("#line-2")).to_contain_text("Grading")
    _shot(page, "labs-draft-768")

    page.get_by_role("button", name="Send 2 pieces to GIA").click()
    expect(page.locator("#status")).to_have_text("Sent")
    assert fresh(ring).status == ItemStatus.CHECKED_OUT
    back = page.get_by_label("Stock number (scan or type)")
    expect(back).to_be_focused()
    back.fill(ring.stock_number)
    back.press("Enter")
    expect(page.locator("#status")).to_have_text("Partly returned")
    expect(page.locator("#line-1")).to_contain_text("Workroom (NY)")
    _shot(page, "labs-sent-768")
    page.goto(f"{live_server.url}/services/labs/")
    expect(page.locator("#submissions")).to_contain_text("Partly returned")
    _shot(page, "labs-list-768")
    # The refused scan answers 422 on purpose (the page shows the refusal); nothing else may complain.
    assert [text for text in problems if "status of 422" not in text] == []
