"""Rooms, appointments and follow-ups."""

from datetime import datetime, timedelta
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Status

from parure.clients import queries
from parure.clients.api.common import (
    _appointment,
    _appointment_out,
    _follow_up_out,
    _other_file,
    _staff,
)
from parure.clients.api.router import router
from parure.clients.api.schemas import (
    AppointmentIn,
    AppointmentOut,
    AppointmentPatch,
    CancelIn,
    FollowUpIn,
    FollowUpOut,
    OutcomeIn,
    RowId,
    ViewingIn,
    ViewingOut,
)
from parure.clients.errors import ClientErrorCode
from parure.clients.models import FollowUp, Room
from parure.clients.services import appointments as booking
from parure.clients.services import follow_ups
from parure.clients.visibility import Viewer
from parure.core.api import ApiError, requires
from parure.core.models import Office, Staff
from parure.core.policy import acting_staff
from parure.inventory.services import witness_confirm


@router.get("/appointments", response=list[AppointmentOut], summary="Appointments in a period")
@requires("clients.view_calendar")
def list_appointments(
    request: HttpRequest, start: datetime | None = None, end: datetime | None = None, office: str = "", staff: str = ""
) -> Any:
    start = start or timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    end = end or start + timedelta(days=7)
    if end <= start or (end - start).days > 92:
        sentence = "Ask for a period of at most 92 days, ending after it starts."
        raise ApiError(sentence, code=ClientErrorCode.INVALID, fields={"end": [sentence]})
    office_row = Office.objects.filter(code=office.upper()).first() if office else None
    person = Staff.objects.filter(username=staff).first() if staff else None
    viewer = Viewer(request.user)
    return [
        _appointment_out(viewer, a)
        for a in queries.appointments_between(start, end, office=office_row, staff=person, include_cancelled=True)
    ]


@router.post("/appointments", response={201: AppointmentOut}, summary="Book an appointment (warns of double bookings)")
@requires("clients.book_appointment")
def book_appointment(request: HttpRequest, payload: AppointmentIn) -> Any:
    client = _other_file(request, payload.client, "client")
    room = Room.objects.select_related("office").filter(pk=payload.room).first() if payload.room else None
    if payload.room and room is None:
        raise ApiError("No such viewing room.", code=ClientErrorCode.INVALID, fields={"room": ["Unknown room."]})
    office = Office.objects.filter(code=payload.office.upper()).first() if payload.office else None
    appointment = booking.appointment_book(
        client=client, starts_at=payload.starts_at, ends_at=payload.ends_at,
        staff=_staff(payload.staff, "staff"), by=acting_staff(request), office=office, room=room,
        off_site=payload.off_site, purpose=payload.purpose, pieces=payload.pieces,
    )  # fmt: skip
    out = _appointment_out(Viewer(request.user), _appointment(appointment.pk))
    return Status(201, {**out, "warnings": queries.double_booking_warnings(appointment)})


@router.get("/appointments/{appointment_id}", response=AppointmentOut, summary="One appointment")
@requires("clients.view_calendar")
def get_appointment(request: HttpRequest, appointment_id: RowId) -> Any:
    return _appointment_out(Viewer(request.user), _appointment(appointment_id))


@router.patch("/appointments/{appointment_id}", response=AppointmentOut, summary="Move or change an appointment")
@requires("clients.book_appointment")
def change_appointment(request: HttpRequest, appointment_id: RowId, payload: AppointmentPatch) -> Any:
    appointment = _appointment(appointment_id)
    room = None
    if payload.room is not None:
        room = Room.objects.filter(pk=payload.room).first()
        if room is None:
            raise ApiError("No such viewing room.", code=ClientErrorCode.INVALID, fields={"room": ["Unknown room."]})
    booking.appointment_change(
        appointment=appointment, by=acting_staff(request), starts_at=payload.starts_at, ends_at=payload.ends_at,
        staff=_staff(payload.staff, "staff") if payload.staff is not None else None, room=room,
        off_site=payload.off_site, purpose=payload.purpose, pieces=payload.pieces,
    )  # fmt: skip
    changed = _appointment(appointment_id)
    return {**_appointment_out(Viewer(request.user), changed), "warnings": queries.double_booking_warnings(changed)}


