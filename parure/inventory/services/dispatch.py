"""Custody of a piece that leaves by carrier (the shipping app's shipments): packed into a sealed parcel,
handed to the carrier with its tracking number, and delivered — released to the client, checked out to the
vendor or laboratory it was sent to — or brought back by the carrier. A transfer to another office travels
the same way up to the hand-over (``item_transfer_out`` from the packed place) and ends with the receiving
office's scan (``item_transfer_receive``).

Every action names its shipment (cause ``shipment:<number>``) and is one transaction, like the rest of
custody: the piece's row is locked, the rules checked, one ledger event appended and the state written.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from parure.core.models import Staff
from parure.inventory.choices import IN_HOUSE_KINDS, PURPOSE_OF_TYPE, EventKind, ItemStatus, LocationKind, LocationType
from parure.inventory.errors import CustodyError, InvalidInput, InventoryErrorCode
from parure.inventory.guards import check_move_guards, check_release_guards
from parure.inventory.models import CustodyEvent, Item, Location
from parure.inventory.services.custody import (
    _cause,
    _check_expected,
    _check_in_custody,
    _check_in_house,
    _due_back,
    _place,
    bounded_text,
    carrier_named,
    check_actor_at,
    describe_place,
    lock_item,
    record_event,
)
from parure.inventory.services.places import singleton_place
from parure.inventory.services.witness import Witness, check_witness


def _shipment_cause(cause: str) -> str:
    cause = _cause(cause)
    if not cause.startswith("shipment:"):
        raise InvalidInput(
            "Name the shipment (shipment:NY-SH-26-00012-4).", field="cause", code=InventoryErrorCode.INVALID
        )
    return cause


def _refuse(message: str) -> CustodyError:
    return CustodyError(message, code=InventoryErrorCode.CUSTODY_REFUSED)


def _with_carrier(item: Item) -> None:
    _check_in_custody(item)
    if item.status != ItemStatus.IN_TRANSIT or item.transfer_destination_id is not None:
        raise _refuse(f"{item.stock_number} is not with a carrier; it is {describe_place(item)}.")


@transaction.atomic
def item_pack(
    *,
    item: Item,
    cause: str,
    by: Staff,
    witness: Witness | None = None,
    reason: str = "",
    expected_seq: int | None = None,
) -> CustodyEvent:
    """Put a piece into its shipment's parcel: it waits, sealed, at the office's "packed for shipment".
    Taking a piece over the four-eyes threshold out of the vault to pack it needs a witness, as any move."""
    cause = _shipment_cause(cause)
    item = lock_item(item)
    _check_expected(item, expected_seq)
    _check_in_house(item, "pack")
    office = item.location.office
    check_actor_at(by, office, item)
    if item.location.type == LocationType.PACKED:
        raise _refuse(f"{item.stock_number} is already packed for shipment.")
    packed = singleton_place(office, LocationType.PACKED)
    check_move_guards(item, packed)
    recorded_witness = check_witness(item=item, origin=item.location, destination=packed, by=by, witness=witness)
    return record_event(
        item, kind=EventKind.MOVE, to=packed, by=by, witness=recorded_witness, reason=reason, cause=cause
    )


@transaction.atomic
def item_unpack(
    *, item: Item, to: Location, cause: str, by: Staff, reason: str = "", expected_seq: int | None = None
) -> CustodyEvent:
    """Take a piece out of a parcel that will not go (the shipment is cancelled or repacked)."""
    cause = _shipment_cause(cause)
    item = lock_item(item, to)
    _check_expected(item, expected_seq)
    _check_in_custody(item)
    if item.location.type != LocationType.PACKED:
        raise _refuse(f"{item.stock_number} is not packed for shipment; it is {describe_place(item)}.")
    office = item.location.office
    check_actor_at(by, office, item)
    to = _place(to, office=office, kinds=IN_HOUSE_KINDS, field="to", item=item)
    if to.type == LocationType.PACKED:
        raise InvalidInput("Choose where the piece goes back to.", field="to", code=InventoryErrorCode.INVALID)
    check_move_guards(item, to)
    return record_event(item, kind=EventKind.MOVE, to=to, by=by, reason=reason, cause=cause)


@transaction.atomic
def item_hand_to_carrier(
    *,
    item: Item,
    carrier: str,
    tracking_number: str,
    cause: str,
    by: Staff,
    witness: Witness | None = None,
    reason: str = "",
    expected_seq: int | None = None,
) -> CustodyEvent:
    """The carrier takes the sealed parcel: the piece is in transit with them, under their tracking number,
    until its delivery is confirmed (or the carrier brings it back)."""
    cause = _shipment_cause(cause)
    item = lock_item(item)
    _check_expected(item, expected_seq)
    _check_in_custody(item)
    if item.location.type != LocationType.PACKED:
        raise _refuse(f"{item.stock_number} is {describe_place(item)}; pack it into its parcel first.")
    office = item.location.office
    check_actor_at(by, office, item)
    carrier = carrier_named(carrier, tracking_number, what="parcel")
    transit = singleton_place(office, LocationType.IN_TRANSIT)
    check_move_guards(item, transit)
    recorded_witness = check_witness(item=item, origin=item.location, destination=transit, by=by, witness=witness)
    return record_event(
        item,
        kind=EventKind.SHIP_OUT,
        to=transit,
        by=by,
        witness=recorded_witness,
        counterpart=carrier,
        reason=reason,
        tracking_number=tracking_number.strip(),
        cause=cause,
    )


@transaction.atomic
def item_deliver(
    *, item: Item, consignee: str, proof: str, cause: str, by: Staff, expected_seq: int | None = None
) -> CustodyEvent:
    """The carrier delivered the piece to its client: it leaves our custody for good, against its shipment,
    with the proof of delivery as the reason. Billing's release rules apply as to any release."""
    cause = _shipment_cause(cause)
    item = lock_item(item)
    _check_expected(item, expected_seq)
    _with_carrier(item)
    office = item.location.office
    check_actor_at(by, office, item)
    proof = bounded_text(proof, limit=300, field="proof", label="The proof of delivery")
    if not proof:
        raise InvalidInput(
            "Enter the proof of delivery: who signed, and the carrier's reference.",
            field="proof",
            code=InventoryErrorCode.INVALID,
        )
    released = singleton_place(office, LocationType.RELEASED)
    check_move_guards(item, released)
    check_release_guards(item, cause, None)
    return record_event(
        item,
        kind=EventKind.RELEASE,
        to=released,
        by=by,
        counterpart=consignee,
        reason=f"Delivered: {proof}",
        cause=cause,
    )


