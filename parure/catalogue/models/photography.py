"""Photography: shot lists and their entries on the status board, and the photographs of a piece
with the derivatives published from them.

A shot list gathers pieces of one office to be photographed, for a sale (its code, free text
until auctions exist) or ad hoc. Each entry says how the piece is to be prepared and styled and
where it stands on the board (requested → in studio → shot → retouched → approved); every move
is kept as a :class:`ShotListEntryChange` with who and when. A :class:`PieceImage` is one
photograph of a piece, stored through Django's storage API; its derivatives (thumbnail, web,
print) are re-encoded without metadata by a background job (:mod:`parure.catalogue.images`).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from parure.catalogue.choices import DerivativeKind, ImageStatus, PhotoStatus, PhotoStyle, ShotListStatus
from parure.core.models import Office, Staff


class ShotList(models.Model):
    """Pieces of one office to photograph, for a sale or ad hoc."""

    name = models.CharField(max_length=120)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    # The sale's code (NY-J2611) while sales are not yet records of their own; blank: ad hoc.
    sale_code = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=ShotListStatus.choices, default=ShotListStatus.OPEN)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def cause(self) -> str:
        """The record custody events name when this list checks pieces out (``shot_list:12``)."""
        return f"shot_list:{self.pk}"


class ShotListEntry(models.Model):
    """One piece on a shot list: its preparation, its styling and its place on the status board."""

    shot_list = models.ForeignKey(ShotList, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="shot_list_entries")
    position = models.PositiveIntegerField()
    # The preparation the piece needs before the shoot (styling is ``style``).
    to_clean = models.BooleanField(default=False, help_text="Clean before the shoot.")
    to_polish = models.BooleanField(default=False, help_text="Polish before the shoot.")
    style = models.CharField(max_length=12, choices=PhotoStyle.choices, default=PhotoStyle.FLAT_LAY)
    notes = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=12, choices=PhotoStatus.choices, default=PhotoStatus.REQUESTED)
    status_changed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    status_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["shot_list", "position"]
        constraints = [
            models.UniqueConstraint(fields=["shot_list", "item"], name="catalogue_shot_list_piece_once"),
        ]

    def __str__(self) -> str:
        return f"{self.shot_list} · {self.item_id}"


class ShotListEntryChange(models.Model):
    """One move of an entry on the board: from, to, who and when (kept for good)."""

    entry = models.ForeignKey(ShotListEntry, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=12, choices=PhotoStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=PhotoStatus.choices)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entry", "at", "pk"]


def original_path(image: PieceImage, filename: str) -> str:
    return f"catalogue/images/{image.sha256[:2]}/{image.sha256}{filename[filename.rfind('.') :]}"


def derivative_path(derivative: ImageDerivative, filename: str) -> str:
    return f"catalogue/derivatives/{derivative.image_id}/{filename}"


class PieceImage(models.Model):
    """One photograph of a piece, as uploaded (kept private), in the piece's order."""

    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="images")
    file = models.FileField(upload_to=original_path, max_length=200)
    original_filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    bytes = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    position = models.PositiveIntegerField()
    is_primary = models.BooleanField(default=False)
    alt_text = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=120, blank=True, help_text="The photographer's credit line.")
    status = models.CharField(max_length=12, choices=ImageStatus.choices, default=ImageStatus.PROCESSING)
    uploaded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    # The last change of order, primary, alt text or credit.
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(is_primary=True), name="catalogue_one_primary_image_per_piece"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_filename} ({self.item_id} #{self.position})"


class ImageDerivative(models.Model):
    """What is published from a photograph: re-encoded, without EXIF, GPS, XMP or IPTC."""

    image = models.ForeignKey(PieceImage, on_delete=models.CASCADE, related_name="derivatives")
    kind = models.CharField(max_length=10, choices=DerivativeKind.choices)
    file = models.FileField(upload_to=derivative_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    bytes = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["image", "kind"]
        constraints = [models.UniqueConstraint(fields=["image", "kind"], name="catalogue_one_derivative_per_kind")]
