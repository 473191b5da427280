"""The labs area's fixed vocabularies: a submission's status and the services asked of a laboratory."""

from __future__ import annotations

from django.db import models


class SubmissionStatus(models.TextChoices):
    """Where a batch stands: prepared, at the laboratory, coming back piece by piece, all back."""

    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    PARTLY_RETURNED = "partly_returned", "Partly returned"
    RETURNED = "returned", "Returned"
    CANCELLED = "cancelled", "Cancelled"


# A submission whose pieces are, or are about to be, with the laboratory: a piece is in one at a time.
OPEN_STATUSES = frozenset({SubmissionStatus.DRAFT, SubmissionStatus.SENT, SubmissionStatus.PARTLY_RETURNED})
# The pieces of these are at the laboratory (or some of them are).
OUT_STATUSES = frozenset({SubmissionStatus.SENT, SubmissionStatus.PARTLY_RETURNED})


class LabService(models.TextChoices):
    """What the house asks the laboratory to report on; a line asks one or several."""

    ORIGIN = "origin", "Origin"
    TREATMENT = "treatment", "Treatment"
    GRADING = "grading", "Grading"
    MOUNTED = "mounted", "Mounted-piece report"