@transaction.atomic
def item_deliver_to(
    *,
    item: Item,
    to: Location,
    due_back: datetime | None,
    proof: str,
    cause: str,
    by: Staff,
    expected_seq: int | None = None,
) -> CustodyEvent:
    """The carrier delivered the piece to the bench jeweler or laboratory it was sent to: it is checked out
    to that place, due back when the shipment says, and comes home by a return like any check-out."""
    cause = _shipment_cause(cause)
    item = lock_item(item, to)
    _check_expected(item, expected_seq)
    _with_carrier(item)
    office = item.location.office
    check_actor_at(by, office, item)
    to = _place(to, office=office, kinds=(LocationKind.EXTERNAL,), field="to", what="vendor or laboratory", item=item)
    if to.type not in (LocationType.BENCH_JEWELER, LocationType.GEM_LAB):
        raise InvalidInput(
            f"{to} is not a vendor's bench or a laboratory.", field="to", code=InventoryErrorCode.INVALID
        )
    proof = bounded_text(proof, limit=300, field="proof", label="The proof of delivery")
    if not proof:
        raise InvalidInput(
            "Enter the proof of delivery: who signed, and the carrier's reference.",
            field="proof",
            code=InventoryErrorCode.INVALID,
        )
    due = _due_back(due_back)
    check_move_guards(item, to)
    return record_event(
        item,
        kind=EventKind.CHECK_OUT,
        to=to,
        by=by,
        counterpart=to.name,
        reason=f"Delivered: {proof}",
        purpose=PURPOSE_OF_TYPE[to.type],
        due_back=due,
        cause=cause,
    )


@transaction.atomic
def item_back_from_carrier(
    *, item: Item, to: Location, cause: str, by: Staff, reason: str, expected_seq: int | None = None
) -> CustodyEvent:
    """The carrier brought the parcel back undelivered (refused, not collected, damaged): the piece is
    received into one of the sending office's places."""
    cause = _shipment_cause(cause)
    item = lock_item(item, to)
    _check_expected(item, expected_seq)
    _with_carrier(item)
    office = item.location.office
    check_actor_at(by, office, item)
    to = _place(to, office=office, kinds=IN_HOUSE_KINDS, field="to", item=item)
    reason = bounded_text(reason, limit=300, field="reason", label="The reason")
    if not reason:
        raise InvalidInput("Say why the carrier brought it back.", field="reason", code=InventoryErrorCode.INVALID)
    return record_event(item, kind=EventKind.TRANSFER_IN, to=to, by=by, reason=reason, cause=cause)
