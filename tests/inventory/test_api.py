"""The inventory's REST operations: pieces, custody actions, consignments, the ledger; one error shape."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from parure.core.models import ApiToken
from parure.core.numbering import check_digit
from parure.inventory import ledger, services
from parure.inventory.choices import EventKind, ItemStatus
from parure.inventory.models import Consignment, CustodyEvent, Item
from tests.conftest import Cast
from tests.inventory import world


def _api(staff: Any) -> Client:
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_items_are_listed_with_filters_and_paginated(cast: Cast, ny: world.Places, client_file: Any) -> None:
    ring, brooch = world.take_in(
        cast.senior, client_file, world.piece(), world.piece("Diamond clip brooch", category="brooch")
    )
    services.item_check_out(item=brooch, to=ny.studio, by=cast.assistant, due_back=world.tomorrow())
    api = _api(cast.assistant)
    everything = api.get("/api/v1/inventory/items").json()
    assert everything["count"] == 2
    checked_out = api.get("/api/v1/inventory/items", {"status": "checked_out", "office": "NY"}).json()
    assert [row["stock_number"] for row in checked_out["items"]] == [brooch.stock_number]
    assert checked_out["items"][0]["location_name"] == "Photo studio"
    assert api.get("/api/v1/inventory/items", {"q": ring.stock_number}).json()["count"] == 1
    assert api.get("/api/v1/inventory/items", {"limit": 1}).json()["count"] == 2


def test_a_move_through_the_api_and_its_conflict(cast: Cast, ny: world.Places, ring: Item) -> None:
    api = _api(cast.assistant)
    url = f"/api/v1/inventory/items/{ring.stock_number}/move"
    moved = _post(api, url, {"to": ny.tray1.pk, "expected_seq": ring.custody_seq, "reason": "Vault"})
    assert moved.status_code == 200
    body = moved.json()
    assert (body["kind"], body["to_location"], body["staff"], body["stock_number"]) == (
        "move",
        ny.tray1.pk,
        "marcus",
        ring.stock_number,
    )
    stale = _post(api, url, {"to": ny.tray2.pk, "expected_seq": ring.custody_seq})
    assert stale.status_code == 409
    assert stale.json() == {
        "status": 409,
        "code": "conflict",
        "message": "This piece was just moved by Marcus Hale to Tray 1 (NY); check and retry.",
        "fields": {},
    }
    unknown = _post(api, url, {"to": 999999})
    assert unknown.status_code == 422
    assert unknown.json()["fields"] == {"to": ["No place has the id 999999; see /api/v1/inventory/locations."]}
    wrong_digit = ring.stock_number[:-1] + str((int(ring.stock_number[-1]) + 1) % 10)
    refused = _post(api, f"/api/v1/inventory/items/{wrong_digit}/move", {"to": ny.tray2.pk})
    assert refused.status_code == 422 and "has a wrong check digit" in refused.json()["message"]


def test_check_out_and_return_with_a_witness_through_the_api(cast: Cast, ny: world.Places, tiara: Item) -> None:
    from django.conf import settings

    services.item_move(item=tiara, to=ny.tray1, by=cast.assistant)
    api = _api(cast.assistant)
    base = f"/api/v1/inventory/items/{tiara.stock_number}"
    due = world.tomorrow().isoformat()
    needs = _post(api, f"{base}/check-out", {"to": ny.studio.pk, "due_back": due})
    assert needs.status_code == 409 and needs.json()["code"] == "witness_required"
    assert needs.json()["fields"] == {"witness": [needs.json()["message"]]}
    done = _post(
        api,
        f"{base}/check-out",
        {
            "to": ny.studio.pk,
            "due_back": due,
            "witness": {"username": "sofia", "password": settings.PARURE_DEMO_PASSWORD},
        },
    )
    assert done.status_code == 200 and done.json()["witness"] == "sofia" and done.json()["purpose"] == "photography"
    back = _post(api, f"{base}/return", {})
    assert back.status_code == 200 and back.json()["to_location"] == ny.tray1.pk
    assert [e["kind"] for e in api.get(f"{base}/ledger").json()["items"]] == ["return", "check_out", "move", "intake"]


def test_a_transfer_and_its_receipt_through_the_api(cast: Cast, places: Any, ring: Item) -> None:
    sent = _post(
        _api(cast.logistics),
        f"/api/v1/inventory/items/{ring.stock_number}/transfer",
        {"destination": "GE", "carrier": "Malca-Amit", "tracking_number": "MA-1"},
    )
    assert sent.status_code == 200 and sent.json()["destination"] == "GE"
    received = _post(
        _api(cast["camille"]), f"/api/v1/inventory/items/{ring.stock_number}/receive", {"to": places["GE"].tray1.pk}
    )
    assert received.status_code == 200 and Item.objects.get(pk=ring.pk).location == places["GE"].tray1


def test_intake_and_return_to_consignor_through_the_api(cast: Cast, ny: world.Places, client_file: Any) -> None:
    api = _api(cast.senior)
    created = _post(
        api,
        "/api/v1/inventory/consignments",
        {
            "consignor": client_file.number,
            "commission_rate": "12.5",
            "pieces": [
                {
                    "category": "ring",
                    "title": "Sapphire ring",
                    "stated_value": "9000",
                    "stones": [{"species": "sapphire", "approx_carats": "3.1"}],
                },
                {"category": "earrings", "title": "Pair of ear clips", "components": ["left", "right"]},
            ],
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    consignment = Consignment.objects.get(number=body["number"])
    assert body["receipt_versions"] == [1] and len(body["pieces"]) == 2
    assert body["consignor"] == f"Mrs Catherine Vandermeer ({client_file.number})"
    unknown = f"C-999999-{check_digit('C-999999')}"
    bad = _post(api, "/api/v1/inventory/consignments", {"consignor": unknown, "commission_rate": "10", "pieces": []})
    assert bad.status_code == 422 and bad.json()["fields"] == {
        "consignor": [f"No client file you may see has the number {unknown}."]
    }
    mistyped = unknown[:-1] + str((int(unknown[-1]) + 1) % 10)
    bad = _post(api, "/api/v1/inventory/consignments", {"consignor": mistyped, "commission_rate": "10", "pieces": []})
    assert bad.status_code == 422 and bad.json()["fields"] == {
        "consignor": [f"{mistyped} has a wrong check digit, so it is not a client number we issued; read it again."]
    }
    # The piece is still at the intake desk: it leaves it only with a condition report (the catalogue's rule).
    world.intake_condition_report(Item.objects.get(stock_number=body["pieces"][0]), by=cast.senior)
    prepared = _post(
        api,
        f"/api/v1/inventory/consignments/{consignment.number}/release-receipts",
        {"stock_numbers": [body["pieces"][0]], "collected_by": "Mrs Catherine Vandermeer"},
    )
    assert prepared.status_code == 201
    number = prepared.json()["number"]
    unsigned = _post(api, f"/api/v1/inventory/release-receipts/{number}/return", {"signed": False})
    assert unsigned.status_code == 422 and unsigned.json()["fields"]["signed"]
    returned = _post(api, f"/api/v1/inventory/release-receipts/{number}/return", {"signed": True})
    assert returned.status_code == 200 and returned.json()[0]["kind"] == EventKind.RETURN_TO_CONSIGNOR
    assert Item.objects.get(stock_number=body["pieces"][0]).status == ItemStatus.RETURNED


def test_release_count_adjustment_and_correction_through_the_api(cast: Cast, ny: world.Places, ring: Item) -> None:
    api = _api(cast.senior)
    release = _post(
        api,
        f"/api/v1/inventory/items/{ring.stock_number}/release",
        {"cause": "invoice:NY-I-1", "override": True, "reason": "Paid at the counter"},
    )
    assert release.status_code == 200
    again = _post(
        api,
        f"/api/v1/inventory/items/{ring.stock_number}/count-adjustment",
        {"found_at": ny.tray1.pk, "reason": "Found"},
    )
    assert again.status_code == 409 and "left our custody" in again.json()["message"]
    corrected = _post(
        api, f"/api/v1/inventory/events/{release.json()['seq']}/correction", {"to": ny.tray1.pk, "reason": "Unpaid"}
    )
    assert corrected.status_code == 200 and corrected.json()["corrects"] == release.json()["seq"]
    counted = _post(
        api,
        f"/api/v1/inventory/items/{ring.stock_number}/count-adjustment",
        {"found_at": ny.tray2.pk, "reason": "Found in tray 2"},
    )
    assert counted.status_code == 200 and counted.json()["kind"] == "count_adjustment"


def test_the_ledger_head_and_verification_through_the_api(cast: Cast, ring: Item) -> None:
    api = _api(cast.auditor)
    seq, link = ledger.head()
    assert api.get("/api/v1/inventory/ledger/head").json() == {"seq": seq, "link": link, "head": f"{seq}:{link}"}
    verified = api.get("/api/v1/inventory/ledger/verify", {"head": f"{seq}:{link}"}).json()
    assert verified["ok"] is True and verified["events"] == CustodyEvent.objects.count() and verified["problem"] == ""
    assert api.get("/api/v1/inventory/ledger/verify", {"head": "bad"}).status_code == 422


def test_a_role_that_may_not_act_is_refused_before_its_body_is_read(cast: Cast, ring: Item) -> None:
    refused = _post(_api(cast.finance), f"/api/v1/inventory/items/{ring.stock_number}/move", {"nonsense": True})
    assert refused.status_code == 403
    assert refused.json() == {
        "status": 403,
        "code": "forbidden",
        "message": "Your role may not use this operation.",
        "fields": {},
    }


def test_the_locations_list_gives_ids_and_counts(cast: Cast, ny: world.Places, ring: Item) -> None:
    rows = _api(cast.logistics).get("/api/v1/inventory/locations", {"office": "NY"}).json()
    desk = next(row for row in rows if row["code"] == "DESK")
    assert (desk["id"], desk["pieces"], desk["kind"]) == (ny.desk.pk, 1, "work")
    assert next(row for row in rows if row["code"] == "V1-SA-T01")["in_vault"] is True


def test_an_assistant_takes_in_through_the_api_with_a_currency_and_the_intake_sheets_details(
    cast: Cast, ny: world.Places, client_file: Any
) -> None:
    api = _api(cast.assistant)
    sheet = {"maker": "Cartier", "signature": "Cartier Paris", "serial_number": "01234", "date_or_circa": "circa 1925"}
    piece = {"category": "brooch", "title": "Diamond clip brooch", "stone_measurements": "10.20 × 8.15 mm", **sheet}
    payload = {"consignor": client_file.number, "commission_rate": "12.5", "currency": "GBP", "pieces": [piece]}
    created = _post(api, "/api/v1/inventory/consignments", payload)
    assert created.status_code == 201, created.json()
    consignment = Consignment.objects.get(number=created.json()["number"])
    assert (consignment.currency, consignment.received_by) == ("GBP", cast.assistant)
    detail = api.get(f"/api/v1/inventory/items/{created.json()['pieces'][0]}").json()
    assert {key: detail[key] for key in [*sheet, "stone_measurements", "currency"]} == {
        **sheet,
        "stone_measurements": "10.20 × 8.15 mm",
        "currency": "GBP",
    }
    bad = _post(api, "/api/v1/inventory/consignments", {**payload, "currency": "ZZZ"})
    assert (Consignment.objects.count(), Item.objects.count(), CustodyEvent.objects.count()) == (1, 1, 1)
    assert bad.status_code == 422 and bad.json()["fields"] == {
        "currency": ["‘ZZZ’ is not an ISO 4217 currency code such as USD or CHF."]
    }
