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


# --- Catalogue copy -------------------------------------------------------------------------------


def _copy_piece(world: SimpleNamespace) -> dict[str, str]:
    """The inventory's matrix piece, with a record and generated copy (made on first use, once every
    app's world is built)."""
    if not hasattr(world, "copy_record"):
        from parure.catalogue.models import CatalogueCopy, CatalogueRecord
        from parure.catalogue.services.copy import copy_generate
        from tests.catalogue.world import cartier_ring

        found = CatalogueRecord.objects.filter(item=world.piece).first()
        world.copy_record = found or cartier_ring(world.piece, by=world.cast.assistant)
        if not CatalogueCopy.objects.filter(record=world.copy_record).exists():
            copy_generate(record=world.copy_record, by=world.cast.assistant)
    return {"stock_number": world.piece.stock_number}


PAGES.update(
    {
        "catalogue:copy": Page(STAFF, kwargs=_copy_piece),
        "catalogue:copy_generate": Page(SPECIALISTS, kwargs=_copy_piece, method="POST"),
        "catalogue:copy_edit": Page(SPECIALISTS, kwargs=_copy_piece, method="POST"),
        "catalogue:copy_submit": Page(SPECIALISTS, kwargs=_copy_piece, method="POST"),
        "catalogue:copy_approve": Page(SENIOR, kwargs=_copy_piece, method="POST"),
        "catalogue:copy_lock": Page(SENIOR, kwargs=_copy_piece, method="POST"),
        "catalogue:copy_diff": Page(STAFF, kwargs=_copy_piece),
        "catalogue:copy_pdf": Page(STAFF, kwargs=_copy_piece),
    }
)
API.update(
    {
        "catalogue_copy_get": Operation(STAFF, params=_copy_piece),
        "catalogue_copy_generate": Operation(SPECIALISTS, params=_copy_piece),
        "catalogue_copy_edit": Operation(SPECIALISTS, params=_copy_piece),
        "catalogue_copy_submit": Operation(SPECIALISTS, params=_copy_piece),
        "catalogue_copy_approve": Operation(SENIOR, params=_copy_piece),
        "catalogue_copy_lock": Operation(SENIOR, params=_copy_piece),
        "catalogue_copy_versions": Operation(STAFF, params=_copy_piece),
        "catalogue_copy_diff": Operation(STAFF, params=_copy_piece),
    }
)
