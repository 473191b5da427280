"""Concurrent writers on PostgreSQL: no lost or forked events, and a clear conflict for the loser.

Each thread has its own database connection and its own transactions, as web processes do.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection, connections

from parure.core.models import Staff
from parure.inventory import ledger, services
from parure.inventory.errors import CustodyConflict, CustodyError
from parure.inventory.models import CustodyEvent, Item
from tests.conftest import Cast
from tests.inventory import world

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL (set DATABASE_URL).")


def _in_thread(work: Any, results: list[Any], barrier: threading.Barrier) -> threading.Thread:
    def run() -> None:
        try:
            barrier.wait(timeout=30)
            results.append(work())
        except Exception as error:  # noqa: BLE001 - the test inspects what each writer met
            results.append(error)
        finally:
            connections.close_all()

    return threading.Thread(target=run)


def test_two_people_moving_the_same_piece_one_wins_and_the_other_is_told(
    transactional_db: Any, cast: Cast, places: dict[str, world.Places], client_file: Any
) -> None:
    ny = places["NY"]
    piece = world.take_in(cast.senior, client_file, world.piece())[0]
    seen = piece.custody_seq
    barrier = threading.Barrier(2)
    results: list[Any] = []
    threads = [
        _in_thread(
            lambda to=to, who=who: services.item_move(
                item=piece, to=to, by=Staff.objects.get(username=who), expected_seq=seen
            ),
            results,
            barrier,
        )
        for to, who in ((ny.tray1, "marcus"), (ny.tray2, "sofia"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    winners = [r for r in results if isinstance(r, CustodyEvent)]
    losers = [r for r in results if isinstance(r, CustodyConflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    winner = winners[0]
    assert losers[0].message == (
        f"This piece was just moved by {winner.staff} to {winner.to_location.name} (NY); check and retry."
    )
    assert Item.objects.get(pk=piece.pk).location_id == winner.to_location_id
    assert CustodyEvent.objects.filter(item=piece).count() == 2
    assert ledger.verify().ok


def test_many_writers_never_fork_or_lose_the_chain(
    transactional_db: Any, cast: Cast, places: dict[str, world.Places], client_file: Any
) -> None:
    ny = places["NY"]
    pieces = world.take_in(cast.senior, client_file, *[world.piece(f"Ring {n}") for n in range(6)])
    start = CustodyEvent.objects.count()
    writers, moves_each = 6, 15
    barrier = threading.Barrier(writers)
    results: list[Any] = []
    people = ["marcus", "sofia", "eleanor", "daniel", "marcus", "sofia"]

    def writer(number: int) -> Counter[str]:
        rng = random.Random(number)
        outcome: Counter[str] = Counter()
        me = Staff.objects.get(username=people[number])
        for _ in range(moves_each):
            piece = Item.objects.get(pk=rng.choice(pieces).pk)
            to = ny.tray1 if piece.location_id != ny.tray1.pk else ny.tray2
            try:
                services.item_move(item=piece, to=to, by=me, expected_seq=piece.custody_seq)
                outcome["moved"] += 1
            except CustodyConflict:
                outcome["conflict"] += 1
            except CustodyError:
                outcome["refused"] += 1
        return outcome

    threads = [_in_thread(lambda n=n: writer(n), results, barrier) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    total: Counter[str] = sum(results, Counter())
    assert total["moved"] + total["conflict"] + total["refused"] == writers * moves_each
    assert total["moved"] > 0
    seqs = list(CustodyEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1)), "sequence numbers must be gapless"
    assert len(seqs) == start + total["moved"], "every successful move is exactly one event"
    links = list(CustodyEvent.objects.values_list("prev_link", flat=True))
    assert len(links) == len(set(links)), "no two events follow the same link (no fork)"
    result = ledger.verify()
    assert result.ok, result.problem
