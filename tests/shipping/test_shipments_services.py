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
