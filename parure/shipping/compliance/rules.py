"""Who may do what in shipping's compliance area (imported by parure.shipping.rules)."""

from __future__ import annotations
