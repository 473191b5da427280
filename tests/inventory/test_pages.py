"""The inventory's pages end to end: lists, a piece's page, the custody forms, intake, batch, scan, settings."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from unittest import mock

from django.core import mail
from django.utils import timezone

from parure.core.numbering import check_digit
from parure.inventory import hooks, ledger, services
from parure.inventory.choices import EventKind, ItemStatus
from parure.inventory.models import Consignment, CustodyEvent, CustodySettings, Item, LabelProfile, Location
from tests.conftest import Cast
from tests.inventory import world


def _text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_piece_page_says_where_it_is_who_holds_it_since_when_and_its_history(
    cast: Cast, ny: world.Places, ring: Item, client_for: Any
) -> None:
    services.item_move(item=ring, to=ny.tray1, by=cast.assistant, reason="Into the vault")
    services.item_check_out(item=ring, to=ny.bench, by=cast.assistant, due_back=timezone.now() + timedelta(hours=3))
    page = _text(client_for(cast.assistant).get(f"/inventory/items/{ring.stock_number}/"))
    assert ring.stock_number in page and "Sapphire and diamond ring" in page
    assert 'id="where-now">Bench: Atelier Moreau <span class="office-code">NY</span>' in page
    assert "<dt>Held by</dt><dd>Atelier Moreau</dd>" in page
    assert "<dt>Due back</dt>" in page and "<dt>Taken from</dt><dd>Tray 1</dd>" in page
    history = re.findall(r'<li class="event kind-([a-z_]+)"', page)
    assert history == ["check_out", "move", "intake"]  # newest first
    assert " style=" not in page and not re.search(r"\son[a-z]+=", page)


def test_an_unknown_or_mistyped_stock_number_in_the_address_is_not_found(
    cast: Cast, ring: Item, client_for: Any
) -> None:
    wrong = ring.stock_number[:-1] + str((int(ring.stock_number[-1]) + 1) % 10)
    assert client_for(cast.assistant).get(f"/inventory/items/{wrong}/").status_code == 404


def test_moving_a_piece_from_its_page_with_the_keyboard_shortcut_form(
    cast: Cast, ny: world.Places, ring: Item, client_for: Any
) -> None:
    browser = client_for(cast.assistant)
    form = browser.get(f"/inventory/items/{ring.stock_number}/move/")
    assert form.status_code == 200 and f'name="expected_seq" value="{ring.custody_seq}"' in form.content.decode()
    response = browser.post(
        f"/inventory/items/{ring.stock_number}/move/",
        {"to": ny.tray1.pk, "expected_seq": ring.custody_seq, "reason": "Vault"},
    )
    assert response.status_code == 302 and response["Location"] == f"/inventory/items/{ring.stock_number}/"
    assert world.fresh(ring).location == ny.tray1
    followed = _text(browser.get(response["Location"]))
    assert f"{ring.stock_number}: move recorded (Tray 1 (NY), ledger event" in followed


def test_a_stale_form_is_refused_with_the_conflict_sentence_and_keeps_what_was_typed(
    cast: Cast, ny: world.Places, ring: Item, client_for: Any
) -> None:
    seen = ring.custody_seq
    services.item_move(item=ring, to=ny.tray2, by=cast.senior)
    response = client_for(cast.assistant).post(
        f"/inventory/items/{ring.stock_number}/move/",
        {"to": ny.tray1.pk, "expected_seq": seen, "reason": "Typed reason"},
    )
    page = _text(response)
    assert response.status_code == 422
    assert "This piece was just moved by Eleanor Whitcombe to Tray 2 (NY); check and retry." in page
    assert 'value="Typed reason"' in page
    assert world.fresh(ring).location == ny.tray2


def test_a_valuable_piece_is_witnessed_through_the_form(
    cast: Cast, ny: world.Places, tiara: Item, client_for: Any
) -> None:
    from django.conf import settings

    services.item_move(item=tiara, to=ny.tray1, by=cast.assistant)
    browser = client_for(cast.assistant)
    url = f"/inventory/items/{tiara.stock_number}/check-out/"
    assert '<details class="witness" open>' in browser.get(url).content.decode()
    due = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"to": ny.studio.pk, "due_back": due, "expected_seq": world.fresh(tiara).custody_seq}
    refused = browser.post(url, data)
    assert refused.status_code == 422 and "moving it out of the vault needs a witness." in _text(refused)
    wrong = browser.post(url, {**data, "witness_username": "sofia", "witness_password": "nope"})
    assert "The witness&#x27;s username and password do not match an active account." in _text(wrong)
    done = browser.post(url, {**data, "witness_username": "sofia", "witness_password": settings.PARURE_DEMO_PASSWORD})
    assert done.status_code == 302
    event = CustodyEvent.objects.filter(item=tiara).order_by("-seq").first()
    assert event is not None and (event.kind, event.witness) == (EventKind.CHECK_OUT, cast["sofia"])


def test_intake_through_the_page_takes_the_consignor_terms_and_rows(
    cast: Cast, ny: world.Places, client_file: Any, client_for: Any
) -> None:
    browser = client_for(cast.senior)
    page = browser.get("/inventory/intake/").content.decode()
    assert 'name="pieces-TOTAL_FORMS" value="3"' in page and 'id="piece-row-template"' in page
    options = browser.get("/inventory/intake/consignors/", {"consignor": "vander"}).content.decode()
    assert f'value="{client_file.number} · Mrs Catherine Vandermeer"' in options
    rows = {
        "pieces-TOTAL_FORMS": "3",
        "pieces-INITIAL_FORMS": "0",
        "pieces-MIN_NUM_FORMS": "1",
        "pieces-MAX_NUM_FORMS": "200",
        "pieces-0-category": "ring",
        "pieces-0-title": "Sapphire and diamond ring",
        "pieces-0-stones": "sapphire (cushion) 4.12 ct; 2 × diamond (pear) 0.80 ct",
        "pieces-0-stated_value": "12000",
        "pieces-1-category": "earrings",
        "pieces-1-title": "Pair of diamond ear clips",
        "pieces-1-parts": "left ear clip; right ear clip",
        "pieces-1-estimate_low": "5000",
        "pieces-1-estimate_high": "7000",
    }
    terms = {
        "consignor": f"{client_file.number} · Mrs Catherine Vandermeer",
        "commission_rate": "12.5",
        "insurance_fee_rate": "1",
        "photography_fee": "150",
        "unsold_fee_rate": "0",
        "reserve_policy": "at_low_estimate",
        "unsold_instruction": "reoffer",
    }
    response = browser.post("/inventory/intake/", {**terms, **rows})
    consignment = Consignment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/inventory/consignments/{consignment.number}/"
    pieces = list(consignment.items.order_by("line"))
    assert [p.title for p in pieces] == ["Sapphire and diamond ring", "Pair of diamond ear clips"]
    assert [str(s) for s in pieces[0].stones.all()] == [
        "1 × cushion sapphire, approx. 4.12 ct",
        "2 × pear diamond, approx. 0.80 ct",
    ]
    assert [c.description for c in pieces[1].components.all()] == ["left ear clip", "right ear clip"]
    assert all(p.location == ny.desk for p in pieces)
    summary = _text(browser.get(response["Location"]))
    assert f"Consignment {consignment.number} received: 2 pieces." in summary
    assert f"/inventory/consignments/{consignment.number}/receipt/v1.pdf" in summary


def test_intake_shows_bad_rows_beside_the_field_and_saves_nothing(
    cast: Cast, ny: world.Places, client_file: Any, client_for: Any
) -> None:
    response = client_for(cast.senior).post(
        "/inventory/intake/",
        {
            "consignor": "nobody at all",
            "commission_rate": "12.5",
            "insurance_fee_rate": "1",
            "photography_fee": "0",
            "unsold_fee_rate": "0",
            "reserve_policy": "at_low_estimate",
            "unsold_instruction": "reoffer",
            "pieces-TOTAL_FORMS": "1",
            "pieces-INITIAL_FORMS": "0",
            "pieces-0-category": "ring",
            "pieces-0-title": "Ring",
            "pieces-0-stones": "((",
            "pieces-0-estimate_low": "900",
            "pieces-0-estimate_high": "100",
        },
    )
    page = _text(response)
    assert response.status_code == 422
    assert (
        "No client file you may see matches ‘nobody at all’; type the client number, or the name as it is filed."
        in page
    )
    assert "‘((’ is not a stone line; write it like ‘2 × diamond (round brilliant) 1.20 ct’." in page
    assert "The low estimate is above the high estimate." in page
    assert 'value="Ring"' in page and Item.objects.count() == 0


def test_adding_a_row_without_javascript_keeps_what_was_typed(cast: Cast, ny: world.Places, client_for: Any) -> None:
    response = client_for(cast.senior).post(
        "/inventory/intake/",
        {
            "add_piece": "1",
            "consignor": "",
            "pieces-TOTAL_FORMS": "1",
            "pieces-INITIAL_FORMS": "0",
            "pieces-0-title": "Brooch",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'name="pieces-TOTAL_FORMS" value="2"' in page and 'value="Brooch"' in page
    assert "This field is required" not in page


def test_the_scan_box_opens_a_piece_and_refuses_a_wrong_check_digit(cast: Cast, ring: Item, client_for: Any) -> None:
    browser = client_for(cast.assistant)
    found = browser.get("/scan/", {"code": ring.stock_number.lower()})
    # The piece's page itself, naming its own address for the browser to show.
    assert found.status_code == 200 and f'<p class="stock-number" id="stock-number">{ring.stock_number}</p>' in _text(
        found
    )
    assert f'<meta name="parure-location" content="/inventory/items/{ring.stock_number}/">' in _text(found)
    wrong = ring.stock_number[:-1] + str((int(ring.stock_number[-1]) + 3) % 10)
    refused = browser.get("/scan/", {"code": wrong})
    assert refused.status_code != 302
    assert (
        f"{wrong} has a wrong check digit, so it is not a stock number we issued; check the tag and type it again."
        in _text(refused)
    )
    body = "NY-26-999999"
    unknown = browser.get("/scan/", {"code": f"{body}-{check_digit(body)}"})
    assert "no piece or record has this number" in _text(unknown)


def test_search_finds_pieces_by_stock_number_and_words(cast: Cast, ring: Item) -> None:
    from django.test import RequestFactory

    from parure.core import registry

    request = RequestFactory().get("/search/")
    request.user = cast.finance
    provider = registry.search_providers["inventory"]
    assert provider.permission == "inventory.view_items"
    (hit,) = provider.search(request, "sapphire ring")
    assert (hit.title, hit.url) == (
        f"{ring.stock_number} · Sapphire and diamond ring",
        f"/inventory/items/{ring.stock_number}/",
    )
    assert hit.subtitle == "In the house · Intake desk (NY)"
    assert [h.title for h in provider.search(request, ring.stock_number.lower())] == [hit.title]
    assert provider.search(request, ring.stock_number[:-1] + str((int(ring.stock_number[-1]) + 1) % 10)) == []


def test_my_day_lists_overdue_check_outs_for_the_person_and_the_office(
    cast: Cast, ny: world.Places, ring: Item, client_for: Any
) -> None:
    services.item_check_out(item=ring, to=ny.bench, by=cast.assistant, due_back=timezone.now() + timedelta(hours=1))
    with mock.patch.object(hooks, "timezone", world.Later(days=3)):
        for person in (cast.assistant, cast["sofia"]):
            page = _text(client_for(person).get("/"))
            assert f"{ring.stock_number} · Sapphire and diamond ring" in page and "2 days overdue" in page
            assert "checked out by Marcus Hale" in page
        assert "Nothing is overdue." in _text(client_for(cast["harriet"]).get("/"))
    assert "Nothing is overdue." in _text(client_for(cast.assistant).get("/"))


def test_batch_scanning_adds_rows_and_moves_them_all_at_once(
    cast: Cast, ny: world.Places, client_file: Any, client_for: Any
) -> None:
    first, second = world.take_in(cast.senior, client_file, world.piece(), world.piece())
    browser = client_for(cast.assistant)
    row = _text(browser.get("/inventory/batch/scan/", {"code": first.stock_number}))
    assert f'name="line" value="{first.stock_number}:{first.custody_seq}"' in row and 'class="scan-result found"' in row
    again = _text(
        browser.get("/inventory/batch/scan/", {"code": first.stock_number, "line": f"{first.stock_number}:1"})
    )
    assert f"{first.stock_number} is already in this batch." in again and 'name="line"' not in again
    bad = _text(browser.get("/inventory/batch/scan/", {"code": first.stock_number[:-1] + "x"}))
    assert "is not a stock number" in bad
    response = browser.post(
        "/inventory/batch/",
        {
            "action": "move",
            "to": ny.tray1.pk,
            "line": [f"{first.stock_number}:{first.custody_seq}", f"{second.stock_number}:{second.custody_seq}"],
        },
    )
    assert response.status_code == 302
    assert {world.fresh(p).location for p in (first, second)} == {ny.tray1}
    assert "2 pieces: move to a place recorded." in _text(browser.get("/inventory/batch/"))


def test_the_items_list_filters_and_answers_htmx_with_rows_only(
    cast: Cast, ny: world.Places, client_file: Any, client_for: Any
) -> None:
    ring, brooch = world.take_in(
        cast.senior, client_file, world.piece(), world.piece("Diamond clip brooch", category="brooch")
    )
    services.item_check_out(item=brooch, to=ny.studio, by=cast.assistant, due_back=world.tomorrow())
    browser = client_for(cast.assistant)
    page = _text(browser.get("/inventory/", {"status": ItemStatus.CHECKED_OUT}))
    assert brooch.stock_number in page and ring.stock_number not in page
    rows = browser.get("/inventory/", {"category": "ring"}, headers={"HX-Request": "true"}).content.decode()
    assert rows.lstrip().startswith('<div class="table-wrap" id="item-rows">') and ring.stock_number in rows


def test_places_are_added_by_those_who_manage_them_only_for_their_office(
    cast: Cast, ny: world.Places, client_for: Any
) -> None:
    browser = client_for(cast.senior)
    response = browser.post(
        "/inventory/places/new/",
        {"office": ny.office.pk, "type": "tray", "name": "Tray 3", "code": "v1-sa-t03", "parent": ny.safe.pk},
    )
    place = Location.objects.get(code="V1-SA-T03")
    assert response.status_code == 302 and (place.in_vault, place.path) == (True, "V1/V1-SA/V1-SA-T03")
    london = Location.objects.filter(office__code="LN").first()
    refused = browser.post(
        "/inventory/places/new/",
        {"office": london.office.pk if london else 2, "type": "workroom", "name": "W", "code": "W2"},
    )
    assert "You manage the places of New York only." in _text(refused)
    tray_elsewhere = browser.post(
        "/inventory/places/new/", {"office": ny.office.pk, "type": "tray", "name": "Loose tray", "code": "T9"}
    )
    assert "A tray sits in a vault or a safe within it; choose its safe as the parent." in _text(tray_elsewhere)


def test_administrators_set_each_office_threshold_in_its_currency(cast: Cast, places: Any, client_for: Any) -> None:
    browser = client_for(cast.administrator)
    page = _text(browser.get("/inventory/settings/"))
    assert "Four-eyes threshold (CHF)" in page and "Four-eyes threshold (HKD)" in page
    profile = LabelProfile.objects.first()
    data = {}
    for code in ("GE", "HK", "LN", "NY"):
        data[f"{code}-four_eyes_threshold"] = "75000" if code == "GE" else "50000"
        data[f"{code}-default_tag_profile"] = str(profile.pk) if profile else ""
    assert browser.post("/inventory/settings/", data).status_code == 302
    assert str(CustodySettings.objects.get(office__code="GE").four_eyes_threshold) == "75000.00"


def test_a_label_stock_that_does_not_fit_its_page_is_refused(cast: Cast, client_for: Any) -> None:
    response = client_for(cast.administrator).post(
        "/inventory/settings/labels/new/",
        {
            "name": "Too wide",
            "kind": "sheet",
            "page_width_mm": "210",
            "page_height_mm": "297",
            "label_width_mm": "100",
            "label_height_mm": "30",
            "columns": "3",
            "rows": "8",
            "margin_top_mm": "0",
            "margin_left_mm": "0",
            "gap_x_mm": "0",
            "gap_y_mm": "0",
            "is_active": "on",
        },
    )
    assert response.status_code == 422 and "The labels and gaps are 300 mm wide, more than the page." in _text(response)


def test_the_ledger_page_shows_the_head_and_verifies_on_request(cast: Cast, ring: Item, client_for: Any) -> None:
    browser = client_for(cast.auditor)
    seq, link = ledger.head()
    assert f"{seq}:{link}" in _text(browser.get("/inventory/ledger/"))
    answer = _text(browser.post("/inventory/ledger/verify/", {"head": f"{seq}:{link}"}, headers={"HX-Request": "true"}))
    assert "The ledger verifies." in answer and "the recorded head is still in the chain" in answer
    bad = _text(browser.post("/inventory/ledger/verify/", {"head": "12:nonsense"}))
    assert "is not a ledger head" in bad
    assert mail.outbox == []


def test_an_assistant_sends_a_transfer_and_an_assistant_at_the_other_office_receives_it(
    cast: Cast, places: dict[str, world.Places], ring: Item, client_for: Any
) -> None:
    sender = client_for(cast.assistant)  # Marcus Hale, New York
    assert (
        f'href="/inventory/items/{ring.stock_number}/transfer/"'
        in sender.get(f"/inventory/items/{ring.stock_number}/").content.decode()
    )
    geneva = places["GE"].office
    sent = sender.post(
        f"/inventory/items/{ring.stock_number}/transfer/",
        {
            "destination": geneva.pk,
            "carrier": "Malca-Amit",
            "tracking_number": "MA-7730-2291",
            "expected_seq": ring.custody_seq,
            "reason": "For the Geneva sale",
        },
    )
    assert sent.status_code == 302
    out = CustodyEvent.objects.filter(item=ring).latest("seq")
    assert (out.kind, out.staff, out.counterpart, out.tracking_number) == (
        EventKind.TRANSFER_OUT,
        cast.assistant,
        "Malca-Amit",
        "MA-7730-2291",
    )

    receiver = client_for(cast["luca"])  # Luca Bernasconi, specialist assistant in Geneva
    day = _text(receiver.get("/"))
    assert "Arriving at your office" in day
    assert (
        f'<a href="/inventory/items/{ring.stock_number}/receive/">{ring.stock_number} · Sapphire and diamond ring</a>'
        in day
    )
    assert "From New York · with Malca-Amit · sent" in day
    assert "Nothing is on its way to your office." in _text(client_for(cast.assistant).get("/"))
    piece_page = receiver.get(f"/inventory/items/{ring.stock_number}/").content.decode()
    assert f'href="/inventory/items/{ring.stock_number}/receive/"' in piece_page
    # New York's assistant sees no Receive button: the piece is not coming to his office.
    assert (
        f'href="/inventory/items/{ring.stock_number}/receive/"'
        not in sender.get(f"/inventory/items/{ring.stock_number}/").content.decode()
    )
    received = receiver.post(
        f"/inventory/items/{ring.stock_number}/receive/",
        {"to": places["GE"].tray1.pk, "expected_seq": world.fresh(ring).custody_seq, "reason": ""},
    )
    assert received.status_code == 302
    piece = world.fresh(ring)
    assert (piece.status, piece.location, piece.custody_by) == (ItemStatus.IN_HOUSE, places["GE"].tray1, cast["luca"])
    assert "Nothing is on its way to your office." in _text(receiver.get("/"))
