"""A sale's lots: adding a lot by stock numbers (its heading from the piece's approved catalogue copy
when there is one), the lot's page with each piece's copy, editing the heading and estimates, the
reserve (a senior's, and in the HTML only for those who may read it), withdrawing with a reason,
moving the lot in the order and adding or removing a piece while the sale is not live."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.auctions import queries
from parure.auctions.choices import SaleStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import Lot, Sale
from parure.auctions.services import sales as services
from parure.auctions.views.sales import place_refusal, sale_or_404
from parure.auctions.visibility import AuctionViewer
from parure.core import policy
from parure.core.policy import acting_staff


def lot_or_404(sale: Sale, label: str) -> Lot:
    try:
        return queries.lot_of(sale, label)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


class LotForm(forms.Form):
    stock_numbers = forms.CharField(
        label="Stock numbers",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
        help_text="One or more, each with its check digit (NY-26-000123-8).",
    )
    number = forms.CharField(
        label="Lot number", max_length=8, required=False, help_text="Leave empty for the next; 12A goes after 12."
    )
    heading = forms.CharField(
        label="Heading",
        max_length=services.HEADING_MAX,
        required=False,
        help_text="Leave empty to take the approved catalogue copy's heading (or the piece's title).",
    )
    low_estimate = forms.CharField(label="Low estimate", max_length=20)
    high_estimate = forms.CharField(label="High estimate", max_length=20)
    reserve = forms.CharField(label="Reserve", max_length=20, required=False, help_text="At most the low estimate.")

    def __init__(self, *args: Any, may_reserve: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_reserve:
            del self.fields["reserve"]


class LotEditForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    heading = forms.CharField(label="Heading", max_length=services.HEADING_MAX)
    low_estimate = forms.CharField(label="Low estimate", max_length=20)
    high_estimate = forms.CharField(label="High estimate", max_length=20)


class ReserveForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    reserve = forms.CharField(label="Reserve", max_length=20, required=False, help_text="Empty for no reserve.")


class WithdrawForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    reason = forms.CharField(label="Reason for withdrawing", max_length=services.REASON_MAX, required=False)


class MoveForm(forms.Form):
    position = forms.CharField(label="Move to place", max_length=6, required=False)
    direction = forms.ChoiceField(choices=[("", ""), ("up", "up"), ("down", "down")], required=False)


class PieceForm(forms.Form):
    stock_number = forms.CharField(label="Add a piece", max_length=40, required=False)
    remove = forms.CharField(max_length=40, required=False)


@policy.requires("auctions.manage_lots")
@require_http_methods(["GET", "POST"])
def lot_new(request: HttpRequest, code: str) -> HttpResponse:
    """Lot one or more pieces in the sale."""
    sale = sale_or_404(code)
    may_reserve = request.user.has_perm("auctions.set_reserves")
    form = LotForm(request.POST if request.method == "POST" else None, may_reserve=may_reserve)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                items = queries.pieces_named(data["stock_numbers"], field="stock_numbers")
                heading = data["heading"].strip() or _heading_for(items)
                lot = services.lot_create(
                    sale=sale,
                    items=items,
                    heading=heading,
                    low_estimate=data["low_estimate"],
                    high_estimate=data["high_estimate"],
                    reserve=data.get("reserve") or None,
                    number=data["number"].strip() or None,
                    by=acting_staff(request),
                )
            except AuctionError as refusal:
                if refusal.field == "pieces":
                    form.add_error("stock_numbers", refusal.message)
                else:
                    place_refusal(form, refusal)
                status = refusal.status
            else:
                messages.success(request, f"Lot {lot.label} was added to sale {sale.code}.")
                return redirect("auctions:lot", code=sale.code, lot=lot.label)
    context = {"sale": sale, "form": form, "next_number": services.next_lot_number(sale)}
    return render(request, "auctions/lot_form.html", context, status=status)


def _heading_for(items: list[Any]) -> str:
    """The approved copy's heading of the first piece, else its title."""
    copy = queries.approved_copy_of(items[0])
    return str(copy.heading if copy is not None else items[0].title)[: services.HEADING_MAX]


