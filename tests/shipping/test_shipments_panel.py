"""My day's "Shipments to move on": the viewer's office's shipments waiting for their second check or the
carrier, and those with the carrier that have an open incident, oldest first, in one query."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from parure.core import registry
from parure.shipping.shipments.hooks import next_rows
from parure.shipping.shipments.services import (
    incident_open,
    parcel_photo_add,
    shipment_check_packing,
    shipment_create,
    shipment_hand_over,
    shipment_pack,
)
from tests.shipping import shipments_world as sw

pytestmark = pytest.mark.django_db


def _rows(user: Any) -> list[Any]:
    request = RequestFactory().get("/")
    request.user = user
    return next_rows(request)


def _shipment(world: Any, value: str, seals: str) -> Any:
    piece = sw.consigned(world, value=value)
    shipment = shipment_create(office=world.office, data=sw.to_buyer(world, piece), by=world.cast.logistics)
    return shipment_pack(shipment=shipment, parcels=sw.parcels(seals=seals), checklist=sw.CHECKLIST,
                         by=world.cast.logistics)  # fmt: skip


def _checked(world: Any, shipment: Any, seals: str) -> Any:
    parcel_photo_add(shipment=shipment, parcel_number=1, content=sw.jpeg(), by=world.cast.logistics)
    return shipment_check_packing(shipment=shipment, seals_seen={1: seals}, by=world.cast.assistant)


def test_the_panel_lists_what_waits_for_its_next_step_in_one_query(cast: Any) -> None:
    world = sw.build(cast)
    packed = _shipment(world, "9000", "P-1")
    with CaptureQueriesContext(connection) as one:
        assert [row.detail for row in _rows(cast.logistics)] == [
            "Packed: a second person checks the seals · Malca-Amit"
        ]
    checked = _checked(world, _shipment(world, "9100", "P-2"), "P-2")
    quiet = shipment_hand_over(shipment=_checked(world, _shipment(world, "9200", "P-3"), "P-3"), tracking_number="MA 1",
                               by=cast.logistics)  # fmt: skip
    late = shipment_hand_over(shipment=_checked(world, _shipment(world, "9300", "P-4"), "P-4"), tracking_number="MA 2",
                              by=cast.logistics)  # fmt: skip
    incident_open(shipment=late, kind="delay", description="Held at customs.", by=cast.logistics)
    with CaptureQueriesContext(connection) as three:
        rows = _rows(cast.logistics)
    assert len(one) == len(three) == 1
    assert [(row.title, row.detail, row.overdue) for row in rows] == [
        (f"{packed.number} · Mrs Ada Lovelace", "Packed: a second person checks the seals · Malca-Amit", False),
        (f"{checked.number} · Mrs Ada Lovelace", "Checked: ready for the carrier · Malca-Amit", False),
        (f"{late.number} · Mrs Ada Lovelace", "An incident is open · Malca-Amit", True),
    ]
    assert quiet.number not in " ".join(row.title for row in rows)
    assert rows[0].url == f"/shipping/shipments/{packed.number}/#next"
    assert _rows(cast.people["camille"]) == []  # Geneva's staff: not their office's shipments
    panel = registry.panels["shipments_next"]
    assert (panel.permission, cast.finance.has_perm(panel.permission)) == ("shipping.handle_shipments", False)
