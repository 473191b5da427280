"""The clerk's screen, the saleroom board, the day's exchange rates and clerking's API, end to end:
each key posts one form and answers with the panel, refusals are a sentence and save nothing, the
reserve and the book's maxima reach only those who may read them, and the board shows amounts only."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.auctions.models import ClerkAction, ExchangeRate, LotResult, TelephoneBid
from parure.auctions.services import clerking
from parure.auctions.services.rates import rates_set
from parure.auctions.views.clerking import NOT_LIVE
from parure.core.models import Staff
from tests.auctions import world

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
CODE = "NY-J-2703"


@pytest.fixture
def day(cast: Any, places: Any) -> Any:
    """A live sale: lot 1 with a reserve of 6,000 and no book; lot 2 without reserve and an absentee bid
    of 9,000 from Mr Ashcombe; lot 3 plain. Mrs Lindqvist bids in the room."""
    sale = world.sale(cast.senior)
    reserved = world.lot(sale, cast.senior, heading="A sapphire and diamond ring")
    booked = world.lot(sale, cast.senior, heading="An emerald brooch", reserve=None)
    third = world.lot(sale, cast.senior, heading="A pair of pearl earrings", reserve=None, low="2000", high="3000")
    julian = world.bidder(sale)
    ada = world.bidder(sale, name="Mrs Ada Lindqvist")
    world.absentee(booked, julian, "9000")
    world.live(sale)
    return sale, (reserved, booked, third), julian, ada


def _granted_assistant() -> Staff:
    sofia = Staff.objects.get(username="sofia")
    sofia.user_permissions.add(Permission.objects.get(codename="view_reserves", content_type__app_label="core"))
    return Staff.objects.get(pk=sofia.pk)


def _page(client: Any, url: str, **extra: Any) -> str:
    response = client.get(url, **extra)
    assert response.status_code == 200, response.status_code
    return str(response.content.decode())


# --- The clerk's screen ----------------------------------------------------------------------------
def test_the_screen_waits_until_the_sale_is_live(cast: Any, places: Any, client_for: Any) -> None:
    sale = world.sale(cast.senior)
    world.lot(sale, cast.senior)
    html = _page(client_for(cast.assistant), f"/auctions/sales/{sale.code}/clerk/")
    assert NOT_LIVE.replace("'", "&#x27;") in html
    assert 'data-key="o"' not in html


def test_the_clerk_sells_a_lot_key_by_key_and_each_answer_is_the_panel(cast: Any, day: Any, client_for: Any) -> None:
    _sale, (reserved, _booked, _third), julian, ada = day
    clerk = client_for(cast.assistant)
    html = _page(clerk, f"/auctions/sales/{CODE}/clerk/")
    assert '<strong data-clerk="lot">1</strong>' in html
    assert '<strong data-clerk="instruction">Open at 4,000 for the seller</strong>' in html
    base = f"/auctions/sales/{CODE}/clerk/1"
    answer = clerk.post(f"{base}/open/", **HTMX)
    assert answer.status_code == 200
    panel = answer.content.decode()
    assert panel.startswith('<section id="clerk-panel"')
    assert '<dd data-clerk="asking">4,200</dd>' in panel
    assert '<dd data-clerk="holder">for the seller</dd>' in panel
    panel = clerk.post(f"{base}/bid/", {"source": "room", "paddle": ada.paddle}, **HTMX).content.decode()
    assert '<dd data-clerk="standing">4,500</dd>' in panel  # the seller answers below the reserve
    panel = clerk.post(f"{base}/bid/", {"source": "room", "paddle": julian.paddle, "amount": "6000"}, **HTMX)
    text = panel.content.decode()
    assert '<dd data-clerk="standing">6,000</dd>' in text
    assert f'<dd data-clerk="holder">in the room, paddle {julian.paddle}</dd>' in text
    for expected in ("Fair warning", f"Sell at 6,000 to paddle {julian.paddle}"):
        text = clerk.post(f"{base}/no-bid/", **HTMX).content.decode()
        assert f'<strong data-clerk="instruction">{expected}</strong>' in text
    text = clerk.post(f"{base}/hammer/", {"amount": "6000"}, **HTMX).content.decode()
    assert (
        f'<p class="clerk-result" data-clerk="result">Sold for 6,000 to paddle {julian.paddle} (in the room)</p>'
        in text
    )
    result = LotResult.objects.get(lot=reserved)
    assert (result.outcome, result.hammer, result.paddle, result.recorded_by) == (
        "sold", Decimal("6000.00"), julian.paddle, cast.assistant,
    )  # fmt: skip
    # The next visit opens on the next lot still to be sold.
    assert '<strong data-clerk="lot">2</strong>' in _page(clerk, f"/auctions/sales/{CODE}/clerk/")


def test_a_key_without_javascript_posts_and_comes_back_to_the_lot(cast: Any, day: Any, client_for: Any) -> None:
    answer = client_for(cast.assistant).post(f"/auctions/sales/{CODE}/clerk/2/open/")
    assert (answer.status_code, answer["Location"]) == (302, f"/auctions/sales/{CODE}/clerk/?lot=2")
    assert ClerkAction.objects.filter(lot=day[1][1]).count() == 1


def test_a_refusal_is_a_sentence_in_the_alert_region_and_saves_nothing(cast: Any, day: Any, client_for: Any) -> None:
    _sale, (reserved, *_), _julian, _ada = day
    clerk = client_for(cast.assistant)
    clerk.post(f"/auctions/sales/{CODE}/clerk/1/open/", **HTMX)
    answer = clerk.post(
        f"/auctions/sales/{CODE}/clerk/1/bid/", {"source": "room", "form": "room", "paddle": "1011"}, **HTMX
    )
    assert answer.status_code == 422
    text = answer.content.decode()
    assert (
        '<div class="clerk-alert" role="alert" id="clerk-alert"><p class="refusal">Paddle 1011 is mistyped: its last'
        " digit is not its check digit. Read the paddle again.</p></div>"
    ) in text
    assert 'value="1011" data-focus aria-invalid="true"' in text  # the field keeps what was typed
    answer = clerk.post(f"/auctions/sales/{CODE}/clerk/1/hammer/", {"amount": "3000"}, **HTMX)
    assert answer.status_code == 409
    assert "The hammer of 3,000 is below the standing bid of 4,000 for the seller" in answer.content.decode()
    answer = clerk.post(f"/auctions/sales/{CODE}/clerk/1/withdraw/", {"reason": "  "}, **HTMX)
    assert (answer.status_code, "The reason is required." in answer.content.decode()) == (422, True)
    for junk in ("x" * 5000, "-1", "1e400", "NaN"):
        answer = clerk.post(
            f"/auctions/sales/{CODE}/clerk/1/bid/", {"source": "room", "paddle": junk, "amount": junk}, **HTMX
        )
        assert answer.status_code in (404, 409, 422)
    assert ClerkAction.objects.filter(lot=reserved).count() == 1
    assert not LotResult.objects.filter(lot=reserved).exists()
    assert client_for(cast.assistant).post(f"/auctions/sales/{CODE}/clerk/99/open/").status_code == 404
    assert client_for(cast.assistant).get(f"/auctions/sales/{CODE}/clerk/?lot=zz!").status_code == 404


def test_a_telephone_bid_is_keyed_by_its_line(cast: Any, day: Any, client_for: Any) -> None:
    _sale, (_, _, third), _julian, ada = day
    TelephoneBid.objects.create(lot=third, registration=ada, line="2", staff=cast.assistant, requested_by=cast.senior)
    clerk = client_for(cast.assistant)
    html = _page(clerk, f"/auctions/sales/{CODE}/clerk/?lot=3")
    assert f"Line 2: paddle {ada.paddle} · Marcus Hale" in html
    clerk.post(f"/auctions/sales/{CODE}/clerk/3/open/", **HTMX)
    text = clerk.post(f"/auctions/sales/{CODE}/clerk/3/bid/", {"source": "phone", "line": "2", "paddle": ""}, **HTMX)
    assert '<dd data-clerk="holder">on the phone, line 2</dd>' in text.content.decode()
    refused = clerk.post(
        f"/auctions/sales/{CODE}/clerk/3/bid/", {"source": "phone", "form": "phone", "line": "7"}, **HTMX
    )
    assert refused.status_code == 409
    assert "Lot 3 has no telephone line 7; assign the line on the telephone sheet first." in refused.content.decode()


def test_the_reserve_and_the_book_reach_the_screen_only_for_those_who_may_read_them(
    cast: Any, day: Any, client_for: Any
) -> None:
    _sale, _lots, julian, _ada = day
    granted = _granted_assistant()
    for who, sees in ((cast.assistant, False), (granted, True), (cast.senior, True)):
        reserved = _page(client_for(who), f"/auctions/sales/{CODE}/clerk/?lot=1")
        booked = _page(client_for(who), f"/auctions/sales/{CODE}/clerk/?lot=2")
        assert ('<span data-clerk="reserve">Reserve 6,000</span>' in reserved) is sees
        assert ("6,000" in reserved) is sees
        assert ("9,000" in booked) is sees, who
        assert (f'<td>{julian.paddle}</td><td class="num">9,000</td>' in booked) is sees
        if not sees:
            assert "1 absentee bid on the book." in booked
    for who in (cast.finance, cast.logistics, cast.auditor, cast.administrator):
        refused = client_for(who).get(f"/auctions/sales/{CODE}/clerk/?lot=1")
        assert refused.status_code == 403 and b"6,000" not in refused.content
    # The engine's instruction names the bid called, never the reserve or a maximum as such.
    for lot in _lots:
        text = clerking.lot_state(lot).state.instruction.text.lower()
        assert "reserve" not in text and "maximum" not in text and "9,000" not in text


def test_the_screen_reads_a_fixed_number_of_queries_however_long_the_lot_runs(
    cast: Any, day: Any, client_for: Any
) -> None:
    _sale, (reserved, _, third), julian, ada = day
    clerk = client_for(cast.senior)
    counts = []
    for lot, bids in ((reserved, 2), (third, 20)):
        clerking.clerk_open(lot=lot, by=cast.assistant)
        for n in range(bids):
            clerking.clerk_bid(lot=lot, source="online", paddle=(ada if n % 2 else julian).paddle, by=cast.assistant)
        clerk.get(f"/auctions/sales/{CODE}/clerk/?lot={lot.label}")  # warm the session and the ladder
        with CaptureQueriesContext(connection) as queries:
            _page(clerk, f"/auctions/sales/{CODE}/clerk/?lot={lot.label}")
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- The saleroom board ----------------------------------------------------------------------------
def _board(client: Any, etag: str = "") -> Any:
    extra = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
    return client.get(f"/auctions/sales/{CODE}/board/state.json", **extra)


def test_the_board_follows_the_clerk_and_answers_304_while_nothing_changed(
    cast: Any, day: Any, client_for: Any
) -> None:
    _sale, (_, booked, third), _julian, ada = day
    rates_set(sale=day[0], rates=[("EUR", "0.92"), ("GBP", "0.7875"), ("JPY", "151.5")], by=cast.assistant)
    screen = client_for(cast.logistics)
    first = _board(screen)
    state = first.json()
    assert (state["lot"], state["status"], state["amount"], state["equivalents"]) == ("1", "ready", "", [])
    assert _board(screen, first["ETag"]).status_code == 304
    clerking.clerk_open(lot=booked, by=cast.assistant)  # 4,000 on the book: asking 4,200
    moved = _board(screen, first["ETag"])
    assert moved.status_code == 200 and moved["ETag"] != first["ETag"]
    state = moved.json()
    assert (state["lot"], state["heading"], state["label"], state["amount"], state["standing"]) == (
        "2", "An emerald brooch", "Asking", "4,200", "4,000",
    )  # fmt: skip
    assert state["equivalents"] == [
        {"currency": "EUR", "amount": "3,864"},  # 4,200 × 0.92
        {"currency": "GBP", "amount": "3,308"},  # 3,307.5 rounded half-up
        {"currency": "JPY", "amount": "636,300"},
    ]
    clerking.clerk_bid(lot=booked, source="room", paddle=ada.paddle, amount="9500", by=cast.assistant)
    for _ in range(2):
        clerking.clerk_no_bid(lot=booked, by=cast.assistant)
    clerking.clerk_hammer(lot=booked, by=cast.assistant)
    state = _board(screen, moved["ETag"]).json()
    assert (state["status"], state["label"], state["amount"]) == ("sold", "Sold", "9,500")
    clerking.clerk_withdraw(lot=third, by=cast.assistant, reason="The consignor withdrew it.")
    state = _board(screen).json()
    assert (state["lot"], state["status"], state["label"], state["amount"]) == ("3", "withdrawn", "Withdrawn", "")
    page = _page(screen, f"/auctions/sales/{CODE}/board/")
    assert '<span data-board-field="lot">3</span>' in page and "masthead" not in page


def test_the_board_never_shows_a_reserve_a_maximum_or_a_paddle_to_anyone(cast: Any, day: Any, client_for: Any) -> None:
    _sale, (_, booked, _), julian, ada = day
    clerking.clerk_open(lot=booked, by=cast.assistant)
    clerking.clerk_bid(lot=booked, source="room", paddle=ada.paddle, by=cast.assistant)  # 4,200, book 4,500
    viewers = [*cast.by_role().values(), _granted_assistant()]
    for who in viewers:
        client = client_for(who)
        for body in (
            _page(client, f"/auctions/sales/{CODE}/board/"),
            _board(client).content.decode(),
            client.get(f"/api/v1/auctions/sales/{CODE}/board").content.decode(),
        ):
            assert "4,800" in body  # the asking bid
            for secret in ("9,000", "9000", "6,000", julian.paddle, ada.paddle, "Ashcombe", "Lindqvist", "book"):
                assert secret not in body, (who.username, secret)


# --- The day's exchange rates -----------------------------------------------------------------------
def test_rates_are_entered_for_the_day_and_refused_with_the_row_named(cast: Any, day: Any, client_for: Any) -> None:
    sale = day[0]
    clerk = client_for(cast.assistant)
    answer = clerk.post(
        f"/auctions/sales/{CODE}/rates/",
        {"currency_1": "eur", "rate_1": "0.92", "currency_2": "CHF", "rate_2": "0.8801"},
    )
    assert answer.status_code == 302
    assert [(r.currency, r.rate, r.position) for r in ExchangeRate.objects.filter(sale=sale)] == [
        ("EUR", Decimal("0.920000"), 1), ("CHF", Decimal("0.880100"), 2),
    ]  # fmt: skip
    refusals = {
        "Row 2: ‘XYZ’ is not an ISO 4217 currency code; give three letters such as EUR.": {
            "currency_1": "EUR", "rate_1": "0.9", "currency_2": "XYZ", "rate_2": "1",
        },
        "Row 1: USD is the sale's own currency; the board shows it already.": {"currency_1": "USD", "rate_1": "1"},
        "Row 1: the rate for GBP must be more than nothing.": {"currency_1": "GBP", "rate_1": "-0.5"},
        "Row 1: ‘abc’ is not a rate; give a decimal such as 0.92.": {"currency_1": "GBP", "rate_1": "abc"},
        "Row 1: the rate for GBP is required.": {"currency_1": "GBP", "rate_1": ""},
        "Row 2: EUR is given twice; give each currency once.": {
            "currency_1": "EUR", "rate_1": "0.9", "currency_2": "eur", "rate_2": "0.91",
        },
        "Row 1: the rate for GBP takes at most six decimal places and stays below 100,000,000.": {
            "currency_1": "GBP", "rate_1": "0.1234567",
        },
    }  # fmt: skip
    for message, data in refusals.items():
        answer = clerk.post(f"/auctions/sales/{CODE}/rates/", data)
        assert answer.status_code == 422, message
        assert message.replace("'", "&#x27;") in answer.content.decode()
    with pytest.raises(Exception, match="at most 5 currencies; 6 were given"):
        rates_set(sale=sale, rates=[(c, "1") for c in ("EUR", "GBP", "CHF", "JPY", "HKD", "SGD")], by=cast.assistant)
    assert ExchangeRate.objects.filter(sale=sale).count() == 2  # nothing half-saved
    assert client_for(cast.finance).get(f"/auctions/sales/{CODE}/rates/").status_code == 403


# --- The API -----------------------------------------------------------------------------------------
def _api(client: Any, method: str, url: str, body: Any = None) -> Any:
    return client.generic(method, f"/api/v1/auctions/sales/{CODE}{url}", json.dumps(body or {}), "application/json")


def test_the_api_states_the_lot_and_takes_the_keys(cast: Any, day: Any, client_for: Any) -> None:
    _sale, (reserved, _, _), _julian, ada = day
    assistant, senior = client_for(cast.assistant), client_for(cast.senior)
    assert _api(assistant, "GET", "/clerk/lots/1").json()["reserve"] is None
    assert _api(senior, "GET", "/clerk/lots/1").json()["reserve"] == "6000.00"
    assert _api(client_for(_granted_assistant()), "GET", "/clerk/lots/1").json()["reserve"] == "6000.00"
    assert "6000" not in _api(assistant, "GET", "/clerk/lots/1").content.decode()
    state = _api(assistant, "POST", "/clerk/lots/1/open").json()
    assert (state["phase"], state["asking"], state["holder"]) == ("bidding", "4200.00", "for the seller")
    state = _api(assistant, "POST", "/clerk/lots/1/bid", {"source": "online", "paddle": ada.paddle, "amount": "6000"})
    assert (state.json()["current"], state.json()["holder"]) == ("6000.00", f"online, paddle {ada.paddle}")
    refused = _api(assistant, "POST", "/clerk/lots/1/bid", {"source": "room", "paddle": "1011"})
    assert refused.status_code == 422
    assert refused.json() == {
        "status": 422,
        "code": "invalid_paddle",
        "message": "Paddle 1011 is mistyped: its last digit is not its check digit. Read the paddle again.",
        "fields": {
            "paddle": ["Paddle 1011 is mistyped: its last digit is not its check digit. Read the paddle again."]
        },
    }
    result = _api(assistant, "POST", "/clerk/lots/1/hammer", {}).json()
    assert (result["outcome"], result["hammer"], result["paddle"], result["source"]) == (
        "sold", "6000.00", ada.paddle, "online",
    )  # fmt: skip
    again = _api(assistant, "POST", "/clerk/lots/1/pass")
    assert (again.status_code, again.json()["code"]) == (409, "lot_closed")
    withdrawn = _api(assistant, "POST", "/clerk/lots/3/withdraw", {"reason": "Damaged in transit."}).json()
    assert (withdrawn["outcome"], withdrawn["reason"]) == ("withdrawn", "Damaged in transit.")
    assert LotResult.objects.filter(lot=reserved).count() == 1
