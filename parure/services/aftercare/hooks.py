"""What the aftercare area plugs into the rest (called from parure.services.hooks): the "Post-sale" link,
the "Post-sale orders due" panel on My day, the scan box for order numbers, and demonstration orders
(order 72, after billing's invoices)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats

from parure.core import registry

PANEL_LIMIT = 12


def due_rows(request: HttpRequest) -> list[registry.PanelRow]:
    """The viewer's office's open orders due in the next 7 days or overdue (one query)."""
    from parure.services.aftercare import queries
    from parure.services.aftercare.services import office_today

    office = getattr(request.user, "office", None)
    if office is None:
        return []
    today = office_today(office)
    rows: list[registry.PanelRow] = []
    for order in queries.due_for_office(office, today=today)[:PANEL_LIMIT]:
        late = (today - order.due_on).days
        when = "due today" if late == 0 else f"{late} day{'s' if late != 1 else ''} overdue" if late > 0 else ""
        rows.append(
            registry.PanelRow(
                title=f"{order.number} · {order.get_kind_display()} · {order.stock_number}",
                url=reverse("services:aftercare_order", args=[order.number]),
                detail=f"{order.get_status_display()} · due {formats.date_format(order.due_on, 'j M')}"
                + (f" ({when})" if when else ""),
                overdue=late > 0,
            )
        )
    return rows


def resolve_scan(request: HttpRequest, code: str) -> str | None:
    from parure.services.aftercare import numbers
    from parure.services.aftercare.models import AftercareOrder
    from parure.services.errors import ServicesError

    if not numbers.looks_like_order_number(code):
        return None
    try:
        number = numbers.parse_order_number(code)
    except ServicesError as refusal:
        raise registry.ScanRefused(refusal.message) from None
    if AftercareOrder.objects.filter(number=number).exists():
        return reverse("services:aftercare_order", args=[number])
    return None


def register() -> None:
    from parure.services.aftercare import demo
    from parure.services.subnav import SubnavLink, register_link

    register_link(
        SubnavLink("aftercare", "Post-sale", "services:aftercare_orders", "services.view_aftercare", order=20)
    )
    registry.register_panel(
        registry.Panel(
            "aftercare_due",
            "Post-sale orders due",
            "services.view_aftercare",
            "No post-sale order is due this week.",
            rows=due_rows,
            order=60,
        )
    )
    registry.register_scan(registry.ScanResolver("aftercare", "services.view_aftercare", resolve_scan, order=60))
    registry.register_demo(registry.DemoBuilder("services.aftercare", demo.build, order=72))
