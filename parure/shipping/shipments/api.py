"""Shipping's shipments API (mounted by parure.shipping.api.router under /api/v1/shipping): shipments
(list, one, prepare, change a draft, pack, photograph a parcel, the second check, hand-over, delivery, back
from the carrier, cancel), incidents and the carriers' pickups. The same permissions as the pages; the
consignee's name, address and telephone only for those who may see them."""

import base64
import binascii
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from parure.core.api import requires
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.shipping.errors import ShippingError, ShippingErrorCode
from parure.shipping.shipments import queries, services
from parure.shipping.shipments.models import Incident, Pickup, Shipment
from parure.shipping.shipments.planning import PARCELS_MAX, PIECES_MAX, PieceInput, ShipmentInput
from parure.shipping.shipments.services import PHOTOS_MAX, SEALS_MAX, ParcelInput

router = Router()

E = ShippingErrorCode
CENTS = Decimal("0.01")
Number = Annotated[str, Field(max_length=24)]
Short = Annotated[str, Field(max_length=200)]
Reason = Annotated[str, Field(max_length=250)]
Amount = Annotated[str, Field(max_length=24)]
Id = Annotated[int, Field(ge=1, le=2**62)]
Version = Annotated[int, Field(ge=1, le=2**31 - 1)]
ParcelNumber = Annotated[int, Field(ge=1, le=PARCELS_MAX)]
PhotoBase64 = Annotated[str, Field(max_length=(8 * 1024 * 1024 * 4) // 3 + 8)]
StatusFilter = Literal["", "open", "draft", "packed", "checked", "in_transit", "delivered", "returned", "cancelled"]
Kind = Literal["client", "vendor", "lab", "office"]
Reasons = Literal["sale", "repair", "exhibition", "return", "temporary_admission"]
Incoterms = Literal["DAP", "DDP", "EXW", "CPT", "CIP"]


class ShipmentQuery(Schema):
    status: StatusFilter = ""
    office: Annotated[str, Field(max_length=2)] = ""
    carrier_id: Id | None = None
    text: Annotated[str, Field(max_length=queries.TEXT_MAX)] = ""


class ShipmentOut(Schema):
    number: str
    office: str
    status: str
    destination_kind: str
    consignee: str = Field(description="The consignee's name, or “Consignee withheld”.")
    consignee_country: str
    piece_count: int
    insured_total: Decimal
    currency: str
    carrier: str
    tracking_number: str
    ship_on: date
    version: int


class ShipmentFindingOut(Schema):
    rule: str
    message: str
    alternative: str
    blocking: bool
    source: str


class ShipmentPieceOut(Schema):
    position: int
    stock_number: str
    parcel: int
    value_basis: str
    insured_value: Decimal
    invoice_number: str
    description: str
    hs_code: str
    hs_reason: str
    country_of_origin: str
    materials: list[str]
    permit_number: str
    net_weight_g: Decimal | None


class ParcelOut(Schema):
    number: int
    seals: list[str]
    length_cm: int
    width_cm: int
    height_cm: int
    gross_weight_g: Decimal
    photos: int


class IncidentOut(Schema):
    number: str
    shipment: str
    kind: str
    status: str
    description: str
    claim_reference: str
    carrier_reference: str
    opened_at: datetime
    closed_at: datetime | None
    resolution: str


class ShipmentEventOut(Schema):
    at: datetime
    by: str
    status: str
    text: str


class ShipmentDetailOut(ShipmentOut):
    consignee_address: str | None = Field(None, description="For those who may see the consignee.")
    consignee_phone: str | None = None
    arranged_by: str
    level: str
    buyer_shipper: str
    policy: str
    export_reason: str
    incoterm: str
    carnet_number: str
    return_expected_on: date | None
    declared_value: Decimal | None
    due_back_on: date | None
    carrier_name: str
    proof_of_delivery: str
    cancelled_reason: str
    packed_by: str
    checked_by: str
    findings: list[ShipmentFindingOut]
    pieces: list[ShipmentPieceOut]
    parcels: list[ParcelOut]
    incidents: list[IncidentOut]
    history: list[ShipmentEventOut]


class ShipmentPieceIn(Schema):
    stock_number: Annotated[str, Field(max_length=24)]
    parcel: ParcelNumber = 1
    description: Annotated[str, Field(max_length=300)] = ""
    hs_code: Annotated[str, Field(max_length=10)] = ""
    country_of_origin: Annotated[str, Field(max_length=2)] = ""
    materials: Short = ""
    permit_number: Annotated[str, Field(max_length=60)] = ""
    customs_value: Amount | None = None
    net_weight_g: Amount | None = None


class ShipmentIn(Schema):
    destination_kind: Kind
    pieces: list[ShipmentPieceIn] = Field(..., max_length=PIECES_MAX)
    ship_on: date | None = None
    client_number: Annotated[str, Field(max_length=20)] = ""
    address_id: Id | None = None
    destination_office: Annotated[str, Field(max_length=2)] = ""
    destination_place_id: Id | None = None
    due_back_on: date | None = None
    consignee_name: Short = ""
    consignee_address: Annotated[str, Field(max_length=600)] = ""
    consignee_country: Annotated[str, Field(max_length=2)] = ""
    consignee_phone: Annotated[str, Field(max_length=40)] = ""
    arranged_by: Literal["house", "buyer"] = "house"
    carrier_id: Id | None = None
    buyer_shipper: Annotated[str, Field(max_length=120)] = ""
    export_reason: Reasons = "sale"
    incoterm: Incoterms = "DAP"
    carnet_number: Annotated[str, Field(max_length=40)] = ""
    return_expected_on: date | None = None
    declared_value: Amount | None = None
    notes: Annotated[str, Field(max_length=2000)] = ""


class ShipmentUpdateIn(ShipmentIn):
    version: Version


class ParcelIn(Schema):
    number: ParcelNumber
    seals: Annotated[str, Field(max_length=300, description=f"Up to {SEALS_MAX} seal numbers, space separated.")]
    length_cm: Annotated[int, Field(ge=0, le=1000)]
    width_cm: Annotated[int, Field(ge=0, le=1000)]
    height_cm: Annotated[int, Field(ge=0, le=1000)]
    gross_weight_g: Annotated[int, Field(ge=0, le=1_000_000)]


class PackIn(Schema):
    parcels: list[ParcelIn] = Field(..., max_length=PARCELS_MAX)
    checklist: list[Annotated[str, Field(max_length=20)]] = Field(default_factory=list, max_length=20)
    version: Version | None = None


class PhotoIn(Schema):
    content_base64: PhotoBase64


class SealsSeenIn(Schema):
    parcel: ParcelNumber
    seals: Annotated[str, Field(max_length=300)]


class CheckIn(Schema):
    seals: list[SealsSeenIn] = Field(..., max_length=PARCELS_MAX)
    version: Version | None = None


class HandOverIn(Schema):
    tracking_number: Annotated[str, Field(max_length=60)] = ""
    courier_name: Annotated[str, Field(max_length=120)] = ""
    version: Version | None = None


class DeliverIn(Schema):
    proof: Reason
    version: Version | None = None


class BackIn(Schema):
    to: Id
    reason: Reason
    version: Version | None = None


class ShipmentCancelIn(Schema):
    reason: Reason
    to: Id | None = None
    version: Version | None = None


class IncidentIn(Schema):
    kind: Literal["delay", "damage", "loss", "refused"]
    description: Annotated[str, Field(max_length=2000)]
    claim_reference: Annotated[str, Field(max_length=60)] = ""
    carrier_reference: Annotated[str, Field(max_length=60)] = ""


class IncidentCloseIn(Schema):
    resolution: Annotated[str, Field(max_length=500)]
    claim_reference: Annotated[str, Field(max_length=60)] = ""


class PickupOut(Schema):
    number: str
    office: str
    carrier: str
    pickup_at: datetime
    driver: str
    shipments: list[str]


class PickupIn(Schema):
    carrier_id: Id
    pickup_at: datetime
    driver: Annotated[str, Field(max_length=120)] = ""
    shipments: list[Number] = Field(..., max_length=100)


class _Shaped:
    """A query paginated lazily (one page is read), each row shaped for the person asking."""

    def __init__(self, rows: Any, shape: Callable[[Any], dict[str, Any]]) -> None:
        self.rows, self.shape = rows, shape

    def __len__(self) -> int:
        return int(self.rows.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [self.shape(row) for row in self.rows[window]]


def _shipment(number: str) -> Shipment:
    return queries.shipment_detail(number)


def _out(shipment: Shipment, sight: queries.ShipmentSight, *, pieces: int, total: Decimal) -> dict[str, Any]:
    carrier = shipment.carrier.name if shipment.carrier is not None else shipment.buyer_shipper
    return {
        "number": shipment.number, "office": shipment.office.code, "status": shipment.status,
        "destination_kind": shipment.destination_kind, "consignee": sight.name(shipment),
        "consignee_country": shipment.consignee_country, "piece_count": pieces, "insured_total": total,
        "currency": shipment.currency, "carrier": carrier, "tracking_number": shipment.tracking_number,
        "ship_on": shipment.ship_on, "version": shipment.version,
    }  # fmt: skip


def _listed_out(shipment: Any, sight: queries.ShipmentSight) -> dict[str, Any]:
    return _out(shipment, sight, pieces=shipment.piece_count, total=Decimal(shipment.insured_total).quantize(CENTS))


def _incident_out(incident: Incident) -> dict[str, Any]:
    return {
        "number": incident.number, "shipment": incident.shipment.number, "kind": incident.kind,
        "status": incident.status, "description": incident.description,
        "claim_reference": incident.claim_reference, "carrier_reference": incident.carrier_reference,
        "opened_at": incident.opened_at, "closed_at": incident.closed_at, "resolution": incident.resolution,
    }  # fmt: skip


def _name(staff: Any) -> str:
    return "" if staff is None else (staff.get_full_name() or staff.username)


def _detail(request: HttpRequest, number: str) -> dict[str, Any]:
    sight = queries.ShipmentSight(acting_staff(request))
    shipment = _shipment(number)
    pieces = list(shipment.pieces.all())
    out = _out(shipment, sight, pieces=len(pieces), total=sum((p.insured_value for p in pieces), Decimal("0.00")))
    out.update(
        consignee_address=sight.address(shipment), consignee_phone=sight.phone(shipment),
        arranged_by=shipment.arranged_by, level=shipment.level, buyer_shipper=shipment.buyer_shipper,
        policy=str(shipment.policy) if shipment.policy is not None else "",
        export_reason=shipment.export_reason, incoterm=shipment.incoterm, carnet_number=shipment.carnet_number,
        return_expected_on=shipment.return_expected_on, declared_value=shipment.declared_value,
        due_back_on=shipment.due_back_on, carrier_name=shipment.carrier_name,
        proof_of_delivery=sight.words(shipment.proof_of_delivery, shipment), cancelled_reason=shipment.cancelled_reason,
        packed_by=_name(shipment.packed_by), checked_by=_name(shipment.checked_by),
        findings=[
            {"rule": f.get("rule", ""), "message": f.get("message", ""), "alternative": f.get("alternative", ""),
             "blocking": bool(f.get("blocking")), "source": f.get("source", "")}
            for f in shipment.findings if isinstance(f, dict)
        ],
        pieces=[
            {"position": p.position, "stock_number": p.item.stock_number, "parcel": p.parcel,
             "value_basis": p.value_basis, "insured_value": p.insured_value, "invoice_number": p.invoice_number,
             "description": p.description, "hs_code": p.hs_code, "hs_reason": p.hs_reason,
             "country_of_origin": p.country_of_origin, "materials": list(p.materials),
             "permit_number": p.permit_number, "net_weight_g": p.net_weight_g}
            for p in pieces
        ],
        parcels=[
            {"number": c.number, "seals": list(c.seals), "length_cm": c.length_cm, "width_cm": c.width_cm,
             "height_cm": c.height_cm, "gross_weight_g": c.gross_weight_g, "photos": len(c.photos.all())}
            for c in shipment.parcels.all()
        ],
        incidents=[_incident_out(incident) for incident in shipment.incidents.all()],
        history=[{"at": e.at, "by": _name(e.by), "status": e.status, "text": sight.words(e.text, shipment)}
                 for e in shipment.history.all()],
    )  # fmt: skip
    return out


def _input(payload: ShipmentIn) -> ShipmentInput:
    values = payload.model_dump(exclude={"pieces", "version"})
    pieces = [PieceInput(**piece.model_dump()) for piece in payload.pieces]
    return ShipmentInput(pieces=pieces, **values)


def _office(request: HttpRequest) -> Any:
    office = acting_staff(request).office
    if office is None:
        raise ShippingError("You have no office; a shipment leaves from an office.", code=E.REFUSED)
    return office


@router.get("/shipments", response=list[ShipmentOut], summary="Shipments, newest first")
@requires("shipping.view_shipping")
@paginate(LimitOffset)
def shipments_list(request: HttpRequest, filters: Query[ShipmentQuery]) -> Any:
    sight = queries.ShipmentSight(acting_staff(request))
    wanted = queries.ShipmentFilters(status=filters.status, office=filters.office, carrier_id=filters.carrier_id,
                                     text=filters.text)  # fmt: skip
    return _Shaped(queries.shipments(wanted, sight=sight), lambda row: _listed_out(row, sight))


@router.post("/shipments", response={201: ShipmentDetailOut}, summary="Prepare a shipment from your office")
@requires("shipping.handle_shipments")
def shipment_create(request: HttpRequest, payload: ShipmentIn) -> Status[dict[str, Any]]:
    shipment = services.shipment_create(office=_office(request), data=_input(payload), by=acting_staff(request))
    return Status(201, _detail(request, shipment.number))


@router.get("/shipments/{number}", response=ShipmentDetailOut, summary="A shipment, its pieces, parcels and history")
@requires("shipping.view_shipping")
def shipment_detail(request: HttpRequest, number: Number) -> dict[str, Any]:
    return _detail(request, number)


@router.put("/shipments/{number}", response=ShipmentDetailOut, summary="Change a shipment being prepared")
@requires("shipping.handle_shipments")
def shipment_update(request: HttpRequest, number: Number, payload: ShipmentUpdateIn) -> dict[str, Any]:
    services.shipment_update(shipment=_shipment(number), data=_input(payload), by=acting_staff(request),
                             expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post("/shipments/{number}/pack", response=ShipmentDetailOut, summary="Pack and seal the parcels")
@requires("shipping.handle_shipments")
def shipment_pack(request: HttpRequest, number: Number, payload: PackIn) -> dict[str, Any]:
    parcels = [ParcelInput(**parcel.model_dump()) for parcel in payload.parcels]
    services.shipment_pack(shipment=_shipment(number), parcels=parcels, checklist=payload.checklist,
                           by=acting_staff(request), expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post(
    "/shipments/{number}/parcels/{parcel}/photos",
    response={201: ShipmentDetailOut},
    summary=f"Add a photograph of a sealed parcel (at most {PHOTOS_MAX})",
)
@requires("shipping.handle_shipments")
def shipment_parcel_photo(
    request: HttpRequest, number: Number, parcel: ParcelNumber, payload: PhotoIn
) -> Status[dict[str, Any]]:
    try:
        content = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ShippingError("The file is not base64-encoded.", field="photo", code=E.INVALID_FILE) from None
    services.parcel_photo_add(shipment=_shipment(number), parcel_number=parcel, content=content,
                              by=acting_staff(request))  # fmt: skip
    return Status(201, _detail(request, number))


@router.post("/shipments/{number}/check", response=ShipmentDetailOut, summary="A second person checks the seals")
@requires("shipping.handle_shipments")
def shipment_check(request: HttpRequest, number: Number, payload: CheckIn) -> dict[str, Any]:
    seen = {row.parcel: row.seals for row in payload.seals}
    services.shipment_check_packing(shipment=_shipment(number), seals_seen=seen, by=acting_staff(request),
                                    expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post("/shipments/{number}/hand-over", response=ShipmentDetailOut, summary="Hand the parcels to the carrier")
@requires("shipping.handle_shipments")
def shipment_hand_over(request: HttpRequest, number: Number, payload: HandOverIn) -> dict[str, Any]:
    services.shipment_hand_over(shipment=_shipment(number), tracking_number=payload.tracking_number,
                                courier_name=payload.courier_name, by=acting_staff(request),
                                expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post("/shipments/{number}/deliver", response=ShipmentDetailOut, summary="Confirm the delivery, with proof")
@requires("shipping.handle_shipments")
def shipment_deliver(request: HttpRequest, number: Number, payload: DeliverIn) -> dict[str, Any]:
    services.shipment_deliver(shipment=_shipment(number), proof=payload.proof, by=acting_staff(request),
                              expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post("/shipments/{number}/back", response=ShipmentDetailOut, summary="The carrier brought it back")
@requires("shipping.handle_shipments")
def shipment_back(request: HttpRequest, number: Number, payload: BackIn) -> dict[str, Any]:
    services.shipment_back(shipment=_shipment(number), to=payload.to, reason=payload.reason,
                           by=acting_staff(request), expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post("/shipments/{number}/cancel", response=ShipmentDetailOut, summary="Cancel before the carrier has it")
@requires("shipping.handle_shipments")
def shipment_cancel(request: HttpRequest, number: Number, payload: ShipmentCancelIn) -> dict[str, Any]:
    services.shipment_cancel(shipment=_shipment(number), reason=payload.reason, to=payload.to,
                             by=acting_staff(request), expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post("/shipments/{number}/incidents", response={201: IncidentOut}, summary="Record an incident")
@requires("shipping.handle_shipments")
def shipment_incident_open(request: HttpRequest, number: Number, payload: IncidentIn) -> Status[dict[str, Any]]:
    incident = services.incident_open(
        shipment=_shipment(number), kind=payload.kind, description=payload.description,
        claim_reference=payload.claim_reference, carrier_reference=payload.carrier_reference, by=acting_staff(request),
    )  # fmt: skip
    return Status(201, _incident_out(queries.incident_by_number(incident.number)))


@router.post("/incidents/{number}/close", response=IncidentOut, summary="Close an incident")
@requires("shipping.handle_shipments")
def incident_close(request: HttpRequest, number: Number, payload: IncidentCloseIn) -> dict[str, Any]:
    incident = services.incident_close(incident=queries.incident_by_number(number), resolution=payload.resolution,
                                       claim_reference=payload.claim_reference, by=acting_staff(request))  # fmt: skip
    return _incident_out(queries.incident_by_number(incident.number))


@router.get("/incidents", response=list[IncidentOut], summary="Open incidents, newest first")
@requires("shipping.view_shipping")
@paginate(LimitOffset)
def incidents_list(request: HttpRequest) -> Any:
    return _Shaped(queries.incidents(), _incident_out)


def _pickup_out(pickup: Pickup) -> dict[str, Any]:
    return {
        "number": pickup.number, "office": pickup.office.code, "carrier": pickup.carrier.name,
        "pickup_at": pickup.pickup_at, "driver": pickup.driver,
        "shipments": sorted(row.number for row in pickup.shipments.all()),
    }  # fmt: skip


@router.get("/pickups", response=list[PickupOut], summary="Your office's carrier pickups, latest first")
@requires("shipping.view_shipping")
@paginate(LimitOffset)
def pickups_list(request: HttpRequest) -> Any:
    rows = queries.pickups(acting_staff(request).office).prefetch_related("shipments")
    return _Shaped(rows, _pickup_out)


@router.post("/pickups", response={201: PickupOut}, summary="Book a carrier's pickup of checked shipments")
@requires("shipping.handle_shipments")
def pickup_create(request: HttpRequest, payload: PickupIn) -> Status[dict[str, Any]]:
    pickup = services.pickup_create(office=_office(request), carrier_id=payload.carrier_id,
                                    pickup_at=payload.pickup_at, shipment_numbers=payload.shipments,
                                    by=acting_staff(request), driver=payload.driver)  # fmt: skip
    return Status(201, _pickup_out(queries.pickup_detail(pickup.number)))
