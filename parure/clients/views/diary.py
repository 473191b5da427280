"""Appointments, the day and week calendars, and the secret ICS feed."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.clients import queries
from parure.clients.errors import ClientError
from parure.clients.forms import AppointmentForm, OutcomeForm, lines, show_refusal
from parure.clients.ics import appointments_calendar
from parure.clients.models import Appointment, CalendarFeed, Room
from parure.clients.services import appointments as booking
from parure.clients.views.common import client_by_number, page
from parure.clients.visibility import Viewer
from parure.core import policy
from parure.core.models import Office, Staff
from parure.core.policy import acting_staff
from parure.inventory.errors import InventoryError
from parure.inventory.services import Witness, witness_confirm

HOURS = range(8, 20)


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return timezone.localdate()


def _office(request: HttpRequest) -> Office | None:
    code = request.GET.get("office", "")
    if code:
        return Office.objects.filter(code=code.upper()).first()
    return getattr(request.user, "office", None)


def _find_appointment(request: HttpRequest, appointment_id: int) -> Appointment:
    appointment = queries.appointment_detail(appointment_id).first()
    if appointment is None:
        raise Http404("No such appointment.")
    return appointment


def _rows(request: HttpRequest, appointments: list[Appointment]) -> list[dict[str, Any]]:
    viewer = Viewer(request.user)
    return [
        {
            "appointment": a,
            "label": viewer.label(a.client),
            "staff": ", ".join(str(p) for p in a.staff.all()),
            "pieces": [p.stock_number for p in a.pieces.all()],
            "start": timezone.localtime(a.starts_at),
            "end": timezone.localtime(a.ends_at),
        }
        for a in appointments
    ]


@policy.requires("clients.view_calendar")
@require_GET
def calendar_day(request: HttpRequest) -> HttpResponse:
    """One office's day: a column per viewing room (and off-site), a row per hour."""
    office = _office(request)
    staff_id = request.GET.get("staff", "")
    person = Staff.objects.filter(pk=staff_id).first() if staff_id.isdigit() else None
    zone = zoneinfo.ZoneInfo(office.time_zone) if office else timezone.get_current_timezone()
    with timezone.override(zone):
        day = _day(request.GET.get("day"))
        start, end = queries.day_bounds(day)
        found = list(queries.appointments_between(start, end, office=office, staff=person))
        rows = _rows(request, found)
        rooms = list(Room.objects.filter(office=office, is_active=True)) if office else []
        columns = [{"room": room, "name": room.name} for room in rooms] + [{"room": None, "name": "Off-site"}]
        grid = []
        for hour in HOURS:
            cells = [[r for r in rows if r["start"].hour == hour and _in_column(r, column)] for column in columns]
            grid.append({"hour": hour, "cells": cells})
        early_late = [r for r in rows if r["start"].hour not in HOURS]
        return page(
            request, "clients/calendar_day.html",
            {"day": day, "previous": day - timedelta(days=1), "next": day + timedelta(days=1), "office": office,
             "offices": Office.objects.order_by("name"), "person": person, "columns": columns, "grid": grid,
             "rows": rows, "early_late": early_late, "zone": zone, "people": _people(office)},
        )  # fmt: skip


def _in_column(row: dict[str, Any], column: dict[str, Any]) -> bool:
    room_id = row["appointment"].room_id
    return bool(room_id == column["room"].pk) if column["room"] else room_id is None


def _people(office: Office | None) -> Any:
    from parure.clients.forms import specialists

    people = specialists()
    return people.filter(office=office) if office else people


@policy.requires("clients.view_calendar")
@require_GET
def calendar_week(request: HttpRequest) -> HttpResponse:
    """A week (Monday to Sunday) for an office or one person."""
    office = _office(request)
    staff_id = request.GET.get("staff", "")
    person = Staff.objects.filter(pk=staff_id).first() if staff_id.isdigit() else None
    if person is not None and not request.GET.get("office"):
        office = None
    zone = zoneinfo.ZoneInfo(office.time_zone) if office else timezone.get_current_timezone()
    with timezone.override(zone):
        day = _day(request.GET.get("day"))
        monday = day - timedelta(days=day.weekday())
        start, _ = queries.day_bounds(monday)
        _, end = queries.day_bounds(monday + timedelta(days=6))
        rows = _rows(request, list(queries.appointments_between(start, end, office=office, staff=person)))
        days = []
        for offset in range(7):
            current = monday + timedelta(days=offset)
            days.append({"day": current, "rows": [r for r in rows if r["start"].date() == current]})
        return page(
            request, "clients/calendar_week.html",
            {"days": days, "monday": monday, "previous": monday - timedelta(days=7), "next": monday + timedelta(days=7),
             "office": office, "offices": Office.objects.order_by("name"), "person": person, "zone": zone,
             "people": _people(office), "today": timezone.localdate()},
        )  # fmt: skip


