"""The REST API root at /api/v1/ (django-ninja, OpenAPI 3.1 at /api/v1/openapi.json).

Authentication: the browser's session (with CSRF on writes) or a per-user API token sent as
``Authorization: Bearer prt_…``. Every operation declares its permission with :func:`requires`;
the route × role matrix test walks every operation. Every failure has one shape::

    {"status": 403, "code": "forbidden", "message": "…", "fields": {"name": ["…"]}}
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.params.models import BodyModel
from ninja.parser import Parser
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from parure.core import policy
from parure.core.errors import CoreErrorCode, DomainError, ErrorCode, status_for
from parure.core.models import ApiToken
from parure.core.text import unstorable

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("parure.api")


class ApiError(DomainError[ErrorCode]):
    """A refusal an API handler raises itself, when it concerns several fields at once.

    Its code comes from any app's enum and decides the status like every other refusal.
    """

    def __init__(self, message: str, *, code: ErrorCode, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message, code=code)
        self.fields = fields or {}


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


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class SessionAuth(APIKeyCookie):
    """The browser's session. An unsafe method needs the CSRF token (header ``X-CSRFToken``).

    The session cookie is sent by the browser whatever page made the request, so a write it
    authenticates must prove it came from one of our pages: Django's CSRF check (origin and
    token) runs here because ninja exempts its views from the middleware. A bearer token is not
    ambient, so :class:`TokenAuth` needs no such check.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> Any:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method in UNSAFE_METHODS and check_csrf(request) is not None:
            raise ApiError(
                "This write came without the page's CSRF token (or from another site); "
                "reload the page and try again, or use an API token.",
                code=CoreErrorCode.CSRF_FAILED,
            )
        if policy.needs_two_factor(user):
            raise ApiError(
                "Verify your second factor in the browser before using the API.", code=CoreErrorCode.TWO_FACTOR_REQUIRED
            )
        return user


def requires(permission: str) -> Callable[[F], F]:
    """Declare and enforce the permission an API operation needs."""

    def decorate(operation: F) -> F:
        @functools.wraps(operation)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.has_perm(permission):
                raise ApiError("Your role may not use this operation.", code=CoreErrorCode.FORBIDDEN)
            return operation(request, *args, **kwargs)

        wrapper._parure_access = permission  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _permission_before_validation(run: Any) -> Any:
    """Check each operation's declared permission, and its body's media type, right after authentication.

    ninja validates the request body before calling the operation, so without this a role that
    may not use an operation would learn about the body's shape (422) instead of being refused
    (403). An operation that reads a JSON body refuses any other media type (415): ninja would
    otherwise parse a ``text/plain`` body as JSON, the form a cross-site request takes. Applied
    to every operation of every router at start-up.
    """
    operation = run.__self__
    permission = getattr(operation.view_func, "_parure_access", None)
    reads_json = any(issubclass(model, BodyModel) for model in operation.models)
    if permission or reads_json:
        operation.auth_callbacks = [
            _checked_class(type(callback))(callback, permission, reads_json) for callback in operation.auth_callbacks
        ]
    return run


def _is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (media_type.startswith("application/") and media_type.endswith("+json"))


class _Checked:
    """An operation's authentication followed by the checks that come before ninja validates anything.

    The permission (403), the body's media type (415), JSON that parses (400), and text that a
    database can store (422 naming each field: no NUL, no unpaired surrogate, in the body, the
    query or the path), so that no input reaches a service, half-writes and then fails in the
    database.

    It keeps the wrapped scheme's OpenAPI description (and, through :func:`_checked_class`, its
    class name, which ninja uses as the scheme's name), so the document still lists the API's
    security schemes.
    """

    is_async = False

    def __init__(self, inner: Any, permission: str | None, reads_json: bool) -> None:
        self.inner, self.permission, self.reads_json = inner, permission, reads_json
        self.openapi_security_schema = inner.openapi_security_schema

    def __call__(self, request: HttpRequest) -> Any:
        result = self.inner(request)
        if not result:
            return result
        if self.permission and not request.user.has_perm(self.permission):
            raise ApiError("Your role may not use this operation.", code=CoreErrorCode.FORBIDDEN)
        if unstorable(request.path):
            raise ApiError("Nothing exists at this address.", code=CoreErrorCode.NOT_FOUND)
        refuse_unstorable_text(request.GET.lists())
        if self.reads_json and request.body:
            if not _is_json(request.content_type or ""):
                raise ApiError(
                    "Send the body as JSON (Content-Type: application/json).", code=CoreErrorCode.UNSUPPORTED_MEDIA_TYPE
                )
            request.parure_json = _parsed_json(request)  # type: ignore[attr-defined]
        return result


UNSTORABLE_TEXT = "Text may not contain NUL characters or unpaired surrogates."


def refuse_unstorable_text(items: Any) -> None:
    """Refuse (422, naming each field) text no database column can hold, before anything is written."""
    fields: dict[str, list[str]] = {}
    for name, values in items:
        texts = [str(name), *(value for value in values if isinstance(value, str))]
        if any(unstorable(text) for text in texts):
            fields.setdefault(str(name), []).append(UNSTORABLE_TEXT)
    if fields:
        raise ApiError("Some fields are not valid; see fields.", code=CoreErrorCode.INVALID, fields=fields)


