"""The services' aftercare routes in the permission matrix: specialists (assistants and seniors) take and
follow post-sale orders; finance and auditors read them; logistics and administrators have no access."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from parure.core.choices import Role
from tests.matrix import Operation, Page, roles

A, S, F, U = Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST, Role.FINANCE, Role.AUDITOR
READERS = roles(A, S, F, U)
MANAGERS = roles(A, S)

PAGES: dict[str, Page] = {}
API: dict[str, Operation] = {}


def aftercare_world(world: Any) -> Any:
    """A ring sold to a buyer on an issued invoice and an engraving ordered on it (made on first use, once
    every app's build_world has run: the inventory's places are there)."""
    if not hasattr(world, "aftercare"):
        from parure.core.models import Office
        from tests.services import aftercare_world as aw

        office = Office.objects.get(code="NY")
        found = SimpleNamespace(office=office, cast=world.cast)
        from tests.billing import world as billing_world
        from tests.inventory import world as inventory_world

        billing_world.new_york_billing()
        found.buyer = inventory_world.consignor("Mrs Matrix Buyer")
        billing_world.address(found.buyer, lines="1 Fifth Avenue", city="New York", region="NY", postcode="10003")
        ring = aw.sold(found)
        world.aftercare = aw.order(aw.engraving(ring), world.cast.senior)
    return world.aftercare


def _order(world: Any) -> dict[str, Any]:
    return {"number": aftercare_world(world).number}


PAGES["services:aftercare_orders"] = Page(READERS)
PAGES["services:aftercare_new"] = Page(MANAGERS)
PAGES["services:aftercare_order"] = Page(READERS, kwargs=_order)
PAGES["services:aftercare_status"] = Page(MANAGERS, kwargs=_order, method="POST")
PAGES["services:aftercare_proof"] = Page(MANAGERS, kwargs=_order, method="POST")

API["services_aftercare_orders"] = Operation(READERS)
API["services_aftercare_order"] = Operation(READERS, params=_order)
API["services_aftercare_order_create"] = Operation(MANAGERS)
API["services_aftercare_proof_approve"] = Operation(MANAGERS, params=_order)
API["services_aftercare_status_change"] = Operation(MANAGERS, params=_order)
