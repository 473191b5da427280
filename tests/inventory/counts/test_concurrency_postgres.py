"""Two (and more) counters scanning into the same count at once on PostgreSQL lose nothing:
every code lands once, the progress counter matches the rows, and a tag scanned by two people
at the same moment is recorded once and refused once."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from parure.inventory import services as custody
from parure.inventory.counts import services
from parure.inventory.counts.choices import ScanResult
from parure.inventory.counts.models import CountScan, CountSession
from tests.conftest import Cast
from tests.inventory import world

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL (set DATABASE_URL).")


def _run(workers: list[Any]) -> list[Any]:
    barrier = threading.Barrier(len(workers))
    results: list[Any] = []
    lock = threading.Lock()

    def wrap(work: Any) -> None:
        try:
            barrier.wait(timeout=30)
            outcome: Any = work()
        except Exception as error:  # noqa: BLE001 - the test inspects what each scanner met
            outcome = error
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=wrap, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_counters_scanning_at_once_lose_nothing(cast: Cast, ny: world.Places, client_file: Any) -> None:
    pieces = world.take_in(cast.senior, client_file, *[world.piece(f"Ring {n}") for n in range(24)])
    for piece in pieces:
        custody.item_move(item=piece, to=ny.tray1, by=cast.senior, reason="Into the tray")
    session = services.count_start(
        scope="location",
        location=ny.tray1,
        mode="blind",
        counter=cast.assistant,
        witness=cast.auditor,
        by=cast.assistant,
    )
    counters = [cast.assistant, cast.auditor, cast.logistics, cast.senior]
    numbers = [piece.stock_number for piece in pieces]

    def scanner(person: Any, codes: list[str]) -> Any:
        def work() -> list[str]:
            return [services.count_scan(session=session, code=code, by=person).result for code in codes]

        return work

    # Four people each scan their own share at once; then all four scan the same tag together.
    shares = [numbers[index::4] for index in range(4)]
    results = _run([scanner(person, share) for person, share in zip(counters, shares, strict=True)])
    assert all(isinstance(result, list) for result in results), results
    assert sum(len(result) for result in results) == 24

    extra = world.take_in(cast.senior, client_file, world.piece("Late ring"))[0]
    custody.item_move(item=extra, to=ny.tray1, by=cast.senior, reason="Into the tray")
    same = _run([scanner(person, [extra.stock_number]) for person in counters])
    recorded = [result for result in same if isinstance(result, list)]
    refused = [result for result in same if isinstance(result, services.ScanRefused)]
    assert len(recorded) == 1 and len(refused) == 3, same
    assert {refusal.result for refusal in refused} == {ScanResult.ALREADY}

    session = CountSession.objects.get(pk=session.pk)
    rows = CountScan.objects.filter(session=session)
    assert rows.count() == 25
    assert session.scanned_count == 25
    assert set(rows.values_list("code", flat=True)) == {*numbers, extra.stock_number}
