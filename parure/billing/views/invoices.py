"""Invoices and payments: the list, invoicing a closed sale, a draft's charges, delivery and issue, the
invoice page with its payments, credit and refunds, credit notes, proof of export, the PDF; and the
payments list.

An invoice's URL names it by its number once issued (``NY-I-26-00042-1``) and ``draft-<id>`` before.
Every refusal re-renders the page with the sentence, the form that failed open and what was typed,
and the status the refusal carries; nothing is saved by a refused request.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from parure.auctions import queries as auctions
from parure.auctions.choices import SaleStatus
from parure.auctions.errors import AuctionError
from parure.billing import documents, queries
from parure.billing.approvals import third_party_approver
from parure.billing.choices import FEE_KINDS, LineKind, PaymentMethod, Standing
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Invoice, Payment
from parure.billing.services import corrections, interest, payments
from parure.billing.services import invoices as services
from parure.billing.services.payments import RECEIVED_METHODS
from parure.clients import queries as client_book
from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.models import Office, Staff
from parure.core.money import Money
from parure.core.policy import acting_staff

PAGE_SIZE = 50
ID_MAX = 2**63 - 1


def invoice_or_404(number: str) -> Invoice:
    try:
        return queries.invoice_by_key(number)
    except BillingError as refusal:
        raise Http404(refusal.message) from None


def _version(request: HttpRequest) -> int | None:
    text = request.POST.get("version", "")
    return int(text) if text.isdigit() and len(text) < 10 else None


def _date(text: str, *, field: str) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise BillingError("Give the date as 2026-12-01.", field=field, code=BillingErrorCode.INVALID) from None


def _offices_today() -> dict[int, date]:
    return {office.pk: services.office_today(office) for office in Office.objects.all()}


# --- The list ------------------------------------------------------------------------------------------
STANDINGS = [(s.value, s.label) for s in Standing]


@policy.requires("billing.view_invoices")
@require_GET
def invoice_list(request: HttpRequest) -> HttpResponse:
    """Every invoice and credit note, newest first, with its balance and where it stands; filtered by
    standing, office, sale and buyer or number. One query for the page's rows whatever their number."""
    today_of = _offices_today()
    rows = queries.with_balances(Invoice.objects.select_related("office", "sale", "credits"))
    standing = request.GET.get("standing", "")
    if standing in Standing.values:
        rows = rows.filter(queries.standing_filter(standing, today_of))
    office = request.GET.get("office", "")
    if office:
        rows = rows.filter(office__code=office[:4])
    sale = request.GET.get("sale", "").strip()[:40]
    if sale:
        rows = rows.filter(sale__code__iexact=sale)
    text = request.GET.get("q", "").strip()[:60]
    if text:
        rows = rows.filter(
            Q(number__icontains=text) | Q(buyer_number__icontains=text) | Q(buyer__number__icontains=text)
        )
    page = Paginator(rows.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    labels = client_book.client_labels(request.user, {row.buyer_id for row in items})
    lines = [
        {
            "invoice": row,
            "key": queries.key_of(row),
            "buyer": labels.get(row.buyer_id),
            "standing": queries.standing_from_sums(row, today=today_of.get(row.office_id, date.today())),
            "due": row.money(getattr(row, "due_sum")),  # noqa: B009 - annotated by with_balances
            "total": row.money(row.total),
        }
        for row in items
    ]
    context = {
        "page": page,
        "lines": lines,
        "standings": STANDINGS,
        "offices": Office.objects.order_by("code"),
        "chosen": {"standing": standing, "office": office, "sale": sale, "q": text},
    }
    return render(request, "billing/invoices.html", context)


# --- Invoicing a sale ----------------------------------------------------------------------------------
def _closed_sales() -> list[Any]:
    return list(auctions.sales().filter(status=SaleStatus.CLOSED).order_by("-starts_at")[:30])


@policy.requires("billing.manage_invoices")
@require_POST
def invoices_from_sale(request: HttpRequest) -> HttpResponse:
    """Draft an invoice per buyer for a closed sale's lots not yet invoiced."""
    code = request.POST.get("sale", "").strip()[:40]
    try:
        try:
            sale = auctions.sale_by_code(code)
        except AuctionError as refusal:
            raise BillingError(refusal.message, field="sale", code=BillingErrorCode.UNKNOWN_RECORD) from None
        made = services.invoices_from_sale(sale=sale, by=acting_staff(request))
    except BillingError as refusal:
        return _invoice_new_page(request, refusal=refusal)
    messages.success(request, f"{len(made)} draft invoice{'s' if len(made) != 1 else ''} made for {sale.code}.")
    return redirect(reverse("billing:invoices") + f"?standing=draft&sale={sale.code}")


def _invoice_new_page(request: HttpRequest, *, refusal: BillingError | None = None) -> HttpResponse:
    context = {"sales": _closed_sales(), "refusal": refusal, "posted": request.POST}
    return render(request, "billing/invoice_new.html", context, status=refusal.status if refusal else 200)


@policy.requires("billing.manage_invoices")
@require_GET
def invoice_new(request: HttpRequest) -> HttpResponse:
    return _invoice_new_page(request)


# --- The invoice page ----------------------------------------------------------------------------------
def _invoice_page(
    request: HttpRequest, invoice: Invoice, *, refusal: BillingError | None = None, form: str = ""
) -> HttpResponse:
    invoice.refresh_from_db()
    lines = list(invoice.lines.select_related("lot").order_by("position"))
    today = services.office_today(invoice.office)
    labels = client_book.client_labels(request.user, [invoice.buyer_id])
    allocations = list(queries.allocations_of(invoice))
    credit_notes = list(invoice.credit_notes.order_by("created_at"))
    context = {
        "invoice": invoice,
        "key": queries.key_of(invoice),
        "buyer": labels.get(invoice.buyer_id),
        "lines": [line for line in lines if not line.included],
        "included": [line for line in lines if line.included],
        "groups": queries.line_groups(invoice, lines),
        "balance": queries.balance_of(invoice),
        "standing": queries.standing_of(invoice, today=today),
        "allocations": allocations,
        "payments": _payments_on(allocations),
        "refunds": list(queries.refunds_of(invoice)),
        "credit_notes": credit_notes,
        "credit_held": queries.credit_held(invoice.buyer_id),
        "fee_kinds": [(kind.value, kind.label) for kind in FEE_KINDS],
        "methods": [(method.value, method.label) for method in RECEIVED_METHODS],
        "today": today,
        "refusal": refusal,
        "form": form,
        "posted": request.POST if refusal is not None else {},
        "is_charge": invoice.kind == "invoice",
        "interest": interest.interest_due(invoice, today) if invoice.is_issued and invoice.kind == "invoice" else None,
    }
    return render(request, "billing/invoice.html", context, status=refusal.status if refusal is not None else 200)


def _payments_on(allocations: list[Any]) -> list[dict[str, Any]]:
    """Each payment that reached the invoice, once, with what it put here and what is left to refund."""
    seen: dict[int, dict[str, Any]] = {}
    for allocation in allocations:
        payment: Payment | None = allocation.payment
        if payment is None:
            continue
        row = seen.setdefault(
            payment.pk,
            {
                "payment": payment,
                "here": 0,
                "refundable": payments.refundable(payment),
                "form_key": f"refund-{payment.pk}",
            },
        )
        row["here"] += allocation.amount
    return list(seen.values())


@policy.requires("billing.view_invoices")
@require_GET
def invoice_page(request: HttpRequest, number: str) -> HttpResponse:
    return _invoice_page(request, invoice_or_404(number))


@policy.requires("billing.view_invoices")
@require_GET
def invoice_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """The invoice or credit note as printed (a draft prints marked as such); logged."""
    invoice = invoice_or_404(number)
    try:
        content = documents.invoice_pdf(invoice)
    except BillingError as refusal:
        return _invoice_page(request, invoice, refusal=refusal)
    record_access(request, action=AccessAction.EXPORT, subject_kind="invoice", subject_ref=invoice.label)
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{queries.key_of(invoice)}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _after(invoice: Invoice, anchor: str = "") -> HttpResponse:
    return redirect(reverse("billing:invoice", args=[queries.key_of(invoice)]) + (f"#{anchor}" if anchor else ""))


@policy.requires("billing.manage_invoices")
@require_POST
def invoice_fee(request: HttpRequest, number: str) -> HttpResponse:
    invoice = invoice_or_404(number)
    try:
        line = services.invoice_add_fee(
            invoice=invoice,
            kind=request.POST.get("kind", ""),
            description=request.POST.get("description", ""),
            amount=request.POST.get("amount", ""),
            by=acting_staff(request),
            expected_version=_version(request),
        )
    except BillingError as refusal:
        return _invoice_page(request, invoice, refusal=refusal, form="fee")
    messages.success(request, f"{LineKind(line.kind).label} added to {invoice.label}.")
    return _after(invoice, "lines")


@policy.requires("billing.manage_invoices")
@require_POST
def invoice_delivery(request: HttpRequest, number: str) -> HttpResponse:
    invoice = invoice_or_404(number)
    try:
        corrections.draft_delivery(
            invoice=invoice,
            delivery_region=request.POST.get("delivery_region", ""),
            export_proof=request.POST.get("export_proof", ""),
            by=acting_staff(request),
            expected_version=_version(request),
        )
    except BillingError as refusal:
        return _invoice_page(request, invoice, refusal=refusal, form="delivery")
    messages.success(request, f"Delivery of {invoice.label} changed; its taxes are recomputed.")
    return _after(invoice, "lines")


@policy.requires("billing.manage_invoices")
@require_POST
def invoice_issue(request: HttpRequest, number: str) -> HttpResponse:
    invoice = invoice_or_404(number)
    try:
        text = request.POST.get("dated", "").strip()
        dated = _date(text, field="dated") if text else None
        issued = services.invoice_issue(
            invoice=invoice, by=acting_staff(request), expected_version=_version(request), dated=dated
        )
    except BillingError as refusal:
        return _invoice_page(request, invoice, refusal=refusal, form="issue")
    messages.success(request, f"Invoice {issued.number} issued, due by {issued.due_on:%-d %B %Y}.")
    return _after(issued)


@policy.requires("billing.manage_invoices")
@require_POST
def invoice_discard(request: HttpRequest, number: str) -> HttpResponse:
    invoice = invoice_or_404(number)
    try:
        label = corrections.draft_discard(invoice=invoice, by=acting_staff(request), expected_version=_version(request))
    except BillingError as refusal:
        return _invoice_page(request, invoice, refusal=refusal, form="discard")
    messages.success(request, f"Draft {label} discarded; its lots may be invoiced again.")
    return redirect("billing:invoices")


@policy.requires("billing.manage_invoices")
@require_POST
def invoice_credit(request: HttpRequest, number: str) -> HttpResponse:
    """A credit note for the lots and charges ticked, with the reason."""
    invoice = invoice_or_404(number)
    try:
        note = corrections.credit_note_issue(
            invoice=invoice,
            groups=request.POST.getlist("groups")[:500],
            reason=request.POST.get("reason", ""),
            by=acting_staff(request),
        )
    except BillingError as refusal:
        return _invoice_page(request, invoice, refusal=refusal, form="credit")
    messages.success(request, f"Credit note {note.number} issued for {note.money(note.total).format(note.locale)}.")
    return _after(invoice, "credit-notes")


@policy.requires("billing.manage_invoices")
@require_POST
def invoice_export(request: HttpRequest, number: str) -> HttpResponse:
    invoice = invoice_or_404(number)
    try:
        note = corrections.export_proof_record(invoice=invoice, proof=request.POST.get("proof", ""),
                                               by=acting_staff(request))  # fmt: skip
    except BillingError as refusal:
        return _invoice_page(request, invoice, refusal=refusal, form="export")
    messages.success(request, f"Export recorded: credit note {note.number} gives back the taxes.")
    return _after(invoice, "credit-notes")


# --- Payments ------------------------------------------------------------------------------------------
def _third_party_approver(request: HttpRequest) -> Staff | None:
    return third_party_approver(
        payer_name=request.POST.get("payer_name", ""),
        username=request.POST.get("approver_username", ""),
        password=request.POST.get("approver_password", ""),
        otp_code=request.POST.get("approver_otp", ""),
        actor=acting_staff(request),
    )


@policy.requires("billing.record_payments")
@require_POST
def payment_new(request: HttpRequest, number: str) -> HttpResponse:
    invoice = invoice_or_404(number)
    try:
        payment = payments.payment_record(
            invoice=invoice,
            method=request.POST.get("method", ""),
            amount=request.POST.get("amount", ""),
            currency=request.POST.get("currency", "")[:8],
            received_on=_date(request.POST.get("received_on", ""), field="received_on"),
            reference=request.POST.get("reference", ""),
            rate=request.POST.get("rate", "")[:40] or None,
            payer_name=request.POST.get("payer_name", ""),
            approved_by=_third_party_approver(request),
            approval_reason=request.POST.get("approval_reason", ""),
            by=acting_staff(request),
        )
    except BillingError as refusal:
        return _invoice_page(request, invoice, refusal=refusal, form="payment")
    received = Money.of(payment.amount, payment.currency).format(invoice.locale)
    text = f"{payment.get_method_display()} of {received} recorded"
    due = queries.balance_of(invoice).due
    left = f"{due.format(invoice.locale)} left to pay" if due.amount > 0 else "paid in full"
    messages.success(request, f"{text}; {left}.")
    return _after(invoice, "payments")


@policy.requires("billing.record_payments")
@require_POST
def credit_apply(request: HttpRequest, number: str) -> HttpResponse:
    invoice = invoice_or_404(number)
    try:
        payments.credit_apply(invoice=invoice, amount=request.POST.get("amount", ""), by=acting_staff(request))
    except BillingError as refusal:
        return _invoice_page(request, invoice, refusal=refusal, form="credit_apply")
    messages.success(request, f"The buyer's credit applied to {invoice.number}.")
    return _after(invoice, "payments")


@policy.requires("billing.refund")
@require_POST
def refund_new(request: HttpRequest, number: str, payment_id: int) -> HttpResponse:
    """Give money back from a payment: reversing what it paid here, or from the credit it left."""
    invoice = invoice_or_404(number)
    payment = (
        Payment.objects.filter(pk=payment_id, allocations__invoice=invoice).distinct().first()
        if payment_id <= ID_MAX
        else None
    )
    if payment is None:
        raise Http404(f"No payment {payment_id} reached {invoice.label}.")
    try:
        payments.refund_record(
            payment=payment,
            amount=request.POST.get("amount", ""),
            reason=request.POST.get("reason", ""),
            reference=request.POST.get("reference", ""),
            invoice=invoice if request.POST.get("from") != "credit" else None,
            by=acting_staff(request),
        )
    except BillingError as refusal:
        return _invoice_page(request, invoice, refusal=refusal, form=f"refund-{payment.pk}")
    messages.success(request, f"Refund recorded against payment {payment.pk}.")
    return _after(invoice, "payments")


@policy.requires("billing.view_invoices")
@require_GET
def payment_list(request: HttpRequest) -> HttpResponse:
    """Payments received, newest first, with what each paid; filtered by method and office."""
    rows = Payment.objects.select_related("office", "recorded_by").prefetch_related("allocations__invoice")
    method = request.GET.get("method", "")
    if method in PaymentMethod.values:
        rows = rows.filter(method=method)
    office = request.GET.get("office", "")
    if office:
        rows = rows.filter(office__code=office[:4])
    page = Paginator(rows.order_by("-received_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    labels = client_book.client_labels(request.user, {row.client_id for row in items})
    lines = [
        {
            "payment": row,
            "client": labels.get(row.client_id),
            "invoices": sorted({queries.key_of(a.invoice) for a in row.allocations.all()}),
        }
        for row in items
    ]
    context = {
        "page": page,
        "lines": lines,
        "methods": [(m.value, m.label) for m in RECEIVED_METHODS],
        "offices": Office.objects.order_by("code"),
        "chosen": {"method": method, "office": office},
    }
    return render(request, "billing/payments.html", context)


urlpatterns = [
    path("invoices/", invoice_list, name="invoices"),
    path("invoices/new/", invoice_new, name="invoice_new"),
    path("invoices/from-sale/", invoices_from_sale, name="invoices_from_sale"),
    path("invoices/<str:number>/", invoice_page, name="invoice"),
    path("invoices/<str:number>/pdf/", invoice_pdf, name="invoice_pdf"),
    path("invoices/<str:number>/fees/", invoice_fee, name="invoice_fee"),
    path("invoices/<str:number>/delivery/", invoice_delivery, name="invoice_delivery"),
    path("invoices/<str:number>/issue/", invoice_issue, name="invoice_issue"),
    path("invoices/<str:number>/discard/", invoice_discard, name="invoice_discard"),
    path("invoices/<str:number>/credit/", invoice_credit, name="invoice_credit"),
    path("invoices/<str:number>/export/", invoice_export, name="invoice_export"),
    path("invoices/<str:number>/payments/", payment_new, name="payment_new"),
    path("invoices/<str:number>/credit-apply/", credit_apply, name="credit_apply"),
    path("invoices/<str:number>/payments/<int:payment_id>/refund/", refund_new, name="refund_new"),
    path("payments/", payment_list, name="payments"),
]
