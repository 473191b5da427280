"""The catalogue's fixed vocabularies: how a stone's weight is known, how a maker is named, the
copy's workflow, the occasions of a condition report and the stages of photography."""

from __future__ import annotations

from django.db import models


class MetalColour(models.TextChoices):
    YELLOW = "yellow", "Yellow"
    WHITE = "white", "White"
    ROSE = "rose", "Rose"
    GREEN = "green", "Green"
    TWO_COLOUR = "two-colour", "Two-colour"
    TRI_COLOUR = "tri-colour", "Tri-colour"
    NONE = "", "Not applicable"


class StoneRole(models.TextChoices):
    """A stone's importance in the piece: headings and descriptions name stones in this order."""

    PRINCIPAL = "principal", "Principal"
    SECONDARY = "secondary", "Secondary"
    ACCENT = "accent", "Accent"


class WeightBasis(models.TextChoices):
    """How a stated carat weight is known; the copy words it differently for each."""

    REPORT = "report", "Stated by a laboratory report"
    LOOSE = "loose", "Weighed loose"
    ESTIMATED = "estimated", "Estimated in the mounting"
    ENGRAVED = "engraved", "Engraved or stamped on the mounting"


class Attribution(models.TextChoices):
    """How a name stands to the piece: "by Cartier", "attributed to", "mounted by", "X for Y"."""

    BY = "by", "By"
    ATTRIBUTED = "attributed", "Attributed to"
    MOUNTED_BY = "mounted_by", "Mounted by"
    MADE_FOR = "made_for", "Made for (retailer)"
    RETAILED_BY = "retailed_by", "Retailed by"
    DESIGNED_BY = "designed_by", "Designed by"


class RingSizeSystem(models.TextChoices):
    US = "us", "US"
    UK = "uk", "UK"
    EU = "eu", "EU/ISO"
    JP = "jp", "Japan"
    CH = "ch", "Switzerland"


class CopyStatus(models.TextChoices):
    """Catalogue copy: draft → submitted → approved by a senior (never its author) → locked."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for approval"
    APPROVED = "approved", "Approved"
    LOCKED = "locked", "Locked (published)"


class CopyAction(models.TextChoices):
    """What made a version of the copy: every change of its words or of its status is one."""

    GENERATED = "generated", "Generated from the record"
    REGENERATED = "regenerated", "Regenerated from the record"
    EDITED = "edited", "Edited"
    SUBMITTED = "submitted", "Submitted for approval"
    APPROVED = "approved", "Approved"
    LOCKED = "locked", "Locked"


class FlagStatus(models.TextChoices):
    OPEN = "open", "Open"
    OVERRIDDEN = "overridden", "Overridden"


class ConditionOccasion(models.TextChoices):
    INTAKE = "intake", "At intake"
    PRE_SALE = "pre_sale", "Before the sale"
    POST_SALE = "post_sale", "After the sale"
    VIEWING = "viewing", "After a viewing"
    REPAIR = "repair", "After a repair"
    SHIPMENT = "shipment", "Before a shipment"
    OTHER = "other", "Other"


class ConditionGrade(models.TextChoices):
    """The overall grade of a condition report, best first."""

    EXCELLENT = "excellent", "Excellent"
    VERY_GOOD = "very_good", "Very good"
    GOOD = "good", "Good"
    FAIR = "fair", "Fair"
    POOR = "poor", "Poor"


class ComponentKind(models.TextChoices):
    """What a component of a piece is, which decides the checklist it is examined against."""

    METAL = "metal", "Metal"
    STONE = "stone", "Stones"
    PEARL = "pearl", "Pearls"
    MECHANISM = "mechanism", "Mechanism"
    OTHER = "other", "Other"


class FindingValue(models.TextChoices):
    """What was found for one aspect: a degree for wear and damage, yes or no for a test."""

    NONE = "none", "None seen"
    MINOR = "minor", "Present: minor"
    MODERATE = "moderate", "Present: moderate"
    SIGNIFICANT = "significant", "Present: significant"
    YES = "yes", "Yes"
    NO = "no", "No"


class PhotoStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    IN_STUDIO = "in_studio", "In studio"
    SHOT = "shot", "Shot"
    RETOUCHED = "retouched", "Retouched"
    APPROVED = "approved", "Approved"


class CertificateKind(models.TextChoices):
    """What a laboratory report covers; a diamond grading report is read on the GIA scales."""

    DIAMOND = "diamond", "Diamond grading report"
    COLOURED_STONE = "coloured_stone", "Coloured stone report"
    PEARL = "pearl", "Pearl report"
    ORIGIN = "origin", "Origin report"
    TREATMENT = "treatment", "Treatment (identification) report"


class MatchVerdict(models.TextChoices):
    """How one finding of a report compares with the catalogued stone."""

    MATCH = "match", "Matches"
    MISMATCH = "mismatch", "Does not match"
    UNCHECKED = "unchecked", "Not compared"


class SearchStatus(models.TextChoices):
    """Where a piece's description stands, for the search facet: a record without copy yet, then
    the copy's own workflow (:class:`CopyStatus`)."""

    RECORDED = "recorded", "Recorded, no copy yet"
    DRAFT = "draft", "Copy in draft"
    SUBMITTED = "submitted", "Copy submitted"
    APPROVED = "approved", "Copy approved"
    LOCKED = "locked", "Copy locked (published)"


# --- Photography ----------------------------------------------------------------------------------
# The order of the status board's columns: an entry moves one column at a time.
PHOTO_STEPS: tuple[str, ...] = tuple(PhotoStatus.values)


class ShotListStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class PhotoStyle(models.TextChoices):
    """How a piece is set up in front of the camera."""

    FLAT_LAY = "flat_lay", "Flat lay"
    RING_STAND = "ring_stand", "Ring stand"
    BUST = "bust", "Bust"
    HAND = "hand", "Hand"
    MODEL = "model", "On a model"


class ImageStatus(models.TextChoices):
    PROCESSING = "processing", "Making derivatives"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class DerivativeKind(models.TextChoices):
    """What is published from a photograph: each re-encoded without its metadata."""

    THUMBNAIL = "thumbnail", "Thumbnail (320 px)"
    WEB = "web", "Web (1600 px)"
    PRINT = "print", "Print (full size)"
