"""Custody actions: every change of where a piece is or who holds it, one transaction each.

Each action locks the piece's row, checks that nothing changed since the person looked
(``expected_seq``), checks the rules of the place and the four-eyes rule, appends one ledger
event and writes the piece's new state in the same transaction. A refusal raises before
anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import formats, timezone

from parure.clients.queries import ClientFile
from parure.core.choices import Role
from parure.core.models import Office, Staff
from parure.inventory import ledger
from parure.inventory.choices import (
    CHECK_OUT_TYPES,
    IN_HOUSE_KINDS,
    PURPOSE_OF_TYPE,
    RELEASE_CAUSES,
    EventKind,
    ItemStatus,
    LocationKind,
    LocationType,
)
from parure.inventory.errors import CustodyConflict, CustodyError, InvalidInput, InventoryErrorCode
from parure.inventory.guards import ReleaseOverride, check_move_guards, check_release_guards, notify_arrival
from parure.inventory.limits import CAUSE_MAX, COUNTERPART_MAX, REASON_MAX, TRACKING_NUMBER_MAX
from parure.inventory.lock_objects import item_lock
from parure.inventory.models import CustodyEvent, Item, Location
from parure.inventory.services.places import singleton_place
from parure.inventory.services.witness import Witness, check_witness

# The cause of a count adjustment that records a piece missing (see models.recorded_missing).
MISSING_CAUSE = "count_missing"
_CAUSE = re.compile(r"^[a-z_]{2,24}:[A-Za-z0-9][A-Za-z0-9._/-]{0,70}$")
STATE_UPDATE_FIELDS = [
    "location",
    "status",
    "holder",
    "holder_client",
    "due_back",
    "checked_out_by",
    "checked_out_from",
    "transfer_destination",
    "custody_since",
    "custody_seq",
    "custody_by",
]


# --- Shared steps ------------------------------------------------------------------------------


def lock_item(item: Item, *places: Location | None) -> Item:
    """The piece's row, locked until the transaction ends, with its place and ``places`` loaded.

    The lock is the row alone (:mod:`parure.inventory.lock_objects`); the places (with their
    offices) come in one more query. The ledger head is locked after it, by the append.
    """
    locked = item_lock(item.pk)
    wanted = {locked.location_id, *(place.pk for place in places if place is not None)}
    known = Location.objects.select_related("office").in_bulk(wanted)
    locked.location = known[locked.location_id]
    locked._known_places = known  # type: ignore[attr-defined]
    return locked


def _day(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


def _check_expected(item: Item, expected_seq: int | None) -> None:
    if expected_seq is not None and item.custody_seq != expected_seq:
        raise CustodyConflict(
            f"This piece was just moved by {item.custody_by} to {item.location.label}; check and retry.",
            code=InventoryErrorCode.CONFLICT,
        )


def _check_in_custody(item: Item) -> None:
    if item.status == ItemStatus.RELEASED:
        raise CustodyError(
            f"{item.stock_number} was released on {_day(item.custody_since)} and is no longer in our custody; "
            "only a correction can change that.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    if item.status == ItemStatus.RETURNED:
        raise CustodyError(
            f"{item.stock_number} was returned to its consignor on {_day(item.custody_since)} and is no longer "
            "in our custody; only a correction can change that.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )


def describe_place(item: Item) -> str:
    if item.status == ItemStatus.CHECKED_OUT:
        return f"checked out to {item.location.label}"
    if item.status == ItemStatus.IN_TRANSIT:
        if item.transfer_destination is None and item.holder:
            return f"in transit with {item.holder}"
        destination = item.transfer_destination.name if item.transfer_destination else "another office"
        return f"in transit to {destination}"
    return f"at {item.location.label}"


def _check_in_house(item: Item, action: str) -> None:
    _check_in_custody(item)
    if item.status == ItemStatus.CHECKED_OUT:
        raise CustodyError(
            f"{item.stock_number} is {describe_place(item)}; return it before you {action} it.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    if item.status == ItemStatus.IN_TRANSIT:
        raise CustodyError(
            f"{item.stock_number} is {describe_place(item)}; it must be received there first.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )


def check_packed(item: Item, cause: str) -> None:
    """A piece packed for shipment leaves the sealed parcel only by its shipment's own actions
    (cause ``shipment:<number>``): unpacking, the hand-over to the carrier, a transfer it travels as."""
    if item.location.type == LocationType.PACKED and not (cause or "").startswith("shipment:"):
        raise CustodyError(
            f"{item.stock_number} is packed for shipment in a sealed parcel; unpack it from its shipment first.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )


def carrier_named(carrier: str, tracking_number: str, *, what: str) -> str:
    """The carrier's name, bounded; refused when it or the tracking number is missing (a hand-over to a
    carrier is never recorded without both)."""
    carrier = bounded_text(carrier, limit=COUNTERPART_MAX, field="carrier", label="The carrier's name")
    if not carrier:
        raise InvalidInput(f"Name the carrier taking the {what}.", field="carrier", code=InventoryErrorCode.INVALID)
    if not tracking_number.strip():
        raise InvalidInput(
            "Enter the carrier's tracking number.", field="tracking_number", code=InventoryErrorCode.INVALID
        )
    return carrier


def check_actor_at(by: Staff, office: Office, item: Item) -> None:
    if by.office_id != office.pk:
        works_at = by.office.name if by.office else "no office"
        raise CustodyError(
            f"{by} works at {works_at}; {item.stock_number} is in {office.name}. "
            f"Only {office.name} staff can record its custody.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )


def _place(
    place: Location | None,
    *,
    office: Office,
    kinds: Collection[str],
    field: str,
    what: str = "place",
    item: Item | None = None,
) -> Location:
    if place is None:
        raise InvalidInput(f"Choose the {what}.", field=field, code=InventoryErrorCode.INVALID)
    known: dict[int, Location] = getattr(item, "_known_places", {}) if item is not None else {}
    place = known.get(place.pk) or Location.objects.select_related("office").get(pk=place.pk)
    if not place.is_active:
        raise InvalidInput(
            f"{place} is no longer in use; choose another {what}.", field=field, code=InventoryErrorCode.INVALID
        )
    if place.office_id != office.pk:
        raise InvalidInput(
            f"{place.label} is not in {office.name}; choose a {what} in {office.name}.",
            field=field,
            code=InventoryErrorCode.INVALID,
        )
    if place.kind not in kinds:
        raise InvalidInput(
            f"{place} is {LocationKind(place.kind).label.lower()}; choose another {what}.",
            field=field,
            code=InventoryErrorCode.INVALID,
        )
    return place


def bounded_text(value: str, *, limit: int, field: str, label: str) -> str:
    """``value`` stripped, refused (naming ``field``) if it is longer than the ``limit`` the page allows.

    The ledger keeps what it is given for good, so no text longer than the form's field reaches it.
    """
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(
            f"{label} is {len(value):,} characters long; at most {limit:,} are kept, shorten it.",
            field=field,
            code=InventoryErrorCode.INVALID,
        )
    return value


def new_event(
    item: Item,
    *,
    kind: EventKind,
    to: Location,
    by: Staff,
    witness: Staff | None = None,
    counterpart: str = "",
    counterpart_client: ClientFile | None = None,
    reason: str = "",
    purpose: str = "",
    due_back: datetime | None = None,
    destination: Office | None = None,
    tracking_number: str = "",
    cause: str = "",
    corrects: CustodyEvent | None = None,
) -> CustodyEvent:
    """The event for a locked piece, not yet chained (see :func:`record_events`)."""
    return CustodyEvent(
        item=item,
        kind=kind,
        from_location_id=item.location_id,
        to_location=to,
        counterpart=bounded_text(counterpart, limit=COUNTERPART_MAX, field="counterpart", label="The counterpart"),
        counterpart_client=counterpart_client,
        staff=by,
        witness=witness,
        reason=bounded_text(reason, limit=REASON_MAX, field="reason", label="The reason"),
        purpose=purpose,
        due_back=due_back,
        destination=destination,
        tracking_number=bounded_text(
            tracking_number, limit=TRACKING_NUMBER_MAX, field="tracking_number", label="The tracking number"
        ),
        cause=bounded_text(cause, limit=CAUSE_MAX, field="cause", label="The record reference"),
        corrects=corrects,
    )


def record_events(entries: Sequence[tuple[Item, CustodyEvent]]) -> list[CustodyEvent]:
    """Append the events of locked pieces under one lock of the ledger head, and write each piece's new state."""
    events = ledger.append([event for _, event in entries])  # fills seq, links and the time, under the head lock
    for item, event in entries:
        state = ledger.state_after(ledger.stored_state(item), event, event.to_location)
        ledger.apply_state(item, state)
        ledger.store_state(item.pk, state)
    return events


