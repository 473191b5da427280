"""The catalogue end to end in Debian's Chromium, as the department works a ring: Marcus starts
the record from the piece's page and fills the desk screen, writes the copy from the record and
submits it, writes a condition report with a marked photograph; Eleanor, who wrote none of the
copy, approves it; both PDFs (the catalogue entry and the client's condition report) open and
read back what was written."""

from __future__ import annotations

import io
import os
import re
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from parure.catalogue.models import CatalogueCopy, CatalogueRecord, ConditionReport
from tests.browser.test_platform import _watch_console, sign_in
from tests.catalogue.condition_world import photo_bytes
from tests.conftest import Cast
from tests.inventory import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _pdf_words(body: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages).split())


@pytest.mark.parametrize("width", [1280, 768])
def test_a_ring_from_a_blank_record_to_approved_copy_with_its_condition_report(
    live_server: Any, page: Any, cast: Cast, condition_media: Any, tmp_path: Any, width: int
) -> None:
    world.build_all_places(cast)
    ring = world.take_in(cast.senior, world.consignor(), world.piece())[0]
    base = live_server.url
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": width, "height": 900})
    problems = _watch_console(page)

    # The record, started from the piece's page and prefilled from its intake sheet.
    sign_in(page, live_server, "marcus")
    page.goto(f"{base}/inventory/items/{ring.stock_number}/")
    page.click("#catalogue-record-start")
    page.wait_for_url(f"{base}/catalogue/{ring.stock_number}/edit/")
    page.fill("#id_form", "bombé")
    page.fill("#id_signature", "Cartier Paris")
    page.focus("#id_signature")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"{base}/catalogue/{ring.stock_number}/")
    record = CatalogueRecord.objects.get(item=ring)
    assert (record.version, record.form, record.signature) == (2, "bombé", "Cartier Paris")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The copy, written from the record and submitted.
    page.locator("nav.record-areas").get_by_role("link", name="Catalogue copy").click()
    page.get_by_role("button", name="Write the copy from the record").click()
    # The form typed at the desk reads in the heading; a signature alone names no maker there.
    expect(page.locator("#copy-heading")).to_have_text("A SAPPHIRE AND DIAMOND BOMBÉ RING")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator("#copy-status")).to_have_text("Submitted for approval")

    # A condition report with a marked photograph (the piece's second: the first was written at intake).
    photo = tmp_path / "front.jpg"
    photo.write_bytes(photo_bytes((400, 300)))
    page.goto(f"{base}/catalogue/{ring.stock_number}/")
    page.locator("nav.record-areas").get_by_role("link", name="Condition reports").click()
    page.goto(f"{base}/catalogue/{ring.stock_number}/condition/new/")
    page.get_by_label("Overall grade").select_option("very_good")
    page.locator("#photo-1-file").set_input_files(str(photo))
    stage = page.locator("[data-photo-slot='1'] [data-marker-stage] img")
    stage.wait_for()
    expect(page.locator("[data-photo-slot='1'] [data-marker-stage] img")).to_have_js_property("complete", True)
    assert page.evaluate("document.querySelector(\"[data-photo-slot='1'] [data-marker-stage] img\").naturalWidth") > 0
    stage.scroll_into_view_if_needed()
    box = stage.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.25)
    page.keyboard.type("Abrasion to the sapphire's table")
    page.get_by_role("button", name="Issue the report").click()
    page.wait_for_url(f"{base}/catalogue/{ring.stock_number}/condition/2/")
    assert page.locator("svg.marked-photo text").all_text_contents() == ["1"]
    report = ConditionReport.objects.get(item=ring, version=2)
    assert [marker["note"] for marker in report.photos.get().markers] == ["Abrasion to the sapphire's table"]

    # Eleanor, who wrote none of the copy, approves it.
    page.context.clear_cookies()
    sign_in(page, live_server, "eleanor")
    page.goto(f"{base}/catalogue/{ring.stock_number}/copy/")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#copy-status")).to_have_text("Approved")
    copy = CatalogueCopy.objects.get(record=record)
    assert (copy.status, copy.author, copy.approved_by) == ("approved", cast.assistant, cast.senior)

    # Both PDFs open and read back what was written.
    entry = page.request.get(f"{base}/catalogue/{ring.stock_number}/copy/entry.pdf")
    assert entry.status == 200 and entry.headers["content-type"] == "application/pdf"
    entry_words = _pdf_words(entry.body())
    assert copy.heading in entry_words and "Signed Cartier Paris" in entry_words
    assert re.search(r"version \d+ · Approved", entry_words)
    condition = page.request.get(f"{base}/catalogue/{ring.stock_number}/condition/2/pdf/")
    assert condition.status == 200 and condition.headers["content-type"] == "application/pdf"
    condition_words = _pdf_words(condition.body())
    assert "Abrasion to the sapphire's table" in condition_words and "treatments are presumed" in condition_words
    assert problems == []
