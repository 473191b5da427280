"""The release desk: scan a piece's tag (or type its stock number), see at once whether it may leave
and against which invoice, hand it over (custody records the release, with its witness when the
four-eyes rule asks for one), and print the collection receipt the buyer signs.

Whether it may go is billing's release guard, asked the same way custody asks it: the invoice billing
the piece must be paid in full, unless a senior specialist releases it before payment with a reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from parure.billing import documents, queries
from parure.billing.desk import verdict_for
from parure.billing.models import Invoice
from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.policy import acting_staff
from parure.inventory import queries as inventory
from parure.inventory import services as custody
from parure.inventory.choices import EventKind
from parure.inventory.errors import InventoryError, StockNumberError
from parure.inventory.guards import ReleaseOverride

HANDED_TO_MAX = 200


def _desk(
    request: HttpRequest, *, text: str = "", refusal: str = "", field: str = "", status: int = 200
) -> HttpResponse:
    verdict = None
    lookup_error = ""
    if text:
        try:
            verdict = verdict_for(inventory.item_by_stock_number(text))
        except StockNumberError as wrong:
            lookup_error, status = wrong.message, max(status, 422)
        except Http404 as missing:
            lookup_error, status = str(missing), max(status, 404)
    context = {
        "text": text,
        "verdict": verdict,
        "lookup_error": lookup_error,
        "refusal": refusal,
        "refusal_field": field,
        "posted": request.POST if refusal else {},
    }
    return render(request, "billing/release_desk.html", context, status=status)


@policy.requires("billing.view_release_desk")
@require_GET
def release_desk(request: HttpRequest) -> HttpResponse:
    return _desk(request, text=request.GET.get("piece", "").strip()[:60])


@policy.requires("inventory.release_item")
@require_POST
def desk_release(request: HttpRequest, stock_number: str) -> HttpResponse:
    """Hand the piece over against the invoice billing it; custody records the release."""
    try:
        item = inventory.item_by_stock_number(stock_number)
    except StockNumberError as wrong:
        raise Http404(wrong.message) from None
    invoice = queries.invoice_for_piece(item.pk)
    if invoice is None:
        return _desk(request, text=item.stock_number, refusal=f"{item.stock_number} is on no issued invoice.",
                     status=409)  # fmt: skip
    by = acting_staff(request)
    handed_to = " ".join(request.POST.get("handed_to", "").split())[:HANDED_TO_MAX]
    identity = " ".join(request.POST.get("identity", "").split())[:120]
    if not handed_to:
        return _desk(request, text=item.stock_number, refusal="Say who the piece is handed to.", field="handed_to",
                     status=422)  # fmt: skip
    reason = " ".join(request.POST.get("reason", "").split())
    # The identity seen goes on the ledger event; an override's reason is written there by custody.
    note = f"Identity seen: {identity}." if identity else ""
    override = ReleaseOverride(by=by, reason=reason) if request.POST.get("override") else None
    try:
        witness = None
        if request.POST.get("witness_username", "").strip():
            witness = custody.witness_confirm(
                username=request.POST.get("witness_username", ""),
                password=request.POST.get("witness_password", ""),
                otp_code=request.POST.get("witness_otp", ""),
                actor=by,
            )
        event = custody.item_release(
            item=item,
            cause=f"invoice:{invoice.number}",
            counterpart=handed_to,
            by=by,
            witness=witness,
            reason=note,
            override=override,
        )
    except InventoryError as refused:
        return _desk(request, text=item.stock_number, refusal=refused.message, field=refused.field or "",
                     status=refused.status)  # fmt: skip
    messages.success(
        request,
        f"{item.stock_number} released to {handed_to} (ledger event {event.seq}); "
        "print the collection receipt for signature.",
    )
    return redirect(reverse("billing:release_desk") + f"?piece={item.stock_number}")


@policy.requires("billing.view_release_desk")
@require_GET
def collection_receipt(request: HttpRequest, stock_number: str, seq: int) -> HttpResponse:
    """The collection receipt for a release recorded at the desk, to print and sign."""
    try:
        item = inventory.item_by_stock_number(stock_number)
    except StockNumberError as wrong:
        raise Http404(wrong.message) from None
    event = inventory.history(item).filter(kind=EventKind.RELEASE, seq=seq).first() if seq < 2**63 else None
    if event is None or not event.cause.startswith("invoice:"):
        raise Http404(f"{item.stock_number} has no release at the desk numbered {seq}.")
    invoice = Invoice.objects.select_related("office").filter(number=event.cause.removeprefix("invoice:")).first()
    if invoice is None:
        raise Http404("The invoice of that release is not found.")
    content = documents.collection_receipt_pdf(
        {
            "invoice": invoice,
            "office": invoice.office,
            "stock_number": item.stock_number,
            "title": item.title,
            "handed_to": event.counterpart,
            "released_at": timezone.localtime(event.at),
            "seq": event.seq,
            "released_by": event.staff.get_full_name() or event.staff.username,
            "witness": (event.witness.get_full_name() or event.witness.username) if event.witness else "",
            "reason": event.reason,
            "override": "on the authority of" in event.reason,
        }
    )
    record_access(request, action=AccessAction.EXPORT, subject_kind="collection_receipt",
                  subject_ref=f"{item.stock_number}:{seq}")  # fmt: skip
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="collection-{item.stock_number}-{seq}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("desk/", release_desk, name="release_desk"),
    path("desk/<str:stock_number>/release/", desk_release, name="desk_release"),
    path("desk/<str:stock_number>/receipt/<int:seq>/", collection_receipt, name="collection_receipt"),
]
