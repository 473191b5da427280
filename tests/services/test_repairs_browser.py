"""In Chromium, on a tablet held in portrait (768 × 1024): an assistant takes a client's ring in for repair
with the client's signature drawn on the canvas, prices it and records the client's approval, sends it to
the bench by scanning the envelope, books it back, checks it and makes it ready (the client is e-mailed);
finance records the payment; the client signs again and collects it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from parure.inventory.choices import ItemStatus
from parure.inventory.models import Item
from parure.services.repairs.models import RepairJob
from tests.browser.test_platform import sign_in
from tests.conftest import Cast, office_today
from tests.services import repairs_world as rw

pytestmark = pytest.mark.browser


def _draw(page: Any, selector: str) -> None:
    """A signature stroke across the canvas, as a finger or stylus makes it (pointer events)."""
    page.locator(selector).scroll_into_view_if_needed()
    box = page.locator(selector).bounding_box()
    assert box is not None
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    page.mouse.move(x + w * 0.1, y + h * 0.7)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(x + w * (0.1 + step * 0.07), y + h * (0.3 if step % 2 else 0.7), steps=3)
    page.mouse.up()


def test_a_repair_on_a_tablet_from_take_in_to_collection(page: Any, live_server: Any, cast: Cast) -> None:
    world = rw.build(cast)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server, cast.assistant.username)

    page.get_by_role("link", name="Services").click()
    expect(page.get_by_role("heading", name="Repairs")).to_be_visible()
    page.get_by_role("link", name="Take in a repair").click()
    page.get_by_label("Client number").fill(world.client.number)
    page.get_by_label("The piece is a").select_option("ring")
    page.get_by_label("Generic description").fill("White metal ring set with a white stone")
    page.get_by_label("Client states…").fill("Client states: platinum, her grandmother's.")
    page.get_by_label("Condition notes (private)").fill("Claw at 3 o'clock lifted.")
    page.get_by_label("Declared value for insurance").fill("12000")
    page.get_by_label("Estimate only: the work waits for the client's approval").check()
    page.get_by_label("Ring sizing up one size", exact=False).check()
    page.get_by_label("Clean and re-polish", exact=False).check()
    page.get_by_label("Bench jeweler or vendor").select_option(label="Atelier Kessler")
    page.get_by_label("Due").fill((office_today(cast.assistant) + timedelta(days=14)).isoformat())
    _draw(page, "#signature-pad")
    page.screenshot(path="/tmp/repairs-take-in-768.png", full_page=True)
    page.get_by_role("button", name="Take it in").click()
    expect(page.locator(".messages")).to_contain_text("taken in; print the envelope")
    job = RepairJob.objects.get()
    assert job.intake_signature_kind == "tablet" and bytes(job.intake_signature).startswith(b"\x89PNG")
    expect(page.locator("#stage")).to_have_text("Taken in")
    page.screenshot(path="/tmp/repairs-job-768.png", full_page=True)

    page.get_by_role("button", name="Price it").click()
    expect(page.locator("#stage")).to_have_text("Estimated")
    page.get_by_label("How the client approved").select_option("phone")
    expect(page.get_by_label("Amount approved")).to_have_value("185.00")
    page.get_by_role("button", name="Record the client's approval").click()
    expect(page.locator("#stage")).to_have_text("Approved")

    page.get_by_role("link", name="Scan an envelope").click()
    page.get_by_label("Envelope number").fill(job.number)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Send to the bench")).to_be_focused()
    page.get_by_role("button", name="Send to the bench").click()
    expect(page.locator("#stage")).to_have_text("At the bench")
    item = Item.objects.get(pk=job.item_id)
    assert (item.location_id, item.status) == (world.vendor.location_id, ItemStatus.CHECKED_OUT)

    for button, stage in (("Back from the bench", "Returned"), ("Quality checked", "Quality checked"),
                          ("Ready: tell the client", "Ready for collection")):  # fmt: skip
        page.get_by_role("button", name=button).click()
        expect(page.locator("#stage")).to_have_text(stage)
    [message] = mail.outbox
    assert (message.to, message.subject) == (
        ["harriet.okafor@example.com"],
        f"Your repair {job.number} is ready for collection",
    )

    page.get_by_role("button", name="Collected by the client").click()
    expect(page.locator("#refusal")).to_contain_text("The client's signature is missing")
    _draw(page, "#collect-pad")
    page.get_by_role("button", name="Collected by the client").click()
    expect(page.locator("#refusal")).to_contain_text("are not paid in full: USD 201.42 is due")
    # The two refusals answered 422 and 409, which Chromium logs; nothing else may.
    assert [p for p in problems if "status of 422" not in p and "status of 409" not in p] == []
    problems.clear()
    rw.pay(RepairJob.objects.get(pk=job.pk), cast.finance)
    page.goto(f"{live_server.url}/services/repairs/{job.number}/")
    _draw(page, "#collect-pad")
    page.get_by_role("button", name="Collected by the client").click()
    expect(page.locator("#stage")).to_have_text("Collected")
    assert Item.objects.get(pk=job.item_id).status == ItemStatus.RELEASED
    assert RepairJob.objects.get(pk=job.pk).collection_signature_kind == "tablet"
    page.goto(f"{live_server.url}/services/repairs/")
    page.screenshot(path="/tmp/repairs-board-768.png", full_page=True)
    assert problems == []
