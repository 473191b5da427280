"""In Chromium: logistics ships a paid ring overseas to its buyer in London. The shipment is prepared on
its page, packed (the checklist ticked, the seals and the box recorded) and its parcel photographed; a
second person, the specialist's assistant, reads the seals and checks it; logistics hands it to the
carrier with the tracking number and confirms the delivery with its proof."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from parure.inventory.choices import ItemStatus
from parure.inventory.models import Item
from parure.shipping.shipments.choices import PackingCheck
from parure.shipping.shipments.models import Shipment
from tests.browser.test_platform import sign_in
from tests.conftest import Cast
from tests.services import aftercare_world as aw
from tests.shipping import shipments_world as sw

pytestmark = pytest.mark.browser


def _watch(page: Any, problems: list[str]) -> None:
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))


def test_a_paid_ring_ships_overseas_from_the_page_to_delivery(
    page: Any, browser: Any, live_server: Any, cast: Cast
) -> None:
    world = sw.build(cast)
    ring = aw.sold(world)
    problems: list[str] = []
    _watch(page, problems)
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server, cast.logistics.username)

    page.get_by_role("link", name="Shipping").click()
    expect(page.get_by_role("heading", name="Shipments")).to_be_visible()
    page.get_by_role("link", name="Prepare a shipment").click()
    page.get_by_label("Look up a client's addresses by number").fill(world.buyer.number)
    page.get_by_role("button", name="Show the client's addresses").click()
    expect(page.get_by_label("Client number", exact=True)).to_have_value(world.buyer.number)
    page.get_by_label("The shipment goes to").select_option("client")
    page.get_by_label("Client's address", exact=True).select_option(str(sw.address_id(world)))
    page.get_by_label("Carrier", exact=True).select_option(label="Malca-Amit")
    page.get_by_label("Stock number, row 1").fill(ring.stock_number)
    page.get_by_label("Country of origin, row 1").fill("FR")
    page.screenshot(path="/tmp/shipments-new-768.png", full_page=True)
    page.get_by_role("button", name="Prepare the shipment").click()
    expect(page.locator(".messages")).to_contain_text("prepared; pack it when the pieces are ready")
    shipment = Shipment.objects.get()
    expect(page.locator("#status")).to_have_text("Being prepared")
    expect(page.locator("#consignee-name")).to_have_text("Mrs Ada Lovelace")

    for check in PackingCheck:
        page.get_by_label(check.label).check()
    page.get_by_label("Seal numbers, parcel 1").fill("S-100231 S-100232")
    page.get_by_label("Length (cm), parcel 1").fill("25")
    page.get_by_label("Width (cm), parcel 1").fill("20")
    page.get_by_label("Height (cm), parcel 1").fill("12")
    page.get_by_label("Gross weight (g), parcel 1").fill("850")
    page.get_by_role("button", name="Pack and seal").click()
    expect(page.locator("#status")).to_have_text("Packed, awaiting the second check")
    page.get_by_label("Photograph of the sealed parcel").set_input_files(
        {"name": "parcel-1.jpg", "mimeType": "image/jpeg", "buffer": sw.jpeg()}
    )
    page.get_by_role("button", name="Add the photograph").click()
    expect(page.locator(".messages")).to_contain_text("Photograph of parcel 1 added.")
    expect(page.locator("#parcel-1 img")).to_have_count(1)

    second = browser.new_context(base_url=live_server.url).new_page()
    _watch(second, problems)
    sign_in(second, live_server, cast.assistant.username)
    second.goto(f"{live_server.url}/shipping/shipments/{shipment.number}/")
    second.get_by_label("Seals read on parcel 1").fill("S-100232 S-100231")
    second.get_by_role("button", name="The seals match: checked").click()
    expect(second.locator("#status")).to_have_text("Packed and checked, ready for the carrier")

    page.reload()
    page.get_by_label("Tracking number").fill("MA 7731 0042")
    page.get_by_role("button", name="Handed to the carrier").click()
    expect(page.locator("#status")).to_have_text("With the carrier")
    expect(page.locator("#tracking")).to_contain_text("MA 7731 0042")
    page.get_by_label("Proof of delivery").fill("Signed by A. Lovelace, POD 88120")
    page.get_by_role("button", name="Delivered").click()
    expect(page.locator("#status")).to_have_text("Delivered")
    expect(page.locator("#proof")).to_have_text("Signed by A. Lovelace, POD 88120")
    page.screenshot(path="/tmp/shipments-delivered-768.png", full_page=True)
    assert Item.objects.get(pk=ring.pk).status == ItemStatus.RELEASED
    assert problems == []
