"""Copy in a real browser: Marcus writes the ring's copy from its record, edits the heading from
the keyboard and submits it; Eleanor, who wrote none of it, approves it, compares the versions
and opens the catalogue entry PDF."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import expect

from parure.catalogue.models import CatalogueCopy
from tests.browser.test_platform import _watch_console, sign_in
from tests.catalogue.copy_world import HEADING, cartier_record
from tests.conftest import Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BOMBE = "A SAPPHIRE AND DIAMOND BOMBÉ RING, BY CARTIER, CIRCA 1925"


@pytest.mark.parametrize("width", [1280, 768])
def test_copy_from_the_record_to_approved_and_its_pdf(live_server: Any, page: Any, cast: Cast, width: int) -> None:
    record = cartier_record(cast)
    address = f"{live_server.url}/catalogue/{record.item.stock_number}/copy/"
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": width, "height": 900})
    problems = _watch_console(page)

    sign_in(page, live_server, "marcus")
    page.goto(address)
    page.get_by_role("button", name="Write the copy from the record").click()
    expect(page.locator("#copy-heading")).to_have_text(HEADING)
    expect(page.locator("#copy-status")).to_have_text("Draft")

    # The heading from the keyboard; Enter in the field saves a new version.
    heading = page.get_by_label("Heading")
    heading.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(BOMBE)
    page.keyboard.press("Enter")
    expect(page.locator("#copy-heading")).to_have_text(BOMBE)
    expect(page.locator("#version-2")).to_contain_text("Edited")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator("#copy-status")).to_have_text("Submitted for approval")
    assert page.get_by_role("button", name="Approve").count() == 0

    page.context.clear_cookies()
    sign_in(page, live_server, "eleanor")
    page.goto(address)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#copy-status")).to_have_text("Approved")
    page.locator("#version-2").get_by_role("link", name="changes").click()
    expect(page.locator("#diff-heading")).to_contain_text("BOMBÉ")
    assert page.locator("#diff-heading ins").inner_text() == "BOMBÉ "

    response = page.request.get(f"{address}entry.pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    copy = CatalogueCopy.objects.get(record=record)
    assert (copy.status, copy.heading, copy.approved_by) == ("approved", BOMBE, cast.senior)
    assert problems == []
