"""The sales, lots and tables API: reading and writing as the roles allow, the reserve's key absent for
viewers who may not read it, the error shape on every refusal and malformed input answered with 4xx."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from parure.auctions.choices import LotStatus
from parure.auctions.models import IncrementTable, Lot, PremiumSchedule, Sale
from tests.auctions import world

pytestmark = pytest.mark.django_db

API = "/api/v1/auctions"


def _send(client: Any, method: str, url: str, body: Any) -> Any:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_sales_are_created_changed_and_moved_forward(cast: Any, places: Any, client_for: Any) -> None:
    senior = client_for(cast.senior)
    world.house_premium()  # New York's, in dollars
    body = {
        "code": "NY-J-2709", "title": "Jewels", "office": "NY", "saleroom": "Park Avenue",
        "starts_at": "2027-09-10T10:00:00-04:00", "currency": "USD", "premium_schedule": "house-2026",
        "opening_fraction": "0.4",
    }  # fmt: skip
    made = _send(senior, "POST", f"{API}/sales", body)
    assert made.status_code == 201, made.content
    shown = made.json()
    assert (shown["starts_at"], shown["status"], shown["opening_fraction"], shown["increment_table"]) == (
        "2027-09-10T14:00:00Z", "planning", "0.400", "standard",
    )  # fmt: skip
    again = _send(senior, "POST", f"{API}/sales", body)
    assert again.status_code == 409
    assert again.json() == {
        "status": 409, "code": "duplicate_sale", "message": "A sale with code NY-J-2709 exists already.",
        "fields": {"code": ["A sale with code NY-J-2709 exists already."]},
    }  # fmt: skip
    changed = _send(senior, "PATCH", f"{API}/sales/NY-J-2709", {"expected_version": 1, "title": "Fine Jewels"})
    assert (changed.status_code, changed.json()["title"], changed.json()["version"]) == (200, "Fine Jewels", 2)
    stale = _send(senior, "PATCH", f"{API}/sales/NY-J-2709", {"expected_version": 1, "title": "X"})
    assert (stale.status_code, stale.json()["code"]) == (409, "stale")
    advanced = _send(senior, "POST", f"{API}/sales/NY-J-2709/advance", {"expected_version": 2})
    assert advanced.json()["status"] == "cataloguing"
    listed = senior.get(f"{API}/sales", {"status": "cataloguing"}).json()
    assert [row["code"] for row in listed["items"]] == ["NY-J-2709"]
    assert senior.get(f"{API}/sales", {"office": "GE"}).json()["items"] == []
    refused = _send(client_for(cast.assistant), "POST", f"{API}/sales", {**body, "code": "NY-J-2710"})
    assert refused.status_code == 403
    assert not Sale.objects.filter(code="NY-J-2710").exists()


def test_malformed_sale_input_is_answered_with_4xx(cast: Any, client_for: Any) -> None:
    sale = world.sale(cast.senior)
    senior = client_for(cast.senior)
    for body in (
        {"expected_version": 1, "title": "x" * 100000},
        {"expected_version": 1, "kyc_threshold": "-5"},
        {"expected_version": 1, "kyc_threshold": "nine"},
        {"expected_version": 1, "kyc_threshold": 12.5},
        {"expected_version": 1, "opening_fraction": "NaN"},
        {"expected_version": 1, "phone_spacing": -1},
        {"expected_version": 1, "office": "ZZ"},
        {"expected_version": 1, "increment_table": "nope"},
        {"expected_version": 1, "title": None},
        {"expected_version": "one"},
        {"expected_version": 10**30},
        [],
    ):
        response = _send(senior, "PATCH", f"{API}/sales/{sale.code}", body)
        assert 400 <= response.status_code < 500, (body, response.status_code)
        assert set(response.json()) == {"status", "code", "message", "fields"}
    assert Sale.objects.get(pk=sale.pk).version == 1
    assert senior.get(f"{API}/sales/NO-SUCH").status_code == 404
    assert senior.get(f"{API}/sales", {"status": "nope"}).status_code == 422


def test_lots_over_the_api_with_the_reserve_absent_for_those_who_may_not_read_it(
    cast: Any, places: Any, client_for: Any
) -> None:
    sale = world.sale(cast.senior)
    ring, brooch = world.pieces(cast.senior, "Sapphire ring", "Emerald brooch")
    assistant, senior = client_for(cast.assistant), client_for(cast.senior)
    body = {"stock_numbers": [ring.stock_number], "low_estimate": "8000", "high_estimate": "12000"}
    refused = _send(assistant, "POST", f"{API}/sales/{sale.code}/lots", {**body, "reserve": "5000"})
    assert (refused.status_code, refused.json()["fields"]) == (
        422, {"reserve": ["Only a senior specialist sets a reserve; leave it out."]},
    )  # fmt: skip
    made = _send(assistant, "POST", f"{API}/sales/{sale.code}/lots", body)
    assert made.status_code == 201
    assert made.json() == {
        "sale": sale.code, "number": "1", "position": 1, "heading": "Sapphire ring",
        "low_estimate": "8000.00", "high_estimate": "12000.00", "status": "offered", "withdrawn_reason": "",
        "pieces": [ring.stock_number], "version": 1,
    }  # fmt: skip
    inserted = _send(
        senior, "POST", f"{API}/sales/{sale.code}/lots",
        {**body, "stock_numbers": [brooch.stock_number], "number": "1A", "reserve": "4000",
         "heading": "An emerald brooch", "low_estimate": "5000", "high_estimate": "7000"},
    )  # fmt: skip
    assert (inserted.status_code, inserted.json()["reserve"], inserted.json()["position"]) == (201, "4000.00", 2)
    reserve = _send(
        senior, "POST", f"{API}/sales/{sale.code}/lots/1/reserve", {"expected_version": 1, "reserve": "9000"}
    )
    assert reserve.status_code == 422
    assert reserve.json()["message"] == (
        "The reserve 9,000.00 is above the low estimate 8,000.00; a reserve may be at most the low estimate."
    )
    reserve = _send(
        senior, "POST", f"{API}/sales/{sale.code}/lots/1/reserve", {"expected_version": 1, "reserve": "6000"}
    )
    assert reserve.json()["reserve"] == "6000.00"
    assert "reserve" not in assistant.get(f"{API}/sales/{sale.code}/lots/1").json()
    assert [
        sorted(row) == sorted(made.json()) for row in assistant.get(f"{API}/sales/{sale.code}/lots").json()["items"]
    ] == [True, True]
    assert [row["reserve"] for row in client_for(cast.auditor).get(f"{API}/sales/{sale.code}/lots").json()["items"]] == [
        "6000.00", "4000.00",
    ]  # fmt: skip
    assert (
        _send(assistant, "POST", f"{API}/sales/{sale.code}/lots/1/reserve", {"expected_version": 2}).status_code == 403
    )
    updated = _send(
        assistant, "PATCH", f"{API}/sales/{sale.code}/lots/1", {"expected_version": 2, "high_estimate": "15000"}
    )
    assert (updated.json()["high_estimate"], "reserve" in updated.json()) == ("15000.00", False)
    moved = _send(assistant, "POST", f"{API}/sales/{sale.code}/lots/1A/move", {"position": 1})
    assert moved.json()["position"] == 1
    withdrawn = _send(
        assistant, "POST", f"{API}/sales/{sale.code}/lots/1/withdraw", {"expected_version": 3, "reason": "Consignor"}
    )
    assert (withdrawn.json()["status"], withdrawn.json()["withdrawn_reason"]) == ("withdrawn", "Consignor")
    ring.refresh_from_db()
    assert ring.sale_state == "consigned"
    assert Lot.objects.get(sale=sale, number=1, suffix="").status == LotStatus.WITHDRAWN


def test_malformed_lot_input_is_answered_with_4xx(cast: Any, places: Any, client_for: Any) -> None:
    sale = world.sale(cast.senior)
    (ring,) = world.pieces(cast.senior, "Sapphire ring")
    assistant = client_for(cast.assistant)
    good = {"stock_numbers": [ring.stock_number], "low_estimate": "8000", "high_estimate": "12000"}
    for change in (
        {"stock_numbers": []},
        {"stock_numbers": ["x" * 5000]},
        {"stock_numbers": ["NY-26-000000-0"]},
        {"stock_numbers": [ring.stock_number, ring.stock_number]},
        {"low_estimate": "-8000"},
        {"low_estimate": "8,000.005"},
        {"low_estimate": 8000.5},
        {"high_estimate": "7000"},
        {"number": "12AAA"},
        {"number": "0"},
        {"heading": "x" * 100000},
    ):
        response = _send(assistant, "POST", f"{API}/sales/{sale.code}/lots", {**good, **change})
        assert 400 <= response.status_code < 500, (change, response.status_code)
        assert set(response.json()) == {"status", "code", "message", "fields"}
    assert Lot.objects.count() == 0
    assert assistant.get(f"{API}/sales/{sale.code}/lots/99").status_code == 404
    assert assistant.get(f"{API}/sales/{sale.code}/lots/{'9' * 400}").status_code == 422


def test_tables_over_the_api(cast: Any, client_for: Any) -> None:
    senior, assistant = client_for(cast.senior), client_for(cast.assistant)
    tables = assistant.get(f"{API}/increment-tables").json()
    assert [(t["code"], t["standard"], t["fixed"]) for t in tables] == [("standard", True, True)]
    body = {"code": "tens", "name": "Tens", "effective_from": "2026-01-01", "bands": [{"start": "100", "step": "10"}]}
    assert _send(assistant, "POST", f"{API}/increment-tables", body).status_code == 403
    made = _send(senior, "POST", f"{API}/increment-tables", body)
    assert (made.status_code, made.json()["bands"]) == (201, [{"start": "100.00", "step": "10.00", "pattern": ""}])
    bad = _send(senior, "PUT", f"{API}/increment-tables/tens", {**body, "bands": [{"start": "100"}]})
    assert (bad.status_code, bad.json()["message"]) == (
        422,
        "Row 1 of the Tens needs exactly one of a step or a pattern.",
    )
    assert IncrementTable.objects.get(code="tens").bands.get().step == Decimal("10.00")
    schedule = assistant.get(f"{API}/premium-schedules/house-2026").json()
    assert [(b["threshold"], b["rate_percent"]) for b in schedule["bands"]] == [
        ("0.00", "27"), ("1000000.00", "22"), ("6000000.00", "15"),
    ]  # fmt: skip
    made = _send(
        client_for(cast.administrator), "POST", f"{API}/premium-schedules",
        {"code": "house-2027", "name": "Premium 2027", "effective_from": "2027-01-01", "office": "NY",
         "currency": "USD", "bands": [{"threshold": "0", "rate_percent": "28"}]},
    )  # fmt: skip
    assert made.status_code == 201
    assert PremiumSchedule.objects.get(code="house-2027").bands.get().rate == Decimal("0.2800")
    assert assistant.get(f"{API}/increment-tables/none").status_code == 404
