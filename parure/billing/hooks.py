"""What billing plugs into the rest (called from ``BillingConfig.ready``): the release guard custody
asks before a piece leaves for its buyer or a shipment, the navigation (billing, and the release desk
for those who hand pieces over), the demonstration billing (order 60: after the auctions' sales) and the
background job that imports a large bank statement."""

from __future__ import annotations


def register() -> None:
    from parure.billing import demo, statement_jobs
    from parure.billing.release import release_guard
    from parure.core import registry
    from parure.inventory.guards import register_release_guard

    register_release_guard(release_guard)
    statement_jobs.register()
    registry.register_demo(registry.DemoBuilder("billing.invoices", demo.build, order=60))
    registry.register_nav(
        registry.NavArea("billing", "Billing", "billing:invoices", "billing.view_invoices", order=300)
    )
    # Logistics hands pieces over at the desk without reading the invoices.
    registry.register_nav(
        registry.NavArea("release_desk", "Release desk", "billing:release_desk", "billing.view_release_desk", order=310)
    )
