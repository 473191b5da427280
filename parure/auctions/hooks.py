"""What the auctions plug into the shared layout (called from ``AuctionsConfig.ready``): the
navigation, the background jobs (the online platforms' bulk registration, the sale catalogue PDF)
and the demonstration sales (order 50: after the inventory's pieces, the client book and the
catalogue)."""

from __future__ import annotations

from parure.core import registry


def register() -> None:
    """Register the auctions' navigation, jobs and demonstration data."""
    from parure.auctions import catalogue_pdf, demo, registration_import

    registry.register_nav(registry.NavArea("auctions", "Sales", "auctions:sales", "auctions.view_sales", order=200))
    registration_import.register()
    catalogue_pdf.register()
    registry.register_demo(registry.DemoBuilder("auctions.sales", demo.build, order=50))
