"""The inventory area's REST operations (mounted at /api/v1/inventory/).

Pieces, places, consignments, the custody actions (POST) and the ledger. Consignor identity
and valuations are left out of responses (the keys are absent, not null) for a role that may
not see them. Like every operation, each declares its permission with ``requires``; core checks
it before the body is read, so a role that may not act is told so (403).
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from parure.core.api import requires
from parure.core.models import Office
from parure.inventory import ledger, queries, services
from parure.inventory.choices import ItemCategory, ItemStatus, ReservePolicy, UnsoldInstruction
from parure.inventory.errors import InvalidInput, StockNumberError
from parure.inventory.models import Consignment, CustodyEvent, Item, Location, ReleaseReceipt
from parure.inventory.services.intake import PieceDraft, StoneDraft, Terms
from parure.inventory.services.witness import Witness, witness_confirm

router = Router(tags=["inventory"])


# --- Schemas ---------------------------------------------------------------------------------------


class StoneOut(Schema):
    species: str
    cut: str
    count: int
    approx_carats: Decimal | None


class ItemOut(Schema):
    stock_number: str
    office: str
    category: str
    title: str
    description: str
    gross_weight_g: Decimal | None
    metal: str
    fineness: str
    currency: str
    estimate_low: Decimal | None
    estimate_high: Decimal | None
    status: str
    location: int
    location_name: str
    location_office: str
    holder: str
    due_back: datetime | None
    transfer_destination: str | None
    custody_since: datetime
    custody_seq: int = Field(description="Send back as expected_seq to refuse a move if the piece moved meanwhile.")
    consignment: str | None = Field(None, description="Only for roles that may see consignments.")
    consignor: str | None = Field(None, description="Only for roles that may see who consigns.")
    stated_value: Decimal | None = Field(None, description="Only for roles that may see valuations.")
    insurance_value: Decimal | None = Field(None, description="Only for roles that may see valuations.")
    stones: list[StoneOut] = []
    components: list[str] = []


class EventOut(Schema):
    seq: int
    at: datetime
    kind: str
    stock_number: str
    from_location: int | None
    to_location: int
    to_location_name: str
    counterpart: str
    staff: str
    witness: str | None
    reason: str
    purpose: str
    due_back: datetime | None
    destination: str | None
    tracking_number: str
    cause: str
    corrects: int | None
    link: str


class LocationOut(Schema):
    id: int
    office: str
    code: str
    name: str
    type: str
    kind: str
    in_vault: bool
    parent: int | None
    pieces: int


class ConsignmentOut(Schema):
    number: str
    office: str
    received_at: datetime
    received_by: str
    currency: str
    commission_rate: Decimal
    insurance_fee_rate: Decimal
    photography_fee: Decimal
    unsold_fee_rate: Decimal
    reserve_policy: str
    unsold_instruction: str
    pieces: list[str] = []
    consignor: str | None = Field(None, description="Only for roles that may see who consigns.")
    receipt_versions: list[int] = []


class WitnessIn(Schema):
    username: str
    password: str
    otp_code: str = ""


class ActionIn(Schema):
    reason: str = ""
    expected_seq: int | None = Field(None, description="The custody_seq you saw; refused with 409 if it moved since.")


class MoveIn(ActionIn):
    to: int = Field(description="The place's id (see /locations).")
    witness: WitnessIn | None = None


class CheckOutIn(ActionIn):
    to: int
    due_back: datetime
    counterpart: str = ""
    client_number: str = ""
    cause: str = ""
    witness: WitnessIn | None = None


class ReturnIn(ActionIn):
    to: int | None = Field(None, description="Defaults to where the piece was checked out from.")
    witness: WitnessIn | None = None


class TransferIn(ActionIn):
    destination: str = Field(description="The receiving office's code, e.g. GE.")
    carrier: str
    tracking_number: str
    cause: str = ""
    witness: WitnessIn | None = None


class ReceiveIn(ActionIn):
    to: int


class ReleaseIn(ActionIn):
    cause: str = Field(description="The paperwork: invoice:…, shipment:… or private_sale:….")
    counterpart: str = ""
    witness: WitnessIn | None = None


class CountAdjustmentIn(ActionIn):
    found_at: int
    reason: str
    cause: str = ""


class CorrectionIn(ActionIn):
    to: int
    reason: str
    counterpart: str = ""
    due_back: datetime | None = None
    destination: str | None = None
    witness: WitnessIn | None = None


class StoneIn(Schema):
    species: str
    cut: str = ""
    count: int = 1
    approx_carats: Decimal | None = None


class PieceIn(Schema):
    category: ItemCategory
    title: str
    description: str = ""
    gross_weight_g: Decimal | None = None
    metal: str = ""
    fineness: str = ""
    stated_value: Decimal | None = None
    estimate_low: Decimal | None = None
    estimate_high: Decimal | None = None
    insurance_value: Decimal | None = None
    stones: list[StoneIn] = []
    components: list[str] = []


class IntakeIn(Schema):
    consignor: str = Field(description="The consignor's client number, e.g. C-000412-3.")
    commission_rate: Decimal
    insurance_fee_rate: Decimal = Decimal("1.00")
    photography_fee: Decimal = Decimal("0.00")
    unsold_fee_rate: Decimal = Decimal("0.00")
    reserve_policy: ReservePolicy = ReservePolicy.AT_LOW_ESTIMATE
    unsold_instruction: UnsoldInstruction = UnsoldInstruction.REOFFER
    notes: str = ""
    pieces: list[PieceIn]


class ReleasePrepareIn(Schema):
    stock_numbers: list[str]
    collected_by: str
    identity_checked: str = ""


class ReleaseReceiptOut(Schema):
    number: str
    consignment: str
    status: str
    pieces: list[str]


class ReturnToConsignorIn(Schema):
    signed: bool = Field(description="The person collecting has signed the release receipt.")
    witness: WitnessIn | None = None


class HeadOut(Schema):
    seq: int
    link: str
    head: str


class VerificationOut(Schema):
    ok: bool
    events: int
    items: int
    head: str
    problem: str
    problem_seq: int | None
    seconds: float


class ItemQuery(Schema):
    office: str | None = Field(None, description="Office code, e.g. NY.")
    location: int | None = None
    status: ItemStatus | None = None
    category: ItemCategory | None = None
    consignment: str | None = None
    q: str | None = Field(None, description="A stock number, or words of the title.")


# --- Helpers -------------------------------------------------------------------------------------


class Shaped:
    """A query paginated lazily (one page is read), each row shaped for the person asking."""

    def __init__(self, rows: Any, shape: Any) -> None:
        self.rows, self.shape = rows, shape

    def __len__(self) -> int:
        return int(self.rows.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [self.shape(row) for row in self.rows[window]]


def _item(stock_number: str) -> Item:
    try:
        return queries.item_by_stock_number(stock_number)
    except StockNumberError as refusal:
        raise InvalidInput(refusal.message, field="stock_number") from None


def _place(pk: int | None, field: str) -> Location | None:
    if pk is None:
        return None
    place = Location.objects.select_related("office").filter(pk=pk).first()
    if place is None:
        raise InvalidInput(f"No place has the id {pk}; see /api/v1/inventory/locations.", field=field)
    return place


def _office(code: str | None, field: str) -> Office | None:
    if not code:
        return None
    office = Office.objects.filter(code=code.upper()).first()
    if office is None:
        raise InvalidInput(f"No office has the code {code}.", field=field)
    return office


def _witness(request: HttpRequest, witness: WitnessIn | None) -> Witness | None:
    if witness is None:
        return None
    return witness_confirm(
        username=witness.username,
        password=witness.password,
        otp_code=witness.otp_code,
        actor=request.user,  # type: ignore[arg-type]
        request=request,
    )


def item_out(item: Item, user: Any) -> dict[str, Any]:
    """A piece as this person may see it: confidential keys are left out, not nulled."""
    out: dict[str, Any] = {
        "stock_number": item.stock_number,
        "office": item.office.code,
        "category": item.category,
        "title": item.title,
        "description": item.description,
        "gross_weight_g": item.gross_weight_g,
        "metal": item.metal,
        "fineness": item.fineness,
        "currency": item.currency,
        "estimate_low": item.estimate_low,
        "estimate_high": item.estimate_high,
        "status": item.status,
        "location": item.location_id,
        "location_name": item.location.name,
        "location_office": item.location.office.code,
        "holder": item.holder
        if item.status != ItemStatus.RETURNED or user.has_perm("inventory.view_consignor_identity")
        else "",
        "due_back": item.due_back,
        "transfer_destination": item.transfer_destination.code if item.transfer_destination else None,
        "custody_since": item.custody_since,
        "custody_seq": item.custody_seq,
    }
    if user.has_perm("inventory.view_consignments"):
        out["consignment"] = item.consignment.number if item.consignment else None
    if user.has_perm("inventory.view_consignor_identity") and item.consignment is not None:
        out["consignor"] = f"{item.consignment.consignor.display_name} ({item.consignment.consignor.number})"
    if user.has_perm("inventory.view_valuations"):
        out["stated_value"] = item.stated_value
        out["insurance_value"] = item.insurance_value
    return out


def event_out(event: CustodyEvent, user: Any, stock_number: str | None = None) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at,
        "kind": event.kind,
        "stock_number": stock_number or event.item.stock_number,
        "from_location": event.from_location_id,
        "to_location": event.to_location_id,
        "to_location_name": event.to_location.name,
        "counterpart": queries.counterpart_shown(
            event, sees_consignor=user.has_perm("inventory.view_consignor_identity")
        ),
        "staff": event.staff.username,
        "witness": event.witness.username if event.witness else None,
        "reason": event.reason,
        "purpose": event.purpose,
        "due_back": event.due_back,
        "destination": event.destination.code if event.destination else None,
        "tracking_number": event.tracking_number,
        "cause": event.cause,
        "corrects": event.corrects_id,
        "link": event.link,
    }


def consignment_out(consignment: Consignment, user: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": consignment.number,
        "office": consignment.office.code,
        "received_at": consignment.received_at,
        "received_by": consignment.received_by.username,
        "currency": consignment.currency,
        "commission_rate": consignment.commission_rate,
        "insurance_fee_rate": consignment.insurance_fee_rate,
        "photography_fee": consignment.photography_fee,
        "unsold_fee_rate": consignment.unsold_fee_rate,
        "reserve_policy": consignment.reserve_policy,
        "unsold_instruction": consignment.unsold_instruction,
    }
    if user.has_perm("inventory.view_consignor_identity"):
        out["consignor"] = f"{consignment.consignor.display_name} ({consignment.consignor.number})"
    return out


# --- Pieces ----------------------------------------------------------------------------------------


@router.get("/items", response=list[ItemOut], exclude_unset=True, summary="Pieces, filtered")
@requires("inventory.view_items")
@paginate(LimitOffsetPagination)
def item_list(request: HttpRequest, filters: Query[ItemQuery]) -> Any:
    consignment = queries.consignments(text=filters.consignment).first() if filters.consignment else None
    chosen = queries.ItemFilters(
        office=_office(filters.office, "office"),
        location=_place(filters.location, "location"),
        status=filters.status or "",
        category=filters.category or "",
        consignment=consignment,
        text=filters.q or "",
    )
    if filters.consignment and consignment is None:
        return []
    rows = queries.items(chosen).select_related("consignment__consignor")
    return Shaped(rows, lambda item: item_out(item, request.user))


@router.get("/items/{stock_number}", response=ItemOut, exclude_unset=True, summary="One piece")
@requires("inventory.view_items")
def item_detail(request: HttpRequest, stock_number: str) -> dict[str, Any]:
    item = _item(stock_number)
    out = item_out(item, request.user)
    out["stones"] = [
        {"species": s.species, "cut": s.cut, "count": s.count, "approx_carats": s.approx_carats}
        for s in item.stones.all()
    ]
    out["components"] = [c.description for c in item.components.all()]
    return out


@router.get("/items/{stock_number}/ledger", response=list[EventOut], summary="A piece's custody events, newest first")
@requires("inventory.view_items")
@paginate(LimitOffsetPagination)
def item_ledger(request: HttpRequest, stock_number: str) -> Any:
    item = _item(stock_number)
    return Shaped(queries.history(item), lambda event: event_out(event, request.user, item.stock_number))


def _recorded(request: HttpRequest, event: CustodyEvent, item: Item) -> dict[str, Any]:
    return event_out(event, request.user, item.stock_number)


@router.post("/items/{stock_number}/move", response=EventOut, summary="Move a piece")
@requires("inventory.move_item")
def item_move(request: HttpRequest, stock_number: str, payload: MoveIn) -> dict[str, Any]:
    item = _item(stock_number)
    event = services.item_move(
        item=item,
        to=_place(payload.to, "to"),  # type: ignore[arg-type]
        by=request.user,  # type: ignore[arg-type]
        witness=_witness(request, payload.witness),
        reason=payload.reason,
        expected_seq=payload.expected_seq,
    )
    return _recorded(request, event, item)


@router.post("/items/{stock_number}/check-out", response=EventOut, summary="Check out")
@requires("inventory.check_out_item")
def item_check_out(request: HttpRequest, stock_number: str, payload: CheckOutIn) -> dict[str, Any]:
    item = _item(stock_number)
    client = None
    if payload.client_number:
        client = queries.client_by_number(payload.client_number, viewer=request.user)  # type: ignore[arg-type]
        if client is None:
            raise InvalidInput(
                f"No client file you may see has the number {payload.client_number}.", field="client_number"
            )
    event = services.item_check_out(
        item=item,
        to=_place(payload.to, "to"),  # type: ignore[arg-type]
        by=request.user,  # type: ignore[arg-type]
        due_back=payload.due_back,
        counterpart=payload.counterpart,
        counterpart_client=client,
        witness=_witness(request, payload.witness),
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
    item = _item(stock_number)
    event = services.item_return(
        item=item,
        to=_place(payload.to, "to"),
        by=request.user,  # type: ignore[arg-type]
        witness=_witness(request, payload.witness),
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
    item = _item(stock_number)
    event = services.item_transfer_out(
        item=item,
        destination=_office(payload.destination, "destination"),  # type: ignore[arg-type]
        carrier=payload.carrier,
        tracking_number=payload.tracking_number,
        by=request.user,  # type: ignore[arg-type]
        witness=_witness(request, payload.witness),
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
    item = _item(stock_number)
    event = services.item_transfer_receive(
        item=item,
        to=_place(payload.to, "to"),  # type: ignore[arg-type]
        by=request.user,  # type: ignore[arg-type]
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
    item = _item(stock_number)
    event = services.item_release(
        item=item,
        cause=payload.cause,
        counterpart=payload.counterpart,
        by=request.user,  # type: ignore[arg-type]
        witness=_witness(request, payload.witness),
        reason=payload.reason,
        expected_seq=payload.expected_seq,
    )
    return _recorded(request, event, item)


@router.post(
    "/items/{stock_number}/count-adjustment",
    response=EventOut,
    summary="Record where a count found a piece",
)
@requires("inventory.adjust_count")
def item_count_adjust(request: HttpRequest, stock_number: str, payload: CountAdjustmentIn) -> dict[str, Any]:
    item = _item(stock_number)
    event = services.item_count_adjust(
        item=item,
        found_at=_place(payload.found_at, "found_at"),  # type: ignore[arg-type]
        by=request.user,  # type: ignore[arg-type]
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
def event_correct(request: HttpRequest, seq: int, payload: CorrectionIn) -> dict[str, Any]:
    wrong = CustodyEvent.objects.select_related("item").filter(seq=seq).first()
    if wrong is None:
        raise Http404(f"No custody event has the sequence number {seq}.")
    event = services.event_correct(
        event=wrong,
        to=_place(payload.to, "to"),  # type: ignore[arg-type]
        by=request.user,  # type: ignore[arg-type]
        reason=payload.reason,
        counterpart=payload.counterpart,
        due_back=payload.due_back,
        destination=_office(payload.destination, "destination"),
        witness=_witness(request, payload.witness),
        expected_seq=payload.expected_seq,
    )
    return _recorded(request, event, wrong.item)


# --- Places and consignments -----------------------------------------------------------------------


@router.get("/locations", response=list[LocationOut], summary="Places, in tree order")
@requires("inventory.view_locations")
def location_list(request: HttpRequest, office: str | None = None) -> list[dict[str, Any]]:
    return [
        {
            "id": place.pk,
            "office": place.office.code,
            "code": place.code,
            "name": place.name,
            "type": place.type,
            "kind": place.kind,
            "in_vault": place.in_vault,
            "parent": place.parent_id,
            "pieces": place.piece_count,  # type: ignore[attr-defined]
        }
        for place in queries.locations(_office(office, "office"))
    ]


@router.get("/consignments", response=list[ConsignmentOut], exclude_unset=True, summary="Consignments, newest first")
@requires("inventory.view_consignments")
@paginate(LimitOffsetPagination)
def consignment_list(request: HttpRequest, office: str | None = None, q: str = "") -> Any:
    rows = queries.consignments(office=_office(office, "office"), text=q)
    return Shaped(rows, lambda row: consignment_out(row, request.user))


@router.get("/consignments/{number}", response=ConsignmentOut, exclude_unset=True, summary="One consignment")
@requires("inventory.view_consignments")
def consignment_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    consignment = queries.consignment_by_number(number)
    out = consignment_out(consignment, request.user)
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
    consignor = queries.client_by_number(payload.consignor, viewer=request.user, field="consignor")  # type: ignore[arg-type]
    if consignor is None:
        raise InvalidInput(f"No client file you may see has the number {payload.consignor}.", field="consignor")
    sees_values = request.user.has_perm("inventory.view_valuations")
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
        by=request.user,  # type: ignore[arg-type]
    )
    out = consignment_out(consignment, request.user)
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
    items = [_item(text) for text in payload.stock_numbers]
    receipt = services.release_receipt_prepare(
        consignment=consignment,
        items=items,
        collected_by=payload.collected_by,
        identity_checked=payload.identity_checked,
        by=request.user,  # type: ignore[arg-type]
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
        by=request.user,  # type: ignore[arg-type]
        signed=payload.signed,
        witness=_witness(request, payload.witness),
    )
    return [event_out(event, request.user) for event in events]


# --- The ledger ------------------------------------------------------------------------------------


@router.get("/ledger/head", response=HeadOut, summary="The ledger's head, to record outside the system")
@requires("inventory.view_ledger")
def ledger_head(request: HttpRequest) -> dict[str, Any]:
    seq, link = ledger.head()
    return {"seq": seq, "link": link, "head": f"{seq}:{link}"}


@router.get("/ledger/verify", response=VerificationOut, summary="Re-walk the whole chain and the pieces' state")
@requires("inventory.verify_ledger")
def ledger_verify(request: HttpRequest, head: str | None = None) -> dict[str, Any]:
    expected = None
    if head:
        try:
            expected = ledger.parse_head(head)
        except ValueError as error:
            raise InvalidInput(str(error), field="head") from None
    result = ledger.verify(expected_head=expected)
    return {
        "ok": result.ok,
        "events": result.events,
        "items": result.items,
        "head": result.head_text,
        "problem": result.problem,
        "problem_seq": result.problem_seq,
        "seconds": round(result.seconds, 3),
    }


# Inventory counts add their operations to this router.
from parure.inventory.counts import api as _counts_api  # noqa: E402, F401
