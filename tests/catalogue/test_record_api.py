"""The catalogue record over the API: open, read, save whole with ``expected_version``, the list,
flags and a senior's override, each refusal in core's one error shape with nothing half-saved."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from parure.catalogue.models import CatalogueRecord
from parure.catalogue.services import records as services
from parure.core.models import ApiToken, Staff
from tests.catalogue.world import cartier_ring
from tests.guards import unchanged
from tests.inventory import world
from tests.inventory.conftest import client_file, ny, places  # noqa: F401 (fixtures)


def _api(staff: Staff) -> Client:
    """An API client for ``staff``, its token already used once (using it records when)."""
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    client.get("/api/v1/catalogue/records")
    return client


def _send(client: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    return client.generic(method, url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def ring(cast: Any, ny: world.Places, client_file: Any) -> Any:  # noqa: F811
    return world.take_in(
        cast.senior, client_file, world.piece(date_or_circa="circa 1925", maker="Cartier", signature="Cartier Paris")
    )[0]


def _body_of(record: CatalogueRecord, **changes: Any) -> dict[str, Any]:
    """A PUT body from the stored record (the shape a client sends back after a GET)."""
    inputs = services.inputs_of(CatalogueRecord.objects.get(pk=record.pk))
    fields = {name: (str(value) if hasattr(value, "quantize") else value) for name, value in inputs["fields"].items()}
    fields["ring_size_system"] = fields["ring_size_system"] or None

    def plain(row: Any) -> dict[str, Any]:
        return {name: (str(value) if hasattr(value, "quantize") else value) for name, value in vars(row).items()}

    stones = [{**plain(s), "weight_basis": s.weight_basis or None} for s in inputs["stones"]]
    metals = [{**plain(m), "colour": m.colour or None} for m in inputs["metals"]]
    return {
        **fields,
        "expected_version": CatalogueRecord.objects.get(pk=record.pk).version,
        "metals": metals,
        "stones": stones,
        "makers": [plain(m) for m in inputs["makers"]],
        "provenance": [plain(p) for p in inputs["provenance"]],
        "references": [plain(r) for r in inputs["references"]],
        **changes,
    }


def test_a_specialist_opens_a_record_prefilled_from_the_intake_sheet(cast: Any, ring: Any) -> None:
    response = _send(_api(cast.assistant), "POST", "/api/v1/catalogue/records", {"stock_number": ring.stock_number})
    assert response.status_code == 201, response.content
    body = response.json()
    assert {key: body[key] for key in ("stock_number", "title", "office", "version", "object_type", "date_text",
                                       "year_from", "year_to", "circa", "period", "signature", "gross_weight_g",
                                       "open_flags", "created_by")} == {
        "stock_number": ring.stock_number, "title": "Sapphire and diamond ring", "office": "NY", "version": 1,
        "object_type": "ring", "date_text": "circa 1925", "year_from": 1925, "year_to": 1925, "circa": True,
        "period": "art-deco", "signature": "Cartier Paris", "gross_weight_g": "6.40", "open_flags": 0,
        "created_by": "Marcus Hale",
    }  # fmt: skip
    assert [(s["species"], s["variety"], s["count"], s["weight_ct"], s["weight_basis"]) for s in body["stones"]] == [
        ("corundum", "sapphire", 1, "4.12", "estimated"),
        ("diamond", "", 2, "0.80", "estimated"),
    ]
    assert body["makers"] == [{"name": "Cartier", "attribution": "by"}]
    assert [(m["metal"], m["fineness"]) for m in body["metals"]] == [("platinum", 950)]


def test_opening_is_refused_twice_for_a_mistyped_number_and_for_a_role_that_may_not(cast: Any, ring: Any) -> None:
    api, other = _api(cast.assistant), _api(cast.logistics)
    assert _send(api, "POST", "/api/v1/catalogue/records", {"stock_number": ring.stock_number}).status_code == 201
    with unchanged():
        again = _send(api, "POST", "/api/v1/catalogue/records", {"stock_number": ring.stock_number})
        mistyped = _send(api, "POST", "/api/v1/catalogue/records", {"stock_number": ring.stock_number[:-1] + "0"})
        logistics = _send(other, "POST", "/api/v1/catalogue/records", {"stock_number": ring.stock_number})
    assert (again.status_code, again.json()["code"], again.json()["message"]) == (
        409,
        "record_exists",
        f"{ring.stock_number} already has a catalogue record; open it instead.",
    )
    assert (mistyped.status_code, mistyped.json()["code"], list(mistyped.json()["fields"])) == (
        422,
        "invalid",
        ["stock_number"],
    )
    assert (logistics.status_code, logistics.json()["code"]) == (403, "forbidden")


def test_a_piece_without_a_record_answers_404_saying_so(cast: Any, ring: Any) -> None:
    response = _api(cast.finance).get(f"/api/v1/catalogue/records/{ring.stock_number}")
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "unknown_record",
        "message": f"{ring.stock_number} has no catalogue record yet.",
        "fields": {"stock_number": [f"{ring.stock_number} has no catalogue record yet."]},
    }


def test_the_whole_record_is_saved_with_its_version(cast: Any, ring: Any) -> None:
    made = cartier_ring(ring, by=cast.senior)
    body = _body_of(made, form="bombé", workshop_number="2517")
    response = _send(_api(cast.assistant), "PUT", f"/api/v1/catalogue/records/{ring.stock_number}", body)
    assert response.status_code == 200, response.content
    saved = response.json()
    assert (saved["version"], saved["form"], saved["workshop_number"], saved["updated_by"]) == (
        2,
        "bombé",
        "2517",
        "Marcus Hale",
    )
    # The assistant sent the confidential owner back as they read it (withheld): it is kept.
    assert CatalogueRecord.objects.get(pk=made.pk).provenance.get(position=3).owner == "Mrs Catherine Vandermeer"
    assert saved["provenance"][2]["owner"] == "A private collection, New York"


def test_an_assistant_sending_back_a_withheld_owner_keeps_it(cast: Any, ring: Any) -> None:
    made = cartier_ring(ring, by=cast.senior)
    api = _api(cast.assistant)
    read = api.get(f"/api/v1/catalogue/records/{ring.stock_number}").json()
    provenance = [
        {"entry_id": p["entry_id"], "owner": None if p["owner_withheld"] else p["owner"], "is_sale": p["is_sale"],
         "date_text": p["date_text"], "source": p["source"], "confidential": p["confidential"],
         "public_wording": p["public_wording"]}
        for p in read["provenance"]
    ]  # fmt: skip
    response = _send(
        api, "PUT", f"/api/v1/catalogue/records/{ring.stock_number}", _body_of(made, provenance=provenance)
    )
    assert response.status_code == 200, response.content
    kept = CatalogueRecord.objects.get(pk=made.pk).provenance.get(position=3)
    assert (kept.owner, kept.confidential, kept.source) == ("Mrs Catherine Vandermeer", True, "")


def test_a_stale_version_is_refused_with_409_and_nothing_saved(cast: Any, ring: Any) -> None:
    made = cartier_ring(ring, by=cast.senior)
    body = _body_of(made, form="mine")
    services.record_save(record=made, expected_version=1, fields={"form": "theirs"}, by=cast.senior)
    api = _api(cast.assistant)
    with unchanged():
        response = _send(api, "PUT", f"/api/v1/catalogue/records/{ring.stock_number}", body)
    assert response.status_code == 409
    refusal = response.json()
    assert refusal["code"] == "stale"
    assert refusal["message"].startswith("Eleanor Whitcombe saved this record (version 2) at ")
    assert list(refusal["fields"]) == ["expected_version"]


def test_a_grade_off_its_scale_is_refused_naming_the_row_and_field(cast: Any, ring: Any) -> None:
    made = cartier_ring(ring, by=cast.senior)
    body = _body_of(made)
    body["stones"][1]["clarity"] = "VS3"
    api = _api(cast.assistant)
    with unchanged():
        response = _send(api, "PUT", f"/api/v1/catalogue/records/{ring.stock_number}", body)
    message = (
        "Stone 2: ‘VS3’ is not a clarity grade; valid grades are FL, IF, VVS1, VVS2, VS1, VS2, SI1, SI2, I1, I2, I3."
    )
    assert response.status_code == 422
    assert response.json() == {"status": 422, "code": "invalid_grade", "message": message,
                               "fields": {"stones-1-clarity": [message]}}  # fmt: skip


def test_the_list_pages_records_newest_saved_first(cast: Any, ring: Any, client_file: Any) -> None:  # noqa: F811
    other = world.take_in(cast.senior, client_file, world.piece("Diamond clip brooch", category="brooch"))[0]
    cartier_ring(ring, by=cast.senior)
    services.record_open(item=other, by=cast.senior)
    api = _api(cast.auditor)
    page = api.get("/api/v1/catalogue/records", {"limit": 1}).json()
    assert page["count"] == 2
    assert [row["stock_number"] for row in page["items"]] == [other.stock_number]
    assert api.get("/api/v1/catalogue/records", {"category": "ring"}).json()["count"] == 1
    assert api.get("/api/v1/catalogue/records", {"office": "LN"}).json()["count"] == 0


def test_flags_are_listed_and_a_senior_overrides_one(cast: Any, ring: Any) -> None:
    made = cartier_ring(ring, by=cast.senior)
    services.record_save(record=made, expected_version=1, fields={"ring_size": "6.3"}, by=cast.senior)
    url = f"/api/v1/catalogue/records/{ring.stock_number}/flags"
    message = "Ring size: US size 6.3 is not on the US scale (0 to 16 in quarter sizes)."
    assert _api(cast.logistics).get(url).json() == [
        {"key": "ring-size:record", "field": "ring_size", "message": message, "open": True,
         "overridden_by": None, "overridden_at": None, "reason": None}
    ]  # fmt: skip
    marcus, eleanor = _api(cast.assistant), _api(cast.senior)
    with unchanged():
        assistant = _send(marcus, "POST", f"{url}/override", {"key": "ring-size:record", "reason": "Fine."})
        no_reason = _send(eleanor, "POST", f"{url}/override", {"key": "ring-size:record", "reason": ""})
    assert (assistant.status_code, assistant.json()["code"]) == (403, "forbidden")
    assert (no_reason.status_code, no_reason.json()["code"], list(no_reason.json()["fields"])) == (
        422,
        "reason_required",
        ["reason"],
    )
    answered = _send(eleanor, "POST", f"{url}/override", {"key": "ring-size:record", "reason": "Half sizes."})
    assert answered.status_code == 200
    assert {k: answered.json()[k] for k in ("key", "open", "overridden_by", "reason")} == {
        "key": "ring-size:record",
        "open": False,
        "overridden_by": "Eleanor Whitcombe",
        "reason": "Half sizes.",
    }
    assert _api(cast.auditor).get(f"/api/v1/catalogue/records/{ring.stock_number}").json()["open_flags"] == 0
