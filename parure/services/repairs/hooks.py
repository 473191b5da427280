"""What the repairs area plugs into the rest (called from parure.services.hooks): the "Services" top
navigation, the area's sub-navigation, the envelope scan from the masthead's scan box, the "My day"
panel of jobs due, and the demonstration repairs (order 70, after billing's 60)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from parure.core import registry


def resolve_scan(request: HttpRequest, code: str) -> str | None:
    """A scanned envelope → its job page at the next step; a wrong check digit is refused, not looked up."""
    from parure.services.errors import ServicesError
    from parure.services.repairs.models import RepairJob
    from parure.services.repairs.numbers import looks_like_job_number, parse_job_number

    if not looks_like_job_number(code):
        return None
    try:
        number = parse_job_number(code)
    except ServicesError as refusal:
        raise registry.ScanRefused(refusal.message) from None
    if RepairJob.objects.filter(number=number).exists():
        return reverse("services:repair_job", args=[number]) + "#next"
    return None


def due_rows(request: HttpRequest) -> list[registry.PanelRow]:
    from parure.services.repairs import queries
    from parure.services.repairs.services import office_today

    viewer = request.user
    office = getattr(viewer, "office", None)
    if office is None:
        return []
    today = office_today(office)
    return [
        registry.PanelRow(
            title=f"{job.number} · {job.description}",
            url=reverse("services:repair_job", args=[job.number]),
            detail=f"{job.get_stage_display()}{f' at {job.vendor.name}' if job.vendor else ''}, "
            f"due {job.due_on:%d %b %Y}",
            overdue=job.due_on < today,
        )
        for job in queries.due_for(viewer, today=today)  # type: ignore[arg-type]
    ]


def register() -> None:
    from parure.services.repairs import demo
    from parure.services.subnav import SubnavLink, register_link

    registry.register_nav(
        registry.NavArea("services", "Services", "services:repairs", "services.view_repairs", order=320)
    )
    register_link(SubnavLink("repairs", "Repairs", "services:repairs", "services.view_repairs", order=10))
    register_link(
        SubnavLink("repair_scan", "Scan an envelope", "services:repair_scan", "services.view_repairs", order=11)
    )
    register_link(
        SubnavLink("repair_vendors", "Vendors", "services:repair_vendors", "services.view_repair_vendors", order=12)
    )
    register_link(
        SubnavLink("repair_tasks", "Task catalogue", "services:repair_tasks", "services.view_repairs", order=13)
    )
    registry.register_scan(registry.ScanResolver("repairs", "services.view_repairs", resolve_scan, order=40))
    registry.register_panel(
        registry.Panel(
            "repairs_due", "Repairs due", "services.view_repairs", "No repair is due today.", rows=due_rows, order=60
        )
    )
    registry.register_demo(registry.DemoBuilder("services.repairs", demo.build, order=70))
