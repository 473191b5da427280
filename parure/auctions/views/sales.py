"""The sales pages: the list of sales (by status and office), a sale's page with its lots in order,
the new-sale and edit forms for seniors, and the button that moves a sale one status forward.

Start times are typed in the sale's office's time zone and stored in UTC. The reserve column is in
the HTML only for viewers who may read reserves (:class:`~parure.auctions.visibility.AuctionViewer`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.auctions import queries
from parure.auctions.choices import NEXT_SALE_STATUS, SaleStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import IncrementTable, PremiumSchedule, Sale
from parure.auctions.services import sales as services
from parure.auctions.visibility import AuctionViewer
from parure.core import policy
from parure.core.models import Office
from parure.core.policy import acting_staff

PAGE_SIZE = 50

#: What each engine setting does, in the words of docs/auction-rules.md ("Settings").
SETTING_HELP = {
    "book_wins_ties": "A live bid equal to the book leader's maximum: the book keeps the bid (it was received"
    " first). Off: the live bidder takes it and the book is out.",
    "sell_one_step_below_reserve": "Hammer a lot whose last bid is one ladder step below the reserve (a seller's"
    " discretion some houses allow). Off: bought in.",
    "go_backwards": "With no bid at the opening, come down step by step; an absentee bid below the opening is"
    " executed at its maximum. Off: the book cannot open below the opening and the lot passes if the room is silent.",
    "opening_fraction": "The opening as a fraction of the low estimate (rounded down to the ladder), for lots"
    " without reserve and for the seller's opening bid.",
    "seller_bids": "The auctioneer answers live bids below the reserve on the seller's behalf (and opens for the"
    " seller). Off: no seller bids; the lot is bought in unless a bid reaches the reserve.",
}


def sale_or_404(code: str) -> Sale:
    try:
        return queries.sale_by_code(code)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


def version_of(request: HttpRequest) -> int | None:
    value = request.POST.get("expected_version", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def place_refusal(form: forms.Form, refusal: AuctionError) -> None:
    """Put a service's refusal beside its field (or above the form)."""
    form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)


# --- The list -------------------------------------------------------------------------------------
class SaleFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *SaleStatus.choices])
    office = forms.ModelChoiceField(
        label="Office", queryset=Office.objects.order_by("name"), required=False, empty_label="All offices"
    )


@policy.requires("auctions.view_sales")
@require_GET
def sales(request: HttpRequest) -> HttpResponse:
    """Every sale, newest first, by status and office; 50 a page."""
    form = SaleFilterForm(request.GET)
    rows = queries.sales()
    status = 200
    if form.is_valid():
        if form.cleaned_data["status"]:
            rows = rows.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["office"]:
            rows = rows.filter(office=form.cleaned_data["office"])
    else:
        status = 422
    page = Paginator(rows.order_by("-starts_at", "code"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "sales": list(page)}
    return render(request, "auctions/sales.html", context, status=status)


# --- The new-sale and edit forms ------------------------------------------------------------------
def in_force(model: type[IncrementTable] | type[PremiumSchedule], day: date | None) -> Any:
    rows = model.objects.order_by("name")
    if day is None:
        return rows.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=timezone.localdate()))
    return rows.filter(Q(effective_from__lte=day), Q(effective_to__isnull=True) | Q(effective_to__gte=day))


