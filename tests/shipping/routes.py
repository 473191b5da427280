"""Shipping's routes in the permission matrix (tests/test_permission_matrix.py). Each area declares its
pages and operations in its own module (``route_<area>.py``); this one puts them together."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Operation, Page
from tests.shipping import route_carriers, route_compliance, route_shipments

AREAS = (route_shipments, route_carriers, route_compliance)

PAGES: dict[str, Page] = {}
API: dict[str, Operation] = {}
for _area in AREAS:
    PAGES.update(_area.PAGES)
    API.update(_area.API)


def build_world(world: SimpleNamespace) -> None:
    """Nothing ahead of time: each area makes its records when a route first needs them."""
    _ = world
