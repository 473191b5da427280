"""Fixtures shared by the catalogue's tests."""

# Photography: New York's places, pieces in the vault, a shot list (tests/catalogue/photo_world.py).
from tests.catalogue.photo_world import ny, pieces, places, shot_list  # noqa: F401
