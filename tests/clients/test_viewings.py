"""An appointment's pieces checked out to the viewing room through the custody ledger, and back.

New York has custody places (tests.inventory.world) whose "Viewing room 1" is the client book's
"Viewing Room 1"; Ada's appointment shows two pieces taken in at the intake desk.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from parure.clients.errors import BookingError
from parure.clients.models import Appointment, AppointmentPiece, Interaction
from parure.clients.queries import pieces_to_show
from parure.clients.services.appointments import (
    appointment_book,
    appointment_check_out_pieces,
    appointment_return_pieces,
)
from parure.inventory import ledger, services
from parure.inventory.choices import EventKind, ItemStatus
from parure.inventory.models import CustodyEvent, Item
from parure.inventory.numbers import StockNumber
from tests.clients.conftest import Book, at
from tests.inventory import world


@pytest.fixture
def ny(cast: Any) -> world.Places:
    return world.build_places(cast.senior.office, cast.administrator)


@pytest.fixture
def pieces(cast: Any, ny: world.Places) -> list[Item]:
    return world.take_in(
        cast.senior, world.consignor(), world.piece("Sapphire and diamond ring"), world.piece("Ruby cluster brooch")
    )


@pytest.fixture
def viewing(book: Book, cast: Any, pieces: list[Item]) -> Appointment:
    return appointment_book(
        client=book.ada, starts_at=timezone.now() - timedelta(minutes=10), ends_at=timezone.now() + timedelta(hours=2),
        staff=[cast.senior], by=cast.assistant, room=book.room, pieces=[p.stock_number for p in pieces],
    )  # fmt: skip


@contextmanager
def nothing_written(*items: Item) -> Iterator[None]:
    """The block refuses and no table it touches changed: pieces, ledger and head, the appointment."""
    before = [ledger.stored_state(world.fresh(item)) for item in items]
    counts = (CustodyEvent.objects.count(), AppointmentPiece.objects.count(), Interaction.objects.count())
    head = ledger.head()
    appointments = list(Appointment.objects.values())
    yield
    assert [ledger.stored_state(world.fresh(item)) for item in items] == before
    assert (CustodyEvent.objects.count(), AppointmentPiece.objects.count(), Interaction.objects.count()) == counts
    assert ledger.head() == head
    assert list(Appointment.objects.values()) == appointments


def _events(cause: str) -> list[tuple[Any, ...]]:
    return [
        (e.item.stock_number, e.kind, e.from_location.name, e.to_location.name, e.staff.username, e.due_back, e.cause)
        for e in CustodyEvent.objects.filter(cause=cause).select_related("item", "from_location", "to_location",
                                                                          "staff").order_by("seq")
    ]  # fmt: skip


def test_checking_out_an_appointments_pieces_writes_one_event_each_caused_by_the_appointment(
    cast: Any, ny: world.Places, pieces: list[Item], viewing: Appointment
) -> None:
    ring, brooch = pieces
    numbers = appointment_check_out_pieces(appointment=viewing, by=cast.senior)
    assert numbers == [ring.stock_number, brooch.stock_number]
    cause = f"appointment:{viewing.pk}"
    assert _events(cause) == [
        (ring.stock_number, EventKind.CHECK_OUT, "Intake desk", "Viewing room 1", cast.senior.username,
         viewing.ends_at, cause),
        (brooch.stock_number, EventKind.CHECK_OUT, "Intake desk", "Viewing room 1", cast.senior.username,
         viewing.ends_at, cause),
    ]  # fmt: skip
    for item in pieces:
        now = world.fresh(item)
        assert (now.status, now.location, now.due_back, now.checked_out_by) == (
            ItemStatus.CHECKED_OUT, ny.viewing, viewing.ends_at, cast.senior
        )  # fmt: skip
    assert ledger.verify().ok


def test_returning_sends_back_what_is_out_for_the_appointment(
    cast: Any, ny: world.Places, pieces: list[Item], viewing: Appointment
) -> None:
    appointment_check_out_pieces(appointment=viewing, by=cast.senior)
    assert appointment_return_pieces(appointment=viewing, by=cast.assistant) == [p.stock_number for p in pieces]
    returns = CustodyEvent.objects.filter(kind=EventKind.RETURN).select_related("item", "from_location", "to_location")
    assert [
        (e.item.stock_number, e.from_location.name, e.to_location.name, e.staff) for e in returns.order_by("seq")
    ] == [(p.stock_number, "Viewing room 1", "Intake desk", cast.assistant) for p in pieces]
    assert {world.fresh(p).status for p in pieces} == {ItemStatus.IN_HOUSE}
    with nothing_written(*pieces), pytest.raises(BookingError) as refusal:
        appointment_return_pieces(appointment=viewing, by=cast.assistant)
    assert refusal.value.message == (
        "None of these pieces is checked out for this appointment; there is nothing to return."
    )


def test_a_piece_that_is_not_available_refuses_the_whole_check_out_with_the_reason(
    cast: Any, ny: world.Places, pieces: list[Item], viewing: Appointment
) -> None:
    ring, brooch = pieces
    services.item_check_out(item=brooch, to=ny.studio, by=cast.assistant, due_back=world.tomorrow())
    with nothing_written(ring, brooch), pytest.raises(BookingError) as refusal:
        appointment_check_out_pieces(appointment=viewing, by=cast.senior)
    assert (refusal.value.message, refusal.value.field, refusal.value.code) == (
        f"{brooch.stock_number} is already checked out to Photo studio (NY); return it before checking it out again.",
        "pieces",
        "custody_refused",
    )
    assert CustodyEvent.objects.filter(cause=f"appointment:{viewing.pk}").count() == 0


def test_a_room_without_a_custody_place_and_an_unknown_piece_are_refused(
    book: Book, cast: Any, ny: world.Places, pieces: list[Item]
) -> None:
    salon = book.room_two
    salon.name = "The Salon"
    salon.save()
    elsewhere = appointment_book(
        client=book.ada, starts_at=at(2), ends_at=at(3), staff=[cast.senior], by=cast.senior, room=salon,
        pieces=[pieces[0].stock_number],
    )  # fmt: skip
    with nothing_written(*pieces), pytest.raises(BookingError) as refusal:
        appointment_check_out_pieces(appointment=elsewhere, by=cast.senior)
    assert refusal.value.message == (
        "New York has no viewing room called ‘The Salon’ among its custody places; a senior specialist adds it "
        "under Places (type Viewing room) before pieces can go there."
    )
    unknown = str(StockNumber("NY", 26, 999))
    missing = appointment_book(
        client=book.ada, starts_at=at(4), ends_at=at(5), staff=[cast.senior], by=cast.senior, room=book.room,
        pieces=[pieces[0].stock_number, unknown],
    )  # fmt: skip
    with nothing_written(*pieces), pytest.raises(BookingError) as refusal:
        appointment_check_out_pieces(appointment=missing, by=cast.senior)
    assert refusal.value.message == f"No piece has stock number {unknown}; take it off the appointment."


def test_pieces_to_show_carry_title_place_and_link_in_a_fixed_number_of_queries(
    cast: Any, pieces: list[Item], viewing: Appointment, django_assert_num_queries: Any
) -> None:
    appointment_check_out_pieces(appointment=viewing, by=cast.senior)
    appointment = Appointment.objects.prefetch_related("pieces").get(pk=viewing.pk)
    with django_assert_num_queries(2):  # inventory's summaries and the overlapping bookings, whatever the count
        shown = pieces_to_show(appointment, viewer=cast.senior)
    assert [(p.stock_number, p.title, p.place, p.status_label, p.url, p.checked_out_here) for p in shown] == [
        (item.stock_number, item.title, "Viewing room 1 (NY)", "Checked out", f"/inventory/items/{item.stock_number}/",
         True)
        for item in pieces
    ]  # fmt: skip


def test_the_appointment_page_checks_the_pieces_out_and_back(
    cast: Any, pieces: list[Item], viewing: Appointment, client_for: Any
) -> None:
    browser = client_for(cast.senior)
    url = f"/clients/appointments/{viewing.pk}/"
    page = browser.get(url).content.decode()
    ring, brooch = pieces
    assert f'<a href="/inventory/items/{ring.stock_number}/">{ring.title}</a>' in page
    assert "Check out pieces to Viewing Room 1" in page and "not connected" not in page
    done = browser.post(f"{url}check-out/", follow=True).content.decode()
    assert f"Checked out to Viewing Room 1: {ring.stock_number}, {brooch.stock_number}." in done
    assert done.count("Out for this appointment") == 2
    back = browser.post(f"{url}return/", follow=True).content.decode()
    assert f"Returned from Viewing Room 1: {ring.stock_number}, {brooch.stock_number}." in back
    assert {world.fresh(p).status for p in pieces} == {ItemStatus.IN_HOUSE}
    refused = browser.post(f"{url}return/", follow=True).content.decode()
    assert "None of these pieces is checked out for this appointment; there is nothing to return." in refused


def test_the_api_checks_the_pieces_out_and_back_and_refuses_with_the_reason(
    cast: Any, ny: world.Places, pieces: list[Item], viewing: Appointment, client_for: Any
) -> None:
    import json

    api = client_for(cast.senior)
    url = f"/api/v1/clients/appointments/{viewing.pk}"
    ring, brooch = pieces
    services.item_check_out(item=brooch, to=ny.studio, by=cast.assistant, due_back=world.tomorrow())
    with nothing_written(ring, brooch):
        refused = api.post(f"{url}/check-out", json.dumps({}), content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["message"] == (
        f"{brooch.stock_number} is already checked out to Photo studio (NY); return it before checking it out again."
    )
    services.item_return(item=brooch, by=cast.assistant)
    done = api.post(f"{url}/check-out", json.dumps({}), content_type="application/json")
    assert done.status_code == 200
    assert done.json() == {"appointment": viewing.pk, "pieces": [ring.stock_number, brooch.stock_number]}
    back = api.post(f"{url}/return")
    assert back.json() == {"appointment": viewing.pk, "pieces": [ring.stock_number, brooch.stock_number]}
