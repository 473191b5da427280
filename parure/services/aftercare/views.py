"""The aftercare area's pages (put together by parure.services.urls): the list of orders, the order form
(started from an invoice or a stock number, its rules' verdicts shown before saving) and the order page
(history, the client's proof approval, the step buttons, the charge).

Every refusal re-renders the page with the sentence beside its field, what was typed kept, and the status
the refusal carries; nothing is saved by a refused request."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, URLResolver, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.billing import queries as billing
from parure.billing.errors import BillingError
from parure.clients import queries as client_book
from parure.core import policy
from parure.core.models import Office
from parure.core.money import Money
from parure.core.policy import acting_staff
from parure.inventory.errors import InventoryError
from parure.inventory.services.witness import Witness, witness_confirm
from parure.services.aftercare import eligibility as ringwork
from parure.services.aftercare import queries
from parure.services.aftercare import services as aftercare
from parure.services.aftercare.choices import (
    BENCH_KINDS,
    OPEN_STATUSES,
    AftercareKind,
    AftercareStatus,
    EngravingPosition,
    EngravingSide,
    FontStyle,
    ProofMethod,
    RingSetting,
    SizeSystem,
)
from parure.services.aftercare.models import AftercareOrder
from parure.services.errors import ServicesError, ServicesErrorCode

PAGE_SIZE = 50


def _order_or_404(number: str) -> AftercareOrder:
    try:
        return queries.order_by_number(number)
    except ServicesError as refusal:
        raise Http404(refusal.message) from None


def _today(request: HttpRequest) -> date:
    """The viewer's office's day (the first office's for a member of staff without one), for the due filters."""
    office = acting_staff(request).office or Office.objects.order_by("pk").first()
    return aftercare.office_today(office) if office is not None else date.today()


def _money(amount: Decimal | None, currency: str, locale: str) -> str:
    return "" if amount is None else Money.of(amount, currency).format(locale)


# --- The list ----------------------------------------------------------------------------------------


@policy.requires("services.view_aftercare")
@require_GET
def aftercare_orders(request: HttpRequest) -> HttpResponse:
    """Post-sale orders, soonest due first, filtered by kind, status and due; one query for the rows and
    one for the buyers' names whatever their number."""
    chosen = {
        "kind": request.GET.get("kind", "")[:16],
        "status": request.GET.get("status", "open")[:16],
        "due": request.GET.get("due", "")[:16],
        "office": request.GET.get("office", "")[:4],
    }
    today_of = {office.pk: aftercare.office_today(office) for office in Office.objects.all()}
    today = _today(request)
    rows = queries.filtered(queries.orders(), today=today, **chosen)
    page = Paginator(rows.order_by("due_on", "number"), PAGE_SIZE).get_page(request.GET.get("page"))
    items: list[AftercareOrder] = list(page.object_list)
    labels = client_book.client_labels(request.user, {row.buyer_id for row in items})
    lines = [
        {
            "order": row,
            "buyer": labels.get(row.buyer_id),
            "overdue": queries.is_overdue(row, today_of.get(row.office_id, today)),
            "charge": _money(row.charge, row.currency, row.office.locale),
        }
        for row in items
    ]
    context = {
        "page": page,
        "lines": lines,
        "chosen": chosen,
        "kinds": AftercareKind.choices,
        "statuses": [("open", "Open"), *AftercareStatus.choices, ("all", "Any")],
        "dues": queries.DueFilter.CHOICES,
        "offices": Office.objects.order_by("code"),
    }
    return render(request, "services/aftercare/orders.html", context)


# --- The order form ----------------------------------------------------------------------------------

DRAFT_FIELDS = (
    "kind", "stock_number", "invoice_number", "charge", "notes", "size_system", "current_size", "target_size",
    "setting", "engraving_text", "font_style", "engraving_side", "engraving_position", "band_width_mm",
    "laboratory", "report_number",
)  # fmt: skip


def _draft(data: QueryDict) -> aftercare.OrderDraft:
    values: dict[str, Any] = {name: data.get(name, "")[:200] for name in DRAFT_FIELDS}
    due_text = data.get("due_on", "").strip()
    try:
        due_on = date.fromisoformat(due_text) if due_text else None
    except ValueError:
        raise ServicesError("Give the due date as 2026-12-01.", field="due_on",
                            code=ServicesErrorCode.INVALID_DATE) from None  # fmt: skip
    return aftercare.OrderDraft(
        **values,
        due_on=due_on,
        has_engraving=data.get("has_engraving") == "on",
        acknowledge_warnings=data.get("acknowledge_warnings") == "on",
        bring_back=data.get("bring_back") == "on",
    )


def _form_page(
    request: HttpRequest,
    *,
    posted: Any,
    refusal: ServicesError | None = None,
    found: aftercare.Assessment | None = None,
) -> HttpResponse:
    context = {
        "posted": posted,
        "refusal": refusal,
        "found": found,
        "kinds": AftercareKind.choices,
        "systems": SizeSystem.choices,
        "settings": RingSetting.choices,
        "fonts": FontStyle.choices,
        "sides": EngravingSide.choices,
        "positions": EngravingPosition.choices,
        "buyer": client_book.client_labels(request.user, [found.sale.buyer_id]).get(found.sale.buyer_id)
        if found is not None
        else None,
    }
    return render(request, "services/aftercare/order_new.html", context, status=refusal.status if refusal else 200)


@policy.requires("services.manage_aftercare")
@require_http_methods(["GET", "POST"])
def aftercare_new(request: HttpRequest) -> HttpResponse:
    """GET: the form (``?stock_number=`` or ``?invoice_number=`` fills it). POST ``check``: the rules'
    verdicts, nothing saved. POST ``order``: the order taken."""
    if request.method == "GET":
        return _form_page(request, posted=request.GET)
    try:
        draft = _draft(request.POST)
        if request.POST.get("action") != "order":
            return _form_page(request, posted=request.POST, found=aftercare.assess(draft))
        made = aftercare.aftercare_order_create(draft=draft, by=acting_staff(request))
    except ServicesError as refusal:
        return _form_page(request, posted=request.POST, refusal=refusal)
    return redirect("services:aftercare_order", number=made.number)


# --- The order page ----------------------------------------------------------------------------------


def _next_steps(order: AftercareOrder) -> list[tuple[str, str]]:
    if order.status == AftercareStatus.ORDERED:
        if order.kind == AftercareKind.ENGRAVING:
            return [(AftercareStatus.PROOF_SENT, "Proof sent to the client")]
        if order.kind in BENCH_KINDS:
            return [(AftercareStatus.AT_BENCH, "Send to the bench")]
        return [(AftercareStatus.DONE, "Mark done")]
    if order.status == AftercareStatus.PROOF_APPROVED:
        return [(AftercareStatus.AT_BENCH, "Send to the bench")]
    if order.status == AftercareStatus.AT_BENCH:
        return [(AftercareStatus.DONE, "Back from the bench: done")]
    if order.status == AftercareStatus.DONE:
        return [(AftercareStatus.DELIVERED, "Delivered to the client")]
    return []


def _order_page(request: HttpRequest, order: AftercareOrder, *, refusal: ServicesError | None = None,
                form: str = "") -> HttpResponse:  # fmt: skip
    order.refresh_from_db()
    viewer = queries.AftercareViewer(request.user)
    locale = order.office.locale
    charged = None
    if order.charge_invoice_number:
        try:
            charged = billing.invoice_summary(order.charge_invoice_number)
        except BillingError:
            charged = None
    conversions: dict[str, dict[str, str]] = {}
    if order.current_circumference_mm is not None:
        conversions["current"] = ringwork.size_conversions(
            ringwork.RingSize(order.size_system, order.current_size, order.current_circumference_mm)
        )
    if order.target_circumference_mm is not None:
        conversions["target"] = ringwork.size_conversions(
            ringwork.RingSize(order.size_system, order.target_size, order.target_circumference_mm)
        )
    context = {
        "order": order,
        "buyer": client_book.client_labels(request.user, [order.buyer_id]).get(order.buyer_id),
        "events": list(queries.history(order)),
        "viewer": viewer,
        "charge": _money(order.charge, order.currency, locale),
        "charged": charged,
        "charged_due": charged.due.format(locale) if charged is not None else "",
        "appraised_value": _money(viewer.appraised_value(order), order.currency, locale),
        "conversions": conversions,
        "warnings": [line for line in order.acknowledged_warnings.splitlines() if line],
        "steps": _next_steps(order) if viewer.may_manage else [],
        "may_cancel": viewer.may_manage and order.status in OPEN_STATUSES,
        "benches": aftercare.bench_places(order.office)
        if order.status in (AftercareStatus.ORDERED, AftercareStatus.PROOF_APPROVED)
        else [],
        "methods": ProofMethod.choices,
        "overdue": queries.is_overdue(order, aftercare.office_today(order.office)),
        "refusal": refusal,
        "form": form,
        "posted": request.POST if refusal is not None else {},
    }
    return render(request, "services/aftercare/order.html", context, status=refusal.status if refusal else 200)


@policy.requires("services.view_aftercare")
@require_GET
def aftercare_order(request: HttpRequest, number: str) -> HttpResponse:
    return _order_page(request, _order_or_404(number))


def _bench(order: AftercareOrder, text: str) -> Any:
    benches = {str(place.pk): place for place in aftercare.bench_places(order.office)}
    return benches.get(text.strip()[:12])


def _witness(request: HttpRequest) -> Witness | None:
    """The colleague who typed their own credentials into the step's form, or None if nobody did."""
    username = request.POST.get("witness_username", "").strip()[:150]
    if not username:
        return None
    try:
        return witness_confirm(
            username=username,
            password=request.POST.get("witness_password", "")[:200],
            otp_code=request.POST.get("witness_otp", "")[:12],
            actor=acting_staff(request),
        )
    except InventoryError as refusal:
        raise ServicesError(
            refusal.message, field=refusal.field or "witness_password", code=ServicesErrorCode.REFUSED
        ) from None


@policy.requires("services.manage_aftercare")
@require_POST
def aftercare_status(request: HttpRequest, number: str) -> HttpResponse:
    order = _order_or_404(number)
    data = request.POST
    try:
        effective = data.get("effective_on", "").strip()
        try:
            effective_on = date.fromisoformat(effective) if effective else None
        except ValueError:
            raise ServicesError("Give the date as 2026-12-01.", field="effective_on",
                                code=ServicesErrorCode.INVALID_DATE) from None  # fmt: skip
        change = aftercare.StatusChange(
            to=data.get("to", "")[:20],
            note=data.get("note", "")[:1000],
            bench=_bench(order, data.get("bench", "")),
            appraised_value=data.get("appraised_value", "")[:40] or None,
            effective_on=effective_on,
            updated_report_number=data.get("updated_report_number", "")[:60],
            witness=_witness(request),
        )
        aftercare.aftercare_status_change(order=order, change=change, by=acting_staff(request))
    except ServicesError as refusal:
        return _order_page(request, order, refusal=refusal, form="status")
    return redirect(reverse("services:aftercare_order", args=[order.number]) + "#history")


@policy.requires("services.manage_aftercare")
@require_POST
def aftercare_proof(request: HttpRequest, number: str) -> HttpResponse:
    order = _order_or_404(number)
    try:
        when_text = request.POST.get("approved_at", "").strip()[:30]
        try:
            approved_at = datetime.fromisoformat(when_text) if when_text else None
        except ValueError:
            raise ServicesError("Give when the client approved it as 2026-12-01 15:30.", field="approved_at",
                                code=ServicesErrorCode.INVALID_DATE) from None  # fmt: skip
        aftercare.aftercare_proof_approve(
            order=order,
            approved_at=approved_at,
            approved_by=request.POST.get("approved_by", "")[:300],
            method=request.POST.get("method", "")[:20],
            note=request.POST.get("note", "")[:1000],
            by=acting_staff(request),
        )
    except ServicesError as refusal:
        return _order_page(request, order, refusal=refusal, form="proof")
    return redirect(reverse("services:aftercare_order", args=[order.number]) + "#history")


urlpatterns: list[URLPattern | URLResolver] = [
    path("post-sale/", aftercare_orders, name="aftercare_orders"),
    path("post-sale/new/", aftercare_new, name="aftercare_new"),
    path("post-sale/<str:number>/", aftercare_order, name="aftercare_order"),
    path("post-sale/<str:number>/status/", aftercare_status, name="aftercare_status"),
    path("post-sale/<str:number>/proof/", aftercare_proof, name="aftercare_proof"),
]
