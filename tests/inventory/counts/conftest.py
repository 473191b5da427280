"""A stocked New York safe for counts: two pieces in Tray 1, one in Tray 2, one at the intake desk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from parure.inventory import services
from parure.inventory.models import Item
from tests.inventory import world


@dataclass
class Stock:
    a: Item
    b: Item
    c: Item
    d: Item


def stock(cast: Any, ny: world.Places, client_file: Any) -> Stock:
    pieces = world.take_in(cast.senior, client_file, *[world.piece(f"Ring {n}") for n in "ABCD"])
    a, b, c, _ = pieces
    for piece, tray in ((a, ny.tray1), (b, ny.tray1), (c, ny.tray2)):
        services.item_move(item=piece, to=tray, by=cast.senior, reason="Into the safe")
    return Stock(*(world.fresh(piece) for piece in pieces))


@pytest.fixture
def stocked(cast: Any, ny: world.Places, client_file: Any) -> Stock:
    return stock(cast, ny, client_file)


def finish(session: Any, *, by: Any, witness: Any | None = None) -> Any:
    """Finish scanning as the page does: the count's witness signs with their own password."""
    from django.conf import settings

    from parure.inventory.counts import services as count_services

    signed = count_services.count_witness_confirm(
        session=session,
        username=(witness or session.witness).username,
        password=settings.PARURE_DEMO_PASSWORD,
        by=by,
    )
    return count_services.count_finish(session=session, by=by, witness=signed)
