"""The shipments API end to end: prepared, packed, photographed, checked by a second person, handed over and
delivered, with the exact fields; refusals in the shared error shape; the consignee per role; incidents and
pickups."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from parure.core.clock import office_today
from parure.inventory.models import CustodyEvent
from parure.shipping.shipments.models import Shipment, ShipmentPiece
from tests.conftest import signed_in
from tests.inventory import world as inventory_world
from tests.services import aftercare_world as aw
from tests.shipping import shipments_world as sw

pytestmark = pytest.mark.django_db
BASE = "/api/v1/shipping"


@pytest.fixture
def world(cast: Any) -> Any:
    return sw.build(cast)


def _send(client: Any, method: str, url: str, body: dict[str, Any]) -> Any:
    return client.generic(method, BASE + url, data=json.dumps(body), content_type="application/json")


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return _send(client, "POST", url, body)


def _body(world: Any, *items: Any, carrier: Any = None, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "destination_kind": "client",
        "client_number": world.buyer.number,
        "address_id": sw.address_id(world),
        "carrier_id": (carrier or world.carrier).pk,
        "ship_on": office_today(world.office).isoformat(),
        "pieces": [{"stock_number": item.stock_number} for item in items],
    }
    body.update(overrides)
    return body


PARCEL = {"number": 1, "seals": "S-100231 S-100232", "length_cm": 25, "width_cm": 20, "height_cm": 12,
          "gross_weight_g": 850}  # fmt: skip


def _counts() -> tuple[int, int, int]:
    return Shipment.objects.count(), ShipmentPiece.objects.count(), CustodyEvent.objects.count()


def test_a_paid_ring_through_the_api_from_preparing_to_delivery(world: Any) -> None:
    logistics, assistant = signed_in(world.cast.logistics), signed_in(world.cast.assistant)
    ring = aw.sold(world)
    created = _post(logistics, "/shipments", _body(world, ring))
    assert created.status_code == 201, created.content
    shipment = created.json()
    number = shipment["number"]
    [piece] = shipment["pieces"]
    assert {key: shipment[key] for key in ("office", "status", "destination_kind", "consignee", "consignee_country",
                                           "consignee_address", "piece_count", "insured_total", "currency",
                                           "carrier", "policy", "version")} == {
        "office": "NY", "status": "draft", "destination_kind": "client", "consignee": "Mrs Ada Lovelace",
        "consignee_country": "GB", "consignee_address": "12 Cheyne Walk\nSW3 5RA London",
        "piece_count": 1, "insured_total": "21775.00",
        "currency": "USD", "carrier": "Malca-Amit", "policy": "Hiscox TR-2026-118", "version": 1,
    }  # fmt: skip
    assert (piece["stock_number"], piece["value_basis"], piece["invoice_number"], piece["parcel"]) == (
        ring.stock_number, "invoice", ring.invoice.number, 1,
    )  # fmt: skip
    assert piece["hs_code"] == ShipmentPiece.objects.get().hs_code and piece["hs_reason"]
    url = f"/shipments/{number}"
    packed = _post(logistics, url + "/pack", {"parcels": [PARCEL], "checklist": sw.CHECKLIST, "version": 1})
    assert packed.status_code == 200, packed.content
    assert (packed.json()["status"], packed.json()["parcels"]) == ("packed", [
        {"number": 1, "seals": ["S-100231", "S-100232"], "length_cm": 25, "width_cm": 20, "height_cm": 12,
         "gross_weight_g": "850.0", "photos": 0},
    ])  # fmt: skip
    photo = {"content_base64": base64.b64encode(sw.jpeg()).decode()}
    photographed = _post(logistics, url + "/parcels/1/photos", photo)
    assert (photographed.status_code, photographed.json()["parcels"][0]["photos"]) == (201, 1)
    same = _post(logistics, url + "/check", {"seals": [{"parcel": 1, "seals": "S-100231 S-100232"}]})
    assert same.status_code == 409
    assert same.json() == {
        "status": 409, "code": "four_eyes", "fields": {"checker": [same.json()["message"]]},
        "message": "You packed these parcels; a second person checks them (four eyes).",
    }  # fmt: skip
    checked = _post(assistant, url + "/check", {"seals": [{"parcel": 1, "seals": "s-100232, s-100231"}]}).json()
    assert (checked["status"], checked["packed_by"], checked["checked_by"]) == (
        "checked", world.cast.logistics.get_full_name(), world.cast.assistant.get_full_name(),
    )  # fmt: skip
    handed = _post(logistics, url + "/hand-over", {"tracking_number": "MA 7731 0042"}).json()
    assert (handed["status"], handed["tracking_number"], handed["carrier_name"]) == (
        "in_transit", "MA 7731 0042", "Malca-Amit",
    )  # fmt: skip
    delivered = _post(logistics, url + "/deliver", {"proof": "Signed by A. Lovelace, POD 88120"}).json()
    assert (delivered["status"], delivered["proof_of_delivery"], delivered["version"]) == (
        "delivered", "Signed by A. Lovelace, POD 88120", 5,
    )  # fmt: skip
    assert [event["status"] for event in delivered["history"]] == [
        "draft", "packed", "packed", "checked", "in_transit", "delivered",
    ]  # fmt: skip
    listed = logistics.get(BASE + "/shipments").json()
    assert (listed["count"], listed["items"][0]["number"], listed["items"][0]["status"]) == (1, number, "delivered")


def test_refusals_answer_their_code_and_save_nothing(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    ring = aw.sold(world, price="80000")
    before = _counts()
    over = _post(client, "/shipments", _body(world, ring, carrier=world.courier))
    assert (over.status_code, over.json()["code"]) == (409, "carrier_limit")
    unknown = _post(client, "/shipments", _body(world, ring, pieces=[{"stock_number": _unknown_stock_number()}]))
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_piece")
    mismatch = _post(client, "/shipments", _body(world, ring, pieces=[
        {"stock_number": ring.stock_number, "customs_value": "100.00"}]))  # fmt: skip
    assert (mismatch.status_code, mismatch.json()["code"], list(mismatch.json()["fields"])) == (
        422, "value_mismatch", ["pieces.0.customs_value"],
    )  # fmt: skip
    too_long = _post(client, "/shipments", _body(world, ring, notes="x" * 2001))
    assert too_long.status_code == 422
    too_many = _post(client, "/shipments", _body(world, ring, pieces=[{"stock_number": ring.stock_number}] * 201))
    assert too_many.status_code == 422
    huge_id = _post(client, "/shipments", _body(world, ring, carrier_id=10**30))
    assert huge_id.status_code == 422
    assert client.get(BASE + "/shipments", {"text": "x" * 61}).status_code == 422
    assert client.get(BASE + "/shipments", {"text": "Love\x00lace"}).status_code == 422
    assert _counts() == before
    unpaid = aw.sold(world, title="Emerald brooch", paid=False)
    draft = _post(client, "/shipments", _body(world, unpaid)).json()
    assert [(f["rule"], f["blocking"]) for f in draft["findings"]] == [("release.unpaid", True)]
    waiting = _post(client, f"/shipments/{draft['number']}/pack", {"parcels": [PARCEL], "checklist": sw.CHECKLIST})
    assert (waiting.status_code, waiting.json()["code"]) == (409, "not_releasable")
    early = _post(client, f"/shipments/{draft['number']}/deliver", {"proof": "Signed"})
    assert early.json() == {
        "status": 409, "code": "wrong_step", "fields": {},
        "message": f"Shipment {draft['number']} is being prepared; it cannot be confirmed delivered now.",
    }  # fmt: skip
    mistyped = client.get(BASE + "/shipments/" + draft["number"][:-1] + str((int(draft["number"][-1]) + 1) % 10))
    assert (mistyped.status_code, mistyped.json()["code"]) == (422, "invalid")
    missing = client.get(BASE + "/shipments/NY-SH-26-00099-" + _digit("NY-SH-26-00099"))
    assert (missing.status_code, missing.json()["code"]) == (404, "unknown_record")


def _unknown_stock_number() -> str:
    return f"NY-26-999999-{_digit('NY-26-999999')}"


def _digit(body: str) -> str:
    from parure.core.numbering import check_digit

    return check_digit(body)


def test_a_draft_is_changed_with_its_version(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    first, second = inventory_world.take_in(world.cast.senior, world.buyer, inventory_world.piece("Gold brooch"),
                                            inventory_world.piece("Gold bangle", value="8000"))  # fmt: skip
    number = _post(client, "/shipments", _body(world, first)).json()["number"]
    changed = _send(client, "PUT", f"/shipments/{number}", {**_body(world, first, second), "version": 1})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["piece_count"], changed.json()["insured_total"], changed.json()["version"]) == (
        2, "20000.00", 2,
    )  # fmt: skip
    stale = _send(client, "PUT", f"/shipments/{number}", {**_body(world, first), "version": 1})
    assert (stale.status_code, stale.json()["code"]) == (409, "stale")
    assert Shipment.objects.get().pieces.count() == 2


def test_finance_reads_shipments_without_the_consignee(world: Any) -> None:
    [item] = inventory_world.take_in(world.cast.senior, world.buyer, inventory_world.piece("Gold brooch"))
    number = _post(signed_in(world.cast.logistics), "/shipments", _body(world, item)).json()["number"]
    finance = signed_in(world.cast.finance)
    detail = finance.get(f"{BASE}/shipments/{number}").json()
    assert (detail["consignee"], detail["consignee_address"], detail["consignee_phone"]) == (
        "Consignee withheld", None, None,
    )  # fmt: skip
    assert (detail["insured_total"], detail["consignee_country"]) == ("12000.00", "GB")
    assert "Lovelace" not in json.dumps(detail)
    assert finance.get(f"{BASE}/shipments").json()["items"][0]["consignee"] == "Consignee withheld"
    refused = _post(finance, "/shipments", _body(world, item))
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")
    auditor = signed_in(world.cast.auditor).get(f"{BASE}/shipments/{number}").json()
    assert auditor["consignee"] == "Mrs Ada Lovelace" and "12 Cheyne Walk" in auditor["consignee_address"]


def _checked(client: Any, assistant: Any, world: Any, item: Any) -> str:
    number: str = _post(client, "/shipments", _body(world, item)).json()["number"]
    _post(client, f"/shipments/{number}/pack", {"parcels": [PARCEL], "checklist": sw.CHECKLIST})
    _post(client, f"/shipments/{number}/parcels/1/photos", {"content_base64": base64.b64encode(sw.jpeg()).decode()})
    _post(assistant, f"/shipments/{number}/check", {"seals": [{"parcel": 1, "seals": PARCEL["seals"]}]})
    return number


def test_a_pickup_and_an_incident_through_the_api(world: Any) -> None:
    client, assistant = signed_in(world.cast.logistics), signed_in(world.cast.assistant)
    [item] = inventory_world.take_in(world.cast.senior, world.buyer, inventory_world.piece("Gold brooch"))
    number = _checked(client, assistant, world, item)
    at = (timezone.now() + timedelta(hours=3)).isoformat()
    booked = _post(client, "/pickups", {"carrier_id": world.courier.pk, "pickup_at": at, "shipments": [number]})
    assert booked.status_code == 409
    assert (
        booked.json()["message"]
        == f"{number} is not packed and checked for {world.courier.name}; only those go on its pickup."
    )
    pickup = _post(client, "/pickups", {"carrier_id": world.carrier.pk, "pickup_at": at, "driver": "R. Mendes",
                                         "shipments": [number]})  # fmt: skip
    assert pickup.status_code == 201
    assert {k: pickup.json()[k] for k in ("office", "carrier", "driver", "shipments")} == {
        "office": "NY", "carrier": "Malca-Amit", "driver": "R. Mendes", "shipments": [number],
    }  # fmt: skip
    assert client.get(BASE + "/pickups").json()["count"] == 1
    _post(client, f"/shipments/{number}/hand-over", {"tracking_number": "MA 9"})
    loss = _post(client, f"/shipments/{number}/incidents", {"kind": "loss", "description": "Never arrived."})
    assert (loss.status_code, loss.json()["code"], loss.json()["message"]) == (
        422, "required", "A loss is claimed from the insurer: enter the claim reference from Hiscox.",
    )  # fmt: skip
    opened = _post(client, f"/shipments/{number}/incidents", {"kind": "delay", "description": "Held at customs.",
                                                               "carrier_reference": "MA-77"})  # fmt: skip
    assert opened.status_code == 201
    incident = opened.json()
    assert (incident["shipment"], incident["kind"], incident["status"], incident["carrier_reference"]) == (
        number, "delay", "open", "MA-77",
    )  # fmt: skip
    assert [row["number"] for row in client.get(BASE + "/incidents").json()["items"]] == [incident["number"]]
    closed = _post(client, f"/incidents/{incident['number']}/close", {"resolution": "Cleared on 3 December."})
    assert (closed.json()["status"], closed.json()["resolution"]) == ("closed", "Cleared on 3 December.")
    again = _post(client, f"/incidents/{incident['number']}/close", {"resolution": "Again."})
    assert (again.status_code, again.json()["code"]) == (409, "wrong_step")
    assert client.get(BASE + "/incidents").json() == {"count": 0, "items": []}
    assert Decimal(client.get(f"{BASE}/shipments/{number}").json()["insured_total"]) == Decimal("12000")
