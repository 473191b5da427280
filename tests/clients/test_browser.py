"""An assistant books a client's appointment with two pieces, checks them out to the viewing room
through the custody ledger, returns them when the viewing ends and logs its outcome, in Chromium."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from parure.clients.choices import AppointmentStatus
from parure.clients.models import Appointment
from parure.inventory.choices import EventKind, ItemStatus
from parure.inventory.models import CustodyEvent
from tests.browser.test_platform import _watch_console, sign_in
from tests.clients.conftest import Book
from tests.inventory import world

pytestmark = pytest.mark.browser


def test_book_an_appointment_with_two_pieces_and_log_the_outcome(
    page: Any, live_server: Any, book: Book, cast: Any
) -> None:
    world.build_places(cast.senior.office, cast.administrator)
    ring, brooch = world.take_in(
        cast.senior, world.consignor(), world.piece("Sapphire and diamond ring"), world.piece("Ruby cluster brooch")
    )
    problems = _watch_console(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "marcus")

    # Find the client from the book's search box (the search is posted, not put in the URL).
    page.goto(f"{live_server.url}/clients/")
    page.get_by_label("Name, e-mail, phone or client number").fill("lovelace")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Ada Lovelace").click()
    page.wait_for_url(f"**/clients/{book.ada.number}/")
    page.get_by_role("link", name="Book an appointment").first.click()

    # Book it for now (so the outcome can be logged straight after), in New York time.
    start = datetime.now(zoneinfo.ZoneInfo("America/New_York")) - timedelta(minutes=5)
    page.get_by_label("Day").fill(start.strftime("%Y-%m-%d"))
    page.get_by_label("From").fill(start.strftime("%H:%M"))
    page.get_by_label("Until").fill((start + timedelta(minutes=50)).strftime("%H:%M"))
    page.get_by_label("Room").select_option(label="Viewing Room 1 (NY)")
    page.get_by_label("Eleanor Whitcombe · NY · Senior specialist").check()
    pieces = page.get_by_label("Pieces to show")
    pieces.click()
    # A scanner types each code and Enter.
    page.keyboard.type(ring.stock_number)
    page.keyboard.press("Enter")
    page.keyboard.type(brooch.stock_number)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Book").click()
    page.wait_for_url("**/clients/appointments/*/")
    assert "Appointment booked." in page.locator(".messages").inner_text()
    # The pieces to show carry their titles, linked to their pages.
    assert page.get_by_role("link", name="Sapphire and diamond ring").is_visible()
    assert page.get_by_role("link", name="Ruby cluster brooch").is_visible()

    appointment = Appointment.objects.get()
    assert sorted(p.stock_number for p in appointment.pieces.all()) == [ring.stock_number, brooch.stock_number]
    assert set(appointment.staff.all()) == {cast.senior, cast.assistant}  # Marcus is ticked for himself

    # At the appointment: one click checks both pieces out to the viewing room in the ledger.
    page.get_by_role("button", name="Check out pieces to Viewing Room 1").click()
    page.wait_for_url(f"**/clients/appointments/{appointment.pk}/")
    assert (
        f"Checked out to Viewing Room 1: {ring.stock_number}, {brooch.stock_number}."
        in page.locator(".messages").inner_text()
    )
    assert page.get_by_text("Out for this appointment").count() == 2
    events = CustodyEvent.objects.filter(cause=f"appointment:{appointment.pk}", kind=EventKind.CHECK_OUT)
    assert sorted(events.values_list("item__stock_number", flat=True)) == [ring.stock_number, brooch.stock_number]

    # The viewing is over: both go back to where they came from (at tablet width).
    page.set_viewport_size({"width": 768, "height": 1024})
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    page.get_by_role("button", name="Return pieces").click()
    page.wait_for_url(f"**/clients/appointments/{appointment.pk}/")
    assert (
        f"Returned from Viewing Room 1: {ring.stock_number}, {brooch.stock_number}."
        in page.locator(".messages").inner_text()
    )
    assert {world.fresh(p).status for p in (ring, brooch)} == {ItemStatus.IN_HOUSE}
    page.set_viewport_size({"width": 1280, "height": 900})

    # Afterwards: the outcome.
    page.get_by_role("link", name="Log the outcome").click()
    page.get_by_label("Interest shown").fill("Loved the sapphire ring; will think about the pair.")
    page.get_by_label(brooch.stock_number).check()
    page.get_by_label("Next step").fill("Send the condition report")
    page.get_by_label("Follow up on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Log the outcome").click()
    page.wait_for_url(f"**/clients/appointments/{appointment.pk}/")
    assert page.get_by_text("Send the condition report").is_visible()

    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.HELD
    assert [p.stock_number for p in appointment.pieces.filter(tried=True)] == [brooch.stock_number]
    assert book.ada.interactions.filter(kind="meeting").count() == 1

    page.goto(f"{live_server.url}/clients/{book.ada.number}/")
    assert page.get_by_text("Loved the sapphire ring; will think about the pair.").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert problems == [], problems
