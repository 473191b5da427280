"""Two designers reserving the same stone for their projects at the same moment, on PostgreSQL: one
reservation is made, the other is told in a sentence, and nothing else is written."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from parure.core.models import Office
from parure.services.errors import ServicesError
from parure.services.projects import services
from parure.services.projects.models import ProjectEvent, ProjectMaterial
from tests.inventory import world as custody
from tests.services import projects_world as pw

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL (set DATABASE_URL).")


def test_one_stone_reserved_by_two_projects_at_once(transactional_db: Any, cast: Any) -> None:
    w = pw.world(cast)
    first, second = pw.opened(w), pw.opened(w, title="Emerald pendant")
    custody.build_places(Office.objects.get(code="NY"), cast.administrator)
    stone = custody.take_in(cast.senior, custody.consignor("Mr Arthur Pemberton"),
                            custody.piece("Loose cushion emerald, 2.11 ct", category="other"))[0]  # fmt: skip
    events_before = ProjectEvent.objects.count()
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def reserve(project: Any) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(services.material_reserve(project=project, stock_number=stone.stock_number, kind="stone",
                                                     by=w.assistant))  # fmt: skip
        except Exception as error:  # noqa: BLE001 - the test inspects what each writer met
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reserve, args=(project,)) for project in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    made = [r for r in results if isinstance(r, ProjectMaterial)]
    refused = [r for r in results if isinstance(r, ServicesError)]
    assert len(made) == 1 and len(refused) == 1, results
    winner = made[0].project
    assert refused[0].message in (
        f"{stone.stock_number} was reserved for another project a moment ago; reload the page to see which.",
        f"{stone.stock_number} is already reserved for project {winner.number}.",
    )
    assert ProjectMaterial.objects.filter(item_id=stone.pk, status="reserved").count() == 1
    assert ProjectEvent.objects.count() == events_before + 1
