"""Condition reports: what a piece's state was, component by component, on a given day.

A report is numbered per piece (version 1, 2, …), made on an occasion (at intake, before a sale,
after a viewing…), graded overall, and holds one finding per component and aspect of the
checklist (:mod:`parure.catalogue.checklist`) and its photographs with numbered markers. Once
issued a report is never changed: the database refuses UPDATE and DELETE on the three tables (a
new version supersedes it). Every report is written whole by
:func:`parure.catalogue.services.condition.condition_report_write`.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from parure.catalogue.choices import ComponentKind, ConditionGrade, ConditionOccasion, FindingValue
from parure.core.db import register_append_only
from parure.core.models import Staff


class ConditionReport(models.Model):
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="condition_reports")
    version = models.PositiveIntegerField()
    occasion = models.CharField(max_length=16, choices=ConditionOccasion.choices)
    grade = models.CharField(max_length=12, choices=ConditionGrade.choices)
    summary = models.TextField(blank=True, help_text="The specialist's overall words, printed on the report.")
    made_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="condition_report_version_once"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="condition_report_version_positive"),
        ]

    def __str__(self) -> str:
        return f"Condition report {self.version}"


class ConditionFinding(models.Model):
    """What was found for one aspect of one component (‘Mount’, wear: minor)."""

    report = models.ForeignKey(ConditionReport, on_delete=models.PROTECT, related_name="findings")
    position = models.PositiveSmallIntegerField()
    component = models.CharField(max_length=80, help_text="As the specialist names it: Mount, Principal stone, Clasp.")
    component_kind = models.CharField(max_length=12, choices=ComponentKind.choices)
    aspect = models.CharField(max_length=32)
    value = models.CharField(max_length=12, choices=FindingValue.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "component", "aspect"], name="condition_finding_once"),
        ]

    def __str__(self) -> str:
        return f"{self.component}: {self.aspect} {self.value}"


def _photo_path(photo: ConditionPhoto, filename: str) -> str:
    moment = timezone.now()
    extension = filename.rpartition(".")[2].lower() or "jpg"
    return f"condition/{moment:%Y/%m}/{photo.report.item_id}-{photo.report.version}-{photo.position}.{extension}"


class ConditionPhoto(models.Model):
    """A photograph of the piece with numbered markers: ``[{"number", "x", "y", "note"}]``, x and y as
    fractions (0 to 1) of the image's width and height from its top left corner."""

    report = models.ForeignKey(ConditionReport, on_delete=models.PROTECT, related_name="photos")
    position = models.PositiveSmallIntegerField()
    image = models.FileField(upload_to=_photo_path, max_length=200)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    caption = models.CharField(max_length=200, blank=True)
    markers = models.JSONField(default=list)

    class Meta:
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "position"], name="condition_photo_position_once")]

    def __str__(self) -> str:
        return f"Photo {self.position}"


register_append_only("catalogue_conditionreport")
register_append_only("catalogue_conditionfinding")
register_append_only("catalogue_conditionphoto")
