"""Viewings: the pieces of a client's appointment checked out to the viewing room and returned,
all of them or none.

The client book owns appointments and calls these with the appointment's reference as the
cause (``appointment:<id>``), so every ledger event names the appointment that caused it; it
passes stock numbers and the room's name, never inventory's rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction

from parure.core.models import Office, Staff
from parure.inventory.choices import EventKind, ItemStatus, LocationType
from parure.inventory.errors import CustodyError, InvalidInput, InventoryError, InventoryErrorCode
from parure.inventory.models import CustodyEvent, Item, Location
from parure.inventory.numbers import parse_stock_number
from parure.inventory.services.custody import _cause, item_check_out, item_return
from parure.inventory.services.witness import Witness


def viewing_room(office: Office, room_name: str) -> Location:
    """The office's viewing room of this name (custody's place for the client book's room)."""
    name = " ".join(room_name.split())
    room = (
        Location.objects.select_related("office")
        .filter(office=office, type=LocationType.VIEWING_ROOM, is_active=True, name__iexact=name)
        .first()
    )
    if room is None:
        raise InvalidInput(
            f"{office.name} has no viewing room called ‘{name}’ among its custody places; "
            "a senior specialist adds it under Places (type Viewing room) before pieces can go there.",
            field="room",
            code=InventoryErrorCode.INVALID,
        )
    return room


def _pieces(stock_numbers: Sequence[str]) -> list[Item]:
    numbers = sorted({parse_stock_number(number) for number in stock_numbers})
    if not numbers:
        raise InvalidInput("This appointment has no pieces to show.", field="pieces", code=InventoryErrorCode.INVALID)
    found = {item.stock_number: item for item in Item.objects.filter(stock_number__in=numbers)}
    for number in numbers:
        if number not in found:
            raise InvalidInput(
                f"No piece has stock number {number}; take it off the appointment.",
                field="pieces",
                code=InventoryErrorCode.INVALID,
            )
    return sorted(found.values(), key=lambda item: item.pk)  # one locking order for every writer


def _named(refusal: InventoryError, item: Item) -> InventoryError:
    """The refusal, saying which piece it concerns (once: most custody sentences start with it)."""
    if refusal.message.startswith(item.stock_number):
        return refusal
    return type(refusal)(f"{item.stock_number}: {refusal.message}", field=refusal.field, code=refusal.code)


@transaction.atomic
def viewing_check_out(
    *,
    stock_numbers: Sequence[str],
    office: Office,
    room_name: str,
    due_back: datetime,
    cause: str,
    by: Staff,
    witness: Witness | None = None,
) -> list[CustodyEvent]:
    """Check every piece out to the viewing room, due back at ``due_back``: one check-out event per
    piece with ``cause`` as its record, or none at all if any piece cannot go (the refusal names it
    and says why)."""
    cause = _cause(cause)
    if not cause:
        raise InvalidInput(
            "A viewing's check-out names the appointment it is for.", field="cause", code=InventoryErrorCode.INVALID
        )
    room = viewing_room(office, room_name)
    events = []
    for item in _pieces(stock_numbers):
        try:
            events.append(
                item_check_out(item=item, to=room, by=by, due_back=due_back, cause=cause, witness=witness,
                               reason="Viewing")
            )  # fmt: skip
        except InventoryError as refusal:
            raise _named(refusal, item) from refusal
    return events


def checked_out_for(cause: str, stock_numbers: Sequence[str]) -> list[str]:
    """Which of these pieces are checked out now by an event caused by ``cause``."""
    current = CustodyEvent.objects.filter(cause=cause, kind=EventKind.CHECK_OUT).values("seq")
    return sorted(
        Item.objects.filter(
            stock_number__in=list(stock_numbers), status=ItemStatus.CHECKED_OUT, custody_seq__in=current
        ).values_list("stock_number", flat=True)
    )


@transaction.atomic
def viewing_return(*, stock_numbers: Sequence[str], cause: str, by: Staff) -> list[CustodyEvent]:
    """The viewing is over: every piece still checked out for ``cause`` goes back where it came
    from, one return event each, all or none."""
    out = checked_out_for(_cause(cause), [parse_stock_number(number) for number in stock_numbers])
    if not out:
        raise CustodyError(
            "None of these pieces is checked out for this appointment; there is nothing to return.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    events = []
    for item in sorted(Item.objects.filter(stock_number__in=out), key=lambda item: item.pk):
        try:
            events.append(item_return(item=item, by=by, reason="Viewing over"))
        except InventoryError as refusal:
            raise _named(refusal, item) from refusal
    return events
