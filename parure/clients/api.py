"""The clients area's REST operations (mounted at /api/v1/clients/)."""

from ninja import Router

router = Router(tags=["clients"])
