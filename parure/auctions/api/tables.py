"""Increment tables and premium schedules over the API: every member of staff reads them (a sale's
terms are public to the house); seniors and administrators create and change them. Rates travel as
percentages ("27" is 27%); amounts as strings."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import IncrementTable, PremiumSchedule
from parure.auctions.services import tables as services
from parure.core.api import requires
from parure.core.models import Office
from parure.core.policy import acting_staff

router = Router()

Figure = Annotated[str, Field(max_length=24)]


class BandOut(Schema):
    start: Decimal
    step: Decimal | None
    pattern: str


class TableOut(Schema):
    code: str
    name: str
    standard: bool
    effective_from: date
    effective_to: date | None
    notes: str
    bands: list[BandOut]
    fixed: bool = Field(description="Standard, or used by a live or closed sale: it can no longer change.")


class PremiumBandOut(Schema):
    threshold: Decimal
    rate_percent: Decimal


class ExclusionOut(Schema):
    category: str = Field(description="The inventory's piece category: watch, loose_stone…")
    applies: str = Field(description="The code of the schedule that charges lots of it instead.")


class ScheduleOut(Schema):
    code: str
    name: str
    office: str | None = Field(description="The saleroom's office code; null on a schedule not yet given one.")
    currency: str
    exclusions: list[ExclusionOut]
    effective_from: date
    effective_to: date | None
    notes: str
    bands: list[PremiumBandOut]
    fixed: bool


class BandIn(Schema):
    start: Figure
    step: Figure = ""
    pattern: Annotated[str, Field(max_length=20)] = ""


class PremiumBandIn(Schema):
    threshold: Figure
    rate_percent: Figure


class DatesIn(Schema):
    name: Annotated[str, Field(max_length=120)]
    effective_from: date
    effective_to: date | None = None
    notes: Annotated[str, Field(max_length=services.NOTES_MAX)] = ""


class TableIn(DatesIn):
    code: Annotated[str, Field(max_length=40)] = ""
    bands: Annotated[list[BandIn], Field(max_length=services.BANDS_MAX)]


class ExclusionIn(Schema):
    category: Annotated[str, Field(max_length=20)]
    applies: Annotated[str, Field(max_length=40)]


class ScheduleIn(DatesIn):
    code: Annotated[str, Field(max_length=40)] = ""
    office: Annotated[str, Field(max_length=2, description="The saleroom's office code: NY, LN, GE, HK.")]
    currency: Annotated[str, Field(max_length=3)]
    bands: Annotated[list[PremiumBandIn], Field(max_length=services.BANDS_MAX)]
    exclusions: Annotated[list[ExclusionIn] | None, Field(max_length=20, description="Omitted: kept as they are.")] = (
        None
    )


def table_out(table: IncrementTable) -> dict[str, Any]:
    return {
        "code": table.code,
        "name": table.name,
        "standard": table.standard,
        "effective_from": table.effective_from,
        "effective_to": table.effective_to,
        "notes": table.notes,
        "bands": [{"start": b.start, "step": b.step, "pattern": b.pattern} for b in table.bands.all()],
        "fixed": services.is_fixed(table),
    }


def schedule_out(schedule: PremiumSchedule) -> dict[str, Any]:
    return {
        "code": schedule.code,
        "name": schedule.name,
        "office": schedule.office.code if schedule.office is not None else None,
        "currency": schedule.currency,
        "exclusions": [{"category": e.category, "applies": e.applies.code} for e in schedule.exclusions.all()],
        "effective_from": schedule.effective_from,
        "effective_to": schedule.effective_to,
        "notes": schedule.notes,
        "bands": [{"threshold": b.threshold, "rate_percent": (b.rate * 100).normalize()} for b in schedule.bands.all()],
        "fixed": services.is_fixed(schedule),
    }


def _table(code: str) -> IncrementTable:
    table = IncrementTable.objects.prefetch_related("bands").filter(code=code[:40]).first()
    if table is None:
        raise AuctionError(
            f"No increment table has code {code[:40]}.", field="code", code=AuctionErrorCode.UNKNOWN_TABLE
        )
    return table


def _schedule(code: str) -> PremiumSchedule:
    schedule = (
        PremiumSchedule.objects.select_related("office")
        .prefetch_related("bands", "exclusions__applies")
        .filter(code=code[:40])
        .first()
    )
    if schedule is None:
        raise AuctionError(
            f"No premium schedule has code {code[:40]}.", field="code", code=AuctionErrorCode.UNKNOWN_TABLE
        )
    return schedule


def _office(code: str) -> Office:
    office = Office.objects.filter(code=code.strip().upper()[:2]).first()
    if office is None:
        raise AuctionError(f"No office has code {code[:2]}.", field="office", code=AuctionErrorCode.INVALID)
    return office


def _exclusions(payload: ScheduleIn) -> list[services.ExclusionRow] | None:
    if payload.exclusions is None:
        return None
    return [services.ExclusionRow(category=e.category, applies=e.applies) for e in payload.exclusions]


@router.get("/increment-tables", response=list[TableOut], operation_id="auctions_tables")
@requires("auctions.view_sales")
def tables(request: HttpRequest) -> list[dict[str, Any]]:
    return [table_out(t) for t in IncrementTable.objects.prefetch_related("bands").order_by("code")]


@router.get("/increment-tables/{code}", response=TableOut, operation_id="auctions_table")
@requires("auctions.view_sales")
def table(request: HttpRequest, code: str) -> dict[str, Any]:
    return table_out(_table(code))


@router.post("/increment-tables", response={201: TableOut}, operation_id="auctions_table_create")
@requires("auctions.manage_tables")
def table_create(request: HttpRequest, payload: TableIn) -> Status[dict[str, Any]]:
    made = services.increment_table_save(
        by=acting_staff(request), code=payload.code, name=payload.name, effective_from=payload.effective_from,
        effective_to=payload.effective_to, notes=payload.notes,
        bands=[services.BandRow(start=b.start, step=b.step, pattern=b.pattern) for b in payload.bands],
    )  # fmt: skip
    return Status(201, table_out(_table(made.code)))


@router.put("/increment-tables/{code}", response=TableOut, operation_id="auctions_table_update")
@requires("auctions.manage_tables")
def table_update(request: HttpRequest, code: str, payload: TableIn) -> dict[str, Any]:
    saved = services.increment_table_save(
        by=acting_staff(request), table=_table(code), name=payload.name, effective_from=payload.effective_from,
        effective_to=payload.effective_to, notes=payload.notes,
        bands=[services.BandRow(start=b.start, step=b.step, pattern=b.pattern) for b in payload.bands],
    )  # fmt: skip
    return table_out(_table(saved.code))


@router.get("/premium-schedules", response=list[ScheduleOut], operation_id="auctions_schedules")
@requires("auctions.view_sales")
def schedules(request: HttpRequest) -> list[dict[str, Any]]:
    rows = PremiumSchedule.objects.select_related("office").prefetch_related("bands", "exclusions__applies")
    return [schedule_out(s) for s in rows.order_by("code")]


@router.get("/premium-schedules/{code}", response=ScheduleOut, operation_id="auctions_schedule")
@requires("auctions.view_sales")
def schedule(request: HttpRequest, code: str) -> dict[str, Any]:
    return schedule_out(_schedule(code))


@router.post("/premium-schedules", response={201: ScheduleOut}, operation_id="auctions_schedule_create")
@requires("auctions.manage_tables")
def schedule_create(request: HttpRequest, payload: ScheduleIn) -> Status[dict[str, Any]]:
    made = services.premium_schedule_save(
        by=acting_staff(request), code=payload.code, name=payload.name, effective_from=payload.effective_from,
        effective_to=payload.effective_to, notes=payload.notes,
        bands=[services.PremiumRow(threshold=b.threshold, rate=b.rate_percent) for b in payload.bands],
        office=_office(payload.office), currency=payload.currency, exclusions=_exclusions(payload),
    )  # fmt: skip
    return Status(201, schedule_out(_schedule(made.code)))


@router.put("/premium-schedules/{code}", response=ScheduleOut, operation_id="auctions_schedule_update")
@requires("auctions.manage_tables")
def schedule_update(request: HttpRequest, code: str, payload: ScheduleIn) -> dict[str, Any]:
    saved = services.premium_schedule_save(
        by=acting_staff(request), schedule=_schedule(code), name=payload.name, effective_from=payload.effective_from,
        effective_to=payload.effective_to, notes=payload.notes,
        bands=[services.PremiumRow(threshold=b.threshold, rate=b.rate_percent) for b in payload.bands],
        office=_office(payload.office), currency=payload.currency, exclusions=_exclusions(payload),
    )  # fmt: skip
    return schedule_out(_schedule(saved.code))
