"""The count pages and API operations in the permission matrix (imported by tests/inventory/routes.py)."""

from __future__ import annotations

from types import SimpleNamespace

from parure.core.choices import Role
from parure.inventory import services as custody
from parure.inventory.counts import services
from tests.inventory.counts.conftest import finish
from tests.matrix import Operation, Page, roles

A, S, F, L, U, D = (
    Role.SPECIALIST_ASSISTANT,
    Role.SENIOR_SPECIALIST,
    Role.FINANCE,
    Role.LOGISTICS,
    Role.AUDITOR,
    Role.ADMINISTRATOR,
)
COUNT_READERS = roles(A, S, L, U, D)
COUNTERS = roles(A, S, L, U)
RESOLVERS = roles(S)
SIGNERS = roles(S, U)
ADMINS = roles(D)


def build_world(world: SimpleNamespace) -> None:
    """An open count of New York's Tray 1 and a finished one with a discrepancy to settle."""
    cast = world.cast
    piece = world.piece
    custody.item_move(item=piece, to=world.location, by=cast.senior, reason="Into the tray")
    world.count = services.count_start(
        scope="location",
        location=world.location,
        mode="blind",
        counter=cast.assistant,
        witness=cast.auditor,
        by=cast.assistant,
    )
    finished = services.count_start(
        scope="location",
        location=world.location,
        mode="guided",
        counter=cast.assistant,
        witness=cast.auditor,
        by=cast.assistant,
    )
    world.finished_count = finish(finished, by=cast.assistant)
    world.discrepancy = world.finished_count.discrepancies.get()


def _count(world: SimpleNamespace) -> dict[str, int]:
    return {"session_id": world.count.pk}


def _finished(world: SimpleNamespace) -> dict[str, int]:
    return {"session_id": world.finished_count.pk}


PAGES = {
    "inventory:counts": Page(COUNT_READERS),
    "inventory:count_new": Page(COUNTERS),
    "inventory:counts_due": Page(COUNT_READERS),
    "inventory:count_intervals": Page(ADMINS, method="POST"),
    "inventory:accountability": Page(COUNT_READERS),
    "inventory:count_session": Page(COUNT_READERS, kwargs=_count),
    "inventory:count_scan": Page(COUNTERS, kwargs=_count, method="POST"),
    "inventory:count_import": Page(COUNTERS, kwargs=_count, method="POST"),
    "inventory:count_finish": Page(COUNTERS, kwargs=_finished, method="POST"),
    "inventory:count_reconciliation": Page(COUNT_READERS, kwargs=_count),
    "inventory:count_resolve": Page(
        RESOLVERS,
        kwargs=lambda world: {"session_id": world.finished_count.pk, "discrepancy_id": world.discrepancy.pk},
        method="POST",
    ),
    "inventory:count_sign_off": Page(SIGNERS, kwargs=_finished, method="POST"),
    "inventory:count_report_pdf": Page(COUNT_READERS, kwargs=_finished),
    "inventory:count_report_xlsx": Page(COUNT_READERS, kwargs=_finished),
}

API = {
    "inventory_count_list": Operation(COUNT_READERS),
    "inventory_count_start": Operation(COUNTERS),
    "inventory_count_detail": Operation(COUNT_READERS, params=lambda world: {"count_id": world.count.pk}),
    "inventory_count_scan": Operation(COUNTERS, params=lambda world: {"count_id": world.count.pk}),
    "inventory_count_import": Operation(COUNTERS, params=lambda world: {"count_id": world.count.pk}),
    "inventory_count_reconciliation": Operation(COUNT_READERS, params=lambda world: {"count_id": world.count.pk}),
    "inventory_accountability_figures": Operation(COUNT_READERS),
}
