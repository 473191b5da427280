"""Intake is the assistants' work: Marcus (Eleanor's assistant) takes in a consignment without any
grant of his own, sees consignors as the client book lets him, and opens a new consignor's file
from the intake page itself (the client book's service and duplicate check) without losing the
rows he has typed."""

from __future__ import annotations

import re
from typing import Any

from parure.clients.queries import client_for_viewer
from parure.clients.services import HIDDEN_DUPLICATE
from parure.inventory.choices import EventKind
from parure.inventory.models import Consignment, CustodyEvent, Item
from tests.conftest import Cast
from tests.guards import unchanged
from tests.inventory import world

TERMS = {
    "commission_rate": "12.5",
    "insurance_fee_rate": "1",
    "photography_fee": "0",
    "unsold_fee_rate": "0",
    "reserve_policy": "at_low_estimate",
    "unsold_instruction": "reoffer",
}
ROWS = {
    "pieces-TOTAL_FORMS": "2",
    "pieces-INITIAL_FORMS": "0",
    "pieces-MIN_NUM_FORMS": "1",
    "pieces-MAX_NUM_FORMS": "200",
    "pieces-0-category": "brooch",
    "pieces-0-title": "Diamond clip brooch",
    "pieces-1-category": "ring",
    "pieces-1-title": "Emerald ring",
}


def _text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _consignor_box(page: str) -> str:
    found = re.search(r'<input type="text" name="consignor" id="id_consignor" value="([^"]*)"', page)
    assert found is not None
    return found.group(1)


def test_an_assistant_has_the_intake_link_and_takes_in_a_confidential_clients_pieces_by_number(
    cast: Cast, ny: world.Places, client_for: Any
) -> None:
    hidden = world.consignor("Mrs Béatrice Château-Renaud", confidentiality="confidential")
    browser = client_for(cast.assistant)
    home = browser.get("/inventory/").content.decode()
    assert '<a href="/inventory/intake/"' in home
    options = browser.get("/inventory/intake/consignors/", {"consignor": hidden.number}).content.decode()
    assert (
        options.strip() == f'<option value="{hidden.number} · Client {hidden.number}">Client {hidden.number}</option>'
    )
    response = browser.post("/inventory/intake/", {"consignor": hidden.number, **TERMS, **ROWS})
    consignment = Consignment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/inventory/consignments/{consignment.number}/"
    assert (consignment.consignor_id, consignment.received_by) == (hidden.pk, cast.assistant)
    pieces = list(consignment.items.order_by("line"))
    assert [p.title for p in pieces] == ["Diamond clip brooch", "Emerald ring"]
    events = CustodyEvent.objects.filter(item__in=pieces).order_by("seq")
    assert [(e.kind, e.staff) for e in events] == [(EventKind.INTAKE, cast.assistant)] * 2
    # Afterwards Marcus, who received the consignment, reads its consignor as the client book shows
    # the file to him: this confidential client by number, never by name.
    page = browser.get(response["Location"]).content.decode()
    assert f"Consignment {consignment.number} received: 2 pieces." in re.sub(r"\s+", " ", page)
    assert f'<span id="consignor">Client {hidden.number}</span>' in page
    assert "Château-Renaud" not in page and "Béatrice" not in page


