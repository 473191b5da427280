"""Billing's API router: each area's router is mounted here."""

from ninja import Router

from parure.billing.api import cash, invoices, reconciliation, settlements

router = Router(tags=["billing"])
router.add_router("", invoices.router)
router.add_router("", cash.router)
router.add_router("", settlements.router)
router.add_router("", reconciliation.router)
