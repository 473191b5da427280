"""The client book's test fixtures: a few files with known owners, a viewing room, helpers.

Eleanor (senior, NY) looks after Ada and Beatrice; Marcus (assistant, NY) supports Eleanor, so he
sees them. Harriet (senior, LN) looks after Henri, whom Marcus does not see. Beatrice's file is
confidential: Marcus sees it as "Client C-…".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from parure.clients.models import Client, Room
from parure.clients.services.clients import client_create
from parure.inventory.numbers import StockNumber


@dataclass
class Book:
    ada: Client
    beatrice: Client
    henri: Client
    room: Room
    room_two: Room


@pytest.fixture
def book(cast: Any) -> Book:
    eleanor, harriet = cast.senior, cast["harriet"]
    ada = client_create(
        display_name="Ada Lovelace", given_name="Ada", family_name="Lovelace", title="Lady",
        email="ada@example.com", phones=["+44 20 7946 0001"], country="GB", by=eleanor,
        private_note="Collects Georgian paste; never call before ten.",
    )  # fmt: skip
    beatrice = client_create(
        display_name="Béatrice Château-Renaud", given_name="Béatrice", family_name="Château-Renaud",
        email="beatrice@example.fr", phones=["+33 1 42 68 53 00"], country="FR", by=eleanor,
        confidentiality="confidential", private_note="Sells through an agent only.",
    )  # fmt: skip
    henri = client_create(
        display_name="Henri Dupont", given_name="Henri", family_name="Dupont", email="henri@example.ch", by=harriet
    )
    room = Room.objects.create(office=eleanor.office, name="Viewing Room 1")
    room_two = Room.objects.create(office=eleanor.office, name="Viewing Room 2")
    return Book(ada=ada, beatrice=beatrice, henri=henri, room=room, room_two=room_two)


def piece(n: int, office: str = "NY") -> str:
    return str(StockNumber(office, 26, n))


def at(hours: float, *, base: datetime | None = None) -> datetime:
    """A time ``hours`` from tomorrow 10:00 UTC (bookings in the future by default)."""
    start = base or (timezone.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    return start + timedelta(hours=hours)
