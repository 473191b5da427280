"""Cataloguing a ring at the desk, in a real browser, at 1280 and 768 px: Marcus starts the record
from the piece's page, estimates a mounted stone's weight and keeps the estimate, reads the marks,
adds a stone row, saves with Ctrl+Enter and reads the record back."""

from __future__ import annotations

import os
from typing import Any

import pytest

from parure.catalogue.models import CatalogueRecord
from tests.conftest import Cast
from tests.inventory import world
from tests.inventory.conftest import client_file, places  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's sync API runs an event loop in this thread; the test's own ORM reads are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.parametrize("width", [1280, 768])
def test_an_assistant_catalogues_a_ring_at_the_desk(
    live_server: Any,
    page: Any,
    cast: Cast,
    places: dict[str, world.Places],  # noqa: F811
    client_file: Any,  # noqa: F811
    width: int,
) -> None:
    from django.conf import settings

    ring = world.take_in(cast.senior, client_file, world.piece())[0]
    base = live_server.url
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}/sign-in/?next=/inventory/items/{ring.stock_number}/")
    page.keyboard.type("marcus")
    page.keyboard.press("Tab")
    page.keyboard.type(settings.PARURE_DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/inventory/items/{ring.stock_number}/")

    page.click("#catalogue-record-start")
    page.wait_for_url(f"{base}/catalogue/{ring.stock_number}/edit/")
    assert page.evaluate("document.activeElement.name") == "object_type"
    assert page.input_value("#id_stones-1-species") == "diamond"

    # The second stone: measured through the setting, estimated inline, the estimate kept.
    page.fill("#id_stones-1-shape", "round")
    page.fill("#id_stones-1-length_mm", "6.50")
    page.fill("#id_stones-1-depth_mm", "3.90")
    page.click("button[name=estimate][value='1']")
    page.wait_for_selector("#stones-1-estimate .estimate")
    assert "1.01 ct estimated (0.90–1.11 ct, ±10%), round brilliant, diamond." in page.inner_text("#stones-1-estimate")
    page.click("button[name=keep][value='1']")
    page.wait_for_selector("#id_stones-1-weight_ct[value='2.02']")
    assert page.input_value("#id_stones-1-weight_basis") == "estimated"
    assert page.is_checked("#id_stones-1-keep_estimate")
    assert page.input_value("#id_stones-1-shape") == "round"  # what was typed is kept

    # The marks, read by the library in place.
    page.fill("#id_metals-0-marks", "PT950")
    page.click("button[name=read_marks][value='0']")
    page.wait_for_selector("#metals-0-reading .mark-reading")
    assert page.inner_text("#metals-0-reading").strip() == "PT950: platinum 950"

    # A row added in place keeps everything typed.
    page.click("button[name=add][value=stones]")
    page.wait_for_selector("#stones-2")
    assert page.input_value("#id_metals-0-marks") == "PT950"
    assert page.input_value("#id_stones-1-weight_ct") == "2.02"

    # No sideways scrolling on a tablet held in portrait.
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.fill("#id_form", "bombé")
    page.focus("#id_form")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"{base}/catalogue/{ring.stock_number}/")
    assert "The record of " in page.inner_text(".messages")
    stone = page.inner_text("#stone-2")
    assert "2.02 ct · estimated in the mounting" in stone
    assert "Estimate kept" in stone

    stored = CatalogueRecord.objects.get(item=ring)
    assert (stored.version, stored.form, stored.updated_by) == (2, "bombé", cast.assistant)
    assert stored.stones.count() == 2
    assert stored.stones.get(position=2).estimate["carats"] == "1.01"
    assert stored.metals.get().mark_reading["marks"][0]["meaning"] == "platinum 950"
