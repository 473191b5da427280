"""The bids office's pages: the sale's absentee book by lot, the bid entry form a clerk types
absentee forms into (it stays, with the paddle, channel and received time kept, for the next lot),
and the telephone sheet (requests by lot, a line and a member of staff for each, cover bids).

Maxima are write-only for viewers without ``auctions.view_maxima`` (see ``services.bids``): the book
leaves the amounts out of the HTML, and the entry form's success message repeats the accepted
maximum only in the answer to the request that took it (rendered directly, never put in the
message cookie)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.auctions import engine, queries
from parure.auctions.choices import AbsenteeStatus, BidChannel
from parure.auctions.errors import AuctionError
from parure.auctions.models import AbsenteeBid, Lot, Sale, TelephoneBid
from parure.auctions.services import bids as bid_services
from parure.auctions.services import telephone as phone_services
from parure.auctions.visibility import AuctionViewer
from parure.core import policy
from parure.core.policy import acting_staff

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class BidForm(forms.Form):
    """One line of an absentee bid form: the fields in the order a clerk reads them off the paper."""

    paddle = forms.CharField(label="Paddle", max_length=12, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    lot = forms.CharField(label="Lot", max_length=8)
    maximum = forms.CharField(
        label="Maximum hammer", max_length=30, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    channel = forms.ChoiceField(label="Received by", choices=BidChannel.choices, initial=BidChannel.FORM)
    received_at = forms.DateTimeField(
        label="Received", required=False, widget=DATETIME, help_text="Leave empty for now."
    )
    or_group = forms.CharField(
        label="OR group", max_length=bid_services.OR_GROUP_MAX, required=False,
        help_text="The same letter on each of the bidder's OR bids.",
    )  # fmt: skip


class TelephoneForm(forms.Form):
    paddle = forms.CharField(label="Paddle", max_length=12)
    lot = forms.CharField(label="Lot", max_length=8)
    phone_number = forms.CharField(label="Number to call", max_length=phone_services.PHONE_MAX, required=False)
    language = forms.CharField(label="Language", max_length=phone_services.LANGUAGE_MAX, required=False)


class AssignForm(forms.Form):
    line = forms.CharField(label="Line", max_length=phone_services.LINE_MAX)
    staff = forms.IntegerField(label="Member of staff", min_value=1, max_value=2**31 - 1)


class CoverForm(forms.Form):
    maximum = forms.CharField(label="Cover bid", max_length=30)


def _refusal(form: forms.BaseForm, refusal: AuctionError) -> None:
    name = refusal.field.split(".")[-1] if refusal.field else None
    form.add_error(name if name in form.fields else None, refusal.message)


def _sale_or_404(code: str) -> Sale:
    try:
        return queries.sale_by_code(code)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


# --- The absentee book -----------------------------------------------------------------------------
def book_rows(bids: list[AbsenteeBid], viewer: AuctionViewer) -> list[dict[str, Any]]:
    """What a viewer sees of each bid (the maximum and what the bidder wrote only for those who may)."""
    labels = viewer.bidder_labels(bid.registration.client_id for bid in bids)
    groups = Counter(
        (bid.registration_id, bid.or_group) for bid in bids if bid.or_group and bid.status == AbsenteeStatus.ACTIVE
    )
    rows = []
    for bid in bids:
        label = labels.get(bid.registration.client_id)
        rows.append(
            {
                "bid": bid,
                "bidder": label.name if label else "",
                "maximum": viewer.maximum(bid),
                "given": viewer.given(bid),
                "lonely_group": bool(bid.or_group)
                and bid.status == AbsenteeStatus.ACTIVE
                and groups[(bid.registration_id, bid.or_group)] == 1,
                "active": bid.status == AbsenteeStatus.ACTIVE,
            }
        )
    return rows


@policy.requires("auctions.view_bids")
@require_GET
def absentee_book(request: HttpRequest, code: str) -> HttpResponse:
    """The sale's absentee bids, lot by lot, with the flags for the specialist; ``?lot=12`` for one lot."""
    sale = _sale_or_404(code)
    viewer = AuctionViewer(request.user)
    lot: Lot | None = None
    lot_error = ""
    wanted = request.GET.get("lot", "").strip()[:12]
    if wanted:
        try:
            lot = queries.lot_of(sale, wanted)
        except AuctionError as refusal:
            lot_error = refusal.message
    bids = [] if lot_error else list(queries.absentee_book(sale, sees_maxima=viewer.sees_maxima, lot=lot))
    rows = book_rows(bids, viewer)
    user: Any = request.user
    return render(
        request,
        "auctions/bids.html",
        {
            "sale": sale,
            "rows": rows,
            "lot": lot,
            "wanted": wanted,
            "lot_error": lot_error,
            "sees_maxima": viewer.sees_maxima,
            "flags": sum(1 for row in rows if row["active"] and row["bid"].below_half_low),
            "active": sum(1 for row in rows if row["active"]),
            "takes_bids": user.has_perm("auctions.take_bids"),
        },
        status=404 if lot_error else 200,
    )


