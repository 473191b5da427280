"""Billing pages: consignor settlements (list, page, approval, statement PDF, creation for a closed sale),
advances, payment runs (new from the settlements due, page, SEPA and CSV files, marked sent) and private
sales (new, page, its invoice issued, its settlement). Finance writes; seniors and auditors read."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.auctions import queries as auctions
from parure.auctions.errors import AuctionError
from parure.billing import payment_files
from parure.billing.choices import Standing, TaxTreatment
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Advance, PaymentRun, PrivateSale, Settlement
from parure.billing.queries import balance_of, key_of, standing_of
from parure.billing.services import invoices as invoicing
from parure.billing.services import private_sales as private
from parure.billing.services import settlements as services
from parure.billing.settlement_choices import SettlementStanding
from parure.billing.settlement_pdf import statement_pdf, statement_rows
from parure.core import policy
from parure.core.money import Money
from parure.core.policy import acting_staff

LIST_MAX = 200
SHOWN = {"": "All", "due": "Due", "held": "Held", "draft": "Draft", "in_run": "In a run", "paid": "Paid"}


def _refuse(form: forms.Form, refusal: BillingError) -> None:
    field = refusal.field if refusal.field in form.fields else None
    form.add_error(field, refusal.message)


def _money(amount: Decimal, currency: str, locale: str) -> str:
    return Money.of(amount, currency).format(locale)


def _settlement(number: str) -> Settlement:
    try:
        return services.settlement_by_number(number)
    except BillingError as refusal:
        raise Http404(refusal.message) from None


def _run(number: str) -> PaymentRun:
    try:
        return services.run_by_number(number)
    except BillingError as refusal:
        raise Http404(refusal.message) from None


def _private_sale(number: str) -> PrivateSale:
    try:
        return private.private_sale_by_number(number)
    except BillingError as refusal:
        raise Http404(refusal.message) from None


def _subnav_context(request: HttpRequest) -> dict[str, Any]:
    return {"can_manage": request.user.has_perm("billing.manage_settlements"),
            "can_pay": request.user.has_perm("billing.run_payments")}  # fmt: skip


def _rows() -> Any:
    return Settlement.objects.select_related("office", "private_sale", "private_sale__invoice")


# --- Settlements -------------------------------------------------------------------------------------
@policy.requires("billing.view_settlements")
@require_GET
def settlements(request: HttpRequest) -> HttpResponse:
    """The settlements, newest first, filtered by where they stand, each hold's sentence, totals per currency."""
    show = request.GET.get("show", "")
    show = show if show in SHOWN else ""
    rows = list(_rows().order_by("-created_at", "-pk")[:LIST_MAX])
    states = services.states_of(rows)
    listed = [states[row.pk] for row in rows if not show or states[row.pk].standing == show]
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for state in listed:
        totals[state.settlement.currency] += state.settlement.net_total
    context = {
        "states": listed,
        "show": show,
        "shown": SHOWN,
        "totals": [_money(amount, currency, "en_US") for currency, amount in sorted(totals.items())],
        **_subnav_context(request),
    }
    return render(request, "billing/settlements.html", context)


@policy.requires("billing.view_settlements")
@require_GET
def settlement(request: HttpRequest, number: str) -> HttpResponse:
    return _settlement_page(request, _settlement(number))


def _settlement_page(request: HttpRequest, record: Settlement, *, refusal: BillingError | None = None) -> HttpResponse:
    state = services.state_of(record)
    lines = list(record.lines.order_by("position"))
    locale = record.office.locale
    pays = request.user.has_perm("billing.run_payments")
    payout = state.payout
    context = {
        "state": state,
        "settlement": record,
        "lots": statement_rows(record, lines),
        "payable_from": services.long_date(state.payable_from),
        "account": (payout.iban if pays else payout.masked_iban) if payout is not None and payout.iban else "",
        "figures": [
            ("Hammer", _money(record.hammer_total, record.currency, locale)),
            ("Seller's commission", _money(-record.commission_total, record.currency, locale)),
            ("Fees", _money(-record.fees_total, record.currency, locale)),
            ("VAT on fees", _money(-record.tax_total, record.currency, locale)),
            ("Advances", _money(-record.advances_total, record.currency, locale)),
            ("Net to the consignor", _money(record.net_total, record.currency, locale)),
        ],
        "refusal": refusal,
        **_subnav_context(request),
    }
    return render(request, "billing/settlement.html", context, status=refusal.status if refusal else 200)


