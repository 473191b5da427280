"""Writes authenticated by the browser's session need the page's CSRF token; tokens do not.

The sweep is generated from the OpenAPI document, so an operation added later is covered the
day it exists: every unsafe operation, called with the session cookie alone from a foreign
origin in the shape a cross-site form takes (``text/plain``), is refused with 403 and changes
no row in any table.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from parure.core.api import api
from parure.core.models import ApiToken
from tests.matrix import declarations

_, OPERATIONS, BUILDERS = declarations()
UNSAFE = {"post", "put", "patch", "delete"}


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _unsafe_operations(world: SimpleNamespace) -> list[tuple[str, str, str]]:
    schema = api.get_openapi_schema()
    found = []
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            if method in UNSAFE:
                url = path.format(**OPERATIONS[spec["operationId"]].params(world))
                found.append((spec["operationId"], method.upper(), url))
    return found


@pytest.fixture
def world(cast: Any) -> SimpleNamespace:
    world = SimpleNamespace(cast=cast)
    for build in BUILDERS:
        build(world)
    return world


def _session_client(staff: Any) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize("role", ["senior", "assistant"])
def test_every_unsafe_operation_refuses_a_cross_site_session_write(role: str, world: SimpleNamespace) -> None:
    staff = world.cast.senior if role == "senior" else world.cast.assistant
    client = _session_client(staff)
    operations = _unsafe_operations(world)
    assert len(operations) > 30  # the sweep really walks the API, not an empty list
    before = _row_counts()
    answered = {}
    for operation_id, method, url in operations:
        response = client.generic(
            method, url, data='{"reason": "cross-site"}', content_type="text/plain", HTTP_ORIGIN="https://evil.example"
        )
        answered[operation_id] = (response.status_code, response.json()["code"])
    assert {op: result for op, result in answered.items() if result != (403, "csrf_failed")} == {}
    assert _row_counts() == before


def test_a_session_write_without_a_token_is_refused_even_from_our_own_origin(world: SimpleNamespace) -> None:
    client = _session_client(world.cast.senior)
    response = client.post(
        "/api/v1/clients/", data="{}", content_type="application/json", HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "code": "csrf_failed",
        "message": "This write came without the page's CSRF token (or from another site); "
        "reload the page and try again, or use an API token.",
        "fields": {},
    }


def test_a_session_write_with_the_pages_token_passes_the_check(world: SimpleNamespace) -> None:
    client = _session_client(world.cast.senior)
    client.get("/")  # the page sets the CSRF cookie, as a browser's first page does
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/clients/",
        data='{"kind": "person", "given_name": "Honoria", "family_name": "Quillfeather"}',
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201
    assert response.json()["display_name"] == "Honoria Quillfeather"


def test_a_json_operation_refuses_another_media_type_with_415(world: SimpleNamespace) -> None:
    client = _session_client(world.cast.senior)
    client.get("/")
    token = client.cookies["csrftoken"].value
    before = _row_counts()
    response = client.post(
        "/api/v1/clients/",
        data='{"kind": "person", "family_name": "Plain"}',
        content_type="text/plain",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 415
    assert response.json() == {
        "status": 415,
        "code": "unsupported_media_type",
        "message": "Send the body as JSON (Content-Type: application/json).",
        "fields": {},
    }
    assert _row_counts() == before


def test_a_bearer_token_write_needs_no_csrf_token(world: SimpleNamespace) -> None:
    _, secret = ApiToken.issue(staff=world.cast.senior, name="CSRF test")
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    response = client.post(
        "/api/v1/clients/",
        data='{"kind": "person", "given_name": "Honoria", "family_name": "Quillfeather"}',
        content_type="application/json",
    )
    assert response.status_code == 201


def test_the_schema_answers_anonymous_callers_with_the_apis_401(db: Any) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_the_schema_is_served_to_a_token_client(world: SimpleNamespace) -> None:
    _, secret = ApiToken.issue(staff=world.cast.assistant, name="Schema reader")
    response = Client(headers={"Authorization": f"Bearer {secret}"}).get("/api/v1/openapi.json")
    assert response.status_code == 200
    schemes = response.json()["components"]["securitySchemes"]
    assert schemes["TokenAuth"]["scheme"] == "bearer" and schemes["SessionAuth"]["in"] == "cookie"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"kind": "person", "family_name": "Nul\\u0000l"}', "family_name"),
        ('{"kind": "person", "family_name": "Lone \\ud800 surrogate"}', "family_name"),
        ('{"kind": "person", "family_name": "Ok", "emails": ["a\\u0000@example.org"]}', "emails.0"),
    ],
)
def test_text_no_database_can_store_is_refused_naming_the_field(world: SimpleNamespace, body: str, field: str) -> None:
    _, secret = ApiToken.issue(staff=world.cast.senior, name="Fuzz")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    client.get("/api/v1/me")  # the token's first use stamps it; the guard below counts rows only
    before = _row_counts()
    response = client.post("/api/v1/clients/", data=body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["fields"] == {field: ["Text may not contain NUL characters or unpaired surrogates."]}
    assert _row_counts() == before


def test_nul_in_a_query_and_malformed_or_oversized_bodies_are_refused(world: SimpleNamespace, settings: Any) -> None:
    _, secret = ApiToken.issue(staff=world.cast.senior, name="Fuzz")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    query = client.get("/api/v1/clients/?q=ab%00cd")
    assert query.status_code == 422 and query.json()["fields"] == {
        "q": ["Text may not contain NUL characters or unpaired surrogates."]
    }
    malformed = client.post("/api/v1/clients/", data='{"kind": ', content_type="application/json")
    assert malformed.status_code == 400 and malformed.json()["message"] == "The body is not valid JSON."
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    large = client.post(
        "/api/v1/clients/", data='{"private_note": "' + "x" * 2048 + '"}', content_type="application/json"
    )
    assert large.status_code == 413
    assert large.json()["message"] == "The request is larger than the 1 KB this API accepts; send it in smaller parts."
