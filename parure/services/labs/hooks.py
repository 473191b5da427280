"""What the labs area plugs into the rest (called from parure.services.hooks): the "Lab submissions" link
in the services' sub-navigation, the "My day" panel of batches due back (or overdue) at the viewer's
office, the scan box's answer to a submission number, and the demonstration submissions (order 74,
after billing's)."""

from __future__ import annotations

import re

from django.http import HttpRequest
from django.urls import reverse

from parure.core import registry
from parure.services.subnav import SubnavLink, register_link


def due_back_rows(request: HttpRequest) -> list[registry.PanelRow]:
    from parure.services.labs import queries
    from parure.services.labs.services import office_today

    office = getattr(request.user, "office", None)
    if office is None:
        return []
    today = office_today(office)
    rows = []
    for submission in queries.due_back(office):
        late = submission.is_overdue(today)
        back = submission.returned_count  # type: ignore[attr-defined]
        lines = submission.line_count  # type: ignore[attr-defined]
        rows.append(
            registry.PanelRow(
                title=f"{submission.number} · {submission.laboratory.code}",
                url=reverse("services:lab_submission", args=[submission.number]),
                detail=(
                    f"{'Overdue since' if late else 'Due back'} {submission.expected_back:%d %B %Y} · "
                    f"{back} of {lines} line{'s' if lines != 1 else ''} back"
                ),
                overdue=late,
            )
        )
    return rows


_SUBMISSION_SHAPE = re.compile(r"^[A-Z]{2}-?GL-?\d{2}-?\d{5}-?\d$", re.IGNORECASE)


def resolve_scan(request: HttpRequest, code: str) -> str | None:
    """A scanned or typed submission number → its page; a wrong check digit is refused, not looked up."""
    from parure.services.errors import ServicesError
    from parure.services.labs.models import LabSubmission
    from parure.services.labs.numbers import parse_submission_number

    text = "".join(code.split())
    if not _SUBMISSION_SHAPE.match(text):
        return None
    try:
        number = parse_submission_number(text)
    except ServicesError as refusal:
        raise registry.ScanRefused(refusal.message) from None
    if LabSubmission.objects.filter(number=number).exists():
        return reverse("services:lab_submission", args=[number])
    return None


def register() -> None:
    from parure.services.labs import demo

    register_link(
        SubnavLink("labs", "Lab submissions", "services:lab_submissions", "services.view_lab_submissions", order=30)
    )
    registry.register_scan(
        registry.ScanResolver("services.labs", "services.view_lab_submissions", resolve_scan, order=60)
    )
    registry.register_panel(
        registry.Panel(
            "labs_due_back",
            "Lab submissions due back",
            "services.view_lab_submissions",
            "No lab submission is due back in the next two days.",
            rows=due_back_rows,
            order=60,
        )
    )
    registry.register_demo(registry.DemoBuilder("services.labs", demo.build, order=74))
