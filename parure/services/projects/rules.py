"""Who may do what in the projects area (imported by parure.services.rules)."""

from __future__ import annotations
