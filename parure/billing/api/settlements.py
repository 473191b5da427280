"""Billing API: consignor settlements (list with their holds, one, made for a closed sale, approved, the
statement PDF), advances, payment runs (made from the settlements due, their SEPA file and CSV, marked
sent) and private sales. The same permissions as the pages; a payout IBAN is whole only for those who
pay (``billing.run_payments``), masked to its last four characters for everyone else."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from parure.auctions import queries as auctions
from parure.billing import payment_files
from parure.billing.choices import TaxTreatment
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Advance, PaymentRun, PrivateSale, Settlement
from parure.billing.services import private_sales as private
from parure.billing.services import settlements as services
from parure.billing.settlement_figures import rate_text
from parure.billing.settlement_pdf import statement_pdf
from parure.clients.payout import masked_iban
from parure.core.api import requires
from parure.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from parure.core.policy import acting_staff

router = Router()

Number = Annotated[str, Field(max_length=24)]
Short = Annotated[str, Field(max_length=80)]
Amount = Annotated[str, Field(max_length=24)]
Shown = Literal["", "due", "held", "draft", "in_run", "paid"]
Treatment = Literal["margin", "standard", "import_reduced", "import_standard"]


class PageQuery(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ListQuery(PageQuery):
    show: Shown = ""


class HoldOut(Schema):
    kind: str
    sentence: str


class SettlementLineOut(Schema):
    lot: str
    kind: str
    description: str
    amount: Decimal
    rate: Decimal | None
    basis: Decimal | None


class SettlementOut(Schema):
    number: str
    status: str
    standing: str
    consignor: str
    consignor_number: str
    consignment: str
    reference: str
    sold_on: date
    payable_from: date
    currency: str
    hammer: Decimal
    commission: Decimal
    fees: Decimal
    tax: Decimal
    advances: Decimal
    net: Decimal
    holds: list[HoldOut]
    payment_run: str | None
    payout_iban: str = Field(description="Whole for those who pay, masked to the last four otherwise.")
    rate: Decimal | None = Field(
        None,
        description="Settlement-currency units for one unit of the consignment's, when the terms were "
        "agreed in another currency.",
    )
    rate_on: date | None = Field(None, description="The day of that rate.")


class SettlementDetailOut(SettlementOut):
    lines: list[SettlementLineOut]
    terms: dict[str, Any]


class SettlementPage(Schema):
    count: int
    results: list[SettlementOut]


class SettlementRateIn(Schema):
    consignment: Number
    rate: Annotated[str, Field(max_length=24, description="Sale-currency units for one unit of the consignment's.")]


class SettlementsFromSaleIn(Schema):
    sale: Annotated[str, Field(max_length=20)]
    rates: Annotated[list[SettlementRateIn], Field(max_length=100)] = Field(
        default_factory=list, description="A rate per consignment agreed in another currency; without one it waits."
    )
    rates_on: date | None = Field(None, description="The day of the rates; the office's today by default.")


class WaitingQuery(Schema):
    sale: Annotated[str, Field(max_length=20)]


class RateWantedOut(Schema):
    consignment: str
    currency: str = Field(description="The currency the consignment's terms are agreed in.")
    sale_currency: str
    sentence: str


class PrivateSaleSettleIn(Schema):
    rate: Annotated[str, Field(max_length=24)] | None = Field(
        None, description="Private-sale currency units for one unit of the consignment's, when they differ."
    )
    rate_on: date | None = None


class ApproveIn(Schema):
    version: Annotated[int, Field(ge=1, le=2**31)] | None = None


class SettlementAdvanceIn(Schema):
    consignment: Number
    amount: Amount
    paid_on: date | None = None
    reference: Short


class AdvanceOut(Schema):
    id: int
    consignment: str
    amount: Decimal
    currency: str
    paid_on: date
    reference: str
    deducted_in: str | None


class RunIn(Schema):
    settlements: Annotated[list[Number], Field(min_length=1, max_length=services.RUN_MAX)]
    execution_date: date | None = None


class RunItemOut(Schema):
    settlement: str
    payee: str
    iban: str
    bic: str
    amount: Decimal


class RunOut(Schema):
    number: str
    office: str
    currency: str
    status: str
    total: Decimal
    execution_date: date
    created_at: datetime
    sent_at: datetime | None
    sent_by: str | None
    items: list[RunItemOut]


class PrivateSaleIn(Schema):
    stock_number: Number
    buyer: Annotated[str, Field(max_length=16)]
    price: Amount
    commission_rate: Annotated[str, Field(max_length=10)]
    tax_status: Treatment = TaxTreatment.MARGIN.value  # type: ignore[assignment]
    agreed_on: date | None = None


class PrivateSaleOut(Schema):
    number: str
    stock_number: str
    title: str
    price: Decimal
    currency: str
    commission_rate: Decimal
    agreed_on: date
    invoice: str | None
    settlement: str | None


def _settlement_out(request: HttpRequest, state: services.SettlementState) -> dict[str, Any]:
    record = state.settlement
    payout = state.payout
    iban = payout.iban if payout is not None else ""
    return {
        "number": record.number,
        "status": record.status,
        "standing": state.standing,
        "consignor": state.consignor_name,
        "consignor_number": state.consignor_number,
        "consignment": record.consignment_number,
        "reference": record.reference,
        "sold_on": record.sold_on,
        "payable_from": state.payable_from,
        "currency": record.currency,
        "hammer": record.hammer_total,
        "commission": record.commission_total,
        "fees": record.fees_total,
        "tax": record.tax_total,
        "advances": record.advances_total,
        "net": record.net_total,
        "holds": [{"kind": hold.kind, "sentence": hold.sentence} for hold in state.holds],
        "payment_run": state.run.number if state.run is not None else None,
        "payout_iban": iban if request.user.has_perm("billing.run_payments") else masked_iban(iban),
        "rate": rate_text(record.rate) if record.rate is not None else None,
        "rate_on": record.rate_on,
    }


def _rows() -> Any:
    return Settlement.objects.select_related("office", "private_sale", "private_sale__invoice")


@router.get("/settlements", response=SettlementPage, summary="Settlements, newest first, with their holds")
@requires("billing.view_settlements")
def settlements_list(
    request: HttpRequest,
    query: Query[ListQuery],
) -> dict[str, Any]:
    rows = list(_rows().order_by("-created_at", "-pk")[query.offset : query.offset + query.limit])
    states = services.states_of(rows)
    listed = [states[row.pk] for row in rows if not query.show or states[row.pk].standing == query.show]
    return {"count": len(listed), "results": [_settlement_out(request, state) for state in listed]}


@router.post(
    "/settlements/from-sale", response={201: list[SettlementOut]}, summary="Draft settlements for a closed sale"
)
@requires("billing.manage_settlements")
def settlements_from_sale(request: HttpRequest, payload: SettlementsFromSaleIn) -> tuple[int, list[dict[str, Any]]]:
    sale = auctions.sale_by_code(payload.sale)
    rates = {row.consignment: row.rate for row in payload.rates}
    if len(rates) != len(payload.rates):
        raise BillingError("Give each consignment's rate once.", field="rates", code=BillingErrorCode.INVALID)
    made = services.settlements_from_sale(sale=sale, by=acting_staff(request), rates=rates, rates_on=payload.rates_on)
    states = services.states_of(list(_rows().filter(pk__in=[row.pk for row in made]).order_by("number")))
    return 201, [_settlement_out(request, state) for state in states.values()]


@router.get(
    "/settlements/waiting-for-rate",
    response=list[RateWantedOut],
    summary="A sale's consignments agreed in another currency, waiting for their rate",
)
@requires("billing.manage_settlements")
def settlements_waiting_for_rate(request: HttpRequest, query: Query[WaitingQuery]) -> list[dict[str, Any]]:
    rows = services.waiting_for_rate(auctions.sale_by_code(query.sale))
    return [
        {"consignment": row.consignment, "currency": row.currency, "sale_currency": row.sale_currency,
         "sentence": row.sentence}
        for row in rows
    ]  # fmt: skip


def _detail(request: HttpRequest, record: Settlement) -> dict[str, Any]:
    out = _settlement_out(request, services.state_of(record))
    out["lines"] = [
        {"lot": line.lot_label, "kind": line.kind, "description": line.description, "amount": line.amount,
         "rate": line.rate, "basis": line.basis}
        for line in record.lines.order_by("position")
    ]  # fmt: skip
    out["terms"] = record.terms
    return out


@router.get("/settlements/{number}", response=SettlementDetailOut, summary="A settlement, its lines and holds")
@requires("billing.view_settlements")
def settlement_detail(request: HttpRequest, number: Number) -> dict[str, Any]:
    return _detail(request, services.settlement_by_number(number))


@router.post("/settlements/{number}/approve", response=SettlementDetailOut, summary="Approve a draft's figures")
@requires("billing.manage_settlements")
def settlement_approve(request: HttpRequest, number: Number, payload: ApproveIn) -> dict[str, Any]:
    record = services.settlement_by_number(number)
    services.settlement_approve(settlement=record, by=acting_staff(request), expected_version=payload.version)
    return _detail(request, services.settlement_by_number(number))


@router.get("/settlements/{number}/statement", summary="The consignor's statement (PDF)")
@requires("billing.view_settlements")
def settlement_statement(request: HttpRequest, number: Number) -> HttpResponse:
    record = services.settlement_by_number(number)
    response = HttpResponse(statement_pdf(services.state_of(record)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="settlement-{record.number}.pdf"'
    return response


def _advance_out(advance: Advance) -> dict[str, Any]:
    return {
        "id": advance.pk, "consignment": advance.consignment_number, "amount": advance.amount,
        "currency": advance.currency, "paid_on": advance.paid_on, "reference": advance.reference,
        "deducted_in": advance.deducted_in.number if advance.deducted_in is not None else None,
    }  # fmt: skip


@router.get("/advances", response=list[AdvanceOut], summary="Advances given to consignors")
@requires("billing.view_settlements")
def advances_list(
    request: HttpRequest,
    page: Query[PageQuery],
) -> list[dict[str, Any]]:
    rows = Advance.objects.select_related("deducted_in").order_by("-paid_on", "-pk")[
        page.offset : page.offset + page.limit
    ]
    return [_advance_out(row) for row in rows]


@router.post("/advances", response={201: AdvanceOut}, summary="Record an advance against a consignment")
@requires("billing.manage_settlements")
def advance_create(request: HttpRequest, payload: SettlementAdvanceIn) -> tuple[int, dict[str, Any]]:
    advance = services.advance_record(consignment_number=payload.consignment, amount=payload.amount,
                                      paid_on=payload.paid_on, reference=payload.reference,
                                      by=acting_staff(request))  # fmt: skip
    return 201, _advance_out(advance)


def _run_out(request: HttpRequest, run: PaymentRun) -> dict[str, Any]:
    pays = request.user.has_perm("billing.run_payments")
    return {
        "number": run.number, "office": run.office.code, "currency": run.currency, "status": run.status,
        "total": run.total, "execution_date": run.execution_date, "created_at": run.created_at,
        "sent_at": run.sent_at, "sent_by": run.sent_by.get_full_name() if run.sent_by is not None else None,
        "items": [
            {"settlement": item.settlement.number, "payee": item.creditor_name,
             "iban": item.iban if pays else masked_iban(item.iban), "bic": item.bic, "amount": item.amount}
            for item in services.run_items(run)
        ],
    }  # fmt: skip


@router.get("/payment-runs", response=list[RunOut], summary="Payment runs, newest first")
@requires("billing.view_settlements")
def payment_runs_list(
    request: HttpRequest,
    page: Query[PageQuery],
) -> list[dict[str, Any]]:
    rows = PaymentRun.objects.select_related("office", "sent_by").order_by("-created_at", "-pk")[
        page.offset : page.offset + page.limit
    ]
    return [_run_out(request, run) for run in rows]


@router.post("/payment-runs", response={201: RunOut}, summary="A run paying settlements due")
@requires("billing.run_payments")
def payment_run_create(request: HttpRequest, payload: RunIn) -> tuple[int, dict[str, Any]]:
    first = services.settlement_by_number(payload.settlements[0])
    run = services.payment_run_create(office=first.office, settlement_numbers=payload.settlements,
                                      execution_date=payload.execution_date, by=acting_staff(request))  # fmt: skip
    return 201, _run_out(request, services.run_by_number(run.number))


@router.get("/payment-runs/{number}", response=RunOut, summary="A payment run and its payments")
@requires("billing.view_settlements")
def payment_run_detail(request: HttpRequest, number: Number) -> dict[str, Any]:
    return _run_out(request, services.run_by_number(number))


@router.get("/payment-runs/{number}/sepa", summary="The run's SEPA credit transfer file (pain.001.001.03, EUR only)")
@requires("billing.run_payments")
def payment_run_sepa(request: HttpRequest, number: Number) -> HttpResponse:
    run = services.run_by_number(number)
    content = payment_files.sepa_credit_transfer(run, services.run_items(run), services.office_settings(run.office))
    response = HttpResponse(content, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{run.number}.xml"'
    return response


@router.get("/payment-runs/{number}/csv", summary="The run's payments as CSV (any currency)")
@requires("billing.run_payments")
def payment_run_csv(request: HttpRequest, number: Number) -> HttpResponse:
    run = services.run_by_number(number)
    response = HttpResponse(payment_files.payments_csv(run, services.run_items(run)), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{run.number}.csv"'
    return response


@router.post("/payment-runs/{number}/send", response=RunOut, summary="Mark the run sent: its settlements are paid")
@requires("billing.run_payments")
def payment_run_send(request: HttpRequest, number: Number) -> dict[str, Any]:
    run = services.payment_run_mark_sent(run=services.run_by_number(number), by=acting_staff(request))
    return _run_out(request, services.run_by_number(run.number))


def _private_out(sale: PrivateSale) -> dict[str, Any]:
    settled = Settlement.objects.filter(private_sale=sale).values_list("number", flat=True).first()
    return {**_private_out_fields(sale), "settlement": settled}


@router.get("/private-sales", response=list[PrivateSaleOut], summary="Private sales, newest first")
@requires("billing.view_private_sales")
def private_sales_list(
    request: HttpRequest,
    page: Query[PageQuery],
) -> list[dict[str, Any]]:
    rows = PrivateSale.objects.select_related("invoice", "settlement").order_by("-created_at", "-pk")
    out = []
    for sale in rows[page.offset : page.offset + page.limit]:
        settlement = getattr(sale, "settlement", None)
        out.append({**_private_out_fields(sale), "settlement": settlement.number if settlement else None})
    return out


def _private_out_fields(sale: PrivateSale) -> dict[str, Any]:
    return {
        "number": sale.number, "stock_number": sale.stock_number, "title": sale.title, "price": sale.price,
        "currency": sale.currency, "commission_rate": sale.commission_rate, "agreed_on": sale.agreed_on,
        "invoice": sale.invoice.label if sale.invoice is not None else None,
    }  # fmt: skip


@router.post("/private-sales", response={201: PrivateSaleOut}, summary="Record a private sale and draft its invoice")
@requires("billing.manage_private_sales")
def private_sale_create(request: HttpRequest, payload: PrivateSaleIn) -> tuple[int, dict[str, Any]]:
    sale = private.private_sale_create(
        stock_number=payload.stock_number, buyer_number=payload.buyer, price=payload.price,
        commission_rate=payload.commission_rate, tax_status=payload.tax_status, agreed_on=payload.agreed_on,
        by=acting_staff(request),
    )  # fmt: skip
    return 201, _private_out(sale)


@router.get("/private-sales/{number}", response=PrivateSaleOut, summary="A private sale")
@requires("billing.view_private_sales")
def private_sale_detail(request: HttpRequest, number: Number) -> dict[str, Any]:
    return _private_out(private.private_sale_by_number(number))


@router.post("/private-sales/{number}/settle", response={201: SettlementDetailOut},
             summary="Settle the consignor of a private sale paid in full")  # fmt: skip
@requires("billing.manage_settlements")
def private_sale_settle(
    request: HttpRequest, number: Number, payload: PrivateSaleSettleIn | None = None
) -> tuple[int, dict[str, Any]]:
    stated = payload or PrivateSaleSettleIn(rate=None, rate_on=None)
    made = services.settlement_for_private_sale(private_sale=private.private_sale_by_number(number),
                                                by=acting_staff(request), rate=stated.rate,
                                                rate_on=stated.rate_on)  # fmt: skip
    return 201, _detail(request, services.settlement_by_number(made.number))
