"""Results over the API: a sale's results and totals, a senior's correction, the check before invoicing
(run, list, resolve), unsold pieces offered back, the results export, and the results feed research's
comparables read. A reserve is in a response only for a viewer who may see reserves (the key is absent
otherwise, not null); no response carries an absentee maximum."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from parure.auctions import queries, results_queries
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import CheckFinding, LotResult, UnsoldDecision
from parure.auctions.services import clerking
from parure.auctions.services import results as services
from parure.auctions.visibility import AuctionViewer
from parure.core import exports
from parure.core.access_log import record_access
from parure.core.api import requires
from parure.core.choices import AccessAction
from parure.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from parure.core.policy import acting_staff
from parure.inventory import queries as inventory_queries
from parure.inventory.errors import StockNumberError

router = Router()

Text = Annotated[str, Field(max_length=600)]
Short = Annotated[str, Field(max_length=40)]


class CorrectionOut(Schema):
    outcome: str
    hammer: Decimal | None
    paddle: str
    recorded_by: str
    recorded_at: datetime
    corrected_by: str
    corrected_at: datetime
    reason: str


class LotResultOut(Schema):
    lot: str
    heading: str
    stock_numbers: list[str]
    low_estimate: Decimal
    high_estimate: Decimal
    reserve: Decimal | None = Field(None, description="Only for viewers who may see reserves; absent otherwise.")
    outcome: str
    hammer: Decimal | None
    premium: Decimal | None
    total: Decimal | None
    paddle: str
    buyer: str
    bought_in_at: Decimal | None
    withdrawn_reason: str
    against_estimate: str
    corrections: list[CorrectionOut]


class TotalsOut(Schema):
    hammer: Decimal
    premium: Decimal
    total: Decimal
    lots: int
    sold: int
    bought_in: int
    withdrawn: int
    offered: int
    low_estimates_offered: Decimal
    high_estimates_offered: Decimal
    sell_through_by_lot: Decimal | None = Field(description=results_queries.SELL_THROUGH_BY_LOT_RULE)
    sell_through_by_value: Decimal | None = Field(description=results_queries.SELL_THROUGH_BY_VALUE_RULE)


class SaleResultsOut(Schema):
    sale: str
    currency: str
    status: str
    lots: list[LotResultOut]
    totals: TotalsOut
    open_findings: int


class CorrectIn(Schema):
    outcome: Short
    reason: Text
    hammer: Short | None = None
    paddle: Short = ""


class FindingOut(Schema):
    id: int
    lot: str
    kind: str
    detail: str
    status: str
    found_at: datetime
    found_by: str | None
    resolved_by: str | None
    resolved_at: datetime | None
    resolution: str


class CheckRunOut(Schema):
    added: int
    open: int
    findings: list[FindingOut]


class ResolveIn(Schema):
    resolution: Text


class UnsoldIn(Schema):
    stock_number: Short
    route: Short
    reoffer_sale: Short = ""
    note: Text = ""
    collected_by: Annotated[str, Field(max_length=300)] = ""


class DecisionOut(Schema):
    lot: str
    stock_number: str
    route: str
    reoffer_sale: str
    release_receipt: str
    note: str
    decided_by: str
    decided_at: datetime


class FeedRowOut(Schema):
    sale_code: str
    sale_date: date
    lot: str
    heading: str
    category: str
    maker: str
    hammer: Decimal | None
    premium: Decimal | None
    currency: str
    low_estimate: Decimal
    high_estimate: Decimal
    outcome: str


class FeedOut(Schema):
    count: int
    items: list[FeedRowOut]


class FeedQuery(Schema):
    since: date | None = Field(None, description="Sales held on or after this date.")
    category: Annotated[str, Field(max_length=40)] = ""
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def _line_out(line: results_queries.ResultLine, sees_reserves: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "lot": line.lot.label,
        "heading": line.lot.heading,
        "stock_numbers": line.stock_numbers,
        "low_estimate": line.lot.low_estimate,
        "high_estimate": line.lot.high_estimate,
        "outcome": line.outcome,
        "hammer": line.hammer,
        "premium": line.premium,
        "total": line.total,
        "paddle": line.paddle,
        "buyer": line.buyer,
        "bought_in_at": line.bought_in_at,
        "withdrawn_reason": line.withdrawn_reason,
        "against_estimate": line.against_estimate,
        "corrections": [vars(correction) for correction in line.corrections],
    }
    if sees_reserves:
        out["reserve"] = line.reserve
    return out


def _results_out(results: results_queries.SaleResults) -> dict[str, Any]:
    totals = results.totals
    return {
        "sale": results.sale.code,
        "currency": results.sale.currency,
        "status": results.sale.status,
        "lots": [_line_out(line, results.sees_reserves) for line in results.lines],
        "totals": {
            "hammer": totals.hammer,
            "premium": totals.premium,
            "total": totals.total,
            "lots": totals.lots,
            "sold": totals.sold,
            "bought_in": totals.bought_in,
            "withdrawn": totals.withdrawn,
            "offered": totals.offered,
            "low_estimates_offered": totals.low_offered,
            "high_estimates_offered": totals.high_offered,
            "sell_through_by_lot": totals.by_lot,
            "sell_through_by_value": totals.by_value,
        },
        "open_findings": results.open_findings,
    }


def _finding_out(finding: CheckFinding) -> dict[str, Any]:
    return {
        "id": finding.pk,
        "lot": finding.lot.label,
        "kind": finding.kind,
        "detail": finding.detail,
        "status": finding.status,
        "found_at": finding.found_at,
        "found_by": finding.found_by.get_full_name() if finding.found_by is not None else None,
        "resolved_by": finding.resolved_by.get_full_name() if finding.resolved_by is not None else None,
        "resolved_at": finding.resolved_at,
        "resolution": finding.resolution,
    }


@router.get(
    "/sales/{code}/results",
    response=SaleResultsOut,
    exclude_unset=True,
    summary="A sale's results: each lot's standing result and the totals",
)
@requires("auctions.view_results")
def results_of_sale(request: HttpRequest, code: str) -> dict[str, Any]:
    sale = queries.sale_by_code(code)
    return _results_out(results_queries.sale_results(sale, AuctionViewer(request.user)))


@router.post(
    "/sales/{code}/lots/{lot}/correct",
    response=LotResultOut,
    exclude_unset=True,
    summary="Correct a lot's result (a new result naming the one it corrects)",
)
@requires("auctions.correct_results")
def results_correct(request: HttpRequest, code: str, lot: str, payload: CorrectIn) -> dict[str, Any]:
    sale = queries.sale_by_code(code)
    the_lot = queries.lot_of(sale, lot)
    saved: LotResult = clerking.result_correct(
        lot=the_lot,
        by=acting_staff(request),
        reason=payload.reason,
        outcome=payload.outcome,
        hammer=payload.hammer,
        paddle=payload.paddle,
    )
    viewer = AuctionViewer(request.user)
    line = next(line for line in results_queries.sale_results(sale, viewer).lines if line.lot.pk == saved.lot_id)
    return _line_out(line, viewer.sees_reserves)


@router.get("/sales/{code}/check", response=list[FindingOut], summary="The check's findings for a sale")
@requires("auctions.view_check")
def check_findings(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    sale = queries.sale_by_code(code)
    return [_finding_out(line.finding) for line in results_queries.findings_of(sale, AuctionViewer(request.user))]


@router.post("/sales/{code}/check", response=CheckRunOut, summary="Run the check before invoicing")
@requires("auctions.run_check")
def check_run(request: HttpRequest, code: str) -> dict[str, Any]:
    sale = queries.sale_by_code(code)
    run = services.check_run(sale=sale, by=acting_staff(request))
    lines = results_queries.findings_of(sale, AuctionViewer(request.user))
    return {"added": len(run.added), "open": run.open, "findings": [_finding_out(line.finding) for line in lines]}


@router.post("/sales/{code}/findings/{finding}/resolve", response=FindingOut, summary="Resolve a finding")
@requires("auctions.resolve_findings")
def check_resolve(request: HttpRequest, code: str, finding: int, payload: ResolveIn) -> dict[str, Any]:
    sale = queries.sale_by_code(code)
    found = CheckFinding.objects.select_related("lot").filter(sale=sale, pk=finding) if 0 < finding < 2**63 else None
    row = found.first() if found is not None else None
    if row is None:
        raise AuctionError(
            f"Sale {sale.code} has no finding {finding}.", field="finding", code=AuctionErrorCode.UNKNOWN_LOT
        )
    done = services.finding_resolve(finding=row, by=acting_staff(request), resolution=payload.resolution)
    return _finding_out(done)


def _decision_out(decision: UnsoldDecision) -> dict[str, Any]:
    return {
        "lot": decision.lot.label,
        "stock_number": decision.item.stock_number,
        "route": decision.route,
        "reoffer_sale": decision.reoffer_sale.code if decision.reoffer_sale is not None else "",
        "release_receipt": decision.release_receipt,
        "note": decision.note,
        "decided_by": decision.decided_by.get_full_name(),
        "decided_at": decision.decided_at,
    }


@router.post("/sales/{code}/lots/{lot}/unsold", response=DecisionOut, summary="Offer an unsold piece back")
@requires("auctions.route_unsold")
def results_unsold_route(request: HttpRequest, code: str, lot: str, payload: UnsoldIn) -> dict[str, Any]:
    sale = queries.sale_by_code(code)
    the_lot = queries.lot_of(sale, lot)
    try:
        piece = inventory_queries.item_by_stock_number(payload.stock_number)
    except StockNumberError as refusal:
        raise AuctionError(refusal.message, field="stock_number", code=AuctionErrorCode.UNKNOWN_PIECE) from None
    later = queries.sale_by_code(payload.reoffer_sale) if payload.reoffer_sale.strip() else None
    decision = services.unsold_route(
        lot=the_lot,
        item=piece,
        route=payload.route,
        by=acting_staff(request),
        reoffer_sale=later,
        note=payload.note,
        collected_by=payload.collected_by,
    )
    return _decision_out(decision)


@router.get(
    "/sales/{code}/results/export",
    summary="The results export (Excel); the reserve column only for those who see reserves",
)
@requires("auctions.export_results")
def results_export(request: HttpRequest, code: str) -> HttpResponse:
    sale = queries.sale_by_code(code)
    header, rows = results_queries.export_table(results_queries.sale_results(sale, AuctionViewer(request.user)))
    content = exports.xlsx_bytes([exports.Sheet("Results", header=header, rows=rows)])
    record_access(
        request,
        action=AccessAction.EXPORT,
        subject_kind="export:sale_results",
        subject_ref=sale.code,
        detail=f"Sale results, {len(rows)} lots, as XLSX (API)",
    )
    response = HttpResponse(content, content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{sale.code}-results.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@router.get("/results/feed", response=FeedOut, summary="Sold and bought-in lots of closed sales, for comparables")
@requires("auctions.view_results")
def results_feed(request: HttpRequest, query: Query[FeedQuery]) -> dict[str, Any]:
    category = results_queries.feed_category(query.category)
    rows = results_queries.results_feed(
        viewer=AuctionViewer(request.user),
        since=query.since,
        category=category,
        offset=query.offset,
        limit=query.limit,
    )
    return {
        "count": results_queries.results_feed_count(since=query.since, category=category),
        "items": [vars(row) for row in rows],
    }
