"""Appointments: booking with overlap checks, pieces reserved, cancelling, outcomes; rooms and
the secret calendar feeds.

Pieces to show are stock numbers, read with inventory's parser. A piece may be listed on two
overlapping appointments (the page warns; the specialists settle it). At the appointment, the
pieces are checked out to the viewing room through inventory's viewing service, one custody
event per piece with the appointment as its cause, and returned from the same page when the
viewing ends: all the pieces or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from parure.clients.choices import AppointmentStatus, InteractionKind
from parure.clients.errors import BookingError, ClientError, ClientErrorCode
from parure.clients.limits import NOTES_MAX, bounded_text
from parure.clients.models import Appointment, AppointmentPiece, CalendarFeed, Client, Interaction, Room
from parure.clients.pieces import piece_number
from parure.clients.services.clients import _refuse_if_closed
from parure.core.choices import Role
from parure.core.models import Office, Staff
from parure.inventory.errors import InventoryError
from parure.inventory.services import viewings
from parure.inventory.services.witness import Witness

LONGEST_APPOINTMENT = timedelta(hours=12)


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%a %d %b %H:%M")


def _span(appointment: Appointment) -> str:
    return f"{_local(appointment.starts_at)}–{timezone.localtime(appointment.ends_at):%H:%M}"


def clean_pieces(pieces: Sequence[str]) -> list[str]:
    numbers: list[str] = []
    for raw in pieces:
        if not raw.strip():
            continue
        number = piece_number(raw)
        if number in numbers:
            raise ClientError(f"Piece {number} is listed twice.", field="pieces", code=ClientErrorCode.DUPLICATE_PIECE)
        numbers.append(number)
    return numbers


def _check_and_lock(
    *,
    client: Client,
    office: Office,
    starts_at: datetime,
    ends_at: datetime,
    staff: Sequence[Staff],
    room: Room | None,
    off_site: str,
    pieces: list[str],
    appointment: Appointment | None = None,
) -> None:
    """Refuse what cannot be booked; lock the office and staff rows so two bookings queue."""
    _refuse_if_closed(client)
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise BookingError(
            "Give the appointment's times with their time zone.", field="starts_at", code=ClientErrorCode.REQUIRED
        )
    if ends_at <= starts_at:
        raise BookingError(
            "The appointment must end after it starts.", field="ends_at", code=ClientErrorCode.ENDS_BEFORE_START
        )
    if ends_at - starts_at > LONGEST_APPOINTMENT:
        raise BookingError("An appointment lasts at most 12 hours.", field="ends_at", code=ClientErrorCode.TOO_LONG)
    if not staff:
        raise BookingError(
            "Name at least one member of staff for the appointment.", field="staff", code=ClientErrorCode.NO_STAFF
        )
    if room is None and not off_site.strip():
        raise BookingError("Choose a viewing room, or say where off-site.", field="room", code=ClientErrorCode.NO_PLACE)
    if room is not None and off_site.strip():
        raise BookingError(
            "Choose a viewing room or an off-site place, not both.", field="room", code=ClientErrorCode.TWO_PLACES
        )
    if room is not None and (room.office_id != office.pk or not room.is_active):
        raise BookingError(
            f"{room.name} is not a viewing room in {office.name}.", field="room", code=ClientErrorCode.WRONG_ROOM
        )
    for person in staff:
        if person.role not in (Role.SENIOR_SPECIALIST, Role.SPECIALIST_ASSISTANT) or not person.is_active:
            raise BookingError(
                f"{person} is not an active specialist.", field="staff", code=ClientErrorCode.NOT_A_SPECIALIST
            )
    # Bookings queue behind one another per office and per person: read, check, write safely.
    Office.objects.select_for_update().filter(pk=office.pk).exists()
    list(Staff.objects.select_for_update().filter(pk__in=sorted(p.pk for p in staff)).values_list("pk", flat=True))
    others = Appointment.objects.overlapping(starts_at, ends_at)
    if appointment is not None:
        others = others.exclude(pk=appointment.pk)
    for person in sorted(staff, key=lambda p: p.pk):
        clash = others.filter(staff=person).order_by("starts_at").first()
        if clash is not None:
            raise BookingError(
                f"{person} already has an appointment {_span(clash)}.", field="staff", code=ClientErrorCode.STAFF_BUSY
            )
    if room is not None:
        clash = others.filter(room=room).order_by("starts_at").first()
        if clash is not None:
            raise BookingError(f"{room.name} is booked {_span(clash)}.", field="room", code=ClientErrorCode.ROOM_BUSY)


@transaction.atomic
def appointment_book(
    *,
    client: Client,
    starts_at: datetime,
    ends_at: datetime,
    staff: Sequence[Staff],
    by: Staff,
    office: Office | None = None,
    room: Room | None = None,
    off_site: str = "",
    purpose: str = "",
    pieces: Sequence[str] = (),
) -> Appointment:
    """Book an appointment with the pieces to show (a piece also on an overlapping appointment is
    allowed; ``queries.pieces_booked_elsewhere`` gives the page its warning)."""
    office = office or (room.office if room is not None else by.office)
    if office is None:
        raise BookingError(
            "Choose the office the appointment belongs to.", field="office", code=ClientErrorCode.REQUIRED
        )
    numbers = clean_pieces(pieces)
    _check_and_lock(
        client=client, office=office, starts_at=starts_at, ends_at=ends_at, staff=staff, room=room,
        off_site=off_site, pieces=numbers,
    )  # fmt: skip
    appointment = Appointment.objects.create(
        office=office,
        client=client,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        off_site=off_site.strip(),
        purpose=purpose.strip(),
        created_by=by,
    )
    appointment.staff.set(staff)
    AppointmentPiece.objects.bulk_create([AppointmentPiece(appointment=appointment, stock_number=n) for n in numbers])
    return appointment


@transaction.atomic
def appointment_change(
    *,
    appointment: Appointment,
    by: Staff,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    staff: Sequence[Staff] | None = None,
    room: Room | None = None,
    off_site: str | None = None,
    purpose: str | None = None,
    pieces: Sequence[str] | None = None,
) -> Appointment:
    """Move or change a booked appointment, with the same checks as booking."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.status != AppointmentStatus.BOOKED:
        raise BookingError(
            f"This appointment is {appointment.get_status_display().lower()}; only booked ones can change.",
            code=ClientErrorCode.NOT_BOOKED,
        )
    new_starts = starts_at or appointment.starts_at
    new_ends = ends_at or appointment.ends_at
    new_staff = list(staff) if staff is not None else list(appointment.staff.all())
    new_room = room if (room is not None or off_site is not None) else appointment.room
    new_off_site = off_site if off_site is not None else ("" if room is not None else appointment.off_site)
    numbers = clean_pieces(pieces) if pieces is not None else [p.stock_number for p in appointment.pieces.all()]
    _check_and_lock(
        client=appointment.client, office=appointment.office, starts_at=new_starts, ends_at=new_ends,
        staff=new_staff, room=new_room, off_site=new_off_site, pieces=numbers, appointment=appointment,
    )  # fmt: skip
    appointment.starts_at, appointment.ends_at = new_starts, new_ends
    appointment.room, appointment.off_site = new_room, new_off_site.strip()
    if purpose is not None:
        appointment.purpose = purpose.strip()
    appointment.save()
    appointment.staff.set(new_staff)
    if pieces is not None:
        appointment.pieces.exclude(stock_number__in=numbers).delete()
        have = set(appointment.pieces.values_list("stock_number", flat=True))
        AppointmentPiece.objects.bulk_create(
            [AppointmentPiece(appointment=appointment, stock_number=n) for n in numbers if n not in have]
        )
    return appointment


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, by: Staff, reason: str = "") -> Appointment:
    """Cancel a booked appointment; its pieces are free again."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.status != AppointmentStatus.BOOKED:
        raise BookingError(
            f"This appointment is {appointment.get_status_display().lower()}; only booked ones can be cancelled.",
            code=ClientErrorCode.NOT_BOOKED,
        )
    appointment.status = AppointmentStatus.CANCELLED
    appointment.save(update_fields=["status"])
    Interaction.objects.create(
        client=appointment.client,
        kind=InteractionKind.SYSTEM,
        staff=by,
        subject="Appointment cancelled",
        body=reason.strip()[:500],
        appointment=appointment,
    )
    return appointment


@transaction.atomic
def appointment_record_outcome(
    *,
    appointment: Appointment,
    by: Staff,
    attended: bool = True,
    interest_shown: str = "",
    pieces_tried: Sequence[str] = (),
    next_step: str = "",
    follow_up_on: date | None = None,
) -> Appointment:
    """Log what happened: interest shown, pieces tried, the next step (and its follow-up)."""
    from parure.clients.services.follow_ups import follow_up_create

    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.status not in (AppointmentStatus.BOOKED, AppointmentStatus.HELD):
        raise BookingError("A cancelled appointment has no outcome to log.", code=ClientErrorCode.NOT_BOOKED)
    if appointment.starts_at > timezone.now():
        raise BookingError(
            "The appointment has not started yet; log its outcome afterwards.", code=ClientErrorCode.NOT_YET
        )
    tried = clean_pieces(pieces_tried)
    shown = set(appointment.pieces.values_list("stock_number", flat=True))
    for number in tried:
        if number not in shown:
            raise BookingError(
                f"Piece {number} was not among the pieces for this appointment.",
                field="pieces_tried",
                code=ClientErrorCode.NOT_SHOWN,
            )
    if not attended and (interest_shown.strip() or tried):
        raise BookingError(
            "A client who did not come tried nothing; untick the pieces.",
            field="attended",
            code=ClientErrorCode.INVALID,
        )
    if follow_up_on is not None and not next_step.strip():
        raise BookingError(
            "Say what the next step is for the follow-up.", field="next_step", code=ClientErrorCode.REQUIRED
        )
    appointment.status = AppointmentStatus.HELD if attended else AppointmentStatus.NO_SHOW
    appointment.interest_shown = bounded_text(
        interest_shown, limit=NOTES_MAX, field="interest_shown", label="The interest shown"
    )
    appointment.next_step = next_step.strip()
    appointment.outcome_by, appointment.outcome_at = by, timezone.now()
    appointment.save()
    appointment.pieces.update(tried=False)
    appointment.pieces.filter(stock_number__in=tried).update(tried=True)
    summary = [appointment.interest_shown] if appointment.interest_shown else []
    if tried:
        summary.append("Tried: " + ", ".join(tried))
    if appointment.next_step:
        summary.append("Next: " + appointment.next_step)
    Interaction.objects.create(
        client=appointment.client,
        kind=InteractionKind.MEETING,
        staff=by,
        occurred_at=appointment.starts_at,
        subject="Appointment held" if attended else "Did not come to the appointment",
        body="\n".join(summary),
        appointment=appointment,
    )
    if follow_up_on is not None:
        follow_up_create(owner=by, by=by, title=appointment.next_step, due_on=follow_up_on, client=appointment.client)
    return appointment


def _custody_refused(refusal: InventoryError) -> BookingError:
    return BookingError(refusal.message, field="pieces", code=ClientErrorCode.CUSTODY_REFUSED)


@transaction.atomic
def appointment_check_out_pieces(*, appointment: Appointment, by: Staff, witness: Witness | None = None) -> list[str]:
    """At the appointment: check every piece to show out to its viewing room, due back at the
    appointment's end, each custody event naming the appointment as its cause — all of them, or
    none if any piece is not available (the refusal names it and says why). ``witness`` is the
    second member of staff when a piece's value needs four eyes to leave the vault."""
    appointment = (
        Appointment.objects.select_for_update(of=("self",)).select_related("room", "office").get(pk=appointment.pk)
    )
    if appointment.status != AppointmentStatus.BOOKED:
        raise BookingError("Only a booked appointment's pieces can be checked out.", code=ClientErrorCode.NOT_BOOKED)
    if appointment.room is None:
        raise BookingError(
            f"This appointment is off-site ({appointment.off_site}); pieces leave the house on approval, "
            "checked out at the counter.",
            code=ClientErrorCode.OFF_SITE,
        )
    if appointment.ends_at <= timezone.now():
        raise BookingError(
            f"This appointment ended at {_local(appointment.ends_at)}; its pieces can no longer be checked out for it.",
            code=ClientErrorCode.ENDED,
        )
    numbers = list(appointment.pieces.values_list("stock_number", flat=True))
    if not numbers:
        raise BookingError(
            "No pieces are listed for this appointment; add them first.", field="pieces", code=ClientErrorCode.NO_PIECES
        )
    try:
        events = viewings.viewing_check_out(
            stock_numbers=numbers, office=appointment.office, room_name=appointment.room.name,
            due_back=appointment.ends_at, cause=appointment.custody_cause, by=by, witness=witness,
        )  # fmt: skip
    except InventoryError as refusal:
        raise _custody_refused(refusal) from refusal
    return [event.item.stock_number for event in events]


