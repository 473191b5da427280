"""What billing plugs into the rest (called from ``BillingConfig.ready``): the release guard custody
asks before a piece leaves for its buyer or a shipment."""

from __future__ import annotations


def register() -> None:
    from parure.billing.release import release_guard
    from parure.inventory.guards import register_release_guard

    register_release_guard(release_guard)
