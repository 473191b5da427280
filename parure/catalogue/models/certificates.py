"""Laboratory reports on the stones of a piece: the laboratories (a list kept as data), and each
report's number, date, findings and scanned PDF.

A report is attached to one catalogue record and, usually, to one of its stones (a report on a
whole piece, a pearl necklace, has no stone). A report number is attached to one piece only: the
constraint holds for attached reports, so a report detached from one piece (with a reason, kept)
may be attached to another. Every write is a service in
:mod:`parure.catalogue.services.certificates`.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import timezone

from parure.catalogue.choices import CertificateKind
from parure.catalogue.models.records import CatalogueRecord, RecordStone
from parure.core.models import Staff


class Laboratory(models.Model):
    """A gem laboratory whose reports the department attaches (GIA, SSEF, Gübelin…).

    ``code`` is what the department and the copy call it ("GIA"); ``name`` is the laboratory's
    own full name. An inactive laboratory keeps its reports but takes no new ones.
    """

    code = models.CharField(max_length=20, unique=True, help_text="Short name, as printed: GIA, SSEF, Gübelin.")
    name = models.CharField(max_length=160, help_text="The laboratory's full name.")
    country = models.CharField(max_length=2, help_text="ISO 3166 country code of its head laboratory.")
    active = models.BooleanField(default=True)
    # Who last added or changed it on the laboratories page (blank for the list the migration made).
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "laboratories"

    def __str__(self) -> str:
        return self.code


def _mm() -> models.DecimalField[Decimal | None, Decimal | None]:
    return models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)


def certificate_upload_to(certificate: Certificate, filename: str) -> str:
    """Scans are stored under the laboratory and the first characters of their digest, never
    under a name the uploader chose."""
    return (
        f"certificates/{certificate.laboratory.code.lower()}/{certificate.pdf_sha256[:2]}/{certificate.pdf_sha256}.pdf"
    )


class Certificate(models.Model):
    """One laboratory report: who issued it, its number and date, and what it found."""

    laboratory = models.ForeignKey(Laboratory, on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField(max_length=40, help_text="The report number as printed.")
    issued_on = models.DateField()
    kind = models.CharField(max_length=20, choices=CertificateKind.choices, default=CertificateKind.DIAMOND)
    record = models.ForeignKey(CatalogueRecord, on_delete=models.PROTECT, related_name="certificates")
    # A report on one stone (or group) of the record; null for a report on the whole piece.
    stone = models.ForeignKey(
        RecordStone, on_delete=models.SET_NULL, null=True, blank=True, related_name="certificates"
    )
    # --- What the laboratory found, as printed on the report ---------------------------------
    species = models.CharField(max_length=60, blank=True)
    variety = models.CharField(max_length=60, blank=True)
    weight_ct = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    shape = models.CharField(max_length=40, blank=True)
    cut = models.CharField(max_length=60, blank=True)
    length_mm = _mm()
    width_mm = _mm()
    depth_mm = _mm()
    colour = models.CharField(max_length=80, blank=True)
    clarity = models.CharField(max_length=20, blank=True)
    cut_grade = models.CharField(max_length=20, blank=True)
    fluorescence = models.CharField(max_length=40, blank=True)
    treatment = models.CharField(max_length=200, blank=True)
    origin = models.CharField(max_length=80, blank=True)
    comments = models.TextField(blank=True)
    # --- The scanned report ------------------------------------------------------------------
    pdf = models.FileField(upload_to=certificate_upload_to, max_length=200, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_size = models.PositiveIntegerField(null=True, blank=True)
    # --- Who and when ------------------------------------------------------------------------
    attached_at = models.DateTimeField(default=timezone.now)
    attached_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A detached report stays, with why and by whom, and no longer counts as the piece's.
    detached_at = models.DateTimeField(null=True, blank=True)
    detached_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    detach_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["record", "stone__position", "issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["laboratory", "number"],
                condition=models.Q(detached_at__isnull=True),
                name="certificate_number_attached_once",
            ),
            models.CheckConstraint(
                condition=models.Q(detached_at__isnull=True) | ~models.Q(detach_reason=""),
                name="certificate_detached_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.label if self.laboratory_id else self.number

    @property
    def is_attached(self) -> bool:
        return self.detached_at is None

    @property
    def label(self) -> str:
        """As the department says it: "GIA 2185034712"."""
        return f"{self.laboratory.code} {self.number}"
