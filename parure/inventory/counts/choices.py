"""The fixed vocabularies of inventory counts."""

from __future__ import annotations

from django.db import models

from parure.inventory.choices import LocationKind


class CountScope(models.TextChoices):
    LOCATION = "location", "A place and everything in it"
    OFFICE = "office", "A whole office"
    DEPARTMENT = "department", "The whole department"


class CountMode(models.TextChoices):
    BLIND = "blind", "Blind (the counter sees only what they scan)"
    GUIDED = "guided", "Guided (the counter sees the expected list)"


class CountStatus(models.TextChoices):
    OPEN = "open", "Counting"
    RECONCILING = "reconciling", "Resolving discrepancies"
    CLOSED = "closed", "Closed"


class ScanResult(models.TextChoices):
    """What a scan told the counter, at the moment of the scan."""

    FOUND = "found", "Found"
    NOT_HERE = "not_here", "Not expected here"
    UNKNOWN = "unknown", "Unknown code"
    ALREADY = "already", "Already scanned"
    MALFORMED = "malformed", "Not a stock number"
    REFUSED = "refused", "Refused"


class DiscrepancyKind(models.TextChoices):
    MISPLACED = "misplaced", "Misplaced (the ledger has it elsewhere in the house)"
    MISSING = "missing", "Missing"
    MOVED = "moved", "Moved out during the count"
    UNEXPECTED = "unexpected", "Unexpected"


class Resolution(models.TextChoices):
    ADJUSTED = "adjusted", "Count adjustment recorded"
    FOUND = "found", "Found"
    RECORDED_MISSING = "recorded_missing", "Recorded missing (count adjustment)"
    CONFIRMED = "confirmed", "Move confirmed"
    RECOUNT = "recount", "Recounted"
    ESCALATED = "escalated", "Escalated"


# What may settle each kind of discrepancy. A missing piece is found (and the ledger made to
# agree) or recorded missing on the ledger; a recount with a note cannot settle it.
RESOLUTIONS_OF_KIND: dict[str, tuple[str, ...]] = {
    DiscrepancyKind.MISPLACED: (Resolution.ADJUSTED, Resolution.RECOUNT, Resolution.ESCALATED),
    DiscrepancyKind.MISSING: (Resolution.FOUND, Resolution.RECORDED_MISSING, Resolution.ESCALATED),
    DiscrepancyKind.MOVED: (Resolution.CONFIRMED, Resolution.RECORDED_MISSING, Resolution.ESCALATED),
    DiscrepancyKind.UNEXPECTED: (Resolution.ADJUSTED, Resolution.RECOUNT, Resolution.ESCALATED),
}
# A missing piece settled otherwise (escalated) leaves the ledger saying what the count disproved.
CLOSES_MISSING = (Resolution.FOUND, Resolution.RECORDED_MISSING)


# How often each kind of place is counted, in days, until an administrator sets otherwise.
DEFAULT_INTERVAL_DAYS: dict[str, int] = {
    LocationKind.STORAGE: 90,
    LocationKind.WORK: 30,
    LocationKind.DISPLAY: 30,
}
COUNTABLE_KINDS = tuple(DEFAULT_INTERVAL_DAYS)
