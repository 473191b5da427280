"""Shipping's shipments routes in the permission matrix."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from parure.core.choices import Role
from tests.matrix import Operation, Page, roles

A, S, F, L, U = Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST, Role.FINANCE, Role.LOGISTICS, Role.AUDITOR
VIEWERS = roles(A, S, F, L, U)
HANDLERS = roles(A, S, L)
# The papers carry the consignee's name and address: not for finance.
SEE = roles(A, S, L, U)


def shipments_world(world: Any) -> Any:
    """A paid ring shipped to its buyer in London: packed, photographed, checked, put on a pickup, handed
    to the carrier and given an incident (made on first use, once every app's build_world has run: the
    inventory's places are there)."""
    if not hasattr(world, "shipments"):
        from decimal import Decimal
        from types import SimpleNamespace

        from django.utils import timezone

        from parure.clients.services.compliance import kyc_record
        from parure.core.clock import office_today
        from parure.core.models import Office
        from parure.shipping.carriers.models import Carrier, InsurancePolicy
        from parure.shipping.shipments import services
        from tests.billing import world as billing_world
        from tests.inventory import world as inventory_world
        from tests.services import aftercare_world as aw
        from tests.shipping import shipments_world as sw

        office = Office.objects.get(code="NY")
        today = office_today(office)
        billing_world.new_york_billing()
        built = SimpleNamespace(office=office, cast=world.cast)
        built.buyer = inventory_world.consignor("Mrs Matrix Consignee")
        billing_world.address(built.buyer, lines="12 Cheyne Walk", city="London", region="", postcode="SW3 5RA",
                              country="GB")  # fmt: skip
        kyc_record(client=built.buyer, by=world.cast.senior, status="verified", document="passport",
                   document_expires_on=today + timedelta(days=365), verified_on=today,
                   proof_of_address_on=today)  # fmt: skip
        built.carrier = Carrier.objects.create(name="Matrix Secure", level="secure_carrier", currency="USD",
                                               max_per_parcel=Decimal("2500000.00"))  # fmt: skip
        InsurancePolicy.objects.create(insurer="Matrix Insurer", policy_number="MX-1", currency="USD",
                                       per_parcel=Decimal("2500000.00"), per_day=Decimal("10000000.00"),
                                       per_address=Decimal("5000000.00"), valid_from=today - timedelta(days=30),
                                       valid_to=today + timedelta(days=30))  # fmt: skip
        logistics = world.cast.logistics
        ring = aw.sold(built)
        shipment = services.shipment_create(office=office, data=sw.to_buyer(built, ring), by=logistics)
        shipment = services.shipment_pack(shipment=shipment, parcels=sw.parcels(seals="MX-1 MX-2"),
                                          checklist=sw.CHECKLIST, by=logistics)  # fmt: skip
        photo = services.parcel_photo_add(shipment=shipment, parcel_number=1, content=sw.jpeg(), by=logistics)
        shipment = services.shipment_check_packing(shipment=shipment, seals_seen={1: "MX-1 MX-2"},
                                                   by=world.cast.assistant)  # fmt: skip
        pickup = services.pickup_create(office=office, carrier_id=built.carrier.pk,
                                        pickup_at=timezone.now() + timedelta(hours=2),
                                        shipment_numbers=[shipment.number], by=logistics)  # fmt: skip
        shipment = services.shipment_hand_over(shipment=shipment, tracking_number="MX 7731", by=logistics)
        incident = services.incident_open(shipment=shipment, kind="delay", description="Held at customs in London.",
                                          by=logistics)  # fmt: skip
        world.shipments = {"shipment": shipment, "photo": photo, "pickup": pickup, "incident": incident}
    return world.shipments


def _shipment(world: Any) -> dict[str, Any]:
    return {"number": shipments_world(world)["shipment"].number}


def _photo(world: Any) -> dict[str, Any]:
    found = shipments_world(world)
    return {"number": found["shipment"].number, "pk": found["photo"].pk}


def _pickup(world: Any) -> dict[str, Any]:
    return {"number": shipments_world(world)["pickup"].number}


def _incident(world: Any) -> dict[str, Any]:
    return {"number": shipments_world(world)["incident"].number}


PAGES: dict[str, Page] = {
    "shipping:shipments": Page(VIEWERS),
    "shipping:shipment_new": Page(HANDLERS),
    "shipping:shipment": Page(VIEWERS, _shipment),
    "shipping:shipment_edit": Page(HANDLERS, _shipment),
    "shipping:shipment_act": Page(HANDLERS, _shipment, method="POST"),
    "shipping:parcel_photo": Page(VIEWERS, _photo),
    "shipping:pickups": Page(VIEWERS),
    "shipping:pickup_new": Page(HANDLERS),
    "shipping:pickup": Page(VIEWERS, _pickup),
    "shipping:incidents": Page(VIEWERS),
    "shipping:shipment_customs": Page(SEE, _shipment),
    "shipping:shipment_labels": Page(SEE, _shipment),
    "shipping:shipment_slips": Page(SEE, _shipment),
    "shipping:pickup_manifest": Page(SEE, _pickup),
}
API: dict[str, Operation] = {
    "shipping_shipments_list": Operation(VIEWERS),
    "shipping_shipment_create": Operation(HANDLERS),
    "shipping_shipment_detail": Operation(VIEWERS, params=_shipment),
    "shipping_shipment_update": Operation(HANDLERS, params=_shipment),
    "shipping_shipment_pack": Operation(HANDLERS, params=_shipment),
    "shipping_shipment_parcel_photo": Operation(HANDLERS, params=lambda world: {**_shipment(world), "parcel": 1}),
    "shipping_shipment_check": Operation(HANDLERS, params=_shipment),
    "shipping_shipment_hand_over": Operation(HANDLERS, params=_shipment),
    "shipping_shipment_deliver": Operation(HANDLERS, params=_shipment),
    "shipping_shipment_back": Operation(HANDLERS, params=_shipment),
    "shipping_shipment_cancel": Operation(HANDLERS, params=_shipment),
    "shipping_shipment_incident_open": Operation(HANDLERS, params=_shipment),
    "shipping_incident_close": Operation(HANDLERS, params=_incident),
    "shipping_incidents_list": Operation(VIEWERS),
    "shipping_pickups_list": Operation(VIEWERS),
    "shipping_pickup_create": Operation(HANDLERS),
    "shipping_shipment_customs_pdf": Operation(SEE, params=_shipment),
    "shipping_shipment_labels_pdf": Operation(SEE, params=_shipment),
    "shipping_pickup_manifest_pdf": Operation(SEE, params=_pickup),
}
