"""The words of post-sale services: what is ordered, where an order stands, and the choices on its form."""

from __future__ import annotations

from django.db import models


class AftercareKind(models.TextChoices):
    RESIZING = "resizing", "Ring resizing"
    ENGRAVING = "engraving", "Engraving"
    APPRAISAL = "appraisal", "Updated appraisal"
    CERTIFICATE = "certificate", "Certificate update"


# The kinds whose work is done at a bench jeweler: the piece is checked out there and back.
BENCH_KINDS = frozenset({AftercareKind.RESIZING, AftercareKind.ENGRAVING})


class AftercareStatus(models.TextChoices):
    ORDERED = "ordered", "Ordered"
    PROOF_SENT = "proof_sent", "Proof sent"
    PROOF_APPROVED = "proof_approved", "Proof approved"
    AT_BENCH = "at_bench", "At the bench"
    DONE = "done", "Done"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = frozenset(
    {AftercareStatus.ORDERED, AftercareStatus.PROOF_SENT, AftercareStatus.PROOF_APPROVED, AftercareStatus.AT_BENCH}
)
CLOSED_STATUSES = frozenset({AftercareStatus.DELIVERED, AftercareStatus.CANCELLED})


class SizeSystem(models.TextChoices):
    US = "US", "US and Canada"
    UK = "UK", "UK and Australia (letters)"
    EU = "EU", "EU / ISO 8653 (inner circumference, mm)"


class RingSetting(models.TextChoices):
    """How the ring is made, as far as sizing cares (the specialist reads it off the piece)."""

    PLAIN = "plain", "Plain band or signet"
    SOLITAIRE = "solitaire", "Solitaire or cluster (claw or bezel head)"
    HALF_HOOP = "half_hoop", "Half hoop or three-stone"
    CHANNEL = "channel", "Channel or pavé set on the shoulders"
    ETERNITY = "eternity", "Full eternity band"
    TENSION = "tension", "Tension setting"


class FontStyle(models.TextChoices):
    SCRIPT = "script", "Script"
    ROMAN = "roman", "Roman capitals"
    BLOCK = "block", "Block (sans-serif)"
    OLD_ENGLISH = "old_english", "Old English"
    MONOGRAM = "monogram", "Monogram"


class EngravingSide(models.TextChoices):
    INSIDE = "inside", "Inside the band"
    OUTSIDE = "outside", "Outside the band"


class EngravingPosition(models.TextChoices):
    CENTRED = "centred", "Centred opposite the head"
    UNDER_HEAD = "under_head", "Under the head"
    FULL_CIRCLE = "full_circle", "All the way round"


class ProofMethod(models.TextChoices):
    IN_PERSON = "in_person", "In person, signed"
    EMAIL = "email", "By e-mail"
    TELEPHONE = "telephone", "By telephone, read back"
