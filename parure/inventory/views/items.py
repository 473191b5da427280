"""The list of pieces, a piece's page, its description and its tags."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.policy import acting_staff
from parure.inventory import matching, pdf, queries
from parure.inventory.choices import ItemStatus, LabelKind
from parure.inventory.errors import InventoryError
from parure.inventory.forms import ItemEditForm, ItemFilterForm, apply_refusal
from parure.inventory.models import Item
from parure.inventory.services import item_update
from parure.inventory.services.intake import PieceDraft
from parure.inventory.views.common import (
    item_or_404,
    label_profile,
    money,
    pdf_response,
    tags_filename,
    wants_download,
)
from parure.inventory.visibility import PieceViewer, piece_rows

PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 100


@policy.requires("inventory.view_items")
@require_GET
def items(request: HttpRequest) -> HttpResponse:
    """Every piece, filtered by office, place, status, category, consignment or words."""
    initial: dict[str, Any] = {}
    data = request.GET.copy()
    if "office" not in data and getattr(request.user, "office_id", None):
        data["office"] = str(request.user.office_id)  # type: ignore[union-attr]
    form = ItemFilterForm(data or None, initial=initial)
    filters = form.filters() if form.is_bound else queries.ItemFilters()
    rows = queries.items(filters) if filters is not None else Item.objects.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": piece_rows(PieceViewer(request.user), page),
        "filters": filters or queries.ItemFilters(),
        "counts": queries.summary_counts(filters.office if filters is not None else None),
        "statuses": ItemStatus,
    }
    template = "inventory/partials/item_rows.html" if request.htmx else "inventory/items.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=200 if filters is not None else 422)


def _actions(request: HttpRequest, item: Item) -> dict[str, bool]:
    user: Any = request.user
    status = item.status
    in_house = status == ItemStatus.IN_HOUSE
    return {
        "move": in_house and user.has_perm("inventory.move_item"),
        "check_out": in_house and user.has_perm("inventory.check_out_item"),
        "return": status == ItemStatus.CHECKED_OUT and user.has_perm("inventory.return_item"),
        "transfer": in_house and user.has_perm("inventory.transfer_item"),
        "receive": status == ItemStatus.IN_TRANSIT
        and user.has_perm("inventory.transfer_item")
        and user.office_id == item.transfer_destination_id,
        "release": status in (ItemStatus.IN_HOUSE, ItemStatus.CHECKED_OUT) and user.has_perm("inventory.release_item"),
        "count": not item.is_terminal and user.has_perm("inventory.adjust_count"),
        "correct": user.has_perm("inventory.correct_event"),
        "labels": user.has_perm("inventory.print_labels"),
        "edit": user.has_perm("inventory.edit_item"),
    }


@policy.requires("inventory.view_items")
@require_GET
def item(request: HttpRequest, stock_number: str) -> HttpResponse:
    """Where the piece is, who holds it, since when, due back when, and its whole history."""
    piece = item_or_404(stock_number)
    viewer = PieceViewer(request.user)
    history = Paginator(queries.history(piece), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    events = list(history)
    viewer.know(items=[piece], events=events)
    return render(
        request,
        "inventory/item.html",
        {
            "item": piece,
            "history": history,
            "rows": [(event, viewer.event_line(event)) for event in events],
            "holder": viewer.holder(piece),
            "consignor": viewer.consignor(piece.consignment),
            "sees_values": viewer.sees_values,
            "sees_consignment": viewer.sees_consignments,
            "actions": _actions(request, piece),
            "values": {
                "stated": money(piece, piece.stated_value),
                "insurance": money(piece, piece.insurance_value),
            }
            if viewer.sees_values
            else None,
            "estimate": (
                f"{money(piece, piece.estimate_low)} – {money(piece, piece.estimate_high)}"
                if piece.estimate_low is not None and piece.estimate_high is not None
                else None
            ),
            "profiles": queries.label_profiles(),
            "default_profile": queries.default_tag_profile(piece.office),
            # The client book decides which files this person sees, and how each is named.
            "wanting": matching.clients_for_piece(piece, viewer=acting_staff(request)),
        },
    )


@policy.requires("inventory.edit_item")
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, stock_number: str) -> HttpResponse:
    """Change a piece's description (and values, for those who may see them); amends the receipt."""
    piece = item_or_404(stock_number)
    sees_values = PieceViewer(request.user).sees_values
    form = ItemEditForm(request.POST or None, initial=ItemEditForm.initial_for(piece), sees_values=sees_values)
    if request.method == "POST" and form.is_valid():
        try:
            item_update(
                item=piece,
                piece=form.draft(keep=PieceDraft.of(piece)),
                by=acting_staff(request),
                reason=form.cleaned_data.get("reason", ""),
            )
        except InventoryError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(request, f"{piece.stock_number} updated.")
            return redirect("inventory:item", piece.stock_number)
    status = 422 if request.method == "POST" else 200
    return render(request, "inventory/item_edit.html", {"item": piece, "form": form}, status=status)


@policy.requires("inventory.print_labels")
@require_GET
def item_labels(request: HttpRequest, stock_number: str) -> HttpResponse:
    """Tags for one piece (one per numbered part of a set), on the chosen label stock."""
    piece = item_or_404(stock_number)
    profile = label_profile(request, LabelKind.SWING_TAG, office=piece.office)
    content = pdf.labels(pdf.item_tags([piece], profile), profile, f"Tags for {piece.stock_number}")
    record_access(request, action=AccessAction.EXPORT, subject_kind="inventory_tags", subject_ref=piece.stock_number)
    return pdf_response(content, tags_filename(piece.stock_number, profile), download=wants_download(request))
