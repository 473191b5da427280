"""The auctions' API router: each area's router is mounted here."""

from ninja import Router

from parure.auctions.api import documents, sales

router = Router(tags=["auctions"])
router.add_router("", sales.router)
router.add_router("", documents.router)
