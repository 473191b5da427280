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


# --- Bidders ---
BIDDER_READERS = roles(A, S, F, U)


def paddle_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    found = auction_world(world)
    return {"code": found.sale.code, "paddle": found.registration.paddle}


PAGES["auctions:bidders"] = Page(BIDDER_READERS, kwargs=sale_kwargs)
PAGES["auctions:bidder"] = Page(BIDDER_READERS, kwargs=paddle_kwargs)
PAGES["auctions:bidder_new"] = Page(SPECIALISTS, kwargs=sale_kwargs)
PAGES["auctions:bidder_client_options"] = Page(SPECIALISTS, kwargs=sale_kwargs)
PAGES["auctions:bidder_import"] = Page(SPECIALISTS, kwargs=sale_kwargs)
PAGES["auctions:bidder_import_mapping"] = Page(SPECIALISTS, kwargs=sale_kwargs)
PAGES["auctions:bidder_decide"] = Page(SENIOR, kwargs=paddle_kwargs, method="POST")
PAGES["auctions:bidder_credit"] = Page(SPECIALISTS, kwargs=paddle_kwargs, method="POST")
API["auctions_registrations"] = Operation(BIDDER_READERS, params=sale_kwargs)
API["auctions_registration"] = Operation(BIDDER_READERS, params=paddle_kwargs)
API["auctions_registration_create"] = Operation(SPECIALISTS, params=sale_kwargs)
API["auctions_registration_decide"] = Operation(SENIOR, params=paddle_kwargs)
API["auctions_registration_credit"] = Operation(SPECIALISTS, params=paddle_kwargs)
API["auctions_registrations_import"] = Operation(SPECIALISTS, params=sale_kwargs)
# --- Bids ---
BIDS_OFFICE = roles(A, S, U)  # auctions.view_bids: specialists and the auditor


def _telephone_world(world: SimpleNamespace) -> SimpleNamespace:
    found = auction_world(world)
    if not hasattr(found, "telephone"):
        from parure.auctions.services.telephone import telephone_bid_request

        found.telephone = telephone_bid_request(
            lot=found.lot, registration=found.registration, phone_number="+1 212 555 0142", by=world.cast.senior
        )
    return found


def _bid_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    found = auction_world(world)
    return {"code": found.sale.code, "bid_id": found.bid.pk}


def _telephone_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    found = _telephone_world(world)
    return {"code": found.sale.code, "telephone_id": found.telephone.pk}


PAGES["auctions:bids"] = Page(BIDS_OFFICE, kwargs=sale_kwargs)
PAGES["auctions:bid_new"] = Page(SPECIALISTS, kwargs=sale_kwargs)
PAGES["auctions:bid_cancel"] = Page(SPECIALISTS, kwargs=_bid_kwargs, method="POST")
PAGES["auctions:bid_confirm"] = Page(SPECIALISTS, kwargs=_bid_kwargs, method="POST")
PAGES["auctions:telephone"] = Page(BIDS_OFFICE, kwargs=sale_kwargs)
PAGES["auctions:telephone_new"] = Page(SPECIALISTS, kwargs=sale_kwargs, method="POST")
PAGES["auctions:telephone_assign"] = Page(SPECIALISTS, kwargs=_telephone_kwargs, method="POST")
PAGES["auctions:telephone_cancel"] = Page(SPECIALISTS, kwargs=_telephone_kwargs, method="POST")
PAGES["auctions:telephone_cover"] = Page(SPECIALISTS, kwargs=_telephone_kwargs, method="POST")
API["auctions_absentee_bids"] = Operation(BIDS_OFFICE, params=sale_kwargs)
API["auctions_absentee_bid_create"] = Operation(SPECIALISTS, params=sale_kwargs)
API["auctions_absentee_bid_cancel"] = Operation(SPECIALISTS, params=_bid_kwargs)
API["auctions_absentee_bid_confirm"] = Operation(SPECIALISTS, params=_bid_kwargs)
API["auctions_telephone_bids"] = Operation(BIDS_OFFICE, params=sale_kwargs)
API["auctions_telephone_bid_create"] = Operation(SPECIALISTS, params=sale_kwargs)
API["auctions_telephone_bid_assign"] = Operation(SPECIALISTS, params=_telephone_kwargs)
API["auctions_telephone_bid_cancel"] = Operation(SPECIALISTS, params=_telephone_kwargs)
API["auctions_telephone_bid_cover"] = Operation(SPECIALISTS, params=_telephone_kwargs)
# --- Sales and lots ---------------------------------------------------------------------------------
TABLE_KEEPERS = roles(S, D)


