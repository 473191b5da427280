"""Shipment test worlds, made through the real services: New York's places and billing, a buyer in London
with verified identity checks, a ring sold to her and paid (or not), a secure carrier and the house's
transit policy."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from PIL import Image

from parure.clients.services.compliance import kyc_record
from parure.core.clock import office_today
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.shipments.choices import PackingCheck
from parure.shipping.shipments.planning import PieceInput as PieceInput
from parure.shipping.shipments.planning import ShipmentInput as ShipmentInput
from parure.shipping.shipments.services import ParcelInput as ParcelInput
from tests.billing import world as billing_world
from tests.services import aftercare_world as aw

D = Decimal
CHECKLIST = [check.value for check in PackingCheck]


def build(cast: Any, *, kyc: bool = True) -> SimpleNamespace:
    world = aw.new_york(cast)
    billing_world.address(
        world.buyer, lines="12 Cheyne Walk", city="London", region="", postcode="SW3 5RA", country="GB"
    )
    if kyc:
        today = office_today(world.office)
        kyc_record(client=world.buyer, by=cast.senior, status="verified", document="passport",
                   document_expires_on=today + timedelta(days=365), verified_on=today,
                   proof_of_address_on=today)  # fmt: skip
    world.carrier = Carrier.objects.create(
        name="Malca-Amit", level="secure_carrier", currency="USD", max_per_parcel=D("2500000.00"),
        tracking_url="https://track.example/{tracking}",
    )  # fmt: skip
    world.courier = Carrier.objects.create(
        name="FedEx Priority", level="jewelry_courier", currency="USD", max_per_parcel=D("50000.00"),
        refuses_loose_stones=True, international=True,
    )  # fmt: skip
    today = office_today(world.office)
    world.policy = InsurancePolicy.objects.create(
        insurer="Hiscox", policy_number="TR-2026-118", currency="USD", per_parcel=D("2500000.00"),
        per_day=D("10000000.00"), per_address=D("5000000.00"), valid_from=today - timedelta(days=200),
        valid_to=today + timedelta(days=165),
    )  # fmt: skip
    return world


def address_id(world: SimpleNamespace, country: str = "GB") -> int:
    return world.buyer.addresses.get(country=country).pk


def to_buyer(world: SimpleNamespace, *items: Any, carrier: Any = None, **fields: Any) -> ShipmentInput:
    pieces = fields.pop("pieces", None) or [PieceInput(stock_number=item.stock_number) for item in items]
    return ShipmentInput(
        destination_kind="client",
        client_number=world.buyer.number,
        address_id=address_id(world),
        carrier_id=(carrier or world.carrier).pk,
        pieces=pieces,
        **fields,
    )


def parcels(count: int = 1, seals: str = "S-100231 S-100232") -> list[ParcelInput]:
    return [
        ParcelInput(
            number=n,
            seals=seals if n == 1 else f"S-2000{n}",
            length_cm=25,
            width_cm=20,
            height_cm=12,
            gross_weight_g=850,
        )
        for n in range(1, count + 1)
    ]


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 160, 120)).save(out, "JPEG")
    return out.getvalue()


def consigned(world: SimpleNamespace, *, value: str = "12000", title: str = "Diamond brooch", **piece: Any) -> Any:
    """A piece consigned in New York, valued for insurance at ``value``, in the vault."""
    from tests.inventory import world as inventory_world

    consignor = inventory_world.consignor("Mrs Helena Ruiz")
    draft = inventory_world.piece(title, value=value, **piece)
    return inventory_world.take_in(world.cast.senior, consignor, draft)[0]


def verified_client(name: str, *, country: str = "US") -> Any:
    from tests.auctions import world as auctions_world

    client = auctions_world.verified_client(name)
    billing_world.address(client, lines="9 Elm Street", city="Boston", region="MA", postcode="02108", country=country)
    return client
