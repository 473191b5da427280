"""The services' API router: each area's router is mounted here."""

from ninja import Router

from parure.services.aftercare import api as aftercare
from parure.services.labs import api as labs
from parure.services.projects import api as projects
from parure.services.repairs import api as repairs

router = Router(tags=["services"])
router.add_router("", repairs.router)
router.add_router("", aftercare.router)
router.add_router("", labs.router)
router.add_router("", projects.router)
