"""Reads of design projects that the pages, the API and "My day" share, and the one decision of what a
viewer sees of a project's money (:class:`ProjectSight`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from parure.billing import queries as billing_queries
from parure.clients import queries as client_book
from parure.core.models import Staff
from parure.core.money import Money
from parure.services.errors import ServicesError
from parure.services.projects.choices import MilestoneKind, ProjectStatus
from parure.services.projects.models import DesignProject, Milestone, PaymentStage, ProjectQuote
from parure.services.projects.numbers import parse_project_number

LIST_MAX = 200


@dataclass(frozen=True)
class ProjectSight:
    """What one viewer may see of projects: the budget, quoted and accepted amounts and the schedule's
    figures only with ``services.view_project_money``."""

    viewer: Any

    @property
    def sees_money(self) -> bool:
        return bool(self.viewer.has_perm("services.view_project_money"))

    def money(self, project: DesignProject, amount: Decimal | None) -> str:
        """The amount formatted for the office, or "" when it is absent or the viewer may not see it."""
        if amount is None or not self.sees_money:
            return ""
        return Money.of(amount, project.currency).format(project.office.locale)


def _with_current(rows: QuerySet[DesignProject]) -> QuerySet[DesignProject]:
    current = Milestone.objects.filter(project=OuterRef("pk"), position=OuterRef("current_position"))
    return rows.annotate(
        current_kind=Subquery(current.values("kind")[:1]), current_due=Subquery(current.values("due_on")[:1])
    )


def project_list(*, status: str = "", designer_id: int | None = None) -> QuerySet[DesignProject]:
    """Projects, newest first, with their current milestone (``current_kind``, ``current_due``)."""
    rows = DesignProject.objects.select_related("office", "designer")
    if status in ProjectStatus.values:
        rows = rows.filter(status=status)
    if designer_id is not None:
        rows = rows.filter(designer_id=designer_id)
    return _with_current(rows)


@dataclass(frozen=True)
class ProjectRow:
    project: DesignProject
    client_label: str
    client_number: str
    milestone: str
    due_on: date | None
    overdue: bool
    budget: str


def project_rows(rows: QuerySet[DesignProject], *, viewer: Any, today: date) -> list[ProjectRow]:
    """The list's rows as ``viewer`` sees them (clients labelled by the client book): a fixed number of
    queries whatever the number of rows."""
    shown = list(rows[:LIST_MAX])
    labels = client_book.client_labels(viewer, {row.client_id for row in shown})
    sight = ProjectSight(viewer)
    out = []
    for row in shown:
        label = labels.get(row.client_id)
        kind = getattr(row, "current_kind", None)
        due = getattr(row, "current_due", None)
        open_ = row.status == ProjectStatus.OPEN
        out.append(
            ProjectRow(
                project=row,
                client_label=label.name if label else "",
                client_number=label.number if label else "",
                milestone=str(MilestoneKind(kind).label) if kind else "Delivered",
                due_on=due if open_ else None,
                overdue=bool(open_ and due is not None and due < today),
                budget=sight.money(row, row.budget),
            )
        )
    return out


def project_by_number(text: str) -> DesignProject:
    """The project with this number (a wrong check digit is refused, an unknown number is a 404)."""
    number = parse_project_number(text)
    found = _with_current(DesignProject.objects.select_related("office", "designer", "opened_by")).filter(number=number)
    project = found.first()
    if project is None:
        raise Http404(f"No design project has the number {number}.")
    return project


def project_or_404(text: str) -> DesignProject:
    try:
        return project_by_number(text)
    except ServicesError as refusal:
        raise Http404(refusal.message) from None


def milestones_of(project: DesignProject) -> list[Milestone]:
    return list(project.milestones.select_related("completed_by", "sign_off_taken_by").prefetch_related("files"))


def quotes_of(project: DesignProject) -> list[ProjectQuote]:
    return list(project.quotes.select_related("made_by", "accepted_by"))


@dataclass
class StageStanding:
    stage: PaymentStage
    amount: str
    standing: str = ""
    standing_label: str = "Not yet invoiced"
    due: str = ""
    paid: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def schedule_of(project: DesignProject, *, viewer: Any) -> list[StageStanding]:
    """Each payment stage with its invoice's standing read from billing (one read per invoiced stage:
    a schedule has at most a handful)."""
    sight = ProjectSight(viewer)
    out = []
    for stage in project.stages.all():
        row = StageStanding(stage=stage, amount=sight.money(project, stage.amount))
        if stage.invoice_number:
            summary = billing_queries.invoice_summary(stage.invoice_number)
            row.standing, row.standing_label, row.paid = summary.standing, summary.standing_label, summary.paid_in_full
            row.due = summary.due.format(project.office.locale) if sight.sees_money else ""
        out.append(row)
    return out


def client_label(project: DesignProject, *, viewer: Any) -> client_book.ClientLabel | None:
    return client_book.client_labels(viewer, [project.client_id]).get(project.client_id)


def designers_with_projects() -> QuerySet[Staff]:
    ids = DesignProject.objects.values("designer_id")
    return Staff.objects.filter(pk__in=ids).order_by("last_name", "first_name")


def due_for_designer(designer: Staff, *, today: date) -> list[DesignProject]:
    """The designer's open projects whose current milestone is due today or earlier."""
    rows = project_list(status=ProjectStatus.OPEN, designer_id=designer.pk)
    due = rows.filter(current_due__lte=today)  # type: ignore[misc]  # the annotation of project_list
    return list(due.order_by("current_due", "number")[:LIST_MAX])  # type: ignore[misc]
