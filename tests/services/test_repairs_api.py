"""The repairs API end to end: take-in, tasks, pricing and approval, the stages, collection; refusals in
the shared error shape; confidential values per role."""

from __future__ import annotations

import base64
import json
from datetime import date, timedelta
from typing import Any

import pytest

from parure.services.repairs.models import RepairJob
from tests.conftest import signed_in
from tests.services import repairs_world as rw


@pytest.fixture
def world(cast: Any) -> rw.RepairWorld:
    return rw.build(cast)


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _take_in_body(world: rw.RepairWorld, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client_number": world.client.number,
        "category": "bracelet",
        "description": "Yellow metal bracelet with a box clasp",
        "client_states": "Client states: the clasp opens by itself.",
        "condition_notes": "Tongue of the clasp worn thin.",
        "declared_value": "4200.00",
        "estimate_only": True,
        "due_on": (date.today() + timedelta(days=7)).isoformat(),
        "vendor_id": world.vendor.pk,
        "lines": [
            {"task_code": "POLISH"},
            {"description": "New box clasp tongue", "labour": "90.00", "material": "35.00"},
        ],
        "signature": {"kind": "tablet", "png_base64": base64.b64encode(rw.signature_png()).decode()},
    }
    body.update(overrides)
    return body


def test_a_repair_through_the_api_from_take_in_to_collection(world: rw.RepairWorld) -> None:
    client = signed_in(world.cast.assistant)
    response = _post(client, "/api/v1/services/repairs", _take_in_body(world))
    assert response.status_code == 201, response.content
    job = response.json()
    number = job["number"]
    assert (job["stage"], job["total"], job["declared_value"], job["client"]) == (
        "taken_in", "185.00", "4200.00", "Mrs Harriet Okafor"
    )  # fmt: skip
    base = f"/api/v1/services/repairs/{number}"
    assert _post(client, base + "/stage", {"to": "estimated"}).json()["stage"] == "estimated"
    refused = _post(client, base + "/stage", {"to": "at_bench"})
    assert refused.status_code == 409
    assert refused.json() == {
        "status": 409, "code": "repair_not_approved", "fields": {"stage": [refused.json()["message"]]},
        "message": f"{number} is an estimate only: record the client's approval before the work starts.",
    }  # fmt: skip
    approved = _post(client, base + "/approve", {"channel": "email", "amount": "185.00"}).json()
    assert approved["stage"] == "approved" and approved["invoice_number"]
    for stage in ("at_bench", "returned", "quality_checked", "ready"):
        assert _post(client, base + "/stage", {"to": stage}).json()["stage"] == stage
    unpaid = _post(client, base + "/collect", {"signature": {"kind": "printed"}})
    assert (unpaid.status_code, unpaid.json()["code"]) == (409, "repair_not_paid")
    rw.pay(RepairJob.objects.get(number=number), world.cast.finance)
    assert _post(client, base + "/collect", {"signature": {"kind": "printed"}}).json()["stage"] == "collected"
    history = client.get(base).json()["history"]
    assert [row["to_stage"] for row in history] == [
        "taken_in", "estimated", "approved", "at_bench", "returned", "quality_checked", "ready", "collected"
    ]  # fmt: skip


def test_bad_input_is_refused_with_the_field_named_and_nothing_saved(world: rw.RepairWorld) -> None:
    client = signed_in(world.cast.assistant)
    response = _post(client, "/api/v1/services/repairs", _take_in_body(world, declared_value="lots"))
    assert response.status_code == 422
    assert response.json()["fields"] == {"declared_value": ["The declared value is not an amount: ‘lots’."]}
    response = _post(
        client, "/api/v1/services/repairs", _take_in_body(world, signature={"kind": "tablet", "png_base64": "%%%"})
    )
    assert (response.status_code, response.json()["message"]) == (422, "The file is not base64-encoded.")
    assert RepairJob.objects.count() == 0


def test_logistics_and_finance_read_jobs_without_the_confidential_values(world: rw.RepairWorld) -> None:
    job = rw.take_in(world)
    url = f"/api/v1/services/repairs/{job.number}"
    seen = {
        "daniel": (None, None, None),
        "priya": (None, None, "185.00"),
        "ruth": ("12000.00", "Claw at 3 o'clock lifted; light wear to the shank.", "185.00"),
    }
    for username, expected in seen.items():
        body = signed_in(world.cast[username]).get(url).json()
        assert (body["declared_value"], body["condition_notes"], body["total"]) == expected, username
    listed = signed_in(world.cast.logistics).get("/api/v1/services/repairs").json()
    assert listed["count"] == 1 and "declared_value" not in listed["results"][0]
    tasks = signed_in(world.cast.logistics).get("/api/v1/services/repair-tasks").json()
    assert {task["code"]: task["labour"] for task in tasks} == {"POLISH": None, "SIZE-UP": None}


def test_a_task_is_changed_through_the_api(world: rw.RepairWorld) -> None:
    job = rw.take_in(world)
    client = signed_in(world.cast.assistant)
    body = _post(client, f"/api/v1/services/repairs/{job.number}/lines/2", {"quantity": 3, "labour": "50.00"}).json()
    assert [(line["position"], line["quantity"], line["amount"]) for line in body["lines"]] == [
        (1, 1, "125.00"), (2, 3, "150.00")
    ]  # fmt: skip
    missing = _post(client, f"/api/v1/services/repairs/{job.number}/lines/7", {"quantity": 1})
    assert (missing.status_code, missing.json()["message"]) == (404, f"{job.number} has no task 7.")


def test_a_senior_adds_a_task_and_a_vendor_through_the_api(world: rw.RepairWorld) -> None:
    senior = signed_in(world.cast.senior)
    task = _post(senior, "/api/v1/services/repair-tasks", {"code": "clasp", "name": "New clasp", "labour": "45"})
    assert (task.status_code, task.json()["code"], task.json()["labour"]) == (201, "CLASP", "45.00")
    refused = _post(senior, "/api/v1/services/repair-vendors", {"kind": "engraver", "name": "Gravure Nord"})
    assert (refused.status_code, refused.json()["code"]) == (422, "required")
    made = _post(senior, "/api/v1/services/repair-vendors", {
        "kind": "engraver", "name": "Gravure Nord", "insurer": "Hiscox", "cover_limit": "20000",
        "insurance_expires_on": (date.today() + timedelta(days=90)).isoformat(),
    })  # fmt: skip
    assert made.status_code == 201
    assert (made.json()["cover_currency"], made.json()["place_code"]) == ("USD", "BENCH-003")
    assert _post(signed_in(world.cast.assistant), "/api/v1/services/repair-tasks", {"code": "X", "name": "Y",
                                                                                    "labour": "1"}).status_code == 403  # fmt: skip
