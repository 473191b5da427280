"""The catalogue's API router: each area's router is mounted here."""

from ninja import Router

from parure.catalogue.api import certificates, records

router = Router(tags=["catalogue"])
router.add_router("", records.router)
router.add_router("/certificates", certificates.router)
