"""Shipping's carriers routes in the permission matrix."""

from __future__ import annotations

from typing import Any

from parure.core.choices import Role
from tests.matrix import Operation, Page, roles

A, S, F, L, U = Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST, Role.FINANCE, Role.LOGISTICS, Role.AUDITOR
VIEWERS = roles(A, S, F, L, U)
KEEPERS = roles(S, L)


def carriers_world(world: Any) -> Any:
    """The carriers area's carriers and policies; made on first use."""
    if not hasattr(world, "carriers"):
        from tests.shipping import carriers_world as cw

        world.carriers = cw.build(world.cast)
    return world.carriers


def _carrier(world: Any) -> dict[str, Any]:
    return {"pk": carriers_world(world).brinks.pk}


def _policy(world: Any) -> dict[str, Any]:
    return {"pk": carriers_world(world).transit.pk}


PAGES: dict[str, Page] = {
    "shipping:carriers": Page(VIEWERS),
    "shipping:carrier_new": Page(KEEPERS),
    "shipping:carrier_edit": Page(KEEPERS, _carrier),
    "shipping:policies": Page(VIEWERS),
    "shipping:policy_new": Page(KEEPERS),
    "shipping:policy_edit": Page(KEEPERS, _policy),
}
API: dict[str, Operation] = {
    "shipping_carriers_list": Operation(VIEWERS),
    "shipping_carrier_create": Operation(KEEPERS),
    "shipping_carrier_detail": Operation(VIEWERS, params=_carrier),
    "shipping_carrier_update": Operation(KEEPERS, params=_carrier),
    "shipping_policies_list": Operation(VIEWERS),
    "shipping_policy_create": Operation(KEEPERS),
    "shipping_policy_detail": Operation(VIEWERS, params=_policy),
    "shipping_policy_update": Operation(KEEPERS, params=_policy),
}
