"""The auctions' API router: each area's router is mounted here."""

from ninja import Router

from parure.auctions.api import (
    clerking,  # Clerking and the board
    sales,
)

router = Router(tags=["auctions"])
router.add_router("", sales.router)
router.add_router("", clerking.router)  # Clerking and the board
