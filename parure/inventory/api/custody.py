"""The custody actions on a piece (POST): move, check out and return, transfer and receive,
release, count adjustment, and the correction of an event by a new one.

Each answers with the event it recorded, shaped for the person acting.
"""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from parure.core.api import requires
from parure.core.policy import acting_staff
from parure.inventory import queries, services
from parure.inventory.api.common import event_out, item_named, office_named, place_named, witness_of
from parure.inventory.api.schemas import (
    CheckOutIn,
    CorrectionIn,
    CountAdjustmentIn,
    EventOut,
    MoveIn,
    ReceiveIn,
    ReleaseIn,
    ReturnIn,
    Sequence,
    TransferIn,
)
from parure.inventory.errors import InvalidInput, InventoryErrorCode
from parure.inventory.guards import ReleaseOverride
from parure.inventory.models import CustodyEvent, Item
from parure.inventory.visibility import PieceViewer

router = Router()  # tagged "inventory" by the router it is mounted on


def _recorded(request: HttpRequest, event: CustodyEvent, item: Item) -> dict[str, Any]:
    viewer = PieceViewer(request.user)
    viewer.know(events=[event])
    return event_out(event, viewer, item.stock_number)


@router.post("/items/{stock_number}/move", response=EventOut, summary="Move a piece")
@requires("inventory.move_item")
def item_move(request: HttpRequest, stock_number: str, payload: MoveIn) -> dict[str, Any]:
    item = item_named(stock_number)
    event = services.item_move(
        item=item,
        to=place_named(payload.to, "to"),  # type: ignore[arg-type]
        by=acting_staff(request),
        witness=witness_of(request, payload.witness),
        reason=payload.reason,
        expected_seq=payload.expected_seq,
    )
    return _recorded(request, event, item)


@router.post("/items/{stock_number}/check-out", response=EventOut, summary="Check out")
@requires("inventory.check_out_item")
def item_check_out(request: HttpRequest, stock_number: str, payload: CheckOutIn) -> dict[str, Any]:
    item = item_named(stock_number)
    client = None
    if payload.client_number:
        client = queries.client_by_number(payload.client_number, viewer=acting_staff(request))
        if client is None:
            raise InvalidInput(
                f"No client file you may see has the number {payload.client_number}.",
                field="client_number",
                code=InventoryErrorCode.INVALID,
            )
    event = services.item_check_out(
        item=item,
        to=place_named(payload.to, "to"),  # type: ignore[arg-type]
        by=acting_staff(request),
        due_back=payload.due_back,
        counterpart=payload.counterpart,
        counterpart_client=client,
        witness=witness_of(request, payload.witness),
        reason=payload.reason,
        cause=payload.cause,
        expected_seq=payload.expected_seq,
    )
    return _recorded(request, event, item)


@router.post(
    "/items/{stock_number}/return",
    response=EventOut,
    summary="Return from check-out",
)
@requires("inventory.return_item")
def item_return(request: HttpRequest, stock_number: str, payload: ReturnIn) -> dict[str, Any]:
    item = item_named(stock_number)
    event = services.item_return(
        item=item,
        to=place_named(payload.to, "to"),
        by=acting_staff(request),
        witness=witness_of(request, payload.witness),
        reason=payload.reason,
        expected_seq=payload.expected_seq,
    )
    return _recorded(request, event, item)


@router.post(
    "/items/{stock_number}/transfer",
    response=EventOut,
    summary="Hand a piece to a carrier for another office",
)
@requires("inventory.transfer_item")
def item_transfer_out(request: HttpRequest, stock_number: str, payload: TransferIn) -> dict[str, Any]:
    item = item_named(stock_number)
    event = services.item_transfer_out(
        item=item,
        destination=office_named(payload.destination, "destination"),  # type: ignore[arg-type]
        carrier=payload.carrier,
        tracking_number=payload.tracking_number,
        by=acting_staff(request),
        witness=witness_of(request, payload.witness),
        reason=payload.reason,
        cause=payload.cause,
        expected_seq=payload.expected_seq,
    )
    return _recorded(request, event, item)


@router.post(
    "/items/{stock_number}/receive",
    response=EventOut,
    summary="Receive a transferred piece at its destination",
)
@requires("inventory.transfer_item")
def item_transfer_receive(request: HttpRequest, stock_number: str, payload: ReceiveIn) -> dict[str, Any]:
    item = item_named(stock_number)
    event = services.item_transfer_receive(
        item=item,
        to=place_named(payload.to, "to"),  # type: ignore[arg-type]
        by=acting_staff(request),
        reason=payload.reason,
        expected_seq=payload.expected_seq,
    )
    return _recorded(request, event, item)


@router.post(
    "/items/{stock_number}/release",
    response=EventOut,
    summary="Release a piece to its buyer or a shipment",
)
@requires("inventory.release_item")
def item_release(request: HttpRequest, stock_number: str, payload: ReleaseIn) -> dict[str, Any]:
    item = item_named(stock_number)
    event = services.item_release(
        item=item,
        cause=payload.cause,
        counterpart=payload.counterpart,
        by=acting_staff(request),
        witness=witness_of(request, payload.witness),
        reason=payload.reason,
        expected_seq=payload.expected_seq,
        override=ReleaseOverride(by=acting_staff(request), reason=payload.reason) if payload.override else None,
    )
    return _recorded(request, event, item)


@router.post(
    "/items/{stock_number}/count-adjustment",
    response=EventOut,
    summary="Record where a count found a piece",
)
@requires("inventory.adjust_count")
def item_count_adjust(request: HttpRequest, stock_number: str, payload: CountAdjustmentIn) -> dict[str, Any]:
    item = item_named(stock_number)
    event = services.item_count_adjust(
        item=item,
        found_at=place_named(payload.found_at, "found_at"),  # type: ignore[arg-type]
        by=acting_staff(request),
        reason=payload.reason,
        cause=payload.cause,
        expected_seq=payload.expected_seq,
    )
    return _recorded(request, event, item)


@router.post(
    "/events/{seq}/correction",
    response=EventOut,
    summary="Correct an event with a new one that names it",
)
@requires("inventory.correct_event")
def event_correct(request: HttpRequest, seq: Sequence, payload: CorrectionIn) -> dict[str, Any]:
    wrong = CustodyEvent.objects.select_related("item").filter(seq=seq).first()
    if wrong is None:
        raise Http404(f"No custody event has the sequence number {seq}.")
    event = services.event_correct(
        event=wrong,
        to=place_named(payload.to, "to"),  # type: ignore[arg-type]
        by=acting_staff(request),
        reason=payload.reason,
        counterpart=payload.counterpart,
        due_back=payload.due_back,
        destination=office_named(payload.destination, "destination"),
        witness=witness_of(request, payload.witness),
        expected_seq=payload.expected_seq,
    )
    return _recorded(request, event, wrong.item)
