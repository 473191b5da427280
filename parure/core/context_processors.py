from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from parure.core import registry


def parure(request: HttpRequest) -> dict[str, Any]:
    """Navigation areas the person may open, for the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_areas": []}
    areas = sorted(registry.nav_areas.values(), key=lambda area: area.order)
    return {"nav_areas": [area for area in areas if user.has_perm(area.permission)]}
