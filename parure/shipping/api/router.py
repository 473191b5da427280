"""Shipping's API router: each area's router is mounted here."""

from ninja import Router

from parure.shipping.carriers import api as carriers
from parure.shipping.compliance import api as compliance
from parure.shipping.shipments import api as shipments
from parure.shipping.shipments import paper_api as papers

router = Router(tags=["shipping"])
router.add_router("", shipments.router)
router.add_router("", papers.router)
router.add_router("", carriers.router)
router.add_router("", compliance.router)
