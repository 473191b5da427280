"""The auctions' routes in the permission matrix (tests/test_permission_matrix.py). Each area of the
app declares its pages and operations in its own block."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from parure.core.choices import Role
from tests.matrix import STAFF, Operation, Page, roles

A, S, F, L, U, D = (
    Role.SPECIALIST_ASSISTANT,
    Role.SENIOR_SPECIALIST,
    Role.FINANCE,
    Role.LOGISTICS,
    Role.AUDITOR,
    Role.ADMINISTRATOR,
)

SPECIALISTS = roles(A, S)
SENIOR = roles(S)
RESERVE_READERS = roles(S, U)

PAGES: dict[str, Page] = {}
API: dict[str, Operation] = {}


def auction_world(world: SimpleNamespace) -> SimpleNamespace:
    """A sale with a lot and an approved bidder with an absentee bid, made on first use (once every
    app's build_world has run)."""
    if not hasattr(world, "auctions"):
        from tests.auctions import world as sale_world

        the_sale = sale_world.sale(world.cast.senior, code="NY-J-2799")
        the_lot = sale_world.lot(the_sale, world.cast.senior)
        registration = sale_world.bidder(the_sale, name="Mr Matrix Bidder")
        bid = sale_world.absentee(the_lot, registration, "9000")
        world.auctions = SimpleNamespace(sale=the_sale, lot=the_lot, registration=registration, bid=bid)
    return world.auctions  # type: ignore[no-any-return]


def sale_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    return {"code": auction_world(world).sale.code}


def lot_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    found = auction_world(world)
    return {"code": found.sale.code, "lot": found.lot.label}


def build_world(world: SimpleNamespace) -> None:
    """Nothing ahead of time: :func:`auction_world` makes the sale when a route first needs it."""
    _ = world


# --- Sales ------------------------------------------------------------------------------------------
PAGES["auctions:sales"] = Page(STAFF)
API["auctions_sales"] = Operation(STAFF)


# --- Results and the check ---
def _finding_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    # Any number: a role the policy allows reaches the view (a 404 for a finding that does not exist, or a
    # 422 for the missing body), a role it refuses is refused before.
    return {**sale_kwargs(world), "finding": 1}


PAGES["auctions:results"] = Page(STAFF, kwargs=sale_kwargs)
PAGES["auctions:results_export"] = Page(roles(A, S, F, U), kwargs=sale_kwargs)
PAGES["auctions:result_correct"] = Page(SENIOR, kwargs=lot_kwargs, method="POST")
PAGES["auctions:unsold_route"] = Page(SPECIALISTS, kwargs=lot_kwargs, method="POST")
PAGES["auctions:check"] = Page(roles(S, F, U), kwargs=sale_kwargs)
PAGES["auctions:check_run"] = Page(roles(S, F), kwargs=sale_kwargs, method="POST")
PAGES["auctions:finding_resolve"] = Page(SENIOR, kwargs=_finding_kwargs, method="POST")
API["auctions_results_of_sale"] = Operation(STAFF, params=sale_kwargs)
API["auctions_results_correct"] = Operation(SENIOR, params=lot_kwargs)
API["auctions_check_findings"] = Operation(roles(S, F, U), params=sale_kwargs)
API["auctions_check_run"] = Operation(roles(S, F), params=sale_kwargs)
API["auctions_check_resolve"] = Operation(SENIOR, params=_finding_kwargs)
API["auctions_results_unsold_route"] = Operation(SPECIALISTS, params=lot_kwargs)
API["auctions_results_export"] = Operation(roles(A, S, F, U), params=sale_kwargs)
API["auctions_results_feed"] = Operation(STAFF)
