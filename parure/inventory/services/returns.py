"""Returning pieces to their consignor: the release receipt, then the signed hand-over.

A return is two steps because the paperwork comes first: the receipt is prepared and printed,
the person collecting signs it at the counter, and only then is the return recorded. A piece
reaches the terminal place ‘Returned to consignor’ only through a signed receipt.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from parure.core.models import Staff
from parure.inventory.choices import EventKind, ItemStatus, LocationType, ReleaseReceiptStatus
from parure.inventory.errors import CustodyError, InvalidInput, InventoryErrorCode
from parure.inventory.guards import check_move_guards
from parure.inventory.limits import COUNTERPART_MAX
from parure.inventory.models import Consignment, CustodyEvent, Item, ReleaseReceipt
from parure.inventory.numbers import issue_release_receipt_number
from parure.inventory.services.custody import (
    bounded_text,
    check_actor_at,
    describe_place,
    lock_item,
    new_event,
    record_events,
)
from parure.inventory.services.places import singleton_place
from parure.inventory.services.witness import Witness, check_witness


def _check_returnable(item: Item, consignment: Consignment, by: Staff) -> None:
    if item.consignment_id != consignment.pk:
        raise InvalidInput(
            f"{item.stock_number} is not part of consignment {consignment.number}.",
            field="items",
            code=InventoryErrorCode.INVALID,
        )
    if item.status != ItemStatus.IN_HOUSE:
        raise CustodyError(
            f"{item.stock_number} is {describe_place(item)}; it must be in the house to go back to the consignor.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    check_actor_at(by, item.location.office, item)


@transaction.atomic
def release_receipt_prepare(
    *, consignment: Consignment, items: Sequence[Item], collected_by: str, by: Staff, identity_checked: str = ""
) -> ReleaseReceipt:
    """Prepare the release receipt the person collecting will sign (nothing moves yet)."""
    if not items:
        raise InvalidInput(
            "Choose the pieces going back to the consignor.", field="items", code=InventoryErrorCode.INVALID
        )
    collected_by = bounded_text(collected_by, limit=COUNTERPART_MAX, field="collected_by", label="Who collects")
    identity_checked = bounded_text(
        identity_checked, limit=COUNTERPART_MAX, field="identity_checked", label="The identity seen"
    )
    if not collected_by:
        raise InvalidInput(
            "Name the person collecting: the consignor or their named agent.",
            field="collected_by",
            code=InventoryErrorCode.INVALID,
        )
    if by.office is None:
        raise InvalidInput(
            f"{by} has no office; release receipts are prepared at the office holding the pieces.",
            code=InventoryErrorCode.INVALID,
        )
    locked = [lock_item(item) for item in sorted(items, key=lambda item: item.pk)]
    for item in locked:
        _check_returnable(item, consignment, by)
        pending = item.release_receipts.filter(status=ReleaseReceiptStatus.PREPARED).first()
        if pending is not None:
            raise CustodyError(
                f"{item.stock_number} is already on release receipt {pending.number}, which is awaiting signature.",
                field="items",
                code=InventoryErrorCode.CUSTODY_REFUSED,
            )
    receipt = ReleaseReceipt.objects.create(
        number=issue_release_receipt_number(by.office.code, timezone.localdate()),
        consignment=consignment,
        collected_by=collected_by,
        identity_checked=identity_checked,
        prepared_by=by,
    )
    receipt.items.set(locked)
    return receipt


@transaction.atomic
def return_to_consignor(
    *, receipt: ReleaseReceipt, by: Staff, signed: bool, witness: Witness | None = None
) -> list[CustodyEvent]:
    """Record the hand-over once the release receipt is signed: each piece leaves our custody."""
    receipt = ReleaseReceipt.objects.select_for_update().select_related("consignment").get(pk=receipt.pk)
    if receipt.status != ReleaseReceiptStatus.PREPARED:
        raise CustodyError(
            f"Release receipt {receipt.number} is {ReleaseReceiptStatus(receipt.status).label.lower()}; "
            "prepare a new one.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    if not signed:
        raise InvalidInput(
            "A return to the consignor needs the release receipt signed by the person collecting; "
            "confirm the signature before recording it.",
            field="signed",
            code=InventoryErrorCode.INVALID,
        )
    entries = []
    for item in sorted(receipt.items.all(), key=lambda item: item.pk):  # one locking order for every writer
        item = lock_item(item)
        _check_returnable(item, receipt.consignment, by)
        returned = singleton_place(item.location.office, LocationType.RETURNED)
        check_move_guards(item, returned)
        recorded_witness = check_witness(item=item, origin=item.location, destination=returned, by=by, witness=witness)
        entries.append(
            (
                item,
                new_event(
                    item,
                    kind=EventKind.RETURN_TO_CONSIGNOR,
                    to=returned,
                    by=by,
                    witness=recorded_witness,
                    counterpart=receipt.collected_by,
                    counterpart_client=receipt.consignment.consignor,
                    reason="Returned to the consignor against a signed release receipt",
                    cause=f"release_receipt:{receipt.number}",
                ),
            )
        )
    # Every piece's event in one append: the ledger head is locked once, not once a piece.
    events = record_events(entries)
    receipt.status = ReleaseReceiptStatus.SIGNED
    receipt.signed_at = timezone.now()
    receipt.recorded_by = by
    receipt.save(update_fields=["status", "signed_at", "recorded_by"])
    return events


@transaction.atomic
def release_receipt_cancel(*, receipt: ReleaseReceipt, by: Staff) -> ReleaseReceipt:
    """Withdraw a prepared receipt that will not be signed (the pieces stay with us)."""
    receipt = ReleaseReceipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.status != ReleaseReceiptStatus.PREPARED:
        raise CustodyError(
            f"Release receipt {receipt.number} is already {receipt.get_status_display().lower()}.",
            code=InventoryErrorCode.CUSTODY_REFUSED,
        )
    receipt.status = ReleaseReceiptStatus.CANCELLED
    receipt.recorded_by = by
    receipt.save(update_fields=["status", "recorded_by"])
    return receipt
