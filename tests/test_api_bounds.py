"""The API's schema layer refuses, before any service runs, what no page could send.

Every app's choices are enums in the schema (a wrong value is a 422 naming the field, and the
OpenAPI document lists the values), integers that reach SQL stay within 64 bits, decimals within
their columns, texts within the page's limits.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from parure.clients.models import Client as ClientFile
from parure.core.models import ApiToken
from tests.conftest import Cast
from tests.guards import unchanged
from tests.inventory import world

BEYOND_64_BITS = 2**63


def _api(staff: Any) -> Client:
    """A token client already used once, so a refused request writes nothing of its own."""
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get("/api/v1/me").status_code == 200
    return api


def _send(api: Client, method: str, url: str, body: dict[str, Any] | None = None, **query: Any) -> Any:
    if method == "get":
        return api.get(url, query)
    return getattr(api, method)(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def places(cast: Cast) -> dict[str, world.Places]:
    return world.build_all_places(cast)


@pytest.fixture
def consignor(db: Any) -> Any:
    return world.consignor()


@pytest.fixture
def ring(cast: Cast, places: dict[str, world.Places], consignor: Any) -> Any:
    return world.take_in(cast.senior, consignor, world.piece())[0]


def _refused(api: Client, method: str, url: str, body: dict[str, Any] | None = None, **query: Any) -> dict[str, Any]:
    with unchanged():
        response = _send(api, method, url, body, **query)
    assert response.status_code == 422, response.content
    payload: dict[str, Any] = response.json()
    assert payload["status"] == 422
    return payload["fields"]


def test_a_wrong_choice_in_the_inventory_api_is_a_422_naming_the_field(cast: Cast, ring: Any) -> None:
    assert _refused(_api(cast.senior), "get", "/api/v1/inventory/items", status="lost") == {
        "status": ["Input should be 'in_house', 'checked_out', 'in_transit', 'released' or 'returned'"]
    }


def test_a_wrong_choice_in_the_count_api_is_a_422_naming_the_field(cast: Cast, places: Any) -> None:
    body = {"scope": "shelf", "location": places["NY"].vault.pk, "counter": "marcus", "witness": "priya"}
    assert _refused(_api(cast.senior), "post", "/api/v1/inventory/counts", body) == {
        "scope": ["Input should be 'location', 'office' or 'department'"]
    }


def test_a_wrong_choice_in_the_client_book_api_is_a_422_and_the_file_is_untouched(cast: Cast, consignor: Any) -> None:
    url = f"/api/v1/clients/{consignor.number}/kyc"
    assert _refused(_api(cast.senior), "put", url, {"status": "approved"}) == {
        "status": ["Input should be '', 'not_started', 'pending', 'verified', 'expired', 'refused'"]
    }
    assert ClientFile.objects.get(pk=consignor.pk).kyc_status == "not_started"


def test_a_place_id_beyond_64_bits_is_a_422_not_an_overflow(cast: Cast, ring: Any) -> None:
    url = f"/api/v1/inventory/items/{ring.stock_number}/move"
    assert _refused(_api(cast.assistant), "post", url, {"to": BEYOND_64_BITS}) == {
        "to": ["Input should be less than or equal to 9223372036854775807"]
    }


def test_a_job_id_beyond_64_bits_is_a_422(cast: Cast) -> None:
    assert _refused(_api(cast.senior), "get", f"/api/v1/jobs/{BEYOND_64_BITS}") == {
        "job_id": ["Input should be less than or equal to 9223372036854775807"]
    }


def test_a_rate_or_fee_beyond_its_column_is_a_422(cast: Cast, places: Any, consignor: Any) -> None:
    body = {
        "consignor": consignor.number,
        "commission_rate": "1e131",
        "photography_fee": "123456789.001",
        "pieces": [{"category": "ring", "title": "Ring", "stated_value": "1e131"}],
    }
    assert _refused(_api(cast.senior), "post", "/api/v1/inventory/consignments", body) == {
        "commission_rate": ["Decimal input should have no more than 5 digits in total"],
        "photography_fee": ["Decimal input should have no more than 10 digits in total"],
        "pieces.0.stated_value": ["Decimal input should have no more than 14 digits in total"],
    }


def test_a_want_price_beyond_its_column_is_a_422(cast: Cast, consignor: Any) -> None:
    url = f"/api/v1/clients/{consignor.number}/wants"
    body = {"categories": ["ring"], "currency": "USD", "price_min": "1e131"}
    assert _refused(_api(cast.senior), "post", url, body) == {
        "price_min": ["Decimal input should have no more than 14 digits in total"]
    }


def test_a_gemology_reading_longer_than_any_box_is_a_422(cast: Cast) -> None:
    fields = _refused(_api(cast.senior), "get", "/api/v1/research/gemology/ring-sizes", size="7" * 101, system="US")
    assert fields == {"size": ["String should have at most 100 characters"]}


def test_the_openapi_document_lists_the_values_of_a_choice() -> None:
    from parure.core.api import api

    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert schemas["KycIn"]["properties"]["status"]["enum"] == [
        "", "not_started", "pending", "verified", "expired", "refused",
    ]  # fmt: skip
    assert schemas["CountScope"]["enum"] == ["location", "office", "department"]
    assert schemas["PieceIn"]["properties"]["category"] == {"$ref": "#/components/schemas/ItemCategory"}
    assert schemas["ItemCategory"]["enum"] == [
        "ring", "necklace", "brooch", "earrings", "bracelet", "pendant", "cufflinks", "watch",
        "loose_stone", "tiara", "suite", "object", "other",
    ]  # fmt: skip
    assert schemas["MoveIn"]["properties"]["reason"]["maxLength"] == 500


def test_no_two_api_schemas_share_a_name() -> None:
    """The OpenAPI document names each schema by its class: two classes of one name would publish one of
    them under the other's description."""
    import ast
    from collections import Counter
    from pathlib import Path

    names: Counter[str] = Counter()
    for path in (Path(__file__).resolve().parent.parent / "parure").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and base.id in ("Schema", "Shaped") for base in node.bases
            ):
                names[node.name] += 1
    assert sorted(name for name, count in names.items() if count > 1) == []