def _lot_page(
    request: HttpRequest,
    sale: Sale,
    lot: Lot,
    *,
    refusal: AuctionError | None = None,
    forms_given: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    user: Any = request.user
    viewer = AuctionViewer(user)
    copies = queries.approved_copy(lot)
    pieces = [{"entry": entry, "item": entry.item, "copy": copies.get(entry.item_id)} for entry in lot.pieces.all()]
    changeable = not sale.is_closed and not lot.is_withdrawn
    given = forms_given or {}
    context: dict[str, Any] = {
        "sale": sale,
        "lot": lot,
        "pieces": pieces,
        "viewer": viewer,
        "reserve": viewer.reserve(lot),
        "refusal": refusal,
        "count": sale.lots.count(),
        "can": {
            "edit": changeable and user.has_perm("auctions.manage_lots"),
            "reserve": changeable
            and sale.status != SaleStatus.LIVE
            and viewer.sees_reserves
            and user.has_perm("auctions.set_reserves"),
            "pieces": changeable and sale.status != SaleStatus.LIVE and user.has_perm("auctions.manage_lots"),
            "move": not sale.is_closed and sale.status != SaleStatus.LIVE and user.has_perm("auctions.manage_lots"),
        },
    }
    context["edit_form"] = given.get("edit") or LotEditForm(
        initial={
            "expected_version": lot.version,
            "heading": lot.heading,
            "low_estimate": lot.low_estimate,
            "high_estimate": lot.high_estimate,
        }
    )
    if context["can"]["reserve"]:
        context["reserve_form"] = given.get("reserve") or ReserveForm(
            initial={"expected_version": lot.version, "reserve": lot.reserve}
        )
    context["withdraw_form"] = given.get("withdraw") or WithdrawForm(initial={"expected_version": lot.version})
    return render(request, "auctions/lot.html", context, status=refusal.status if refusal else 200)


@policy.requires("auctions.view_sales")
@require_GET
def lot(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    """The lot: its number, place, heading, estimates, pieces with their approved copy, and (for those
    who may read it) the reserve."""
    sale = sale_or_404(code)
    return _lot_page(request, sale, lot_or_404(sale, lot))


def _invalid(form: forms.Form) -> AuctionError:
    field = next(iter(form.errors), None)
    if field == "expected_version":
        return AuctionError(
            "The lot's version is missing; reload the page and try again.",
            field=field,
            code=AuctionErrorCode.STALE,
        )
    return AuctionError("Check the fields marked below.", field=field, code=AuctionErrorCode.INVALID)


def _post(
    request: HttpRequest,
    code: str,
    label: str,
    form_class: type[forms.Form],
    key: str,
    act: Any,
    success: str,
) -> HttpResponse:
    """Run one lot service with a posted form; a refusal re-renders the lot page with it."""
    sale = sale_or_404(code)
    the_lot = lot_or_404(sale, label)
    form = form_class(request.POST)
    if not form.is_valid():
        return _lot_page(request, sale, the_lot, refusal=_invalid(form), forms_given={key: form})
    try:
        changed = act(the_lot, form.cleaned_data)
    except AuctionError as refusal:
        place_refusal(form, refusal)
        return _lot_page(request, sale, the_lot, refusal=refusal, forms_given={key: form})
    messages.success(request, success.format(lot=changed.label))
    return redirect("auctions:lot", code=sale.code, lot=changed.label)


@policy.requires("auctions.manage_lots")
@require_POST
def lot_edit(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    by = acting_staff(request)
    return _post(
        request, code, lot, LotEditForm, "edit",
        lambda the_lot, data: services.lot_update(
            lot=the_lot, by=by, expected_version=data["expected_version"], heading=data["heading"],
            low_estimate=data["low_estimate"], high_estimate=data["high_estimate"],
        ),
        "Lot {lot} was saved.",
    )  # fmt: skip


@policy.requires("auctions.set_reserves")
@require_POST
def lot_reserve(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    by = acting_staff(request)
    return _post(
        request, code, lot, ReserveForm, "reserve",
        lambda the_lot, data: services.lot_set_reserve(
            lot=the_lot, by=by, expected_version=data["expected_version"], reserve=data["reserve"] or None
        ),
        "The reserve of lot {lot} was saved.",
    )  # fmt: skip


@policy.requires("auctions.manage_lots")
@require_POST
def lot_withdraw(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    by = acting_staff(request)
    return _post(
        request, code, lot, WithdrawForm, "withdraw",
        lambda the_lot, data: services.lot_withdraw(
            lot=the_lot, by=by, expected_version=data["expected_version"], reason=data["reason"]
        ),
        "Lot {lot} was withdrawn; its pieces are free for another sale.",
    )  # fmt: skip


@policy.requires("auctions.manage_lots")
@require_POST
def lot_move(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    by = acting_staff(request)

    def move(the_lot: Lot, data: dict[str, Any]) -> Lot:
        if data["direction"]:
            return services.lot_step(lot=the_lot, up=data["direction"] == "up", by=by)
        return services.lot_move(lot=the_lot, position=data["position"], by=by)

    sale = sale_or_404(code)
    response = _post(request, code, lot, MoveForm, "move", move, "Lot {lot} was moved.")
    if response.status_code == 302:
        return redirect("auctions:sale", code=sale.code)
    return response


@policy.requires("auctions.manage_lots")
@require_POST
def lot_pieces(request: HttpRequest, code: str, lot: str) -> HttpResponse:
    """Add a piece to the lot (``stock_number``) or take one out (``remove``)."""
    by = acting_staff(request)

    def change(the_lot: Lot, data: dict[str, Any]) -> Lot:
        if data["remove"]:
            item = queries.pieces_named(data["remove"], field="pieces")[0]
            return services.lot_remove_piece(lot=the_lot, item=item, by=by)
        item = queries.pieces_named(data["stock_number"], field="pieces")[0]
        return services.lot_add_piece(lot=the_lot, item=item, by=by)

    return _post(request, code, lot, PieceForm, "pieces", change, "The pieces of lot {lot} were saved.")


urlpatterns = [
    path("sales/<str:code>/lots/new/", lot_new, name="lot_new"),
    path("sales/<str:code>/lots/<str:lot>/", lot, name="lot"),
    path("sales/<str:code>/lots/<str:lot>/edit/", lot_edit, name="lot_edit"),
    path("sales/<str:code>/lots/<str:lot>/reserve/", lot_reserve, name="lot_reserve"),
    path("sales/<str:code>/lots/<str:lot>/withdraw/", lot_withdraw, name="lot_withdraw"),
    path("sales/<str:code>/lots/<str:lot>/move/", lot_move, name="lot_move"),
    path("sales/<str:code>/lots/<str:lot>/pieces/", lot_pieces, name="lot_pieces"),
]
