"""What the projects area plugs into the rest (called from parure.services.hooks): the "Design projects"
link in the services' sub-navigation, the designer's "My day" panel of projects whose milestone is due,
and the demonstration projects (order 76: after billing's invoices)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse


def due_rows(request: HttpRequest) -> list[object]:
    from parure.core import registry
    from parure.core.policy import acting_staff
    from parure.services.projects import queries, services

    by = acting_staff(request)
    if by.office is None:
        return []
    today = services.office_today(by.office)
    return [
        registry.PanelRow(
            title=f"{row.number} {row.title}",
            url=reverse("services:project", args=[row.number]),
            detail=f"{row.current_kind and queries.MilestoneKind(row.current_kind).label} due "  # type: ignore[attr-defined]
            f"{row.current_due:%-d %b}",  # type: ignore[attr-defined]
            overdue=row.current_due < today,  # type: ignore[attr-defined]
        )
        for row in queries.due_for_designer(by, today=today)
    ]


def register() -> None:
    from parure.core import registry
    from parure.services.projects import demo
    from parure.services.subnav import SubnavLink, register_link

    register_link(SubnavLink("projects", "Design projects", "services:projects", "services.view_projects", order=40))
    registry.register_panel(
        registry.Panel(
            "design_projects_due",
            "Your design projects due",
            "services.prepare_projects",
            "None of your design projects has a milestone due.",
            rows=due_rows,  # type: ignore[arg-type]
            order=76,
        )
    )
    registry.register_demo(registry.DemoBuilder("services.projects", demo.build, order=76))
