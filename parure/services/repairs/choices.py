"""The repairs area's choices: kinds of vendor, a job's stages, how approval and signatures were given."""

from __future__ import annotations

from django.db import models


class VendorKind(models.TextChoices):
    IN_HOUSE = "in_house", "In-house bench"
    BENCH_JEWELER = "bench_jeweler", "Outside bench jeweler"
    WORKSHOP = "workshop", "Workshop"
    ENGRAVER = "engraver", "Engraver"
    STONE_SETTER = "stone_setter", "Stone setter"
    POLISHER = "polisher", "Polisher"
    STRINGER = "stringer", "Pearl stringer"


class RepairStage(models.TextChoices):
    """Where a job stands, in the order a job goes through them (cancelled ends it early)."""

    TAKEN_IN = "taken_in", "Taken in"
    ESTIMATED = "estimated", "Estimated"
    APPROVED = "approved", "Approved"
    AT_BENCH = "at_bench", "At the bench"
    RETURNED = "returned", "Returned"
    QUALITY_CHECKED = "quality_checked", "Quality checked"
    READY = "ready", "Ready for collection"
    COLLECTED = "collected", "Collected"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STAGES = (
    RepairStage.TAKEN_IN,
    RepairStage.ESTIMATED,
    RepairStage.APPROVED,
    RepairStage.AT_BENCH,
    RepairStage.RETURNED,
    RepairStage.QUALITY_CHECKED,
    RepairStage.READY,
)
CLOSED_STAGES = (RepairStage.COLLECTED, RepairStage.CANCELLED)


class ApprovalChannel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "By telephone"
    EMAIL = "email", "By e-mail"


class SignatureKind(models.TextChoices):
    TABLET = "tablet", "Signed on the tablet"
    PRINTED = "printed", "Signed on the printed envelope"
