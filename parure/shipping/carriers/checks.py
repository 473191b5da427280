"""Provisional: replaced by the carriers area's checks."""

from __future__ import annotations

from collections.abc import Sequence

from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.plan import Finding, ShipmentPlan


def check_carrier(plan: ShipmentPlan, carrier: Carrier) -> list[Finding]:
    found = []
    for number, value in plan.parcel_values().items():
        if carrier.max_per_parcel is not None and value > carrier.max_per_parcel:
            found.append(
                Finding("carrier.max_per_parcel", f"Parcel {number} is over {carrier.name}'s limit.", "carrier")
            )
    return found


def signature_required(plan: ShipmentPlan, carrier: Carrier) -> bool:
    return True


def alternatives(plan: ShipmentPlan, candidates: Sequence[Carrier], refused: Carrier) -> str:
    return ""


def check_policy(plan: ShipmentPlan, policy: InsurancePolicy | None) -> list[Finding]:
    if policy is None:
        return [Finding("policy.none", "No insurance policy covers this shipment.", "policy")]
    return []