@router.post("/appointments/{appointment_id}/cancel", response=AppointmentOut, summary="Cancel an appointment")
@requires("clients.book_appointment")
def cancel_appointment(request: HttpRequest, appointment_id: RowId, payload: CancelIn) -> Any:
    booking.appointment_cancel(
        appointment=_appointment(appointment_id), by=acting_staff(request), reason=payload.reason
    )
    return _appointment_out(Viewer(request.user), _appointment(appointment_id))


@router.post("/appointments/{appointment_id}/outcome", response=AppointmentOut, summary="Log an appointment's outcome")
@requires("clients.book_appointment")
def record_outcome(request: HttpRequest, appointment_id: RowId, payload: OutcomeIn) -> Any:
    booking.appointment_record_outcome(
        appointment=_appointment(appointment_id), by=acting_staff(request), **payload.dict()
    )
    return _appointment_out(Viewer(request.user), _appointment(appointment_id))


@router.post(
    "/appointments/{appointment_id}/check-out", response=ViewingOut, summary="Check the pieces out to the viewing room"
)
@requires("inventory.check_out_item")
def check_out_pieces(request: HttpRequest, appointment_id: RowId, payload: ViewingIn) -> Any:
    """Every piece to show, checked out in the custody ledger with the appointment as the cause; all or none."""
    witness = None
    if payload.witness_username.strip():
        witness = witness_confirm(
            username=payload.witness_username, password=payload.witness_password, otp_code=payload.witness_otp,
            actor=acting_staff(request),
        )  # fmt: skip
    numbers = booking.appointment_check_out_pieces(
        appointment=_appointment(appointment_id), by=acting_staff(request), witness=witness
    )
    return {"appointment": appointment_id, "pieces": numbers}


@router.post(
    "/appointments/{appointment_id}/return", response=ViewingOut, summary="Return the pieces after the viewing"
)
@requires("inventory.return_item")
def return_pieces(request: HttpRequest, appointment_id: RowId) -> Any:
    numbers = booking.appointment_return_pieces(appointment=_appointment(appointment_id), by=acting_staff(request))
    return {"appointment": appointment_id, "pieces": numbers}


@router.get("/follow-ups", response=list[FollowUpOut], summary="Open follow-ups of a person (you by default)")
@requires("clients.view_follow_ups")
def list_follow_ups(request: HttpRequest, owner: str = "", include_done: bool = False) -> Any:
    person = Staff.objects.filter(username=owner).first() if owner else acting_staff(request)
    if person is None:
        raise Http404("No such member of staff.")
    viewer, today = Viewer(request.user), timezone.localdate()
    return [_follow_up_out(viewer, f, today) for f in queries.follow_ups_for(person, include_done=include_done)[:500]]


@router.post("/follow-ups", response={201: FollowUpOut}, summary="Add a follow-up")
@requires("clients.manage_follow_ups")
def create_follow_up(request: HttpRequest, payload: FollowUpIn) -> Any:
    owner = _staff([payload.owner], "owner")[0] if payload.owner else acting_staff(request)
    client = _other_file(request, payload.client, "client") if payload.client else None
    row = follow_ups.follow_up_create(
        owner=owner, by=acting_staff(request), title=payload.title, due_on=payload.due_on, client=client,
        stock_number=payload.stock_number, notes=payload.notes, recurrence=payload.recurrence,
    )  # fmt: skip
    return Status(201, _follow_up_out(Viewer(request.user), row, timezone.localdate()))


@router.post("/follow-ups/{follow_up_id}/done", response=list[FollowUpOut], summary="Mark a follow-up done")
@requires("clients.manage_follow_ups")
def complete_follow_up(request: HttpRequest, follow_up_id: RowId) -> Any:
    row = FollowUp.objects.select_related("owner", "client").filter(pk=follow_up_id).first()
    if row is None:
        raise Http404("No such follow-up.")
    following = follow_ups.follow_up_complete(follow_up=row, by=acting_staff(request))
    viewer, today = Viewer(request.user), timezone.localdate()
    row.refresh_from_db()
    return [_follow_up_out(viewer, r, today) for r in (row, following) if r is not None]