@transaction.atomic
def appointment_return_pieces(*, appointment: Appointment, by: Staff) -> list[str]:
    """The viewing is over: every piece still checked out for this appointment goes back to where it
    was taken from, one return event each, all or none."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    numbers = list(appointment.pieces.values_list("stock_number", flat=True))
    try:
        events = viewings.viewing_return(stock_numbers=numbers, cause=appointment.custody_cause, by=by)
    except InventoryError as refusal:
        raise _custody_refused(refusal) from refusal
    return [event.item.stock_number for event in events]


@transaction.atomic
def room_create(*, office: Office, name: str, by: Staff, capacity: int = 4) -> Room:
    if not name.strip():
        raise ClientError("Give the room a name.", field="name", code=ClientErrorCode.REQUIRED)
    if Room.objects.filter(office=office, name__iexact=name.strip()).exists():
        raise ClientError(
            f"{office.name} already has a room called {name.strip()}.", field="name", code=ClientErrorCode.ROOM_EXISTS
        )
    return Room.objects.create(office=office, name=name.strip(), capacity=capacity)


@transaction.atomic
def calendar_feed_issue(*, staff: Staff) -> tuple[CalendarFeed, str]:
    """A new secret feed link for ``staff``; any earlier link stops working. The secret is
    returned once and only its digest is kept."""
    CalendarFeed.objects.active().filter(staff=staff).update(revoked_at=timezone.now())
    secret = CalendarFeed.new_secret()
    feed = CalendarFeed.objects.create(staff=staff, digest=CalendarFeed.digest_of(secret))
    return feed, secret


@transaction.atomic
def calendar_feed_revoke(*, staff: Staff) -> int:
    return CalendarFeed.objects.active().filter(staff=staff).update(revoked_at=timezone.now())