def _placed_message(placed: bid_services.Placed, sale: Sale) -> str:
    bid = placed.bid
    sent = f" The confirmation goes to {placed.confirmation_to}." if placed.confirmation_to else (
        " The client file has no e-mail address: no confirmation was sent."
    )  # fmt: skip
    return (
        f"Paddle {bid.registration.paddle}: lot {bid.lot.label} taken at {sale.currency}"
        f" {engine.format_amount(bid.maximum)}. {placed.message}{sent}"
    )


@policy.requires("auctions.take_bids")
@require_http_methods(["GET", "POST"])
def absentee_bid_new(request: HttpRequest, code: str) -> HttpResponse:
    """Enter absentee bids one after another; after each the form keeps the paddle, channel, received
    time and OR group so the next lot of the same form is two fields away."""
    sale = _sale_or_404(code)
    form = BidForm(request.POST or None)
    success = ""
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                placed = bid_services.absentee_bid_place(
                    lot=queries.lot_of(sale, data["lot"]),
                    registration=queries.registration_by_paddle(sale, data["paddle"]),
                    maximum=data["maximum"],
                    channel=data["channel"],
                    received_at=data["received_at"],
                    or_group=data["or_group"],
                    by=acting_staff(request),
                )
            except AuctionError as refusal:
                _refusal(form, refusal)
            else:
                # Echoed once, to the clerk who typed it (services.bids): not stored anywhere.
                success = _placed_message(placed, sale)
                status = 200
                kept = {name: data[name] for name in ("paddle", "channel", "received_at", "or_group")}
                form = BidForm(initial=kept)
    focus = next((name for name in form.fields if name in form.errors), None)
    focus = focus or ("lot" if form["paddle"].value() else "paddle")
    form.fields[focus].widget.attrs["autofocus"] = True
    return render(request, "auctions/bid_form.html", {"sale": sale, "form": form, "success": success}, status=status)


def _bid_or_404(sale: Sale, bid_id: int) -> AbsenteeBid:
    try:
        return queries.absentee_bid_of(sale, bid_id)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


@policy.requires("auctions.take_bids")
@require_POST
def absentee_bid_cancel(request: HttpRequest, code: str, bid_id: int) -> HttpResponse:
    """Take a bid off the book at the bidder's request (the row stays, marked cancelled)."""
    sale = _sale_or_404(code)
    bid = _bid_or_404(sale, bid_id)
    try:
        bid_services.absentee_bid_cancel(bid=bid, by=acting_staff(request))
    except AuctionError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Paddle {bid.registration.paddle}'s bid on lot {bid.lot.label} is cancelled.")
    return redirect(f"{_book_url(sale)}?lot={bid.lot.label}")


