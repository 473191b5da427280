"""Who may do what in shipping's carriers area (imported by parure.shipping.rules)."""

from __future__ import annotations
