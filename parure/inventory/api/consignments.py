"""Consignments: the list and one consignment, intake (stock numbers, intake events and the
receipt in one call), and pieces going back to their consignor against a signed release receipt."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from parure.core.api import requires
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.inventory import queries, services
from parure.inventory.api.common import Shaped, consignment_out, event_out, item_named, office_named, witness_of
from parure.inventory.api.schemas import (
    ConsignmentOut,
    EventOut,
    IntakeIn,
    OfficeCode,
    ReleasePrepareIn,
    ReleaseReceiptOut,
    ReturnToConsignorIn,
    SearchText,
)
from parure.inventory.errors import InvalidInput, InventoryErrorCode
from parure.inventory.models import ReleaseReceipt
from parure.inventory.services.intake import PieceDraft, StoneDraft, Terms
from parure.inventory.visibility import PieceViewer

router = Router()  # tagged "inventory" by the router it is mounted on


@router.get("/consignments", response=list[ConsignmentOut], exclude_unset=True, summary="Consignments, newest first")
@requires("inventory.view_consignments")
@paginate(LimitOffset)
def consignment_list(request: HttpRequest, office: Query[OfficeCode | None] = None, q: SearchText = "") -> Any:
    rows = queries.consignments(office=office_named(office, "office"), text=q)
    viewer = PieceViewer(request.user)
    return Shaped(rows, lambda row: consignment_out(row, viewer), lambda page: viewer.know(consignments=page))


@router.get("/consignments/{number}", response=ConsignmentOut, exclude_unset=True, summary="One consignment")
@requires("inventory.view_consignments")
def consignment_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    consignment = queries.consignment_by_number(number)
    out = consignment_out(consignment, PieceViewer(request.user))
    out["pieces"] = [item.stock_number for item in consignment.items.all()]
    out["receipt_versions"] = sorted(receipt.version for receipt in consignment.receipts.all())
    return out


@router.post(
    "/consignments",
    response={201: ConsignmentOut},
    exclude_unset=True,
    summary="Take a consignment in: stock numbers, intake events and the receipt",
)
@requires("inventory.open_consignment")
def consignment_intake(request: HttpRequest, payload: IntakeIn) -> Status[dict[str, Any]]:
    consignor = queries.client_by_number(payload.consignor, viewer=acting_staff(request), field="consignor")
    if consignor is None:
        raise InvalidInput(
            f"No client file you may see has the number {payload.consignor}.",
            field="consignor",
            code=InventoryErrorCode.INVALID,
        )
    viewer = PieceViewer(request.user)
    sees_values = viewer.sees_values
    pieces = [
        PieceDraft(
            category=piece.category,
            title=piece.title,
            description=piece.description,
            gross_weight_g=piece.gross_weight_g,
            metal=piece.metal,
            fineness=piece.fineness,
            stated_value=piece.stated_value if sees_values else None,
            estimate_low=piece.estimate_low,
            estimate_high=piece.estimate_high,
            insurance_value=piece.insurance_value if sees_values else None,
            stones=tuple(StoneDraft(s.species, s.cut, s.count, s.approx_carats) for s in piece.stones),
            components=tuple(piece.components),
            stone_measurements=piece.stone_measurements,
            date_or_circa=piece.date_or_circa,
            maker=piece.maker,
            signature=piece.signature,
            serial_number=piece.serial_number,
        )
        for piece in payload.pieces
    ]
    consignment = services.consignment_intake(
        consignor=consignor,
        terms=Terms(
            commission_rate=payload.commission_rate,
            insurance_fee_rate=payload.insurance_fee_rate,
            photography_fee=payload.photography_fee,
            unsold_fee_rate=payload.unsold_fee_rate,
            reserve_policy=payload.reserve_policy,
            unsold_instruction=payload.unsold_instruction,
            notes=payload.notes,
        ),
        pieces=pieces,
        by=acting_staff(request),
        currency=payload.currency,
    )
    out = consignment_out(consignment, viewer)
    out["pieces"] = list(consignment.items.order_by("line").values_list("stock_number", flat=True))
    out["receipt_versions"] = [1]
    return Status(201, out)


def _receipt_out(receipt: ReleaseReceipt) -> dict[str, Any]:
    return {
        "number": receipt.number,
        "consignment": receipt.consignment.number,
        "status": receipt.status,
        "pieces": [item.stock_number for item in receipt.items.order_by("line")],
    }


@router.post(
    "/consignments/{number}/release-receipts",
    response={201: ReleaseReceiptOut},
    summary="Prepare a release receipt for pieces going back to the consignor",
)
@requires("inventory.return_to_consignor")
def release_receipt_prepare(request: HttpRequest, number: str, payload: ReleasePrepareIn) -> Status[dict[str, Any]]:
    consignment = queries.consignment_by_number(number)
    items = [item_named(text) for text in payload.stock_numbers]
    receipt = services.release_receipt_prepare(
        consignment=consignment,
        items=items,
        collected_by=payload.collected_by,
        identity_checked=payload.identity_checked,
        by=acting_staff(request),
    )
    return Status(201, _receipt_out(receipt))


@router.post(
    "/release-receipts/{number}/return",
    response=list[EventOut],
    summary="Record the signed return of a release receipt's pieces",
)
@requires("inventory.return_to_consignor")
def return_to_consignor(request: HttpRequest, number: str, payload: ReturnToConsignorIn) -> list[dict[str, Any]]:
    receipt = ReleaseReceipt.objects.select_related("consignment").filter(number=number).first()
    if receipt is None:
        raise Http404(f"No release receipt has the number {number}.")
    events = services.return_to_consignor(
        receipt=receipt,
        by=acting_staff(request),
        signed=payload.signed,
        witness=witness_of(request, payload.witness),
    )
    viewer = PieceViewer(request.user)
    viewer.know(events=events)
    return [event_out(event, viewer) for event in events]
