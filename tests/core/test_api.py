"""The REST API: tokens, sessions, the single error shape, the schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, RequestFactory

from parure.clients.errors import ClientErrorCode
from parure.core.api import ApiError, api
from parure.core.errors import CoreErrorCode, DomainError, ErrorCode, RefusalKind, status_for
from parure.core.models import AccessLogEntry, ApiToken
from parure.inventory.errors import InventoryErrorCode
from parure.research.errors import ResearchErrorCode
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


# --- One error shape: a refusal's kind alone decides its status -----------------------------


class SampleCode(ErrorCode):
    """Codes as an app declares them, one per kind."""

    BAD_CARAT = "bad_carat", RefusalKind.INVALID
    NO_SUCH_LOT = "no_such_lot", RefusalKind.NOT_FOUND
    MOVED_MEANWHILE = "moved_meanwhile", RefusalKind.CONFLICT
    CHECKED_OUT = "checked_out", RefusalKind.REFUSED
    NOT_YOUR_OFFICE = "not_your_office", RefusalKind.FORBIDDEN


class SampleError(DomainError[SampleCode]):
    pass


def _answer(refusal: Exception) -> tuple[int, dict[str, Any]]:
    """What the API's one exception handler answers for this refusal."""
    response = api.on_exception(RequestFactory().post("/api/v1/sample"), refusal)
    return response.status_code, json.loads(response.content)


def test_invalid_input_is_422() -> None:
    refusal = SampleError("A carat weight is a number above 0.", code=SampleCode.BAD_CARAT, field="carat")
    assert _answer(refusal) == (
        422,
        {
            "status": 422,
            "code": "bad_carat",
            "message": "A carat weight is a number above 0.",
            "fields": {"carat": ["A carat weight is a number above 0."]},
        },
    )


def test_a_record_that_is_not_there_is_404() -> None:
    refusal = SampleError("No lot 41 in this sale.", code=SampleCode.NO_SUCH_LOT)
    assert _answer(refusal) == (
        404,
        {"status": 404, "code": "no_such_lot", "message": "No lot 41 in this sale.", "fields": {}},
    )


def test_a_change_made_meanwhile_is_409() -> None:
    refusal = SampleError("Moved by Marcus Hale meanwhile; check and retry.", code=SampleCode.MOVED_MEANWHILE)
    assert _answer(refusal) == (
        409,
        {
            "status": 409,
            "code": "moved_meanwhile",
            "message": "Moved by Marcus Hale meanwhile; check and retry.",
            "fields": {},
        },
    )


def test_a_refusal_by_the_records_state_is_409() -> None:
    refusal = SampleError("The piece is checked out; return it first.", code=SampleCode.CHECKED_OUT, field="to")
    assert _answer(refusal) == (
        409,
        {
            "status": 409,
            "code": "checked_out",
            "message": "The piece is checked out; return it first.",
            "fields": {"to": ["The piece is checked out; return it first."]},
        },
    )


def test_an_action_the_person_may_not_take_is_403() -> None:
    refusal = SampleError("Only New York staff manage New York's places.", code=SampleCode.NOT_YOUR_OFFICE)
    assert _answer(refusal) == (
        403,
        {
            "status": 403,
            "code": "not_your_office",
            "message": "Only New York staff manage New York's places.",
            "fields": {},
        },
    )


def test_an_api_error_with_several_fields_gets_its_status_from_its_code_too() -> None:
    refusal = ApiError(
        "Two fields are wrong.",
        code=SampleCode.BAD_CARAT,
        fields={"carat": ["Above 0."], "colour": ["D to Z."]},
    )
    assert _answer(refusal) == (
        422,
        {
            "status": 422,
            "code": "bad_carat",
            "message": "Two fields are wrong.",
            "fields": {"carat": ["Above 0."], "colour": ["D to Z."]},
        },
    )


def test_every_kind_has_one_status_and_every_app_code_a_kind() -> None:
    assert {kind: status_for(kind) for kind in RefusalKind} == {
        RefusalKind.INVALID: 422,
        RefusalKind.NOT_FOUND: 404,
        RefusalKind.CONFLICT: 409,
        RefusalKind.REFUSED: 409,
        RefusalKind.FORBIDDEN: 403,
        RefusalKind.THROTTLED: 429,
        RefusalKind.MALFORMED: 400,
        RefusalKind.TOO_LARGE: 413,
        RefusalKind.MEDIA_TYPE: 415,
    }
    for enum in (CoreErrorCode, ClientErrorCode, InventoryErrorCode, ResearchErrorCode):
        assert all(isinstance(code.kind, RefusalKind) for code in enum), enum


def test_a_code_declared_without_a_kind_is_refused_when_the_app_loads() -> None:
    with pytest.raises(TypeError, match=r"^Broken 'oops': the second item must be a RefusalKind, not 422\.$"):

        class Broken(ErrorCode):
            OOPS = "oops", 422  # type: ignore[arg-type]
