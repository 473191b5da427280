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


# --- Photography --------------------------------------------------------------------------------


def photography_world(world: SimpleNamespace) -> SimpleNamespace:
    """A shot list with one piece in the studio (so it cannot be deleted), a photograph, a bundle job.

    Built on first use, once every app's builder has run: it needs the inventory's places, and the
    builders run in the order of the apps' names.
    """
    if hasattr(world, "photo_shot_list"):
        return world
    from parure.catalogue import photo_jobs
    from parure.catalogue.services import photography as photo
    from parure.inventory import queries as inventory
    from tests.catalogue import photo_world
    from tests.inventory import world as build

    cast = world.cast
    if not inventory.places_for(cast.assistant.office, ("work",)).filter(type="photo_studio").exists():
        build.build_all_places(cast)  # the inventory's own builder did not run (another app's test)
    piece = build.take_in(cast.senior, build.consignor("Mrs Ada Lovell"), build.piece("Ruby cluster ring"))[0]
    world.photo_shot_list = photo.shot_list_create(name="Matrix shot list", office=cast.assistant.office,
                                                   by=cast.assistant)  # fmt: skip
    world.photo_entry = photo.shot_list_add_piece(shot_list=world.photo_shot_list, stock_number=piece.stock_number,
                                                  by=cast.assistant)  # fmt: skip
    photo.shot_list_check_out(shot_list=world.photo_shot_list, by=cast.assistant, due_back=build.tomorrow())
    world.photo_piece = piece
    world.photo_image = photo_world.upload(piece, cast.assistant, (640, 480))[0]
    world.photo_bundle_job = photo_jobs.start_bundle(shot_list=world.photo_shot_list, kind="web", by=cast.assistant)
    return world


def _shot_list(world: SimpleNamespace) -> dict[str, Any]:
    return {"shot_list_id": photography_world(world).photo_shot_list.pk}


def _entry(world: SimpleNamespace) -> dict[str, Any]:
    world = photography_world(world)
    return {"shot_list_id": world.photo_shot_list.pk, "stock_number": world.photo_piece.stock_number}


def _photo_piece(world: SimpleNamespace) -> dict[str, Any]:
    return {"stock_number": photography_world(world).photo_piece.stock_number}


def _image(world: SimpleNamespace) -> dict[str, Any]:
    return {"image_id": photography_world(world).photo_image.pk}


PAGES.update(
    {
        "catalogue:shot_lists": Page(PHOTOGRAPHY_READERS),
        "catalogue:shot_list_new": Page(SPECIALISTS),
        "catalogue:shot_list": Page(PHOTOGRAPHY_READERS, kwargs=_shot_list),
        "catalogue:shot_list_add": Page(SPECIALISTS, kwargs=_shot_list, method="POST"),
        "catalogue:shot_list_status": Page(SPECIALISTS, kwargs=_shot_list, method="POST"),
        "catalogue:shot_list_move": Page(SPECIALISTS, kwargs=_entry, method="POST"),
        "catalogue:shot_list_check_out": Page(SPECIALISTS, kwargs=_shot_list, method="POST"),
        "catalogue:shot_list_return": Page(SPECIALISTS, kwargs=_shot_list, method="POST"),
        "catalogue:shot_list_bundle": Page(BUNDLE_READERS, kwargs=_shot_list),
        # Another's bundle is answered 404 to those who may download bundles.
        "catalogue:photo_bundle_job": Page(
            BUNDLE_READERS, kwargs=lambda world: {"job_id": photography_world(world).photo_bundle_job.pk}
        ),
        "catalogue:piece_images": Page(PHOTOGRAPHY_READERS, kwargs=_photo_piece),
        "catalogue:piece_images_upload": Page(SPECIALISTS, kwargs=_photo_piece, method="POST"),
        "catalogue:piece_image_edit": Page(SPECIALISTS, kwargs=_image, method="POST"),
        "catalogue:image_file": Page(
            STAFF, kwargs=lambda world: {"image_id": photography_world(world).photo_image.pk, "kind": "thumbnail"}
        ),
    }
)
API.update(
    {
        "catalogue_photography_shot_list_list": Operation(PHOTOGRAPHY_READERS),
        "catalogue_photography_shot_list_create": Operation(SPECIALISTS),
        "catalogue_photography_shot_list_detail": Operation(PHOTOGRAPHY_READERS, params=_shot_list),
        "catalogue_photography_shot_list_update": Operation(SPECIALISTS, params=_shot_list),
        "catalogue_photography_shot_list_delete": Operation(SPECIALISTS, params=_shot_list),
        "catalogue_photography_entry_add": Operation(SPECIALISTS, params=_shot_list),
        "catalogue_photography_entry_move": Operation(SPECIALISTS, params=_entry),
        "catalogue_photography_check_out": Operation(SPECIALISTS, params=_shot_list),
        "catalogue_photography_return_scan": Operation(SPECIALISTS, params=_shot_list),
        "catalogue_photography_image_list": Operation(PHOTOGRAPHY_READERS, params=_photo_piece),
        "catalogue_photography_image_upload": Operation(SPECIALISTS, params=_photo_piece),
        "catalogue_photography_image_reorder": Operation(SPECIALISTS, params=_photo_piece),
        "catalogue_photography_image_primary": Operation(SPECIALISTS, params=_image),
        "catalogue_photography_image_download": Operation(STAFF, params=_image),
    }
)
