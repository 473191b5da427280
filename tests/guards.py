"""The guard every refusal test uses: the block refuses and no table changed.

``unchanged()`` snapshots every row of every table an action may touch, that is each table of
Parure's own apps (pieces, the ledger and its head, consignments and receipts, check-outs and
transfers as they are stored on the piece, counts, the client book, the access log...) and the
task queue, and after the block asserts that each one holds exactly the rows it held before,
naming the first table that differs. A refusal that half-writes anything anywhere fails it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import models

# Apps outside Parure whose tables an action may write: the background task queue.
OTHER_APPS = frozenset({"django_tasks_database"})


def watched_models() -> list[type[models.Model]]:
    """Every table a Parure action may touch, many-to-many link tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("parure.")  # type: ignore[union-attr]
        or model._meta.app_label in OTHER_APPS
    ]


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every watched table's rows, in primary-key order, as plain tuples."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values_list())
        for model in watched_models()
        if not model._meta.proxy
    }


def changes(before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]) -> list[str]:
    """One line per table whose rows differ: how many rows and the first one that changed."""
    lines = []
    for table, rows in before.items():
        now = after.get(table, [])
        if rows == now:
            continue
        gone = [row for row in rows if row not in now]
        added = [row for row in now if row not in rows]
        lines.append(
            f"{table}: {len(rows)} rows before, {len(now)} after; "
            f"first gone {gone[:1] or 'none'}, first new {added[:1] or 'none'}"
        )
    return lines


@contextmanager
def unchanged() -> Iterator[None]:
    """The block (a refusal) leaves every table exactly as it was."""
    before = snapshot()
    yield
    differences = changes(before, snapshot())
    assert not differences, "The refusal changed:\n" + "\n".join(differences)
