"""A repair in the custody chain: at the bench the piece is exactly where the ledger says and an office
count reckons with it so (not expected in the house, found "unexpected" if someone scans it there, listed
among the overdue check-outs once its due date has passed); back from the bench it is counted in place."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from parure.inventory.choices import EventKind, ItemStatus
from parure.inventory.counts import services as counts
from parure.inventory.counts.choices import ScanResult
from parure.inventory.counts.models import CountExpected
from parure.inventory.counts.reconcile import reconcile
from parure.inventory.models import CustodyEvent, Item
from parure.services.repairs import services
from tests.services import repairs_world as rw


@pytest.fixture
def world(cast: Any) -> rw.RepairWorld:
    return rw.build(cast)


def _office_count(world: rw.RepairWorld) -> Any:
    return counts.count_start(scope="office", office=world.office, mode="blind", counter=world.cast.assistant,
                              witness=world.cast.auditor, by=world.cast.assistant)  # fmt: skip


def test_at_the_bench_the_piece_is_out_of_the_house_in_the_ledger_and_in_the_count(world: rw.RepairWorld) -> None:
    job = rw.at_stage(world, "at_bench")
    item = Item.objects.get(pk=job.item_id)
    kinds = list(CustodyEvent.objects.filter(item=item).order_by("seq").values_list("kind", "to_location_id"))
    assert kinds == [(EventKind.INTAKE, world.places.desk.pk), (EventKind.CHECK_OUT, world.vendor.location_id)]
    assert (item.status, item.location_id, item.holder) == (
        ItemStatus.CHECKED_OUT,
        world.vendor.location_id,
        "Atelier Kessler",
    )

    session = _office_count(world)
    assert not CountExpected.objects.filter(session=session, item=item).exists()
    scanned = counts.count_scan(session=session, code=item.stock_number, by=world.cast.assistant,
                                place=world.places.workroom)  # fmt: skip
    assert scanned.result == ScanResult.NOT_HERE
    found = reconcile(session)
    assert [line.item_id for line in found.unexpected] == [item.pk]
    assert item.pk not in [line.item_id for line in found.missing]
    assert found.overdue == []

    # Past its due date at the vendor, the count lists it among the overdue check-outs.
    Item.objects.filter(pk=item.pk).update(due_back=timezone.now() - timedelta(days=2))
    assert reconcile(_office_count(world)).overdue == [item.pk]


def test_back_from_the_bench_the_piece_is_counted_where_the_ledger_has_it(world: rw.RepairWorld) -> None:
    job = services.repair_return(job=rw.at_stage(world, "at_bench"), by=world.cast.assistant)
    item = Item.objects.get(pk=job.item_id)
    assert (item.status, item.location_id) == (ItemStatus.IN_HOUSE, world.places.workroom.pk)
    assert CustodyEvent.objects.filter(item=item).order_by("-seq").values_list("kind", flat=True)[0] == EventKind.RETURN

    session = _office_count(world)
    assert CountExpected.objects.filter(session=session, item=item).exists()
    scanned = counts.count_scan(session=session, code=item.stock_number, by=world.cast.assistant,
                                place=world.places.workroom)  # fmt: skip
    assert scanned.result == ScanResult.FOUND
    found = reconcile(session)
    assert found.found >= 1 and item.pk not in [line.item_id for line in found.discrepancies]
