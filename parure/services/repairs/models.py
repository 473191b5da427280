"""The repairs area's tables (imported by parure.services.models): vendors and the bench places they
hold pieces at, the task catalogue, the job envelope with its lines, photos and stage history."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from parure.services.repairs.choices import ApprovalChannel, RepairStage, SignatureKind, VendorKind

__all__ = ["RepairJob", "RepairJobLine", "RepairPhoto", "RepairStageChange", "RepairTask", "Vendor"]


class Vendor(models.Model):
    """A bench jeweler or outside workshop. Its custody place (a bench-jeweler location in the office) is
    where the ledger shows a piece while the vendor holds it."""

    office = models.ForeignKey("core.Office", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=VendorKind.choices)
    name = models.CharField(max_length=120)
    contact_person = models.CharField(max_length=120, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(max_length=500, blank=True)
    insurer = models.CharField(max_length=120, blank=True)
    policy_number = models.CharField(max_length=60, blank=True)
    cover_limit = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    cover_currency = models.CharField(max_length=3, blank=True)
    insurance_expires_on = models.DateField(null=True, blank=True)
    notes = models.TextField(max_length=2000, blank=True)
    is_active = models.BooleanField(default=True)
    location = models.OneToOneField("inventory.Location", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["office_id", "name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="repair_vendor_name_per_office")]

    def __str__(self) -> str:
        return self.name


class RepairTask(models.Model):
    """One priced task of an office's catalogue (sizing, re-tipping, clasp…), in the office's currency."""

    office = models.ForeignKey("core.Office", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=120)
    labour = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    material = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    currency = models.CharField(max_length=3)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["office_id", "code"]
        constraints = [models.UniqueConstraint(fields=["office", "code"], name="repair_task_code_per_office")]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"


class RepairJob(models.Model):
    """The job envelope: one client's piece in for repair, from take-in to collection."""

    number = models.CharField(max_length=24, unique=True)
    office = models.ForeignKey("core.Office", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    item = models.OneToOneField("inventory.Item", on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=200)
    client_states = models.TextField(max_length=2000, blank=True)
    condition_notes = models.TextField(max_length=4000, blank=True)
    declared_value = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3)
    estimate_only = models.BooleanField(default=False)
    stage = models.CharField(max_length=20, choices=RepairStage.choices, default=RepairStage.TAKEN_IN, db_index=True)
    due_on = models.DateField()
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, null=True, blank=True, related_name="jobs")
    vendor_quote = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approval_channel = models.CharField(max_length=12, choices=ApprovalChannel.choices, blank=True)
    approved_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    intake_signature_kind = models.CharField(max_length=10, choices=SignatureKind.choices)
    intake_signature = models.BinaryField(null=True, blank=True)
    intake_attested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    collection_signature_kind = models.CharField(max_length=10, choices=SignatureKind.choices, blank=True)
    collection_signature = models.BinaryField(null=True, blank=True)
    collection_attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    invoice_number = models.CharField(max_length=40, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    stage_since = models.DateTimeField()
    # Bumped by every write, so a page acting on what it showed is refused when someone acted since.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["office", "stage", "due_on"], name="repair_job_board")]

    def __str__(self) -> str:
        return self.number


class RepairJobLine(models.Model):
    """One task on a job: labour and material (copied from the catalogue, editable) times a quantity."""

    job = models.ForeignKey(RepairJob, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    task = models.ForeignKey(RepairTask, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    description = models.CharField(max_length=200)
    quantity = models.PositiveSmallIntegerField(default=1)
    labour = models.DecimalField(max_digits=14, decimal_places=2)
    material = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["job_id", "position"]
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="repair_line_position")]

    @property
    def amount(self) -> Decimal:
        return (self.labour + self.material) * self.quantity


class RepairPhoto(models.Model):
    """A photograph of the piece as taken in (the image bytes, checked to be an image by content)."""

    job = models.ForeignKey(RepairJob, on_delete=models.CASCADE, related_name="photos")
    content = models.BinaryField()
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    caption = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["job_id", "pk"]


class RepairStageChange(models.Model):
    """One step of a job's history: from which stage to which, who, when, why, and the custody event."""

    job = models.ForeignKey(RepairJob, on_delete=models.CASCADE, related_name="history")
    from_stage = models.CharField(max_length=20, choices=RepairStage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=RepairStage.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    note = models.CharField(max_length=500, blank=True)
    custody_event_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["job_id", "at", "pk"]
