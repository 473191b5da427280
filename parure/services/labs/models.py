"""The labs area's tables (imported by parure.services.models): a batch of pieces sent to one gem
laboratory, and one line per stone or piece on it.

A submission is numbered like every identifier people read aloud (``NY-GL-26-00012-3``, with a
check digit). Its status moves draft → sent → partly returned → returned (or a draft is cancelled);
every write is a service in :mod:`parure.services.labs.services`. The piece and the laboratory are
other apps' rows, named by relation only: this app reads them through inventory's and catalogue's
queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from parure.core.models import Office, Staff
from parure.services.labs.choices import LabService, SubmissionStatus

COURIER_MAX = 120
REFERENCE_MAX = 60
NOTES_MAX = 2000
CONTROL_NUMBER_MAX = 40
FOR_SERVICE_MAX = 60


class LabSubmission(models.Model):
    """One batch to one laboratory, from one office."""

    number = models.CharField(max_length=24, unique=True)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    laboratory = models.ForeignKey("catalogue.Laboratory", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT)
    expected_back = models.DateField(help_text="The day the laboratory is expected to return the batch.")
    courier = models.CharField(max_length=COURIER_MAX, blank=True)
    courier_reference = models.CharField(max_length=REFERENCE_MAX, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    returned_on = models.DateField(null=True, blank=True, help_text="The day the last piece came back.")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cancel_reason = models.TextField(blank=True)

    if TYPE_CHECKING:
        office_id: int
        laboratory_id: int
        created_by_id: int
        sent_by_id: int | None

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["office", "status", "expected_back"], name="labsub_office_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(status="cancelled") | models.Q(sent_at__isnull=False),
                name="labsub_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.SENT, SubmissionStatus.PARTLY_RETURNED)

    def is_overdue(self, today: object) -> bool:
        """Out at the laboratory past its expected return date."""
        return self.status in (SubmissionStatus.SENT, SubmissionStatus.PARTLY_RETURNED) and bool(
            self.expected_back < today  # type: ignore[operator]
        )


class LabSubmissionLine(models.Model):
    """One stone (or a whole piece) on a submission: what is asked, the laboratory's control number,
    when it came back, and the report recorded on the piece's catalogue record."""

    submission = models.ForeignKey(LabSubmission, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="+")
    # The piece's stone (its position on the piece) the laboratory reports on; null for the whole piece.
    stone_position = models.PositiveSmallIntegerField(null=True, blank=True)
    services = models.JSONField(default=list, help_text="What is asked: origin, treatment, grading, mounted.")
    # A client's own piece goes to a laboratory only for a service: the job or order it is for.
    for_service = models.CharField(max_length=FOR_SERVICE_MAX, blank=True)
    control_number = models.CharField(max_length=CONTROL_NUMBER_MAX, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The catalogue's certificate the returned report became (catalogue owns it; the line keeps its id).
    certificate_id = models.PositiveIntegerField(null=True, blank=True)
    report_number = models.CharField(max_length=40, blank=True)
    report_issued_on = models.DateField(null=True, blank=True)
    report_recorded_at = models.DateTimeField(null=True, blank=True)
    report_recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    if TYPE_CHECKING:
        submission_id: int
        item_id: int

    class Meta:
        ordering = ["submission_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "position"], name="labline_position_once"),
            models.CheckConstraint(
                condition=models.Q(certificate_id__isnull=True) | models.Q(returned_at__isnull=False),
                name="labline_report_after_return",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}/{self.position}"

    @property
    def service_labels(self) -> list[str]:
        return [LabService(value).label for value in self.services if value in LabService.values]

    @property
    def is_returned(self) -> bool:
        return self.returned_at is not None

    @property
    def has_report(self) -> bool:
        return self.certificate_id is not None
