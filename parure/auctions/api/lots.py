"""The lots API: a sale's lots in order, one lot, adding a lot by stock numbers, changing its heading
and estimates, setting its reserve (seniors), withdrawing it with a reason and moving it in the order.

The reserve is in a lot's JSON only for viewers who may read reserves: for everyone else the key is
absent (not null), so no client can tell a lot with a reserve from one without."""

from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from parure.auctions import queries
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import Lot
from parure.auctions.services import sales as services
from parure.auctions.visibility import AuctionViewer
from parure.core.api import requires
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.inventory.api.common import Shaped

router = Router()

Figure = Annotated[str, Field(max_length=24, description="An amount as a string, such as 12500.00.")]
Version = Annotated[int, Field(ge=1, le=2**31 - 1)]


class LotOut(Schema):
    sale: str
    number: str
    position: int
    heading: str
    low_estimate: Decimal
    high_estimate: Decimal
    reserve: Decimal | None = Field(None, description="Only for viewers who may read reserves; absent otherwise.")
    status: str
    withdrawn_reason: str
    pieces: list[str]
    version: int


class LotIn(Schema):
    stock_numbers: Annotated[list[Annotated[str, Field(max_length=40)]], Field(min_length=1, max_length=20)]
    heading: Annotated[str, Field(max_length=services.HEADING_MAX)] = Field("", description="Empty: the copy's.")
    low_estimate: Figure
    high_estimate: Figure
    number: Annotated[str, Field(max_length=8)] | None = None
    reserve: Figure | None = Field(None, description="Seniors only; refused for others.")


class LotUpdateIn(Schema):
    expected_version: Version
    heading: Annotated[str, Field(max_length=services.HEADING_MAX)] | None = None
    low_estimate: Figure | None = None
    high_estimate: Figure | None = None


class ReserveIn(Schema):
    expected_version: Version
    reserve: Figure | None = Field(None, description="Null for no reserve.")


class WithdrawIn(Schema):
    expected_version: Version
    reason: Annotated[str, Field(max_length=services.REASON_MAX)]


class LotMoveIn(Schema):
    position: Annotated[int, Field(ge=1, le=100000)]


def lot_out(lot: Lot, viewer: AuctionViewer) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "sale": lot.sale.code,
        "number": lot.label,
        "position": lot.position,
        "heading": lot.heading,
        "low_estimate": lot.low_estimate,
        "high_estimate": lot.high_estimate,
        "status": lot.status,
        "withdrawn_reason": lot.withdrawn_reason,
        "pieces": [entry.item.stock_number for entry in lot.pieces.all()],
        "version": lot.version,
    }
    if viewer.sees_reserves:
        shown["reserve"] = viewer.reserve(lot)
    return shown


def _answer(request: HttpRequest, lot: Lot) -> dict[str, Any]:
    sale = queries.sale_by_code(lot.sale.code)
    return lot_out(queries.lot_of(sale, lot.label), AuctionViewer(request.user))


@router.get("/sales/{code}/lots", response=list[LotOut], exclude_unset=True, operation_id="auctions_lots")
@requires("auctions.view_sales")
@paginate(LimitOffset)
def lots(request: HttpRequest, code: str) -> Any:
    viewer = AuctionViewer(request.user)
    return Shaped(queries.lots_of(queries.sale_by_code(code)), lambda lot: lot_out(lot, viewer), lambda page: None)


@router.get("/sales/{code}/lots/{lot}", response=LotOut, exclude_unset=True, operation_id="auctions_lot")
@requires("auctions.view_sales")
def lot_detail(request: HttpRequest, code: str, lot: str) -> dict[str, Any]:
    return lot_out(queries.lot_of(queries.sale_by_code(code), lot), AuctionViewer(request.user))


@router.post("/sales/{code}/lots", response={201: LotOut}, exclude_unset=True, operation_id="auctions_lot_create")
@requires("auctions.manage_lots")
def lot_create(request: HttpRequest, code: str, payload: LotIn) -> Status[dict[str, Any]]:
    sale = queries.sale_by_code(code)
    if payload.reserve is not None and not request.user.has_perm("auctions.set_reserves"):
        raise AuctionError(
            "Only a senior specialist sets a reserve; leave it out.",
            field="reserve",
            code=AuctionErrorCode.INVALID,
        )
    items = queries.pieces_named(" ".join(payload.stock_numbers), field="stock_numbers")
    first_copy = queries.approved_copy_of(items[0])
    heading = payload.heading.strip() or (first_copy.heading if first_copy is not None else items[0].title)
    lot = services.lot_create(
        sale=sale,
        items=items,
        heading=heading[: services.HEADING_MAX],
        low_estimate=payload.low_estimate,
        high_estimate=payload.high_estimate,
        reserve=payload.reserve,
        number=payload.number,
        by=acting_staff(request),
    )
    return Status(201, _answer(request, lot))


@router.patch("/sales/{code}/lots/{lot}", response=LotOut, exclude_unset=True, operation_id="auctions_lot_update")
@requires("auctions.manage_lots")
def lot_update(request: HttpRequest, code: str, lot: str, payload: LotUpdateIn) -> dict[str, Any]:
    found = queries.lot_of(queries.sale_by_code(code), lot)
    services.lot_update(
        lot=found,
        by=acting_staff(request),
        expected_version=payload.expected_version,
        heading=payload.heading,
        low_estimate=payload.low_estimate,
        high_estimate=payload.high_estimate,
    )
    return _answer(request, found)


@router.post(
    "/sales/{code}/lots/{lot}/reserve", response=LotOut, exclude_unset=True, operation_id="auctions_lot_reserve"
)
@requires("auctions.set_reserves")
def lot_reserve(request: HttpRequest, code: str, lot: str, payload: ReserveIn) -> dict[str, Any]:
    found = queries.lot_of(queries.sale_by_code(code), lot)
    services.lot_set_reserve(
        lot=found, by=acting_staff(request), expected_version=payload.expected_version, reserve=payload.reserve
    )
    return _answer(request, found)


@router.post(
    "/sales/{code}/lots/{lot}/withdraw", response=LotOut, exclude_unset=True, operation_id="auctions_lot_withdraw"
)
@requires("auctions.manage_lots")
def lot_withdraw(request: HttpRequest, code: str, lot: str, payload: WithdrawIn) -> dict[str, Any]:
    found = queries.lot_of(queries.sale_by_code(code), lot)
    services.lot_withdraw(
        lot=found, by=acting_staff(request), expected_version=payload.expected_version, reason=payload.reason
    )
    return _answer(request, found)


@router.post("/sales/{code}/lots/{lot}/move", response=LotOut, exclude_unset=True, operation_id="auctions_lot_move")
@requires("auctions.manage_lots")
def lot_move(request: HttpRequest, code: str, lot: str, payload: LotMoveIn) -> dict[str, Any]:
    found = queries.lot_of(queries.sale_by_code(code), lot)
    services.lot_move(lot=found, position=payload.position, by=acting_staff(request))
    return _answer(request, found)