def test_a_new_consignor_is_opened_inline_and_chosen_with_the_rows_kept(
    cast: Cast, ny: world.Places, client_for: Any
) -> None:
    browser = client_for(cast.assistant)
    response = browser.post(
        "/inventory/intake/",
        {
            "open_consignor": "1",
            "consignor": "",
            "new_consignor-name": "Eleanor Ashby",
            "new_consignor-title": "Mrs",
            "new_consignor-email": "eleanor.ashby@example.com",
            "new_consignor-phone": "+1 212 555 0142",
            **TERMS,
            **ROWS,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and Consignment.objects.count() == 0 and Item.objects.count() == 0
    opened = client_for_viewer(_consignor_box(page).split(" · ")[0], viewer=cast.senior)
    assert opened is not None
    client = opened.client
    assert (client.display_name, client.title, client.given_name, client.family_name, client.email) == (
        "Eleanor Ashby", "Mrs", "Eleanor", "Ashby", "eleanor.ashby@example.com"
    )  # fmt: skip
    assert client.created_by == cast.assistant
    assert _consignor_box(page) == f"{client.number} · Mrs Eleanor Ashby"
    assert f"File opened: {client.number} · Mrs Eleanor Ashby is the consignor." in _text(response)
    assert 'value="Diamond clip brooch"' in page and 'value="Emerald ring"' in page
    assert 'name="commission_rate" value="12.5"' in page
    assert "This field is required" not in page
    # Receiving the consignment then records the new file as its consignor.
    done = browser.post("/inventory/intake/", {"consignor": _consignor_box(page), **TERMS, **ROWS})
    consignment = Consignment.objects.get()
    assert done.status_code == 302 and consignment.consignor_id == client.pk
    assert consignment.received_by == cast.assistant and consignment.items.count() == 2


def test_a_visible_likely_duplicate_is_offered_to_choose_and_nothing_is_opened(
    cast: Cast, ny: world.Places, client_file: Any, client_for: Any
) -> None:
    data = {"open_consignor": "1", "consignor": "", "new_consignor-name": "Catherine Vandermeer", **TERMS, **ROWS}
    browser = client_for(cast.assistant)
    with unchanged():
        response = browser.post("/inventory/intake/", data)
    page = _text(response)
    assert response.status_code == 200
    assert "These files may be the same client; choose one as the consignor, or confirm this is someone else." in page
    assert f'data-choose-consignor="{client_file.number} · Mrs Catherine Vandermeer"' in page
    assert 'value="Catherine Vandermeer"' in page and 'value="Diamond clip brooch"' in page
    # Set aside, the file is opened.
    again = browser.post("/inventory/intake/", {**data, "new_consignor-not_a_duplicate": "on"})
    box = _consignor_box(again.content.decode())
    assert box.endswith(" · Catherine Vandermeer") and box.split(" · ")[0] != client_file.number


def test_a_hidden_likely_duplicate_is_only_said_to_exist(cast: Cast, ny: world.Places, client_for: Any) -> None:
    henri = world.consignor("Henri Dupont", by=cast["harriet"])  # London's client, out of Marcus's sight
    response = client_for(cast.assistant).post(
        "/inventory/intake/",
        {"open_consignor": "1", "consignor": "", "new_consignor-name": "Henri Dupont", **TERMS, **ROWS},
    )
    page = _text(response)
    assert response.status_code == 200 and HIDDEN_DUPLICATE in page
    assert henri.number not in page and "data-choose-consignor" not in page
    assert _consignor_box(response.content.decode()) == ""


def test_a_bad_email_is_refused_beside_its_field_and_nothing_is_opened(
    cast: Cast, ny: world.Places, client_for: Any
) -> None:
    data = {
        "open_consignor": "1",
        "consignor": "",
        "new_consignor-name": "Eleanor Ashby",
        "new_consignor-email": "not an address",
        **TERMS,
        **ROWS,
    }
    browser = client_for(cast.assistant)
    with unchanged():
        response = browser.post("/inventory/intake/", data)
    page = _text(response)
    assert response.status_code == 200
    assert '<p class="error" id="id_new_consignor-email-error">Enter a valid email address.</p>' in page
    assert 'value="Eleanor Ashby"' in page and 'value="Diamond clip brooch"' in page


def test_the_intake_sheets_details_and_currency_are_kept_on_the_pieces(
    cast: Cast, ny: world.Places, client_file: Any, client_for: Any
) -> None:
    browser = client_for(cast.assistant)
    page = browser.get("/inventory/intake/").content.decode()
    assert 'name="currency" value="USD"' in page
    # Three blank rows, none of them "initial": a row left blank is skipped, not refused.
    assert 'name="pieces-TOTAL_FORMS" value="3"' in page and 'name="pieces-INITIAL_FORMS" value="0"' in page
    for name in ("stone_measurements", "date_or_circa", "maker", "signature", "serial_number"):
        assert f'name="pieces-0-{name}"' in page
    sheet = {
        "pieces-0-stone_measurements": "10.20 × 8.15 × 5.02",
        "pieces-0-date_or_circa": "circa 1925",
        "pieces-0-maker": "Cartier",
        "pieces-0-signature": "Cartier Paris",
        "pieces-0-serial_number": "01234",
        "pieces-0-estimate_low": "8000",
    }
    data = {"consignor": client_file.number, **TERMS, **ROWS, **sheet, "currency": "chf"}
    response = browser.post("/inventory/intake/", data)
    consignment = Consignment.objects.get()
    assert response.status_code == 302 and consignment.currency == "CHF"
    brooch, ring = consignment.items.order_by("line")
    assert (brooch.stone_measurements, brooch.date_or_circa, brooch.maker, brooch.signature, brooch.serial_number) == (
        "10.20 × 8.15 × 5.02", "circa 1925", "Cartier", "Cartier Paris", "01234"
    )  # fmt: skip
    assert (brooch.currency, ring.currency, ring.maker, ring.serial_number) == ("CHF", "CHF", "", "")
    shown = _text(browser.get(f"/inventory/items/{brooch.stock_number}/"))
    assert "<dt>Maker</dt><dd>Cartier</dd>" in shown and "<dt>Signed</dt><dd>Cartier Paris</dd>" in shown
    assert '<dt>Stone</dt><dd class="figure">10.20 × 8.15 × 5.02 mm</dd>' in shown


def test_an_unknown_currency_or_an_overlong_sheet_detail_is_refused_beside_its_field(
    cast: Cast, ny: world.Places, client_file: Any, client_for: Any
) -> None:
    browser = client_for(cast.assistant)
    data = {"consignor": client_file.number, **TERMS, **ROWS, "currency": "XYZ", "pieces-1-maker": "M" * 121}
    with unchanged():
        response = browser.post("/inventory/intake/", data)
    page = _text(response)
    assert response.status_code == 422
    assert "‘XYZ’ is not an ISO 4217 currency code such as USD or CHF." in page
    assert "Ensure this value has at most 120 characters (it has 121)." in page
    assert 'value="Emerald ring"' in page
