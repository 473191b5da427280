"""Shipping's compliance routes in the permission matrix."""

from __future__ import annotations

from typing import Any

from parure.core.choices import Role
from tests.matrix import Operation, Page, roles

A, S, F, L, U = Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST, Role.FINANCE, Role.LOGISTICS, Role.AUDITOR
VIEWERS = roles(A, S, F, L, U)
MANAGERS = roles(S, L)


def compliance_rule(world: Any) -> Any:
    """A CITES rule for coral, recorded by the logistics manager on first use."""
    if not hasattr(world, "compliance_rule"):
        from tests.shipping import compliance_world

        world.compliance_rule = compliance_world.coral_rule(world.cast.logistics)
    return world.compliance_rule


def _rule(world: Any) -> dict[str, Any]:
    return {"code": compliance_rule(world).code}


PAGES: dict[str, Page] = {
    "shipping:rules": Page(VIEWERS),
    "shipping:rule_new": Page(MANAGERS),
    "shipping:rule": Page(VIEWERS, _rule),
    "shipping:rule_edit": Page(MANAGERS, _rule),
}
API: dict[str, Operation] = {
    "shipping_compliance_rules_list": Operation(VIEWERS),
    "shipping_compliance_rule_detail": Operation(VIEWERS, params=_rule),
    "shipping_compliance_rule_create": Operation(MANAGERS),
    "shipping_compliance_rule_update": Operation(MANAGERS, params=_rule),
    "shipping_compliance_hs_proposal": Operation(VIEWERS),
}
