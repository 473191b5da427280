"""Fixtures for the custody tests: the four offices' places, a consignor, pieces taken in."""

from __future__ import annotations

from typing import Any

import pytest

from tests.inventory import world


@pytest.fixture
def places(cast: Any) -> dict[str, world.Places]:
    return world.build_all_places(cast)


@pytest.fixture
def ny(places: dict[str, world.Places]) -> world.Places:
    return places["NY"]


@pytest.fixture
def client_file(db: Any) -> Any:
    return world.consignor()


@pytest.fixture
def ring(cast: Any, ny: world.Places, client_file: Any) -> Any:
    """A sapphire ring (USD 12,000, below the threshold) at New York's intake desk."""
    return world.take_in(cast.senior, client_file, world.piece())[0]


@pytest.fixture
def tiara(cast: Any, ny: world.Places, client_file: Any) -> Any:
    """A diamond tiara (USD 250,000, above the threshold) at New York's intake desk."""
    return world.take_in(cast.senior, client_file, world.piece("Edwardian diamond tiara", "250000", category="tiara"))[
        0
    ]
