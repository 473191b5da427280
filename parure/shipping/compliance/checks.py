"""Provisional: replaced by the compliance area's checks."""

from __future__ import annotations

from parure.shipping.compliance.hs import propose_hs
from parure.shipping.plan import ComplianceResult, ShipmentPlan


def check_compliance(plan: ShipmentPlan, rules: object = None) -> ComplianceResult:
    return ComplianceResult(hs={piece.stock_number: propose_hs(piece, on=plan.ship_on) for piece in plan.pieces})
