"""The counter, in a real browser, keyboard only: take three pieces in, print the receipt, scan one,
check it out to photography and take it back."""

from __future__ import annotations

import io
import os
import re
from typing import Any

import pypdf
import pytest

from tests.conftest import Cast
from tests.inventory import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's sync API runs an event loop in this thread; the test's own ORM reads are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PIECES = [
    # category key, title, stones, parts, stated value, low, high
    (
        "r",
        "Sapphire and diamond ring",
        "sapphire (cushion) 4.12 ct; 2 × diamond (pear) 0.80 ct",
        "",
        "12000",
        "8000",
        "12000",
    ),
    ("b", "Art Deco diamond bracelet", "120 × diamond (old European) 9.50 ct", "", "45000", "30000", "40000"),
    (
        "e",
        "Pair of emerald ear pendants",
        "2 × emerald (drop) 6.10 ct",
        "left ear pendant; right ear pendant",
        "30000",
        "20000",
        "30000",
    ),
]


def test_intake_receipt_scan_check_out_and_return_with_the_keyboard(
    live_server: Any, page: Any, cast: Cast, places: dict[str, world.Places], client_file: Any, tmp_path: Any
) -> None:
    from django.conf import settings

    from parure.inventory.models import Consignment, Item

    base = live_server.url
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Sign in from the keyboard.
    page.goto(f"{base}/sign-in/?next=/inventory/intake/")
    page.keyboard.type("eleanor")
    page.keyboard.press("Tab")
    page.keyboard.type(settings.PARURE_DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/inventory/intake/")

    # Intake: the consignor field has the focus; terms, then a row per piece, all by Tab.
    assert page.evaluate("document.activeElement.name") == "consignor"
    page.keyboard.type("Catherine Vandermeer")
    page.keyboard.press("Tab")  # past "New consignor" (closed)
    page.keyboard.press("Tab")
    page.keyboard.type("12.5")  # commission
    # insurance, photography, unsold fee, reserve, if unsold, currency, the further terms (folded), notes
    for _ in range(8):
        page.keyboard.press("Tab")
    for key, title, stones, parts, stated, low, high in PIECES:
        page.keyboard.press("Tab")  # category
        page.keyboard.press(key)
        # title, description, metal, fineness, weight, stones, parts, the intake sheet's five, values
        for value in (title, "", "", "", "", stones, parts, "", "", "", "", "", stated, low, high, ""):
            page.keyboard.press("Tab")
            if value:
                page.keyboard.type(value)
    assert page.evaluate("document.activeElement.name") == "pieces-2-insurance_value"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/inventory/consignments/[A-Z]{2}-C-\d{2}-\d{5}-\d/$"))
    consignment = Consignment.objects.get()
    numbers = list(consignment.items.order_by("line").values_list("stock_number", flat=True))
    assert len(numbers) == 3
    assert [c for c in Item.objects.get(stock_number=numbers[2]).components.values_list("description", flat=True)] == [
        "left ear pendant",
        "right ear pendant",
    ]

    # Print the receipt: the PDF carries every stock number.
    with page.expect_download() as download_info:
        page.focus("#print-receipt")
        page.keyboard.press("Enter")
    path = tmp_path / "receipt.pdf"
    download_info.value.save_as(path)
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)
    for number in numbers:
        assert number in text
    assert "Mrs Catherine Vandermeer" in text

    # The specialist writes its intake condition report (the catalogue's rule: a piece leaves the
    # intake desk for anywhere but the vault only with one).
    world.intake_condition_report(Item.objects.get(stock_number=numbers[0]), by=cast.senior)

    # Scan one: "/" focuses the scan box, the scanner types and presses Enter.
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "scan-code"
    page.keyboard.type(numbers[0])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/inventory/items/{numbers[0]}/")
    assert page.inner_text("#where-now").startswith("Intake desk")

    # Check it out to photography: "c", choose the studio, Enter.
    page.keyboard.press("c")
    page.wait_for_url(f"{base}/inventory/items/{numbers[0]}/check-out/")
    assert page.evaluate("document.activeElement.name") == "to"
    page.keyboard.type("Photo")
    page.keyboard.press("Tab")  # due back: tomorrow is already filled in
    page.keyboard.press("Tab")
    page.keyboard.type("Anna Lindqvist")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/inventory/items/{numbers[0]}/")
    assert page.inner_text("#where-now").startswith("Photo studio")
    assert "Checked out" in page.inner_text(".custody-card")
    assert "check-out recorded" in page.inner_text(".messages")

    # Return it: "r", the place it came from is chosen already, Enter.
    page.keyboard.press("r")
    page.wait_for_url(f"{base}/inventory/items/{numbers[0]}/return/")
    page.keyboard.press("Tab")
    page.keyboard.type("Photographed")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/inventory/items/{numbers[0]}/")
    assert page.inner_text("#where-now").startswith("Intake desk")
    assert "In the house" in page.inner_text(".custody-card")
    kinds = page.eval_on_selector_all(
        ".timeline .event", "nodes => nodes.map(n => n.className.replace('event kind-', ''))"
    )
    assert kinds == ["return", "check_out", "intake"]


@pytest.mark.parametrize("width", [1280, 768])
def test_the_intake_grid_fits_the_screen_without_scrolling_sideways(
    live_server: Any, page: Any, cast: Cast, places: dict[str, world.Places], width: int
) -> None:
    from django.conf import settings

    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/sign-in/?next=/inventory/intake/")
    page.fill("input[name=username]", "eleanor")
    page.fill("input[name=password]", settings.PARURE_DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/inventory/intake/")
    grid = page.locator(".grid-wrap")
    assert grid.evaluate("box => box.scrollWidth <= box.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Every field of a piece is labelled where it stands, and on a tablet no field is below 40 px.
    first = page.locator("[data-piece-row]").first
    assert first.locator("label.cell-label").first.is_visible()
    heights = first.locator("input, select, textarea").evaluate_all("fields => fields.map(f => f.offsetHeight)")
    assert min(heights) >= (40 if width == 768 else 36)
