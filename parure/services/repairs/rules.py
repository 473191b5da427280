"""Who may do what in the repairs area (imported by parure.services.rules)."""

from __future__ import annotations
