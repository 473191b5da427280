"""In Chromium, on a tablet held in portrait: an assistant takes an engraving order from the invoice that
sold the ring, sees the character limit before saving, records the client's approval of the proof, sends
the ring to the bench, and finds the order on My day and in the list."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import expect

from parure.services.aftercare.models import AftercareOrder
from tests.browser.test_platform import sign_in
from tests.conftest import Cast
from tests.services import aftercare_world as aw

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("PARURE_SCREENSHOTS", "")


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_an_engraving_ordered_approved_and_sent_to_the_bench_on_a_tablet(page: Any, live_server: Any,
                                                                         cast: Cast) -> None:  # fmt: skip
    world = aw.new_york(cast)
    ring = aw.sold(world)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server, "marcus")
    page.goto(f"{live_server.url}/services/post-sale/")
    page.get_by_role("link", name="Take an order").click()
    page.get_by_label("Invoice that sold it").fill(ring.invoice.number)
    page.get_by_label("Service", exact=True).select_option("engraving")
    page.get_by_label("Due on").fill(aw.due(3).isoformat())
    expect(page.get_by_label("Laboratory")).to_be_hidden()
    expect(page.get_by_label("Size wanted (resizing)")).to_be_hidden()
    page.get_by_label("Size system").select_option("US")
    page.get_by_label("Present size").fill("6.5")
    page.get_by_label("Text (spaces count)").fill("Always yours")
    page.get_by_label("Lettering").select_option("script")
    page.get_by_label("Inside or outside").select_option("inside")
    page.get_by_label("Position", exact=True).select_option("centred")
    page.get_by_label("Band width (mm)").fill("3")
    page.get_by_role("button", name="Check").click()
    expect(page.locator("#limit")).to_have_text("At most 16 characters on this band; the text has 12.")
    _shot(page, "aftercare-form")
    page.get_by_role("button", name="Take the order").click()
    order = AftercareOrder.objects.get()
    expect(page.get_by_role("heading", name=order.number)).to_be_visible()
    page.get_by_role("button", name="Proof sent to the client").click()
    page.get_by_label("Approved by (the client)").fill("Mrs Ada Lovelace")
    page.get_by_label("How", exact=True).select_option("in_person")
    page.get_by_role("button", name="Record the approval").click()
    page.get_by_label("Bench jeweler").select_option(str(world.places.bench.pk))
    page.get_by_role("button", name="Send to the bench").click()
    expect(page.locator("#status")).to_have_text("At the bench")
    expect(page.locator("#bench")).to_have_text("Bench: Atelier Moreau (NY)")
    _shot(page, "aftercare-order")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text(f"{order.number} · Engraving · {ring.stock_number}")).to_be_visible()
    page.goto(f"{live_server.url}/services/post-sale/")
    expect(page.locator(f"#order-{order.number}")).to_contain_text("At the bench")
    _shot(page, "aftercare-list")
    assert problems == []
