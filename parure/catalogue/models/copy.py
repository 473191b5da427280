"""A piece's catalogue copy and every version of it.

``CatalogueCopy`` holds the present words and the workflow (draft → submitted → approved by a
senior who wrote none of it → locked when the lot is published). ``CopyVersion`` rows are
append-only (the database refuses UPDATE and DELETE): every change of the words or of the status
adds one, with who, when, the status it was made in and a note, so any two can be compared.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from parure.catalogue.choices import CopyAction, CopyStatus
from parure.catalogue.copywriting.generator import CopyText
from parure.catalogue.models.records import CatalogueRecord
from parure.core.db import register_append_only
from parure.core.models import Staff

HEADING_MAX = 400
TEXT_MAX = 20000


class CopyWords(models.Model):
    """The six parts of the copy, shared by the present copy and its versions."""

    heading = models.CharField(max_length=HEADING_MAX)
    description = models.TextField(blank=True)
    lab_statements = models.TextField(blank=True)
    provenance = models.TextField(blank=True)
    literature = models.TextField(blank=True)
    exhibitions = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def text(self) -> CopyText:
        return CopyText(**{name: getattr(self, name) for name in CopyText.FIELDS})


class CatalogueCopy(CopyWords):
    record = models.OneToOneField(CatalogueRecord, on_delete=models.PROTECT, related_name="copy")
    status = models.CharField(max_length=12, choices=CopyStatus.choices, default=CopyStatus.DRAFT)
    # The number of the latest version; an editor who read an older one is refused as stale.
    version = models.PositiveIntegerField(default=1)
    # The record's version the words were last written from: a later record shows the copy may lag.
    record_version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    lock_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "catalogue copy"

    def __str__(self) -> str:
        return self.heading

    @property
    def record_changed(self) -> bool:
        """Whether the record was saved since the copy was last written from it."""
        return self.record.version != self.record_version


class CopyVersion(CopyWords):
    copy = models.ForeignKey(CatalogueCopy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=12, choices=CopyAction.choices)
    # The status the copy was in once this version was made.
    status = models.CharField(max_length=12, choices=CopyStatus.choices)
    note = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["copy", "number"]
        constraints = [models.UniqueConstraint(fields=["copy", "number"], name="copy_version_number_once")]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.copy_id}"


register_append_only("catalogue_copyversion")
