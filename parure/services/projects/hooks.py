"""What the projects area plugs into the rest (called from parure.services.hooks): the "Design projects"
link in the services' sub-navigation, a scanned project number opening its page, the designer's "My day"
panel of projects whose milestone is due, and the demonstration projects (order 76: after billing's
invoices)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from parure.core.registry import PanelRow


def due_rows(request: HttpRequest) -> list[PanelRow]:
    """The viewer's own open projects whose current milestone is due today or earlier."""
    from parure.core.policy import acting_staff
    from parure.services.projects import queries, services
    from parure.services.projects.choices import MilestoneKind

    by = acting_staff(request)
    if by.office is None:
        return []
    today = services.office_today(by.office)
    rows: list[PanelRow] = []
    for project in queries.due_for_designer(by, today=today):
        due = getattr(project, "current_due", None) or today
        kind = MilestoneKind(getattr(project, "current_kind", MilestoneKind.DELIVERY))
        rows.append(
            PanelRow(
                title=f"{project.number} {project.title}",
                url=reverse("services:project", args=[project.number]),
                detail=f"{kind.label} due {due:%-d %b %Y}",
                overdue=due < today,
            )
        )
    return rows


def resolve_scan(request: HttpRequest, code: str) -> str | None:
    """A scanned or typed project number → the project's page; a wrong check digit is refused, not looked up."""
    import re

    from parure.core import registry
    from parure.services.errors import ServicesError
    from parure.services.projects.models import DesignProject
    from parure.services.projects.numbers import parse_project_number

    if not re.match(r"^\s*[A-Za-z]{2}-?D-?\d", code or ""):
        return None
    try:
        number = parse_project_number(code)
    except ServicesError as refusal:
        raise registry.ScanRefused(refusal.message) from None
    if DesignProject.objects.filter(number=number).exists():
        return reverse("services:project", args=[number])
    return None


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
            rows=due_rows,
            order=76,
        )
    )
    registry.register_demo(registry.DemoBuilder("services.projects", demo.build, order=76))
    registry.register_scan(registry.ScanResolver("design_projects", "services.view_projects", resolve_scan, order=76))
