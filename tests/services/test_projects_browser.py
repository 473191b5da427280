"""In Chromium on a tablet held in portrait (768 px): the designer finds the project in the list, records
the client's sign-off of the sketches on the project's page and sees the chain move on to CAD."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_platform import sign_in
from tests.conftest import Cast
from tests.services import projects_world as pw

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("PARURE_SCREENSHOTS", "")


def test_the_sketches_signed_off_on_a_tablet(page: Any, live_server: Any, cast: Cast) -> None:
    w = pw.world(cast)
    project = pw.agreed(w, pw.opened(w))
    pw.pay(w, project.stages.get(kind="deposit").invoice_number)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server, "eleanor")
    page.goto(f"{live_server.url}/services/projects/")
    expect(page.locator(f"#project-{project.number}")).to_contain_text("Sketches")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/projects-list-768.png", full_page=True)
    page.get_by_role("link", name=project.number).click()
    expect(page.locator("#milestone-sketches")).to_have_attribute("aria-current", "step")
    page.get_by_label("Signed for the client by").fill("Helena Marchetti")
    page.get_by_label("How").select_option("email")
    page.get_by_role("button", name="Complete: Sketches").click()
    expect(page.locator(".messages")).to_contain_text("Sketches complete.")
    expect(page.locator("#milestone-cad")).to_have_attribute("aria-current", "step")
    expect(page.locator("#milestone-sketches")).to_contain_text("Signed off by Helena Marchetti (by e-mail)")
    expect(page.locator("#stage-deposit")).to_contain_text("Paid")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/project-768.png", full_page=True)
    assert problems == []