def record_event(
    item: Item,
    *,
    kind: EventKind,
    to: Location,
    by: Staff,
    witness: Staff | None = None,
    counterpart: str = "",
    counterpart_client: ClientFile | None = None,
    reason: str = "",
    purpose: str = "",
    due_back: datetime | None = None,
    destination: Office | None = None,
    tracking_number: str = "",
    cause: str = "",
    corrects: CustodyEvent | None = None,
) -> CustodyEvent:
    """Append one event for a locked piece and write the piece's new state from it."""
    event = new_event(
        item,
        kind=kind,
        to=to,
        by=by,
        witness=witness,
        counterpart=counterpart,
        counterpart_client=counterpart_client,
        reason=reason,
        purpose=purpose,
        due_back=due_back,
        destination=destination,
        tracking_number=tracking_number,
        cause=cause,
        corrects=corrects,
    )
    return record_events([(item, event)])[0]


def _cause(cause: str, *, field: str = "cause") -> str:
    cause = bounded_text(cause, limit=CAUSE_MAX, field=field, label="The record reference")
    if cause and not _CAUSE.match(cause):
        raise InvalidInput(
            f"‘{cause}’ is not a record reference; write it as kind:number, e.g. shipment:NY-S-26-00012-4.",
            field=field,
            code=InventoryErrorCode.INVALID,
        )
    return cause


