"""Intake by an assistant for a new consignor, in a real browser and from the keyboard: Marcus
opens intake from its link, opens the consignor's file without leaving the page, types two pieces
and receives the consignment; the file, the consignment and the pieces record him."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from tests.conftest import Cast
from tests.inventory import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's sync API runs an event loop in this thread; the test's own ORM reads are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.parametrize("width", [1280, 768])
def test_an_assistant_takes_in_two_pieces_for_a_new_consignor_with_the_keyboard(
    live_server: Any, page: Any, cast: Cast, places: dict[str, world.Places], width: int
) -> None:
    from django.conf import settings

    from parure.clients.queries import client_for_viewer
    from parure.inventory.choices import EventKind
    from parure.inventory.models import Consignment, CustodyEvent

    base = live_server.url
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}/sign-in/?next=/inventory/")
    page.keyboard.type("marcus")
    page.keyboard.press("Tab")
    page.keyboard.type(settings.PARURE_DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/inventory/")

    # The Intake link is his.
    page.focus("nav a[href='/inventory/intake/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/inventory/intake/")
    assert page.evaluate("document.activeElement.name") == "consignor"

    # The new consignor: open the form from the keyboard, type the file, Enter opens it in place.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    for value in ("Eleanor Ashby", "Mrs", "eleanor.ashby@example.com", "+1 212 555 0142"):
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    page.wait_for_selector("#consignor-opened")
    box = page.input_value("input[name=consignor]")
    assert re.fullmatch(r"C-\d{6}-\d · Mrs Eleanor Ashby", box)
    assert page.url == f"{base}/inventory/intake/"
    # The keyboard goes on to the first piece.
    assert page.evaluate("document.activeElement.name") == "pieces-0-category"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Two pieces, from the keyboard.
    for index, (key, title) in enumerate([("b", "Diamond clip brooch"), ("r", "Emerald ring")]):
        if index:
            page.focus(f"[name=pieces-{index}-category]")
        page.keyboard.press(key)
        page.keyboard.press("Tab")
        page.keyboard.type(title)
        page.keyboard.press("Tab")  # description
        page.keyboard.press("Tab")
        page.keyboard.type("18k yellow gold")
    # The terms (everything but the commission has a default), then Enter receives.
    page.focus("[name=commission_rate]")
    page.keyboard.type("12.5")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/inventory/consignments/[A-Z]{2}-C-\d{2}-\d{5}-\d/$"))

    consignment = Consignment.objects.get()
    found = client_for_viewer(box.split(" · ")[0], viewer=cast.senior)
    assert found is not None
    client = found.client
    assert (client.title, client.display_name, client.created_by) == ("Mrs", "Eleanor Ashby", cast.assistant)
    assert (consignment.consignor_id, consignment.received_by, consignment.currency) == (
        client.pk,
        cast.assistant,
        "USD",
    )
    pieces = list(consignment.items.order_by("line"))
    assert [(p.title, p.metal) for p in pieces] == [
        ("Diamond clip brooch", "18k yellow gold"),
        ("Emerald ring", "18k yellow gold"),
    ]
    events = CustodyEvent.objects.filter(item__in=pieces).order_by("seq")
    assert [(e.kind, e.staff) for e in events] == [(EventKind.INTAKE, cast.assistant)] * 2
    assert "received: 2 pieces" in page.inner_text(".messages")
