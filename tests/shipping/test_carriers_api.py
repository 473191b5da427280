"""The carriers and policies API end to end: list, read, add, change; refusals in the shared error shape."""

from __future__ import annotations

import json
from typing import Any

import pytest

from parure.shipping.carriers.models import Carrier, InsurancePolicy
from tests.conftest import signed_in
from tests.shipping import carriers_world as cw
from tests.shipping.carriers_world import CarriersWorld


@pytest.fixture
def world(cast: Any) -> CarriersWorld:
    return cw.build(cast)


def _send(client: Any, method: str, url: str, body: dict[str, Any]) -> Any:
    return client.generic(method, url, data=json.dumps(body), content_type="application/json")


CARRIER = {"name": "Loomis", "level": "secure_carrier", "currency": "USD", "max_per_parcel": "1000000.00",
           "refused_materials": ["ivory"], "countries": ["US", "CA"], "signature_rule": "above_value",
           "signature_above": "1000.00"}  # fmt: skip


def test_carriers_listed_added_read_and_changed(world: CarriersWorld) -> None:
    reader = signed_in(world.cast.finance)
    listed = reader.get("/api/v1/shipping/carriers").json()
    assert [row["name"] for row in listed] == ["Brink's", "FedEx jewelry programme", "Ferrari Group",
                                               "Hand-carry by staff", "Malca-Amit", "USPS Registered Mail"]  # fmt: skip
    fedex = next(row for row in listed if row["name"] == "FedEx jewelry programme")
    assert {k: fedex[k] for k in ("max_per_parcel", "refused_materials", "countries", "signature_above")} == {
        "max_per_parcel": "50000.00", "refused_materials": ["ivory", "tortoiseshell", "coral"],
        "countries": ["US", "CA", "GB"], "signature_above": "500.00",
    }  # fmt: skip
    keeper = signed_in(world.cast.logistics)
    made = _send(keeper, "POST", "/api/v1/shipping/carriers", CARRIER)
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["name"], body["max_per_parcel"], body["updated_by"]) == ("Loomis", "1000000.00", "Daniel Ortiz")
    url = f"/api/v1/shipping/carriers/{body['id']}"
    assert reader.get(url).json()["countries"] == ["US", "CA"]
    changed = _send(keeper, "PUT", url, {**CARRIER, "is_active": False, "max_per_parcel": None})
    assert changed.status_code == 200
    assert (changed.json()["is_active"], changed.json()["max_per_parcel"]) == (False, None)
    assert [row["name"] for row in reader.get("/api/v1/shipping/carriers?active_only=true").json()].count("Loomis") == 0


def test_a_refused_carrier_answers_the_error_shape_and_saves_nothing(world: CarriersWorld) -> None:
    keeper = signed_in(world.cast.senior)
    response = _send(keeper, "POST", "/api/v1/shipping/carriers", {**CARRIER, "max_per_parcel": "-5"})
    assert response.status_code == 422
    assert response.json()["message"] == "The limit a parcel cannot be negative."
    assert response.json()["code"] == "invalid_amount"
    response = _send(keeper, "PUT", f"/api/v1/shipping/carriers/{world.usps.pk}", {**CARRIER, "name": "Malca-Amit"})
    assert (response.status_code, response.json()["code"]) == (409, "refused")
    response = _send(keeper, "POST", "/api/v1/shipping/carriers", {**CARRIER, "notes": "n" * 100_000})
    assert response.status_code == 422
    response = _send(keeper, "POST", "/api/v1/shipping/carriers", {**CARRIER, "countries": ["US"] * 10_000})
    assert response.status_code == 422
    assert signed_in(world.cast.finance).get("/api/v1/shipping/carriers/999999").status_code == 404
    assert not Carrier.objects.filter(name="Loomis").exists()
    forbidden = _send(signed_in(world.cast.auditor), "POST", "/api/v1/shipping/carriers", CARRIER)
    assert forbidden.status_code == 403


POLICY = {"insurer": "Chubb", "policy_number": "CH-2026-1", "currency": "USD", "per_parcel": "1000000.00",
          "per_day": "3000000.00", "levels": ["hand_carry"], "valid_from": "2026-01-01", "valid_to": "2026-12-31"}  # fmt: skip


def test_policies_listed_added_read_and_changed(world: CarriersWorld) -> None:
    reader = signed_in(world.cast.assistant)
    listed = reader.get("/api/v1/shipping/policies").json()
    assert [(row["policy_number"], row["office"], row["currency"]) for row in listed] == [
        ("GE-TV-2026-77", "GE", "CHF"), ("SPC-2026-0412", None, "USD")
    ]  # fmt: skip
    keeper = signed_in(world.cast.logistics)
    made = _send(keeper, "POST", "/api/v1/shipping/policies", {**POLICY, "office_id": world.ny.pk})
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["office"], body["per_day"], body["per_address"], body["levels"]) == (
        "NY", "3000000.00", None, ["hand_carry"]
    )  # fmt: skip
    url = f"/api/v1/shipping/policies/{body['id']}"
    assert reader.get(url).json()["policy_number"] == "CH-2026-1"
    changed = _send(keeper, "PUT", url, {**POLICY, "valid_to": "2027-06-30"})
    assert (changed.status_code, changed.json()["valid_to"], changed.json()["office"]) == (200, "2027-06-30", None)


def test_a_refused_policy_answers_the_error_shape_and_saves_nothing(world: CarriersWorld) -> None:
    keeper = signed_in(world.cast.logistics)
    before = list(InsurancePolicy.objects.values())
    response = _send(keeper, "POST", "/api/v1/shipping/policies", {**POLICY, "valid_to": "2025-12-31"})
    assert (response.status_code, response.json()["message"]) == (
        422, "The policy cannot end on 31 December 2025, before it starts on 1 January 2026."
    )  # fmt: skip
    response = _send(keeper, "POST", "/api/v1/shipping/policies", {**POLICY, "office_id": 987654})
    assert (response.status_code, response.json()["message"]) == (404, "No such office; choose one, or every office.")
    response = _send(keeper, "POST", "/api/v1/shipping/policies", {**POLICY, "levels": ["air"]})
    assert response.status_code == 422
    response = _send(keeper, "PUT", f"/api/v1/shipping/policies/{world.geneva.pk}",
                     {**POLICY, "insurer": "Hiscox Specie", "policy_number": "SPC-2026-0412"})  # fmt: skip
    assert (response.status_code, response.json()["message"]) == (
        409, "Hiscox Specie's policy SPC-2026-0412 is recorded already; edit that one."
    )  # fmt: skip
    assert list(InsurancePolicy.objects.values()) == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {**CARRIER, "countries": "US"},
        {**CARRIER, "countries": [1, 2]},
        {**CARRIER, "max_per_parcel": 1e308},
        {**CARRIER, "max_per_parcel": "9" * 30},
        {**CARRIER, "level": None},
        {**CARRIER, "refused_materials": [{"a": 1}]},
        {**CARRIER, "name": "\x00"},
        {**CARRIER, "currency": "€€€"},
    ],
)
def test_malformed_carriers_are_refused_never_a_server_error(world: CarriersWorld, body: dict[str, Any]) -> None:
    response = _send(signed_in(world.cast.logistics), "POST", "/api/v1/shipping/carriers", body)
    assert response.status_code == 422, response.content
    assert set(response.json()) == {"status", "code", "message", "fields"}
    assert not Carrier.objects.filter(name="Loomis").exists()
