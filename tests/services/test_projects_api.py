"""Design projects' API: open, quote, accept, the schedule, a milestone with sign-off, materials, refusals
as the error shape, and the money null for logistics."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from parure.core.models import ApiToken
from parure.services.projects import services
from parure.services.projects.models import DesignProject, ProjectQuote
from tests.services import projects_world as pw

pytestmark = pytest.mark.django_db


def _api(staff: Any) -> Client:
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _post(api: Client, url: str, body: dict[str, Any], method: str = "post") -> Any:
    return getattr(api, method)(f"/api/v1/services{url}", data=json.dumps(body), content_type="application/json")


@pytest.fixture
def w(cast: Any) -> pw.ProjectWorld:
    return pw.world(cast)


def test_a_project_is_opened_quoted_accepted_scheduled_and_agreed(w: pw.ProjectWorld, cast: Any) -> None:
    assistant, senior = _api(cast.assistant), _api(cast.senior)
    made = _post(assistant, "/projects", {"client_number": w.client.number, "title": "Emerald ring",
                                          "brief": "A cushion emerald in platinum.", "designer": "eleanor",
                                          "metal": "platinum", "budget": "24000"})  # fmt: skip
    assert made.status_code == 201, made.content
    body = made.json()
    number = body["number"]
    assert body["budget"] == "24000.00" and body["current_milestone"] == "consultation"
    assert [m["kind"] for m in body["milestones"]][:3] == ["consultation", "agreement", "sketches"]
    assert _post(senior, f"/projects/{number}/milestones/complete", {"milestone": "consultation"}).status_code == 200
    valid = (services.office_today(DesignProject.objects.get().office) + timedelta(days=14)).isoformat()
    quoted = _post(assistant, f"/projects/{number}/quotes",
                   {"amount": "22000", "metal_basis": "Platinum at USD 965/oz", "valid_until": valid})  # fmt: skip
    assert quoted.status_code == 201
    quote_id = quoted.json()["quotes"][0]["id"]
    assert _post(assistant, f"/projects/{number}/quotes/{quote_id}/accept", {}).status_code == 403
    assert _post(senior, f"/projects/{number}/quotes/{quote_id}/accept", {}).json()["quotes"][0]["status"] == "accepted"
    wrong = _post(senior, f"/projects/{number}/schedule", {"deposit": "6000", "stage": "0", "balance": "6000"}, "put")
    assert wrong.status_code == 409
    assert wrong.json() == {
        "status": 409, "code": "schedule_mismatch",
        "message": "The stages add up to $12,000.00, not the accepted $22,000.00; they must sum to the quote.",
        "fields": {"balance": ["The stages add up to $12,000.00, not the accepted $22,000.00; they must sum to the quote."]},
    }  # fmt: skip
    assert _post(senior, f"/projects/{number}/schedule", {"deposit": "6600", "stage": "8800", "balance": "6600"},
                 "put").status_code == 200  # fmt: skip
    unsigned = _post(senior, f"/projects/{number}/milestones/complete", {"milestone": "agreement"})
    assert unsigned.status_code == 422 and unsigned.json()["code"] == "sign_off_required"
    agreed = _post(senior, f"/projects/{number}/milestones/complete",
                   {"milestone": "agreement", "signatory": "Helena Marchetti", "method": "in_person"})  # fmt: skip
    assert agreed.status_code == 200
    schedule = agreed.json()["schedule"]
    assert [(s["kind"], s["amount"], s["standing"]) for s in schedule] == [
        ("deposit", "6600.00", "unpaid"), ("approval", "8800.00", ""), ("balance", "6600.00", ""),
    ]  # fmt: skip
    assert agreed.json()["milestones"][1]["signed_by"] == "Helena Marchetti"


def test_accepting_an_expired_quote_answers_409(w: pw.ProjectWorld, cast: Any) -> None:
    project = pw.opened(w)
    quote = services.quote_make(project=project, amount="22000", metal_basis="Platinum",
                                valid_until=services.office_today(project.office), by=w.assistant)  # fmt: skip
    ProjectQuote.objects.filter(pk=quote.pk).update(valid_until=quote.valid_until - timedelta(days=3))
    response = _post(_api(cast.senior), f"/projects/{project.number}/quotes/{quote.pk}/accept", {})
    assert response.status_code == 409 and response.json()["code"] == "quote_expired"
    assert ProjectQuote.objects.get().status == "offered"


def test_logistics_reads_a_project_without_its_money(w: pw.ProjectWorld, cast: Any) -> None:
    project = pw.agreed(w, pw.opened(w))
    body = _api(cast.logistics).get(f"/api/v1/services/projects/{project.number}").json()
    assert body["budget"] is None
    assert [q["amount"] for q in body["quotes"]] == [None]
    assert {s["amount"] for s in body["schedule"]} == {None}
    listed = _api(cast.logistics).get("/api/v1/services/projects").json()
    assert listed["count"] == 1 and listed["results"][0]["budget"] is None
    assert _api(cast.finance).get(f"/api/v1/services/projects/{project.number}").json()["budget"] == "24000.00"


def test_materials_through_the_api(w: pw.ProjectWorld, cast: Any) -> None:
    project = pw.opened(w)
    api = _api(cast.assistant)
    sourced = _post(api, f"/projects/{project.number}/materials/source",
                    {"kind": "stone", "description": "Cushion emerald, 2 ct", "supplier": "Gemfields",
                     "estimated_cost": "9000"})  # fmt: skip
    assert sourced.status_code == 201
    assert sourced.json()["materials"][0]["status"] == "to_source"
    missing = _post(api, f"/projects/{project.number}/materials/reserve", {"stock_number": "NY-26-999999-0",
                                                                          "kind": "stone"})  # fmt: skip
    assert missing.status_code in (404, 422)
    assert missing.json()["fields"] == {"stock_number": [missing.json()["message"]]}


def test_a_mistyped_project_number_is_refused_not_looked_up(w: pw.ProjectWorld, cast: Any) -> None:
    project = pw.opened(w)
    wrong = project.number[:-1] + str((int(project.number[-1]) + 1) % 10)
    response = _api(cast.senior).get(f"/api/v1/services/projects/{wrong}")
    assert response.status_code == 422
    assert response.json()["message"] == f"{wrong} has a wrong check digit: check the number and type it again."


def test_a_project_is_held_resumed_and_cancelled_through_the_api(w: pw.ProjectWorld, cast: Any) -> None:
    project = pw.opened(w)
    url = f"/projects/{project.number}/status"
    assert _post(_api(cast.assistant), url, {"action": "hold", "reason": "Client travelling"}).status_code == 403
    senior = _api(cast.senior)
    refused = _post(senior, url, {"action": "hold", "reason": " "})
    assert refused.status_code == 422 and list(refused.json()["fields"]) == ["reason"]
    assert DesignProject.objects.get(pk=project.pk).status == "open"
    assert _post(senior, url, {"action": "hold", "reason": "Client travelling until January"}).json()["status"] == (
        "on_hold"
    )
    assert _post(senior, url, {"action": "resume"}).json()["status"] == "open"
    assert _post(senior, url, {"action": "close"}).status_code == 422
    cancelled = _post(senior, url, {"action": "cancel", "reason": "The client changed her mind"})
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    assert _post(senior, url, {"action": "resume"}).status_code == 409
