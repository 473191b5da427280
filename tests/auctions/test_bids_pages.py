"""The bids office's pages and API reads, as each role sees them: the absentee book with the maxima
only for those who may read them (absent from the HTML and the JSON, not hidden), the entry form for
a clerk typing from forms, the telephone sheet with the number to call only for the member of staff
on the line and those the client book shows the client to, and the book's fixed query count."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.auctions.choices import AbsenteeStatus
from parure.auctions.models import AbsenteeBid, Lot, Sale, TelephoneBid
from parure.auctions.services.bids import absentee_bid_place
from parure.auctions.services.telephone import telephone_bid_request, telephone_line_assign
from tests.auctions import world

pytestmark = pytest.mark.django_db

# 13,700 rounds down to 13,000: neither figure may reach a role that may not read maxima.
SECRETS = ("13,000", "13000", "13,700", "13700")
PHONE = "+1 212 555 0142"


@pytest.fixture
def book(cast: Any, places: Any) -> Any:
    sale = world.sale(cast.senior)
    lot = world.lot(sale, cast.senior)
    julian = world.bidder(sale)
    bid = absentee_bid_place(lot=lot, registration=julian, maximum="13700", by=cast.assistant, confirm=False).bid
    telephone = telephone_bid_request(lot=lot, registration=julian, phone_number=PHONE, by=cast.assistant)
    ines = world.bidder(sale, name="Mrs Ines Carvalho")
    absentee_bid_place(lot=lot, registration=ines, maximum="3000", or_group="B", by=cast.assistant, confirm=False)
    return type(
        "Book", (), {"sale": sale, "lot": lot, "julian": julian, "ines": ines, "bid": bid, "telephone": telephone}
    )


def granted_assistant(cast: Any) -> Any:
    sofia = cast["sofia"]
    sofia.user_permissions.add(Permission.objects.get(codename="view_reserves", content_type__app_label="core"))
    return sofia


def viewers(cast: Any) -> dict[str, Any]:
    return {
        "assistant": cast.assistant,
        "granted assistant": granted_assistant(cast),
        "senior": cast.senior,
        "finance": cast.finance,
        "logistics": cast.logistics,
        "auditor": cast.auditor,
        "administrator": cast.administrator,
    }


# Who reads the book (auctions.view_bids) and who reads the maxima in it (auctions.view_maxima).
READS_BOOK = {"assistant", "granted assistant", "senior", "auditor"}
READS_MAXIMA = {"granted assistant", "senior", "auditor"}


def test_the_book_shows_the_maxima_only_to_those_who_may_read_them(cast: Any, book: Any, client_for: Any) -> None:
    seen = {}
    for role, person in viewers(cast).items():
        client = client_for(person)
        page = client.get(f"/auctions/sales/{book.sale.code}/bids/")
        api = client.get(f"/api/v1/auctions/sales/{book.sale.code}/absentee-bids")
        html, body = page.content.decode(), api.content.decode()
        leaked = [secret for secret in SECRETS if secret in html or secret in body]
        seen[role] = (page.status_code, api.status_code, bool(leaked))
        if role in READS_BOOK:
            assert "1010" in html and "Absentee bid form" in html
            rows = api.json()
            assert [row["paddle"] for row in rows] == ["1010", "1029"]
            assert ("maximum" in rows[0], "given" in rows[0]) == (role in READS_MAXIMA,) * 2
        if role in READS_MAXIMA:
            assert "USD 13,000" in html and "13,700" in html
            assert (rows[0]["maximum"], rows[0]["given"]) == ("13000.00", "13700.00")
    assert seen == {
        "assistant": (200, 200, False),
        "granted assistant": (200, 200, True),
        "senior": (200, 200, True),
        "finance": (403, 403, False),
        "logistics": (403, 403, False),
        "auditor": (200, 200, True),
        "administrator": (403, 403, False),
    }


def test_the_book_shows_flags_or_groups_and_filters_by_lot(cast: Any, book: Any, client_for: Any) -> None:
    page = client_for(cast.assistant).get(f"/auctions/sales/{book.sale.code}/bids/?lot=1")
    html = page.content.decode()
    assert '<span class="badge warn" id="flags">1 flag</span>' in html
    assert "Below half the low estimate" in html and "OR group with one lot" in html
    rows = client_for(cast.assistant).get(f"/api/v1/auctions/sales/{book.sale.code}/absentee-bids?lot=1").json()
    assert [(row["paddle"], row["or_group"], row["or_group_lots"], row["below_half_low"]) for row in rows] == [
        ("1010", "", 0, False), ("1029", "B", 1, True),
    ]  # fmt: skip
    missing = client_for(cast.assistant).get(f"/auctions/sales/{book.sale.code}/bids/?lot=99")
    assert missing.status_code == 404 and "Sale NY-J-2703 has no lot 99." in missing.content.decode()
    nonsense = client_for(cast.assistant).get(f"/auctions/sales/{book.sale.code}/bids/?lot=%00" + "x" * 5000)
    assert nonsense.status_code in (404, 422)


def test_the_entry_form_echoes_the_accepted_maximum_once_and_keeps_the_paddle_for_the_next_lot(
    cast: Any, book: Any, client_for: Any
) -> None:
    second = world.lot(book.sale, cast.senior, heading="An emerald brooch", low="20000", high="30000", reserve=None)
    client = client_for(cast.assistant)
    url = f"/auctions/sales/{book.sale.code}/bids/new/"
    answer = client.post(
        url,
        {"paddle": "1010", "lot": second.label, "maximum": "22500", "channel": "email", "received_at": "",
         "or_group": "A"},
    )  # fmt: skip
    html = unescape(answer.content.decode())
    assert answer.status_code == 200
    assert (
        "Paddle 1010: lot 2 taken at USD 22,000. Your maximum of 22,500 falls between the auctioneer's steps; it is"
        " accepted as 22,000, the step below. The client file has no e-mail address: no confirmation was sent."
    ) in html
    assert 'name="paddle" value="1010"' in html and 'name="or_group" value="A"' in html
    assert 'name="lot" maxlength="8" autofocus' in html or ('name="lot"' in html and "autofocus" in html)
    assert 'name="maximum" value' not in html
    bid = AbsenteeBid.objects.get(lot=second)
    assert (bid.maximum, bid.channel, bid.or_group) == (22000, "email", "A")
    later = client.get(f"/auctions/sales/{book.sale.code}/bids/").content.decode()
    assert "22,000" not in later and "22,500" not in later and "22000" not in later
    assert "messages" not in client.cookies or "22" not in client.cookies["messages"].value


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"paddle": "1018"}, "Paddle 1018 is mistyped: its last digit is not its check digit. Read the paddle again."),
        ({"paddle": "9990"}, "Paddle 9990 is not registered for sale NY-J-2703."),
        ({"lot": "7"}, "Sale NY-J-2703 has no lot 7."),
        ({"maximum": "buy"}, "Paddle 1029's absentee bid gives 'buy' as its maximum: 'buy' or unlimited bids are not"
         " accepted; give a maximum hammer price in the sale's currency."),
        ({"maximum": "9" * 29}, "The maximum must be an amount to the cent, at most 999,999,999,999.99."),
        ({"channel": "pigeon"}, "Select a valid choice. pigeon is not one of the available choices."),
    ],
)  # fmt: skip
def test_a_refused_entry_says_why_beside_the_field_and_keeps_what_was_typed(
    cast: Any, book: Any, client_for: Any, fields: dict[str, str], message: str
) -> None:
    typed = {"paddle": "1029", "lot": "1", "maximum": "5000", "channel": "form", "received_at": "", **fields}
    before = AbsenteeBid.objects.count()
    answer = client_for(cast.assistant).post(f"/auctions/sales/{book.sale.code}/bids/new/", typed)
    html = unescape(answer.content.decode())
    assert answer.status_code == 422
    assert message in html, html[html.find("<main") :][:3000]
    assert f'value="{typed["paddle"]}"' in html
    assert AbsenteeBid.objects.count() == before


def test_cancelling_from_the_book_keeps_the_row(cast: Any, book: Any, client_for: Any) -> None:
    client = client_for(cast.assistant)
    answer = client.post(f"/auctions/sales/{book.sale.code}/bids/{book.bid.pk}/cancel/")
    assert answer.status_code == 302
    book.bid.refresh_from_db()
    assert (book.bid.status, book.bid.cancelled_by) == (AbsenteeStatus.CANCELLED, cast.assistant)
    html = client.get(answer["Location"]).content.decode()
    assert "Paddle 1010&#x27;s bid on lot 1 is cancelled." in html and "Cancelled by the bidder · Marcus Hale" in html


def test_the_book_issues_the_same_queries_for_2_and_20_bids(cast: Any, book: Any, client_for: Any) -> None:
    readers = {"assistant": client_for(cast.assistant), "senior": client_for(cast.senior)}
    urls = (f"/auctions/sales/{book.sale.code}/bids/", f"/api/v1/auctions/sales/{book.sale.code}/absentee-bids")

    def counts() -> dict[tuple[str, str], int]:
        found = {}
        for role, client in readers.items():
            for url in urls:
                client.get(url)  # the session and grants are read once; count the second request
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(url).status_code == 200
                found[(role, url)] = len(queries)
        return found

    few = counts()
    for n in range(18):
        bidder = world.bidder(book.sale, name=f"Mr Bidder {n}", credit="50000")
        absentee_bid_place(
            lot=book.lot, registration=bidder, maximum=str(8000 + 100 * n), or_group="C", by=cast.assistant,
            confirm=False,
        )  # fmt: skip
    assert AbsenteeBid.objects.count() == 20
    assert counts() == few


# --- The telephone sheet ---------------------------------------------------------------------------
def test_the_number_to_call_is_shown_to_the_line_holder_and_to_those_who_see_the_client(
    cast: Any, book: Any, client_for: Any
) -> None:
    oliver = cast["oliver"]  # a London assistant: the New York client's file is not his
    url = f"/auctions/sales/{book.sale.code}/telephone/"
    api = f"/api/v1/auctions/sales/{book.sale.code}/telephone-bids"

    def sees(person: Any) -> tuple[bool, bool]:
        client = client_for(person)
        return PHONE in client.get(url).content.decode(), "phone_number" in client.get(api).json()[0]

    assert sees(oliver) == (False, False)
    assert sees(cast.senior) == (True, True)
    assert sees(cast.auditor) == (True, True)
    telephone_line_assign(telephone=book.telephone, line="3", staff=oliver, by=cast.senior)
    assert sees(oliver) == (True, True)


def test_a_line_clash_is_refused_beside_the_row(cast: Any, book: Any, client_for: Any) -> None:
    near = world.lot(book.sale, cast.senior, heading="A ruby ring")
    other = telephone_bid_request(lot=near, registration=book.julian, by=cast.assistant)
    client = client_for(cast.assistant)
    ok = client.post(
        f"/auctions/sales/{book.sale.code}/telephone/{book.telephone.pk}/assign/",
        {"line": "1", "staff": cast.assistant.pk},
    )
    assert ok.status_code == 302
    clash = client.post(
        f"/auctions/sales/{book.sale.code}/telephone/{other.pk}/assign/", {"line": "2", "staff": cast.assistant.pk}
    )
    html = clash.content.decode()
    assert clash.status_code == 422
    assert (
        f'<p class="error" role="alert" id="telephone-{other.pk}-error">Marcus Hale holds line 1 for lot 1, and lots 1'
        " and 2 are 1 lot apart; a member of staff needs 5 lots between two lines.</p>"
    ) in html
    other.refresh_from_db()
    assert (other.line, other.staff) == ("", None)
    bad = client.post(f"/auctions/sales/{book.sale.code}/telephone/{other.pk}/assign/", {"line": "", "staff": "x"})
    assert bad.status_code == 422


def test_the_cover_bid_from_the_sheet_is_shown_once_then_only_to_maxima_readers(
    cast: Any, book: Any, client_for: Any
) -> None:
    client = client_for(cast.assistant)
    answer = client.post(f"/auctions/sales/{book.sale.code}/telephone/{book.telephone.pk}/cover/", {"maximum": "10250"})
    assert answer.status_code == 422  # one bid per paddle and lot: the cover bid waits for the other to go
    assert "Paddle 1010 has an absentee bid on lot 1 already; cancel it to change it." in unescape(
        answer.content.decode()
    )
    AbsenteeBid.objects.filter(pk=book.bid.pk).update(status=AbsenteeStatus.CANCELLED)
    answer = client.post(f"/auctions/sales/{book.sale.code}/telephone/{book.telephone.pk}/cover/", {"maximum": "10250"})
    assert "Paddle 1010: lot 1 taken at USD 10,000. Your maximum of 10,250 falls between" in unescape(
        answer.content.decode()
    )
    cover = TelephoneBid.objects.get(pk=book.telephone.pk).cover_bid
    assert (cover.maximum, cover.channel) == (10000, "phone")
    assert "10,000" not in client.get(f"/auctions/sales/{book.sale.code}/telephone/").content.decode()
    assert "USD 10,000" in client_for(cast.senior).get(f"/auctions/sales/{book.sale.code}/telephone/").content.decode()
    assert Lot.objects.count() == 1 and Sale.objects.count() == 1


def test_the_telephone_sheet_issues_the_same_queries_for_2_and_20_requests(
    cast: Any, book: Any, client_for: Any
) -> None:
    telephone_bid_request(lot=book.lot, registration=book.ines, by=cast.assistant)
    client = client_for(cast.senior)
    urls = (f"/auctions/sales/{book.sale.code}/telephone/", f"/api/v1/auctions/sales/{book.sale.code}/telephone-bids")

    def counts() -> list[int]:
        found = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    few = counts()
    for n in range(18):
        bidder = world.bidder(book.sale, name=f"Mr Caller {n}", credit="50000")
        telephone = telephone_bid_request(
            lot=book.lot, registration=bidder, phone_number="+44 20 7946 0000", by=cast.assistant
        )
        if n == 0:
            telephone_line_assign(telephone=telephone, line="1", staff=cast.senior, by=cast.senior)
    assert TelephoneBid.objects.count() == 20
    assert counts() == few
