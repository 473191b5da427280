"""The catalogue record of a piece: what the piece is, described field by field so that copy can
be written from it and checked against it.

One record per piece (``inventory.Item``, by label: the catalogue reads pieces through the
inventory's queries). Only invariants of one row live here; every write that spans rows is a
service in :mod:`parure.catalogue.services`. ``version`` rises by one on every save of the record
or its rows, so an editor who read version 4 is refused when someone else saved version 5.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from parure.catalogue.choices import (
    Attribution,
    FlagStatus,
    MetalColour,
    RingSizeSystem,
    StoneRole,
    WeightBasis,
)
from parure.core.models import Staff


def _mm() -> models.DecimalField[Decimal | None, Decimal | None]:
    """A measurement in millimetres, to the hundredth, left blank when not measured."""
    return models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)


class CatalogueRecord(models.Model):
    """The description of one piece: object, date, size, signature, numbers, case."""

    item = models.OneToOneField("inventory.Item", on_delete=models.PROTECT, related_name="catalogue_record")
    object_type = models.CharField(max_length=60, help_text="What the object is: ring, brooch, pair of ear pendants.")
    form = models.CharField(max_length=120, blank=True, help_text="Its form or design: cluster, bombé, clip, rivière.")
    is_pair = models.BooleanField(default=False, help_text="A pair (of ear clips, cufflinks): the heading says so.")
    suite_of = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For a suite (parure), how many pieces it has."
    )
    # Date and period: a year or a range, "circa" when approximate, and the period it belongs to.
    date_text = models.CharField(max_length=60, blank=True, help_text="As printed: circa 1925, 1950s, 2004.")
    year_from = models.PositiveSmallIntegerField(null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(null=True, blank=True)
    circa = models.BooleanField(default=False)
    period = models.CharField(
        max_length=40, blank=True, help_text="A period key of the gemology library (art-deco, belle-epoque…)."
    )
    # Size.
    length_mm = _mm()
    width_mm = _mm()
    diameter_mm = _mm()
    inner_circumference_mm = _mm()
    ring_size = models.CharField(max_length=12, blank=True)
    ring_size_system = models.CharField(max_length=4, choices=RingSizeSystem.choices, blank=True)
    gross_weight_g = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    # Signature, numbers and marks (the makers themselves are RecordMaker rows).
    signature = models.CharField(max_length=200, blank=True, help_text="As it reads: ‘Cartier Paris’.")
    serial_number = models.CharField(max_length=60, blank=True)
    workshop_number = models.CharField(max_length=60, blank=True)
    maker_marks = models.CharField(max_length=200, blank=True, help_text="Maker's marks as struck.")
    fitted_case = models.CharField(max_length=200, blank=True, help_text="With its fitted case or pouch, by whom.")
    design_notes = models.TextField(
        blank=True, help_text="Design and setting, in the specialist's words; the copy's opening sentence."
    )
    notes = models.TextField(blank=True, help_text="For the department only; never printed.")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_from__isnull=True)
                | models.Q(year_to__isnull=True)
                | models.Q(year_from__lte=models.F("year_to")),
                name="catalogue_record_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"Catalogue record of item {self.item_id}"


class RecordMetal(models.Model):
    """One metal of the piece, with its fineness, its marks and what the marks were read to say."""

    record = models.ForeignKey(CatalogueRecord, on_delete=models.CASCADE, related_name="metals")
    position = models.PositiveSmallIntegerField(default=1)
    metal = models.CharField(max_length=20, help_text="A metal of the gemology library: gold, platinum, silver…")
    colour = models.CharField(max_length=12, choices=MetalColour.choices, blank=True)
    fineness = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Parts per thousand: 750, 950.")
    marks = models.CharField(max_length=200, blank=True, help_text="The marks as struck, separated by commas.")
    # The gemology library's reading of ``marks`` (text, metal, fineness, country, period…), kept as read.
    mark_reading = models.JSONField(default=dict, blank=True)
    tested = models.BooleanField(default=False, help_text="Tested (rather than read from the marks).")
    part = models.CharField(max_length=60, blank=True, help_text="Which part, when metals differ: ‘the mount’.")

    class Meta:
        ordering = ["record", "position"]

    def __str__(self) -> str:
        fineness = f" {self.fineness}" if self.fineness else ""
        return f"{self.colour} {self.metal}{fineness}".strip()


class RecordStone(models.Model):
    """A stone or a group of like stones: what, how cut, how many, how big, how graded."""

    record = models.ForeignKey(CatalogueRecord, on_delete=models.CASCADE, related_name="stones")
    position = models.PositiveSmallIntegerField(default=1)
    role = models.CharField(max_length=12, choices=StoneRole.choices, default=StoneRole.PRINCIPAL)
    species = models.CharField(max_length=60, help_text="Species: diamond, corundum, beryl, pearl…")
    variety = models.CharField(max_length=60, blank=True, help_text="Variety: sapphire, ruby, emerald…")
    cut = models.CharField(max_length=60, blank=True, help_text="Cut: brilliant, step, rose, cabochon, old mine.")
    shape = models.CharField(max_length=40, blank=True, help_text="Shape: round, oval, cushion, pear…")
    count = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])
    component = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The numbered part of a pair or suite it is set in, if only one."
    )
    length_mm = _mm()
    width_mm = _mm()
    depth_mm = _mm()
    weight_ct = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, help_text="Carats: of the stone, or the group in total."
    )
    weight_basis = models.CharField(max_length=12, choices=WeightBasis.choices, blank=True)
    # The gemology library's estimate from the measurements, kept with its formula and range.
    estimate = models.JSONField(default=dict, blank=True)
    colour = models.CharField(max_length=60, blank=True, help_text="A grade (F), a range (F–G) or a description.")
    clarity = models.CharField(max_length=20, blank=True, help_text="A grade (VS1) or a range (VS1–VS2).")
    cut_grade = models.CharField(max_length=20, blank=True)
    as_gauged = models.BooleanField(
        default=False, help_text="Grades are as gauged in the mounting, not from a laboratory."
    )
    fluorescence = models.CharField(max_length=40, blank=True)
    treatment = models.CharField(max_length=120, blank=True, help_text="As reported: no indications of heating.")
    origin = models.CharField(max_length=60, blank=True, help_text="As reported: Kashmir, Burma, Colombia.")

    class Meta:
        ordering = ["record", "position"]

    def __str__(self) -> str:
        return " ".join(part for part in (str(self.count), self.variety or self.species, self.cut) if part)

    @property
    def name(self) -> str:
        """The stone as copy names it: the variety when there is one (sapphire), else the species."""
        return self.variety or self.species


class RecordMaker(models.Model):
    """A name the piece is by, attributed to, mounted by, made for or retailed by."""

    record = models.ForeignKey(CatalogueRecord, on_delete=models.CASCADE, related_name="makers")
    position = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=120)
    attribution = models.CharField(max_length=16, choices=Attribution.choices, default=Attribution.BY)

    class Meta:
        ordering = ["record", "position"]

    def __str__(self) -> str:
        return f"{self.get_attribution_display()} {self.name}"


class ProvenanceEntry(models.Model):
    """One link of the chain of owners and sales, oldest first.

    ``confidential`` owners (a living private collector, the present consignor) are shown only to
    roles that may see a consignor's identity; everyone else reads ``public_wording``
    ("A private collection, Europe") or "Private collection".
    """

    record = models.ForeignKey(CatalogueRecord, on_delete=models.CASCADE, related_name="provenance")
    position = models.PositiveSmallIntegerField(default=1)
    owner = models.CharField(
        max_length=200, help_text="The owner, or the sale (‘Christie's Geneva, 17 May 1987, lot 412’)."
    )
    is_sale = models.BooleanField(default=False)
    date_text = models.CharField(max_length=60, blank=True, help_text="When: 1925; by 1950; 17 May 1987.")
    source = models.CharField(max_length=200, blank=True, help_text="Where the statement comes from.")
    confidential = models.BooleanField(default=False)
    public_wording = models.CharField(
        max_length=200, blank=True, help_text="What others read for a confidential owner."
    )

    class Meta:
        ordering = ["record", "position"]

    def __str__(self) -> str:
        return self.owner


class RecordReference(models.Model):
    """Literature the piece (or its model) is published in, or an exhibition it was shown at."""

    class Kind(models.TextChoices):
        LITERATURE = "literature", "Literature"
        EXHIBITION = "exhibition", "Exhibition"

    record = models.ForeignKey(CatalogueRecord, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(max_length=400, help_text="As printed: author, title, place and year, page.")

    class Meta:
        ordering = ["record", "kind", "position"]

    def __str__(self) -> str:
        return self.text


class FlagAnswer(models.Model):
    """A senior's override of one validation flag, with the reason; the flag itself is derived
    from the record each time (``key`` names the rule and its subject, ``fingerprint`` the values
    it saw: a changed value raises the flag again)."""

    record = models.ForeignKey(CatalogueRecord, on_delete=models.CASCADE, related_name="flag_answers")
    key = models.CharField(max_length=120)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=FlagStatus.choices, default=FlagStatus.OVERRIDDEN)
    reason = models.TextField()
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["record", "key", "-at"]
        constraints = [models.UniqueConstraint(fields=["record", "key", "fingerprint"], name="flag_answer_once")]

    def __str__(self) -> str:
        return f"{self.key}: {self.reason[:40]}"
