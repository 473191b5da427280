"""The auctions' API router: each area's router is mounted here."""

from ninja import Router

from parure.auctions.api import registrations as bidders_api
from parure.auctions.api import sales
from parure.auctions.api.lots import router as lots_router
from parure.auctions.api.tables import router as tables_router

router = Router(tags=["auctions"])
router.add_router("", sales.router)

# --- Bidders ---
router.add_router("", bidders_api.router)
# --- Bids ---
from parure.auctions.api import bids  # noqa: E402

router.add_router("", bids.router)
# --- Sales and lots ---
router.add_router("", lots_router)
router.add_router("", tables_router)
