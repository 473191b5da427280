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
    MISPLACED = "misplaced", "Misplaced (found elsewhere in the count)"
    MISSING = "missing", "Missing"
    UNEXPECTED = "unexpected", "Unexpected"


class Resolution(models.TextChoices):
    ADJUSTED = "adjusted", "Count adjustment recorded"
    RECOUNT = "recount", "Recounted"
    ESCALATED = "escalated", "Escalated"


# How often each kind of place is counted, in days, until an administrator sets otherwise.
DEFAULT_INTERVAL_DAYS: dict[str, int] = {
    LocationKind.STORAGE: 90,
    LocationKind.WORK: 30,
    LocationKind.DISPLAY: 30,
}
COUNTABLE_KINDS = tuple(DEFAULT_INTERVAL_DAYS)
