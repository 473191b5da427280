"""Who may do what in the labs area (imported by parure.services.rules)."""

from __future__ import annotations
