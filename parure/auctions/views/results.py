"""After the sale: the results page (each lot's standing result, the totals, corrections, the unsold
pieces offered back), the results export, and the check before invoicing with its findings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from parure.auctions import queries, results_queries
from parure.auctions.choices import Outcome, UnsoldRoute
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import CheckFinding, Lot, Sale
from parure.auctions.services import clerking
from parure.auctions.services import results as services
from parure.auctions.visibility import AuctionViewer
from parure.core import exports, policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.policy import acting_staff
from parure.inventory import queries as inventory_queries
from parure.inventory.errors import StockNumberError

ROUTES = UnsoldRoute.choices
ID_MAX = 2**63 - 1  # a larger number is no row's id (and would overflow the database's integer)


def _sale(code: str) -> Sale:
    try:
        return queries.sale_by_code(code)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


def _lot(sale: Sale, label: str) -> Lot:
    try:
        return queries.lot_of(sale, label)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


def _results_page(
    request: HttpRequest,
    sale: Sale,
    *,
    refusal: AuctionError | None = None,
    refused_lot: str = "",
    form: str = "",
) -> HttpResponse:
    viewer = AuctionViewer(request.user)
    context: dict[str, Any] = {
        "sale": sale,
        "results": results_queries.sale_results(sale, viewer),
        "by_lot_rule": results_queries.SELL_THROUGH_BY_LOT_RULE,
        "by_value_rule": results_queries.SELL_THROUGH_BY_VALUE_RULE,
        "refusal": refusal,
        "refused_lot": refused_lot,
        "refused_form": form,
        "posted": request.POST if refusal is not None else {},
        "routes": ROUTES,
        "outcomes": Outcome.choices,
    }
    return render(request, "auctions/results.html", context, status=refusal.status if refusal is not None else 200)


@policy.requires("auctions.view_results")
@require_GET
def results(request: HttpRequest, code: str) -> HttpResponse:
    """Each lot's standing result, its corrections, the sale's totals and the unsold pieces."""
    return _results_page(request, _sale(code))


@policy.requires("auctions.correct_results")
@require_POST
def result_correct(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    """A senior corrects a lot's result from its row: a new result, with the reason."""
    sale = _sale(code)
    the_lot = _lot(sale, lot)
    try:
        clerking.result_correct(
            lot=the_lot,
            by=acting_staff(request),
            reason=request.POST.get("reason", ""),
            outcome=request.POST.get("outcome", ""),
            hammer=request.POST.get("hammer", ""),
            paddle=request.POST.get("paddle", ""),
        )
    except AuctionError as refusal:
        return _results_page(request, sale, refusal=refusal, refused_lot=the_lot.label, form="correct")
    messages.success(request, f"Lot {the_lot.label}'s result corrected.")
    return redirect(reverse("auctions:results", args=[sale.code]) + f"#lot-{the_lot.label}")


@policy.requires("auctions.route_unsold")
@require_POST
def unsold_route(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    """Send a bought-in lot's piece to a later sale, a private sale, or back to the consignor."""
    sale = _sale(code)
    the_lot = _lot(sale, lot)
    try:
        try:
            piece = inventory_queries.item_by_stock_number(request.POST.get("stock_number", ""))
        except StockNumberError as refusal:
            raise AuctionError(refusal.message, field="stock_number", code=AuctionErrorCode.UNKNOWN_PIECE) from None
        later_code = request.POST.get("reoffer_sale", "").strip()
        later = queries.sale_by_code(later_code) if later_code else None
        decision = services.unsold_route(
            lot=the_lot,
            item=piece,
            route=request.POST.get("route", ""),
            by=acting_staff(request),
            reoffer_sale=later,
            note=request.POST.get("note", ""),
            collected_by=request.POST.get("collected_by", ""),
        )
    except AuctionError as refusal:
        return _results_page(request, sale, refusal=refusal, refused_lot=the_lot.label, form="unsold")
    done = f"{piece.stock_number}: {decision.get_route_display().lower()}"
    if decision.release_receipt:
        done += f"; release receipt {decision.release_receipt} prepared for signature"
    messages.success(request, done + ".")
    return redirect(reverse("auctions:results", args=[sale.code]) + f"#lot-{the_lot.label}")


@policy.requires("auctions.export_results")
@require_GET
def results_export(request: HttpRequest, code: str) -> HttpResponse:
    """The sale's results as an Excel workbook (the reserve column only for those who see reserves); logged."""
    sale = _sale(code)
    header, rows = results_queries.export_table(results_queries.sale_results(sale, AuctionViewer(request.user)))
    content = exports.xlsx_bytes([exports.Sheet("Results", header=header, rows=rows)])
    record_access(
        request,
        action=AccessAction.EXPORT,
        subject_kind="export:sale_results",
        subject_ref=sale.code,
        detail=f"Sale results, {len(rows)} lots, as XLSX",
    )
    response = HttpResponse(content, content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{sale.code}-results.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


def _check_page(
    request: HttpRequest, sale: Sale, *, refusal: AuctionError | None = None, refused_finding: int | None = None
) -> HttpResponse:
    viewer = AuctionViewer(request.user)
    context = {
        "sale": sale,
        "findings": results_queries.findings_of(sale, viewer),
        "open_count": results_queries.open_findings(sale),
        "refusal": refusal,
        "refused_finding": refused_finding,
        "posted": request.POST if refusal is not None else {},
    }
    return render(request, "auctions/check.html", context, status=refusal.status if refusal is not None else 200)


@policy.requires("auctions.view_check")
@require_GET
def check(request: HttpRequest, code: str) -> HttpResponse:
    """The check before invoicing: its findings, open ones to resolve."""
    return _check_page(request, _sale(code))


@policy.requires("auctions.run_check")
@require_POST
def check_run(request: HttpRequest, code: str) -> HttpResponse:
    sale = _sale(code)
    try:
        run = services.check_run(sale=sale, by=acting_staff(request))
    except AuctionError as refusal:
        return _check_page(request, sale, refusal=refusal)
    added = len(run.added)
    messages.success(
        request,
        f"Check run: {added} new finding{'' if added == 1 else 's'}, {run.open} open.",
    )
    return redirect("auctions:check", sale.code)


@policy.requires("auctions.resolve_findings")
@require_POST
def finding_resolve(request: HttpRequest, code: str, finding: int) -> HttpResponse:
    sale = _sale(code)
    row = CheckFinding.objects.filter(sale=sale, pk=finding).first() if finding <= ID_MAX else None
    if row is None:
        raise Http404(f"Sale {sale.code} has no such finding.")
    try:
        services.finding_resolve(finding=row, by=acting_staff(request), resolution=request.POST.get("resolution", ""))
    except AuctionError as refusal:
        return _check_page(request, sale, refusal=refusal, refused_finding=row.pk)
    messages.success(request, f"Finding on lot {row.lot.label} resolved.")
    return redirect("auctions:check", sale.code)


urlpatterns = [
    path("<str:code>/results/", results, name="results"),
    path("<str:code>/results/export.xlsx", results_export, name="results_export"),
    path("<str:code>/results/<str:lot>/correct/", result_correct, name="result_correct"),
    path("<str:code>/results/<str:lot>/unsold/", unsold_route, name="unsold_route"),
    path("<str:code>/check/", check, name="check"),
    path("<str:code>/check/run/", check_run, name="check_run"),
    path("<str:code>/check/<int:finding>/resolve/", finding_resolve, name="finding_resolve"),
]
