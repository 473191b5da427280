"""A condition report written in Debian's Chromium: the checklist from the piece, a photograph
chosen, a marker dropped by a click and another by the keyboard, the report issued and shown
with its numbered markers, and its client PDF opened."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from parure.catalogue.models import ConditionReport
from tests.browser.test_platform import _watch_console, sign_in
from tests.catalogue.condition_world import photo_bytes
from tests.conftest import Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.parametrize("width", [1280, 768])
def test_a_report_with_a_marked_photo_is_written_and_its_pdf_opened(
    live_server: Any, page: Any, cast: Cast, bare_ring: Any, condition_media: Any, tmp_path: Any, width: int
) -> None:
    photo = tmp_path / "front.jpg"
    photo.write_bytes(photo_bytes((400, 300)))
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": width, "height": 900})
    problems = _watch_console(page)
    sign_in(page, live_server, "marcus")
    page.goto(f"{live_server.url}/catalogue/{bare_ring.stock_number}/condition/new/")
    assert page.get_by_role("heading", name="New condition report").is_visible()
    assert page.locator("#finding-1-component").input_value() == "Mount"
    page.get_by_label("Overall grade").select_option("very_good")
    page.locator("#finding-1-value").select_option("minor")
    page.locator("#finding-1-note").fill("Light wear to the shank")

    page.locator("#photo-1-file").set_input_files(str(photo))
    stage = page.locator("[data-photo-slot='1'] [data-marker-stage] img")
    stage.wait_for()
    expect(page.locator("[data-photo-slot='1'] [data-marker-stage] img")).to_have_js_property("complete", True)
    assert page.evaluate("document.querySelector(\"[data-photo-slot='1'] [data-marker-stage] img\").naturalWidth") > 0
    stage.scroll_into_view_if_needed()
    box = stage.bounding_box()
    assert box is not None
    # A click a quarter across and three quarters down drops marker 1 there, and focuses its note.
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.75)
    # (to the pixel: the click lands on a whole device pixel of a 400 × 300 photograph)
    assert abs(float(page.locator("#photo-1-marker-1-x").input_value()) - 0.25) < 0.005
    assert abs(float(page.locator("#photo-1-marker-1-y").input_value()) - 0.75) < 0.005
    page.keyboard.type("Thin shank")
    # The keyboard way: the photograph takes focus and Enter drops the next marker at its centre.
    page.locator("[data-photo-slot='1'] [data-marker-stage]").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Worn claw")
    assert page.locator("#photo-1-marker-2-number").input_value() == "2"
    assert page.locator("[data-photo-slot='1'] svg.markers circle").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.get_by_role("button", name="Issue the report").click()
    page.wait_for_url(f"{live_server.url}/catalogue/{bare_ring.stock_number}/condition/1/")
    assert page.get_by_role("heading", name="Condition report 1").is_visible()
    assert page.locator("svg.marked-photo circle").count() == 2
    assert page.locator("svg.marked-photo text").all_text_contents() == ["1", "2"]
    report = ConditionReport.objects.get(item=bare_ring)
    first, second = report.photos.get().markers
    assert (first["number"], first["note"], second) == (
        1, "Thin shank", {"number": 2, "x": 0.5, "y": 0.5, "note": "Worn claw"},
    )  # fmt: skip
    assert abs(first["x"] - 0.25) < 0.005 and abs(first["y"] - 0.75) < 0.005

    pdf = page.request.get(f"{live_server.url}/catalogue/{bare_ring.stock_number}/condition/1/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Thin shank" in text and "Worn claw" in text and "treatments are presumed" in " ".join(text.split())
    assert problems == []