def _table_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    return {"code": "standard"}


def _schedule_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    return {"code": "house-2026"}


PAGES["auctions:sale_new"] = Page(SENIOR)
PAGES["auctions:sale"] = Page(STAFF, sale_kwargs)
PAGES["auctions:sale_edit"] = Page(SENIOR, sale_kwargs)
PAGES["auctions:sale_advance"] = Page(SENIOR, sale_kwargs, method="POST")
PAGES["auctions:lot_new"] = Page(SPECIALISTS, sale_kwargs)
PAGES["auctions:lot"] = Page(STAFF, lot_kwargs)
PAGES["auctions:lot_edit"] = Page(SPECIALISTS, lot_kwargs, method="POST")
PAGES["auctions:lot_reserve"] = Page(SENIOR, lot_kwargs, method="POST")
PAGES["auctions:lot_withdraw"] = Page(SPECIALISTS, lot_kwargs, method="POST")
PAGES["auctions:lot_move"] = Page(SPECIALISTS, lot_kwargs, method="POST")
PAGES["auctions:lot_pieces"] = Page(SPECIALISTS, lot_kwargs, method="POST")
PAGES["auctions:tables"] = Page(TABLE_KEEPERS)
PAGES["auctions:table_new"] = Page(TABLE_KEEPERS)
PAGES["auctions:table"] = Page(TABLE_KEEPERS, _table_kwargs)
PAGES["auctions:schedule_new"] = Page(TABLE_KEEPERS)
PAGES["auctions:schedule"] = Page(TABLE_KEEPERS, _schedule_kwargs)

API["auctions_sale"] = Operation(STAFF, sale_kwargs)
API["auctions_sale_create"] = Operation(SENIOR)
API["auctions_sale_update"] = Operation(SENIOR, sale_kwargs)
API["auctions_sale_advance"] = Operation(SENIOR, sale_kwargs)
API["auctions_lots"] = Operation(STAFF, sale_kwargs)
API["auctions_lot"] = Operation(STAFF, lot_kwargs)
API["auctions_lot_create"] = Operation(SPECIALISTS, sale_kwargs)
API["auctions_lot_update"] = Operation(SPECIALISTS, lot_kwargs)
API["auctions_lot_reserve"] = Operation(SENIOR, lot_kwargs)
API["auctions_lot_withdraw"] = Operation(SPECIALISTS, lot_kwargs)
API["auctions_lot_move"] = Operation(SPECIALISTS, lot_kwargs)
API["auctions_tables"] = Operation(STAFF)
API["auctions_table"] = Operation(STAFF, _table_kwargs)
API["auctions_table_create"] = Operation(TABLE_KEEPERS)
API["auctions_table_update"] = Operation(TABLE_KEEPERS, _table_kwargs)
API["auctions_schedules"] = Operation(STAFF)
API["auctions_schedule"] = Operation(STAFF, _schedule_kwargs)
API["auctions_schedule_create"] = Operation(TABLE_KEEPERS)
API["auctions_schedule_update"] = Operation(TABLE_KEEPERS, _schedule_kwargs)
# --- Documents ---------------------------------------------------------------------------------------
PAGES["auctions:book"] = Page(RESERVE_READERS, kwargs=sale_kwargs)
PAGES["auctions:book_pdf"] = Page(RESERVE_READERS, kwargs=sale_kwargs)
PAGES["auctions:absentee_form"] = Page(STAFF, kwargs=sale_kwargs)
PAGES["auctions:catalogue"] = Page(SPECIALISTS, kwargs=sale_kwargs)
PAGES["auctions:catalogue_pdf"] = Page(SPECIALISTS, kwargs=sale_kwargs)
API["auctions_book"] = Operation(RESERVE_READERS, params=sale_kwargs)


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
