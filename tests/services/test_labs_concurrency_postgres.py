"""Two people putting the same piece on two batches at the same moment, on PostgreSQL: one line is made,
the other person is told the piece is on the first batch. Each thread has its own connection, as web
processes do."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from parure.core.models import Staff
from parure.services.errors import ServicesError
from parure.services.labs import services
from parure.services.labs.models import LabSubmissionLine
from tests.conftest import Cast
from tests.inventory import world as inventory_world
from tests.services.labs_world import draft, pieces

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL (set DATABASE_URL).")


def test_two_batches_taking_the_same_piece_at_once_one_gets_it(transactional_db: Any, cast: Cast) -> None:
    inventory_world.build_all_places(cast)
    [ring] = pieces(cast.senior, "Sapphire and diamond ring")
    first, second = draft(cast.senior), draft(cast.senior, laboratory="SSEF")
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def add(submission: Any, who: str) -> None:
        try:
            barrier.wait(timeout=30)
            line = services.lab_line_add(
                submission=submission,
                stock_number=ring.stock_number,
                services=["origin"],
                by=Staff.objects.get(username=who),
            )
            results.append(line)
        except Exception as error:  # noqa: BLE001 - the test inspects what each writer met
            results.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=add, args=(first, "eleanor")),
        threading.Thread(target=add, args=(second, "marcus")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    made = [result for result in results if isinstance(result, LabSubmissionLine)]
    refused = [result for result in results if isinstance(result, ServicesError)]
    assert len(made) == 1 and len(refused) == 1, results
    winner = made[0].submission
    assert refused[0].message == (
        f"{ring.stock_number} is already on lab submission {winner.number} ({winner.laboratory.code}, draft); "
        "a piece is on one open submission at a time."
    )
    assert LabSubmissionLine.objects.filter(item=ring).count() == 1