def _walk(value: Any, path: str) -> Any:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _walk(inner, f"{path}.{key}" if path else str(key))
            if unstorable(str(key)):
                yield path or "request", UNSTORABLE_TEXT
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _walk(inner, f"{path}.{index}" if path else str(index))
    elif isinstance(value, str) and unstorable(value):
        yield path or "request", UNSTORABLE_TEXT


def _parsed_json(request: HttpRequest) -> Any:
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError):
        raise ApiError("The body is not valid JSON.", code=CoreErrorCode.MALFORMED) from None
    fields: dict[str, list[str]] = {}
    for path, message in _walk(data, ""):
        fields.setdefault(path, []).append(message)
    if fields:
        raise ApiError("Some fields are not valid; see fields.", code=CoreErrorCode.INVALID, fields=fields)
    return data


class _CheckedJsonParser(Parser):
    """Reads the body that the permission step already parsed and checked, instead of parsing it twice."""

    def parse_body(self, request: HttpRequest) -> Any:
        parsed = getattr(request, "parure_json", None)
        return parsed if parsed is not None else super().parse_body(request)


_checked_classes: dict[str, type[_Checked]] = {}


def _checked_class(scheme: type) -> type[_Checked]:
    if scheme.__name__ not in _checked_classes:
        _checked_classes[scheme.__name__] = type(scheme.__name__, (_Checked,), {"__module__": __name__})
    return _checked_classes[scheme.__name__]


def _docs_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and its docs page are for signed-in staff (a map of the API is not public)."""
    # Swagger UI sets inline styles; allow them on the docs page alone.
    relaxed_policy: dict[str, Any] = {**settings.SECURE_CSP, "style-src": ["'self'", "'unsafe-inline'"]}
    relaxed = csp_override(relaxed_policy)(view)

    @functools.wraps(relaxed)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # An API token opens the schema too (a client generator needs it); anonymous callers get
        # the API's own 401, never the sign-in page.
        if request.headers.get("Authorization", "").startswith("Bearer "):
            TokenAuth()(request)
        user: Any = request.user
        if not user.is_authenticated:
            return _error(
                request, 401, "unauthenticated", "Sign in, or send a valid API token as ‘Authorization: Bearer …’."
            )
        if not policy.is_staff_member(user):
            return _refusal(request, CoreErrorCode.FORBIDDEN, "Your account has no role in the department.", {})
        if policy.needs_two_factor(user) and getattr(request, "parure_token", None) is None:
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
    parser=_CheckedJsonParser(),
)

api.add_decorator(_permission_before_validation, mode="view")


def _all_or_nothing(run: Any) -> Any:
    """Run each unsafe operation, its response included, in one transaction, rolled back on a server error.

    Services are atomic each; this also covers an operation that calls two, and a failure after
    the service returned (building the response), which would otherwise leave a committed record
    behind a 500.
    """

    @functools.wraps(run)
    def atomic_run(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.method not in UNSAFE_METHODS:
            return run(request, *args, **kwargs)
        with transaction.atomic():
            response = run(request, *args, **kwargs)
            if response.status_code >= 500:
                transaction.set_rollback(True)
            return response

    return atomic_run


api.add_decorator(_all_or_nothing, mode="view")


def _error(
    request: HttpRequest, status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> HttpResponse:
    return api.create_response(
        request, {"status": status, "code": code, "message": message, "fields": fields or {}}, status=status
    )


def _refusal(request: HttpRequest, code: ErrorCode, message: str, fields: dict[str, list[str]]) -> HttpResponse:
    """Every refusal's body; the status comes from the code's kind (``parure.core.errors``)."""
    return _error(request, status_for(code.kind), code.value, message, fields)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError[ErrorCode]) -> HttpResponse:
    if isinstance(exc, ApiError):
        return _refusal(request, exc.code, exc.message, exc.fields)
    return _refusal(request, exc.code, exc.message, {exc.field: [exc.message]} if exc.field else {})


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")]
        fields.setdefault(".".join(location) or "request", []).append(str(error.get("msg", "Invalid value.")))
    return _refusal(request, CoreErrorCode.INVALID, "Some fields are not valid; see fields.", fields)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthenticated", "Sign in, or send a valid API token as ‘Authorization: Bearer …’.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "error", str(exc))


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    message = f"The request is larger than the {size} this API accepts; send it in smaller parts."
    return _refusal(request, CoreErrorCode.TOO_LARGE, message, {})


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _refusal(request, CoreErrorCode.NOT_FOUND, str(exc) or "Nothing exists at this address.", {})


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _refusal(request, CoreErrorCode.FORBIDDEN, str(exc) or "Your role may not use this operation.", {})


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("Unhandled API error on %s", request.path)
    return _error(request, 500, "server_error", "Something went wrong on our side; it has been logged.")
