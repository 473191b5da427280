"""Shipments through the services: prepared with their values, packed and checked by two people, handed
to the carrier, delivered; each refusal's sentence, and nothing half-saved."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.inventory.choices import EventKind, ItemStatus, LocationType
from parure.inventory.models import CustodyEvent
from parure.shipping.errors import ShippingError
from parure.shipping.shipments.choices import ShipmentStatus
from parure.shipping.shipments.models import Shipment, ShipmentPiece
from parure.shipping.shipments.services import (
    parcel_photo_add,
    shipment_check_packing,
    shipment_create,
    shipment_deliver,
    shipment_hand_over,
    shipment_pack,
)
from tests.services import aftercare_world as aw
from tests.shipping import shipments_world as sw

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def world(cast: Any) -> Any:
    return sw.build(cast)


def refused(call: Any) -> ShippingError:
    before = (Shipment.objects.count(), ShipmentPiece.objects.count(), CustodyEvent.objects.count())
    with pytest.raises(ShippingError) as refusal:
        call()
    assert (Shipment.objects.count(), ShipmentPiece.objects.count(), CustodyEvent.objects.count()) == before
    return refusal.value


def test_a_paid_ring_ships_overseas_from_packing_to_delivery(world: Any) -> None:
    ring = aw.sold(world)
    shipment = shipment_create(office=world.office, data=sw.to_buyer(world, ring), by=world.cast.logistics)
    piece = shipment.pieces.get()
    assert (piece.value_basis, piece.insured_value, piece.invoice_number) == (
        "invoice",
        ring.invoice.total,
        ring.invoice.number,
    )
    assert (shipment.status, shipment.consignee_country, shipment.policy) == ("draft", "GB", world.policy)
    shipment = shipment_pack(shipment=shipment, parcels=sw.parcels(), checklist=sw.CHECKLIST, by=world.cast.logistics)
    ring.refresh_from_db()
    assert (shipment.status, ring.location.type) == (ShipmentStatus.PACKED, LocationType.PACKED)
    parcel_photo_add(shipment=shipment, parcel_number=1, content=sw.jpeg(), by=world.cast.logistics)
    with pytest.raises(ShippingError) as same:
        shipment_check_packing(shipment=shipment, seals_seen={1: "S-100231 S-100232"}, by=world.cast.logistics)
    assert same.value.message == "You packed these parcels; a second person checks them (four eyes)."
    shipment = shipment_check_packing(shipment=shipment, seals_seen={1: "s-100232, s-100231"}, by=world.cast.assistant)
    shipment = shipment_hand_over(shipment=shipment, tracking_number="MA 7731 0042", by=world.cast.logistics)
    ring.refresh_from_db()
    event = CustodyEvent.objects.filter(item=ring).order_by("-seq").first()
    assert (ring.status, event.kind, event.counterpart, event.tracking_number, event.cause) == (
        ItemStatus.IN_TRANSIT, EventKind.SHIP_OUT, "Malca-Amit", "MA 7731 0042", f"shipment:{shipment.number}",
    )  # fmt: skip
    shipment = shipment_deliver(shipment=shipment, proof="Signed by A. Lovelace, POD 88120", by=world.cast.logistics)
    ring.refresh_from_db()
    assert (shipment.status, ring.status) == (ShipmentStatus.DELIVERED, ItemStatus.RELEASED)


def test_a_sold_piece_not_paid_for_is_not_packed(world: Any) -> None:
    ring = aw.sold(world, paid=False)
    shipment = shipment_create(office=world.office, data=sw.to_buyer(world, ring), by=world.cast.logistics)
    assert [f["rule"] for f in shipment.findings] == ["release.unpaid"]
    error = refused(
        lambda: shipment_pack(shipment=shipment, parcels=sw.parcels(), checklist=sw.CHECKLIST, by=world.cast.logistics)
    )
    assert error.message == (
        f"{ring.stock_number} is sold on an invoice not paid in full; a sold piece ships only once it is paid. "
        "The buyer may instead collect it, or send their own shipper, once it is paid."
    )


def _packed(world: Any, shipment: Any) -> Any:
    shipment = shipment_pack(shipment=shipment, parcels=sw.parcels(), checklist=sw.CHECKLIST, by=world.cast.logistics)
    parcel_photo_add(shipment=shipment, parcel_number=1, content=sw.jpeg(), by=world.cast.logistics)
    return shipment_check_packing(shipment=shipment, seals_seen={1: "S-100231 S-100232"}, by=world.cast.assistant)


def test_a_customs_value_that_disagrees_with_the_insured_value_is_refused(world: Any) -> None:
    ring = aw.sold(world)
    data = sw.to_buyer(world, pieces=[sw.PieceInput(stock_number=ring.stock_number, customs_value="1000")])
    error = refused(lambda: shipment_create(office=world.office, data=data, by=world.cast.logistics))
    assert error.code == "value_mismatch" and error.field == "pieces.0.customs_value"
    assert error.message == (
        f"{ring.stock_number}'s customs value $1,000.00 disagrees with its insured value "
        f"${ring.invoice.total:,.2f} (invoice value (hammer, premium and tax)); customs is told what it is insured for."
    )


def test_the_insured_value_of_a_consigned_piece_is_its_insurance_value_and_equal_customs_passes(world: Any) -> None:
    piece = sw.consigned(world, value="18500")
    data = sw.to_buyer(world, pieces=[sw.PieceInput(stock_number=piece.stock_number, customs_value="18,500.00")])
    shipment = shipment_create(office=world.office, data=data, by=world.cast.logistics)
    row = shipment.pieces.get()
    assert (row.value_basis, row.insured_value, row.invoice_number, row.hs_code) == (
        "insurance",
        D("18500.00"),
        "",
        "7113.19",
    )


def test_a_value_declared_above_the_insured_value_is_refused(world: Any) -> None:
    piece = sw.consigned(world, value="18500")
    data = sw.to_buyer(world, piece, declared_value="18500.01")
    error = refused(lambda: shipment_create(office=world.office, data=data, by=world.cast.logistics))
    assert error.message == (
        "The value declared to the carrier, $18,500.01, is more than the insured value, $18,500.00."
    )


def test_a_parcel_over_the_carriers_limit_is_refused_whole(world: Any) -> None:
    piece = sw.consigned(world, value="50000.01")
    error = refused(lambda: shipment_create(office=world.office, data=sw.to_buyer(world, piece, carrier=world.courier),
                                            by=world.cast.logistics))  # fmt: skip
    assert (error.code, error.field) == ("carrier_limit", "pieces")
    assert error.message == (
        "Parcel 1 is declared at $50,000.01; FedEx Priority takes at most $50,000.00 a parcel of jewelry. "
        "Ship with Malca-Amit (at most $2,500,000.00 a parcel)."
    )


def test_a_sold_piece_ships_to_its_buyer_only(world: Any) -> None:
    ring = aw.sold(world)
    other = sw.verified_client("Mrs Iris Cole", country="US")
    data = sw.ShipmentInput(destination_kind="client", client_number=other.number, carrier_id=world.carrier.pk,
                            pieces=[sw.PieceInput(stock_number=ring.stock_number)])  # fmt: skip
    error = refused(lambda: shipment_create(office=world.office, data=data, by=world.cast.logistics))
    assert error.message == (
        f"{ring.stock_number} was sold on {ring.invoice.number} to another client; a sold piece ships to its buyer."
    )


def test_a_buyer_whose_identity_checks_are_not_complete_waits(cast: Any) -> None:
    world = sw.build(cast, kyc=False)
    ring = aw.sold(world)
    shipment = shipment_create(office=world.office, data=sw.to_buyer(world, ring), by=world.cast.logistics)
    assert [f["rule"] for f in shipment.findings] == ["release.kyc"]
    error = refused(lambda: shipment_pack(shipment=shipment, parcels=sw.parcels(), checklist=sw.CHECKLIST,
                                          by=world.cast.logistics))  # fmt: skip
    assert error.code == "not_releasable"
    assert error.message.startswith("Mrs Ada Lovelace's identity checks are not complete (")


def test_packing_needs_every_box_of_the_checklist_a_box_big_enough_and_new_seals(world: Any) -> None:
    piece = sw.consigned(world, value="9000")
    shipment = shipment_create(office=world.office, data=sw.to_buyer(world, piece), by=world.cast.logistics)
    error = refused(lambda: shipment_pack(shipment=shipment, parcels=sw.parcels(), checklist=sw.CHECKLIST[:-1],
                                          by=world.cast.logistics))  # fmt: skip
    assert error.message == (
        "Tick every box of the packing checklist: handed to the carrier in person, never left in a drop box."
    )
    small = [sw.ParcelInput(number=1, seals="S-1", length_cm=19, width_cm=15, height_cm=10, gross_weight_g=300)]
    error = refused(
        lambda: shipment_pack(shipment=shipment, parcels=small, checklist=sw.CHECKLIST, by=world.cast.logistics)
    )
    assert error.message == "The outer box is 19 × 15 × 10 cm; the house packs in boxes of at least 20 × 15 × 10 cm."
    just = [sw.ParcelInput(number=1, seals="S-1", length_cm=10, width_cm=20, height_cm=15, gross_weight_g=300)]
    assert (
        shipment_pack(shipment=shipment, parcels=just, checklist=sw.CHECKLIST, by=world.cast.logistics).status
        == "packed"
    )
    again = shipment_create(office=world.office, data=sw.to_buyer(world, sw.consigned(world, value="100")),
                            by=world.cast.logistics)  # fmt: skip
    error = refused(
        lambda: shipment_pack(shipment=again, parcels=just, checklist=sw.CHECKLIST, by=world.cast.logistics)
    )
    assert (error.message, error.field) == (
        "Seal S-1 has been used on another parcel; use a new seal.",
        "parcels.0.seals",
    )


def test_the_checker_must_read_the_seals_recorded(world: Any) -> None:
    piece = sw.consigned(world, value="9000")
    shipment = shipment_create(office=world.office, data=sw.to_buyer(world, piece), by=world.cast.logistics)
    shipment = shipment_pack(shipment=shipment, parcels=sw.parcels(), checklist=sw.CHECKLIST, by=world.cast.logistics)
    with pytest.raises(ShippingError) as no_photo:
        shipment_check_packing(shipment=shipment, seals_seen={1: "S-100231 S-100232"}, by=world.cast.assistant)
    assert no_photo.value.message == "Photograph parcel 1, sealed, before it is checked."
    parcel_photo_add(shipment=shipment, parcel_number=1, content=sw.jpeg(), by=world.cast.logistics)
    with pytest.raises(ShippingError) as wrong:
        shipment_check_packing(shipment=shipment, seals_seen={1: "S-100231 S-100233"}, by=world.cast.assistant)
    assert wrong.value.message == (
        "The seals read on parcel 1 are not the ones recorded at packing; open the parcel and pack it again."
    )
    shipment.refresh_from_db()
    assert shipment.status == "packed"


def test_a_hand_over_without_a_tracking_number_is_refused_and_the_piece_stays_packed(world: Any) -> None:
    piece = sw.consigned(world, value="9000")
    shipment = _packed(
        world, shipment_create(office=world.office, data=sw.to_buyer(world, piece), by=world.cast.logistics)
    )
    error = refused(lambda: shipment_hand_over(shipment=shipment, tracking_number="  ", by=world.cast.logistics))
    assert (error.message, error.field) == ("Enter the carrier's tracking number.", "tracking_number")
    piece.refresh_from_db()
    assert piece.location.type == LocationType.PACKED


def test_a_packed_piece_is_not_moved_out_of_its_parcel_by_an_ordinary_move(world: Any) -> None:
    from parure.inventory.errors import CustodyError
    from parure.inventory.services import item_move

    piece = sw.consigned(world, value="9000")
    shipment = shipment_create(office=world.office, data=sw.to_buyer(world, piece), by=world.cast.logistics)
    shipment_pack(shipment=shipment, parcels=sw.parcels(), checklist=sw.CHECKLIST, by=world.cast.logistics)
    piece.refresh_from_db()
    with pytest.raises(CustodyError) as refusal:
        item_move(item=piece, to=world.places.vault, by=world.cast.logistics)
    assert refusal.value.message == (
        f"{piece.stock_number} is packed for shipment in a sealed parcel; unpack it from its shipment first."
    )


def test_a_cancelled_shipment_unpacks_its_pieces_and_its_seals_stay_used(world: Any) -> None:
    from parure.shipping.shipments.services import shipment_cancel

    piece = sw.consigned(world, value="9000")
    shipment = shipment_create(office=world.office, data=sw.to_buyer(world, piece), by=world.cast.logistics)
    shipment = shipment_pack(shipment=shipment, parcels=sw.parcels(), checklist=sw.CHECKLIST, by=world.cast.logistics)
    shipment = shipment_cancel(shipment=shipment, reason="The buyer will collect.", to=world.places.vault.pk,
                               by=world.cast.logistics)  # fmt: skip
    piece.refresh_from_db()
    assert (shipment.status, piece.location, piece.status) == ("cancelled", world.places.vault, ItemStatus.IN_HOUSE)


def test_a_transfer_to_geneva_is_closed_by_genevas_scan(world: Any) -> None:
    from parure.core.models import Office
    from parure.inventory.services import item_transfer_receive
    from tests.inventory import world as inventory_world

    piece = sw.consigned(world, value="9000")
    data = sw.ShipmentInput(destination_kind="office", destination_office="GE", carrier_id=world.carrier.pk,
                            pieces=[sw.PieceInput(stock_number=piece.stock_number)])  # fmt: skip
    shipment = _packed(world, shipment_create(office=world.office, data=data, by=world.cast.logistics))
    shipment = shipment_hand_over(shipment=shipment, tracking_number="MA 1", by=world.cast.logistics)
    with pytest.raises(ShippingError) as not_here:
        shipment_deliver(shipment=shipment, proof="signed", by=world.cast.logistics)
    assert not_here.value.message == "Geneva office confirms this delivery by scanning the pieces in when they arrive."
    geneva = Office.objects.get(code="GE")
    places = inventory_world.build_places(geneva, world.cast.administrator)
    piece.refresh_from_db()
    item_transfer_receive(item=piece, to=places.vault, by=world.cast.people["camille"])
    shipment.refresh_from_db()
    assert (shipment.status, shipment.proof_of_delivery) == ("delivered", "Scanned in at Geneva office")


def test_a_loss_needs_the_insurers_claim_reference(world: Any) -> None:
    from parure.shipping.shipments.services import incident_close, incident_open

    piece = sw.consigned(world, value="9000")
    shipment = _packed(
        world, shipment_create(office=world.office, data=sw.to_buyer(world, piece), by=world.cast.logistics)
    )
    shipment = shipment_hand_over(shipment=shipment, tracking_number="MA 2", by=world.cast.logistics)
    with pytest.raises(ShippingError) as refusal:
        incident_open(shipment=shipment, kind="loss", description="Not delivered; the carrier cannot find it.",
                      by=world.cast.logistics)  # fmt: skip
    assert refusal.value.message == "A loss is claimed from the insurer: enter the claim reference from Hiscox."
    incident = incident_open(shipment=shipment, kind="loss", description="Not delivered.", claim_reference="HX-CL-5521",
                             by=world.cast.logistics)  # fmt: skip
    assert (incident.status, incident.claim_reference, incident.number[:6]) == ("open", "HX-CL-5521", "NY-SI-")
    closed = incident_close(
        incident=incident, resolution="Found at the carrier's hub; delivered.", by=world.cast.logistics
    )
    assert closed.status == "closed"


def test_a_vendor_shipment_is_checked_out_to_the_bench_on_delivery(world: Any) -> None:
    bench = world.places.bench
    piece = sw.consigned(world, value="9000")
    data = sw.ShipmentInput(destination_kind="vendor", destination_place_id=bench.pk, due_back_on=aw.due(14).isoformat(),
                            consignee_address="47 West 47th Street\nNew York NY 10036", consignee_country="US",
                            carrier_id=world.carrier.pk, export_reason="repair",
                            pieces=[sw.PieceInput(stock_number=piece.stock_number)])  # fmt: skip
    shipment = _packed(world, shipment_create(office=world.office, data=data, by=world.cast.logistics))
    shipment = shipment_hand_over(shipment=shipment, tracking_number="MA 3", by=world.cast.logistics)
    shipment_deliver(shipment=shipment, proof="Signed by the workshop", by=world.cast.logistics)
    piece.refresh_from_db()
    assert (piece.status, piece.location, piece.due_back.date()) == (ItemStatus.CHECKED_OUT, bench, aw.due(14))


def test_the_policys_per_address_limit_counts_the_parcels_already_packed_for_that_address(world: Any) -> None:
    for seals in ("A-1", "A-2"):
        piece = sw.consigned(world, value="2000000")
        shipment = shipment_create(office=world.office, data=sw.to_buyer(world, piece), by=world.cast.logistics)
        shipment_pack(shipment=shipment, parcels=sw.parcels(seals=seals), checklist=sw.CHECKLIST,
                      by=world.cast.logistics, witness=None)  # fmt: skip
    at_limit = sw.consigned(world, value="1000000")
    assert (
        shipment_create(office=world.office, data=sw.to_buyer(world, at_limit), by=world.cast.logistics).findings == []
    )
    over = sw.consigned(world, value="1000000.01")
    error = refused(
        lambda: shipment_create(office=world.office, data=sw.to_buyer(world, over), by=world.cast.logistics)
    )
    assert (error.code, error.field) == ("policy_limit", "pieces")
    assert error.message == (
        "With this shipment's $1,000,000.01, $5,000,000.01 would be on its way to the same address ($4,000,000.00 "
        "already); Policy TR-2026-118 (Hiscox) covers at most $5,000,000.00 at one address. Wait until the "
        "shipments already on their way there are delivered."
    )
