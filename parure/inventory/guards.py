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
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parure.core.models import Staff
    from parure.inventory.models import CustodyEvent, Item, Location

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


# --- Releases: a piece leaves our custody for good only when its paperwork allows -------------------
# Billing knows whether the invoice for a piece is paid; custody does not. A release guard is called
# with the locked piece, the release's cause (``invoice:NY-I-26-00042-1``, ``shipment:…``) and the
# senior specialist's override when one was given; it raises CustodyError with its sentence, or returns.
# An override is accepted by a guard in place of its own condition, and is recorded on the ledger event.


@dataclass(frozen=True)
class ReleaseOverride:
    """A senior specialist's authority to release a piece its paperwork does not yet allow (an invoice not
    paid in full), with the reason, which goes on the ledger event."""

    by: Staff
    reason: str


ReleaseGuard = Callable[["Item", str, ReleaseOverride | None], None]

_RELEASE_GUARDS: list[ReleaseGuard] = []


def register_release_guard(guard: ReleaseGuard) -> None:
    """Add ``guard`` to every release (once, however often called)."""
    if guard not in _RELEASE_GUARDS:
        _RELEASE_GUARDS.append(guard)


def check_release_guards(item: Item, cause: str, override: ReleaseOverride | None) -> None:
    """Ask every registered release guard whether ``item`` may leave against ``cause``."""
    for guard in _RELEASE_GUARDS:
        guard(item, cause, override)


# --- Arrivals: a piece received at another office from a carrier ---------------------------------------
# Shipping knows which shipment the piece travelled in; custody does not. A listener is called inside the
# receiving transaction with the locked piece and the "transfer received" event, after it is written, so
# the shipment is closed in the same transaction as the scan that ends its journey.

ArrivalListener = Callable[["Item", "CustodyEvent"], None]

_ARRIVAL_LISTENERS: list[ArrivalListener] = []


def register_arrival_listener(listener: ArrivalListener) -> None:
    """Call ``listener`` on every piece an office receives from transit (once, however often called)."""
    if listener not in _ARRIVAL_LISTENERS:
        _ARRIVAL_LISTENERS.append(listener)


def notify_arrival(item: Item, event: CustodyEvent) -> None:
    for listener in _ARRIVAL_LISTENERS:
        listener(item, event)
