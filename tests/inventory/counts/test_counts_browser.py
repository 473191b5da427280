"""In a real browser, keyboard first: a blind count of Safe A's trays in which one piece turns up
in the wrong tray and one is moved out while the count is open (the mover is warned); the
witness signs with their password, both are settled, two people sign off, and the report PDF
read back shows both and who witnessed."""

from __future__ import annotations

import io
import os
from typing import Any

import pypdf
import pytest
from django.conf import settings

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
    assert "a blind count in Safe A (NY)" in page.locator(".messages").inner_text()
    # Blind: nothing tells the counter which pieces are expected, nor how many.
    assert stocked.b.stock_number not in page.content()
    assert "expected" not in page.locator(".count-progress").inner_text().replace("what is expected", "")
    count_page = page.url

    # A piece leaves the safe while it is being counted: the mover is told, and the count keeps it.
    page.goto(f"{base}/inventory/items/{stocked.b.stock_number}/move/")
    assert f"Count {session.pk} (Safe A (NY)) is being counted here" in page.locator(".notice.warning").inner_text()
    page.get_by_label("Move to").select_option(str(ny.desk.pk))
    page.get_by_label("Reason").fill("To the desk for a photograph note")
    page.get_by_role("button", name="Record the move").click()
    assert "the count will ask for it to be accounted for" in page.locator(".messages").inner_text()
    page.goto(count_page)

    page.get_by_label("Counting at").select_option(label="V1/V1-SA/V1-SA-T01 · Tray 1")
    box = page.get_by_label("Stock number")
    box.focus()
    page.keyboard.press("/")  # already in the box: "/" must not type a slash
    assert box.input_value() == ""
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
    assert page.locator("[data-scanned]").inner_text() == "2"
    assert page.locator("#count-progress-bar").count() == 0

    page.get_by_label("Witness's password").fill("not the password")
    page.get_by_role("button", name="Witness signs: finish scanning and reconcile").click()
    assert "do not match an active account" in page.locator(".count-finish").inner_text()
    page.get_by_label("Witness's password").fill(settings.PARURE_DEMO_PASSWORD)
    page.get_by_role("button", name="Witness signs: finish scanning and reconcile").click()
    page.wait_for_url(f"{base}/inventory/counts/{session.pk}/")
    assert (
        "1 found in place, 1 misplaced, 0 missing, 1 moved out during the count, 0 unexpected"
        in page.locator(".messages").inner_text()
    )

    misplaced = page.locator("tr.discrepancy-misplaced")
    assert "Tray 1 (NY)" in misplaced.inner_text() and "Tray 2 (NY)" in misplaced.inner_text()
    misplaced.get_by_label(f"Action for {stocked.c.stock_number}").select_option("adjusted")
    misplaced.get_by_label(f"Reason for {stocked.c.stock_number}").fill("Found in tray 1; labels swapped")
    misplaced.get_by_role("button", name="Settle").click()
    page.wait_for_url(f"{base}/inventory/counts/{session.pk}/#d*")
    moved = page.locator("tr.discrepancy-moved")
    assert "Intake desk (NY)" in moved.inner_text()
    moved.get_by_label(f"Action for {stocked.b.stock_number}").select_option("confirmed")
    moved.get_by_label(f"Reason for {stocked.b.stock_number}").fill("Seen on the intake desk")
    moved.get_by_role("button", name="Settle").click()
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
        "Moved out during the count",
        "Move confirmed",
        "Count adjustment recorded",
        "Witnessed by Ruth Klein, signed",
    ):
        assert expected in text, expected