def _aware(day: date, moment: Any, office: Office) -> datetime:
    return datetime.combine(day, moment, zoneinfo.ZoneInfo(office.time_zone))


@policy.requires("clients.book_appointment")
@require_http_methods(["GET", "POST"])
def appointment_new(request: HttpRequest) -> HttpResponse:
    office = _office(request) or Office.objects.order_by("name").first()
    initial = {
        "client": request.GET.get("client", ""), "day": _day(request.GET.get("day")),
        "staff": [request.user] if getattr(request.user, "office_id", None) == getattr(office, "pk", None) else [],
    }  # fmt: skip
    form = AppointmentForm(request.POST or None, office=office, initial=initial)
    if request.method == "POST" and form.is_valid() and office is not None:
        data = form.cleaned_data
        client = client_by_number(request, data["client"])
        if client is None:
            form.add_error("client", "No client file you may see has this number.")
        else:
            try:
                appointment = booking.appointment_book(
                    client=client, office=office, starts_at=_aware(data["day"], data["starts"], office),
                    ends_at=_aware(data["day"], data["ends"], office), staff=list(data["staff"]),
                    by=acting_staff(request), room=data["room"], off_site=data["off_site"], purpose=data["purpose"],
                    pieces=lines(data["pieces"]),
                )  # fmt: skip
            except ClientError as error:
                show_refusal(form, error, aliases={"starts_at": "starts", "ends_at": "ends"})
            else:
                messages.success(request, "Appointment booked.")
                for warning in queries.double_booking_warnings(appointment):
                    messages.warning(request, warning)
                return redirect("clients:appointment", appointment_id=appointment.pk)
    return page(
        request, "clients/appointment_form.html",
        {"form": form, "office": office, "offices": Office.objects.order_by("name"), "title": "Book an appointment"},
    )  # fmt: skip


@policy.requires("clients.view_calendar")
@require_GET
def appointment_detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = _find_appointment(request, appointment_id)
    viewer = Viewer(request.user)
    zone = zoneinfo.ZoneInfo(appointment.office.time_zone)
    with timezone.override(zone):
        return page(
            request, "clients/appointment.html",
            {"appointment": appointment, "label": viewer.addressed_label(appointment.client),
             "can_open_file": viewer.can_see_file(appointment.client),
             "start": timezone.localtime(appointment.starts_at), "end": timezone.localtime(appointment.ends_at),
             "pieces": list(appointment.pieces.all()), "started": appointment.starts_at <= timezone.now(),
             "ended": appointment.ends_at <= timezone.now(),
             "to_show": queries.pieces_to_show(appointment, viewer=acting_staff(request)), "zone": zone},
        )  # fmt: skip


