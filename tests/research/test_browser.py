"""At a viewing, on a tablet held in portrait: estimate a stone's weight and identify a stone, in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.test_platform import sign_in
from tests.conftest import Cast

pytestmark = pytest.mark.browser

SHOTS = Path(settings.VAR_DIR) / "screenshots"


def _console_problems(page: Any) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_estimate_a_weight_and_identify_a_stone_on_a_tablet(page: Any, live_server: Any, cast: Cast) -> None:
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server, "eleanor")
    problems = _console_problems(page)
    SHOTS.mkdir(parents=True, exist_ok=True)

    # The estimator, by keyboard alone: the answer arrives as the figures are typed.
    page.goto(f"{live_server.url}/research/gemology/weight/")
    page.get_by_label("Shape", exact=True).select_option("round brilliant")
    page.get_by_label("Length, mm").focus()
    page.keyboard.type("6.5")
    page.keyboard.press("Tab")
    page.keyboard.type("6.5")
    page.keyboard.press("Tab")
    page.keyboard.type("3.9")
    expect(page.locator("#estimate-carats")).to_have_text("1.01 ct")
    expect(page.locator("#estimate-output")).to_contain_text("6.5² × 3.9 × 0.0061 = 1.0051 ct → 1.01 ct")
    assert page.evaluate("document.activeElement.name") == "depth_mm"

    # A depth deeper than the stone is refused beside the field, and what was typed stays.
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.type("7")
    page.keyboard.press("Enter")
    expect(page.locator("#id_depth_mm-error")).to_have_text(
        "A round brilliant cannot be deeper (7 mm) than its diameter (6.5 mm); check the depth."
    )
    expect(page.get_by_label("Depth, mm")).to_have_value("7")
    expect(page.locator("#estimate-carats")).to_have_count(0)
    page.get_by_label("Depth, mm").fill("3.9")
    page.keyboard.press("Enter")
    expect(page.locator("#estimate-carats")).to_have_text("1.01 ct")
    expect(page.locator("#id_depth_mm-error")).to_have_text("")
    for control in (page.get_by_label("Length, mm"), page.get_by_role("button", name="Estimate")):
        box = control.bounding_box()
        assert box is not None and box["height"] >= 40
    page.screenshot(path=str(SHOTS / "gemology-weight-768.png"), full_page=True)

    # The identifier: corundum's constants put corundum first, and natural or synthetic is a laboratory's call.
    page.goto(f"{live_server.url}/research/gemology/identify/")
    page.get_by_label("RI readings").fill("1.762 1.770")
    page.get_by_label("SG", exact=True).fill("4.00")
    page.get_by_role("button", name="Identify").click()
    first = page.locator("#identify-output .candidate h4").first
    expect(first).to_have_text("Ruby (corundum)")
    expect(page.locator("#identify-output .candidate h4")).to_have_text(
        ["Ruby (corundum)", "Sapphire (corundum)", "Synthetic corundum"]
    )
    expect(page.locator("#identify-output .laboratory")).to_contain_text(
        "Needs a laboratory. These readings cannot tell natural or synthetic."
    )
    expect(page.locator("#identify-output .candidate").first).to_contain_text(
        "natural or synthetic: needs a laboratory"
    )
    page.screenshot(path=str(SHOTS / "gemology-identify-768.png"), full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    assert problems == [], problems


def test_the_tools_work_without_javascript(browser: Any, live_server: Any, cast: Cast) -> None:
    """A plain form submit reaches the same answer and the same refusal."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 768, "height": 1024})
    page = context.new_page()
    sign_in(page, live_server, "marcus")
    page.goto(f"{live_server.url}/research/gemology/ring-sizes/")
    page.get_by_label("Size", exact=True).fill("7")
    page.get_by_role("button", name="Convert").click()
    expect(page.locator("#ring-uk")).to_have_text("N½")
    page.get_by_label("Size", exact=True).fill("40")
    page.get_by_label("Size", exact=True).press("Enter")
    expect(page.locator("#id_size-error")).to_have_text(
        "US size 40 is outside the US table (0 to 16 in quarter sizes)."
    )
    expect(page.get_by_label("Size", exact=True)).to_have_value("40")
    context.close()
