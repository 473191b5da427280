"""The day's pages: the clerk's screen (keyboard only, one endpoint per key), the saleroom board with
its polled state, and the day's exchange rates.

Every key posts one form; the view calls one clerking service and answers with the screen's panel
(htmx) or the whole page. A refusal is a sentence in the panel's alert region, and the form keeps
what was typed; nothing is saved. Reserves and maxima reach the panel only for those who may read
them (:class:`~parure.auctions.visibility.AuctionViewer`); the board shows amounts and the lot only.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.auctions import board, engine, queries
from parure.auctions.choices import BidSource, Outcome, SaleStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.execution import engine_bid, ladder_for
from parure.auctions.models import ExchangeRate, Lot, LotResult, Sale
from parure.auctions.services import clerking
from parure.auctions.services.rates import RATES_MAX, rates_set
from parure.auctions.visibility import AuctionViewer
from parure.core import policy
from parure.core.policy import acting_staff

NOT_LIVE = "The sale is not live yet; the clerk's screen opens when a senior takes it live."
CLOSED = "The sale is closed; its results are on the results page."
SOURCE_LABELS = dict(BidSource.choices)


def _sale(code: str) -> Sale:
    try:
        return queries.sale_by_code(code)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


def _lot(sale: Sale, label: str) -> Lot:
    try:
        return board.lot_by_label(sale, label)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


# --- The clerk's screen ---------------------------------------------------------------------------
def _result_text(result: LotResult) -> str:
    if result.outcome == Outcome.SOLD and result.hammer is not None:
        where = f" ({SOURCE_LABELS.get(result.source, result.source).lower()})" if result.source else ""
        return f"Sold for {engine.format_amount(result.hammer)} to paddle {result.paddle}{where}"
    if result.outcome == Outcome.WITHDRAWN:
        return f"Withdrawn: {result.reason}" if result.reason else "Withdrawn"
    if result.bought_in_at is not None:
        return f"Bought in at {engine.format_amount(result.bought_in_at)}"
    return "Bought in, no bid"


def _withdrawn_text(lot: Lot) -> str:
    if not lot.is_withdrawn:
        return ""
    return f"Withdrawn: {lot.withdrawn_reason}" if lot.withdrawn_reason else "Withdrawn"


def _log_rows(state: clerking.LotState, viewer: AuctionViewer) -> list[dict[str, str]]:
    """The lot's bids so far; a book bid names its paddle only to those who may read the book."""
    rows = []
    for record in state.run.log:
        paddle = record.paddle or ""
        if record.source is engine.Source.BOOK and not viewer.sees_maxima:
            paddle = ""
        rows.append(
            {
                "sequence": str(record.sequence),
                "source": SOURCE_LABELS.get(record.source.value, record.source.value),
                "paddle": paddle,
                "line": record.line or "",
                "amount": engine.format_amount(record.amount),
            }
        )
    return rows


def _book(lot: Lot, viewer: AuctionViewer) -> tuple[int, list[dict[str, str]]]:
    """The lot's absentee book as it stands: its size for everyone, its rows (paddles, maxima in
    execution order) only for those who may read maxima."""
    rows = clerking.book_rows(lot)
    if not viewer.sees_maxima:
        return len(rows), []
    ladder = ladder_for(lot.sale)
    ordered = engine.execution_order([engine_bid(row) for row in rows], ladder)
    return len(rows), [
        {"paddle": bid.paddle, "maximum": engine.format_amount(maximum), "channel": bid.channel.value}
        for bid, maximum in ordered
    ]


def _panel(
    request: HttpRequest,
    sale: Sale,
    lot: Lot | None,
    *,
    refusal: AuctionError | None = None,
    form: str = "",
    typed: dict[str, str] | None = None,
) -> dict[str, Any]:
    viewer = AuctionViewer(request.user)
    context: dict[str, Any] = {
        "sale": sale,
        "lot": lot,
        "viewer": viewer,
        "live": sale.status == SaleStatus.LIVE,
        "not_live": NOT_LIVE if sale.status != SaleStatus.LIVE and sale.status != SaleStatus.CLOSED else "",
        "closed_text": CLOSED if sale.status == SaleStatus.CLOSED else "",
        "refusal": refusal.message if refusal is not None else "",
        "refused_field": (refusal.field or "") if refusal is not None else "",
        "form": form,
        "typed": typed or {},
    }
    if lot is None:
        return context
    current = clerking.lot_state(lot)
    state = current.state
    ended = current.closed or lot.is_withdrawn
    before, after = board.neighbours(sale, lot)
    count, book = _book(lot, viewer)
    lines = lot.telephone_bids.filter(cancelled=False).exclude(line="").select_related("registration", "staff")
    context.update(
        current=current,
        phase=state.phase.value,
        ended=ended,
        asking=engine.format_amount(state.asking) if state.asking is not None and not ended else "",
        standing=engine.format_amount(state.current) if state.current is not None and current.opened else "",
        holder=state.holder.where if state.holder is not None and current.opened else "",
        instruction=state.instruction.text if not ended else "",
        result_text=_result_text(current.result) if current.result is not None else _withdrawn_text(lot),
        reserve=viewer.reserve(lot),
        reserve_text=engine.format_amount(lot.reserve) if viewer.sees_reserves and lot.reserve is not None else "",
        book_count=count,
        book=book,
        lines=[
            {
                "line": line.line,
                "paddle": line.registration.paddle,
                "staff": line.staff.get_full_name() if line.staff else "",
                "failed": line.line_failed_at is not None,
            }
            for line in lines
        ],
        log=_log_rows(current, viewer),
        before=before,
        after=after,
        low=engine.format_amount(lot.low_estimate),
        high=engine.format_amount(lot.high_estimate),
        standing_value=str(state.current) if state.current is not None and current.opened else "",
    )
    return context


