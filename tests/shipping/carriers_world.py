"""Carriers and transit policies for the carriers area's tests, made through the real services, and plans
to judge with them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from parure.core.models import Office
from parure.shipping.carriers import services
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.carriers.services import CarrierInput, PolicyInput
from parure.shipping.plan import PieceFact, ShipmentPlan, StoneFact

SHIP_ON = date(2026, 6, 15)

BRINKS = CarrierInput(name="Brink's", level="secure_carrier", currency="USD", max_per_parcel="2500000.00",
                      signature_rule="adult")  # fmt: skip
MALCA = CarrierInput(name="Malca-Amit", level="secure_carrier", currency="USD", max_per_parcel="2000000.00")
FERRARI = CarrierInput(name="Ferrari Group", level="secure_carrier", currency="CHF", max_per_parcel="3000000.00")
FEDEX = CarrierInput(name="FedEx jewelry programme", level="jewelry_courier", currency="USD",
                     max_per_parcel="50000.00", refuses_loose_stones=True,
                     refused_materials=["ivory", "tortoiseshell", "coral"], signature_rule="above_value",
                     signature_above="500.00", countries=["US", "CA", "GB"])  # fmt: skip
USPS = CarrierInput(name="USPS Registered Mail", level="registered_post", currency="USD",
                    max_per_parcel="25000.00", countries=["US"], international=False)  # fmt: skip
HAND = CarrierInput(name="Hand-carry by staff", level="hand_carry", currency="USD")


@dataclass
class CarriersWorld:
    cast: Any
    ny: Office
    ge: Office
    brinks: Carrier
    malca: Carrier
    ferrari: Carrier
    fedex: Carrier
    usps: Carrier
    hand: Carrier
    transit: InsurancePolicy  # USD, every office, 2026
    geneva: InsurancePolicy  # CHF, Geneva only, secure carriers and hand-carry


def transit_input(**changes: Any) -> PolicyInput:
    base = PolicyInput(insurer="Hiscox Specie", policy_number="SPC-2026-0412", currency="USD",
                       per_parcel="5000000.00", per_day="15000000.00", per_address="10000000.00",
                       valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31))  # fmt: skip
    return replace(base, **changes)


def build(cast: Any) -> CarriersWorld:
    by = cast.logistics
    ny, ge = Office.objects.get(code="NY"), Office.objects.get(code="GE")

    def save(data: CarrierInput) -> Carrier:
        return services.carrier_save(carrier=None, data=data, by=by)

    carriers = [save(data) for data in (BRINKS, MALCA, FERRARI, FEDEX, USPS, HAND)]
    transit = services.policy_save(policy=None, data=transit_input(), by=by)
    geneva = services.policy_save(policy=None, by=by, data=PolicyInput(
        insurer="Helvetia Valeurs", policy_number="GE-TV-2026-77", currency="CHF", office_id=ge.pk,
        per_parcel="3000000.00", per_day="8000000.00", per_address="5000000.00",
        levels=["secure_carrier", "hand_carry"], valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31)))  # fmt: skip
    return CarriersWorld(cast, ny, ge, *carriers, transit=transit, geneva=geneva)


def ring(stock: str, value: str, *, parcel: int = 1, **facts: Any) -> PieceFact:
    return PieceFact(stock_number=stock, category="ring", description="Ring, platinum, set with diamonds",
                     metals=("platinum",), stones=(StoneFact("diamond"),), value=Decimal(value), parcel=parcel,
                     **facts)  # fmt: skip


def loose(stock: str, value: str, *, parcel: int = 1) -> PieceFact:
    return PieceFact(stock_number=stock, category="loose_stone", description="Loose diamond",
                     stones=(StoneFact("diamond", weight_ct=Decimal("3.02")),), value=Decimal(value), parcel=parcel)  # fmt: skip


def plan(*pieces: PieceFact, **changes: Any) -> ShipmentPlan:
    base = ShipmentPlan(office_code="NY", origin_country="US", destination_kind="client", destination_country="US",
                        address_key="10 east 70th street new york ny 10021", currency="USD", ship_on=SHIP_ON,
                        level="secure_carrier", carrier_id=None, policy_id=None, pieces=pieces)  # fmt: skip
    return replace(base, **changes)
