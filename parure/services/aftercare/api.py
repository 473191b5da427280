"""Post-sale orders over the API (mounted by parure.services.api.router): the list (filtered by kind, status,
due and office), one order with its history, taking an order, the client's proof approval, and a step.

An order is named by its number (``NY-AC-26-00012-4``); a mistyped number is refused by its check digit.
Amounts are decimal strings in the order's currency; an appraisal's value is null for a viewer who may not
see valuations. A refusal answers with its sentence, code and field."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from parure.clients import queries as client_book
from parure.core.api import requires
from parure.core.models import Office
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.inventory.api.common import Shaped, witness_of
from parure.inventory.api.schemas import WitnessIn
from parure.services.aftercare import queries
from parure.services.aftercare import services as aftercare
from parure.services.aftercare.choices import AftercareKind, AftercareStatus
from parure.services.aftercare.models import AftercareOrder
from parure.services.errors import ServicesError, ServicesErrorCode

router = Router()

Short = Annotated[str, Field(max_length=40)]
Code = Annotated[str, Field(max_length=20)]
Note = Annotated[str, Field(max_length=500)]


class AftercareEventOut(Schema):
    seq: int
    from_status: str
    to_status: str
    by: str
    at: datetime
    note: str


class AftercareOrderOut(Schema):
    number: str
    kind: str
    status: str
    office: str
    stock_number: str
    sold_stock_number: str
    piece_title: str
    sale_invoice: str
    client_number: str
    client: str
    due_on: date
    overdue: bool
    currency: str
    charge: Decimal
    charge_invoice: str
    bench: str


class AftercareOrderDetailOut(AftercareOrderOut):
    notes: str
    size_system: str
    current_size: str
    target_size: str
    current_circumference_mm: Decimal | None
    target_circumference_mm: Decimal | None
    setting: str
    acknowledged_warnings: list[str]
    engraving_text: str
    font_style: str
    engraving_side: str
    engraving_position: str
    band_width_mm: Decimal | None
    character_limit: int | None
    proof_approved_by: str
    proof_approved_at: datetime | None
    proof_method: str
    appraised_value: Decimal | None = Field(description="Null unless the viewer may see valuations.")
    appraisal_effective_on: date | None
    appraiser: str
    laboratory: str
    report_number: str
    updated_report_number: str
    history: list[AftercareEventOut]


class AftercareOrderIn(Schema):
    kind: Code
    stock_number: Short = ""
    invoice_number: Short = ""
    due_on: date
    charge: Annotated[str, Field(max_length=20, description="Before tax; 0 when included in the sale.")] = "0"
    notes: Annotated[str, Field(max_length=2000)] = ""
    size_system: Annotated[str, Field(max_length=4)] = ""
    current_size: Annotated[str, Field(max_length=8)] = ""
    target_size: Annotated[str, Field(max_length=8)] = ""
    setting: Code = ""
    has_engraving: bool = False
    acknowledge_warnings: bool = False
    bring_back: bool = Field(False, description="The buyer has brought back the piece released to them.")
    engraving_text: Annotated[str, Field(max_length=120)] = ""
    font_style: Code = ""
    engraving_side: Code = ""
    engraving_position: Code = ""
    band_width_mm: Annotated[str, Field(max_length=8)] = ""
    laboratory: Code = ""
    report_number: Short = ""


class AftercareProofIn(Schema):
    approved_by: Annotated[str, Field(max_length=200)]
    method: Code
    approved_at: datetime | None = None
    note: Annotated[str, Field(max_length=300)] = ""


class AftercareStatusIn(Schema):
    to: Code
    note: Note = ""
    bench: Annotated[str, Field(max_length=30, description="The bench jeweler's place code, e.g. BENCH-AM.")] = ""
    appraised_value: Annotated[str, Field(max_length=20)] = ""
    effective_on: date | None = None
    updated_report_number: Short = ""
    witness: WitnessIn | None = Field(None, description="A second member of staff, when custody's four eyes ask.")


class AftercareFilters(Schema):
    kind: Code = ""
    status: Code = ""
    due: Code = Field("", description="overdue, or week (due in 7 days or overdue).")
    office: Annotated[str, Field(max_length=4)] = ""


def _order(number: str) -> AftercareOrder:
    return queries.order_by_number(number[:40])


def _out(order: AftercareOrder, *, label: Any, today: date) -> dict[str, Any]:
    return {
        "number": order.number,
        "kind": order.kind,
        "status": order.status,
        "office": order.office.code,
        "stock_number": order.stock_number,
        "sold_stock_number": order.sold_stock_number,
        "piece_title": order.piece_title,
        "sale_invoice": order.sale_invoice_number,
        "client_number": label.number if label else "",
        "client": label.name if label else "",
        "due_on": order.due_on,
        "overdue": queries.is_overdue(order, today),
        "currency": order.currency,
        "charge": order.charge,
        "charge_invoice": order.charge_invoice_number,
        "bench": order.bench.code if order.bench is not None else "",
    }


def _detail(request: HttpRequest, order: AftercareOrder) -> dict[str, Any]:
    order = _order(order.number)
    viewer = queries.AftercareViewer(request.user)
    label = client_book.client_labels(request.user, [order.buyer_id]).get(order.buyer_id)
    return {
        **_out(order, label=label, today=aftercare.office_today(order.office)),
        "notes": order.notes,
        "size_system": order.size_system,
        "current_size": order.current_size,
        "target_size": order.target_size,
        "current_circumference_mm": order.current_circumference_mm,
        "target_circumference_mm": order.target_circumference_mm,
        "setting": order.setting,
        "acknowledged_warnings": [line for line in order.acknowledged_warnings.splitlines() if line],
        "engraving_text": order.engraving_text,
        "font_style": order.font_style,
        "engraving_side": order.engraving_side,
        "engraving_position": order.engraving_position,
        "band_width_mm": order.band_width_mm,
        "character_limit": order.character_limit,
        "proof_approved_by": order.proof_approved_by,
        "proof_approved_at": order.proof_approved_at,
        "proof_method": order.proof_method,
        "appraised_value": viewer.appraised_value(order),
        "appraisal_effective_on": order.appraisal_effective_on,
        "appraiser": order.appraiser.get_full_name() if order.appraiser else "",
        "laboratory": order.laboratory,
        "report_number": order.report_number,
        "updated_report_number": order.updated_report_number,
        "history": [
            {
                "seq": e.seq,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "by": e.by.get_full_name(),
                "at": e.at,
                "note": e.note,
            }
            for e in queries.history(order)
        ],
    }


def _refuse_unknown(value: str, allowed: list[str], field: str, what: str) -> None:
    if value and value not in allowed:
        raise ServicesError(f"‘{value}’ is not {what}: use one of {', '.join(allowed)}.", field=field,
                            code=ServicesErrorCode.INVALID)  # fmt: skip


@router.get("/post-sale/orders", response=list[AftercareOrderOut], summary="Post-sale orders, soonest due first")
@requires("services.view_aftercare")
@paginate(LimitOffset)
def aftercare_orders(request: HttpRequest, filters: Query[AftercareFilters]) -> Any:
    _refuse_unknown(filters.kind, list(AftercareKind.values), "kind", "a service")
    _refuse_unknown(filters.status, ["open", *AftercareStatus.values], "status", "a status")
    _refuse_unknown(filters.due, [queries.DueFilter.OVERDUE, queries.DueFilter.WEEK], "due", "a due filter")
    today_of = {office.pk: aftercare.office_today(office) for office in Office.objects.all()}
    fallback = next(iter(today_of.values()), date.today())
    rows = queries.filtered(queries.orders(), kind=filters.kind, status=filters.status, due=filters.due,
                            office=filters.office, today=fallback)  # fmt: skip
    labels: dict[int, Any] = {}

    def prime(page: list[AftercareOrder]) -> None:
        labels.update(client_book.client_labels(request.user, {row.buyer_id for row in page}))

    def shape(row: AftercareOrder) -> dict[str, Any]:
        return _out(row, label=labels.get(row.buyer_id), today=today_of.get(row.office_id, fallback))

    return Shaped(rows.order_by("due_on", "number"), shape, prime)


@router.get("/post-sale/orders/{number}", response=AftercareOrderDetailOut, summary="One post-sale order")
@requires("services.view_aftercare")
def aftercare_order(request: HttpRequest, number: str) -> dict[str, Any]:
    return _detail(request, _order(number))


@router.post("/post-sale/orders", response={201: AftercareOrderDetailOut}, summary="Take a post-sale order")
@requires("services.manage_aftercare")
def aftercare_order_create(request: HttpRequest, payload: AftercareOrderIn) -> Status[dict[str, Any]]:
    draft = aftercare.OrderDraft(**payload.dict())
    made = aftercare.aftercare_order_create(draft=draft, by=acting_staff(request))
    return Status(201, _detail(request, made))


@router.post("/post-sale/orders/{number}/proof", response=AftercareOrderDetailOut,
             summary="Record the client's approval of an engraving's proof")  # fmt: skip
@requires("services.manage_aftercare")
def aftercare_proof_approve(request: HttpRequest, number: str, payload: AftercareProofIn) -> dict[str, Any]:
    order = aftercare.aftercare_proof_approve(order=_order(number), approved_by=payload.approved_by,
                                              method=payload.method, approved_at=payload.approved_at,
                                              note=payload.note, by=acting_staff(request))  # fmt: skip
    return _detail(request, order)


@router.post("/post-sale/orders/{number}/status", response=AftercareOrderDetailOut,
             summary="Move an order on: proof_sent, at_bench, done, delivered or cancelled")  # fmt: skip
@requires("services.manage_aftercare")
def aftercare_status_change(request: HttpRequest, number: str, payload: AftercareStatusIn) -> dict[str, Any]:
    order = _order(number)
    bench = None
    if payload.bench:
        wanted = payload.bench.strip().upper()
        bench = next((place for place in aftercare.bench_places(order.office) if place.code == wanted), None)
        if bench is None:
            raise ServicesError(f"‘{payload.bench.strip()}’ is not a bench jeweler of {order.office.name}.",
                                field="bench", code=ServicesErrorCode.INVALID)  # fmt: skip
    change = aftercare.StatusChange(to=payload.to, note=payload.note, bench=bench,
                                    appraised_value=payload.appraised_value or None, effective_on=payload.effective_on,
                                    updated_report_number=payload.updated_report_number,
                                    witness=witness_of(request, payload.witness))  # fmt: skip
    return _detail(request, aftercare.aftercare_status_change(order=order, change=change, by=acting_staff(request)))
