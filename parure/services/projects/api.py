"""The projects area's API (mounted by parure.services.api.router)."""

from __future__ import annotations

from ninja import Router

router = Router()
