"""The projects area's tables (imported by parure.services.models).

A :class:`DesignProject` is one commission: a client's brief, a designer, a budget, and the
:class:`Milestone` chain made from the template when it opens. :class:`ProjectQuote` rows are the quotes
given (valid until a date, on a stated metal price); :class:`PaymentStage` rows are the schedule and the
invoices billing issued for it; :class:`ProjectFile` rows are the sketches, renders and CAD files;
:class:`ProjectMaterial` rows the stones and metal reserved from inventory or to be sourced;
:class:`ProjectEvent` the append-only history. :class:`HallmarkRule` says, per office, which metals
must be hallmarked (data, not code)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from parure.core.db import register_append_only
from parure.core.models import Office, Staff
from parure.core.money import Money
from parure.services.projects.choices import (
    APPROVALS,
    FileKind,
    MaterialKind,
    MaterialStatus,
    MilestoneKind,
    ProjectMetal,
    ProjectStatus,
    QuoteStatus,
    SignOffMethod,
    StageKind,
)

__all__ = [
    "DesignProject",
    "HallmarkRule",
    "Milestone",
    "PaymentStage",
    "ProjectEvent",
    "ProjectFile",
    "ProjectMaterial",
    "ProjectQuote",
]


def _money() -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(max_digits=14, decimal_places=2)


class HallmarkRule(models.Model):
    """An office's jurisdiction requires pieces in ``metal`` to be hallmarked before sale (above a
    weight, where the law exempts light pieces): the hallmarking milestone is in the chain of a project
    in that metal and office."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    metal = models.CharField(max_length=12, choices=ProjectMetal.choices)
    exempt_up_to_g = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    authority = models.CharField(max_length=120, help_text="e.g. UK Hallmarking Act 1973, an assay office.")

    class Meta:
        app_label = "services"
        constraints = [models.UniqueConstraint(fields=["office", "metal"], name="hallmark_rule_once_per_metal")]

    def __str__(self) -> str:
        return f"{self.office.code} {self.metal}"


class DesignProject(models.Model):
    number = models.CharField(max_length=20, unique=True)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=120)
    brief = models.TextField()
    designer = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    budget = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3)
    metal = models.CharField(max_length=12, choices=ProjectMetal.choices)
    metal_weight_g = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    included_revisions = models.PositiveSmallIntegerField(default=3)
    status = models.CharField(max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.OPEN)
    # The position of the milestone being worked on (the first not completed); past the chain when delivered.
    current_position = models.PositiveSmallIntegerField(default=1)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    if TYPE_CHECKING:
        client_id: int
        designer_id: int
        office_id: int

    class Meta:
        app_label = "services"
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["status", "designer"], name="project_status_designer")]

    def __str__(self) -> str:
        return self.number

    def money(self, amount: Decimal | None) -> Money | None:
        return None if amount is None else Money.of(amount, self.currency)


class Milestone(models.Model):
    project = models.ForeignKey(DesignProject, on_delete=models.PROTECT, related_name="milestones")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=MilestoneKind.choices)
    due_on = models.DateField(null=True, blank=True)
    revisions = models.PositiveSmallIntegerField(default=0, help_text="CAD revisions made so far.")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    # The client's sign-off, on the approval milestones.
    signed_by_name = models.CharField(max_length=120, blank=True)
    sign_off_method = models.CharField(max_length=12, choices=SignOffMethod.choices, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    sign_off_taken_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    if TYPE_CHECKING:
        project_id: int

    class Meta:
        app_label = "services"
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "position"], name="milestone_position_once"),
            models.UniqueConstraint(fields=["project", "kind"], name="milestone_kind_once"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind}"

    @property
    def needs_sign_off(self) -> bool:
        return self.kind in APPROVALS

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class ProjectQuote(models.Model):
    project = models.ForeignKey(DesignProject, on_delete=models.PROTECT, related_name="quotes")
    amount = _money()
    currency = models.CharField(max_length=3)
    metal_basis = models.CharField(max_length=200, help_text="The metal price the quote rests on.")
    valid_until = models.DateField()
    extra_revision_price = _money()
    status = models.CharField(max_length=12, choices=QuoteStatus.choices, default=QuoteStatus.OFFERED)
    made_at = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        app_label = "services"
        ordering = ["project", "made_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(status="accepted"), name="one_accepted_quote_per_project"
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


class PaymentStage(models.Model):
    project = models.ForeignKey(DesignProject, on_delete=models.PROTECT, related_name="stages")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=StageKind.choices)
    amount = _money()
    invoice_number = models.CharField(max_length=40, blank=True)
    invoiced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "services"
        ordering = ["project", "position"]
        constraints = [models.UniqueConstraint(fields=["project", "position"], name="payment_stage_position_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


def project_file_path(row: ProjectFile, filename: str) -> str:
    """Files are stored under the project and their digest, never under a name the uploader chose."""
    return f"projects/{row.project.number}/{row.sha256[:2]}/{row.sha256}{row.extension}"


class ProjectFile(models.Model):
    project = models.ForeignKey(DesignProject, on_delete=models.PROTECT, related_name="files")
    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField(max_length=12, choices=FileKind.choices)
    file = models.FileField(upload_to=project_file_path, max_length=200)
    original_name = models.CharField(max_length=120)
    format = models.CharField(max_length=12)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    caption = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        app_label = "services"
        ordering = ["project", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ProjectMaterial(models.Model):
    project = models.ForeignKey(DesignProject, on_delete=models.PROTECT, related_name="materials")
    kind = models.CharField(max_length=8, choices=MaterialKind.choices)
    status = models.CharField(max_length=12, choices=MaterialStatus.choices)
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    stock_number = models.CharField(max_length=20, blank=True)
    description = models.CharField(max_length=200)
    supplier = models.CharField(max_length=120, blank=True)
    estimated_cost = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    if TYPE_CHECKING:
        item_id: int | None

    class Meta:
        app_label = "services"
        ordering = ["project", "added_at", "id"]
        constraints = [
            # A piece is reserved for one project at a time.
            models.UniqueConstraint(fields=["item"], condition=models.Q(status="reserved"), name="piece_reserved_once")
        ]

    def __str__(self) -> str:
        return self.description


class ProjectEvent(models.Model):
    """One change to a project, who made it and when (append-only)."""

    project = models.ForeignKey(DesignProject, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24)
    text = models.CharField(max_length=500)

    class Meta:
        app_label = "services"
        ordering = ["project", "at", "id"]

    def __str__(self) -> str:
        return self.text


register_append_only("services_projectevent")
