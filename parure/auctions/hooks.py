"""What the auctions plug into the shared layout (called from ``AuctionsConfig.ready``): the
navigation, the demonstration sales, and the background jobs each area adds."""

from __future__ import annotations

from parure.core import registry


def register() -> None:
    """Register the auctions' navigation and what each area adds."""
    registry.register_nav(registry.NavArea("auctions", "Sales", "auctions:sales", "auctions.view_sales", order=200))
    # --- Documents ---
    from parure.auctions import catalogue_pdf, demo

    catalogue_pdf.register()
    registry.register_demo(registry.DemoBuilder("auctions.sales", demo.build, order=50))
