"""The labs area's tables (imported by parure.services.models)."""

from __future__ import annotations
