"""The inventory's routes in the permission matrix (tests/test_permission_matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

from parure.core.choices import Role
from parure.inventory import services
from parure.inventory.models import LabelProfile
from tests.inventory import world as build
from tests.inventory.counts import routes as counts
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
MOVERS = roles(A, S, L)
SHIPPERS = roles(S, L)
SENIOR = roles(S)
CONSIGNMENT_READERS = roles(A, S, F, L, U)
LEDGER_READERS = roles(S, U, D)
OVERDUE_READERS = roles(A, S, L, U)
PLACE_MANAGERS = roles(S, D)
ADMINS = roles(D)


def build_world(world: SimpleNamespace) -> None:
    cast = world.cast
    places = build.build_all_places(cast)
    client = build.consignor()
    pieces = build.take_in(cast.senior, client, build.piece(), build.piece("Diamond clip brooch", category="brooch"))
    world.piece = pieces[0]
    world.consignment = pieces[0].consignment
    world.location = places["NY"].tray1
    world.event = pieces[0].custody_events.get()
    world.release_receipt = services.release_receipt_prepare(
        consignment=world.consignment, items=[pieces[1]], collected_by=client.display_name, by=cast.senior
    )
    world.label_profile = LabelProfile.objects.order_by("pk").first() or LabelProfile.objects.create(
        name="Matrix stock", kind="sheet", page_width_mm=210, page_height_mm=297, label_width_mm=70, label_height_mm=36
    )
    counts.build_world(world)


def _piece(world: SimpleNamespace) -> dict[str, str]:
    return {"stock_number": world.piece.stock_number}


def _consignment(world: SimpleNamespace) -> dict[str, str]:
    return {"number": world.consignment.number}


def _receipt(world: SimpleNamespace) -> dict[str, str]:
    return {"number": world.release_receipt.number}


PAGES = {
    "inventory:items": Page(STAFF),
    "inventory:item": Page(STAFF, kwargs=_piece),
    "inventory:item_edit": Page(SPECIALISTS, kwargs=_piece),
    "inventory:item_labels": Page(MOVERS, kwargs=_piece),
    "inventory:item_move": Page(MOVERS, kwargs=_piece),
    "inventory:item_check_out": Page(SPECIALISTS, kwargs=_piece),
    "inventory:item_return": Page(MOVERS, kwargs=_piece),
    "inventory:item_transfer": Page(MOVERS, kwargs=_piece),
    "inventory:item_receive": Page(MOVERS, kwargs=_piece),
    "inventory:item_release": Page(SHIPPERS, kwargs=_piece),
    "inventory:item_count_adjust": Page(SENIOR, kwargs=_piece),
    "inventory:event_correct": Page(
        SENIOR, kwargs=lambda world: {"stock_number": world.piece.stock_number, "seq": world.event.seq}
    ),
    "inventory:batch": Page(MOVERS),
    "inventory:batch_scan": Page(MOVERS),
    "inventory:transfers": Page(STAFF),
    "inventory:overdue": Page(OVERDUE_READERS),
    "inventory:intake": Page(SPECIALISTS),
    "inventory:consignor_options": Page(SPECIALISTS),
    "inventory:consignments": Page(CONSIGNMENT_READERS),
    "inventory:consignment": Page(CONSIGNMENT_READERS, kwargs=_consignment),
    "inventory:consignment_add": Page(SPECIALISTS, kwargs=_consignment),
    "inventory:consignment_terms": Page(SENIOR, kwargs=_consignment),
    "inventory:consignment_receipt": Page(
        CONSIGNMENT_READERS, kwargs=lambda world: {"number": world.consignment.number, "version": 1}
    ),
    "inventory:consignment_labels": Page(MOVERS, kwargs=_consignment),
    # Another's job, or one of another kind, is answered 404 to those who may print tags.
    "inventory:job_tags": Page(MOVERS, kwargs=lambda world: {"job_id": world.job.pk}),
    "inventory:release_prepare": Page(SENIOR, kwargs=_consignment),
    "inventory:release_receipt": Page(CONSIGNMENT_READERS, kwargs=_receipt),
    "inventory:release_receipt_cancel": Page(SENIOR, kwargs=_receipt, method="POST"),
    "inventory:release_receipt_pdf": Page(CONSIGNMENT_READERS, kwargs=_receipt),
    "inventory:locations": Page(STAFF),
    "inventory:location": Page(STAFF, kwargs=lambda world: {"location_id": world.location.pk}),
    "inventory:location_new": Page(PLACE_MANAGERS),
    "inventory:location_label": Page(MOVERS, kwargs=lambda world: {"location_id": world.location.pk}),
    "inventory:settings": Page(ADMINS),
    "inventory:label_profile_new": Page(ADMINS),
    "inventory:label_profile": Page(ADMINS, kwargs=lambda world: {"profile_id": world.label_profile.pk}),
    "inventory:ledger": Page(LEDGER_READERS),
    "inventory:ledger_verify": Page(LEDGER_READERS, method="POST"),
}

API = {
    "inventory_item_list": Operation(STAFF),
    "inventory_item_detail": Operation(STAFF, params=_piece),
    "inventory_item_ledger": Operation(STAFF, params=_piece),
    "inventory_item_move": Operation(MOVERS, params=_piece),
    "inventory_item_check_out": Operation(SPECIALISTS, params=_piece),
    "inventory_item_return": Operation(MOVERS, params=_piece),
    "inventory_item_transfer_out": Operation(MOVERS, params=_piece),
    "inventory_item_transfer_receive": Operation(MOVERS, params=_piece),
    "inventory_item_release": Operation(SHIPPERS, params=_piece),
    "inventory_item_count_adjust": Operation(SENIOR, params=_piece),
    "inventory_event_correct": Operation(SENIOR, params=lambda world: {"seq": world.event.seq}),
    "inventory_location_list": Operation(STAFF),
    "inventory_consignment_list": Operation(CONSIGNMENT_READERS),
    "inventory_consignment_detail": Operation(CONSIGNMENT_READERS, params=_consignment),
    "inventory_consignment_intake": Operation(SPECIALISTS),
    "inventory_release_receipt_prepare": Operation(SENIOR, params=_consignment),
    "inventory_return_to_consignor": Operation(SENIOR, params=_receipt),
    "inventory_ledger_head": Operation(LEDGER_READERS),
    "inventory_ledger_verify": Operation(LEDGER_READERS),
}

PAGES.update(counts.PAGES)
API.update(counts.API)
