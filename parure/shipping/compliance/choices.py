"""The words a compliance rule is written in."""

from django.db import models


class RuleKind(models.TextChoices):
    SANCTIONS = "sanctions", "Sanctions"
    CITES = "cites", "CITES"
    DIAMOND_WARRANTY = "diamond_warranty", "Diamond warranty"
    WILDLIFE_DECLARATION = "wildlife_declaration", "Wildlife declaration"
    OTHER = "other", "Other"


class RuleEffect(models.TextChoices):
    """What a rule does to a shipment it applies to."""

    REFUSE = "refuse", "Refuses the shipment"
    PERMIT_REQUIRED = "permit_required", "Needs a permit for each piece"
    STATEMENT = "statement", "Prints a statement"
    DECLARATION = "declaration", "Needs a declaration"


class RuleDirection(models.TextChoices):
    """Which border crossing of its jurisdictions a rule governs."""

    EXPORT = "export", "Leaving the jurisdiction"
    IMPORT = "import", "Entering the jurisdiction"
    BOTH = "both", "Leaving or entering"
