"""The lab-submission API: a batch made, filled, sent, a piece returned and its report recorded, each
answer read back; refusals in the shared error shape with nothing changed; bounds refused by the schema."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from parure.catalogue.models import Certificate
from parure.core.models import ApiToken
from parure.inventory.choices import ItemStatus
from tests.catalogue import world as catalogue_world
from tests.guards import unchanged
from tests.services.labs_world import LabWorld, draft, fresh, next_week, world

__all__ = ["world"]

BASE = "/api/v1/services/lab-submissions"


def _api(staff: Any) -> Client:
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get("/api/v1/me").status_code == 200
    return api


def _post(api: Client, url: str, body: dict[str, Any]) -> Any:
    return api.post(url, data=json.dumps(body), content_type="application/json")


def test_a_batch_through_the_api_from_draft_to_report(world: LabWorld) -> None:
    record = catalogue_world.cartier_ring(world.ring, by=world.cast.senior)
    senior = _api(world.cast.senior)
    response = _post(senior, BASE, {"laboratory": "gia", "expected_back": next_week().isoformat(),
                                    "courier": "Malca-Amit"})  # fmt: skip
    assert response.status_code == 201, response.content
    made = response.json()
    number = made["number"]
    assert (made["laboratory"], made["status"], made["office"], made["line_items"]) == ("GIA", "draft", "NY", [])
    response = _post(senior, f"{BASE}/{number}/lines", {"stock_number": world.ring.stock_number,
                                                        "services": ["origin", "treatment"], "stone_position": 1,
                                                        "control_number": "GIA-77"})  # fmt: skip
    assert response.status_code == 201, response.content
    [line] = response.json()["line_items"]
    assert (line["position"], line["services"], line["control_number"]) == (1, ["origin", "treatment"], "GIA-77")
    response = _post(_api(world.cast.logistics), f"{BASE}/{number}/send", {"courier_reference": "MA-1"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "sent" and response.json()["line_items"][0]["place"] == "Lab: GIA (NY)"
    response = _post(_api(world.cast.assistant), f"{BASE}/{number}/returns", {"stock_number": world.ring.stock_number})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "returned"
    assert fresh(world.ring).status == ItemStatus.IN_HOUSE
    report = {"number": "2185034712", "issued_on": "2026-03-14", "kind": "coloured_stone", "origin": "Kashmir",
              "treatment": "no indications of heating", "weight_ct": "4.12"}  # fmt: skip
    response = _post(senior, f"{BASE}/{number}/lines/1/report", report)
    assert response.status_code == 201, response.content
    certificate = Certificate.objects.get()
    assert response.json()["line_items"][0]["certificate_id"] == certificate.pk
    assert (certificate.record, certificate.stone.position) == (record, 1)  # type: ignore[union-attr]
    listed = _api(world.cast.auditor).get(BASE, {"status": "returned"}).json()["items"]
    assert [(row["number"], row["lines"], row["returned_lines"], row["reports"]) for row in listed] == [
        (number, 1, 1, 1)
    ]


def test_refusals_answer_the_shared_shape_and_change_nothing(world: LabWorld) -> None:
    submission = draft(world.cast.senior)
    senior = _api(world.cast.senior)
    with unchanged():
        response = _post(senior, f"{BASE}/{submission.number}/send", {})
    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "code": "lab_empty_batch",
        "message": f"Submission {submission.number} has no pieces; add at least one before sending it.",
        "fields": {},
    }
    with unchanged():
        response = _post(senior, BASE, {"laboratory": "NOPE", "expected_back": next_week().isoformat()})
    assert response.status_code == 422
    assert response.json()["fields"] == {"laboratory": [response.json()["message"]]}
    assert response.json()["message"].startswith("‘NOPE’ is not a laboratory on the list; choose one of ")


def test_the_schema_bounds_what_no_page_could_send(world: LabWorld) -> None:
    submission = draft(world.cast.senior)
    senior = _api(world.cast.senior)
    with unchanged():
        response = _post(senior, f"{BASE}/{submission.number}/lines",
                         {"stock_number": world.ring.stock_number, "services": ["astrology"]})  # fmt: skip
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["services.0"]
    with unchanged():
        response = _post(senior, f"{BASE}/{submission.number}/returns",
                         {"stock_number": world.ring.stock_number, "to": 2**63})  # fmt: skip
    assert response.status_code == 422
    assert response.json()["fields"] == {"to": ["Input should be less than or equal to 9223372036854775807"]}
    with unchanged():
        response = senior.get(BASE, {"status": "lost"})
    assert response.status_code == 422 and list(response.json()["fields"]) == ["status"]
