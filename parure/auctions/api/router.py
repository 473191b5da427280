"""The auctions' API router: each area's router is mounted here."""

from ninja import Router

from parure.auctions.api import bids, clerking, documents, lots, registrations, results, sales, tables

router = Router(tags=["auctions"])
router.add_router("", sales.router)
router.add_router("", lots.router)
router.add_router("", tables.router)
router.add_router("", registrations.router)
router.add_router("", bids.router)
router.add_router("", documents.router)
router.add_router("", results.router)
router.add_router("", clerking.router)
