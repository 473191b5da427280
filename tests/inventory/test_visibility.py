"""What each role reads of who consigned a piece: one rule for the piece's page, the pieces list,
the API and the receipts, with the client book deciding how a file is named.

Mr Li Wei-Chung is Eleanor's client (an ordinary file); Lady Amelia Grantham is her confidential
client; Mr Otto Brandt is Harriet's. Marcus and Sofia support Eleanor; Sofia is granted sight of
who consigns.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

import pypdf
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from parure.clients.choices import Confidentiality
from parure.core.choices import Role
from parure.core.models import ApiToken, Staff
from parure.inventory import services
from parure.inventory.models import Consignment, Item
from tests.conftest import Cast, signed_in
from tests.inventory import world

LI = "Mr Li Wei-Chung"


def _api(staff: Staff) -> Client:
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _grant_consignor_sight(person: Staff) -> Staff:
    person.user_permissions.add(
        Permission.objects.get(codename="view_consignor_identity", content_type__app_label="core")
    )
    return Staff.objects.get(pk=person.pk)  # a fresh object: permissions are cached on the instance


def _returned(cast: Cast, client_file: Any, title: str = "Jade bangle") -> Item:
    """A piece taken in for ``client_file`` and handed back to them against a signed receipt."""
    piece = world.take_in(cast.senior, client_file, world.piece(title))[0]
    assert piece.consignment is not None
    receipt = services.release_receipt_prepare(
        consignment=piece.consignment, items=[piece], collected_by=client_file.display_name, by=cast.senior
    )
    services.return_to_consignor(receipt=receipt, by=cast.senior, signed=True)
    return Item.objects.get(pk=piece.pk)


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _labels(number: str, sight: str) -> dict[str, Any]:
    """The exact words each place shows, for a viewer who reads the name, the number, or neither."""
    if sight == "name":
        return {
            "page": f'<dd id="consignor">{LI} <small>({number})</small></dd>',
            "intake": f"Received from the consignor, {LI} ({number}), by Eleanor Whitcombe",
            "return": f"Returned to the consignor, {LI} ({number}), by Eleanor Whitcombe",
            "holder": LI,
            "api": f"{LI} ({number})",
            "pdf": f"{LI} ({number})",
        }
    if sight == "number":
        return {
            "page": f'<dd id="consignor">Client {number}</dd>',
            "intake": f"Received from the consignor (client {number}) by Eleanor Whitcombe",
            "return": f"Returned to the consignor (client {number}) by Eleanor Whitcombe",
            "holder": f"the consignor (Client {number})",
            "api": f"Client {number}",
            "pdf": f"Client {number}",
        }
    return {
        "page": None,
        "intake": "Received from the consignor by Eleanor Whitcombe",
        "return": "Returned to the consignor by Eleanor Whitcombe",
        "holder": "the consignor",
        "api": None,
        "pdf": "On file with the department (not shown to your role)",
    }


SIGHTS = {
    Role.SPECIALIST_ASSISTANT: "neither",
    Role.SENIOR_SPECIALIST: "name",
    Role.FINANCE: "name",
    Role.LOGISTICS: "neither",
    Role.AUDITOR: "name",
    Role.ADMINISTRATOR: "neither",
}


@pytest.mark.parametrize("role", list(SIGHTS))
def test_each_role_reads_the_consignor_as_the_one_rule_says(cast: Cast, ny: world.Places, role: str) -> None:
    li = world.consignor(LI, specialists=[cast.senior])
    piece = _returned(cast, li)
    person = cast.by_role()[role]
    expected = _labels(li.number, SIGHTS[role])
    browser, api = signed_in(person), _api(person)

    page = browser.get(f"/inventory/items/{piece.stock_number}/").content.decode()
    listing = browser.get("/inventory/", {"office": ny.office.pk}).content.decode()
    detail = api.get(f"/api/v1/inventory/items/{piece.stock_number}").json()
    rows = api.get("/api/v1/inventory/items").json()["items"]
    ledger = api.get(f"/api/v1/inventory/items/{piece.stock_number}/ledger").json()["items"]

    assert (expected["page"] in page) if expected["page"] else ('id="consignor"' not in page)
    assert expected["intake"] in page and expected["return"] in page
    assert "· the consignor" not in page  # never "by Eleanor Whitcombe · the consignor"
    assert f"<br><small>{expected['holder']}</small>" in listing
    assert (LI in listing) == (SIGHTS[role] == "name") and (LI in page) == (SIGHTS[role] == "name")
    assert detail["holder"] == expected["holder"] and [row["holder"] for row in rows] == [expected["holder"]]
    assert detail.get("consignor") == expected["api"] and rows[0].get("consignor") == expected["api"]
    assert ("consignor" in detail) == (expected["api"] is not None)
    returned_to = LI if SIGHTS[role] == "name" else expected["holder"]
    assert [event["counterpart"] for event in ledger] == [returned_to, expected["api"] or "the consignor"]

    if person.has_perm("inventory.view_consignments"):
        consignment = piece.consignment
        assert consignment is not None
        receipt = _pdf_text(browser.get(f"/inventory/consignments/{consignment.number}/receipt/v1.pdf").content)
        assert expected["pdf"] in receipt and piece.stock_number in receipt
        body = api.get(f"/api/v1/inventory/consignments/{consignment.number}").json()
        assert body.get("consignor") == expected["api"]


def test_an_assistant_granted_the_sight_reads_names_the_client_book_lets_them(cast: Cast, ny: world.Places) -> None:
    sofia = _grant_consignor_sight(cast["sofia"])
    li = world.consignor(LI, specialists=[cast.senior])
    amelia = world.consignor(
        "Lady Amelia Grantham", specialists=[cast.senior], confidentiality=Confidentiality.CONFIDENTIAL
    )
    otto = world.consignor("Mr Otto Brandt", specialists=[cast["harriet"]])
    pieces = {client.pk: _returned(cast, client, f"Bangle of {client.number}") for client in (li, amelia, otto)}
    browser, api = signed_in(sofia), _api(sofia)

    listing = browser.get("/inventory/", {"office": ny.office.pk}).content.decode()
    assert f"<br><small>{LI}</small>" in listing
    for hidden in (amelia, otto):
        assert f"<br><small>the consignor (Client {hidden.number})</small>" in listing
        assert hidden.display_name not in listing
        page = browser.get(f"/inventory/items/{pieces[hidden.pk].stock_number}/").content.decode()
        assert f'<dd id="consignor">Client {hidden.number}</dd>' in page and hidden.display_name not in page
        assert f"Returned to the consignor (client {hidden.number}) by Eleanor Whitcombe" in page
        detail = api.get(f"/api/v1/inventory/items/{pieces[hidden.pk].stock_number}").json()
        assert (detail["consignor"], detail["holder"]) == (
            f"Client {hidden.number}",
            f"the consignor (Client {hidden.number})",
        )
    consignments = api.get("/api/v1/inventory/consignments").json()["items"]
    assert sorted(row["consignor"] for row in consignments) == sorted(
        [f"{LI} ({li.number})", f"Client {amelia.number}", f"Client {otto.number}"]
    )


def test_the_receiver_of_a_consignment_reads_its_consignor_as_the_client_book_lets_them(
    cast: Cast, ny: world.Places
) -> None:
    """Marcus took the pieces in: he sat with the consignor and issued the receipt, so on that
    consignment's page, receipt, pieces and API he reads the consignor as the client book names the
    file to him. Sofia, another assistant without the grant, still reads "the consignor"."""
    marcus, sofia = cast.assistant, cast["sofia"]
    li = world.consignor(LI, specialists=[cast.senior])
    amelia = world.consignor(
        "Lady Amelia Grantham", specialists=[cast.senior], confidentiality=Confidentiality.CONFIDENTIAL
    )
    ring = world.take_in(marcus, li, world.piece("Sapphire ring"))[0]
    brooch = world.take_in(marcus, amelia, world.piece("Diamond brooch"))[0]
    bangle = world.take_in(cast.senior, li, world.piece("Jade bangle"))[0]  # Eleanor's intake, not Marcus's
    numbers = {piece.pk: Consignment.objects.get(items=piece).number for piece in (ring, brooch, bangle)}

    browser, api = signed_in(marcus), _api(marcus)
    page = browser.get(f"/inventory/consignments/{numbers[ring.pk]}/").content.decode()
    assert f'<span id="consignor">{LI} ({li.number})</span>' in page
    receipt = _pdf_text(browser.get(f"/inventory/consignments/{numbers[ring.pk]}/receipt/v1.pdf").content)
    assert f"{LI} ({li.number})" in receipt
    item_page = browser.get(f"/inventory/items/{ring.stock_number}/").content.decode()
    assert f'<dd id="consignor">{LI} <small>({li.number})</small></dd>' in item_page
    assert f"Received from the consignor, {LI} ({li.number}), by Marcus Hale" in item_page
    assert api.get(f"/api/v1/inventory/items/{ring.stock_number}").json()["consignor"] == f"{LI} ({li.number})"

    # A confidential file is shown to him by number, as the client book shows it to an assistant.
    hidden = browser.get(f"/inventory/consignments/{numbers[brooch.pk]}/").content.decode()
    assert f'<span id="consignor">Client {amelia.number}</span>' in hidden and "Grantham" not in hidden
    hidden_receipt = _pdf_text(browser.get(f"/inventory/consignments/{numbers[brooch.pk]}/receipt/v1.pdf").content)
    assert f"Client {amelia.number}" in hidden_receipt and "Grantham" not in hidden_receipt

    # Eleanor's own intake of Li's bangle stays "the consignor" to him: receiving is per consignment.
    other = browser.get(f"/inventory/consignments/{numbers[bangle.pk]}/").content.decode()
    assert 'id="consignor"' not in other and LI not in other
    assert "consignor" not in api.get(f"/api/v1/inventory/items/{bangle.stock_number}").json()
    listing = re.sub(r"\s+", " ", browser.get("/inventory/consignments/").content.decode())
    assert f"{numbers[ring.pk]}</a></td><td>{LI}</td>" in listing
    assert f"{numbers[brooch.pk]}</a></td><td>Client {amelia.number}</td>" in listing
    assert f'{numbers[bangle.pk]}</a></td><td><span class="muted">the consignor</span></td>' in listing
    rows = {row["number"]: row.get("consignor") for row in api.get("/api/v1/inventory/consignments").json()["items"]}
    assert rows == {numbers[ring.pk]: f"{LI} ({li.number})", numbers[brooch.pk]: f"Client {amelia.number}",
                    numbers[bangle.pk]: None}  # fmt: skip

    # Sofia received none of them and has no grant: no consignor anywhere.
    for number in numbers.values():
        theirs = signed_in(sofia).get(f"/inventory/consignments/{number}/").content.decode()
        assert 'id="consignor"' not in theirs and LI not in theirs and amelia.number not in theirs
    sofia_list = signed_in(sofia).get("/inventory/consignments/").content.decode()
    assert '<th scope="col">Consignor</th>' not in sofia_list and LI not in sofia_list


# --- Identifier filters ------------------------------------------------------------------------


def test_identifier_filters_are_parsed_not_matched_to_the_nearest(cast: Cast, ny: world.Places) -> None:
    li = world.consignor(LI)
    older, newer = (world.take_in(cast.senior, li, world.piece(title))[0] for title in ("Older ring", "Newer ring"))
    api = _api(cast.assistant)
    older_number = Consignment.objects.get(items=older).number

    partial = api.get("/api/v1/inventory/items", {"consignment": "NY-C-26-"})
    assert partial.status_code == 422
    assert partial.json()["fields"] == {
        "consignment": [
            "‘NY-C-26-’ is not a whole consignment number; they look like NY-C-26-00012-2 "
            "(office, C, year, five digits, check digit)."
        ]
    }
    wrong = older_number[:-1] + str((int(older_number[-1]) + 1) % 10)
    mistyped = api.get("/api/v1/inventory/items", {"consignment": wrong})
    assert mistyped.status_code == 422
    assert mistyped.json()["fields"] == {
        "consignment": [
            f"{wrong} has a wrong check digit, so it is not a consignment number we issued; "
            "check the receipt and type it again."
        ]
    }
    exact = api.get("/api/v1/inventory/items", {"consignment": older_number}).json()
    assert [row["stock_number"] for row in exact["items"]] == [older.stock_number]

    part_of_a_stock_number = api.get("/api/v1/inventory/items", {"q": "NY-26-0000"})
    assert part_of_a_stock_number.status_code == 422
    assert part_of_a_stock_number.json()["fields"] == {
        "q": ["‘NY-26-0000’ is only part of a stock number; type all of it with its check digit, e.g. NY-26-000123-8."]
    }
    bad_digit = newer.stock_number[:-1] + str((int(newer.stock_number[-1]) + 1) % 10)
    assert api.get("/api/v1/inventory/items", {"q": bad_digit}).json()["fields"] == {
        "q": [
            f"{bad_digit} has a wrong check digit, so it is not a stock number we issued; "
            "check the tag and type it again."
        ]
    }
    assert api.get("/api/v1/inventory/items", {"location": 999999}).json()["fields"] == {
        "location": ["No place has the id 999999."]
    }

    # The consignments search looks for part of a number, or exactly a whole one.
    searched = api.get("/api/v1/inventory/consignments", {"q": "NY-C-26-"}).json()
    assert searched["count"] == 2
    whole = api.get("/api/v1/inventory/consignments", {"q": older_number}).json()
    assert [row["number"] for row in whole["items"]] == [older_number]
    refused = api.get("/api/v1/inventory/consignments", {"q": wrong})
    assert refused.status_code == 422
    assert refused.json()["fields"] == {"q": mistyped.json()["fields"]["consignment"]}
    listing = signed_in(cast.senior).get("/inventory/consignments/", {"q": wrong})
    assert listing.status_code == 422 and mistyped.json()["fields"]["consignment"][0] in listing.content.decode()

    page = signed_in(cast.assistant).get("/inventory/", {"consignment": "NY-C-26-"})
    assert page.status_code == 422
    html = page.content.decode()
    assert "‘NY-C-26-’ is not a whole consignment number" in html and "No pieces match." in html
    assert newer.stock_number not in html and older.stock_number not in html


# --- Lists ask the client book once ------------------------------------------------------------


def _queries(fetch: Callable[[], Any]) -> int:
    fetch()  # warm caches (content types, permissions) so both counts measure the same work
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == 200, response.content[:500]
    return len(captured)


def test_lists_of_returned_pieces_do_not_grow_with_their_consignors(cast: Cast, ny: world.Places) -> None:
    sofia = _grant_consignor_sight(cast["sofia"])
    browser, api = signed_in(sofia), _api(sofia)
    urls: list[Callable[[], Any]] = [
        lambda: browser.get("/inventory/"),
        lambda: api.get("/api/v1/inventory/items"),
        lambda: api.get("/api/v1/inventory/consignments"),
        lambda: browser.get("/inventory/consignments/"),
    ]

    def grow(count: int) -> None:
        for number in range(count):
            specialists = [cast.senior] if number % 2 else [cast["harriet"]]
            _returned(cast, world.consignor(f"Mr Consignor {count}-{number}", specialists=specialists))

    grow(2)
    few = [_queries(fetch) for fetch in urls]
    grow(12)
    assert [_queries(fetch) for fetch in urls] == few
    assert json.loads(api.get("/api/v1/inventory/items").content)["count"] == 14
