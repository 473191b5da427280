"""Row locks for the inventory's writes, taken in one order so two writers never wait on each other in a circle.

Every custody service locks the pieces it changes here, before the ledger head
(:func:`parure.inventory.ledger.lock_head`), always in that order: pieces by primary key, then
the head. ``of=("self",)`` locks the piece's row alone: on PostgreSQL a locking read that
joins other tables re-checks the join against the old rows after waiting, and would lose a
piece that the other writer has just moved.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from parure.inventory.models import Item


def items_qs_select_for_update() -> QuerySet[Item]:
    """Pieces, to be locked in primary-key order."""
    return Item.objects.order_by("pk").select_for_update(of=("self",))


def item_lock(item_id: int) -> Item:
    """One piece's row, locked until the transaction ends."""
    return items_qs_select_for_update().get(pk=item_id)


def items_lock(item_ids: Iterable[int]) -> list[Item]:
    """Several pieces' rows, locked in primary-key order until the transaction ends."""
    return list(items_qs_select_for_update().filter(pk__in=sorted(set(item_ids))))
