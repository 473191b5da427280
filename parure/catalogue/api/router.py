"""The catalogue's API router: each area's router is mounted here."""

from ninja import Router

from parure.catalogue.api import condition

router = Router(tags=["catalogue"])
router.add_router("/condition", condition.router)