class SaleForm(forms.Form):
    code = forms.CharField(label="Code", max_length=20, help_text="Office, department, year and month: NY-J-2703.")
    title = forms.CharField(label="Title", max_length=200)
    office = forms.ModelChoiceField(label="Office", queryset=Office.objects.order_by("name"))
    saleroom = forms.CharField(label="Saleroom", max_length=120)
    starts_at = forms.CharField(
        label="Starts",
        max_length=16,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="In the office's time zone.",
    )
    currency = forms.CharField(label="Currency", max_length=3, help_text="Three letters: USD, GBP, CHF.")
    increment_table = forms.ModelChoiceField(label="Increment table", queryset=IncrementTable.objects.none())
    premium_schedule = forms.ModelChoiceField(label="Buyer's premium", queryset=PremiumSchedule.objects.none())
    book_wins_ties = forms.BooleanField(
        label="The book wins ties", required=False, help_text=SETTING_HELP["book_wins_ties"]
    )
    sell_one_step_below_reserve = forms.BooleanField(
        label="Sell one step below the reserve", required=False, help_text=SETTING_HELP["sell_one_step_below_reserve"]
    )
    go_backwards = forms.BooleanField(label="Go backwards", required=False, help_text=SETTING_HELP["go_backwards"])
    opening_fraction = forms.CharField(
        label="Opening fraction", max_length=8, help_text=SETTING_HELP["opening_fraction"]
    )
    seller_bids = forms.BooleanField(label="Seller bids", required=False, help_text=SETTING_HELP["seller_bids"])
    kyc_threshold = forms.CharField(
        label="KYC threshold", max_length=20, help_text="A bidder whose credit reaches this needs verified KYC."
    )
    phone_spacing = forms.CharField(
        label="Telephone spacing (lots)",
        max_length=4,
        help_text="A member of staff may not hold two telephone lines for lots fewer than this apart.",
    )
    conditions_of_sale = forms.CharField(
        label="Conditions of sale",
        required=False,
        max_length=services.CONDITIONS_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args: Any, sale: Sale | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        day = services.sale_day(sale) if sale is not None else None
        tables: Any = self.fields["increment_table"]
        schedules: Any = self.fields["premium_schedule"]
        tables.queryset = in_force(IncrementTable, day)
        schedules.queryset = in_force(PremiumSchedule, day)
        if sale is not None:
            del self.fields["code"]

    def starts(self) -> datetime:
        """The start time typed in the office's time zone, as an aware time."""
        text = self.cleaned_data["starts_at"]
        try:
            naive = datetime.fromisoformat(text)
        except ValueError:
            raise AuctionError(
                f"‘{text}’ is not a date and time; give one such as 2027-03-10 10:00.",
                field="starts_at",
                code=AuctionErrorCode.INVALID,
            ) from None
        if naive.tzinfo is not None:
            naive = naive.replace(tzinfo=None)
        return naive.replace(tzinfo=ZoneInfo(self.cleaned_data["office"].time_zone))

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = [name for name in services.SALE_FIELDS if name != "starts_at"]
        return {name: data[name] for name in names} | {"starts_at": self.starts()}


def _initial(sale: Sale) -> dict[str, Any]:
    local = sale.starts_at.astimezone(ZoneInfo(sale.office.time_zone))
    initial = {name: getattr(sale, name) for name in services.SALE_FIELDS}
    initial.update(starts_at=local.strftime("%Y-%m-%dT%H:%M"), expected_version=sale.version)
    return initial


def _new_initial(request: HttpRequest) -> dict[str, Any]:
    office = getattr(request.user, "office", None)
    return {
        "office": office,
        "currency": "USD",
        "increment_table": IncrementTable.objects.filter(standard=True).first(),
        "book_wins_ties": True,
        "go_backwards": True,
        "seller_bids": True,
        "opening_fraction": Decimal("0.5"),
        "kyc_threshold": Decimal("10000.00"),
        "phone_spacing": 5,
    }


@policy.requires("auctions.manage_sales")
@require_http_methods(["GET", "POST"])
def sale_new(request: HttpRequest) -> HttpResponse:
    """A new sale, in planning."""
    form = SaleForm(request.POST if request.method == "POST" else None, initial=_new_initial(request))
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                changes = form.changes()
                sale = services.sale_create(code=form.cleaned_data["code"], by=acting_staff(request), **changes)
            except AuctionError as refusal:
                place_refusal(form, refusal)
                status = refusal.status
            else:
                messages.success(request, f"Sale {sale.code} was created, in planning.")
                return redirect("auctions:sale", code=sale.code)
    return render(request, "auctions/sale_form.html", {"form": form, "sale": None}, status=status)


@policy.requires("auctions.manage_sales")
@require_http_methods(["GET", "POST"])
def sale_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Change a sale's facts and settings (not its code); refused once the sale is closed."""
    sale = sale_or_404(code)
    status = 200
    if request.method == "POST":
        form = SaleForm(request.POST, sale=sale)
        status = 422
        if form.is_valid():
            try:
                services.sale_update(
                    sale=sale,
                    by=acting_staff(request),
                    expected_version=form.cleaned_data["expected_version"],
                    **form.changes(),
                )
            except AuctionError as refusal:
                place_refusal(form, refusal)
                status = refusal.status
            else:
                messages.success(request, f"Sale {sale.code} was saved.")
                return redirect("auctions:sale", code=sale.code)
    else:
        form = SaleForm(initial=_initial(sale), sale=sale)
    return render(request, "auctions/sale_form.html", {"form": form, "sale": sale}, status=status)


@policy.requires("auctions.manage_sales")
@require_POST
def sale_advance(request: HttpRequest, code: str) -> HttpResponse:
    """Move the sale one status forward (planning → cataloguing → published → live → closed)."""
    sale = sale_or_404(code)
    expected = version_of(request)
    try:
        if expected is None:
            raise AuctionError(
                "The sale's version is missing; reload the page and try again.",
                field="expected_version",
                code=AuctionErrorCode.STALE,
            )
        sale = services.sale_advance(sale=sale, by=acting_staff(request), expected_version=expected)
    except AuctionError as refusal:
        return _sale_page(request, sale, refusal=refusal)
    messages.success(request, f"Sale {sale.code} is now {sale.get_status_display().lower()}.")
    return redirect("auctions:sale", code=sale.code)


# --- A sale's page --------------------------------------------------------------------------------
def _sale_page(request: HttpRequest, sale: Sale, *, refusal: AuctionError | None = None) -> HttpResponse:
    viewer = AuctionViewer(request.user)
    lots = list(queries.lots_of(sale))
    offered = [lot for lot in lots if not lot.is_withdrawn]
    rows = [{"lot": lot, "reserve": viewer.reserve(lot), "pieces": list(lot.pieces.all())} for lot in lots]
    context = {
        "sale": sale,
        "rows": rows,
        "viewer": viewer,
        "refusal": refusal,
        "next_status": SaleStatus(NEXT_SALE_STATUS[sale.status]).label if sale.status in NEXT_SALE_STATUS else None,
        "local_start": sale.starts_at.astimezone(ZoneInfo(sale.office.time_zone)),
        "totals": {
            "offered": len(offered),
            "withdrawn": len(lots) - len(offered),
            "low": sum((lot.low_estimate for lot in offered), Decimal(0)),
            "high": sum((lot.high_estimate for lot in offered), Decimal(0)),
        },
    }
    return render(request, "auctions/sale.html", context, status=refusal.status if refusal else 200)


@policy.requires("auctions.view_sales")
@require_GET
def sale(request: HttpRequest, code: str) -> HttpResponse:
    """The sale's facts, status and lots in order, with its totals."""
    return _sale_page(request, sale_or_404(code))


urlpatterns = [
    path("", sales, name="sales"),
    path("sales/new/", sale_new, name="sale_new"),
    path("sales/<str:code>/", sale, name="sale"),
    path("sales/<str:code>/edit/", sale_edit, name="sale_edit"),
    path("sales/<str:code>/advance/", sale_advance, name="sale_advance"),
]
