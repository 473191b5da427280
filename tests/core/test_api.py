"""The REST API: tokens, sessions, the single error shape, the schema."""

from __future__ import annotations

from typing import Any

from django.test import Client

from parure.core.models import AccessLogEntry, ApiToken
from tests.conftest import Cast


def test_a_token_created_in_the_ui_works_once_shown_and_stops_when_revoked(cast: Cast, client_for: Any) -> None:
    page = client_for(cast.senior)
    response = page.post("/account/tokens/", {"name": "Photo studio uploader"})
    secret = response.context["new_secret"]
    assert secret.startswith("prt_") and secret.encode() in response.content
    token = ApiToken.objects.get(name="Photo studio uploader")
    assert token.digest == ApiToken.digest_of(secret) and secret not in token.digest
    assert secret.encode() not in page.get("/account/tokens/").content  # shown once only

    api = Client(headers={"Authorization": f"Bearer {secret}"})
    me = api.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json() == {
        "id": cast.senior.pk,
        "username": "eleanor",
        "name": "Eleanor Whitcombe",
        "role": "senior_specialist",
        "office": "NY",
    }

    page.post(f"/account/tokens/{token.pk}/revoke/")
    refused = api.get("/api/v1/me")
    assert refused.status_code == 401
    assert refused.json() == {
        "status": 401,
        "code": "unauthenticated",
        "message": "Sign in, or send a valid API token as ‘Authorization: Bearer …’.",
        "fields": {},
    }
    assert list(AccessLogEntry.objects.filter(subject_kind="api_token").values_list("detail", flat=True)) == [
        "revoked",
        "created",
    ]


def test_nobody_can_revoke_someone_elses_token(cast: Cast, client_for: Any) -> None:
    token, _ = ApiToken.issue(staff=cast.senior, name="Eleanor's")
    response = client_for(cast.assistant).post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_role_without_the_permission_gets_the_error_shape(cast: Cast) -> None:
    _, secret = ApiToken.issue(staff=cast.assistant, name="x")
    response = Client(headers={"Authorization": f"Bearer {secret}"}).get("/api/v1/access-log")
    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "code": "forbidden",
        "message": "Your role may not use this operation.",
        "fields": {},
    }


def test_invalid_input_names_the_field(cast: Cast) -> None:
    _, secret = ApiToken.issue(staff=cast.auditor, name="x")
    response = Client(headers={"Authorization": f"Bearer {secret}"}).get("/api/v1/access-log?limit=abc")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid" and body["message"] == "Some fields are not valid; see fields."
    assert list(body["fields"]) == ["limit"]


def test_the_schema_is_served_to_signed_in_staff(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.senior)
    assert client.get("/api/v1/openapi.json").status_code == 200
    # Anonymous callers get the API's 401 JSON (tests/core/test_api_csrf.py), never a sign-in page.
    assert Client().get("/api/v1/openapi.json").status_code == 401


def test_the_schema_is_openapi_3_1_with_readable_operation_ids(cast: Cast, client_for: Any) -> None:
    schema = client_for(cast.senior).get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    operation_ids = {spec["operationId"] for methods in schema["paths"].values() for spec in methods.values()}
    assert {"core_me", "core_offices", "core_staff", "core_access_log"} <= operation_ids


def test_the_docs_page_loads_its_assets_from_parure_itself(cast: Cast, client_for: Any) -> None:
    page = client_for(cast.senior).get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
