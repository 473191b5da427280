"""A person signs in, reaches My day, and uses the keyboard: in Debian's Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.conftest import Cast

pytestmark = pytest.mark.browser

SHOTS = Path(settings.VAR_DIR) / "screenshots"


def _watch_console(page: Any) -> list[str]:
    """Collect CSP violations and script errors reported by the browser."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(settings.PARURE_DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize("width", [1280, 768])
def test_sign_in_reach_my_day_and_focus_the_scan_box(page: Any, live_server: Any, cast: Cast, width: int) -> None:
    problems = _watch_console(page)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "eleanor")
    assert page.get_by_role("heading", name="My day").is_visible()
    for title in ("Appointments today", "Follow-ups due", "Overdue check-outs", "Waiting inquiries"):
        assert page.get_by_role("heading", name=title).is_visible()

    # "/" focuses the scan box from anywhere on the page; typing a code and Enter acts at once.
    page.locator("body").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "scan-code"
    page.keyboard.type("ZZ-99")
    page.keyboard.press("Enter")
    page.wait_for_url("**/scan/?code=ZZ-99")
    assert "Unknown code ‘ZZ-99’" in page.locator("#scan-result").inner_text()

    # "?" lists the shortcuts.
    page.locator("body").click()
    page.keyboard.press("?")
    assert page.get_by_role("dialog").is_visible()
    page.keyboard.press("Escape")

    page.goto(f"{live_server.url}/")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"home-{width}.png"), full_page=True)
    # The layout fits: nothing wider than the viewport at either width.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert problems == [], problems


def test_touch_targets_are_at_least_40px_on_a_tablet(page: Any, live_server: Any, cast: Cast) -> None:
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server, "marcus")
    for locator in (
        page.locator("#scan-code"),
        page.locator("#global-search"),
        page.get_by_role("link", name="My day"),
    ):
        box = locator.bounding_box()
        assert box is not None and box["height"] >= 40, locator


def test_every_field_is_labelled_and_focus_is_visible(page: Any, live_server: Any, cast: Cast) -> None:
    sign_in(page, live_server, "eleanor")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
            .map(el => el.id || el.name)"""
    )
    assert unlabelled == []
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
