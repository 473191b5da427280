"""Fixtures the auctions' tests share: the offices' places (pieces are taken in at New York's desk)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.inventory import world as inventory_world


@pytest.fixture
def places(cast: Any) -> dict[str, inventory_world.Places]:
    return inventory_world.build_all_places(cast)