def _screen(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    template = "auctions/partials/clerk_panel.html" if request.htmx else "auctions/clerk.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=status)


@policy.requires("auctions.clerk")
@require_GET
def clerk(request: HttpRequest, code: str) -> HttpResponse:
    """The clerk's screen on the lot in hand (the first still to be sold, or ``?lot=12A``)."""
    sale = _sale(code)
    lot: Lot | None = None
    if sale.status == SaleStatus.LIVE:
        label = request.GET.get("lot", "")[:8]
        try:
            lot = board.lot_in_hand(sale, label or None)
        except AuctionError as refusal:
            raise Http404(refusal.message) from None
    return _screen(request, _panel(request, sale, lot))


def _typed(request: HttpRequest, *names: str) -> dict[str, str]:
    return {name: request.POST.get(name, "")[:40] for name in names}


def _key(request: HttpRequest, code: str, lot_label: str, form: str, act: Any, *fields: str) -> HttpResponse:
    """One key of the clerk's: the service ``act(lot, by)``, then the panel (a refusal: its sentence)."""
    sale = _sale(code)
    lot = _lot(sale, lot_label)
    typed = _typed(request, *fields)
    try:
        act(lot, acting_staff(request), typed)
    except AuctionError as refusal:
        return _screen(request, _panel(request, sale, lot, refusal=refusal, form=form, typed=typed), refusal.status)
    # These keys leave the lot's own row as it was (only a withdrawal changes it): no need to read it again.
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect(f"{reverse('auctions:clerk', args=[sale.code])}?lot={lot.label}")
    return _screen(request, _panel(request, sale, lot))


@policy.requires("auctions.clerk")
@require_POST
def clerk_open(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    return _key(request, code, lot, "open", lambda lot, by, typed: clerking.clerk_open(lot=lot, by=by))


def _bid(lot: Lot, by: Any, typed: dict[str, str]) -> None:
    source = typed["source"]
    paddle = typed["paddle"]
    if source == BidSource.PHONE and not paddle.strip() and typed["line"].strip():
        # The line is the bidder's: the clerk keys the line, the paddle follows from the telephone sheet.
        booked = lot.telephone_bids.filter(cancelled=False, line=typed["line"].strip()).select_related("registration")
        found = booked.first()
        if found is None:
            raise AuctionError(
                f"Lot {lot.label} has no telephone line {typed['line'].strip()}; assign the line on the telephone"
                " sheet first.",
                field="line",
                code=AuctionErrorCode.BID_REFUSED,
            )
        paddle = found.registration.paddle
    clerking.clerk_bid(lot=lot, source=source, paddle=paddle, line=typed["line"], amount=typed["amount"] or None, by=by)


@policy.requires("auctions.clerk")
@require_POST
def clerk_bid(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    form = request.POST.get("form", "room")[:8]
    form = form if form in ("room", "phone", "online", "jump") else "room"
    return _key(request, code, lot, form, _bid, "source", "paddle", "line", "amount")


@policy.requires("auctions.clerk")
@require_POST
def clerk_no_bid(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    return _key(request, code, lot, "no_bid", lambda lot, by, typed: clerking.clerk_no_bid(lot=lot, by=by))


@policy.requires("auctions.clerk")
@require_POST
def clerk_hammer(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    return _key(
        request, code, lot, "hammer",
        lambda lot, by, typed: clerking.clerk_hammer(lot=lot, by=by, amount=typed["amount"] or None), "amount",
    )  # fmt: skip


@policy.requires("auctions.clerk")
@require_POST
def clerk_pass(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    return _key(request, code, lot, "pass", lambda lot, by, typed: clerking.clerk_pass(lot=lot, by=by))


@policy.requires("auctions.clerk")
@require_POST
def clerk_withdraw(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    sale = _sale(code)
    lot_row = _lot(sale, lot)
    reason = request.POST.get("reason", "")[:600]
    try:
        clerking.clerk_withdraw(lot=lot_row, by=acting_staff(request), reason=reason)
    except AuctionError as refusal:
        lot_row.refresh_from_db()
        context = _panel(request, sale, lot_row, refusal=refusal, form="withdraw", typed={"reason": reason})
        return _screen(request, context, refusal.status)
    lot_row.refresh_from_db()
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect(f"{reverse('auctions:clerk', args=[sale.code])}?lot={lot_row.label}")
    return _screen(request, _panel(request, sale, lot_row))


# --- The saleroom board ---------------------------------------------------------------------------
def _board_json(state: board.BoardState) -> dict[str, Any]:
    return asdict(state)


@policy.requires("auctions.view_board")
@require_GET
def saleroom_board(request: HttpRequest, code: str) -> HttpResponse:
    """The saleroom's screen: the lot, the asking bid and its equivalents, in big type."""
    sale = _sale(code)
    state = board.board_state(sale)
    return render(
        request,
        "auctions/board.html",
        {
            "sale": sale,
            "state": state,
            "slots": range(RATES_MAX),
            "state_url": reverse("auctions:board_state", args=[sale.code]),
            "initial": json.dumps({"version": state.version}),
        },
    )


@policy.requires("auctions.view_board")
@require_GET
def saleroom_board_state(request: HttpRequest, code: str) -> HttpResponse:
    """The board's state as JSON, with its version as the ETag: unchanged, it answers 304 at once."""
    sale = _sale(code)
    version = board.board_version(sale)
    etag = f'"{version}"'
    if request.headers.get("If-None-Match", "") == etag:
        response = HttpResponse(status=304)
    else:
        body = json.dumps(_board_json(board.board_state(sale, version=version)))
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


# --- The day's exchange rates --------------------------------------------------------------------
def _rate_rows(sale: Sale, data: dict[str, str] | None = None) -> list[dict[str, str]]:
    if data is not None:
        return [
            {"row": str(n), "currency": data.get(f"currency_{n}", ""), "rate": data.get(f"rate_{n}", "")}
            for n in range(1, RATES_MAX + 1)
        ]
    saved = list(ExchangeRate.objects.filter(sale=sale).order_by("position"))
    rows = [{"row": str(n), "currency": "", "rate": ""} for n in range(1, RATES_MAX + 1)]
    for index, rate in enumerate(saved[:RATES_MAX]):
        rows[index].update(currency=rate.currency, rate=f"{rate.rate.normalize():f}")
    return rows


@policy.requires("auctions.set_rates")
@require_http_methods(["GET", "POST"])
def rates(request: HttpRequest, code: str) -> HttpResponse:
    """The day's rates for the board: one unit of the sale's currency in up to five others."""
    sale = _sale(code)
    refusal: AuctionError | None = None
    rows = _rate_rows(sale)
    if request.method == "POST":
        data = {key: request.POST.get(key, "")[:40] for key in request.POST if key.startswith(("currency_", "rate_"))}
        rows = _rate_rows(sale, data)
        try:
            saved = rates_set(
                sale=sale, rates=[(row["currency"], row["rate"]) for row in rows], by=acting_staff(request)
            )
        except AuctionError as refused:
            refusal = refused
        else:
            shown = ", ".join(f"{rate.currency} {rate.rate.normalize():f}" for rate in saved) or "none"
            messages.success(request, f"The board's rates for {sale.code} are saved: {shown}.")
            return redirect("auctions:rates", code=sale.code)
    return render(
        request,
        "auctions/rates.html",
        {
            "sale": sale,
            "rows": rows,
            "refusal": refusal.message if refusal else "",
            "refused_field": (refusal.field or "") if refusal else "",
        },
        status=refusal.status if refusal else 200,
    )


urlpatterns = [
    path("<str:code>/clerk/", clerk, name="clerk"),
    path("<str:code>/clerk/<str:lot>/open/", clerk_open, name="clerk_open"),
    path("<str:code>/clerk/<str:lot>/bid/", clerk_bid, name="clerk_bid"),
    path("<str:code>/clerk/<str:lot>/no-bid/", clerk_no_bid, name="clerk_no_bid"),
    path("<str:code>/clerk/<str:lot>/hammer/", clerk_hammer, name="clerk_hammer"),
    path("<str:code>/clerk/<str:lot>/pass/", clerk_pass, name="clerk_pass"),
    path("<str:code>/clerk/<str:lot>/withdraw/", clerk_withdraw, name="clerk_withdraw"),
    path("<str:code>/board/", saleroom_board, name="board"),
    path("<str:code>/board/state.json", saleroom_board_state, name="board_state"),
    path("<str:code>/rates/", rates, name="rates"),
]
