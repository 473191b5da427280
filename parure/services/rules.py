"""Who may do what in the services (autodiscovered by ``rules``): each area declares its own."""

from __future__ import annotations

from parure.services.aftercare import rules as aftercare_rules  # noqa: F401
from parure.services.labs import rules as labs_rules  # noqa: F401
from parure.services.projects import rules as projects_rules  # noqa: F401
from parure.services.repairs import rules as repairs_rules  # noqa: F401
