"""The piece page's tag buttons in a real browser: both fit at 1280 and 768 px, and downloading
saves the sheet under its name."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.conftest import Cast
from tests.inventory import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.parametrize("width", [1280, 768])
def test_print_and_download_tags_fit_and_the_download_is_saved(
    live_server: Any, page: Any, cast: Cast, places: dict[str, world.Places], client_file: Any, width: int
) -> None:
    from django.conf import settings

    from tests.inventory.test_print_layout import _seed_stocks

    _seed_stocks()
    (ring,) = world.take_in(cast.senior, client_file, world.piece())
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/sign-in/?next=/inventory/items/{ring.stock_number}/")
    page.fill("input[name=username]", "marcus")
    page.fill("input[name=password]", settings.PARURE_DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    opened, saved = page.locator("#tags-open"), page.locator("#tags-download")
    assert opened.is_visible() and saved.is_visible()
    assert page.locator("#tag-profile option:checked").inner_text() == "US Letter sheet, 3 × 10 labels 66.7 × 25.4 mm"
    if width == 768:
        assert min(opened.bounding_box()["height"], saved.bounding_box()["height"]) >= 40
    with page.expect_download() as download:
        saved.click()
    assert download.value.suggested_filename == f"{ring.stock_number} tags, US Letter sheet.pdf"
