"""Who may do what in the aftercare area (imported by parure.services.rules)."""

from __future__ import annotations
