"""What the lab-submission tests share, built through the real services: New York's places, pieces taken
in with their condition reports, a laboratory from the catalogue's list, a draft or sent submission."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from parure.catalogue.models import Laboratory
from parure.inventory.models import Item
from parure.services.labs import services
from parure.services.labs.models import LabSubmission
from tests.catalogue.certificate_world import laboratories
from tests.inventory import world as inventory_world


def lab(code: str = "GIA") -> Laboratory:
    laboratories()
    return Laboratory.objects.get(code=code)


def next_week() -> date:
    return timezone.localdate() + timedelta(days=7)


@dataclass
class LabWorld:
    cast: Any
    places: dict[str, inventory_world.Places]
    ring: Item
    brooch: Item

    @property
    def ny(self) -> inventory_world.Places:
        return self.places["NY"]


def pieces(by: Any, *titles: str) -> list[Item]:
    client = inventory_world.consignor("Mrs Adela Moreno")
    return inventory_world.take_in(by, client, *(inventory_world.piece(title) for title in titles))


@pytest.fixture
def world(cast: Any) -> LabWorld:
    places = inventory_world.build_all_places(cast)
    ring, brooch = pieces(cast.senior, "Sapphire and diamond ring", "Emerald and diamond brooch")
    return LabWorld(cast, places, ring, brooch)


def draft(by: Any, *items: Item, laboratory: str = "GIA", services_asked: tuple[str, ...] = ("origin", "treatment"),
          expected_back: date | None = None) -> LabSubmission:  # fmt: skip
    submission = services.lab_submission_create(
        laboratory=lab(laboratory), expected_back=expected_back or next_week(), by=by, courier="Malca-Amit"
    )
    for item in items:
        services.lab_line_add(submission=submission, stock_number=item.stock_number, services=services_asked, by=by)
    return submission


def sent(by: Any, *items: Item, **options: Any) -> LabSubmission:
    return services.lab_submission_send(submission=draft(by, *items, **options), by=by)


def fresh(item: Item) -> Item:
    return inventory_world.fresh(item)
