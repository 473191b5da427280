"""The refusal guard itself: it notices a write to any table an action may touch."""

from __future__ import annotations

from typing import Any

import pytest

from parure.core.models import AccessLogEntry
from tests.conftest import Cast
from tests.guards import unchanged, watched_models


def test_the_guard_watches_every_table_of_the_apps_and_the_task_queue(db: Any) -> None:
    tables = {model._meta.db_table for model in watched_models()}
    assert {
        "inventory_item",
        "inventory_custodyevent",
        "inventory_ledgerhead",
        "inventory_consignment",
        "inventory_releasereceipt",
        "inventory_releasereceipt_items",
        "core_accesslogentry",
        "clients_client",
        "django_tasks_database_dbtaskresult",
    } <= tables


def test_the_guard_names_the_table_a_refusal_wrote_to(cast: Cast) -> None:
    with pytest.raises(AssertionError) as failure, unchanged():
        AccessLogEntry.objects.create(
            staff=cast.senior, action="view", subject_kind="client", subject_ref="NY-1", detail=""
        )
    assert "core_accesslogentry: " in str(failure.value)
    assert "rows before" in str(failure.value)


def test_the_guard_notices_a_changed_row_as_well_as_a_new_one(cast: Cast) -> None:
    with pytest.raises(AssertionError) as failure, unchanged():
        type(cast.senior).objects.filter(pk=cast.senior.pk).update(first_name="Elena")
    assert "core_staff: " in str(failure.value)


def test_the_guard_is_quiet_when_nothing_changed(cast: Cast) -> None:
    with unchanged():
        assert AccessLogEntry.objects.count() >= 0
