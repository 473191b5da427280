"""Custody actions on one piece, batch scanning, transfers in transit and overdue check-outs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from parure.core import policy
from parure.core.models import Office
from parure.core.policy import acting_staff
from parure.inventory import queries, services
from parure.inventory.choices import EventKind, ItemStatus
from parure.inventory.counts import queries as count_queries
from parure.inventory.errors import InventoryError, InventoryErrorCode, StockNumberError
from parure.inventory.forms import (
    BatchAction,
    BatchForm,
    CheckOutForm,
    CorrectionForm,
    CountAdjustForm,
    CustodyForm,
    MoveForm,
    ReceiveForm,
    ReleaseForm,
    ReturnForm,
    TransferForm,
    apply_refusal,
)
from parure.inventory.guards import ReleaseOverride
from parure.inventory.models import CustodyEvent, Item
from parure.inventory.numbers import parse_stock_number
from parure.inventory.services.witness import Witness
from parure.inventory.views.common import confirm_witness, four_eyes_hint, item_or_404
from parure.inventory.visibility import PieceViewer, piece_rows

Perform = Callable[[HttpRequest, Item, dict[str, Any], Witness | None], CustodyEvent]


def _action_page(
    request: HttpRequest,
    stock_number: str,
    *,
    form_class: type[CustodyForm],
    title: str,
    submit: str,
    perform: Perform,
    intro: str = "",
    witness: bool = True,
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    item = item_or_404(stock_number)
    form = form_class(request.POST or None, item=item, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        origin = item.location
        try:
            event = perform(request, item, form.cleaned_data, confirm_witness(request, form.cleaned_data))
        except InventoryError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(
                request,
                f"{item.stock_number}: {EventKind(event.kind).label.lower()} recorded "
                f"({event.to_location.label}, ledger event {event.seq}).",
            )
            left = count_queries.move_warning(stock_number=item.stock_number, place=origin, to=event.to_location)
            if left:
                messages.warning(request, left)
            return redirect("inventory:item", item.stock_number)
    return render(
        request,
        "inventory/action.html",
        {
            "item": item,
            "form": form,
            "title": title,
            "submit": submit,
            "intro": intro,
            "witness": four_eyes_hint(item) if witness else None,
            "count_warning": count_queries.move_warning(stock_number=item.stock_number, place=item.location),
            "main_fields": [field for field in form if not field.name.startswith("witness_") and not field.is_hidden],
            "witness_fields": [field for field in form if field.name.startswith("witness_")] if witness else [],
        },
        status=422 if request.method == "POST" else 200,
    )


@policy.requires("inventory.move_item")
@require_http_methods(["GET", "POST"])
def item_move(request: HttpRequest, stock_number: str) -> HttpResponse:
    return _action_page(
        request,
        stock_number,
        form_class=MoveForm,
        title="Move",
        submit="Record the move",
        intro="Move the piece to another place in this office.",
        perform=lambda request, item, data, witness: services.item_move(
            item=item,
            to=data["to"],
            by=acting_staff(request),
            witness=witness,
            reason=data["reason"],
            expected_seq=data["expected_seq"],
        ),
    )


@policy.requires("inventory.check_out_item")
@require_http_methods(["GET", "POST"])
def item_check_out(request: HttpRequest, stock_number: str) -> HttpResponse:
    return _action_page(
        request,
        stock_number,
        form_class=CheckOutForm,
        form_kwargs={"viewer": request.user},
        title="Check out",
        submit="Record the check-out",
        intro="For photography, display, a viewing, the bench, a lab or a client on approval.",
        perform=lambda request, item, data, witness: services.item_check_out(
            item=item,
            to=data["to"],
            by=acting_staff(request),
            due_back=data["due_back"],
            counterpart=data["counterpart"],
            counterpart_client=data["client_number"],
            witness=witness,
            reason=data["reason"],
            cause=data["cause"],
            expected_seq=data["expected_seq"],
        ),
    )


@policy.requires("inventory.return_item")
@require_http_methods(["GET", "POST"])
def item_return(request: HttpRequest, stock_number: str) -> HttpResponse:
    return _action_page(
        request,
        stock_number,
        form_class=ReturnForm,
        title="Return from check-out",
        submit="Record the return",
        intro="The piece is back; put it where it belongs.",
        # Coming back into the house never needs a witness (four eyes watch pieces leaving).
        witness=False,
        perform=lambda request, item, data, witness: services.item_return(
            item=item,
            to=data["to"],
            by=acting_staff(request),
            witness=witness,
            reason=data["reason"],
            expected_seq=data["expected_seq"],
        ),
    )


@policy.requires("inventory.transfer_item")
@require_http_methods(["GET", "POST"])
def item_transfer(request: HttpRequest, stock_number: str) -> HttpResponse:
    return _action_page(
        request,
        stock_number,
        form_class=TransferForm,
        title="Transfer to another office",
        submit="Hand to the carrier",
        intro="The piece is in transit until the other office scans it in.",
        perform=lambda request, item, data, witness: services.item_transfer_out(
            item=item,
            destination=data["destination"],
            carrier=data["carrier"],
            tracking_number=data["tracking_number"],
            by=acting_staff(request),
            witness=witness,
            reason=data["reason"],
            cause=data["cause"],
            expected_seq=data["expected_seq"],
        ),
    )


@policy.requires("inventory.transfer_item")
@require_http_methods(["GET", "POST"])
def item_receive(request: HttpRequest, stock_number: str) -> HttpResponse:
    return _action_page(
        request,
        stock_number,
        form_class=ReceiveForm,
        title="Receive a transfer",
        submit="Receive the piece",
        intro="Check the tag against the manifest, then choose where it goes.",
        witness=False,
        perform=lambda request, item, data, witness: services.item_transfer_receive(
            item=item, to=data["to"], by=acting_staff(request), reason=data["reason"], expected_seq=data["expected_seq"]
        ),
    )


@policy.requires("inventory.release_item")
@require_http_methods(["GET", "POST"])
def item_release(request: HttpRequest, stock_number: str) -> HttpResponse:
    return _action_page(
        request,
        stock_number,
        form_class=ReleaseForm,
        title="Release",
        submit="Release the piece",
        intro="To its buyer or a shipment. The piece leaves our custody; only a correction can undo this.",
        perform=lambda request, item, data, witness: services.item_release(
            item=item,
            cause=data["cause"],
            counterpart=data["counterpart"],
            by=acting_staff(request),
            witness=witness,
            reason=data["reason"],
            expected_seq=data["expected_seq"],
            override=ReleaseOverride(by=acting_staff(request), reason=data["reason"]) if data.get("override") else None,
        ),
    )


@policy.requires("inventory.adjust_count")
@require_http_methods(["GET", "POST"])
def item_count_adjust(request: HttpRequest, stock_number: str) -> HttpResponse:
    office: Office | None = request.user.office  # type: ignore[union-attr]
    if office is None:
        raise Http404("Count adjustments are recorded by staff of the office counted.")
    return _action_page(
        request,
        stock_number,
        form_class=CountAdjustForm,
        title="Count adjustment",
        submit="Record where it was found",
        intro="A count found the piece somewhere other than the ledger says.",
        witness=False,
        form_kwargs={"office": office},
        perform=lambda request, item, data, witness: services.item_count_adjust(
            item=item,
            found_at=data["found_at"],
            by=acting_staff(request),
            reason=data["reason"],
            cause=data["cause"],
            expected_seq=data["expected_seq"],
        ),
    )


@policy.requires("inventory.correct_event")
@require_http_methods(["GET", "POST"])
def event_correct(request: HttpRequest, stock_number: str, seq: int) -> HttpResponse:
    item = item_or_404(stock_number)
    wrong = get_object_or_404(CustodyEvent.objects.select_related("to_location", "staff"), seq=seq, item=item)
    return _action_page(
        request,
        stock_number,
        form_class=CorrectionForm,
        title=f"Correct event {wrong.seq}",
        submit="Record the correction",
        intro=(
            f"Event {wrong.seq} ({wrong.get_kind_display().lower()} to {wrong.to_location} by {wrong.staff}) stays "
            "in the ledger; the correction records where the piece really is and names it."
        ),
        perform=lambda request, item, data, witness: services.event_correct(
            event=wrong,
            to=data["to"],
            by=acting_staff(request),
            reason=data["reason"],
            counterpart=data["counterpart"],
            due_back=data["due_back"],
            destination=data["destination"],
            witness=witness,
            expected_seq=data["expected_seq"],
        ),
    )


# --- Batch scanning ----------------------------------------------------------------------------


def _scan_lines(values: list[str]) -> list[tuple[str, int | None]]:
    lines = []
    for value in values:
        number, _, seq = value.partition(":")
        lines.append((number, int(seq) if seq.isdigit() else None))
    return lines


@policy.requires("inventory.move_item")
@require_GET
def batch_scan(request: HttpRequest) -> HttpResponse:
    """One scanned code: a row for the batch, or a plain statement of why not (htmx fragment)."""
    code = request.GET.get("code", "").strip()
    listed = {number for number, _ in _scan_lines(request.GET.getlist("line"))}
    context: dict[str, Any] = {"code": code.upper()}
    if not code:
        context.update(status="empty", message="Scan a tag, or type a stock number and press Enter.")
        return render(request, "inventory/partials/batch_scan.html", context)
    try:
        number = parse_stock_number(code)
    except StockNumberError as refusal:
        context.update(status="refused", message=refusal.message)
        return render(request, "inventory/partials/batch_scan.html", context)
    item = queries.items().filter(stock_number=number).first()
    if item is None:
        context.update(status="unknown", message=f"No piece has stock number {number}.")
    elif number in listed:
        context.update(status="already", message=f"{number} is already in this batch.")
    else:
        office_id = getattr(request.user, "office_id", None)
        here = item.location.office_id == office_id or item.transfer_destination_id == office_id
        if not here:
            context.update(status="not-here", message=f"{number} is {item.location.label}, not in your office.")
        else:
            context.update(status="found", message=f"{number} · {item.title}", item=item)
    return render(request, "inventory/partials/batch_scan.html", context)


@policy.requires("inventory.move_item")
@require_http_methods(["GET", "POST"])
def batch(request: HttpRequest) -> HttpResponse:
    """Scan many pieces, choose one action and destination, confirm once: all or nothing."""
    office: Office | None = getattr(request.user, "office", None)
    form = BatchForm(request.POST or None, office=office)
    listed = _scan_lines(request.POST.getlist("line")) if request.method == "POST" else []
    items = {item.stock_number: item for item in queries.items().filter(stock_number__in=[n for n, _ in listed])}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = data["action"]
        try:
            if not request.user.has_perm(BatchAction.PERMISSIONS[action]):
                raise InventoryError(
                    f"Your role may not {dict(BatchAction.CHOICES)[action].lower()}.",
                    code=InventoryErrorCode.NOT_PERMITTED,
                )
            lines = [
                services.BatchLine(item=items[number], expected_seq=seq) for number, seq in listed if number in items
            ]
            events = _run_batch(request, action, lines, data)
        except InventoryError as refusal:
            apply_refusal(form, refusal)
        else:
            count = len(events)
            messages.success(
                request,
                f"{count} piece{'s' if count != 1 else ''}: {dict(BatchAction.CHOICES)[action].lower()} recorded.",
            )
            return redirect("inventory:batch")
    rows = [items[number] for number, _ in listed if number in items]
    return render(
        request,
        "inventory/batch.html",
        {"form": form, "rows": rows},
        status=422 if request.method == "POST" else 200,
    )


def _run_batch(
    request: HttpRequest, action: str, lines: list[services.BatchLine], data: dict[str, Any]
) -> list[CustodyEvent]:
    witness = confirm_witness(request, data)
    by = acting_staff(request)
    common: dict[str, Any] = {"reason": data.get("reason", "")}
    if action == BatchAction.MOVE:
        return services.custody_batch(
            lines=lines,
            action=services.item_move,
            by=by,
            to=data["to"],
            witness=witness,
            **common,
        )
    if action == BatchAction.CHECK_OUT:
        return services.custody_batch(
            lines=lines,
            action=services.item_check_out,
            by=by,
            to=data["to"],
            due_back=data["due_back"],
            counterpart=data["counterpart"],
            witness=witness,
            **common,
        )
    if action == BatchAction.RETURN:
        return services.custody_batch(
            lines=lines,
            action=services.item_return,
            by=by,
            to=data["to"],
            witness=witness,
            **common,
        )
    if action == BatchAction.TRANSFER:
        return services.custody_batch(
            lines=lines,
            action=services.item_transfer_out,
            by=by,
            destination=data["destination"],
            carrier=data["counterpart"],
            tracking_number=data["tracking_number"],
            witness=witness,
            **common,
        )
    return services.custody_batch(
        lines=lines,
        action=services.item_transfer_receive,
        by=by,
        to=data["to"],
        **common,
    )


# --- Lists -----------------------------------------------------------------------------------------


@policy.requires("inventory.view_items")
@require_GET
def transfers(request: HttpRequest) -> HttpResponse:
    """Pieces on the road: coming to this office, and sent from it."""
    office: Office | None = getattr(request.user, "office", None)
    rows = list(queries.in_transit(None))
    incoming = [item for item in rows if office is not None and item.transfer_destination_id == office.pk]
    outgoing = [item for item in rows if office is not None and item.location.office_id == office.pk]
    others = [item for item in rows if item not in incoming and item not in outgoing]
    return render(request, "inventory/transfers.html", {"incoming": incoming, "outgoing": outgoing, "others": others})


@policy.requires("inventory.view_overdue")
@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    """Check-outs past their due-back time, in every office, longest overdue first."""
    page = Paginator(queries.overdue(), 50).get_page(request.GET.get("page"))
    rows = piece_rows(PieceViewer(request.user), page)
    return render(request, "inventory/overdue.html", {"page": page, "rows": rows, "statuses": ItemStatus})
