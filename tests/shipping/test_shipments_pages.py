"""The shipments pages end to end: the list's queries at any size and its filters, the consignee per role,
a shipment prepared through the form, each step's form on the shipment's page with its refusal beside it,
the parcels' photographs, pickups and incidents."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from parure.core.clock import office_today
from parure.core.numbering import check_digit
from parure.inventory.models import CustodyEvent
from parure.shipping.shipments import services
from parure.shipping.shipments.models import Incident, Parcel, Pickup, Shipment, ShipmentPiece
from tests.conftest import signed_in
from tests.inventory import world as inventory_world
from tests.services import aftercare_world as aw
from tests.shipping import shipments_world as sw

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast: Any) -> Any:
    return sw.build(cast)


def _pieces(world: Any, count: int) -> list[Any]:
    """Pieces in the house at New York, each insured for USD 12,000."""
    drafts = [inventory_world.piece(f"Gold brooch {n}") for n in range(count)]
    return inventory_world.take_in(world.cast.senior, world.buyer, *drafts)


def _ship(world: Any, *items: Any, **fields: Any) -> Shipment:
    return services.shipment_create(office=world.office, data=sw.to_buyer(world, *items, **fields),
                                    by=world.cast.logistics)  # fmt: skip


def _packed(world: Any, item: Any, seals: str = "S-100231 S-100232") -> Shipment:
    shipment = _ship(world, item)
    return services.shipment_pack(shipment=shipment, parcels=sw.parcels(seals=seals), checklist=sw.CHECKLIST,
                                  by=world.cast.logistics)  # fmt: skip


def _list_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/shipping/shipments/")
    assert response.status_code == 200
    return len(captured)


def _unchanged() -> tuple[int, ...]:
    return (Shipment.objects.count(), ShipmentPiece.objects.count(), Parcel.objects.count(),
            CustodyEvent.objects.count(), Incident.objects.count(), Pickup.objects.count())  # fmt: skip


def test_the_list_shows_any_number_of_shipments_in_a_fixed_number_of_queries(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    items = _pieces(world, 30)
    for item in items[:3]:
        _ship(world, item)
    client.get("/shipping/shipments/")  # the session's first save is not the list's
    few = _list_queries(client)
    for item in items[3:]:
        _ship(world, item)
    assert _list_queries(client) == few
    html = client.get("/shipping/shipments/").content.decode()
    assert "30 shipments" in html
    assert html.count('<td class="num money">$12,000.00</td>') == 30
    first = Shipment.objects.order_by("pk").first()
    assert first is not None
    row = html[html.index(f'<tr id="shipment-{first.number}">') :].split("</tr>")[0]
    assert "Mrs Ada Lovelace, GB" in row and "Malca-Amit" in row and "Being prepared" in row


def test_the_list_filters_by_number_tracking_status_and_carrier(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    first, second = _pieces(world, 2)
    one, two = _ship(world, first), _ship(world, second)
    found = client.get("/shipping/shipments/", {"text": one.number.replace("-", " ")}).content.decode()
    assert f"shipment-{one.number}" in found and f"shipment-{two.number}" not in found
    body = one.number.rsplit("-", 1)[0]
    wrong = f"{body}-{(int(check_digit(body)) + 1) % 10}"
    refused = client.get("/shipping/shipments/", {"text": wrong})
    assert refused.status_code == 422
    assert f"{wrong} has a wrong check digit: check the number and type it again." in refused.content.decode()
    by_name = client.get("/shipping/shipments/", {"text": "lovelace"}).content.decode()
    assert "2 shipments" in by_name
    assert "No shipments match" in client.get("/shipping/shipments/", {"status": "packed"}).content.decode()
    by_carrier = client.get("/shipping/shipments/", {"carrier": str(world.courier.pk)}).content.decode()
    assert "No shipments match" in by_carrier


def test_finance_sees_the_consignee_withheld_and_logistics_sees_the_address(world: Any) -> None:
    shipment = _ship(world, *_pieces(world, 1))
    finance = signed_in(world.cast.finance)
    for url in ("/shipping/shipments/", f"/shipping/shipments/{shipment.number}/"):
        html = finance.get(url).content.decode()
        assert "Consignee withheld" in html
        assert "Lovelace" not in html and "Cheyne Walk" not in html
    # Nor may finance find a shipment by the consignee's name.
    assert "No shipments match" in finance.get("/shipping/shipments/", {"text": "Lovelace"}).content.decode()
    logistics = signed_in(world.cast.logistics)
    html = logistics.get(f"/shipping/shipments/{shipment.number}/").content.decode()
    assert '<dd id="consignee-name">Mrs Ada Lovelace</dd>' in html
    assert "12 Cheyne Walk" in html and "Consignee withheld" not in html
    assert "Pack and seal" in html
    # Finance reads the shipment and acts on nothing.
    assert "Pack and seal" not in finance.get(f"/shipping/shipments/{shipment.number}/").content.decode()


def _form(world: Any, item: Any, **overrides: Any) -> dict[str, str]:
    data = {
        "destination_kind": "client",
        "client_number": world.buyer.number,
        "address_id": str(sw.address_id(world)),
        "arranged_by": "house",
        "carrier_id": str(world.carrier.pk),
        "ship_on": office_today(world.office).isoformat(),
        "export_reason": "sale",
        "incoterm": "DAP",
        "pieces-0-stock_number": item.stock_number,
        "pieces-0-parcel": "1",
        "pieces-0-country_of_origin": "FR",
        "pieces-0-customs_value": "12000.00",
    }
    data.update(overrides)
    return data


def test_a_shipment_is_prepared_through_the_form(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    [item] = _pieces(world, 1)
    page = client.get("/shipping/shipments/new/", {"rows": "5"}).content.decode()
    assert 'name="pieces-4-stock_number"' in page and 'name="pieces-5-stock_number"' not in page
    assert f'<option value="{world.carrier.pk}">Malca-Amit</option>' in page
    response = client.post("/shipping/shipments/new/", _form(world, item))
    shipment = Shipment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/shipping/shipments/{shipment.number}/"
    piece = shipment.pieces.get()
    assert (shipment.consignee_name, shipment.consignee_country, shipment.carrier, shipment.policy) == (
        "Mrs Ada Lovelace", "GB", world.carrier, world.policy,
    )  # fmt: skip
    assert (piece.value_basis, str(piece.insured_value), piece.country_of_origin) == ("insurance", "12000.00", "FR")
    html = client.get(response["Location"]).content.decode()
    assert '<dd id="insured-total" class="money">$12,000.00</dd>' in html
    assert f'<td>{piece.hs_code}<br><small class="muted">{piece.hs_reason}</small></td>' in html


def test_a_refused_form_names_the_row_keeps_what_was_typed_and_saves_nothing(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    [item] = _pieces(world, 1)
    before = _unchanged()
    unknown = f"NY-26-999999-{check_digit('NY-26-999999')}"
    data = _form(world, item, **{"pieces-1-stock_number": unknown, "pieces-1-materials": "enamel"})
    response = client.post("/shipping/shipments/new/", data)
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<p class="error" id="piece-row-1-error">No piece has stock number {unknown}.</p>' in html
    assert 'value="enamel"' in html and f'value="{item.stock_number}"' in html
    mismatch = client.post("/shipping/shipments/new/", _form(world, item, **{"pieces-0-customs_value": "9000"}))
    assert mismatch.status_code == 422
    assert (
        f"{item.stock_number}&#x27;s customs value $9,000.00 disagrees with its insured value $12,000.00 "
        "(insurance value); customs is told what it is insured for."
    ) in mismatch.content.decode()
    assert _unchanged() == before


def test_a_shipment_is_changed_while_a_draft_and_not_after(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    first, second = _pieces(world, 2)
    shipment = _ship(world, first)
    edit = f"/shipping/shipments/{shipment.number}/edit/"
    page = client.get(edit).content.decode()
    assert f'value="{first.stock_number}"' in page
    data = _form(world, first, **{"pieces-1-stock_number": second.stock_number, "version": "1"})
    assert client.post(edit, data).status_code == 302
    assert sorted(Shipment.objects.get().pieces.values_list("item__stock_number", flat=True)) == sorted(
        [first.stock_number, second.stock_number]
    )
    stale = client.post(edit, {**data, "version": "1"})
    assert stale.status_code == 409
    assert "was changed by someone else since you opened it; reload and try again." in stale.content.decode()
    services.shipment_pack(shipment=shipment, parcels=sw.parcels(), checklist=sw.CHECKLIST, by=world.cast.logistics)
    late = client.get(edit)
    assert late.status_code == 409
    assert (
        f"Shipment {shipment.number} is packed, awaiting the second check; only a shipment being prepared is changed."
    ) in late.content.decode()


def _act(client: Any, shipment: Shipment, data: dict[str, Any]) -> Any:
    return client.post(f"/shipping/shipments/{shipment.number}/act/", data)


def _jpeg_upload() -> Any:
    upload = io.BytesIO(sw.jpeg())
    upload.name = "parcel.jpg"
    return upload


def test_each_step_on_the_shipment_page_from_packing_to_delivery(world: Any) -> None:
    logistics, assistant = signed_in(world.cast.logistics), signed_in(world.cast.assistant)
    ring = aw.sold(world)
    shipment = _ship(world, ring)
    pack = {"action": "pack", "checklist": sw.CHECKLIST[:-1], "parcel-1-seals": "S-100231 S-100232",
            "parcel-1-length_cm": "25", "parcel-1-width_cm": "20", "parcel-1-height_cm": "12",
            "parcel-1-gross_weight_g": "850"}  # fmt: skip
    refused = _act(logistics, shipment, pack)
    html = refused.content.decode()
    assert refused.status_code == 422
    assert (
        "Tick every box of the packing checklist: handed to the carrier in person, never left in a drop box."
    ) in html
    assert 'value="S-100231 S-100232"' in html  # what was typed is kept
    small = _act(logistics, shipment, {**pack, "checklist": sw.CHECKLIST, "parcel-1-height_cm": "5"})
    assert small.status_code == 422
    assert "The outer box is 25 × 20 × 5 cm; the house packs in boxes of at least 20 × 15 × 10 cm." in (
        small.content.decode()
    )
    assert _act(logistics, shipment, {**pack, "checklist": sw.CHECKLIST}).status_code == 302
    page = logistics.get(f"/shipping/shipments/{shipment.number}/").content.decode()
    assert '<span id="status" class="badge status-packed">Packed, awaiting the second check</span>' in page
    assert '<span class="seals">S-100231, S-100232</span>' in page
    unphotographed = _act(assistant, shipment, {"action": "check", "seals-1": "S-100231 S-100232"})
    assert unphotographed.status_code == 422
    assert "Photograph parcel 1, sealed, before it is checked." in unphotographed.content.decode()
    not_image = io.BytesIO(b"not an image")
    not_image.name = "parcel.jpg"
    bad = _act(logistics, shipment, {"action": "photo", "parcel": "1", "photo": not_image})
    assert bad.status_code == 422
    assert (
        "The photograph is not a photograph (JPEG, PNG or WebP) by its content; choose an image file."
    ) in bad.content.decode()
    unchosen = _act(logistics, shipment, {"action": "photo", "parcel": "1"})
    assert unchosen.status_code == 422
    assert "Choose the photograph of the sealed parcel." in unchosen.content.decode()
    assert _act(logistics, shipment, {"action": "photo", "parcel": "1", "photo": _jpeg_upload()}).status_code == 302
    photo = Parcel.objects.get(shipment=shipment).photos.get()
    served = logistics.get(f"/shipping/shipments/{shipment.number}/photos/{photo.pk}/")
    assert (served.status_code, served["Content-Type"], served.content) == (200, "image/jpeg", sw.jpeg())
    same = _act(logistics, shipment, {"action": "check", "seals-1": "S-100231 S-100232"})
    assert same.status_code == 409
    assert "You packed these parcels; a second person checks them (four eyes)." in same.content.decode()
    wrong = _act(assistant, shipment, {"action": "check", "seals-1": "S-100231 S-100299"})
    assert wrong.status_code == 409
    assert (
        "The seals read on parcel 1 are not the ones recorded at packing; open the parcel and pack it again."
    ) in wrong.content.decode()
    assert _act(assistant, shipment, {"action": "check", "seals-1": "s-100232 s-100231"}).status_code == 302
    untracked = _act(logistics, shipment, {"action": "hand_over", "tracking_number": ""})
    assert untracked.status_code == 422
    assert "Enter the carrier&#x27;s tracking number." in untracked.content.decode()
    assert _act(logistics, shipment, {"action": "hand_over", "tracking_number": "MA 7731 0042"}).status_code == 302
    unproved = _act(logistics, shipment, {"action": "deliver", "proof": " "})
    assert unproved.status_code == 422
    assert "The proof of delivery is missing." in unproved.content.decode()
    done = _act(logistics, shipment, {"action": "deliver", "proof": "Signed by A. Lovelace, POD 88120"})
    assert done.status_code == 302
    html = logistics.get(f"/shipping/shipments/{shipment.number}/").content.decode()
    assert '<span id="status" class="badge status-delivered">Delivered</span>' in html
    assert '<dd id="proof">Signed by A. Lovelace, POD 88120</dd>' in html
    assert "Handed to Malca-Amit, tracking MA 7731 0042." in html


def _in_transit(world: Any, item: Any, seals: str = "S-100231 S-100232") -> Shipment:
    shipment = _packed(world, item, seals)
    services.parcel_photo_add(shipment=shipment, parcel_number=1, content=sw.jpeg(), by=world.cast.logistics)
    shipment = services.shipment_check_packing(shipment=shipment, seals_seen={1: seals},
                                               by=world.cast.assistant)  # fmt: skip
    return services.shipment_hand_over(shipment=shipment, tracking_number="MA 1", by=world.cast.logistics)


def test_cancel_and_back_from_the_carrier_put_the_pieces_in_a_place_of_the_office(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    first, second, third = _pieces(world, 3)
    vault = world.places.by_name["vault"]
    packed = _packed(world, first)
    page = client.get(f"/shipping/shipments/{packed.number}/").content.decode()
    assert f'<option value="{vault.pk}">Vault</option>' in page
    before = _unchanged()
    refused = _act(client, packed, {"action": "cancel", "reason": "The buyer asked to collect it."})
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "Choose where the pieces go." in html and 'value="The buyer asked to collect it."' in html
    assert _unchanged() == before
    cancelled = _act(client, packed, {"action": "cancel", "reason": "The buyer collects it.", "to": str(vault.pk)})
    assert cancelled.status_code == 302
    first.refresh_from_db()
    assert (Shipment.objects.get(pk=packed.pk).status, first.location_id) == ("cancelled", vault.pk)
    draft = _ship(world, second)
    unreasoned = _act(client, draft, {"action": "cancel", "reason": ""})
    assert unreasoned.status_code == 422
    assert "Why it is cancelled is missing." in unreasoned.content.decode()
    travelling = _in_transit(world, third, seals="S-300001")
    unplaced = _act(client, travelling, {"action": "back", "to": "", "reason": "Refused at the door."})
    assert unplaced.status_code == 422
    html = unplaced.content.decode()
    assert "Choose where the pieces go." in html and 'value="Refused at the door."' in html
    assert '<details class="back" open>' in html
    back = _act(client, travelling, {"action": "back", "to": str(vault.pk), "reason": "Refused at the door."})
    assert back.status_code == 302
    third.refresh_from_db()
    assert (Shipment.objects.get(pk=travelling.pk).status, third.location_id) == ("returned", vault.pk)
    nothing = _act(client, draft, {"action": "dance"})
    assert nothing.status_code == 422 and "Choose what to do with the shipment." in nothing.content.decode()


def test_incidents_are_opened_and_closed_on_the_page_and_listed(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    [item] = _pieces(world, 1)
    shipment = _in_transit(world, item)
    unclaimed = _act(client, shipment, {"action": "incident_open", "kind": "loss", "description": "Never arrived."})
    assert unclaimed.status_code == 422
    html = unclaimed.content.decode()
    assert "A loss is claimed from the insurer: enter the claim reference from Hiscox." in html
    assert "Never arrived." in html
    assert Incident.objects.count() == 0
    opened = _act(client, shipment, {"action": "incident_open", "kind": "loss", "description": "Never arrived.",
                                     "claim_reference": "HX-55120", "carrier_reference": "MA-CL-9"})  # fmt: skip
    assert opened.status_code == 302
    incident = Incident.objects.get()
    listed = client.get("/shipping/incidents/").content.decode()
    assert f'<tr id="incident-{incident.number}">' in listed and "HX-55120" in listed and shipment.number in listed
    close = {"action": "incident_close", "incident": incident.number, "resolution": ""}
    unresolved = _act(client, shipment, close)
    assert unresolved.status_code == 422 and "How it was resolved is missing." in unresolved.content.decode()
    assert _act(client, shipment, {**close, "resolution": "Paid by Hiscox in full."}).status_code == 302
    assert "No open incidents." in client.get("/shipping/incidents/").content.decode()


def test_a_pickup_takes_only_checked_shipments_of_its_carrier(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    first, second = _pieces(world, 2)
    checked = _packed(world, first)
    services.parcel_photo_add(shipment=checked, parcel_number=1, content=sw.jpeg(), by=world.cast.logistics)
    checked = services.shipment_check_packing(shipment=checked, seals_seen={1: "S-100231 S-100232"},
                                              by=world.cast.assistant)  # fmt: skip
    draft = _ship(world, second)
    form = client.get("/shipping/pickups/new/").content.decode()
    assert f'value="{checked.number}"' in form and f'value="{draft.number}"' not in form
    at = (timezone.localtime() + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    data = {"carrier_id": str(world.carrier.pk), "pickup_at": at, "driver": "R. Mendes"}
    refused = client.post("/shipping/pickups/new/", {**data, "shipments": [draft.number]})
    assert refused.status_code == 409
    assert (
        f"{draft.number} is not packed and checked for Malca-Amit; only those go on its pickup."
    ) in refused.content.decode()
    assert Pickup.objects.count() == 0
    missing = client.post("/shipping/pickups/new/", data)
    assert missing.status_code == 422
    assert "Choose the shipments the carrier takes." in missing.content.decode()
    booked = client.post("/shipping/pickups/new/", {**data, "shipments": [checked.number]})
    pickup = Pickup.objects.get()
    assert booked.status_code == 302 and booked["Location"] == f"/shipping/pickups/{pickup.number}/"
    page = client.get(booked["Location"]).content.decode()
    assert checked.number in page and "R. Mendes" in page and "Mrs Ada Lovelace, GB" in page
    listed = client.get("/shipping/pickups/").content.decode()
    assert f'<tr id="pickup-{pickup.number}">' in listed


def test_a_mistyped_or_unknown_number_is_not_found(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    assert client.get("/shipping/shipments/NY-SH-26-00001-0/").status_code == 404
    assert client.get("/shipping/shipments/nonsense/").status_code == 404
    assert client.get("/shipping/pickups/NY-PU-26-00001-0/").status_code == 404


def test_malformed_or_oversized_input_is_refused_never_a_server_error(world: Any) -> None:
    client = signed_in(world.cast.logistics)
    [item] = _pieces(world, 1)
    shipment = _ship(world, item)
    huge, digits = "x" * 100_000, "9" * 40
    for value in (huge, digits, "-1", "\x00", "1e999"):
        for url, data in (
            (f"/shipping/shipments/{shipment.number}/act/",
             {"action": "pack", "checklist": [value], "parcel-1-seals": value, "parcel-1-length_cm": value,
              "version": value}),
            (f"/shipping/shipments/{shipment.number}/act/", {"action": "photo", "parcel": value}),
            (f"/shipping/shipments/{shipment.number}/act/", {"action": "cancel", "reason": value, "to": value}),
            ("/shipping/shipments/new/", {**_form(world, item), "carrier_id": value, "pieces-0-parcel": value,
                                          "pieces-0-customs_value": value, f"pieces-{digits}-stock_number": value}),
            ("/shipping/shipments/new/", {**_form(world, item), "declared_value": value, "ship_on": value}),
            ("/shipping/pickups/new/", {"carrier_id": str(world.carrier.pk), "pickup_at": value, "shipments": [value]}),
        ):  # fmt: skip
            assert client.post(url, data).status_code < 500, (url, value[:20])
        for url, params in (("/shipping/shipments/", {"text": value, "carrier": value, "page": value}),
                            ("/shipping/shipments/new/", {"rows": value, "client": value})):  # fmt: skip
            assert client.get(url, params).status_code < 500, (url, value[:20])
    assert client.get(f"/shipping/shipments/{shipment.number}/photos/{digits[:18]}/").status_code == 404
    unstorable = client.get("/shipping/shipments/", {"text": "Love\x00lace"})
    assert unstorable.status_code == 422
    assert "The search holds a character that cannot be stored; type it again." in unstorable.content.decode()
    assert Shipment.objects.count() == 1
