"""What condition reports plug in: custody's intake-desk guard and the demonstration reports."""

from __future__ import annotations

from parure.core import registry
from parure.inventory.guards import register_move_guard


def register() -> None:
    from parure.catalogue import condition_demo
    from parure.catalogue.services.condition import desk_guard

    register_move_guard(desk_guard)
    registry.register_demo(registry.DemoBuilder("catalogue.condition", condition_demo.build, order=43))