@policy.requires("auctions.take_bids")
@require_POST
def absentee_bid_confirm(request: HttpRequest, code: str, bid_id: int) -> HttpResponse:
    """Send the bidder the confirmation of a bid again."""
    sale = _sale_or_404(code)
    bid = _bid_or_404(sale, bid_id)
    try:
        address = bid_services.absentee_bid_confirm(bid=bid, by=acting_staff(request))
    except AuctionError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"The confirmation of lot {bid.lot.label} is sent again to {address}.")
    return redirect(f"{_book_url(sale)}?lot={bid.lot.label}")


def _book_url(sale: Sale) -> str:
    return reverse("auctions:bids", kwargs={"code": sale.code})


# --- The telephone sheet ---------------------------------------------------------------------------
def sheet_rows(telephones: list[TelephoneBid], viewer: AuctionViewer) -> list[dict[str, Any]]:
    """What a viewer sees of each telephone bid: the number only for the member of staff on the line
    and those the client book shows the client to; the cover bid's amount only to maxima readers."""
    labels = viewer.bidder_labels(row.registration.client_id for row in telephones)
    rows = []
    for telephone in telephones:
        label = labels.get(telephone.registration.client_id)
        cover = getattr(telephone, "cover_bid", None)
        active_cover = cover if cover is not None and cover.status == AbsenteeStatus.ACTIVE else None
        rows.append(
            {
                "telephone": telephone,
                "bidder": label.name if label else "",
                "phone": telephone.phone_number
                if phone_services.shows_phone(viewer.user, telephone, bool(label and label.identity_shown))
                else None,
                "cover": active_cover,
                "cover_maximum": viewer.maximum(active_cover) if active_cover is not None else None,
            }
        )
    return rows


def _sheet(
    request: HttpRequest,
    sale: Sale,
    *,
    form: TelephoneForm | None = None,
    errors: dict[int, str] | None = None,
    success: str = "",
    status: int = 200,
) -> HttpResponse:
    viewer = AuctionViewer(request.user)
    user: Any = request.user
    rows = sheet_rows(list(queries.telephone_sheet(sale)), viewer)
    for row in rows:
        row["error"] = (errors or {}).get(row["telephone"].pk, "")
    return render(
        request,
        "auctions/telephone.html",
        {
            "sale": sale,
            "rows": rows,
            "form": form or TelephoneForm(),
            "success": success,
            "staff": list(queries.line_staff()),
            "takes_bids": user.has_perm("auctions.take_bids"),
            "assigns": user.has_perm("auctions.assign_lines"),
            "sees_maxima": viewer.sees_maxima,
        },
        status=status,
    )


@policy.requires("auctions.view_bids")
@require_GET
def telephone_sheet(request: HttpRequest, code: str) -> HttpResponse:
    """The sale's telephone bids by lot, each with its line and member of staff."""
    return _sheet(request, _sale_or_404(code))


@policy.requires("auctions.take_bids")
@require_POST
def telephone_new(request: HttpRequest, code: str) -> HttpResponse:
    """Take a bidder's request to bid by telephone on a lot."""
    sale = _sale_or_404(code)
    form = TelephoneForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            telephone = phone_services.telephone_bid_request(
                lot=queries.lot_of(sale, data["lot"]),
                registration=queries.registration_by_paddle(sale, data["paddle"]),
                phone_number=data["phone_number"],
                language=data["language"],
                by=acting_staff(request),
            )
        except AuctionError as refusal:
            _refusal(form, refusal)
        else:
            messages.success(
                request, f"Paddle {telephone.registration.paddle} bids by telephone on lot {telephone.lot.label}."
            )
            return redirect("auctions:telephone", sale.code)
    return _sheet(request, sale, form=form, status=422)


def _telephone_or_404(sale: Sale, telephone_id: int) -> TelephoneBid:
    try:
        return queries.telephone_bid_of(sale, telephone_id)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


