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

# --- Search -----------------------------------------------------------------------------------------
PAGES["catalogue:search"] = Page(STAFF)
API["catalogue_search_pieces"] = Operation(STAFF)


def build_world(world: SimpleNamespace) -> None:
    """Records the catalogue's routes need (each area adds what its URLs take)."""
    _ = (STAFF, world)
