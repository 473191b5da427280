"""Who is acting in a request, for pages and API handlers alike (the API never imports views)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def acting(request: HttpRequest) -> Any:
    """The signed-in member of staff (the policy middleware has made sure there is one)."""
    return request.user
