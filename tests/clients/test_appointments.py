"""Appointments: overlaps refused, pieces listed (a piece on two at once warns), outcomes logged; calendars and the ICS feed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from parure.clients.choices import AppointmentStatus, InteractionKind
from parure.clients.errors import BookingError, ClientError
from parure.clients.models import Appointment, AppointmentPiece, FollowUp
from parure.clients.queries import double_booking_warnings, reserved_stock_numbers
from parure.clients.services.appointments import (
    appointment_book,
    appointment_cancel,
    appointment_change,
    appointment_record_outcome,
    calendar_feed_issue,
    calendar_feed_revoke,
)
from parure.clients.tasks import remind_appointments
from tests.clients.conftest import Book, at, piece
from tests.guards import unchanged


def book_one(book: Book, cast: Any, **kwargs: Any) -> Appointment:
    values: dict[str, Any] = {
        "client": book.ada, "starts_at": at(0), "ends_at": at(1), "staff": [cast.senior], "by": cast.assistant,
        "room": book.room, "pieces": [piece(1), piece(2)],
    }  # fmt: skip
    values.update(kwargs)
    return appointment_book(**values)


def test_booking_reserves_the_pieces_for_the_appointment_s_time(book: Book, cast: Any) -> None:
    appointment = book_one(book, cast, purpose="Sapphires for the anniversary")
    assert appointment.office == cast.senior.office
    assert [p.stock_number for p in appointment.pieces.all()] == [piece(1), piece(2)]
    assert reserved_stock_numbers(at(0.5), at(0.75)) == {piece(1), piece(2)}
    assert reserved_stock_numbers(at(1), at(2)) == set()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ends_at": "start"}, "ends_at", "The appointment must end after it starts."),
        ({"ends_at": "13h"}, "ends_at", "An appointment lasts at most 12 hours."),
        ({"staff": []}, "staff", "Name at least one member of staff for the appointment."),
        ({"room": None}, "room", "Choose a viewing room, or say where off-site."),
        ({"off_site": "Claridge's"}, "room", "Choose a viewing room or an off-site place, not both."),
        ({"pieces": ["NY-26-12"]}, "pieces", "‘NY-26-12’ is not a stock number; they look like NY-26-000123-7 (office, year, six digits, check digit)."),
        ({"pieces": ["same", "same"]}, "pieces", "Piece {p1} is listed twice."),
    ],
)  # fmt: skip
def test_bad_bookings_are_refused_and_nothing_is_saved(
    book: Book, cast: Any, change: dict[str, Any], field: str, message: str
) -> None:
    if change.get("ends_at") == "start":
        change["ends_at"] = at(0)
    elif change.get("ends_at") == "13h":
        change["ends_at"] = at(13)
    if change.get("pieces") == ["same", "same"]:
        change["pieces"] = [piece(1), piece(1)]
    with unchanged(), pytest.raises(ClientError) as refusal:
        book_one(book, cast, **change)
    assert (refusal.value.field, refusal.value.message) == (field, message.format(p1=piece(1)))
    assert Appointment.objects.count() == 0 and AppointmentPiece.objects.count() == 0


def test_only_specialists_are_booked(book: Book, cast: Any) -> None:
    with unchanged(), pytest.raises(BookingError) as refusal:
        book_one(book, cast, staff=[cast.finance])
    assert refusal.value.message == "Priya Raman is not an active specialist."


def test_a_room_of_another_office_is_refused(book: Book, cast: Any) -> None:
    from parure.clients.models import Room

    london = Room.objects.create(office=cast["harriet"].office, name="King Street Salon")
    with unchanged(), pytest.raises(BookingError) as refusal:
        book_one(book, cast, room=london, office=cast.senior.office)
    assert refusal.value.message == "King Street Salon is not a viewing room in New York."


def test_a_member_of_staff_cannot_be_in_two_appointments_at_once(book: Book, cast: Any) -> None:
    first = book_one(book, cast)
    with unchanged(), pytest.raises(BookingError) as refusal:
        book_one(book, cast, client=book.henri, starts_at=at(0.5), ends_at=at(1.5), room=book.room_two, pieces=[])
    start = timezone.localtime(first.starts_at)
    assert refusal.value.message == (
        f"Eleanor Whitcombe already has an appointment {start:%a %d %b %H:%M}–"
        f"{timezone.localtime(first.ends_at):%H:%M}."
    )
    assert refusal.value.code == "staff_busy" and Appointment.objects.count() == 1
    # Back to back is fine.
    book_one(book, cast, client=book.henri, starts_at=at(1), ends_at=at(2), room=book.room_two, pieces=[])


def test_a_room_cannot_hold_two_appointments_at_once(book: Book, cast: Any) -> None:
    book_one(book, cast)
    with unchanged(), pytest.raises(BookingError) as refusal:
        book_one(book, cast, staff=[cast["sofia"]], starts_at=at(0.25), ends_at=at(0.75), pieces=[])
    assert refusal.value.code == "room_busy"
    assert refusal.value.message.startswith("Viewing Room 1 is booked ")


def _span(appointment: Appointment) -> str:
    start, end = timezone.localtime(appointment.starts_at), timezone.localtime(appointment.ends_at)
    return f"{start:%a %d %b %H:%M}–{end:%H:%M}"


def test_a_piece_on_two_overlapping_appointments_is_booked_with_a_warning(book: Book, cast: Any) -> None:
    first = book_one(book, cast)
    second = book_one(book, cast, staff=[cast["sofia"]], room=book.room_two, pieces=[piece(3), piece(2)])
    assert sorted(AppointmentPiece.objects.filter(stock_number=piece(2)).values_list("appointment_id", flat=True)) == [
        first.pk,
        second.pk,
    ]
    assert double_booking_warnings(second) == [
        f"{piece(2)} is also to be shown at another appointment {_span(first)}; agree with its specialist who has it when."
    ]
    assert double_booking_warnings(first) == [
        f"{piece(2)} is also to be shown at another appointment {_span(second)}; agree with its specialist who has it when."
    ]
    later = book_one(book, cast, starts_at=at(1), ends_at=at(2), pieces=[piece(2)])
    assert double_booking_warnings(later) == []  # back to back is not overlapping


def test_cancelling_frees_the_room_the_staff_and_the_pieces(book: Book, cast: Any) -> None:
    first = book_one(book, cast)
    appointment_cancel(appointment=first, by=cast.senior, reason="Client travelling")
    second = book_one(book, cast, client=book.henri)
    assert second.status == AppointmentStatus.BOOKED
    assert book.ada.interactions.get(kind=InteractionKind.SYSTEM).subject == "Appointment cancelled"
    with unchanged(), pytest.raises(BookingError) as refusal:
        appointment_cancel(appointment=first, by=cast.senior)
    assert refusal.value.message == "This appointment is cancelled; only booked ones can be cancelled."


def test_moving_an_appointment_checks_again_but_not_against_itself(book: Book, cast: Any) -> None:
    first = book_one(book, cast)
    moved = appointment_change(appointment=first, by=cast.senior, starts_at=at(0.5), ends_at=at(1.5),
                               pieces=[piece(1), piece(4)])  # fmt: skip
    assert [p.stock_number for p in moved.pieces.all()] == [piece(1), piece(4)]
    other = book_one(book, cast, client=book.henri, starts_at=at(3), ends_at=at(4), pieces=[piece(5)])
    with unchanged(), pytest.raises(BookingError) as refusal:
        appointment_change(appointment=other, by=cast.senior, pieces=[piece(4)], starts_at=at(1), ends_at=at(2))
    assert refusal.value.code == "staff_busy"
    other.refresh_from_db()
    assert [p.stock_number for p in other.pieces.all()] == [piece(5)] and other.starts_at == at(3)


def test_the_outcome_is_logged_on_the_timeline_with_the_pieces_tried(book: Book, cast: Any) -> None:
    now = timezone.now()
    appointment = book_one(book, cast, starts_at=now - timedelta(hours=1), ends_at=now)
    appointment_record_outcome(
        appointment=appointment, by=cast.senior, interest_shown="Loved the sapphire; wants the pair.",
        pieces_tried=[piece(2)], next_step="Send the condition report", follow_up_on=timezone.localdate(),
    )  # fmt: skip
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.HELD
    assert [(p.stock_number, p.tried) for p in appointment.pieces.all()] == [(piece(1), False), (piece(2), True)]
    meeting = book.ada.interactions.get(kind=InteractionKind.MEETING)
    assert meeting.body == f"Loved the sapphire; wants the pair.\nTried: {piece(2)}\nNext: Send the condition report"
    assert FollowUp.objects.get().title == "Send the condition report"


def test_an_outcome_is_refused_for_pieces_not_shown_and_before_the_start(book: Book, cast: Any) -> None:
    later = book_one(book, cast)
    with unchanged(), pytest.raises(BookingError) as refusal:
        appointment_record_outcome(appointment=later, by=cast.senior)
    assert refusal.value.message == "The appointment has not started yet; log its outcome afterwards."
    now = timezone.now()
    held = book_one(book, cast, starts_at=now - timedelta(hours=1), ends_at=now, room=book.room_two, pieces=[piece(7)])
    with unchanged(), pytest.raises(BookingError) as refusal:
        appointment_record_outcome(appointment=held, by=cast.senior, pieces_tried=[piece(8)])
    assert refusal.value.message == f"Piece {piece(8)} was not among the pieces for this appointment."
    held.refresh_from_db()
    assert held.status == AppointmentStatus.BOOKED and not book.ada.interactions.filter(kind="meeting").exists()


def test_the_ics_feed_lists_appointments_by_client_number_and_can_be_revoked(
    book: Book, cast: Any, client: Any
) -> None:
    appointment = book_one(book, cast, purpose="Private viewing")
    _, secret = calendar_feed_issue(staff=cast.senior)
    response = client.get(f"/clients/calendar/feed/{secret}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [f"Client appointment · {book.ada.number}"]
    assert events[0].decoded("dtstart") == appointment.starts_at
    assert b"Lovelace" not in response.content
    calendar_feed_revoke(staff=cast.senior)
    assert client.get(f"/clients/calendar/feed/{secret}.ics").status_code == 404


def test_a_new_feed_link_stops_the_old_one(cast: Any, client: Any) -> None:
    _, old = calendar_feed_issue(staff=cast.senior)
    _, new = calendar_feed_issue(staff=cast.senior)
    assert client.get(f"/clients/calendar/feed/{old}.ics").status_code == 404
    assert client.get(f"/clients/calendar/feed/{new}.ics").status_code == 200


def test_reminders_e_mail_each_person_once_without_client_names(book: Book, cast: Any) -> None:
    soon = timezone.now() + timedelta(hours=20)
    book_one(book, cast, starts_at=soon, ends_at=soon + timedelta(hours=1), staff=[cast.senior, cast.assistant])
    assert remind_appointments() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["eleanor@parure.example", "marcus@parure.example"]
    assert book.ada.number in mail.outbox[0].body and "Lovelace" not in mail.outbox[0].body
    assert remind_appointments() == 0


def test_calendar_pages_show_the_day_and_week(book: Book, cast: Any, client_for: Any) -> None:
    appointment = book_one(book, cast)
    browser = client_for(cast.assistant)
    day = timezone.localtime(appointment.starts_at, timezone=__import__("zoneinfo").ZoneInfo("America/New_York"))
    response = browser.get(f"/clients/calendar/?day={day:%Y-%m-%d}&office=NY")
    assert response.status_code == 200 and b"Ada Lovelace" in response.content and b"Viewing Room 1" in response.content
    response = browser.get(f"/clients/calendar/week/?day={day:%Y-%m-%d}&staff={cast.senior.pk}")
    assert response.status_code == 200 and b"Ada Lovelace" in response.content
