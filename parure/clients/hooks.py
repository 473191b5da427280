"""What the client book plugs into the shared layout (called from ``ClientsConfig.ready``):
the "Clients" area, the search provider, the scan resolver for client numbers, the "My day"
panels (appointments, follow-ups, inquiries), the demo builder and the daily reminders job."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from parure.clients.errors import ClientError
from parure.clients.normalise import parse_client_number
from parure.core import registry


def _search(request: HttpRequest, query: str) -> list[registry.SearchHit]:
    from parure.clients.queries import client_search
    from parure.clients.visibility import Viewer

    viewer = Viewer(request.user)
    hits = []
    for client in client_search(request.user, query)[:10]:
        hits.append(
            registry.SearchHit(
                title=viewer.label(client),
                subtitle=client.number,
                url=reverse("clients:detail", kwargs={"number": client.number}),
            )
        )
    return hits


def _scan(request: HttpRequest, code: str) -> str | None:
    """A client number (from a client card): "C-000412-3", with or without hyphens."""
    from parure.clients.models import Client
    from parure.clients.visibility import Viewer

    try:
        number = parse_client_number(code)
    except ClientError:
        raise registry.ScanRefused(f"‘{code}’ has a wrong check digit: read the client number again.") from None
    if number is None:
        return None
    client = Client.objects.filter(number=number).prefetch_related("specialists").first()
    if client is None or not Viewer(request.user).can_see_file(client):
        return None
    return reverse("clients:detail", kwargs={"number": client.number})


def _appointment_rows(request: HttpRequest) -> list[registry.PanelRow]:
    from parure.clients.queries import appointments_between, day_bounds
    from parure.clients.visibility import Viewer

    viewer = Viewer(request.user)
    start, end = day_bounds(timezone.localdate())
    rows: list[registry.PanelRow] = []
    for appointment in appointments_between(start, end, staff=request.user):
        local = timezone.localtime(appointment.starts_at)
        pieces = len(appointment.pieces.all())
        rows.append(
            registry.PanelRow(
                title=f"{local:%H:%M} {viewer.label(appointment.client)}",
                url=reverse("clients:appointment", kwargs={"appointment_id": appointment.pk}),
                detail=f"{appointment.place}{f' · {pieces} piece(s)' if pieces else ''}"
                f"{' · ' + appointment.get_status_display() if appointment.status != 'booked' else ''}",
            )
        )
    return rows


def _follow_up_rows(request: HttpRequest) -> list[registry.PanelRow]:
    from parure.clients.queries import follow_ups_due
    from parure.clients.visibility import Viewer

    viewer = Viewer(request.user)
    today = timezone.localdate()
    rows: list[registry.PanelRow] = []
    for follow_up in follow_ups_due(request.user, today)[:15]:
        about = viewer.label(follow_up.client) if follow_up.client else follow_up.stock_number
        rows.append(
            registry.PanelRow(
                title=follow_up.title,
                url=reverse("clients:follow_ups"),
                detail=" · ".join(p for p in (about, f"due {follow_up.due_on:%d %b}") if p),
                overdue=follow_up.due_on < today,
            )
        )
    return rows


def _inquiry_rows(request: HttpRequest) -> list[registry.PanelRow]:
    from parure.clients.queries import waiting_inquiries_for

    now = timezone.now()
    rows: list[registry.PanelRow] = []
    for inquiry in waiting_inquiries_for(request.user)[:15]:
        rows.append(
            registry.PanelRow(
                title=f"{inquiry.number} · {inquiry.get_category_display()}",
                url=reverse("clients:inquiry", kwargs={"number": inquiry.number}),
                detail=f"answer by {timezone.localtime(inquiry.respond_by):%a %d %b %H:%M}",
                overdue=inquiry.respond_by < now,
            )
        )
    return rows


def register() -> None:
    from parure.clients import demo, jobs, tasks

    jobs.register()
    registry.register_nav(registry.NavArea("clients", "Clients", "clients:list", "clients.view_client", order=20))
    registry.register_search(registry.SearchProvider("clients", "Clients", "clients.view_client", _search, order=20))
    registry.register_scan(registry.ScanResolver("clients", "clients.view_client", _scan, order=50))
    registry.register_panel(
        registry.Panel(
            "appointments", "Appointments today", "clients.view_calendar", "No appointments today.",
            rows=_appointment_rows, order=10,
        )
    )  # fmt: skip
    registry.register_panel(
        registry.Panel(
            "follow_ups", "Follow-ups due", "clients.view_follow_ups", "No follow-ups due.",
            rows=_follow_up_rows, template="clients/panels/rows.html", order=20,
        )
    )  # fmt: skip
    registry.register_panel(
        registry.Panel(
            "inquiries", "Waiting inquiries", "clients.view_inquiries", "No inquiries are waiting.",
            rows=_inquiry_rows, template="clients/panels/rows.html", order=40,
        )
    )  # fmt: skip
    registry.register_demo(registry.DemoBuilder("clients", demo.build_client_book, order=10))
    registry.register_daily_job(registry.DailyJob("clients.daily", tasks.client_book_daily, hour_utc=5))
