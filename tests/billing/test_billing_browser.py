"""In Chromium, on a tablet: finance takes a part payment on an invoice and prints it, then the rest;
at the release desk logistics scans the piece, sees it may go, hands it over with a witness and prints
the collection receipt."""

from __future__ import annotations

import binascii
import io
from typing import Any

import pypdf
import pytest
from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from parure.billing.services import invoices
from parure.inventory.choices import ItemStatus
from tests.auctions import results_day
from tests.billing import world
from tests.browser.test_platform import sign_in
from tests.conftest import Cast
from tests.inventory import world as inventory_world

pytestmark = pytest.mark.browser


def _sign_in_with_code(page: Any, live_server: Any, staff: Any) -> None:
    """Finance signs in with a password and the code of an authenticator already enrolled."""
    device = TOTPDevice.objects.create(user=staff, name="Phone", confirmed=True)
    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(settings.PARURE_DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.locator("input[name=token]").fill(f"{TOTP(binascii.unhexlify(device.key)).token():06d}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/")


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_a_part_payment_a_printed_invoice_and_a_release_at_the_desk(page: Any, browser: Any, live_server: Any,
                                                                    cast: Cast) -> None:  # fmt: skip
    inventory_world.build_all_places(cast)
    day = results_day.clerked(cast)
    world.new_york_billing()
    world.address(day.ada.client, lines="1 Fifth Avenue", city="New York", region="NY", postcode="10003")
    day.sale.refresh_from_db()
    made = invoices.invoices_from_sale(sale=day.sale, by=cast.finance)
    ada = invoices.invoice_issue(invoice=next(r for r in made if r.buyer_id == day.ada.client_id), by=cast.finance)
    necklace = day.lots[2].pieces.get().item
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_viewport_size({"width": 768, "height": 1024})

    _sign_in_with_code(page, live_server, cast.finance)
    page.goto(f"{live_server.url}/billing/invoices/?standing=unpaid")
    page.get_by_role("link", name=ada.number).click()
    expect(page.locator("#due")).to_have_text("$20,049.33")
    expect(page.get_by_label("Amount", exact=True)).to_have_value("20049.33")  # the balance, ready to take
    page.get_by_label("Method").select_option("card")
    page.get_by_label("Amount", exact=True).fill("5000")
    page.get_by_label("Reference").fill("POS 0412")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text(
        "Card of $5,000.00 recorded; $15,049.33 left to pay."
    )
    expect(page.locator("#standing")).to_have_text("Part-paid")
    expect(page.locator("#due")).to_have_text("$15,049.33")
    printed = page.request.get(
        live_server.url + (page.get_by_role("link", name="Print (PDF)").get_attribute("href") or "")
    )
    assert printed.headers["content-type"] == "application/pdf"
    text = _pdf_text(printed.body())
    assert ada.number in text and "Balance due $15,049.33" in text and "Paid $5,000.00" in text

    page.get_by_label("Amount", exact=True).fill("15049.33")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.locator("#standing")).to_have_text("Paid in full")

    desk = browser.new_context(viewport={"width": 768, "height": 1024}).new_page()
    sign_in(desk, live_server, "daniel")
    desk.get_by_role("link", name="Release desk").first.click()
    desk.get_by_label("Stock number").fill(necklace.stock_number)
    desk.keyboard.press("Enter")
    expect(desk.locator("#verdict-sentence")).to_have_text(
        f"May go. Invoice {ada.number} is paid in full: {necklace.stock_number} may go to its buyer."
    )
    expect(desk.get_by_label("Handed to")).to_have_value("Mrs Ada Lindqvist")
    desk.get_by_label("Identity document seen").fill("Passport ending 4471")
    desk.get_by_label("Witness's username").fill("eleanor")
    desk.get_by_label("Witness's password").fill(settings.PARURE_DEMO_PASSWORD)
    desk.get_by_role("button", name="Hand it over").click()
    expect(desk.locator("#verdict-sentence")).to_contain_text("Released.")
    receipt = desk.request.get(live_server.url + (desk.locator("#collection-receipt").get_attribute("href") or ""))
    assert "Collection receipt" in _pdf_text(receipt.body())
    necklace.refresh_from_db()
    assert necklace.status == ItemStatus.RELEASED
    assert problems == []
