"""In a real browser, keyboard first: a blind count of Safe A's trays in which one piece turns up
in the wrong tray and one is missing; both are settled, two people sign off, and the report PDF
read back shows both."""

from __future__ import annotations

import io
import os
from typing import Any

import pypdf
import pytest

from parure.inventory.counts.models import CountSession
from tests.browser.test_platform import sign_in
from tests.conftest import Cast
from tests.inventory import world
from tests.inventory.counts.conftest import stock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_blind_count_with_a_misplaced_and_a_missing_piece(
    live_server: Any, page: Any, cast: Cast, places: dict[str, world.Places], client_file: Any
) -> None:
    ny = places["NY"]
    stocked = stock(cast, ny, client_file)  # Tray 1: A, B · Tray 2: C · intake desk: D
    base = live_server.url
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "eleanor")

    page.goto(f"{base}/inventory/counts/new/")
    page.get_by_label("What to count").select_option("location")
    page.get_by_label("Place (with everything inside it)").select_option(label="NY · V1/V1-SA · Safe A")
    page.get_by_label("Kind of count").select_option("blind")
    page.get_by_label("Counter").select_option(label="Eleanor Whitcombe (Senior specialist, NY)")
    page.get_by_label("Witness").select_option(label="Ruth Klein (Auditor, NY)")
    page.get_by_role("button", name="Start the count").click()
    page.wait_for_url(f"{base}/inventory/counts/*/")
    session = CountSession.objects.get()
    assert "3 pieces expected" in page.locator(".messages").inner_text()
    # Blind: nothing tells the counter which pieces are expected.
    assert stocked.b.stock_number not in page.content()

    page.get_by_label("Counting at").select_option(label="V1/V1-SA/V1-SA-T01 · Tray 1")
    box = page.get_by_label("Stock number")
    box.focus()
    page.keyboard.type(stocked.a.stock_number)
    page.keyboard.press("Enter")
    feedback = page.locator("#scan-feedback")
    feedback.get_by_text("Found", exact=True).wait_for()
    assert "Ring A" in feedback.inner_text()
    # The box is emptied and keeps the focus for the next tag.
    assert page.evaluate("document.activeElement.id") == "count-code"
    page.keyboard.type(stocked.c.stock_number)
    page.keyboard.press("Enter")
    feedback.get_by_text("Not expected here", exact=True).wait_for()
    assert "the ledger has it at Tray 2 (NY)" in feedback.inner_text()
    page.keyboard.type("NY-26")
    page.keyboard.press("Enter")
    feedback.get_by_text("Not a stock number", exact=True).wait_for()
    assert page.locator("#count-progress-bar").get_attribute("value") == "2"
    assert page.locator("#count-progress-bar").get_attribute("max") == "3"

    page.get_by_role("button", name="Finish scanning and reconcile").click()
    page.wait_for_url(f"{base}/inventory/counts/{session.pk}/")
    assert "1 found in place, 1 misplaced, 1 missing, 0 unexpected" in page.locator(".messages").inner_text()

    misplaced = page.locator("tr.discrepancy-misplaced")
    assert "Tray 1 (NY)" in misplaced.inner_text() and "Tray 2 (NY)" in misplaced.inner_text()
    misplaced.get_by_label(f"Action for {stocked.c.stock_number}").select_option("adjusted")
    misplaced.get_by_label(f"Reason for {stocked.c.stock_number}").fill("Found in tray 1; labels swapped")
    misplaced.get_by_role("button", name="Settle").click()
    page.wait_for_url(f"{base}/inventory/counts/{session.pk}/#d*")
    missing = page.locator("tr.discrepancy-missing")
    missing.get_by_label(f"Action for {stocked.b.stock_number}").select_option("escalated")
    missing.get_by_label(f"Reason for {stocked.b.stock_number}").fill("Not in the safe; security informed")
    missing.get_by_label(f"Escalate {stocked.b.stock_number} to").select_option(label="Simon Achebe")
    missing.get_by_role("button", name="Settle").click()
    page.wait_for_url(f"{base}/inventory/counts/{session.pk}/#d*")
    page.get_by_role("button", name="Sign off this count").click()
    assert "a second person must sign" in page.locator(".messages").inner_text()
    assert world.fresh(stocked.c).location_id == ny.tray1.pk

    page.context.clear_cookies()
    sign_in(page, live_server, "ruth")
    page.goto(f"{base}/inventory/counts/{session.pk}/")
    page.get_by_role("button", name="Sign off this count").click()
    assert f"Count {session.pk} is closed." in page.locator(".messages").inner_text()

    report = page.request.get(f"{base}/inventory/counts/{session.pk}/report.pdf")
    assert report.status == 200
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report.body())).pages)
    for expected in (
        stocked.b.stock_number,
        stocked.c.stock_number,
        "Misplaced",
        "Missing",
        "Escalated to Simon Achebe",
        "Count adjustment recorded",
    ):
        assert expected in text, expected
