"""The sales API: the list of sales (by status and office), one sale with its settings, creating and
changing a sale (seniors; the version read is named, a stale one is refused) and moving it one status
forward. Amounts travel as strings ("12500.00"), never as floats."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from parure.auctions import queries
from parure.auctions.choices import SaleStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import IncrementTable, PremiumSchedule, Sale
from parure.auctions.services import sales as services
from parure.core.api import requires
from parure.core.models import Office
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.inventory.api.common import Shaped

router = Router()

Text = Annotated[str, Field(max_length=200)]
Figure = Annotated[str, Field(max_length=24, description="An amount as a string, such as 12500.00.")]
Version = Annotated[int, Field(ge=1, le=2**31 - 1)]


class SaleOut(Schema):
    code: str
    title: str
    office: str
    saleroom: str
    starts_at: datetime
    currency: str
    status: str
    lots_offered: int


class SaleDetailOut(SaleOut):
    version: int
    increment_table: str
    premium_schedule: str
    conditions_of_sale: str
    book_wins_ties: bool
    sell_one_step_below_reserve: bool
    go_backwards: bool
    opening_fraction: Decimal
    seller_bids: bool
    kyc_threshold: Decimal
    phone_spacing: int


class SaleFilters(Schema):
    status: SaleStatus | None = None
    office: Annotated[str, Field(max_length=2)] | None = None


class SaleChanges(Schema):
    title: Text | None = None
    office: Annotated[str, Field(max_length=2, description="The office's code: NY.")] | None = None
    saleroom: Annotated[str, Field(max_length=120)] | None = None
    starts_at: datetime | None = Field(None, description="With its offset (or Z); stored in UTC.")
    currency: Annotated[str, Field(max_length=3)] | None = None
    increment_table: Annotated[str, Field(max_length=40, description="The table's code.")] | None = None
    premium_schedule: Annotated[str, Field(max_length=40, description="The schedule's code.")] | None = None
    conditions_of_sale: Annotated[str, Field(max_length=services.CONDITIONS_MAX)] | None = None
    book_wins_ties: bool | None = None
    sell_one_step_below_reserve: bool | None = None
    go_backwards: bool | None = None
    opening_fraction: Figure | None = None
    seller_bids: bool | None = None
    kyc_threshold: Figure | None = None
    phone_spacing: Annotated[int, Field(ge=0, le=services.PHONE_SPACING_MAX)] | None = None


class SaleIn(SaleChanges):
    code: Annotated[str, Field(max_length=20)]
    title: Text
    office: Annotated[str, Field(max_length=2)]
    saleroom: Annotated[str, Field(max_length=120)]
    starts_at: datetime
    currency: Annotated[str, Field(max_length=3)]
    increment_table: Annotated[str, Field(max_length=40)] = "standard"
    premium_schedule: Annotated[str, Field(max_length=40)]


class SaleUpdateIn(SaleChanges):
    expected_version: Version


class AdvanceIn(Schema):
    expected_version: Version


def sale_out(sale: Sale, *, detail: bool = False) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "code": sale.code,
        "title": sale.title,
        "office": sale.office.code,
        "saleroom": sale.saleroom,
        "starts_at": sale.starts_at,
        "currency": sale.currency,
        "status": sale.status,
        "lots_offered": getattr(sale, "lots_offered", None)
        if hasattr(sale, "lots_offered")
        else sale.lots.filter(status="offered").count(),
    }
    if detail:
        shown.update(
            version=sale.version,
            increment_table=sale.increment_table.code,
            premium_schedule=sale.premium_schedule.code,
            **{
                name: getattr(sale, name)
                for name in (
                    "conditions_of_sale", "book_wins_ties", "sell_one_step_below_reserve", "go_backwards",
                    "opening_fraction", "seller_bids", "kyc_threshold", "phone_spacing",
                )
            },
        )  # fmt: skip
    return shown


def _office(code: str) -> Office:
    office = Office.objects.filter(code=code.strip().upper()).first()
    if office is None:
        raise AuctionError(f"No office has code {code[:2]}.", field="office", code=AuctionErrorCode.INVALID)
    return office


def _table(code: str) -> IncrementTable:
    table = IncrementTable.objects.filter(code=code.strip().lower()).first()
    if table is None:
        raise AuctionError(
            f"No increment table has code {code[:40]}.", field="increment_table", code=AuctionErrorCode.UNKNOWN_TABLE
        )
    return table


def _schedule(code: str) -> PremiumSchedule:
    schedule = PremiumSchedule.objects.filter(code=code.strip().lower()).first()
    if schedule is None:
        raise AuctionError(
            f"No premium schedule has code {code[:40]}.",
            field="premium_schedule",
            code=AuctionErrorCode.UNKNOWN_TABLE,
        )
    return schedule


def _changes(payload: SaleChanges) -> dict[str, Any]:
    given = payload.model_dump(exclude_unset=True, exclude={"code", "expected_version"})
    if given.get("office") is not None:
        given["office"] = _office(given["office"])
    if given.get("increment_table") is not None:
        given["increment_table"] = _table(given["increment_table"])
    if given.get("premium_schedule") is not None:
        given["premium_schedule"] = _schedule(given["premium_schedule"])
    for name, value in list(given.items()):
        if value is None:
            raise AuctionError(f"Give a value for {name}, or leave it out.", field=name, code=AuctionErrorCode.REQUIRED)
    return given


def _fresh(sale: Sale) -> dict[str, Any]:
    return sale_out(queries.sales().select_related("increment_table", "premium_schedule").get(pk=sale.pk), detail=True)


@router.get("/sales", response=list[SaleOut], operation_id="auctions_sales")
@requires("auctions.view_sales")
@paginate(LimitOffset)
def list_sales(request: HttpRequest, filters: Query[SaleFilters]) -> Any:
    rows = queries.sales().order_by("-starts_at", "code")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.office:
        rows = rows.filter(office__code=filters.office.upper())
    return Shaped(rows, sale_out, lambda page: None)


@router.get("/sales/{code}", response=SaleDetailOut, operation_id="auctions_sale")
@requires("auctions.view_sales")
def sale_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    return _fresh(queries.sale_by_code(code))


@router.post("/sales", response={201: SaleDetailOut}, operation_id="auctions_sale_create")
@requires("auctions.manage_sales")
def sale_create(request: HttpRequest, payload: SaleIn) -> Status[dict[str, Any]]:
    changes = _changes(payload)
    changes.setdefault("increment_table", _table(payload.increment_table))
    sale = services.sale_create(code=payload.code, by=acting_staff(request), **changes)
    return Status(201, _fresh(sale))


@router.patch("/sales/{code}", response=SaleDetailOut, operation_id="auctions_sale_update")
@requires("auctions.manage_sales")
def sale_update(request: HttpRequest, code: str, payload: SaleUpdateIn) -> dict[str, Any]:
    sale = queries.sale_by_code(code)
    services.sale_update(
        sale=sale, by=acting_staff(request), expected_version=payload.expected_version, **_changes(payload)
    )
    return _fresh(sale)


@router.post("/sales/{code}/advance", response=SaleDetailOut, operation_id="auctions_sale_advance")
@requires("auctions.manage_sales")
def sale_advance(request: HttpRequest, code: str, payload: AdvanceIn) -> dict[str, Any]:
    sale = queries.sale_by_code(code)
    services.sale_advance(sale=sale, by=acting_staff(request), expected_version=payload.expected_version)
    return _fresh(sale)
