"""The inventory area's REST operations (mounted at /api/v1/inventory/)."""

from ninja import Router

router = Router(tags=["inventory"])
