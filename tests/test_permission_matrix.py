"""Every page and API operation against every role and an anonymous visitor.

The declared matrix (tests/<app>/routes.py) must name exactly the routes that exist: a new
route without a declaration fails here, and so does a declaration for a route that is gone.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from parure.core import policy
from parure.core.api import api
from tests.conftest import signed_in
from tests.matrix import ANONYMOUS, EVERYONE, declarations

PAGES, OPERATIONS, BUILDERS = declarations()


def _url_names(resolver: URLResolver, namespace: str = "") -> dict[str, Any]:
    names: dict[str, Any] = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names.update(_url_names(entry, inner))
        elif isinstance(entry, URLPattern) and entry.name:
            names[f"{namespace}{entry.name}"] = entry
    return names


def _api_operations() -> dict[str, tuple[str, Any]]:
    """operation id → (HTTP method, the operation's view function), for every API operation."""
    found = {}
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                op_id = operation.operation_id or api.get_openapi_operation_id(operation)
                found[op_id] = (operation.methods[0], operation.view_func)
    return found


ALL_NAMES = _url_names(get_resolver())
# API operations are walked separately below; admin URLs share one declaration.
PAGE_NAMES = {
    name
    for name in ALL_NAMES
    if not name.startswith("admin:") and not (name.startswith("api:") and not name.startswith("api:openapi"))
}
PAGE_NAMES |= {"admin:*"} | ({"api:api-root"} & set(ALL_NAMES))


def test_every_page_is_declared_in_the_matrix() -> None:
    assert sorted(PAGE_NAMES - set(PAGES)) == [], "routes without a declaration in tests/<app>/routes.py"
    assert sorted(set(PAGES) - PAGE_NAMES) == [], "declarations for routes that do not exist"


def test_every_page_view_declares_its_permission() -> None:
    undeclared = []
    for name in PAGE_NAMES - {"admin:*", "api:api-root", "api:openapi-json", "api:openapi-view"}:
        if policy.declared_access(ALL_NAMES[name].callback) is None:
            undeclared.append(name)
    assert undeclared == []


def test_every_api_operation_is_declared_and_guarded() -> None:
    operations = _api_operations()
    assert sorted(set(operations) - set(OPERATIONS)) == [], "API operations without a matrix declaration"
    assert sorted(set(OPERATIONS) - set(operations)) == [], "declarations for API operations that do not exist"
    unguarded = [op_id for op_id, (_, view) in operations.items() if not hasattr(view, "_parure_access")]
    assert unguarded == [], "API operations without @requires(...)"


@pytest.fixture
def world(cast: Any) -> SimpleNamespace:
    world = SimpleNamespace(cast=cast)
    for build in BUILDERS:
        build(world)
    return world


def _client(role: str, cast: Any) -> Client:
    return Client() if role == ANONYMOUS else signed_in(cast.by_role()[role])


def _page_urls(name: str, world: SimpleNamespace) -> list[str]:
    if name == "admin:*":
        # Every admin page without URL arguments; autocomplete answers 403 without its query
        # parameters, even to administrators, and login/logout are not pages of their own here.
        skipped = ("admin:logout", "admin:login", "admin:autocomplete")
        return [
            reverse(admin_name)
            for admin_name, pattern in ALL_NAMES.items()
            if admin_name.startswith("admin:") and "<" not in str(pattern.pattern) and admin_name not in skipped
        ]
    return [reverse(name, kwargs=PAGES[name].kwargs(world))]


def _is_refused(role: str, response: Any) -> bool:
    if role == ANONYMOUS and response.request["PATH_INFO"].startswith("/api/"):
        return response.status_code == 401 and response.json()["code"] == "unauthenticated"
    if role == ANONYMOUS:
        return response.status_code == 302 and response["Location"].startswith("/sign-in/?next=")
    return response.status_code == 403


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_pages_allow_exactly_the_declared_roles(role: str, cast: Any, world: SimpleNamespace) -> None:
    client = _client(role, cast)
    mismatches = []
    for name, page in sorted(PAGES.items()):
        for url in _page_urls(name, world):
            response = client.post(url) if page.method == "POST" else client.get(url)
            refused = _is_refused(role, response)
            expected_allowed = role in page.allowed
            if refused == expected_allowed:
                mismatches.append(
                    f"{name} {url}: {response.status_code}, expected {'allowed' if expected_allowed else 'refused'}"
                )
            if page.method == "POST" and name == "core:logout":
                client = _client(role, cast)  # signing out ends the session; sign back in
    assert mismatches == []


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_api_operations_allow_exactly_the_declared_roles(role: str, cast: Any, world: SimpleNamespace) -> None:
    client = _client(role, cast)
    schema = api.get_openapi_schema()
    mismatches = []
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            declared = OPERATIONS[spec["operationId"]]
            url = path.format(**declared.params(world))
            response = client.generic(method.upper(), url, content_type="application/json", data="{}")
            refused = response.status_code == (401 if role == ANONYMOUS else 403)
            if refused == (role in declared.allowed):
                mismatches.append(f"{method.upper()} {url}: {response.status_code}")
            if refused:
                body = response.json()
                assert set(body) == {"status", "code", "message", "fields"}, body
    assert mismatches == []


def test_an_undeclared_page_is_refused_even_to_administrators(cast: Any, client_for: Any, settings: Any) -> None:
    """Deny by default: a view that forgot its declaration is not served."""
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    import parure.urls

    def forgotten(request: Any) -> HttpResponse:
        return HttpResponse("secret")

    original = list(parure.urls.urlpatterns)
    parure.urls.urlpatterns.append(path("forgotten/", forgotten, name="forgotten"))
    clear_url_caches()
    try:
        response = client_for(cast.administrator).get("/forgotten/")
    finally:
        parure.urls.urlpatterns[:] = original
        clear_url_caches()
    assert response.status_code == 403
    assert b"secret" not in response.content


def test_the_matrix_notices_a_new_route_without_a_declaration() -> None:
    """The completeness check above is live: adding a route makes it fail until it is declared."""
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    import parure.urls

    original = list(parure.urls.urlpatterns)
    parure.urls.urlpatterns.append(path("new-page/", lambda request: HttpResponse(), name="new_page"))
    clear_url_caches()
    try:
        names = set(_url_names(get_resolver()))
    finally:
        parure.urls.urlpatterns[:] = original
        clear_url_caches()
    assert "new_page" in names and "new_page" not in PAGES
