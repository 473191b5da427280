"""The catalogue's API router: each area's router is mounted here."""

from ninja import Router

from parure.catalogue.api import certificates, condition, copy, photography, records, search

router = Router(tags=["catalogue"])
router.add_router("", records.router)
router.add_router("/certificates", certificates.router)
router.add_router("/search", search.router)
router.add_router("/copy", copy.router)
router.add_router("/photography", photography.router)
router.add_router("/condition", condition.router)
