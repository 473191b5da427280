"""The inventory's router (mounted at /api/v1/inventory/): each area's router, and counts', mounted on it."""

from ninja import Router

from parure.inventory.api import consignments, custody, items, ledger, places
from parure.inventory.counts import api as counts

router = Router(tags=["inventory"])
for area in (items, custody, places, consignments, ledger, counts):
    router.add_router("", area.router)
