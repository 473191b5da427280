"""What the inventory's operations share: looking up what a request names, and shaping a piece,
an event or a consignment for the person asking (through :class:`PieceViewer`)."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from parure.core.models import Office
from parure.core.policy import acting_staff
from parure.inventory import queries
from parure.inventory.api.schemas import WitnessIn
from parure.inventory.errors import InvalidInput, InventoryErrorCode, StockNumberError
from parure.inventory.models import Consignment, CustodyEvent, Item, Location
from parure.inventory.services.witness import Witness, witness_confirm
from parure.inventory.visibility import PieceViewer


class Shaped:
    """A query paginated lazily (one page is read), each row shaped for the person asking.

    ``prime`` sees the page's rows before they are shaped, so the viewer can ask the client book
    once for the whole page.
    """

    def __init__(self, rows: Any, shape: Callable[[Any], dict[str, Any]], prime: Callable[[list[Any]], None]) -> None:
        self.rows, self.shape, self.prime = rows, shape, prime

    def __len__(self) -> int:
        return int(self.rows.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        page = list(self.rows[window])
        self.prime(page)
        return [self.shape(row) for row in page]


def item_named(stock_number: str) -> Item:
    try:
        return queries.item_by_stock_number(stock_number)
    except StockNumberError as refusal:
        raise InvalidInput(refusal.message, field="stock_number", code=InventoryErrorCode.INVALID) from None


def place_named(pk: int | None, field: str) -> Location | None:
    if pk is None:
        return None
    place = Location.objects.select_related("office").filter(pk=pk).first()
    if place is None:
        raise InvalidInput(
            f"No place has the id {pk}; see /api/v1/inventory/locations.", field=field, code=InventoryErrorCode.INVALID
        )
    return place


def office_named(code: str | None, field: str) -> Office | None:
    if not code:
        return None
    office = Office.objects.filter(code=code.upper()).first()
    if office is None:
        raise InvalidInput(f"No office has the code {code}.", field=field, code=InventoryErrorCode.INVALID)
    return office


def witness_of(request: HttpRequest, witness: WitnessIn | None) -> Witness | None:
    if witness is None:
        return None
    return witness_confirm(
        username=witness.username,
        password=witness.password,
        otp_code=witness.otp_code,
        actor=acting_staff(request),
    )


def item_out(item: Item, viewer: PieceViewer) -> dict[str, Any]:
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
        "stone_measurements": item.stone_measurements,
        "date_or_circa": item.date_or_circa,
        "maker": item.maker,
        "signature": item.signature,
        "serial_number": item.serial_number,
        "currency": item.currency,
        "estimate_low": item.estimate_low,
        "estimate_high": item.estimate_high,
        "status": item.status,
        "sale_state": item.sale_state,
        "sale_reference": item.sale_reference,
        "location": item.location_id,
        "location_name": item.location.name,
        "location_office": item.location.office.code,
        "holder": viewer.holder(item),
        "due_back": item.due_back,
        "transfer_destination": item.transfer_destination.code if item.transfer_destination else None,
        "custody_since": item.custody_since,
        "custody_seq": item.custody_seq,
    }
    if viewer.sees_consignments:
        out["consignment"] = item.consignment.number if item.consignment else None
    consignor = viewer.consignor_text(item.consignment)
    if consignor is not None:
        out["consignor"] = consignor
    if viewer.sees_values:
        out["stated_value"] = item.stated_value
        out["insurance_value"] = item.insurance_value
    return out


def event_out(event: CustodyEvent, viewer: PieceViewer, stock_number: str | None = None) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at,
        "kind": event.kind,
        "stock_number": stock_number or event.item.stock_number,
        "from_location": event.from_location_id,
        "to_location": event.to_location_id,
        "to_location_name": event.to_location.name,
        "counterpart": viewer.counterpart(event),
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


def consignment_out(consignment: Consignment, viewer: PieceViewer) -> dict[str, Any]:
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
    consignor = viewer.consignor_text(consignment)
    if consignor is not None:
        out["consignor"] = consignor
    return out
