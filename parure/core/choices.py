from django.db import models


class Role(models.TextChoices):
    """The department's roles (DESIGN.md, "Who uses it")."""

    SPECIALIST_ASSISTANT = "specialist_assistant", "Specialist assistant"
    SENIOR_SPECIALIST = "senior_specialist", "Senior specialist"
    FINANCE = "finance", "Finance"
    LOGISTICS = "logistics", "Logistics"
    AUDITOR = "auditor", "Auditor"
    ADMINISTRATOR = "administrator", "Administrator"


class AccessAction(models.TextChoices):
    VIEW = "view", "Viewed"
    EXPORT = "export", "Exported"
    SEARCH = "search", "Searched"
    LEDGER_HEAD = "ledger_head", "Recorded ledger head"
    SIGN_IN = "sign_in", "Signed in"
    TOKEN = "token", "API token"


class JobState(models.TextChoices):
    """Where a piece of background work (an import, an export, a PDF) stands."""

    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Done"
    FAILED = "failed", "Refused"
