from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from parure.core import policy, registry


def parure(request: HttpRequest) -> dict[str, Any]:
    """Navigation areas the person may open, for the base layout (none before the second factor),
    and the address of the page shown when it is answered under another one."""
    user = getattr(request, "user", None)
    # A page answered under another address (a scan answered with the piece's page) names its own.
    page_location = getattr(request, "parure_location", None)
    if user is None or not user.is_authenticated or policy.needs_two_factor(user):
        return {"nav_areas": [], "may_administer": False, "page_location": page_location}
    areas: list[dict[str, Any]] = [
        {"label": area.label, "url": reverse(area.url_name), "current": False}
        for area in sorted(registry.nav_areas.values(), key=lambda area: area.order)
        if user.has_perm(area.permission)
    ]
    # The current area is the one whose address is the longest start of this page's path.
    path = page_location or request.path
    within = [area for area in areas if path == area["url"] or (area["url"] != "/" and path.startswith(area["url"]))]
    if within:
        max(within, key=lambda area: len(area["url"]))["current"] = True
    return {"nav_areas": areas, "may_administer": user.has_perm("core.administer"), "page_location": page_location}
