"""The photography demo on a small department: placeholders for the pieces, and a shot list for the
next sale with pieces in every column of the board, through the real custody services."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from parure.catalogue import photo_demo
from parure.catalogue.models import ImageDerivative, PieceImage, ShotList
from parure.inventory.models import CustodyEvent
from tests.catalogue.photo_world import in_vault
from tests.inventory import world

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_column_and_photographs_the_pieces(cast: Any, ny: Any) -> None:
    in_vault(cast, ny, *(world.piece(f"Demo ring {n}") for n in range(1, 11)))
    lines: list[str] = []
    photo_demo.build(lines.append)
    shot_list = ShotList.objects.get()
    assert (shot_list.name, shot_list.sale_code) == ("NY-J2612 Magnificent Jewels", "NY-J2612")
    assert Counter(shot_list.entries.values_list("status", flat=True)) == {
        "requested": 2, "in_studio": 2, "shot": 1, "retouched": 1, "approved": 2
    }  # fmt: skip
    assert CustodyEvent.objects.filter(cause=f"shot_list:{shot_list.pk}", kind="check_out").count() == 6
    assert CustodyEvent.objects.filter(kind="return", reason__startswith="Back from the studio").count() == 4
    assert PieceImage.objects.count() == 10 and set(PieceImage.objects.values_list("status", flat=True)) == {"ready"}
    assert ImageDerivative.objects.count() == 30
    assert lines == [
        "Photography: 10 placeholder photographs of 8 pieces; shot list NY-J2612 Magnificent Jewels with 8 pieces "
        "across the board."
    ]


def test_the_demo_says_why_it_did_nothing(cast: Any) -> None:
    lines: list[str] = []
    photo_demo.build(lines.append)
    assert lines == ["Photography: New York has no photo studio among its places; skipped."]
