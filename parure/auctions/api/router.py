"""The auctions' API router: each area's router is mounted here."""

from ninja import Router

from parure.auctions.api import sales

router = Router(tags=["auctions"])
router.add_router("", sales.router)

# --- Results and the check ---
from parure.auctions.api import results  # noqa: E402

router.add_router("", results.router)
