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

# --- Search -----------------------------------------------------------------------------------------
PAGES["catalogue:search"] = Page(STAFF)
API["catalogue_search_pieces"] = Operation(STAFF)


def build_world(world: SimpleNamespace) -> None:
    """Records the catalogue's routes need (each area adds what its URLs take)."""
    _ = (STAFF, world)


# --- The catalogue record ---------------------------------------------------------------------
# The inventory's world (built after this one: builders run in package order) holds the pieces;
# the record is opened on first use, once every builder has run.


def _catalogued(world: SimpleNamespace) -> Any:
    if not hasattr(world, "catalogued"):
        from parure.catalogue.models import CatalogueRecord
        from parure.catalogue.services.records import record_open

        found = CatalogueRecord.objects.filter(item=world.piece).first()
        world.catalogued = (found or record_open(item=world.piece, by=world.cast.senior)).item
    return world.catalogued


def _record(world: SimpleNamespace) -> dict[str, str]:
    return {"stock_number": _catalogued(world).stock_number}


def _uncatalogued(world: SimpleNamespace) -> dict[str, str]:
    other = world.consignment.items.exclude(pk=world.piece.pk).order_by("line").first()
    return {"stock_number": other.stock_number}


# --- Certificates -------------------------------------------------------------------------------
# The piece, its record and its report are made on first use, once every app's build_world has
# run (the inventory's places among them): a piece of our own, so no other area's record clashes.
LABORATORY_MANAGERS = roles(S, D)


def _certificate_world(world: SimpleNamespace) -> SimpleNamespace:
    if not hasattr(world, "certificates"):
        from tests.catalogue.certificate_world import attach, sapphire_report
        from tests.catalogue.world import cartier_ring
        from tests.inventory import world as inventory_world

        client = inventory_world.consignor("Mrs Adela Moreno")
        (piece,) = inventory_world.take_in(world.cast.senior, client, inventory_world.piece())
        record = cartier_ring(piece, by=world.cast.assistant)
        report = attach(record, sapphire_report(record), by=world.cast.assistant)
        world.certificates = SimpleNamespace(piece=piece, record=record, report=report)
    return world.certificates  # type: ignore[no-any-return]


def _report_piece(world: SimpleNamespace) -> dict[str, str]:
    return {"stock_number": _certificate_world(world).piece.stock_number}


def _report(world: SimpleNamespace) -> dict[str, object]:
    made = _certificate_world(world)
    return {"stock_number": made.piece.stock_number, "pk": made.report.pk}


def _laboratory(world: SimpleNamespace) -> dict[str, object]:
    from parure.catalogue.models import Laboratory

    return {"pk": Laboratory.objects.get(code="GIA").pk}


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


# --- Condition reports ----------------------------------------------------------------------------


# The inventory's matrix piece (world.piece) has its intake report, version 1 (tests/inventory/world.py).
def _condition_piece(world: SimpleNamespace) -> dict[str, object]:
    return {"stock_number": world.piece.stock_number}


def _condition_version(world: SimpleNamespace) -> dict[str, object]:
    return {"stock_number": world.piece.stock_number, "version": 1}


PAGES.update(
    {
        "catalogue:records": Page(STAFF),
        "catalogue:record": Page(STAFF, kwargs=_record),
        "catalogue:record_edit": Page(SPECIALISTS, kwargs=_record),
        "catalogue:record_open": Page(SPECIALISTS, kwargs=_uncatalogued, method="POST"),
        "catalogue:flag_override": Page(SENIOR, kwargs=_record, method="POST"),
        "catalogue:stone_estimate": Page(SPECIALISTS, method="POST"),
        "catalogue:marks_read": Page(SPECIALISTS, method="POST"),
        "catalogue:certificates": Page(STAFF, kwargs=_report_piece),
        "catalogue:certificate_attach": Page(SPECIALISTS, kwargs=_report_piece),
        "catalogue:certificate_edit": Page(SPECIALISTS, kwargs=_report),
        "catalogue:certificate_detach": Page(SPECIALISTS, kwargs=_report),
        "catalogue:certificate_pdf": Page(STAFF, kwargs=_report),
        "catalogue:laboratories": Page(LABORATORY_MANAGERS),
        "catalogue:laboratory_edit": Page(LABORATORY_MANAGERS, kwargs=_laboratory),
        "catalogue:copy": Page(STAFF, kwargs=_copy_piece),
        "catalogue:copy_generate": Page(SPECIALISTS, kwargs=_copy_piece, method="POST"),
        "catalogue:copy_edit": Page(SPECIALISTS, kwargs=_copy_piece, method="POST"),
        "catalogue:copy_submit": Page(SPECIALISTS, kwargs=_copy_piece, method="POST"),
        "catalogue:copy_approve": Page(SENIOR, kwargs=_copy_piece, method="POST"),
        "catalogue:copy_lock": Page(SENIOR, kwargs=_copy_piece, method="POST"),
        "catalogue:copy_diff": Page(STAFF, kwargs=_copy_piece),
        "catalogue:copy_pdf": Page(STAFF, kwargs=_copy_piece),
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


def _report_id(world: SimpleNamespace) -> dict[str, object]:
    return {"certificate_id": _certificate_world(world).report.pk}


API.update(
    {
        "catalogue_record_list": Operation(STAFF),
        "catalogue_record_detail": Operation(STAFF, params=_record),
        "catalogue_record_create": Operation(SPECIALISTS),
        "catalogue_record_update": Operation(SPECIALISTS, params=_record),
        "catalogue_record_flags": Operation(STAFF, params=_record),
        "catalogue_record_flag_override": Operation(SENIOR, params=_record),
        "catalogue_certificate_list": Operation(STAFF),
        "catalogue_certificate_attach": Operation(SPECIALISTS),
        "catalogue_certificate_laboratories": Operation(STAFF),
        "catalogue_certificate_get": Operation(STAFF, params=_report_id),
        "catalogue_certificate_update": Operation(SPECIALISTS, params=_report_id),
        "catalogue_certificate_scan": Operation(SPECIALISTS, params=_report_id),
        "catalogue_certificate_detach": Operation(SPECIALISTS, params=_report_id),
        "catalogue_certificate_download": Operation(STAFF, params=_report_id),
        "catalogue_copy_get": Operation(STAFF, params=_copy_piece),
        "catalogue_copy_generate": Operation(SPECIALISTS, params=_copy_piece),
        "catalogue_copy_edit": Operation(SPECIALISTS, params=_copy_piece),
        "catalogue_copy_submit": Operation(SPECIALISTS, params=_copy_piece),
        "catalogue_copy_approve": Operation(SENIOR, params=_copy_piece),
        "catalogue_copy_lock": Operation(SENIOR, params=_copy_piece),
        "catalogue_copy_versions": Operation(STAFF, params=_copy_piece),
        "catalogue_copy_diff": Operation(STAFF, params=_copy_piece),
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
        "catalogue_condition_report_list": Operation(CONDITION_READERS, params=_condition_piece),
        "catalogue_condition_report_get": Operation(CONDITION_READERS, params=_condition_version),
        "catalogue_condition_report_pdf": Operation(CONDITION_READERS, params=_condition_version),
        "catalogue_condition_compare": Operation(CONDITION_READERS, params=_condition_piece),
        "catalogue_condition_report_issue": Operation(CONDITION_WRITERS, params=_condition_piece),
    }
)
