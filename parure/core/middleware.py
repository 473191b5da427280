"""Request logging, the office time zone, and enforcement of the permission policy."""

from __future__ import annotations

import logging
import time
import uuid
import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from parure.core import policy

request_log = logging.getLogger("parure.request")


class RequestLogMiddleware:
    """One structured line per request: never the query string, which may carry personal data."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        user = getattr(request, "user", None)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        request_log.info(
            "%s %s %s %sms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "staff_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        response["X-Request-Id"] = request_id
        return response


class SessionRenewalMiddleware:
    """Keep an active person's session alive without writing it on every request.

    A session ends after SESSION_COOKIE_AGE of inactivity. Marking it modified renews its
    expiry (and its cookie); doing so once a minute keeps the idle limit within a minute while
    sparing most requests a database write.
    """

    KEY = "_parure_renewed_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= settings.PARURE_SESSION_RENEW_SECONDS:
                session[self.KEY] = now
        return response


class OfficeTimezoneMiddleware:
    """Show times in the signed-in person's office time zone (stored in UTC)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        office = getattr(getattr(request, "user", None), "office", None)
        if office is not None:
            timezone.activate(zoneinfo.ZoneInfo(office.time_zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


# URL namespaces whose own machinery enforces the policy (see parure.core.api, parure.core.admin).
SELF_ENFORCING_NAMESPACES = {"api", "admin"}


class AccessPolicyMiddleware:
    """Refuse any page whose view did not declare what it needs, and enforce what it declared."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and match.namespaces and match.namespaces[0] in SELF_ENFORCING_NAMESPACES:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        access = policy.declared_access(view_func)
        if access is None:
            logging.getLogger("parure.policy").error("Route %s declares no permission; refused.", request.path)
            raise PermissionDenied("This page has no declared permission.")
        if access == policy.PUBLIC:
            return None
        user: Any = request.user
        if not policy.is_staff_member(user):
            if user.is_authenticated:
                raise PermissionDenied("Your account has no role in the department.")
            return redirect_to_login(request.get_full_path())
        if access == policy.UNVERIFIED_OK:
            return None
        if policy.needs_two_factor(user):
            return redirect("core:two_factor")
        if not user.has_perm(access):
            raise PermissionDenied(f"Your role ({user.role_label}) may not open this page.")
        return None
