from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from parure.core import policy, registry


def parure(request: HttpRequest) -> dict[str, Any]:
    """Navigation areas the person may open, for the base layout (none before the second factor)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or policy.needs_two_factor(user):
        return {"nav_areas": [], "may_administer": False}
    areas = sorted(registry.nav_areas.values(), key=lambda area: area.order)
    return {
        "nav_areas": [area for area in areas if user.has_perm(area.permission)],
        "may_administer": user.has_perm("core.administer"),
    }
