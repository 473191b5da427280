"""Two people attaching the same report to two pieces at the same moment, on PostgreSQL: one
succeeds, the other is told, and no second copy of the scan is left in storage.

Each thread has its own connection and transaction, as web processes do. The two attaches lock
different records, so both pass the duplicate check; the partial unique constraint decides.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import pytest
from django.core.files.storage import storages
from django.db import connection, connections

from parure.catalogue.errors import CatalogueError
from parure.catalogue.models import Certificate
from tests.catalogue import world as catalogue_world
from tests.catalogue.certificate_world import SCAN, attach, sapphire_report
from tests.inventory import world as inventory_world

# serialized_rollback puts back the laboratories (migration data) that the flush removes.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL (set DATABASE_URL).")


def test_the_same_report_attached_to_two_pieces_at_once_goes_to_one(cast: Any) -> None:
    inventory_world.build_all_places(cast)
    client = inventory_world.consignor()
    first, second = inventory_world.take_in(
        cast.senior, client, inventory_world.piece(), inventory_world.piece("Sapphire ring", category="ring")
    )
    records = [catalogue_world.cartier_ring(piece, by=cast.assistant) for piece in (first, second)]
    storage = storages["default"]
    digest = hashlib.sha256(SCAN).hexdigest()
    folder = f"certificates/gia/{digest[:2]}"
    stored_before = set(storage.listdir(folder)[1]) if storage.exists(folder) else set()
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def attach_to(record: Any) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(attach(record, sapphire_report(record), by=cast.assistant))
        except Exception as error:  # noqa: BLE001 - the test inspects what each writer met
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attach_to, args=(record,)) for record in records]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    won = [result for result in results if isinstance(result, Certificate)]
    lost = [result for result in results if isinstance(result, CatalogueError)]
    assert (len(won), len(lost)) == (1, 1), results
    assert lost[0].field == "number"
    assert lost[0].message.startswith("GIA report 2185034712 ") and lost[0].code.value == "duplicate_certificate"
    assert Certificate.objects.count() == 1
    # The scan is stored once, under the winner's name; the loser's copy was removed.
    assert set(storage.listdir(folder)[1]) - stored_before == {won[0].pdf.name.rsplit("/", 1)[1]}
