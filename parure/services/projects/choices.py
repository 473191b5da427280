"""The design projects' choices: a project's standing, the milestone chain, sign-off, payments, files, materials."""

from __future__ import annotations

from django.db import models


class ProjectStatus(models.TextChoices):
    OPEN = "open", "Open"
    ON_HOLD = "on_hold", "On hold"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"


class MilestoneKind(models.TextChoices):
    """The chain, in the order a commission is made (``CHAIN``)."""

    CONSULTATION = "consultation", "Consultation"
    AGREEMENT = "agreement", "Agreement and deposit"
    SKETCHES = "sketches", "Sketches"
    CAD = "cad", "CAD"
    WRITTEN_APPROVAL = "written_approval", "Written approval"
    MODEL = "model", "Model"
    SOURCING = "sourcing", "Sourcing of stones"
    CASTING = "casting", "Casting"
    SETTING = "setting", "Setting"
    FINISHING = "finishing", "Finishing and quality check"
    HALLMARKING = "hallmarking", "Hallmarking"
    DELIVERY = "delivery", "Delivery"


CHAIN: tuple[MilestoneKind, ...] = tuple(MilestoneKind)
# The client signs these off before they complete.
APPROVALS = frozenset(
    {MilestoneKind.AGREEMENT, MilestoneKind.SKETCHES, MilestoneKind.CAD, MilestoneKind.WRITTEN_APPROVAL}
)
# Working days a milestone usually takes once it is current (its due date when it becomes current).
TYPICAL_DAYS: dict[MilestoneKind, int] = {
    MilestoneKind.CONSULTATION: 7,
    MilestoneKind.AGREEMENT: 14,
    MilestoneKind.SKETCHES: 14,
    MilestoneKind.CAD: 21,
    MilestoneKind.WRITTEN_APPROVAL: 7,
    MilestoneKind.MODEL: 14,
    MilestoneKind.SOURCING: 28,
    MilestoneKind.CASTING: 10,
    MilestoneKind.SETTING: 14,
    MilestoneKind.FINISHING: 7,
    MilestoneKind.HALLMARKING: 10,
    MilestoneKind.DELIVERY: 7,
}


class SignOffMethod(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    EMAIL = "email", "By e-mail"
    SIGNATURE = "signature", "Signed document"


class ProjectMetal(models.TextChoices):
    """The principal metal, as the hallmarking rules name it."""

    GOLD = "gold", "Gold"
    PLATINUM = "platinum", "Platinum"
    PALLADIUM = "palladium", "Palladium"
    SILVER = "silver", "Silver"
    OTHER = "other", "Other (titanium, steel…)"


class QuoteStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class StageKind(models.TextChoices):
    """A payment stage and the milestone whose reaching issues its invoice (``STAGE_MILESTONE``)."""

    DEPOSIT = "deposit", "Deposit"
    APPROVAL = "approval", "Stage payment at written approval"
    BALANCE = "balance", "Balance at delivery"
    EXTRA_REVISION = "extra_revision", "CAD revision beyond those included"


SCHEDULED_STAGES = (StageKind.DEPOSIT, StageKind.APPROVAL, StageKind.BALANCE)


class FileKind(models.TextChoices):
    SKETCH = "sketch", "Sketch"
    RENDER = "render", "Render"
    CAD = "cad", "CAD file"
    PHOTO = "photo", "Photograph"
    DOCUMENT = "document", "Document"


class MaterialKind(models.TextChoices):
    STONE = "stone", "Stone"
    METAL = "metal", "Metal"


class MaterialStatus(models.TextChoices):
    RESERVED = "reserved", "Reserved from inventory"
    RELEASED = "released", "Reservation released"
    TO_SOURCE = "to_source", "To be sourced"
    SOURCED = "sourced", "Sourced"
