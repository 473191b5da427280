"""Recording sensitive reads and exports in the append-only access log."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from parure.core.choices import AccessAction
from parure.core.models import AccessLogEntry


def client_address(request: HttpRequest) -> str | None:
    """The caller's address (behind a trusted proxy, the left-most forwarded one)."""
    from django.conf import settings

    if settings.AXES_IPWARE_PROXY_COUNT:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def record_access(
    request: HttpRequest | None,
    *,
    action: AccessAction,
    subject_kind: str,
    subject_ref: str = "",
    detail: str = "",
    staff: Any = None,
) -> AccessLogEntry:
    """Write one access-log row. ``detail`` must never hold personal data itself."""
    user = staff if staff is not None else getattr(request, "user", None)
    return AccessLogEntry.objects.create(
        staff=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        subject_kind=subject_kind,
        subject_ref=subject_ref[:128],
        detail=detail[:255],
        ip_address=client_address(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:255] if request is not None else ""),
    )
