"""Fixtures the catalogue's tests share."""

# Condition reports: New York's places, a ring at the intake desk with no report, a media root per test.
from tests.catalogue.condition_world import bare_ring, condition_media, condition_places  # noqa: F401

# Photography: New York's places, pieces in the vault, a shot list (tests/catalogue/photo_world.py).
from tests.catalogue.photo_world import ny, pieces, places, shot_list  # noqa: F401