def _due_back(due_back: datetime | None) -> datetime:
    if due_back is None:
        raise InvalidInput(
            "A check-out needs a due-back date and time.", field="due_back", code=InventoryErrorCode.INVALID
        )
    if timezone.is_naive(due_back):
        due_back = timezone.make_aware(due_back)
    if due_back <= timezone.now():
        raise InvalidInput(
            "The due-back time must be in the future.", field="due_back", code=InventoryErrorCode.INVALID
        )
    return due_back


# --- The actions -------------------------------------------------------------------------------


@transaction.atomic
def item_move(
    *,
    item: Item,
    to: Location,
    by: Staff,
    witness: Witness | None = None,
    reason: str = "",
    cause: str = "",
    expected_seq: int | None = None,
) -> CustodyEvent:
    """Move a piece between places inside its office (vault, trays, studio, viewing rooms)."""
    item = lock_item(item, to)
    _check_expected(item, expected_seq)
    if to is not None and item._known_places.get(to.pk, to).kind == LocationKind.TERMINAL:  # type: ignore[attr-defined]
        raise CustodyError(
            "A piece reaches a terminal place only with its paperwork: use Release (with the invoice or shipment) "
            "or Return to consignor (with the signed release receipt).",
            field="to",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    _check_in_house(item, "move")
    check_packed(item, cause)
    office = item.location.office
    check_actor_at(by, office, item)
    to = _place(to, office=office, kinds=IN_HOUSE_KINDS, field="to", item=item)
    if to.type == LocationType.PACKED:
        raise CustodyError(
            f"A piece is packed for shipment from its shipment's page, which records the parcel and its seals; "
            f"{item.stock_number} stays where it is.",
            field="to",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    if to.pk == item.location_id:
        raise CustodyError(
            f"{item.stock_number} is already at {to}.", field="to", code=InventoryErrorCode.CUSTODY_REFUSED
        )
    check_move_guards(item, to)
    recorded_witness = check_witness(item=item, origin=item.location, destination=to, by=by, witness=witness)
    return record_event(
        item, kind=EventKind.MOVE, to=to, by=by, witness=recorded_witness, reason=reason, cause=_cause(cause)
    )


@transaction.atomic
def item_check_out(
    *,
    item: Item,
    to: Location,
    by: Staff,
    due_back: datetime | None,
    counterpart: str = "",
    counterpart_client: ClientFile | None = None,
    witness: Witness | None = None,
    reason: str = "",
    cause: str = "",
    expected_seq: int | None = None,
) -> CustodyEvent:
    """Check a piece out for photography, display, a viewing, the bench, a lab or a client on approval."""
    item = lock_item(item, to)
    _check_expected(item, expected_seq)
    _check_in_custody(item)
    if item.status == ItemStatus.CHECKED_OUT:
        raise CustodyError(
            f"{item.stock_number} is already {describe_place(item)}; return it before checking it out again.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    if item.status == ItemStatus.IN_TRANSIT:
        raise CustodyError(
            f"{item.stock_number} is {describe_place(item)}; it must be received there first.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    check_packed(item, cause)
    office = item.location.office
    check_actor_at(by, office, item)
    to = _place(
        to,
        office=office,
        kinds=(LocationKind.WORK, LocationKind.DISPLAY, LocationKind.EXTERNAL),
        field="to",
        what="place to check it out to",
        item=item,
    )
    if to.type not in CHECK_OUT_TYPES:
        raise InvalidInput(
            f"Pieces are not checked out to {to}; choose a studio, room, vendor or client.",
            field="to",
            code=InventoryErrorCode.INVALID,
        )
    if to.pk == item.location_id:
        raise CustodyError(
            f"{item.stock_number} is already at {to}.", field="to", code=InventoryErrorCode.CUSTODY_REFUSED
        )
    due = _due_back(due_back)
    counterpart = counterpart.strip()
    if to.type == LocationType.ON_APPROVAL:
        if counterpart_client is None and not counterpart:
            raise InvalidInput(
                "A piece on approval needs the client who takes it.",
                field="counterpart",
                code=InventoryErrorCode.INVALID,
            )
        if counterpart_client is not None and not counterpart:
            counterpart = counterpart_client.display_name
    elif to.kind == LocationKind.EXTERNAL and not counterpart:
        counterpart = to.counterpart or to.name
    check_move_guards(item, to)
    recorded_witness = check_witness(item=item, origin=item.location, destination=to, by=by, witness=witness)
    return record_event(
        item,
        kind=EventKind.CHECK_OUT,
        to=to,
        by=by,
        witness=recorded_witness,
        counterpart=counterpart,
        counterpart_client=counterpart_client,
        reason=reason,
        purpose=PURPOSE_OF_TYPE[to.type],
        due_back=due,
        cause=_cause(cause),
    )


@transaction.atomic
def item_return(
    *,
    item: Item,
    by: Staff,
    to: Location | None = None,
    witness: Witness | None = None,
    reason: str = "",
    expected_seq: int | None = None,
) -> CustodyEvent:
    """A checked-out piece comes back: to where it was taken from, unless another place is given."""
    item = lock_item(item, to)
    _check_expected(item, expected_seq)
    _check_in_custody(item)
    if item.status != ItemStatus.CHECKED_OUT:
        raise CustodyError(
            f"{item.stock_number} is not checked out; it is {describe_place(item)}. Use a move instead.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    office = item.location.office
    check_actor_at(by, office, item)
    if to is None and item.checked_out_from_id is not None:
        to = Location.objects.get(pk=item.checked_out_from_id)
    to = _place(to, office=office, kinds=IN_HOUSE_KINDS, field="to", item=item)
    if to.pk == item.location_id:
        raise CustodyError(
            f"{item.stock_number} is at {to} now; return it to a storage place.",
            field="to",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    recorded_witness = check_witness(item=item, origin=item.location, destination=to, by=by, witness=witness)
    return record_event(item, kind=EventKind.RETURN, to=to, by=by, witness=recorded_witness, reason=reason)


@transaction.atomic
def item_transfer_out(
    *,
    item: Item,
    destination: Office,
    carrier: str,
    tracking_number: str,
    by: Staff,
    witness: Witness | None = None,
    reason: str = "",
    cause: str = "",
    expected_seq: int | None = None,
) -> CustodyEvent:
    """Hand a piece to a carrier for another office; it is in transit until scanned in there."""
    item = lock_item(item)
    _check_expected(item, expected_seq)
    _check_in_house(item, "transfer")
    check_packed(item, cause)
    office = item.location.office
    check_actor_at(by, office, item)
    if destination is None:
        raise InvalidInput("Choose the office the piece goes to.", field="destination", code=InventoryErrorCode.INVALID)
    if destination.pk == office.pk:
        raise InvalidInput(
            f"{item.stock_number} is already in {office.name}; choose another office.",
            field="destination",
            code=InventoryErrorCode.INVALID,
        )
    carrier = carrier_named(carrier, tracking_number, what="piece")
    transit = singleton_place(office, LocationType.IN_TRANSIT)
    check_move_guards(item, transit)
    recorded_witness = check_witness(item=item, origin=item.location, destination=transit, by=by, witness=witness)
    return record_event(
        item,
        kind=EventKind.TRANSFER_OUT,
        to=transit,
        by=by,
        witness=recorded_witness,
        counterpart=carrier,
        reason=reason,
        destination=destination,
        tracking_number=tracking_number,
        cause=_cause(cause),
    )


@transaction.atomic
def item_transfer_receive(
    *, item: Item, to: Location, by: Staff, reason: str = "", expected_seq: int | None = None
) -> CustodyEvent:
    """The other office scans the piece in from the carrier and puts it in one of its places."""
    item = lock_item(item, to)
    _check_expected(item, expected_seq)
    _check_in_custody(item)
    if item.status != ItemStatus.IN_TRANSIT or item.transfer_destination is None:
        raise CustodyError(
            f"{item.stock_number} is not in transit; it is {describe_place(item)}.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    destination = item.transfer_destination
    if by.office_id != destination.pk:
        raise CustodyError(
            f"{item.stock_number} is on its way to {destination.name}; only {destination.name} staff can receive it.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    to = _place(to, office=destination, kinds=IN_HOUSE_KINDS, field="to", item=item)
    event = record_event(item, kind=EventKind.TRANSFER_IN, to=to, by=by, reason=reason)
    notify_arrival(item, event)
    return event


@transaction.atomic
def item_release(
    *,
    item: Item,
    cause: str,
    by: Staff,
    counterpart: str = "",
    witness: Witness | None = None,
    reason: str = "",
    expected_seq: int | None = None,
    override: ReleaseOverride | None = None,
) -> CustodyEvent:
    """Release a piece to its buyer or to a shipment: it leaves our custody for good.

    The release guards (billing's: the invoice paid in full) may refuse it; a senior specialist's
    ``override`` with a reason stands in for them, and its reason goes on the ledger event.
    """
    item = lock_item(item)
    _check_expected(item, expected_seq)
    _check_in_custody(item)
    if item.status == ItemStatus.IN_TRANSIT:
        raise CustodyError(
            f"{item.stock_number} is {describe_place(item)}; it must be received there first.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    check_packed(item, cause)
    office = item.location.office
    check_actor_at(by, office, item)
    cause = _cause(cause)
    if not cause or cause.partition(":")[0] not in RELEASE_CAUSES:
        raise InvalidInput(
            "A release needs its paperwork: give the invoice, shipment, private sale or service job it is for "
            "(e.g. invoice:NY-I-26-00042-1).",
            field="cause",
            code=InventoryErrorCode.INVALID,
        )
    released = singleton_place(office, LocationType.RELEASED)
    check_move_guards(item, released)
    if override is not None:
        reason = _override_reason(item, override, reason)
    check_release_guards(item, cause, override)
    recorded_witness = check_witness(item=item, origin=item.location, destination=released, by=by, witness=witness)
    return record_event(
        item,
        kind=EventKind.RELEASE,
        to=released,
        by=by,
        witness=recorded_witness,
        counterpart=counterpart,
        reason=reason,
        cause=cause,
    )


def _override_reason(item: Item, override: ReleaseOverride, reason: str) -> str:
    """The event's reason with the override written into it; refused unless a senior gives a reason."""
    if override.by.role != Role.SENIOR_SPECIALIST or not override.by.is_active:
        raise CustodyError(
            f"Only a senior specialist can release {item.stock_number} before its paperwork allows.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    why = " ".join((override.reason or "").split())
    if not why:
        raise InvalidInput(
            "Say why the piece may leave before its invoice is paid in full; the reason goes on the ledger.",
            field="reason",
            code=InventoryErrorCode.INVALID,
        )
    name = override.by.get_full_name() or override.by.username
    text = f"Released before its paperwork allows, on the authority of {name}: {why}"
    if reason and reason.strip() and reason.strip() != override.reason.strip():
        text = f"{reason.strip()} — {text}"
    return bounded_text(text, limit=REASON_MAX, field="reason", label="The reason")


@transaction.atomic
def item_count_adjust(
    *,
    item: Item,
    found_at: Location,
    by: Staff,
    reason: str,
    witness: Staff | None = None,
    cause: str = "",
    expected_seq: int | None = None,
) -> CustodyEvent:
    """A count found the piece somewhere other than the ledger says: record where it really is.

    ``witness`` is the count's independent witness, recorded on the event; it must be another
    person than the one recording the adjustment.
    """
    item = lock_item(item, found_at)
    _check_expected(item, expected_seq)
    if witness is not None and witness.pk == by.pk:
        raise CustodyError(
            f"{by} witnessed this count and cannot also record its adjustment; ask another senior specialist.",
            field="witness",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    if item.is_terminal:
        raise CustodyError(
            f"{item.stock_number} left our custody on {_day(item.custody_since)}; a count cannot adjust it. "
            "If it really is here, record a correction.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    if not reason.strip():
        raise InvalidInput(
            "Say what the count found, e.g. ‘Found in tray 4 during the March count’.",
            field="reason",
            code=InventoryErrorCode.INVALID,
        )
    if by.office is None:
        raise CustodyError(
            f"{by} has no office; counts are recorded by staff of the office counted.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    found_at = _place(found_at, office=by.office, kinds=IN_HOUSE_KINDS, field="found_at", item=item)
    # A piece a count recorded missing is found again where the ledger last had it: the
    # adjustment says so, and ends the missing record.
    if found_at.pk == item.location_id and not item.is_recorded_missing:
        raise CustodyError(
            f"The ledger already has {item.stock_number} at {found_at}.",
            field="found_at",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    return record_event(
        item, kind=EventKind.COUNT_ADJUSTMENT, to=found_at, by=by, witness=witness, reason=reason, cause=_cause(cause)
    )


@transaction.atomic
def item_record_missing(
    *,
    item: Item,
    by: Staff,
    reason: str,
    witness: Staff | None = None,
    count_id: int,
    expected_seq: int | None = None,
) -> CustodyEvent:
    """Count ``count_id`` did not find the piece where the ledger has it: record it missing there.

    The event is a count adjustment that leaves the piece at its last known place, caused by
    ``count_missing:<count>`` (:data:`MISSING_CAUSE`); until a later event (found by a count,
    moved) the piece reads as missing everywhere it is shown.
    """
    item = lock_item(item)
    _check_expected(item, expected_seq)
    if witness is not None and witness.pk == by.pk:
        raise CustodyError(
            f"{by} witnessed this count and cannot also record its adjustment; ask another senior specialist.",
            field="witness",
            code=InventoryErrorCode.NOT_PERMITTED,
        )
    if item.status != ItemStatus.IN_HOUSE:
        raise CustodyError(
            f"The ledger has {item.stock_number} {ItemStatus(item.status).label.lower()} at {item.location}; "
            "only a piece resting in the house can be recorded missing.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    if item.is_recorded_missing:
        raise CustodyError(f"{item.stock_number} is already recorded missing.", code=InventoryErrorCode.CUSTODY_REFUSED)
    if not reason.strip():
        raise InvalidInput(
            "Say where the piece was looked for, e.g. ‘Not in the safe or the trays’.",
            field="reason",
            code=InventoryErrorCode.INVALID,
        )
    return record_event(
        item,
        kind=EventKind.COUNT_ADJUSTMENT,
        to=item.location,
        by=by,
        witness=witness,
        reason=reason,
        cause=f"{MISSING_CAUSE}:{count_id}",
    )


@transaction.atomic
def event_correct(
    *,
    event: CustodyEvent,
    to: Location,
    by: Staff,
    reason: str,
    counterpart: str = "",
    due_back: datetime | None = None,
    destination: Office | None = None,
    witness: Witness | None = None,
    expected_seq: int | None = None,
) -> CustodyEvent:
    """Record where a piece really is when an earlier event was wrong; the wrong event stays, named."""
    item = lock_item(event.item, to)
    _check_expected(item, expected_seq)
    if not reason.strip():
        raise InvalidInput("Say what was wrong and what is right.", field="reason", code=InventoryErrorCode.INVALID)
    if to is None:
        raise InvalidInput("Choose where the piece really is.", field="to", code=InventoryErrorCode.INVALID)
    to = item._known_places.get(to.pk) or Location.objects.select_related("office").get(pk=to.pk)  # type: ignore[attr-defined]
    if to.kind == LocationKind.TERMINAL:
        raise CustodyError(
            "A correction cannot put a piece in a terminal place; record the release or the return to the "
            "consignor with its paperwork.",
            field="to",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    if by.office_id not in (item.location.office_id, to.office_id):
        raise CustodyError(
            f"{by} works at {by.office.name if by.office else 'no office'}; corrections are recorded by staff "
            "of the office the piece is in or goes to.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    if to.kind == LocationKind.EXTERNAL and due_back is None:
        raise InvalidInput(
            "A piece outside the house needs a due-back date and time.",
            field="due_back",
            code=InventoryErrorCode.INVALID,
        )
    if to.kind == LocationKind.TRANSIT and destination is None:
        raise InvalidInput(
            "A piece in transit needs the office it is going to.", field="destination", code=InventoryErrorCode.INVALID
        )
    if due_back is not None and timezone.is_naive(due_back):
        due_back = timezone.make_aware(due_back)
    recorded_witness = check_witness(item=item, origin=item.location, destination=to, by=by, witness=witness)
    return record_event(
        item,
        kind=EventKind.CORRECTION,
        to=to,
        by=by,
        witness=recorded_witness,
        counterpart=counterpart,
        reason=reason,
        due_back=due_back,
        destination=destination if to.kind == LocationKind.TRANSIT else None,
        corrects=event,
        purpose=PURPOSE_OF_TYPE.get(to.type, "") if due_back is not None else "",
    )


# --- Batch ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchLine:
    item: Item
    expected_seq: int | None = None


@transaction.atomic
def custody_batch(
    *, lines: Sequence[BatchLine], action: Callable[..., CustodyEvent], by: Staff, **arguments: Any
) -> list[CustodyEvent]:
    """Apply one custody action to many scanned pieces: all of them, or none.

    ``action`` is one of this module's actions (move, check-out, return, transfer out,
    receive); a refusal names the piece it concerns and nothing is written.
    """
    if not lines:
        raise InvalidInput("Scan at least one piece.", field="items", code=InventoryErrorCode.INVALID)
    seen: set[int] = set()
    events = []
    for line in sorted(lines, key=lambda line: line.item.pk):  # one locking order for every writer
        if line.item.pk in seen:
            continue
        seen.add(line.item.pk)
        try:
            events.append(action(item=line.item, by=by, expected_seq=line.expected_seq, **arguments))
        except (CustodyError, InvalidInput) as refusal:
            raise type(refusal)(
                _naming(line.item, refusal.message), field=refusal.field, code=refusal.code
            ) from refusal
    return events


def _naming(item: Item, message: str) -> str:
    """A refusal that names its piece once: most already do ("NY-… is checked out…")."""
    return message if item.stock_number in message else f"{item.stock_number}: {message}"