@policy.requires("clients.book_appointment")
@require_http_methods(["GET", "POST"])
def appointment_edit(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = _find_appointment(request, appointment_id)
    office = appointment.office
    zone = zoneinfo.ZoneInfo(office.time_zone)
    start, end = appointment.starts_at.astimezone(zone), appointment.ends_at.astimezone(zone)
    initial = {
        "client": appointment.client.number, "day": start.date(), "starts": start.time(), "ends": end.time(),
        "room": appointment.room, "off_site": appointment.off_site, "staff": list(appointment.staff.all()),
        "purpose": appointment.purpose, "pieces": "\n".join(p.stock_number for p in appointment.pieces.all()),
    }  # fmt: skip
    form = AppointmentForm(request.POST or None, office=office, initial=initial)
    form.fields["client"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking.appointment_change(
                appointment=appointment, by=acting_staff(request),
                starts_at=_aware(data["day"], data["starts"], office),
                ends_at=_aware(data["day"], data["ends"], office), staff=list(data["staff"]), room=data["room"],
                off_site=data["off_site"], purpose=data["purpose"], pieces=lines(data["pieces"]),
            )  # fmt: skip
        except ClientError as error:
            show_refusal(form, error, aliases={"starts_at": "starts", "ends_at": "ends"})
        else:
            messages.success(request, "Appointment changed.")
            for warning in queries.double_booking_warnings(appointment):
                messages.warning(request, warning)
            return redirect("clients:appointment", appointment_id=appointment.pk)
    return page(
        request, "clients/appointment_form.html",
        {"form": form, "office": office, "appointment": appointment, "title": "Change the appointment"},
    )  # fmt: skip


@policy.requires("clients.book_appointment")
@require_POST
def appointment_cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = _find_appointment(request, appointment_id)
    try:
        booking.appointment_cancel(
            appointment=appointment, by=acting_staff(request), reason=request.POST.get("reason", "")
        )
    except ClientError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Appointment cancelled; its pieces are free again.")
    return redirect("clients:appointment", appointment_id=appointment.pk)


def _witness(request: HttpRequest) -> Witness | None:
    """The second member of staff who typed their own credentials (four eyes), if anyone did."""
    username = request.POST.get("witness_username", "").strip()
    if not username:
        return None
    return witness_confirm(
        username=username, password=request.POST.get("witness_password", ""),
        otp_code=request.POST.get("witness_otp", ""), actor=acting_staff(request),
    )  # fmt: skip


@policy.requires("inventory.check_out_item")  # a custody action: the check-out permission decides
@require_POST
def appointment_check_out(request: HttpRequest, appointment_id: int) -> HttpResponse:
    """One click at the appointment: every piece to show is checked out to the viewing room in
    the custody ledger, caused by this appointment — all of them, or none with the reason."""
    appointment = _find_appointment(request, appointment_id)
    try:
        numbers = booking.appointment_check_out_pieces(
            appointment=appointment, by=acting_staff(request), witness=_witness(request)
        )
    except (ClientError, InventoryError) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Checked out to {appointment.place}: {', '.join(numbers)}.")
    return redirect("clients:appointment", appointment_id=appointment.pk)


@policy.requires("inventory.return_item")
@require_POST
def appointment_return(request: HttpRequest, appointment_id: int) -> HttpResponse:
    """The viewing is over: the pieces checked out for it go back where they came from."""
    appointment = _find_appointment(request, appointment_id)
    try:
        numbers = booking.appointment_return_pieces(appointment=appointment, by=acting_staff(request))
    except ClientError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Returned from {appointment.place}: {', '.join(numbers)}.")
    return redirect("clients:appointment", appointment_id=appointment.pk)


@policy.requires("clients.book_appointment")
@require_http_methods(["GET", "POST"])
def appointment_outcome(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = _find_appointment(request, appointment_id)
    pieces = [p.stock_number for p in appointment.pieces.all()]
    initial = {
        "attended": "yes", "interest_shown": appointment.interest_shown, "next_step": appointment.next_step,
        "pieces_tried": [p.stock_number for p in appointment.pieces.all() if p.tried],
    }  # fmt: skip
    form = OutcomeForm(request.POST or None, pieces=pieces, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            booking.appointment_record_outcome(appointment=appointment, by=acting_staff(request), **form.cleaned_data)
        except ClientError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Outcome logged on the client's timeline.")
            return redirect("clients:appointment", appointment_id=appointment.pk)
    return page(
        request, "clients/outcome_form.html",
        {"form": form, "appointment": appointment, "label": Viewer(request.user).label(appointment.client)},
    )  # fmt: skip


@policy.requires("clients.subscribe_calendar")
@require_http_methods(["GET", "POST"])
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Your own calendar link: issue (replacing any earlier one) or revoke."""
    secret_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            booking.calendar_feed_revoke(staff=acting_staff(request))
            messages.success(request, "Your calendar link no longer works.")
            return redirect("clients:calendar_feed")
        _, secret = booking.calendar_feed_issue(staff=acting_staff(request))
        secret_url = request.build_absolute_uri(reverse("clients:calendar_ics", kwargs={"secret": secret}))
    active = CalendarFeed.objects.active().filter(staff=acting_staff(request)).first()
    return page(request, "clients/calendar_feed.html", {"active": active, "secret_url": secret_url})


@policy.public
@require_GET
def calendar_ics(request: HttpRequest, secret: str) -> HttpResponse:
    """The feed itself: the secret in the link is the only credential (revocable)."""
    feed = CalendarFeed.objects.active().select_related("staff").filter(digest=CalendarFeed.digest_of(secret)).first()
    if feed is None or not feed.staff.is_active:
        raise Http404("No calendar at this address.")
    now = timezone.now()
    appointments = queries.appointments_between(
        now - timedelta(days=30), now + timedelta(days=180), staff=feed.staff, include_cancelled=True
    )
    body = appointments_calendar(
        title=f"Parure appointments · {feed.staff}", appointments=appointments, host=request.get_host().split(":")[0]
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
