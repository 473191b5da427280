"""Consignments: intake, the receipt and its versions, adding pieces, terms, returns to the consignor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.clients.errors import ClientError
from parure.clients.services import HIDDEN_DUPLICATE, client_open_checked
from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction, JobState
from parure.core.jobs import job_start, visible_jobs
from parure.core.models import Staff
from parure.core.money import Money
from parure.core.policy import acting_staff
from parure.inventory import jobs as inventory_jobs
from parure.inventory import pdf, queries, services
from parure.inventory.choices import ItemStatus, LabelKind, ReleaseReceiptStatus
from parure.inventory.errors import InventoryError
from parure.inventory.forms import (
    AmendTermsForm,
    IntakeForm,
    NewConsignorForm,
    PieceFormSet,
    ReleasePrepareForm,
    ReleaseRecordForm,
    apply_refusal,
    bands_text,
)
from parure.inventory.models import Consignment, ConsignmentReceipt, Item, LabelProfile, ReleaseReceipt
from parure.inventory.services.intake import Terms
from parure.inventory.views.common import (
    confirm_witness,
    label_profile,
    pdf_response,
    tags_filename,
    wants_download,
)
from parure.inventory.visibility import PieceViewer

PIECES_PREFIX = "pieces"


@policy.requires("inventory.view_consignments")
@require_GET
def consignments(request: HttpRequest) -> HttpResponse:
    office = getattr(request.user, "office", None)
    show_all = request.GET.get("office") == "all"
    refusal = None
    try:
        rows = queries.consignments(office=None if show_all else office, text=request.GET.get("q", ""))
    except InventoryError as error:
        refusal, rows = error.message, Consignment.objects.none()
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    viewer = PieceViewer(request.user)
    viewer.know(consignments=page)
    rows_shown = [(consignment, viewer.consignor(consignment)) for consignment in page]
    return render(
        request,
        "inventory/consignments.html",
        {
            "page": page,
            "rows": rows_shown,
            # The column shows for a role that knows consignors, or when this page holds a consignment
            # the viewer received themselves; other rows then read "the consignor".
            "sees_consignor": viewer.sees_consignor or any(shown is not None for _, shown in rows_shown),
            "show_all": show_all,
            "q": request.GET.get("q", ""),
            "refusal": refusal,
        },
        status=422 if refusal else 200,
    )


@policy.requires("inventory.view_consignments")
@require_GET
def consignment(request: HttpRequest, number: str) -> HttpResponse:
    record = queries.consignment_by_number(number)
    pieces = list(record.items.all())
    viewer = PieceViewer(request.user)
    sees_values = viewer.sees_values
    total = None
    if sees_values:
        amounts = [piece.stated_value for piece in pieces if piece.stated_value is not None]
        total = Money.of(sum(amounts), record.currency).format(record.office.locale) if amounts else None
    return render(
        request,
        "inventory/consignment.html",
        {
            "consignment": record,
            "consignor": viewer.consignor(record),
            "sees_notes": viewer.sees_notes,
            "pieces": pieces,
            "receipts": list(record.receipts.all()),
            "release_receipts": list(record.release_receipts.all()),
            "sees_values": sees_values,
            "total": total,
            "rows": [
                (
                    piece,
                    Money.of(piece.stated_value, record.currency).format(record.office.locale)
                    if sees_values and piece.stated_value is not None
                    else None,
                )
                for piece in pieces
            ],
            "in_house": sum(1 for piece in pieces if piece.status == ItemStatus.IN_HOUSE),
            "profiles": queries.label_profiles(),
            "default_profile": queries.default_tag_profile(record.office),
        },
    )


def _grid(request: HttpRequest, sees_values: bool) -> tuple[Any, bool]:
    """The pieces grid, with one more row when the person asked for it (works without JavaScript)."""
    if request.method != "POST":
        # Three blank rows as new rows, not "initial" ones: a row left blank is then skipped on
        # saving rather than refused as a piece without its category and title.
        blank = PieceFormSet(prefix=PIECES_PREFIX, sees_values=sees_values)
        blank.extra = 2
        return blank, False
    data: QueryDict = request.POST
    adding = "add_piece" in data
    if adding:
        data = data.copy()
        key = f"{PIECES_PREFIX}-TOTAL_FORMS"
        data[key] = str(int(data.get(key, "1") or 1) + 1)
    return PieceFormSet(data, prefix=PIECES_PREFIX, sees_values=sees_values), adding


@policy.requires("inventory.open_consignment")
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    """A new consignment: the consignor, the terms and a row per piece, all from the keyboard.

    Two buttons post the form without receiving it, and keep everything typed: "Add a piece"
    (one more row) and "Open the file" (a new consignor's file, then chosen as the consignor)."""
    sees_values = PieceViewer(request.user).sees_values
    opening = request.method == "POST" and "open_consignor" in request.POST
    grid, adding = _grid(request, sees_values)
    viewer = acting_staff(request)  # the client book decides which consignors this person may find
    kept = request.POST.dict()
    new_consignor = NewConsignorForm(request.POST if opening else None)
    opened, duplicates = "", None
    if opening:
        opened, duplicates = _open_consignor(new_consignor, viewer)
        if opened:
            kept["consignor"] = opened
            new_consignor = NewConsignorForm()
    # Adding a row or opening a file is not a submission: keep what was typed, but judge nothing yet.
    pausing = adding or opening
    form = IntakeForm(initial=kept, viewer=viewer) if pausing else IntakeForm(request.POST or None, viewer=viewer)
    if request.method == "POST" and not pausing:
        form_ok, grid_ok = form.is_valid(), grid.is_valid()
        if form_ok and grid_ok:
            drafts = grid.drafts()
            try:
                record = services.consignment_intake(
                    consignor=form.cleaned_data["consignor"],
                    terms=form.terms(),
                    pieces=drafts,
                    by=viewer,
                    currency=form.cleaned_data["currency"],
                )
            except InventoryError as refusal:
                apply_refusal(form, refusal)
            else:
                count = len(drafts)
                messages.success(
                    request,
                    f"Consignment {record.number} received: {count} piece{'s' if count != 1 else ''}. "
                    "Print the receipt for the consignor to sign, and the tags.",
                )
                return redirect("inventory:consignment", record.number)
    status = 422 if request.method == "POST" and not pausing else 200
    return render(
        request,
        "inventory/intake.html",
        {
            "form": form,
            "grid": grid,
            "adding": pausing,
            "sees_values": sees_values,
            "title": "Intake",
            "new_consignor": new_consignor,
            "opening": opening,
            "opened": opened,
            "duplicates": duplicates,
            "hidden_duplicate": HIDDEN_DUPLICATE,
        },
        status=status,
    )


# The client book's field names, as the inline form names them.
_NEW_CONSIGNOR_FIELDS = {"display_name": "name", "given_name": "name", "family_name": "name", "phones": "phone"}


def _open_consignor(form: NewConsignorForm, viewer: Staff) -> tuple[str, Any]:
    """Open the new consignor's file through the client book; the consignor box's text for it
    (number and the name this viewer may read), or the likely duplicates to choose from instead."""
    if not form.is_valid():
        return "", None
    data = form.cleaned_data
    try:
        opening = client_open_checked(
            name=data["name"],
            title=data["title"],
            email=data["email"],
            phone=data["phone"],
            not_a_duplicate=data["not_a_duplicate"],
            by=viewer,
        )
    except ClientError as refusal:
        field = _NEW_CONSIGNOR_FIELDS.get(refusal.field or "", refusal.field or "")
        form.add_error(field if field in form.fields else None, refusal.message)
        return "", None
    if opening.client is None:
        return "", opening.duplicates
    choice = queries.consignor_choice(opening.client.number, viewer=viewer)
    return f"{choice.number} · {choice.label}", None


@policy.requires("inventory.open_consignment")
@require_GET
def consignor_options(request: HttpRequest) -> HttpResponse:
    """Client files for the consignor field's suggestions (htmx)."""
    try:
        clients = queries.consignor_candidates(request.GET.get("consignor", ""), viewer=request.user)  # type: ignore[arg-type]
    except InventoryError:
        clients = []  # a mistyped client number suggests nothing; submitting says why
    return render(request, "inventory/partials/consignor_options.html", {"clients": clients})


@policy.requires("inventory.receive_items")
@require_http_methods(["GET", "POST"])
def consignment_add(request: HttpRequest, number: str) -> HttpResponse:
    """More pieces under an existing consignment; the receipt gets a new version."""
    record = queries.consignment_by_number(number)
    sees_values = PieceViewer(request.user).sees_values
    grid, adding = _grid(request, sees_values)
    error = ""
    if request.method == "POST" and not adding and grid.is_valid():
        try:
            added = services.consignment_add_pieces(
                consignment=record,
                pieces=grid.drafts(),
                by=acting_staff(request),
            )
        except InventoryError as refusal:
            error = refusal.message
        else:
            messages.success(
                request, f"{len(added)} piece{'s' if len(added) != 1 else ''} added; the receipt has a new version."
            )
            return redirect("inventory:consignment", record.number)
    return render(
        request,
        "inventory/intake.html",
        {
            "grid": grid,
            "adding": adding,
            "sees_values": sees_values,
            "consignment": record,
            "error": error,
            "title": f"Add pieces to {record.number}",
        },
        status=422 if request.method == "POST" and not adding else 200,
    )


@policy.requires("inventory.amend_terms")
@require_http_methods(["GET", "POST"])
def consignment_terms(request: HttpRequest, number: str) -> HttpResponse:
    record = queries.consignment_by_number(number)
    current = Terms.of(record)
    form = AmendTermsForm(
        request.POST or None, initial={**current.__dict__, "commission_bands": bands_text(current.commission_bands)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.consignment_amend_terms(
                consignment=record,
                terms=form.terms(),
                by=acting_staff(request),
                reason=form.cleaned_data["reason"],
            )
        except InventoryError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(request, f"Terms amended; receipt version {receipt.version} issued.")
            return redirect("inventory:consignment", record.number)
    return render(
        request,
        "inventory/consignment_terms.html",
        {"consignment": record, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@policy.requires("inventory.view_consignments")
@require_GET
def consignment_receipt(request: HttpRequest, number: str, version: int) -> HttpResponse:
    """One version of the consignment receipt as a PDF (what the viewer may see of it)."""
    receipt = get_object_or_404(
        ConsignmentReceipt.objects.select_related("consignment", "issued_by"),
        consignment__number=number,
        version=version,
    )
    content = pdf.consignment_receipt(receipt, PieceViewer(request.user))
    record_access(
        request, action=AccessAction.EXPORT, subject_kind="consignment_receipt", subject_ref=f"{number} v{version}"
    )
    return pdf_response(content, f"{number}-receipt-v{version}.pdf")


@policy.requires("inventory.print_labels")
@require_GET
def consignment_labels(request: HttpRequest, number: str) -> HttpResponse:
    record = queries.consignment_by_number(number)
    """The consignment's tags on the chosen stock; drawn in the background, with progress, when
    there are more than a sheet or two."""
    profile = label_profile(request, LabelKind.SWING_TAG, office=record.office)
    pieces = queries.consignment_pieces_to_tag(record)
    record_access(request, action=AccessAction.EXPORT, subject_kind="inventory_tags", subject_ref=record.number)
    if sum(max(len(piece.components.all()), 1) for piece in pieces) > inventory_jobs.TAGS_IN_REQUEST:
        job = job_start(
            kind=inventory_jobs.TAG_SHEET,
            by=acting_staff(request),
            params={
                "consignment": record.number,
                "profile": profile.pk,
                "download": wants_download(request),
                "back_url": reverse("inventory:consignment", args=[record.number]),
            },
        )
        return redirect("core:job", job_id=job.pk)
    content = pdf.labels(pdf.item_tags(pieces, profile), profile, f"Tags for {record.number}")
    return pdf_response(content, tags_filename(record.number, profile), download=wants_download(request))


@policy.requires("inventory.print_labels")
@require_GET
def job_tags(request: HttpRequest, job_id: int) -> HttpResponse:
    """The tags a background job drew, for the person who started it (another's job does not exist for them)."""
    job = visible_jobs(request.user).filter(pk=job_id, kind=inventory_jobs.TAG_SHEET, state=JobState.SUCCEEDED).first()
    if job is None or not default_storage.exists(inventory_jobs.tags_path(job)):
        raise Http404("No such sheet of tags of yours.")
    with default_storage.open(inventory_jobs.tags_path(job)) as stored:
        content = stored.read()
    profile = get_object_or_404(LabelProfile, pk=job.params["profile"])
    number = job.params["consignment"]
    record_access(request, action=AccessAction.EXPORT, subject_kind="inventory_tags", subject_ref=number)
    return pdf_response(content, tags_filename(number, profile), download=wants_download(request))


@policy.requires("inventory.return_to_consignor")
@require_http_methods(["GET", "POST"])
def release_prepare(request: HttpRequest, number: str) -> HttpResponse:
    """Choose the pieces going back and who collects; prints the release receipt to sign."""
    record = queries.consignment_by_number(number)
    available = Item.objects.filter(consignment=record, status=ItemStatus.IN_HOUSE).order_by("line")
    consignor = PieceViewer(request.user).consignor(record)
    form = ReleasePrepareForm(
        request.POST or None,
        pieces=available,
        initial={"collected_by": consignor.name if consignor and consignor.named else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.release_receipt_prepare(
                consignment=record,
                items=list(form.cleaned_data["pieces"]),
                collected_by=form.cleaned_data["collected_by"],
                identity_checked=form.cleaned_data["identity_checked"],
                by=acting_staff(request),
            )
        except InventoryError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(request, f"Release receipt {receipt.number} prepared: print it for signature.")
            return redirect("inventory:release_receipt", receipt.number)
    return render(
        request,
        "inventory/release_prepare.html",
        {"consignment": record, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def _release_receipt(number: str) -> ReleaseReceipt:
    receipt = (
        ReleaseReceipt.objects.select_related("consignment", "consignment__office", "prepared_by", "recorded_by")
        .prefetch_related("items")
        .filter(number=number)
        .first()
    )
    if receipt is None:
        raise Http404(f"No release receipt has the number {number}.")
    return receipt


@policy.requires("inventory.view_consignments")
@require_http_methods(["GET", "POST"])
def release_receipt(request: HttpRequest, number: str) -> HttpResponse:
    """The receipt awaiting signature, and recording the signed hand-over."""
    receipt = _release_receipt(number)
    form = ReleaseRecordForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("inventory.return_to_consignor"):
            raise PermissionDenied("Your role may not record a return to the consignor.")
        if form.is_valid():
            try:
                events = services.return_to_consignor(
                    receipt=receipt,
                    by=acting_staff(request),
                    signed=form.cleaned_data["signed"],
                    witness=confirm_witness(request, form.cleaned_data),
                )
            except InventoryError as refusal:
                apply_refusal(form, refusal)
            else:
                messages.success(
                    request, f"Return recorded: {len(events)} piece{'s' if len(events) != 1 else ''} handed over."
                )
                return redirect("inventory:consignment", receipt.consignment.number)
    return render(
        request,
        "inventory/release_receipt.html",
        {
            "receipt": receipt,
            "collected_by": PieceViewer(request.user).collected_by(receipt),
            "form": form,
            "pieces": list(receipt.items.all()),
            "prepared": receipt.status == ReleaseReceiptStatus.PREPARED,
        },
        status=422 if request.method == "POST" else 200,
    )


@policy.requires("inventory.return_to_consignor")
@require_POST
def release_receipt_cancel(request: HttpRequest, number: str) -> HttpResponse:
    receipt = _release_receipt(number)
    try:
        services.release_receipt_cancel(receipt=receipt, by=acting_staff(request))
    except InventoryError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Release receipt {receipt.number} cancelled; the pieces stay with us.")
    return redirect("inventory:consignment", receipt.consignment.number)


@policy.requires("inventory.view_consignments")
@require_GET
def release_receipt_pdf(request: HttpRequest, number: str) -> HttpResponse:
    receipt = _release_receipt(number)
    content = pdf.release_receipt(receipt, PieceViewer(request.user))
    record_access(request, action=AccessAction.EXPORT, subject_kind="release_receipt", subject_ref=number)
    return pdf_response(content, f"{number}.pdf")
