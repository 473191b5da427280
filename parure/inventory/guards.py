"""Rules other apps add to custody: a guard may refuse a piece's leaving the place it is at.

Custody owns moves; other apps know things custody does not (the catalogue knows whether a
piece has a condition report). Inventory imports none of them: an app registers a guard here
from its hooks, and every custody action that takes a piece somewhere calls
:func:`check_move_guards` inside its transaction, after its own checks and before it writes.
A guard raises :class:`~parure.inventory.errors.CustodyError` with its sentence; returning
means it has no objection.

A guard is called with the locked piece (its ``location`` loaded, with the office) and the
place it would go to. Corrections and count adjustments record where a piece really is and call
no guard: refusing them would make the ledger wrong, not keep the piece where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parure.inventory.models import Item, Location

MoveGuard = Callable[["Item", "Location"], None]

_GUARDS: list[MoveGuard] = []


def register_move_guard(guard: MoveGuard) -> None:
    """Add ``guard`` to every custody action that takes a piece somewhere (once, however often called)."""
    if guard not in _GUARDS:
        _GUARDS.append(guard)


def move_guards() -> tuple[MoveGuard, ...]:
    return tuple(_GUARDS)


def check_move_guards(item: Item, to: Location) -> None:
    """Ask every registered guard whether ``item`` may go to ``to``; the first refusal is raised."""
    for guard in _GUARDS:
        guard(item, to)
