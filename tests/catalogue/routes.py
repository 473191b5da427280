"""The catalogue's routes in the permission matrix (tests/test_permission_matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

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


# --- Condition reports ----------------------------------------------------------------------------


# The inventory's matrix piece (world.piece) has its intake report, version 1 (tests/inventory/world.py).
def _condition_piece(world: SimpleNamespace) -> dict[str, object]:
    return {"stock_number": world.piece.stock_number}


def _condition_version(world: SimpleNamespace) -> dict[str, object]:
    return {"stock_number": world.piece.stock_number, "version": 1}


PAGES.update(
    {
        "catalogue:condition_list": Page(CONDITION_READERS, kwargs=_condition_piece),
        "catalogue:condition_new": Page(CONDITION_WRITERS, kwargs=_condition_piece),
        "catalogue:condition_compare": Page(CONDITION_READERS, kwargs=_condition_piece),
        "catalogue:condition_report": Page(CONDITION_READERS, kwargs=_condition_version),
        "catalogue:condition_report_pdf": Page(CONDITION_READERS, kwargs=_condition_version),
        "catalogue:condition_photo": Page(
            CONDITION_READERS, kwargs=lambda world: {**_condition_version(world), "position": 1}
        ),
    }
)
API.update(
    {
        "catalogue_condition_report_list": Operation(CONDITION_READERS, params=_condition_piece),
        "catalogue_condition_report_get": Operation(CONDITION_READERS, params=_condition_version),
        "catalogue_condition_report_pdf": Operation(CONDITION_READERS, params=_condition_version),
        "catalogue_condition_compare": Operation(CONDITION_READERS, params=_condition_piece),
        "catalogue_condition_report_issue": Operation(CONDITION_WRITERS, params=_condition_piece),
    }
)
