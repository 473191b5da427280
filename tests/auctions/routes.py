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


# --- Clerking and the board ---
# The matrix's sale is not live: the pages answer with "not live yet", the keys refuse with 409 (the
# error shape), and nothing is saved whatever the role.
CLERKS = roles(A, S)
PAGES["auctions:clerk"] = Page(CLERKS, sale_kwargs)
for _key in ("open", "bid", "no_bid", "hammer", "pass", "withdraw"):
    PAGES[f"auctions:clerk_{_key}"] = Page(CLERKS, lot_kwargs, method="POST")
PAGES["auctions:board"] = Page(STAFF, sale_kwargs)
PAGES["auctions:board_state"] = Page(STAFF, sale_kwargs)
PAGES["auctions:rates"] = Page(CLERKS, sale_kwargs)
API["auctions_clerk_lot_state"] = Operation(CLERKS, lot_kwargs)
for _key in ("open", "bid", "no_bid", "hammer", "pass", "withdraw"):
    API[f"auctions_clerk_{_key}"] = Operation(CLERKS, lot_kwargs)
API["auctions_board"] = Operation(STAFF, sale_kwargs)
