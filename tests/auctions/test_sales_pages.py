"""The sales and lots pages for each role: the reserve in the HTML exactly for seniors, auditors and
an assistant granted the sight; the list's filters and fixed query count; the sale and lot forms with
their refusals beside the field; and the tables' pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.auctions.choices import LotStatus, SaleStatus
from parure.auctions.models import IncrementTable, Lot, Sale
from parure.core.choices import Role
from parure.core.models import Staff
from parure.inventory.choices import SaleState
from parure.inventory.errors import StockNumberError
from parure.inventory.numbers import parse_stock_number
from tests.auctions import world

pytestmark = pytest.mark.django_db

GRANTED = "granted_assistant"
SEES_RESERVES = {
    Role.SPECIALIST_ASSISTANT: False,
    Role.SENIOR_SPECIALIST: True,
    Role.FINANCE: False,
    Role.LOGISTICS: False,
    Role.AUDITOR: True,
    Role.ADMINISTRATOR: False,
    GRANTED: True,
}


def _person(cast: Any, role: str) -> Staff:
    if role == GRANTED:
        sofia: Staff = cast["sofia"]
        sofia.user_permissions.add(Permission.objects.get(codename="view_reserves", content_type__app_label="core"))
        return Staff.objects.get(pk=sofia.pk)
    return cast.by_role()[role]  # type: ignore[no-any-return]


@pytest.mark.parametrize("role", list(SEES_RESERVES))
def test_the_reserve_reaches_exactly_the_roles_that_may_read_it(
    role: str, cast: Any, places: Any, client_for: Any
) -> None:
    sale = world.sale(cast.senior)
    lot = world.lot(sale, cast.senior, reserve="6123", low="8000", high="12000")
    browser = client_for(_person(cast, role))
    sees = SEES_RESERVES[role]
    for url in (f"/auctions/sales/{sale.code}/", f"/auctions/sales/{sale.code}/lots/1/"):
        page = browser.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert ("6,123" in html, "Reserve" in html) == (sees, sees), (role, url)
        if not sees:
            assert "6123" not in html and "reserve" not in html.lower(), (role, url)
    lot_json = browser.get(f"/api/v1/auctions/sales/{sale.code}/lots/1").json()
    assert ("reserve" in lot_json) == sees
    if sees:
        assert lot_json["reserve"] == "6123.00"
    listed = browser.get(f"/api/v1/auctions/sales/{sale.code}/lots").json()
    assert [("reserve" in row) for row in listed["items"]] == [sees]
    assert "6123" not in str(listed) or sees
    page = browser.get(f"/auctions/sales/{sale.code}/lots/1/").content.decode()
    assert ('name="reserve"' in page) == (role == Role.SENIOR_SPECIALIST)
    assert lot.reserve == Decimal("6123.00")


def test_the_list_filters_by_status_and_office_with_a_fixed_query_count(cast: Any, client_for: Any) -> None:
    browser = client_for(cast.assistant)

    def count(rows: int) -> int:
        while Sale.objects.count() < rows:
            world.sale(cast.senior, code=f"NY-J-{3000 + Sale.objects.count()}")
        browser.get("/auctions/")
        with CaptureQueriesContext(connection) as queries:
            assert browser.get("/auctions/").status_code == 200
        return len(queries)

    assert count(2) == count(20)
    london = world.sale(cast.senior, code="LN-J-2703", office=cast["harriet"].office, title="London Jewels",
                        currency="GBP", premium_schedule=world.london_premium())  # fmt: skip
    Sale.objects.filter(pk=london.pk).update(status=SaleStatus.PUBLISHED)
    page = browser.get("/auctions/", {"status": "published"}).content.decode()
    assert re.findall(r'id="sale-([A-Z0-9-]+)"', page) == ["LN-J-2703"]
    page = browser.get("/auctions/", {"office": str(london.office_id)}).content.decode()
    assert re.findall(r'id="sale-([A-Z0-9-]+)"', page) == ["LN-J-2703"]
    assert browser.get("/auctions/", {"status": "x" * 5000}).status_code == 422
    assert browser.get("/auctions/", {"page": "999"}).status_code == 200


def test_the_sale_page_asks_a_fixed_number_of_queries_and_totals_the_lots(
    cast: Any, places: Any, client_for: Any
) -> None:
    sale = world.sale(cast.senior)
    items = world.pieces(cast.senior, *(f"Ring {n}" for n in range(20)))
    browser = client_for(cast.senior)

    def count(lots: int) -> int:
        for item in items[sale.lots.count() : lots]:
            world.lot(sale, cast.senior, items=[item], heading=item.title)
        browser.get(f"/auctions/sales/{sale.code}/")
        with CaptureQueriesContext(connection) as queries:
            page = browser.get(f"/auctions/sales/{sale.code}/")
        assert page.status_code == 200
        return len(queries)

    assert count(2) == count(20)
    page = browser.get(f"/auctions/sales/{sale.code}/").content.decode()
    assert '<span class="figure">20</span> lots offered' in page
    assert "160,000–240,000 USD" in page
    assert f'href="/inventory/items/{items[19].stock_number}/"' in page


def test_a_senior_creates_a_sale_in_the_office_time_zone(cast: Any, client_for: Any) -> None:
    browser = client_for(cast.senior)
    form = {
        "code": "ny-j-2705", "title": "Jewels", "office": str(cast.senior.office_id), "saleroom": "Park Avenue",
        "starts_at": "2027-05-10T10:00", "currency": "usd",
        "increment_table": str(IncrementTable.objects.get(code="standard").pk),
        "premium_schedule": str(world.house_premium().pk),
        "book_wins_ties": "on", "go_backwards": "on", "seller_bids": "on", "opening_fraction": "0.5",
        "kyc_threshold": "10000", "phone_spacing": "5", "conditions_of_sale": "As printed.",
    }  # fmt: skip
    response = browser.post("/auctions/sales/new/", form)
    assert (response.status_code, response["Location"]) == (302, "/auctions/sales/NY-J-2705/")
    sale = Sale.objects.get(code="NY-J-2705")
    assert (sale.starts_at, sale.currency, sale.status, sale.created_by) == (
        datetime(2027, 5, 10, 14, 0, tzinfo=UTC), "USD", SaleStatus.PLANNING, cast.senior,
    )  # fmt: skip
    again = browser.post("/auctions/sales/new/", form)
    assert again.status_code == 409
    assert "A sale with code NY-J-2705 exists already." in again.content.decode()
    for field, value, message in (
        ("starts_at", "tomorrow", "‘tomorrow’ is not a date and time; give one such as 2027-03-10 10:00."),
        ("opening_fraction", "-1", "The opening fraction ‘-1’ must be a number from 0.05 to 1"),
        ("kyc_threshold", "1e400", "The KYC threshold must be an amount to the cent"),
        ("title", "x" * 5000, "Ensure this value has at most 200 characters (it has 5000)."),
    ):
        response = browser.post("/auctions/sales/new/", {**form, "code": "NY-J-2706", field: value})
        assert response.status_code == 422, field
        assert message in response.content.decode(), field
    assert not Sale.objects.filter(code="NY-J-2706").exists()
    assert client_for(cast.assistant).get("/auctions/sales/new/").status_code == 403


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(cast: Any, client_for: Any) -> None:
    sale = world.sale(cast.senior)
    browser = client_for(cast.senior)
    form = browser.get(f"/auctions/sales/{sale.code}/edit/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        office=str(sale.office_id), increment_table=str(sale.increment_table_id),
        premium_schedule=str(sale.premium_schedule_id), title="Magnificent Jewels, Spring",
    )  # fmt: skip
    for name in ("book_wins_ties", "sell_one_step_below_reserve", "go_backwards", "seller_bids"):
        if data.get(name) is False:
            del data[name]
    assert browser.post(f"/auctions/sales/{sale.code}/edit/", data).status_code == 302
    assert Sale.objects.get(pk=sale.pk).title == "Magnificent Jewels, Spring"
    stale = browser.post(f"/auctions/sales/{sale.code}/edit/", {**data, "title": "Jewels"})
    html = stale.content.decode()
    assert stale.status_code == 409
    assert "Someone changed this sale since you opened it; reload to see their change." in html
    assert 'value="Jewels"' in html
    assert Sale.objects.get(pk=sale.pk).title == "Magnificent Jewels, Spring"


def test_the_status_button_moves_the_sale_one_step(cast: Any, places: Any, client_for: Any) -> None:
    sale = world.sale(cast.senior)
    browser = client_for(cast.senior)
    assert "Move to cataloguing" in browser.get(f"/auctions/sales/{sale.code}/").content.decode()
    assert browser.post(f"/auctions/sales/{sale.code}/advance/", {"expected_version": "1"}).status_code == 302
    refused = browser.post(f"/auctions/sales/{sale.code}/advance/", {"expected_version": "2"})
    assert refused.status_code == 409
    assert "Sale NY-J-2703 has no lots offered; add at least one before publishing." in refused.content.decode()
    assert browser.post(f"/auctions/sales/{sale.code}/advance/", {}).status_code == 409
    assert Sale.objects.get(pk=sale.pk).status == SaleStatus.CATALOGUING


def test_adding_a_lot_by_stock_numbers(cast: Any, places: Any, client_for: Any) -> None:
    sale = world.sale(cast.senior)
    ring, brooch = world.pieces(cast.senior, "Sapphire ring", "Emerald brooch")
    browser = client_for(cast.assistant)
    page = browser.get(f"/auctions/sales/{sale.code}/lots/new/").content.decode()
    assert 'name="reserve"' not in page and "The next number is 1." in page
    digits = ring.stock_number[:-1] + str((int(ring.stock_number[-1]) + 1) % 10)
    with pytest.raises(StockNumberError) as expected:
        parse_stock_number(digits)
    form = {"stock_numbers": digits, "low_estimate": "8000", "high_estimate": "12000"}
    refused = browser.post(f"/auctions/sales/{sale.code}/lots/new/", form)
    assert refused.status_code == 422
    assert expected.value.message in refused.content.decode()
    response = browser.post(
        f"/auctions/sales/{sale.code}/lots/new/",
        {**form, "stock_numbers": f"{ring.stock_number}\n{brooch.stock_number}", "reserve": "99999"},
    )
    assert (response.status_code, response["Location"]) == (302, f"/auctions/sales/{sale.code}/lots/1/")
    lot = Lot.objects.get(sale=sale)
    assert (lot.heading, lot.reserve, [e.item_id for e in lot.pieces.order_by("position")]) == (
        "Sapphire ring", None, [ring.pk, brooch.pk],
    )  # fmt: skip
    page = browser.get(f"/auctions/sales/{sale.code}/lots/1/").content.decode()
    assert page.count("No approved catalogue copy yet.") == 2
    assert f'href="/catalogue/{ring.stock_number}/copy/"' in page
    for field, value in (
        ("low_estimate", "-5"),
        ("low_estimate", "eight"),
        ("high_estimate", "9" * 19),
        ("number", "A12"),
    ):
        (other,) = world.pieces(cast.senior, "Spare")
        response = browser.post(
            f"/auctions/sales/{sale.code}/lots/new/", {**form, "stock_numbers": other.stock_number, field: value}
        )
        assert response.status_code == 422, (field, value, response.content.decode()[-3000:])
    assert Lot.objects.filter(sale=sale).count() == 1


def test_lot_page_forms_edit_reserve_withdraw_and_move(cast: Any, places: Any, client_for: Any) -> None:
    sale = world.sale(cast.senior)
    first = world.lot(sale, cast.senior)
    world.lot(sale, cast.senior)
    senior = client_for(cast.senior)
    base = f"/auctions/sales/{sale.code}/lots/1"
    refused = senior.post(f"{base}/reserve/", {"expected_version": "1", "reserve": "9000"})
    assert refused.status_code == 422
    assert "The reserve 9,000.00 is above the low estimate 8,000.00; a reserve may be at most the low estimate." in (
        refused.content.decode()
    )
    assert senior.post(f"{base}/reserve/", {"expected_version": "1", "reserve": "7500"}).status_code == 302
    assistant = client_for(cast.assistant)
    assert assistant.post(f"{base}/reserve/", {"expected_version": "2", "reserve": "1"}).status_code == 403
    assert Lot.objects.get(pk=first.pk).reserve == Decimal("7500.00")
    edited = assistant.post(
        f"{base}/edit/", {"expected_version": "2", "heading": "A RING", "low_estimate": "7500", "high_estimate": "9000"}
    )
    assert edited.status_code == 302
    assert assistant.post(f"{base}/move/", {"direction": "down"}).status_code == 302
    assert [lot.label for lot in sale.lots.order_by("position")] == ["2", "1"]
    no_reason = assistant.post(f"{base}/withdraw/", {"expected_version": "3", "reason": ""})
    assert no_reason.status_code == 422 and "The reason for withdrawing is required." in no_reason.content.decode()
    assert (
        assistant.post(f"{base}/withdraw/", {"expected_version": "3", "reason": "Damaged in viewing"}).status_code
        == 302
    )
    lot = Lot.objects.get(pk=first.pk)
    piece = lot.pieces.get().item
    assert (lot.status, lot.withdrawn_reason, lot.heading, piece.sale_state) == (
        LotStatus.WITHDRAWN, "Damaged in viewing", "A RING", SaleState.CONSIGNED,
    )  # fmt: skip
    page = assistant.get(f"/auctions/sales/{sale.code}/").content.decode()
    assert 'Withdrawn</span> <span class="muted">Damaged in viewing</span>' in page


def test_the_tables_pages(cast: Any, client_for: Any) -> None:
    browser = client_for(cast.senior)
    standard = browser.get("/auctions/tables/increments/standard/").content.decode()
    first = re.search(r'<ul class="ladder-sample" id="first-steps">(.*?)</ul>', standard)
    assert first is not None
    steps = re.findall(r"<li>([\d,]+)</li>", first.group(1))
    assert steps[:12] == ["10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "22"]
    assert len(steps) == 40 and steps[-1] == "160"
    assert "cannot be edited" in standard and 'id="table-form"' not in standard
    bad = browser.post(
        "/auctions/tables/increments/new/",
        {"code": "tens", "name": "Tens", "effective_from": "2026-01-01", "band-0-start": "100", "band-0-step": "10",
         "band-1-start": "50", "band-1-step": "5"},
    )  # fmt: skip
    assert bad.status_code == 422
    html = bad.content.decode()
    assert (
        "Row 2 of the Tens starts at 50, not above the previous row&#x27;s 100; list the bands in rising order." in html
    )
    assert 'value="50"' in html
    made = browser.post(
        "/auctions/tables/increments/new/",
        {"code": "tens", "name": "Tens", "effective_from": "2026-01-01", "band-0-start": "100", "band-0-step": "10"},
    )
    assert (made.status_code, made["Location"]) == (302, "/auctions/tables/increments/tens/")
    schedule = browser.get("/auctions/tables/premiums/house-2026/").content.decode()
    assert "On a hammer of 1,500,000: 270,000 + 110,000 = 380,000" in schedule
    assert 'value="27"' in schedule
    assert client_for(cast.assistant).get("/auctions/tables/").status_code == 403
    assert client_for(cast.administrator).get("/auctions/tables/").status_code == 200


def test_a_lot_takes_its_heading_and_shows_the_piece_s_approved_copy(cast: Any, client_for: Any) -> None:
    from parure.catalogue.services.copy import copy_approve, copy_generate, copy_submit
    from tests.catalogue.copy_world import cartier_record

    record = cartier_record(cast)
    copy = copy_submit(copy=copy_generate(record=record, by=cast.assistant), by=cast.assistant, expected_version=1)
    copy_approve(copy=copy, by=cast.senior, expected_version=2)
    sale = world.sale(cast.senior)
    browser = client_for(cast.assistant)
    response = browser.post(
        f"/auctions/sales/{sale.code}/lots/new/",
        {"stock_numbers": record.item.stock_number, "low_estimate": "30000", "high_estimate": "50000"},
    )
    assert response.status_code == 302
    lot = Lot.objects.get(sale=sale)
    assert lot.heading == "A SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925"
    page = browser.get(f"/auctions/sales/{sale.code}/lots/1/").content.decode()
    assert "Of bombé design, set to the centre with a cushion-shaped sapphire." in page
    assert "No approved catalogue copy yet." not in page