def _row_refused(request: HttpRequest, sale: Sale, telephone: TelephoneBid, message: str) -> HttpResponse:
    return _sheet(request, sale, errors={telephone.pk: message}, status=422)


@policy.requires("auctions.assign_lines")
@require_POST
def telephone_assign(request: HttpRequest, code: str, telephone_id: int) -> HttpResponse:
    """Put a member of staff on a line for this telephone bid; a clash is refused beside the row."""
    sale = _sale_or_404(code)
    telephone = _telephone_or_404(sale, telephone_id)
    form = AssignForm(request.POST)
    if not form.is_valid():
        first = next(iter(form.errors.items()))
        return _row_refused(request, sale, telephone, f"{form.fields[first[0]].label}: {first[1][0]}")
    staff = queries.line_staff().filter(pk=form.cleaned_data["staff"]).first()
    if staff is None:
        return _row_refused(request, sale, telephone, "Choose a specialist to hold the line.")
    try:
        phone_services.telephone_line_assign(
            telephone=telephone, line=form.cleaned_data["line"], staff=staff, by=acting_staff(request)
        )
    except AuctionError as refusal:
        return _row_refused(request, sale, telephone, refusal.message)
    messages.success(request, f"Line {form.cleaned_data['line'].strip()} for lot {telephone.lot.label} is assigned.")
    return redirect("auctions:telephone", sale.code)


@policy.requires("auctions.take_bids")
@require_POST
def telephone_cancel(request: HttpRequest, code: str, telephone_id: int) -> HttpResponse:
    """Cancel a telephone bid (and its cover bid)."""
    sale = _sale_or_404(code)
    telephone = _telephone_or_404(sale, telephone_id)
    try:
        phone_services.telephone_bid_cancel(telephone=telephone, by=acting_staff(request))
    except AuctionError as refusal:
        return _row_refused(request, sale, telephone, refusal.message)
    messages.success(
        request, f"Paddle {telephone.registration.paddle}'s telephone bid on lot {telephone.lot.label} is cancelled."
    )
    return redirect("auctions:telephone", sale.code)


@policy.requires("auctions.take_bids")
@require_POST
def telephone_cover(request: HttpRequest, code: str, telephone_id: int) -> HttpResponse:
    """Leave the telephone bidder's cover bid: an absentee bid executed only if the line fails."""
    sale = _sale_or_404(code)
    telephone = _telephone_or_404(sale, telephone_id)
    form = CoverForm(request.POST)
    if not form.is_valid():
        return _row_refused(request, sale, telephone, "Give the cover bid's maximum hammer price.")
    try:
        placed = bid_services.absentee_bid_place(
            lot=telephone.lot,
            registration=telephone.registration,
            maximum=form.cleaned_data["maximum"],
            channel=BidChannel.PHONE,
            cover_for=telephone,
            by=acting_staff(request),
        )
    except AuctionError as refusal:
        return _row_refused(request, sale, telephone, refusal.message)
    # The amount goes back once, in this answer only (services.bids): a message cookie would keep it.
    return _sheet(request, sale, success=_placed_message(placed, sale))


urlpatterns = [
    path("<str:code>/bids/", absentee_book, name="bids"),
    path("<str:code>/bids/new/", absentee_bid_new, name="bid_new"),
    path("<str:code>/bids/<int:bid_id>/cancel/", absentee_bid_cancel, name="bid_cancel"),
    path("<str:code>/bids/<int:bid_id>/confirm/", absentee_bid_confirm, name="bid_confirm"),
    path("<str:code>/telephone/", telephone_sheet, name="telephone"),
    path("<str:code>/telephone/new/", telephone_new, name="telephone_new"),
    path("<str:code>/telephone/<int:telephone_id>/assign/", telephone_assign, name="telephone_assign"),
    path("<str:code>/telephone/<int:telephone_id>/cancel/", telephone_cancel, name="telephone_cancel"),
    path("<str:code>/telephone/<int:telephone_id>/cover/", telephone_cover, name="telephone_cover"),
]
