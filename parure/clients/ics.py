"""A member of staff's appointments as an iCalendar feed (RFC 5545), for their phone or desk
calendar. Calendars live outside the house, so events name the client by number only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

from parure.clients.choices import AppointmentStatus
from parure.clients.models import Appointment


def appointments_calendar(*, title: str, appointments: Iterable[Appointment], host: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Parure//Client book//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    calendar.add("method", "PUBLISH")
    for appointment in appointments:
        event = Event()
        event.add("uid", f"appointment-{appointment.pk}@{host}")
        event.add("dtstamp", timezone.now().astimezone(UTC))
        event.add("dtstart", appointment.starts_at.astimezone(UTC))
        event.add("dtend", appointment.ends_at.astimezone(UTC))
        event.add("summary", f"Client appointment · {appointment.client.number}")
        event.add("location", f"{appointment.place} ({appointment.office.name})")
        pieces = [piece.stock_number for piece in appointment.pieces.all()]
        description = [appointment.purpose] if appointment.purpose else []
        if pieces:
            description.append("Pieces: " + ", ".join(pieces))
        event.add("description", "\n".join(description))
        status = "CANCELLED" if appointment.status == AppointmentStatus.CANCELLED else "CONFIRMED"
        event.add("status", status)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
