"""The REST API root at /api/v1/ (django-ninja, OpenAPI 3.1 at /api/v1/openapi.json).

Authentication: the browser's session (with CSRF on writes) or a per-user API token sent as
``Authorization: Bearer prt_…``. Every operation declares its permission with :func:`requires`;
the route × role matrix test walks every operation. Every failure has one shape::

    {"status": 403, "code": "forbidden", "message": "…", "fields": {"name": ["…"]}}
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from parure.core import policy
from parure.core.errors import DomainError
from parure.core.models import ApiToken

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("parure.api")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


class ErrorOut(Schema):
    status: int
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = (
            ApiToken.objects.active()
            .select_related("staff", "staff__office")
            .filter(digest=ApiToken.digest_of(token))
            .first()
        )
        if row is None or not row.staff.is_active:
            return None
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.staff
        request.parure_token = row  # type: ignore[attr-defined]
        return row.staff


class SessionAuth(APIKeyCookie):
    """The browser's session; CSRF is checked on unsafe methods."""

    param_name = "sessionid"

    def _get_key(self, request: HttpRequest) -> Any:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if policy.needs_two_factor(user):
            raise ApiError(403, "two_factor_required", "Verify your second factor in the browser before using the API.")
        return user


def requires(permission: str) -> Callable[[F], F]:
    """Declare and enforce the permission an API operation needs."""

    def decorate(operation: F) -> F:
        @functools.wraps(operation)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.has_perm(permission):
                raise ApiError(403, "forbidden", "Your role may not use this operation.")
            return operation(request, *args, **kwargs)

        wrapper._parure_access = permission  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _permission_before_validation(run: Any) -> Any:
    """Check each operation's declared permission right after authentication.

    ninja validates the request body before calling the operation, so without this a role that
    may not use an operation would learn about the body's shape (422) instead of being refused
    (403). Applied to every operation of every router at start-up.
    """
    operation = run.__self__
    permission = getattr(operation.view_func, "_parure_access", None)
    if permission:
        operation.auth_callbacks = [_then_require(callback, permission) for callback in operation.auth_callbacks]
    return run


def _then_require(callback: Any, permission: str) -> Any:
    def authenticate(request: HttpRequest) -> Any:
        result = callback(request)
        if result and not request.user.has_perm(permission):
            raise ApiError(403, "forbidden", "Your role may not use this operation.")
        return result

    return authenticate


def _docs_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and its docs page are for signed-in staff (a map of the API is not public)."""
    # Swagger UI sets inline styles; allow them on the docs page alone.
    relaxed_policy: dict[str, Any] = {**settings.SECURE_CSP, "style-src": ["'self'", "'unsafe-inline'"]}
    relaxed = csp_override(relaxed_policy)(view)

    @functools.wraps(relaxed)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not policy.is_staff_member(user):
            raise PermissionDenied("Your account has no role in the department.")
        if policy.needs_two_factor(user):
            return redirect("core:two_factor")
        return relaxed(request, *args, **kwargs)

    guarded._parure_access = "core.use_api"  # type: ignore[attr-defined]
    return guarded


class ParureAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """``<app>_<function>``, e.g. ``core_me``, ``inventory_item_move``: stable and readable."""
        app = operation.view_func.__module__.split(".")[1]
        return f"{app}_{operation.view_func.__name__}"


api = ParureAPI(
    title="Parure API",
    version="1",
    description="The jewelry department's records: offices, staff and, as they land, pieces, custody, "
    "clients, sales. Errors share one shape: status, code, message, fields.",
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    docs_decorator=_docs_view,
)

api.add_decorator(_permission_before_validation, mode="view")


def _error(
    request: HttpRequest, status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> HttpResponse:
    return api.create_response(
        request, {"status": status, "code": code, "message": message, "fields": fields or {}}, status=status
    )


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _error(request, exc.status, exc.code, exc.message, exc.fields)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, exc.status, exc.code, exc.message, {exc.field: [exc.message]} if exc.field else None)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")]
        fields.setdefault(".".join(location) or "request", []).append(str(error.get("msg", "Invalid value.")))
    return _error(request, 422, "invalid", "Some fields are not valid; see fields.", fields)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthenticated", "Sign in, or send a valid API token as ‘Authorization: Bearer …’.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "error", str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", str(exc) or "Nothing exists at this address.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "forbidden", str(exc) or "Your role may not use this operation.")


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return _error(request, 413, "too_large", f"The request is larger than {limit} MB; send it in smaller parts.")


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("Unhandled API error on %s", request.path)
    return _error(request, 500, "server_error", "Something went wrong on our side; it has been logged.")
