"""Compliance's test records and plans, made through the area's services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from parure.core.models import Staff
from parure.shipping.compliance import services
from parure.shipping.compliance.models import ComplianceRule
from parure.shipping.compliance.services import RuleDraft
from parure.shipping.plan import PieceFact, ShipmentPlan, StoneFact

SHIP_ON = date(2026, 6, 15)


def coral_draft(**overrides: Any) -> RuleDraft:
    values: dict[str, Any] = {
        "code": "cites-coral",
        "title": "CITES document for coral",
        "kind": "cites",
        "effect": "permit_required",
        "materials": ("coral",),
        "source": "CITES, Appendices II and III",
        "source_url": "https://cites.org/eng/app/appendices.php",
        "effective_from": date(2008, 4, 1),
    }
    values.update(overrides)
    return RuleDraft(**values)


def coral_rule(by: Staff) -> ComplianceRule:
    return services.rule_create(draft=coral_draft(), by=by)


def rule(**values: Any) -> ComplianceRule:
    """An unsaved rule for the pure checks: ``code``, ``effect`` and what it matches given."""
    defaults: dict[str, Any] = {
        "title": "A rule", "kind": "other", "source": "A source", "effective_from": date(2020, 1, 1),
        "direction": "both", "international_only": True,
    }  # fmt: skip
    defaults.update(values)
    return ComplianceRule(**defaults)


def diamond_ring(stock: str = "NY-1001", *, origin: str = "", weight: str | None = "1.20", **more: Any) -> PieceFact:
    return PieceFact(
        stock_number=stock,
        category="ring",
        description="Ring, platinum, set with a diamond",
        metals=("platinum",),
        stones=(StoneFact("diamond", origin=origin, weight_ct=Decimal(weight) if weight else None),),
        value=Decimal("25000"),
        **more,
    )


def coral_brooch(stock: str = "NY-2002", **more: Any) -> PieceFact:
    return PieceFact(
        stock_number=stock,
        category="brooch",
        description="Brooch, gold, carved coral",
        metals=("gold",),
        materials=("coral",),
        value=Decimal("4000"),
        **more,
    )


def plan(*pieces: PieceFact, origin: str = "US", destination: str = "GB", on: date = SHIP_ON) -> ShipmentPlan:
    return ShipmentPlan(
        office_code="NY",
        origin_country=origin,
        destination_kind="client",
        destination_country=destination,
        address_key="1 mayfair place london",
        currency="USD",
        ship_on=on,
        level="secure_carrier",
        carrier_id=None,
        policy_id=None,
        pieces=pieces,
    )
