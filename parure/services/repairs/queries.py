"""Reads of the repairs area that the pages, the API, the PDFs and "My day" share, and the visibility
object that decides what one viewer sees of a job (declared value, condition notes, charges)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from parure.clients import queries as client_book
from parure.core.models import Office, Staff
from parure.services.repairs.choices import OPEN_STAGES, RepairStage
from parure.services.repairs.models import RepairJob, RepairJobLine, RepairStageChange, RepairTask, Vendor
from parure.services.repairs.numbers import parse_job_number
from parure.services.repairs.services import office_today

BOARD_LIMIT = 200


class RepairSight:
    """What ``viewer`` may see of repair jobs."""

    def __init__(self, viewer: Any) -> None:
        self.viewer = viewer
        self.confidential = bool(viewer.has_perm("services.see_repair_confidential"))
        self.charges = bool(viewer.has_perm("services.view_repair_charges"))
        self.handles = bool(viewer.has_perm("services.handle_repairs"))
        self.overrides = bool(viewer.has_perm("services.override_repairs"))


def jobs() -> QuerySet[RepairJob]:
    return RepairJob.objects.select_related("office", "vendor", "item")


def job_by_number(text: str) -> RepairJob:
    """The job with this envelope number (a bad check digit is refused, never looked up)."""
    number = parse_job_number(text)
    job = (
        jobs()
        .select_related("created_by", "approved_by", "intake_attested_by", "collection_attested_by", "item__location")
        .prefetch_related(
            Prefetch("lines", queryset=RepairJobLine.objects.select_related("task")),
            Prefetch("history", queryset=RepairStageChange.objects.select_related("by")),
            "photos",
        )
        .filter(number=number)
        .first()
    )
    if job is None:
        raise Http404(f"No repair job is numbered {number}.")
    return job


@dataclass(frozen=True)
class BoardFilters:
    office: Office | None = None
    stage: str = ""
    vendor_id: int | None = None
    overdue_only: bool = False


@dataclass
class Board:
    """The repairs board: open jobs by stage with counts, and what is overdue per vendor."""

    today: date
    counts: dict[str, int]
    rows: list[RepairJob]
    overdue_by_vendor: list[dict[str, Any]]
    labels: dict[int, client_book.ClientLabel] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _open(filters: BoardFilters) -> QuerySet[RepairJob]:
    rows = RepairJob.objects.filter(stage__in=OPEN_STAGES)
    if filters.office is not None:
        rows = rows.filter(office=filters.office)
    return rows


def board(viewer: Staff, filters: BoardFilters, *, today: date | None = None, limit: int = BOARD_LIMIT) -> Board:
    """The board in a fixed number of queries at any size: counts by stage, overdue per vendor, the first
    ``limit`` open jobs (oldest due first), and their clients' labels."""
    office = filters.office or viewer.office
    today = today or (office_today(office) if office is not None else date.today())
    base = _open(filters)
    counts: dict[str, int] = {str(stage): 0 for stage in OPEN_STAGES}
    for row in base.values("stage").annotate(n=Count("pk")).order_by():
        counts[row["stage"]] = row["n"]
    overdue = (
        base.filter(stage=RepairStage.AT_BENCH, due_on__lt=today)
        .values("vendor_id", "vendor__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "vendor__name")
    )
    listed = base
    if filters.stage in OPEN_STAGES:
        listed = listed.filter(stage=filters.stage)
    if filters.vendor_id is not None:
        listed = listed.filter(vendor_id=filters.vendor_id)
    if filters.overdue_only:
        listed = listed.filter(due_on__lt=today)
    rows = list(
        listed.select_related("vendor", "item")
        .only("number", "stage", "due_on", "description", "client_id", "estimate_only", "vendor__name",
              "item__stock_number", "office_id")
        .order_by("due_on", "pk")[:limit]
    )  # fmt: skip
    labels = client_book.client_labels(viewer, {row.client_id for row in rows})
    return Board(
        today=today,
        counts=counts,
        rows=rows,
        overdue_by_vendor=[{"vendor_id": r["vendor_id"], "name": r["vendor__name"], "count": r["n"]} for r in overdue],
        labels=labels,
    )


def due_for(viewer: Staff, *, today: date | None = None, limit: int = 20) -> list[RepairJob]:
    """Open jobs of the viewer's office due today or overdue, oldest due first (for "My day")."""
    if viewer.office is None:
        return []
    today = today or office_today(viewer.office)
    return list(
        RepairJob.objects.filter(office=viewer.office, stage__in=OPEN_STAGES, due_on__lte=today)
        .select_related("vendor")
        .order_by("due_on", "pk")[:limit]
    )


def vendors(office: Office | None = None, *, active_only: bool = False) -> QuerySet[Vendor]:
    rows = Vendor.objects.select_related("office", "location").annotate(
        open_jobs=Count("jobs", filter=Q(jobs__stage=RepairStage.AT_BENCH))
    )
    if office is not None:
        rows = rows.filter(office=office)
    if active_only:
        rows = rows.filter(is_active=True)
    return rows.order_by("office__code", "name")


def vendor_by_id(pk: int) -> Vendor:
    found = vendors().filter(pk=pk).first()
    if found is None:
        raise Http404("No such vendor.")
    return found


def tasks(office: Office | None = None, *, active_only: bool = False) -> QuerySet[RepairTask]:
    rows = RepairTask.objects.select_related("office")
    if office is not None:
        rows = rows.filter(office=office)
    if active_only:
        rows = rows.filter(is_active=True)
    return rows.order_by("office__code", "code")


def task_by_id(pk: int) -> RepairTask:
    found = tasks().filter(pk=pk).first()
    if found is None:
        raise Http404("No such task.")
    return found
