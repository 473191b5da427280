"""The results page, the check page, the results export and the API, end to end as each role: exact
figures, reserves and maxima absent for whoever may not see them, a fixed number of queries."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.auctions.models import CheckFinding, LotResult, UnsoldDecision
from parure.auctions.services import clerking
from parure.auctions.services.results import check_run
from parure.core.models import AccessLogEntry
from tests.auctions import results_day, world
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db

RESERVES = ("$6,000.00", "$4,000.00")


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with results_day.once(django_db_blocker) as cast:
        yield results_day.clerked(cast)


@pytest.fixture
def day(shared: Any, db: Any) -> Any:
    shared.sale.refresh_from_db()
    return shared


def _below_reserve(day: Any) -> None:
    clerking.result_correct(
        lot=day.lots[0], by=day.cast.senior, reason="Corrected from the auctioneer's book.", outcome="sold",
        hammer="5500", paddle=day.julian.paddle,
    )  # fmt: skip
    check_run(sale=day.sale, by=day.cast.senior)


def _xlsx(content: bytes) -> list[list[Any]]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [list(row) for row in book["Results"].iter_rows(values_only=True)]


# --- The results page -------------------------------------------------------------------------------
def test_the_results_page_states_each_lot_and_the_totals(day: Any) -> None:
    response = signed_in(day.cast.senior).get("/auctions/sales/NY-J-2703/results/")
    assert response.status_code == 200
    page = response.content.decode()
    for shown in (
        '<dd class="money" id="total-hammer">$23,500.00</dd>',
        '<dd class="money" id="total-premium">$6,345.00</dd>',
        '<dd class="money" id="total-total">$29,845.00</dd>',
        '<dd class="num" id="total-sold">3</dd>',
        '<dd class="num" id="total-bought-in">1</dd>',
        '<dd class="num" id="total-withdrawn">1</dd>',
        '<dd class="num" id="by-lot">75.0%</dd>',
        '<dd class="num" id="by-value">81.0%</dd>',
        '<dd class="money" id="estimates-offered">$29,000.00 – $43,000.00</dd>',
        "Sell-through by lot: lots sold ÷ lots offered (sold or bought in); withdrawn lots are not counted.",
        "Sell-through by value: hammer of the lots sold ÷ the sum of the low estimates of the lots offered.",
        '<td class="outcome">Bought in at $4,500.00</td>',
        f'<td class="outcome">Withdrawn: {results_day.WITHDRAWN_REASON}</td>',
        f'<td class="buyer">Paddle {day.julian.paddle} · Mr Julian Ashcombe</td>',
        '<td class="against">above</td>',
        '<td class="against">below</td>',
        '<td class="against">within</td>',
        'id="open-findings">0 open findings</a>',
        "Correct lot 1's result",
    ):
        assert shown in page, shown


@pytest.mark.parametrize("who", results_day.PEOPLE)
def test_reserves_and_maxima_reach_only_those_who_may_see_them(day: Any, who: str) -> None:
    _below_reserve(day)
    person = results_day.person(day.cast, who)
    client = signed_in(person)
    sees = who in results_day.SEES_RESERVES
    page = client.get("/auctions/sales/NY-J-2703/results/").content.decode()
    assert all((amount in page) == sees for amount in RESERVES), who
    assert ('class="num money reserve"' in page) == sees
    body = client.get("/api/v1/auctions/sales/NY-J-2703/results").json()
    assert [lot.get("reserve") for lot in body["lots"]] == (
        ["6000.00", "6000.00", "4000.00", "6000.00", "5000.00"] if sees else [None] * 5
    )
    assert all(("reserve" in lot) == sees for lot in body["lots"])
    assert "9000.00" not in json.dumps([lot for lot in body["lots"] if lot["lot"] != "1"])  # Julian's maximum
    check = client.get("/auctions/sales/NY-J-2703/check/")
    if who in ("senior", "finance", "auditor"):
        text = check.content.decode()
        assert "Lot 1 was hammered at 5,500.00 USD, below its reserve" in text
        assert ("Reserve: $6,000.00." in text) == sees
        assert "6,000" not in json.dumps(client.get("/api/v1/auctions/sales/NY-J-2703/check").json())
    else:
        assert check.status_code == 403
    export = client.get("/auctions/sales/NY-J-2703/results/export.xlsx")
    if who in ("logistics", "administrator"):
        assert export.status_code == 403
        return
    rows = _xlsx(export.content)
    assert ("Reserve" in rows[0]) == sees
    if not sees:
        assert all(6000 not in row and 4000 not in row for row in rows)


def test_the_results_export_cells(day: Any) -> None:
    response = signed_in(day.cast.finance).get("/auctions/sales/NY-J-2703/results/export.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = _xlsx(response.content)
    stock = [lot.pieces.get().item.stock_number for lot in day.lots]
    assert rows == [
        ["Lot", "Heading", "Stock numbers", "Low estimate", "High estimate", "Outcome", "Hammer", "Premium", "Total", "Paddle", "Currency"],
        ["1", "A sapphire and diamond ring", stock[0], 8000, 12000, "Sold", 9000, 2430, 11430, day.julian.paddle, "USD"],
        ["2", "An emerald brooch", stock[1], 8000, 12000, "Bought in", None, None, None, None, "USD"],
        ["3", "A pearl necklace", stock[2], 5000, 7000, "Sold", 7500, 2025, 9525, day.ada.paddle, "USD"],
        ["4", "A ruby bracelet", stock[3], 8000, 12000, "Withdrawn", None, None, None, None, "USD"],
        ["5", "A diamond rivière", stock[4], 8000, 12000, "Sold", 7000, 1890, 8890, day.ada.paddle, "USD"],
    ]  # fmt: skip
    senior_rows = _xlsx(signed_in(day.cast.senior).get("/auctions/sales/NY-J-2703/results/export.xlsx").content)
    assert senior_rows[0][5] == "Reserve"
    assert [row[5] for row in senior_rows[1:]] == [6000, 6000, 4000, 6000, 5000]
    logged = AccessLogEntry.objects.filter(subject_kind="export:sale_results").order_by("pk")
    assert [(entry.staff, entry.subject_ref) for entry in logged] == [
        (day.cast.finance, "NY-J-2703"),
        (day.cast.senior, "NY-J-2703"),
    ]


def test_a_senior_corrects_a_result_from_its_row(day: Any) -> None:
    client = signed_in(day.cast.senior)
    url = "/auctions/sales/NY-J-2703/results/3/correct/"
    before = LotResult.objects.count()
    refused = client.post(url, {"outcome": "sold", "hammer": "7000", "paddle": day.ada.paddle, "reason": ""})
    assert refused.status_code == 422
    assert "The reason is required." in refused.content.decode()
    assert 'value="7000"' in refused.content.decode()  # the form keeps what was typed
    mistyped = client.post(url, {"outcome": "sold", "hammer": "7000", "paddle": "1021", "reason": "Misread."})
    assert "Paddle 1021 is mistyped" in mistyped.content.decode()
    assert LotResult.objects.count() == before
    done = client.post(
        url, {"outcome": "sold", "hammer": "7000", "paddle": day.ada.paddle, "reason": "The auctioneer misspoke."}
    )
    assert (done.status_code, done["Location"]) == (302, "/auctions/sales/NY-J-2703/results/#lot-3")
    page = client.get("/auctions/sales/NY-J-2703/results/").content.decode()
    assert "Was sold at $7,500.00 to paddle" in page
    assert "corrected by Eleanor Whitcombe" in page and "The auctioneer misspoke." in page


def test_the_check_page_runs_and_a_senior_resolves(day: Any) -> None:
    clerking.result_correct(
        lot=day.lots[0], by=day.cast.senior, reason="Corrected.", outcome="sold", hammer="5500", paddle=day.julian.paddle,
    )  # fmt: skip
    finance = signed_in(day.cast.finance)
    ran = finance.post("/auctions/sales/NY-J-2703/check/run/")
    assert (ran.status_code, ran["Location"]) == (302, "/auctions/sales/NY-J-2703/check/")
    page = finance.get("/auctions/sales/NY-J-2703/check/").content.decode()
    assert "Check run: 1 new finding, 1 open." in page
    assert "Resolve</button>" not in page  # finance runs the check; a senior resolves
    finding = CheckFinding.objects.get()
    senior = signed_in(day.cast.senior)
    assert "1 open finding</a>" in senior.get("/auctions/sales/NY-J-2703/results/").content.decode()
    refused = senior.post(f"/auctions/sales/NY-J-2703/check/{finding.pk}/resolve/", {"resolution": ""})
    assert refused.status_code == 422 and "The resolution is required." in refused.content.decode()
    senior.post(
        f"/auctions/sales/NY-J-2703/check/{finding.pk}/resolve/", {"resolution": "The consignor agreed to 5,500."}
    )
    finding.refresh_from_db()
    assert (finding.status, finding.resolved_by) == ("resolved", day.cast.senior)
    assert "Resolved by Eleanor Whitcombe" in senior.get("/auctions/sales/NY-J-2703/check/").content.decode()


def test_unsold_pieces_show_the_instruction_and_take_a_decision(day: Any) -> None:
    client = signed_in(day.cast.assistant)
    piece = day.lots[1].pieces.get().item
    page = client.get("/auctions/sales/NY-J-2703/results/").content.decode()
    assert f'id="unsold-{piece.stock_number}"' in page
    assert '<td class="instruction">Re-offer in a later sale</td>' in page
    assert "Mrs Adela Moreno" not in page  # the consignor is not named here
    done = client.post(
        "/auctions/sales/NY-J-2703/results/2/unsold/",
        {"stock_number": piece.stock_number, "route": "return", "collected_by": "Mrs Adela Moreno"},
    )
    assert done.status_code == 302
    decision = UnsoldDecision.objects.get()
    page = client.get("/auctions/sales/NY-J-2703/results/").content.decode()
    assert f'href="/inventory/release-receipts/{decision.release_receipt}/"' in page
    refused = client.post(
        "/auctions/sales/NY-J-2703/results/2/unsold/", {"stock_number": "NY-26-0000", "route": "return"}
    )
    assert refused.status_code == 404 and "Lot 2:" in refused.content.decode()


def test_the_pages_issue_a_fixed_number_of_queries(day: Any) -> None:
    senior = day.cast.senior

    def sale_of(code: str, lots: int) -> str:
        sale = world.sale(senior, code=code)
        made = [world.lot(sale, senior, heading=f"Lot {n}") for n in range(lots)]
        buyer = world.bidder(sale, name=f"Mr Buyer {code}")
        world.live(sale)
        for lot in made:
            clerking.clerk_open(lot=lot, by=day.cast.assistant)
            clerking.clerk_bid(lot=lot, source="room", paddle=buyer.paddle, amount="9000", by=day.cast.assistant)
            clerking.clerk_hammer(lot=lot, by=day.cast.assistant)
        results_day.close_sale(sale)
        for lot in made:  # a finding on every lot, so the check's list grows with the sale
            clerking.result_correct(
                lot=lot, by=senior, reason="Corrected.", outcome="sold", hammer="5500", paddle=buyer.paddle
            )
        assert len(check_run(sale=sale, by=senior).added) == lots
        return code

    client = signed_in(senior)
    client.get("/auctions/")  # the session's first request reads the person and their device once
    counts = []
    for code, lots in (("NY-J-2801", 2), ("NY-J-2802", 20)):
        sale_of(code, lots)
        row = []
        for url in (
            f"/auctions/sales/{code}/results/",
            f"/api/v1/auctions/sales/{code}/results",
            f"/auctions/sales/{code}/results/export.xlsx",
            "/api/v1/auctions/results/feed",
            f"/auctions/sales/{code}/check/",
            f"/api/v1/auctions/sales/{code}/check",
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            row.append(len(queries))
        counts.append(row)
    assert counts[0] == counts[1]


# --- The API ----------------------------------------------------------------------------------------
def test_the_results_over_the_api(day: Any) -> None:
    body = signed_in(day.cast.finance).get("/api/v1/auctions/sales/NY-J-2703/results").json()
    assert body["totals"] == {
        "hammer": "23500.00", "premium": "6345.00", "total": "29845.00", "lots": 5, "sold": 3, "bought_in": 1,
        "withdrawn": 1, "offered": 4, "low_estimates_offered": "29000.00", "high_estimates_offered": "43000.00",
        "sell_through_by_lot": "75.0", "sell_through_by_value": "81.0",
    }  # fmt: skip
    first = body["lots"][0]
    assert (first["outcome"], first["hammer"], first["premium"], first["total"], first["paddle"]) == (
        "sold", "9000.00", "2430.00", "11430.00", day.julian.paddle,
    )  # fmt: skip


def test_corrections_the_check_and_unsold_over_the_api(day: Any) -> None:
    senior = signed_in(day.cast.senior)
    refused = senior.post(
        "/api/v1/auctions/sales/NY-J-2703/lots/1/correct",
        {"outcome": "sold", "hammer": "abc", "paddle": day.julian.paddle, "reason": "Misread."},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["message"] == "The hammer ‘abc’ is not an amount; give a number such as 12500."
    huge = senior.post(
        "/api/v1/auctions/sales/NY-J-2703/lots/1/correct",
        {"outcome": "sold", "reason": "x" * 5000},
        content_type="application/json",
    )
    assert huge.status_code == 422
    done = senior.post(
        "/api/v1/auctions/sales/NY-J-2703/lots/1/correct",
        {"outcome": "sold", "hammer": "5500", "paddle": day.julian.paddle, "reason": "Corrected."},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["hammer"] == "5500.00" and done.json()["reserve"] == "6000.00"
    finance = signed_in(day.cast.finance)
    ran = finance.post("/api/v1/auctions/sales/NY-J-2703/check", content_type="application/json").json()
    assert (ran["added"], ran["open"], [f["kind"] for f in ran["findings"]]) == (1, 1, ["below_reserve"])
    finding = ran["findings"][0]["id"]
    resolved = senior.post(
        f"/api/v1/auctions/sales/NY-J-2703/findings/{finding}/resolve",
        {"resolution": "The consignor agreed."},
        content_type="application/json",
    )
    assert (resolved.json()["status"], resolved.json()["resolved_by"]) == ("resolved", "Eleanor Whitcombe")
    again = senior.post(
        f"/api/v1/auctions/sales/NY-J-2703/findings/{finding}/resolve",
        {"resolution": "Again."},
        content_type="application/json",
    )
    assert (again.status_code, again.json()["code"]) == (409, "already_resolved")
    piece = day.lots[1].pieces.get().item
    routed = signed_in(day.cast.assistant).post(
        "/api/v1/auctions/sales/NY-J-2703/lots/2/unsold",
        {"stock_number": piece.stock_number, "route": "private_sale"},
        content_type="application/json",
    )
    assert routed.status_code == 200
    assert (routed.json()["route"], routed.json()["decided_by"]) == ("private_sale", "Marcus Hale")
    export = finance.get("/api/v1/auctions/sales/NY-J-2703/results/export")
    assert _xlsx(export.content)[0][5] == "Outcome"


def test_the_results_feed(day: Any) -> None:
    client = signed_in(day.cast.logistics)
    body = client.get("/api/v1/auctions/results/feed").json()
    assert body["count"] == 4
    assert body["items"][2] == {
        "sale_code": "NY-J-2703", "sale_date": "2027-03-10", "lot": "3", "heading": "A pearl necklace",
        "category": "necklace", "maker": "Mikimoto", "hammer": "7500.00", "premium": "2025.00", "currency": "USD",
        "low_estimate": "5000.00", "high_estimate": "7000.00", "outcome": "sold",
    }  # fmt: skip
    assert [(row["lot"], row["outcome"], row["hammer"]) for row in body["items"]] == [
        ("1", "sold", "9000.00"), ("2", "bought_in", None), ("3", "sold", "7500.00"), ("5", "sold", "7000.00"),
    ]  # fmt: skip
    text = json.dumps(body)
    assert "paddle" not in text and "reserve" not in text and day.julian.paddle not in text and "Ashcombe" not in text
    page = client.get("/api/v1/auctions/results/feed?limit=2&offset=1").json()
    assert (page["count"], [row["lot"] for row in page["items"]]) == (4, ["2", "3"])
    assert [row["lot"] for row in client.get("/api/v1/auctions/results/feed?category=necklace").json()["items"]] == [
        "3"
    ]
    assert client.get("/api/v1/auctions/results/feed?since=2027-03-11").json() == {"count": 0, "items": []}
    bad = client.get("/api/v1/auctions/results/feed?category=tiaras")
    assert (bad.status_code, bad.json()["fields"]) == (422, {"category": [bad.json()["message"]]})
    assert client.get("/api/v1/auctions/results/feed?offset=-1").status_code == 422
    later = world.sale(day.cast.senior, code="NY-J-2790")
    lot = world.lot(later, day.cast.senior, heading="A gold bangle", reserve=None)
    world.live(later)
    clerking.clerk_open(lot=lot, by=day.cast.assistant)
    clerking.clerk_pass(lot=lot, by=day.cast.assistant)
    assert client.get("/api/v1/auctions/results/feed").json()["count"] == 4  # a sale not closed is not in the feed


def test_malformed_input_is_refused_never_a_server_error(day: Any) -> None:
    senior = signed_in(day.cast.senior)
    before = (LotResult.objects.count(), CheckFinding.objects.count(), UnsoldDecision.objects.count())
    answers = [
        senior.post(
            "/auctions/sales/NY-J-2703/results/1/correct/", {"outcome": "x" * 10000, "reason": "r"}
        ).status_code,
        senior.post(
            "/auctions/sales/NY-J-2703/results/1/correct/",
            {"outcome": "sold", "hammer": "1e999", "paddle": day.julian.paddle, "reason": "r"},
        ).status_code,
        senior.post(
            "/auctions/sales/NY-J-2703/results/1/correct/",
            {"outcome": "sold", "hammer": "9000", "paddle": "9" * 5000, "reason": "r"},
        ).status_code,
        senior.post("/auctions/sales/NY-J-2703/results/ZZZZZZ/correct/", {"outcome": "sold"}).status_code,
        senior.post("/auctions/NOPE/results/1/correct/", {"outcome": "sold"}).status_code,
        senior.post(f"/auctions/sales/NY-J-2703/check/{10**30}/resolve/", {"resolution": "r"}).status_code,
        senior.post(
            "/auctions/sales/NY-J-2703/results/2/unsold/", {"stock_number": "x" * 5000, "route": "return"}
        ).status_code,
        senior.post(
            "/auctions/sales/NY-J-2703/results/2/unsold/",
            {"stock_number": day.lots[1].pieces.get().item.stock_number, "route": "melt", "note": "n" * 600},
        ).status_code,
        senior.post(
            f"/api/v1/auctions/sales/NY-J-2703/findings/{10**30}/resolve",
            {"resolution": "r"},
            content_type="application/json",
        ).status_code,
        senior.post(
            "/api/v1/auctions/sales/NY-J-2703/lots/1/correct", "[1, 2", content_type="application/json"
        ).status_code,
    ]
    assert answers == [422, 422, 422, 404, 404, 404, 404, 422, 404, 400]
    assert (LotResult.objects.count(), CheckFinding.objects.count(), UnsoldDecision.objects.count()) == before
