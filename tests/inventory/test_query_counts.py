"""Every list issues the same number of queries whatever its length (5 rows against 50)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from parure.core.models import ApiToken, Office
from parure.inventory import services
from parure.inventory.models import Item
from tests.conftest import Cast, signed_in
from tests.inventory import world


def _queries(fetch: Callable[[], Any]) -> int:
    fetch()  # warm caches (content types, permissions) so both counts measure the same work
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == 200, response.content[:500]
    return len(captured)


def _grow(cast: Cast, ny: world.Places, client: Any, count: int) -> list[Item]:
    """Pieces checked out and overdue (the first and every other), the rest on their way to Geneva."""
    geneva = Office.objects.get(code="GE")
    pieces = world.take_in(cast.senior, client, *[world.piece(f"Ring {n}") for n in range(count)])
    for number, piece in enumerate(pieces):
        if number % 2 == 0:
            services.item_check_out(item=piece, to=ny.bench, by=cast.assistant, due_back=world.tomorrow())
        else:
            services.item_transfer_out(
                item=piece, destination=geneva, carrier="Ferrari", tracking_number="F1", by=cast.logistics
            )
    Item.objects.filter(pk__in=[p.pk for p in pieces], status="checked_out").update(
        due_back=timezone.now() - timedelta(days=1)
    )
    return pieces


PAGES = [
    "/inventory/",
    "/inventory/overdue/",
    "/inventory/transfers/",
    "/inventory/consignments/?office=all",
    "/inventory/ledger/",
    "/inventory/places/",
    "/",
]


@pytest.mark.parametrize("url", PAGES)
def test_list_pages_do_not_grow_with_rows(cast: Cast, ny: world.Places, client_file: Any, url: str) -> None:
    browser = signed_in(cast.senior)
    _grow(cast, ny, client_file, 5)
    few = _queries(lambda: browser.get(url))
    _grow(cast, ny, client_file, 45)
    many = _queries(lambda: browser.get(url))
    assert many == few


def test_a_location_page_does_not_grow_with_its_pieces(cast: Cast, ny: world.Places, client_file: Any) -> None:
    browser = signed_in(cast.senior)
    _grow(cast, ny, client_file, 5)
    few = _queries(lambda: browser.get(f"/inventory/places/{ny.bench.pk}/"))
    _grow(cast, ny, client_file, 45)
    assert _queries(lambda: browser.get(f"/inventory/places/{ny.bench.pk}/")) == few


def test_a_consignment_page_does_not_grow_with_its_pieces(cast: Cast, ny: world.Places, client_file: Any) -> None:
    browser = signed_in(cast.senior)
    small = _grow(cast, ny, client_file, 5)[0].consignment
    large = _grow(cast, ny, client_file, 50)[0].consignment
    assert small is not None and large is not None
    few = _queries(lambda: browser.get(f"/inventory/consignments/{small.number}/"))
    assert _queries(lambda: browser.get(f"/inventory/consignments/{large.number}/")) == few


def test_a_piece_page_does_not_grow_with_its_history(cast: Cast, ny: world.Places, ring: Item) -> None:
    browser = signed_in(cast.assistant)
    url = f"/inventory/items/{ring.stock_number}/"
    for place in [ny.tray1, ny.tray2] * 2:
        services.item_move(item=ring, to=place, by=cast.assistant)
    few = _queries(lambda: browser.get(url))
    for place in [ny.tray1, ny.tray2] * 23:
        services.item_move(item=ring, to=place, by=cast.assistant)
    assert _queries(lambda: browser.get(url)) == few


def test_api_lists_do_not_grow_with_rows(cast: Cast, ny: world.Places, client_file: Any) -> None:
    from django.test import Client

    _, secret = ApiToken.issue(staff=cast.senior, name="Counts")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    pieces = _grow(cast, ny, client_file, 5)
    urls = [
        "/api/v1/inventory/items",
        "/api/v1/inventory/consignments",
        f"/api/v1/inventory/items/{pieces[0].stock_number}/ledger",
    ]
    few = [_queries(lambda url=url: api.get(url)) for url in urls]
    _grow(cast, ny, client_file, 45)
    for _ in range(20):
        services.item_return(item=pieces[0], by=cast.assistant)
        services.item_check_out(item=pieces[0], to=ny.bench, by=cast.assistant, due_back=world.tomorrow())
    assert [_queries(lambda url=url: api.get(url)) for url in urls] == few


def test_my_day_arriving_panel_does_not_grow_with_the_pieces_on_the_road(
    cast: Cast, ny: world.Places, client_file: Any
) -> None:
    browser = signed_in(cast["luca"])  # a Geneva assistant: the pieces _grow sends are arriving for him
    _grow(cast, ny, client_file, 5)
    few = _queries(lambda: browser.get("/"))
    assert "Nothing is on its way to your office." not in browser.get("/").content.decode()
    _grow(cast, ny, client_file, 45)
    assert _queries(lambda: browser.get("/")) == few