@policy.requires("billing.manage_settlements")
@require_POST
def settlement_approve(request: HttpRequest, number: str) -> HttpResponse:
    record = _settlement(number)
    version = request.POST.get("version", "")
    try:
        services.settlement_approve(settlement=record, by=acting_staff(request),
                                    expected_version=int(version) if version.isdigit() else None)  # fmt: skip
    except BillingError as refusal:
        return _settlement_page(request, record, refusal=refusal)
    messages.success(request, f"Settlement {record.number} approved.")
    return redirect("billing:settlement", number=record.number)


@policy.requires("billing.view_settlements")
@require_GET
def settlement_statement(request: HttpRequest, number: str) -> HttpResponse:
    record = _settlement(number)
    response = HttpResponse(statement_pdf(services.state_of(record)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="settlement-{record.number}.pdf"'
    return response


class SaleForm(forms.Form):
    """The sale to settle and, for each consignment of it agreed in another currency, the rate finance
    states (sale-currency units for one unit of the consignment's), with the day of the rates."""

    sale = forms.CharField(max_length=20, label="Sale code", help_text="A closed sale, e.g. NY-J-2703.")
    rates_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Rates of",
        help_text="The day of the rates below; today when left empty.",
    )

    def __init__(self, *args: Any, wanted: list[services.RateWanted] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wanted = wanted or []
        for row in self.wanted:
            self.fields[row.field] = forms.CharField(
                max_length=24,
                required=False,
                label=f"Rate for {row.consignment} ({row.sale_currency} for one {row.currency})",
                help_text=f"e.g. 0.8612; without it {row.consignment} waits.",
            )
        if not self.wanted:
            del self.fields["rates_on"]

    def rates(self) -> dict[str, str]:
        return {row.consignment: self.cleaned_data.get(row.field) or "" for row in self.wanted}


def _wanted(code: str) -> list[services.RateWanted]:
    """The consignments of the sale typed that wait for a rate (none while the code names no sale)."""
    try:
        return services.waiting_for_rate(auctions.sale_by_code(code)) if code.strip() else []
    except (AuctionError, BillingError):
        return []


@policy.requires("billing.manage_settlements")
@require_http_methods(["GET", "POST"])
def settlements_new(request: HttpRequest) -> HttpResponse:
    """Make the drafts for a closed sale: one per consignment with lots in it. A consignment agreed in
    another currency asks for its rate (``?sale=`` shows the fields); without one it waits."""
    code = str((request.POST if request.method == "POST" else request.GET).get("sale", ""))[:20]
    wanted = _wanted(code)
    form = SaleForm(request.POST or None, initial={"sale": code}, wanted=wanted)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                sale = auctions.sale_by_code(form.cleaned_data["sale"])
                made = services.settlements_from_sale(sale=sale, by=acting_staff(request), rates=form.rates(),
                                                      rates_on=form.cleaned_data.get("rates_on"))  # fmt: skip
            except AuctionError as refusal:
                form.add_error("sale", refusal.message)
                status = refusal.status
            except BillingError as refusal:
                _refuse(form, refusal)
                status = refusal.status
            else:
                messages.success(
                    request, f"{len(made)} draft settlement{'s' if len(made) != 1 else ''} for {sale.code}."
                )
                still = services.waiting_for_rate(sale)
                for row in still:
                    messages.warning(request, row.sentence)
                if still:
                    return redirect(f"{_url('billing:settlements_new')}?sale={sale.code}")
                return redirect(f"{_url('billing:settlements')}?show=draft")
        else:
            status = 422
    context = {"form": form, "rate_fields": [form[row.field] for row in form.wanted], **_subnav_context(request)}
    return render(request, "billing/settlement_new.html", context, status=status)


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


# --- Advances ----------------------------------------------------------------------------------------
class AdvanceForm(forms.Form):
    consignment = forms.CharField(max_length=24, label="Consignment", help_text="e.g. NY-C-26-00012-2.")
    amount = forms.CharField(max_length=24, help_text="In the consignment's currency, e.g. 5000.00.")
    paid_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Paid on")
    reference = forms.CharField(max_length=80, help_text="The transfer's or the cheque's reference.")


@policy.requires("billing.view_settlements")
@require_GET
def advances(request: HttpRequest) -> HttpResponse:
    rows = list(Advance.objects.select_related("deducted_in", "created_by").order_by("-paid_on", "-pk")[:LIST_MAX])
    shown = [(row, _money(row.amount, row.currency, "en_US")) for row in rows]
    return render(request, "billing/settlement_advances.html", {"advances": shown, **_subnav_context(request)})


@policy.requires("billing.manage_settlements")
@require_http_methods(["GET", "POST"])
def advance_new(request: HttpRequest) -> HttpResponse:
    form = AdvanceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                advance = services.advance_record(consignment_number=data["consignment"], amount=data["amount"],
                                                  paid_on=data["paid_on"], reference=data["reference"],
                                                  by=acting_staff(request))  # fmt: skip
            except BillingError as refusal:
                field = {"consignment": "consignment"}.get(refusal.field or "", refusal.field)
                form.add_error(field if field in form.fields else None, refusal.message)
                status = refusal.status
            else:
                messages.success(request, f"Advance recorded against {advance.consignment_number}.")
                return redirect("billing:advances")
        else:
            status = 422
    return render(request, "billing/settlement_advance_new.html", {"form": form, **_subnav_context(request)},
                  status=status)  # fmt: skip


# --- Payment runs ------------------------------------------------------------------------------------
@policy.requires("billing.view_settlements")
@require_GET
def payment_runs(request: HttpRequest) -> HttpResponse:
    rows = list(PaymentRun.objects.select_related("office", "created_by", "sent_by").order_by("-created_at", "-pk")[
        :LIST_MAX])  # fmt: skip
    shown = [(row, _money(row.total, row.currency, row.office.locale)) for row in rows]
    return render(request, "billing/payment_runs.html", {"runs": shown, **_subnav_context(request)})


@policy.requires("billing.run_payments")
@require_http_methods(["GET", "POST"])
def payment_run_new(request: HttpRequest) -> HttpResponse:
    """Choose among the settlements due (approved, payable, in no run) and make the run."""
    rows = list(_rows().filter(status="approved", run_item__isnull=True).order_by("office__code", "currency",
                                                                                  "number")[:LIST_MAX])  # fmt: skip
    states = services.states_of(rows)
    due = [states[row.pk] for row in rows if states[row.pk].standing == SettlementStanding.DUE]
    refusal = None
    chosen = request.POST.getlist("settlements")
    if request.method == "POST":
        picked = [state for state in due if state.settlement.number in chosen]
        try:
            if not chosen:
                raise BillingError("Choose at least one settlement due.", field="settlements",
                                   code=BillingErrorCode.REQUIRED)  # fmt: skip
            office = picked[0].settlement.office if picked else services.settlement_by_number(chosen[0]).office
            run = services.payment_run_create(office=office, settlement_numbers=chosen[:services.RUN_MAX + 1],
                                              by=acting_staff(request))  # fmt: skip
        except BillingError as refusal_:
            refusal = refusal_
        else:
            messages.success(request, f"Payment run {run.number} prepared.")
            return redirect("billing:payment_run", number=run.number)
    context = {
        "due": [(state, state.net.format(state.settlement.office.locale)) for state in due],
        "chosen": chosen,
        "refusal": refusal,
        **_subnav_context(request),
    }
    return render(request, "billing/payment_run_new.html", context, status=refusal.status if refusal else 200)


@policy.requires("billing.view_settlements")
@require_GET
def payment_run(request: HttpRequest, number: str) -> HttpResponse:
    return _run_page(request, _run(number))


def _run_page(request: HttpRequest, run: PaymentRun, *, refusal: BillingError | None = None) -> HttpResponse:
    pays = request.user.has_perm("billing.run_payments")
    locale = run.office.locale
    from parure.clients.payout import masked_iban

    items = [
        (item, item.iban if pays else masked_iban(item.iban), _money(item.amount, run.currency, locale))
        for item in services.run_items(run)
    ]
    context = {
        "run": run,
        "items": items,
        "total": _money(run.total, run.currency, locale),
        "refusal": refusal,
        **_subnav_context(request),
    }
    return render(request, "billing/payment_run.html", context, status=refusal.status if refusal else 200)


@policy.requires("billing.run_payments")
@require_GET
def payment_run_xml(request: HttpRequest, number: str) -> HttpResponse:
    run = _run(number)
    try:
        content = payment_files.sepa_credit_transfer(run, services.run_items(run), services.office_settings(run.office))
    except BillingError as refusal:
        return _run_page(request, run, refusal=refusal)
    response = HttpResponse(content, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{run.number}.xml"'
    return response


@policy.requires("billing.run_payments")
@require_GET
def payment_run_csv(request: HttpRequest, number: str) -> HttpResponse:
    run = _run(number)
    response = HttpResponse(payment_files.payments_csv(run, services.run_items(run)), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{run.number}.csv"'
    return response


@policy.requires("billing.run_payments")
@require_POST
def payment_run_send(request: HttpRequest, number: str) -> HttpResponse:
    run = _run(number)
    try:
        services.payment_run_mark_sent(run=run, by=acting_staff(request))
    except BillingError as refusal:
        return _run_page(request, run, refusal=refusal)
    messages.success(request, f"Payment run {run.number} marked sent; its settlements are paid.")
    return redirect("billing:payment_run", number=run.number)


# --- Private sales -----------------------------------------------------------------------------------
class PrivateSaleForm(forms.Form):
    stock_number = forms.CharField(max_length=24, label="Stock number", help_text="The piece, e.g. NY-26-000123-8.")
    buyer = forms.CharField(max_length=16, label="Buyer's client number", help_text="e.g. C-000412-3.")
    price = forms.CharField(max_length=24, label="Agreed price", help_text="In the office's currency.")
    commission_rate = forms.CharField(max_length=10, label="Commission %", help_text="The consignor's, e.g. 10.")
    tax_status = forms.ChoiceField(choices=TaxTreatment.choices, initial=TaxTreatment.MARGIN, label="Taxed as")
    agreed_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Agreed on")


@policy.requires("billing.view_private_sales")
@require_GET
def private_sales(request: HttpRequest) -> HttpResponse:
    rows = list(PrivateSale.objects.select_related("office", "invoice", "arranged_by").order_by("-created_at", "-pk")[
        :LIST_MAX])  # fmt: skip
    shown = [(row, _money(row.price, row.currency, row.office.locale)) for row in rows]
    return render(request, "billing/private_sales.html", {"sales": shown, **_subnav_context(request),
                                                          "can_sell": request.user.has_perm(
                                                              "billing.manage_private_sales")})  # fmt: skip


@policy.requires("billing.manage_private_sales")
@require_http_methods(["GET", "POST"])
def private_sale_new(request: HttpRequest) -> HttpResponse:
    form = PrivateSaleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                sale = private.private_sale_create(
                    stock_number=data["stock_number"], buyer_number=data["buyer"], price=data["price"],
                    commission_rate=data["commission_rate"], tax_status=data["tax_status"],
                    agreed_on=data["agreed_on"], by=acting_staff(request),
                )  # fmt: skip
            except BillingError as refusal:
                _refuse(form, refusal)
                status = refusal.status
            else:
                messages.success(request, f"Private sale {sale.number} recorded; its invoice is a draft.")
                return redirect("billing:private_sale", number=sale.number)
        else:
            status = 422
    return render(request, "billing/private_sale_new.html", {"form": form, **_subnav_context(request)}, status=status)


@policy.requires("billing.view_private_sales")
@require_GET
def private_sale(request: HttpRequest, number: str) -> HttpResponse:
    return _private_sale_page(request, _private_sale(number))


def _private_sale_page(request: HttpRequest, sale: PrivateSale, *, refusal: BillingError | None = None) -> HttpResponse:
    invoice = sale.invoice
    locale = sale.office.locale
    standing = ""
    due = ""
    if invoice is not None:
        standing = Standing(standing_of(invoice, today=invoicing.office_today(sale.office))).label
        due = balance_of(invoice).due.format(locale) if invoice.is_issued else ""
    settlement_record = Settlement.objects.filter(private_sale=sale).first()
    context = {
        "sale": sale,
        "price": _money(sale.price, sale.currency, locale),
        "rate": f"{sale.commission_rate * 100:.3f}".rstrip("0").rstrip(".") + "%",
        "invoice": invoice,
        "invoice_key": key_of(invoice) if invoice is not None else "",
        "invoice_total": _money(invoice.total, invoice.currency, locale) if invoice is not None else "",
        "standing": standing,
        "due": due,
        "settlement": settlement_record,
        "rate_wanted": services.private_sale_rate_wanted(sale) if settlement_record is None else None,
        "can_issue": request.user.has_perm("billing.manage_invoices"),
        "refusal": refusal,
        **_subnav_context(request),
    }
    return render(request, "billing/private_sale.html", context, status=refusal.status if refusal else 200)


@policy.requires("billing.manage_invoices")
@require_POST
def private_sale_invoice_issue(request: HttpRequest, number: str) -> HttpResponse:
    sale = _private_sale(number)
    try:
        if sale.invoice is None:
            raise BillingError("The private sale has no invoice.", code=BillingErrorCode.REFUSED)
        invoice = invoicing.invoice_issue(invoice=sale.invoice, by=acting_staff(request))
    except BillingError as refusal:
        return _private_sale_page(request, sale, refusal=refusal)
    messages.success(request, f"Invoice {invoice.number} issued.")
    return redirect("billing:private_sale", number=sale.number)


@policy.requires("billing.manage_settlements")
@require_POST
def private_sale_settle(request: HttpRequest, number: str) -> HttpResponse:
    sale = _private_sale(number)
    try:
        made = services.settlement_for_private_sale(private_sale=sale, by=acting_staff(request),
                                                    rate=str(request.POST.get("rate", ""))[:24] or None)  # fmt: skip
    except BillingError as refusal:
        return _private_sale_page(request, sale, refusal=refusal)
    messages.success(request, f"Settlement {made.number} drafted.")
    return redirect("billing:settlement", number=made.number)


urlpatterns: list[URLPattern] = [
    path("settlements/", settlements, name="settlements"),
    path("settlements/new/", settlements_new, name="settlements_new"),
    path("settlements/<str:number>/", settlement, name="settlement"),
    path("settlements/<str:number>/approve/", settlement_approve, name="settlement_approve"),
    path("settlements/<str:number>/statement.pdf", settlement_statement, name="settlement_statement"),
    path("advances/", advances, name="advances"),
    path("advances/new/", advance_new, name="advance_new"),
    path("payment-runs/", payment_runs, name="payment_runs"),
    path("payment-runs/new/", payment_run_new, name="payment_run_new"),
    path("payment-runs/<str:number>/", payment_run, name="payment_run"),
    path("payment-runs/<str:number>/sepa.xml", payment_run_xml, name="payment_run_xml"),
    path("payment-runs/<str:number>/payments.csv", payment_run_csv, name="payment_run_csv"),
    path("payment-runs/<str:number>/send/", payment_run_send, name="payment_run_send"),
    path("private-sales/", private_sales, name="private_sales"),
    path("private-sales/new/", private_sale_new, name="private_sale_new"),
    path("private-sales/<str:number>/", private_sale, name="private_sale"),
    path("private-sales/<str:number>/issue/", private_sale_invoice_issue, name="private_sale_issue"),
    path("private-sales/<str:number>/settle/", private_sale_settle, name="private_sale_settle"),
]
