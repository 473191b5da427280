"""The studio door in Debian's Chromium: ``/`` focuses the shot list's return box, a scan and Enter
return the piece at once with a visible answer, the box is ready for the next tag; the board moves
by its buttons (htmx) and photographs are uploaded from the piece's page."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import expect

from parure.catalogue.models import PieceImage
from parure.catalogue.services import photography as photo
from parure.inventory.models import CustodyEvent
from tests.browser.test_platform import _watch_console, sign_in
from tests.catalogue.photo_world import jpeg
from tests.inventory import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.parametrize("width", [1280, 768])
def test_return_by_scanning_and_moving_on_the_board(
    live_server: Any, page: Any, cast: Any, ny: Any, shot_list: Any, pieces: list[Any], width: int
) -> None:
    ring, brooch, _ = pieces
    for piece in (ring, brooch):
        photo.shot_list_add_piece(shot_list=shot_list, stock_number=piece.stock_number, by=cast.assistant)
    photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=world.tomorrow())
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": width, "height": 900})
    problems = _watch_console(page)
    sign_in(page, live_server, "marcus")
    page.goto(f"{live_server.url}/catalogue/photography/{shot_list.pk}/")

    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "return-code"
    page.keyboard.type(ring.stock_number)
    page.keyboard.press("Enter")
    result = page.locator("#return-result")
    expect(result).to_have_text(f"Returned: {ring.stock_number} · {ring.title}: returned to {ny.tray1.label}.")
    expect(result).to_have_class("scan-result found")
    assert page.evaluate("document.activeElement.id") == "return-code"
    assert page.locator("#return-code").input_value() == ""
    page.keyboard.type(ring.stock_number)
    page.keyboard.press("Enter")
    expect(result).to_have_text(
        f"Already returned: {ring.stock_number} is not out for this list; it is at {ny.tray1.label}."
    )
    expect(result).to_have_class("scan-result already")
    assert CustodyEvent.objects.filter(kind="return", item=ring).count() == 1

    page.get_by_role("button", name=f"On to Shot: {brooch.stock_number}").click()
    expect(page.locator('[data-status="shot"]')).to_contain_text(brooch.stock_number)
    assert shot_list.entries.get(item=brooch).status == "shot"
    assert [problem for problem in problems if "status of 422" not in problem] == []


def test_photographs_are_uploaded_from_the_pieces_page(
    live_server: Any, page: Any, cast: Any, pieces: list[Any], tmp_path: Any
) -> None:
    ring = pieces[0]
    front, side = tmp_path / "front.jpg", tmp_path / "side.jpg"
    front.write_bytes(jpeg((1600, 1200)))
    side.write_bytes(jpeg((900, 1200)))
    page.set_default_timeout(15_000)
    sign_in(page, live_server, "marcus")
    page.goto(f"{live_server.url}/catalogue/photography/pieces/{ring.stock_number}/")
    page.get_by_label("Photographs (JPEG, PNG, WebP or TIFF; up to 10 MB each)").set_input_files(
        [str(front), str(side)]
    )
    page.get_by_label("Alt text", exact=True).first.fill("The ring, front")
    page.get_by_label("Photographer's credit").first.fill("Parure Studio")
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".notice.success")).to_have_text("2 photographs added; 2 photographs ready.")
    assert list(PieceImage.objects.order_by("position").values_list("original_filename", "is_primary", "status")) == [
        ("front.jpg", True, "ready"), ("side.jpg", False, "ready")
    ]  # fmt: skip
    thumbnail = page.locator(".piece-image img").first
    expect(thumbnail).to_have_attribute("alt", "The ring, front")
    # The thumbnail is served by the permission-checking view and decodes in the browser.
    # expect() polls from outside the page: the Content Security Policy forbids the eval a polled string needs.
    expect(thumbnail).to_have_js_property("complete", True)
    assert page.evaluate("document.querySelector('.piece-image img').naturalWidth") == 320
