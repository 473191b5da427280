"""What the auctions plug into the shared layout (called from ``AuctionsConfig.ready``): the
navigation, the demonstration sales, and the background jobs each area adds."""

from __future__ import annotations

from parure.core import registry


def register() -> None:
    """Register the auctions' navigation and what each area adds."""
    registry.register_nav(registry.NavArea("auctions", "Sales", "auctions:sales", "auctions.view_sales", order=200))
    register_bidders()


# --- Bidders ---------------------------------------------------------------------------------------
def register_bidders() -> None:
    """The online platforms' bulk registration, as background work."""
    from parure.auctions import registration_import

    registration_import.register()
