"""The bids API end to end: taking a bid (the accepted maximum given back once, to the caller who
sent it), cancelling it, resending its confirmation; telephone requests, lines with their spacing,
cover bids; and bad input answered with the error shape, never a 500."""

from typing import Any

import pytest

from parure.auctions.choices import AbsenteeStatus
from parure.auctions.models import AbsenteeBid, Sale, TelephoneBid
from tests.auctions import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def sale(cast: Any, places: Any) -> Sale:
    the_sale = world.sale(cast.senior)
    world.lot(the_sale, cast.senior)
    world.lot(the_sale, cast.senior, heading="An emerald brooch", low="20000", high="30000", reserve=None)
    world.bidder(the_sale)
    return the_sale


def url(sale: Sale, tail: str = "") -> str:
    return f"/api/v1/auctions/sales/{sale.code}{tail}"


def test_taking_a_bid_gives_the_accepted_maximum_once_then_reads_leave_it_out(
    cast: Any, sale: Sale, client_for: Any
) -> None:
    client = client_for(cast.assistant)
    answer = client.post(
        url(sale, "/absentee-bids"),
        {"paddle": "1010", "lot": "1", "maximum": "10250", "channel": "email", "or_group": "A"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert {key: body[key] for key in ("message", "accepted_maximum", "rounded", "confirmation_to")} == {
        "message": "Your maximum of 10,250 falls between the auctioneer's steps; it is accepted as 10,000,"
        " the step below.",
        "accepted_maximum": "10000.00",
        "rounded": True,
        "confirmation_to": "",
    }
    assert "maximum" not in body["bid"] and "given" not in body["bid"]
    assert {key: body["bid"][key] for key in ("lot", "paddle", "channel", "or_group", "or_group_lots", "status")} == {
        "lot": "1", "paddle": "1010", "channel": "email", "or_group": "A", "or_group_lots": 1, "status": "active",
    }  # fmt: skip
    listed = client.get(url(sale, "/absentee-bids")).json()
    assert len(listed) == 1 and "maximum" not in listed[0] and "10000" not in str(listed)
    senior = client_for(cast.senior).get(url(sale, "/absentee-bids")).json()
    assert (senior[0]["maximum"], senior[0]["given"]) == ("10000.00", "10250.00")

    cancelled = client.post(url(sale, f"/absentee-bids/{body['bid']['id']}/cancel"))
    assert cancelled.status_code == 200
    assert (cancelled.json()["status"], cancelled.json()["cancelled_by"]) == ("cancelled", "marcus")
    again = client.post(url(sale, f"/absentee-bids/{body['bid']['id']}/cancel"))
    assert again.status_code == 409
    assert again.json() == {
        "status": 409, "code": "bid_refused", "message": "Paddle 1010's bid on lot 1 was cancelled already.",
        "fields": {},
    }  # fmt: skip
    confirm = client.post(url(sale, f"/absentee-bids/{body['bid']['id']}/confirmation"))
    assert confirm.status_code == 409


@pytest.mark.parametrize(
    ("payload", "status", "code", "message"),
    [
        ({"paddle": "1018", "lot": "1", "maximum": "9000"}, 422, "invalid_paddle",
         "Paddle 1018 is mistyped: its last digit is not its check digit. Read the paddle again."),
        ({"paddle": "1010", "lot": "1", "maximum": "buy"}, 422, "unlimited_bid",
         "Paddle 1010's absentee bid gives 'buy' as its maximum: 'buy' or unlimited bids are not accepted;"
         " give a maximum hammer price in the sale's currency."),
        ({"paddle": "1010", "lot": "1", "maximum": "600000"}, 409, "bid_refused",
         "Paddle 1010's maximum of 600,000 is above its credit limit of 500,000."),
        ({"paddle": "1010", "lot": "1", "maximum": "9000", "channel": "pigeon"}, 422, "invalid",
         "Some fields are not valid; see fields."),
        ({"paddle": "1010", "lot": "1", "maximum": "9000", "or_group": "x" * 41}, 422, "invalid",
         "Some fields are not valid; see fields."),
        ({"paddle": "1010", "lot": "1", "maximum": "9" * 200}, 422, "invalid_amount", None),
        ({"paddle": "1010", "lot": "1" * 12, "maximum": "9000"}, 422, "invalid_lot_number", None),
    ],
)  # fmt: skip
def test_a_refused_bid_answers_with_the_error_shape_and_saves_nothing(
    cast: Any, sale: Sale, client_for: Any, payload: dict[str, str], status: int, code: str, message: str | None
) -> None:
    answer = client_for(cast.assistant).post(url(sale, "/absentee-bids"), payload, content_type="application/json")
    assert answer.status_code == status, answer.content
    body = answer.json()
    assert (body["status"], body["code"]) == (status, code)
    if message:
        assert body["message"] == message
    assert AbsenteeBid.objects.count() == 0


def test_telephone_bids_lines_spacing_and_cover(cast: Any, sale: Sale, client_for: Any) -> None:
    client = client_for(cast.assistant)
    world.bidder(sale, name="Mrs Ines Carvalho")
    first = client.post(
        url(sale, "/telephone-bids"),
        {"paddle": "1010", "lot": "1", "phone_number": "+1 212 555 0142", "language": "French"},
        content_type="application/json",
    )
    assert first.status_code == 201, first.content
    second = client.post(url(sale, "/telephone-bids"), {"paddle": "1029", "lot": "2"}, content_type="application/json")
    first_id, second_id = first.json()["id"], second.json()["id"]
    assign = client.post(
        url(sale, f"/telephone-bids/{first_id}/assign"),
        {"line": "1", "staff": "marcus"},
        content_type="application/json",
    )
    assert (assign.status_code, assign.json()["line"], assign.json()["staff"]) == (200, "1", "marcus")
    assert assign.json()["phone_number"] == "+1 212 555 0142"
    clash = client.post(
        url(sale, f"/telephone-bids/{second_id}/assign"),
        {"line": "2", "staff": "marcus"},
        content_type="application/json",
    )
    assert clash.status_code == 409
    assert clash.json() == {
        "status": 409,
        "code": "line_clash",
        "message": "Marcus Hale holds line 1 for lot 1, and lots 1 and 2 are 1 lot apart; a member of staff needs 5"
        " lots between two lines.",
        "fields": {
            "staff": [
                "Marcus Hale holds line 1 for lot 1, and lots 1 and 2 are 1 lot apart; a member of staff needs 5"
                " lots between two lines."
            ]
        },
    }
    nobody = client.post(
        url(sale, f"/telephone-bids/{second_id}/assign"),
        {"line": "2", "staff": "priya"},
        content_type="application/json",
    )
    assert (nobody.status_code, nobody.json()["message"]) == (422, "No specialist has the username ‘priya’.")

    cover = client.post(
        url(sale, f"/telephone-bids/{first_id}/cover"), {"maximum": "9100"}, content_type="application/json"
    )
    assert cover.status_code == 201, cover.content
    assert (cover.json()["accepted_maximum"], cover.json()["bid"]["cover_for"]) == ("9000.00", first_id)
    sheet = client.get(url(sale, "/telephone-bids")).json()
    assert [(row["lot"], row["paddle"], row["has_cover_bid"], "cover_maximum" in row) for row in sheet] == [
        ("1", "1010", True, False), ("2", "1029", False, False),
    ]  # fmt: skip
    assert client_for(cast.senior).get(url(sale, "/telephone-bids")).json()[0]["cover_maximum"] == "9000.00"

    cancelled = client.post(url(sale, f"/telephone-bids/{first_id}/cancel"))
    assert (cancelled.status_code, cancelled.json()["cancelled"], cancelled.json()["has_cover_bid"]) == (
        200,
        True,
        False,
    )
    assert AbsenteeBid.objects.get().status == AbsenteeStatus.CANCELLED
    assert TelephoneBid.objects.filter(cancelled=False).count() == 1


def test_unknown_records_answer_404(cast: Any, sale: Sale, client_for: Any) -> None:
    client = client_for(cast.senior)
    assert client.get("/api/v1/auctions/sales/NOPE/absentee-bids").status_code == 404
    assert client.post(url(sale, "/absentee-bids/999999/cancel")).status_code == 404
    assert client.post(url(sale, "/telephone-bids/999999/cancel")).status_code == 404
    assert client.post(url(sale, f"/absentee-bids/{2**63}/cancel")).status_code == 422
    assert client.get(url(sale, "/absentee-bids?lot=99")).json()["message"] == "Sale NY-J-2703 has no lot 99."
