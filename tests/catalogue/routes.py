"""The catalogue's routes in the permission matrix (tests/test_permission_matrix.py)."""

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
CONDITION_READERS = roles(A, S, F, L, U)
CONDITION_WRITERS = roles(A, S, L)
PHOTOGRAPHY_READERS = roles(A, S, L, U)
BUNDLE_READERS = roles(A, S, U)

PAGES: dict[str, Page] = {}
API: dict[str, Operation] = {}


def build_world(world: SimpleNamespace) -> None:
    """Records the catalogue's routes need (each area adds what its URLs take)."""
    _ = (STAFF, world)


# --- The catalogue record ---------------------------------------------------------------------
# The inventory's world (built after this one: builders run in package order) holds the pieces;
# the record is opened on first use, once every builder has run.


def _catalogued(world: SimpleNamespace) -> Any:
    if not hasattr(world, "catalogued"):
        from parure.catalogue.services.records import record_open

        world.catalogued = record_open(item=world.piece, by=world.cast.senior).item
    return world.catalogued


def _record(world: SimpleNamespace) -> dict[str, str]:
    return {"stock_number": _catalogued(world).stock_number}


def _uncatalogued(world: SimpleNamespace) -> dict[str, str]:
    other = world.consignment.items.exclude(pk=world.piece.pk).order_by("line").first()
    return {"stock_number": other.stock_number}


PAGES.update(
    {
        "catalogue:records": Page(STAFF),
        "catalogue:record": Page(STAFF, kwargs=_record),
        "catalogue:record_edit": Page(SPECIALISTS, kwargs=_record),
        "catalogue:record_open": Page(SPECIALISTS, kwargs=_uncatalogued, method="POST"),
        "catalogue:flag_override": Page(SENIOR, kwargs=_record, method="POST"),
        "catalogue:stone_estimate": Page(SPECIALISTS, method="POST"),
        "catalogue:marks_read": Page(SPECIALISTS, method="POST"),
    }
)
API.update(
    {
        "catalogue_record_list": Operation(STAFF),
        "catalogue_record_detail": Operation(STAFF, params=_record),
        "catalogue_record_create": Operation(SPECIALISTS),
        "catalogue_record_update": Operation(SPECIALISTS, params=_record),
        "catalogue_record_flags": Operation(STAFF, params=_record),
        "catalogue_record_flag_override": Operation(SENIOR, params=_record),
    }
)
