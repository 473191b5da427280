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
    # Afterwards the consignment follows the inventory's visibility: without the consignor-identity
    # grant, Marcus's page does not say who consigned at all.
    page = browser.get(response["Location"]).content.decode()
    assert f"Consignment {consignment.number} received: 2 pieces." in re.sub(r"\s+", " ", page)
    assert 'id="consignor"' not in page and hidden.number not in page
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
