"""The copy page of a piece: the copy as it stands, its editing, the workflow buttons each role
may press, its versions and the difference between any two, and the catalogue entry PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from parure.catalogue import pdf
from parure.catalogue.choices import CopyStatus
from parure.catalogue.copywriting.diff import as_html
from parure.catalogue.copywriting.generator import CopyText
from parure.catalogue.errors import CatalogueError
from parure.catalogue.models import CatalogueCopy, CatalogueRecord
from parure.catalogue.models.copy import HEADING_MAX
from parure.catalogue.pdf import lines
from parure.catalogue.services import copy as services
from parure.catalogue.validation import open_flags
from parure.core import policy
from parure.core.policy import acting_staff
from parure.inventory import queries
from parure.inventory.errors import StockNumberError
from parure.inventory.views.common import pdf_response, wants_download


def _words(label: str, rows: int, help_text: str = "") -> forms.CharField:
    """A part of the copy: optional, kept as typed (the service trims it), sized to what it holds."""
    return forms.CharField(
        label=label, required=False, strip=False, widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text
    )


class CopyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    heading = forms.CharField(
        label="Heading", max_length=HEADING_MAX, strip=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    description = _words("Description", 6)
    lab_statements = _words("Laboratory statements", 3, "One statement a line.")
    provenance = _words("Provenance", 4, "One owner or sale a line, oldest first.")
    literature = _words("Literature", 2, "One reference a line.")
    exhibitions = _words("Exhibitions", 2, "One exhibition a line.")
    note = forms.CharField(label="What you changed", required=False, max_length=200)

    @classmethod
    def of(cls, copy: CatalogueCopy) -> CopyForm:
        return cls(initial={"version": copy.version, **copy.text.as_dict()})

    def text(self) -> CopyText:
        return CopyText(**{name: self.cleaned_data.get(name) or "" for name in CopyText.FIELDS})


def piece_or_404(stock_number: str) -> Any:
    try:
        return queries.item_by_stock_number(stock_number)
    except StockNumberError as refusal:
        raise Http404(refusal.message) from None


def record_or_404(piece: Any) -> CatalogueRecord:
    record = CatalogueRecord.objects.filter(item=piece).first()
    if record is None:
        raise Http404(f"{piece.stock_number} has no catalogue record yet; describe the piece first.")
    return record


def copy_or_404(record: CatalogueRecord) -> CatalogueCopy:
    copy = services.copy_of(record)
    if copy is None:
        raise Http404("This piece has no copy yet; generate it from the record.")
    return copy


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _page(
    request: HttpRequest,
    piece: Any,
    record: CatalogueRecord,
    *,
    form: CopyForm | None = None,
    refusal: CatalogueError | None = None,
) -> HttpResponse:
    user: Any = request.user
    copy = services.copy_of(record)
    context: dict[str, Any] = {"item": piece, "record": record, "copy": copy, "refusal": refusal}
    if copy is not None:
        status = copy.status
        authors = services.copy_authors(copy)
        writable = status != CopyStatus.LOCKED and user.has_perm("catalogue.write_copy")
        context.update(
            {
                "form": (form or CopyForm.of(copy)) if writable else None,
                "can": {
                    "regenerate": writable,
                    "submit": writable and status == CopyStatus.DRAFT,
                    "approve": status == CopyStatus.SUBMITTED
                    and user.has_perm("catalogue.approve_copy")
                    and user.pk not in authors,
                    "lock": status == CopyStatus.APPROVED and user.has_perm("catalogue.lock_copy"),
                },
                "own_copy": status == CopyStatus.SUBMITTED and user.pk in authors,
                "flags": open_flags(record),
                "versions": list(services.versions_of(copy)),
                "text": {name: lines(value) for name, value in copy.text.as_dict().items()},
            }
        )
    else:
        context["can"] = {"generate": user.has_perm("catalogue.write_copy")}
    status_code = refusal.status if refusal is not None else 200
    return render(request, "catalogue/copy.html", context, status=status_code)


@policy.requires("catalogue.view_copy")
@require_GET
def copy_page(request: HttpRequest, stock_number: str) -> HttpResponse:
    """The piece's copy as the catalogue will print it, and what the viewer may do with it."""
    piece = piece_or_404(stock_number)
    return _page(request, piece, record_or_404(piece))


def _act(
    request: HttpRequest, stock_number: str, action: Callable[[CatalogueRecord], object], success: str
) -> HttpResponse:
    """Run one workflow service on the piece's copy; on a refusal, the page with its sentence."""
    piece = piece_or_404(stock_number)
    record = record_or_404(piece)
    try:
        action(record)
    except CatalogueError as refusal:
        return _page(request, piece, record, refusal=refusal)
    messages.success(request, success)
    return redirect("catalogue:copy", stock_number=piece.stock_number)


@policy.requires("catalogue.write_copy")
@require_POST
def copy_generate(request: HttpRequest, stock_number: str) -> HttpResponse:
    """Write (or write again) the copy from the record; edited words stay in the versions."""
    by = acting_staff(request)

    def generate(record: CatalogueRecord) -> None:
        exists = CatalogueCopy.objects.filter(record=record).exists()
        services.copy_generate(record=record, by=by, expected_version=_version(request) if exists else None)

    return _act(request, stock_number, generate, "The copy was written from the record.")


@policy.requires("catalogue.write_copy")
@require_POST
def copy_edit(request: HttpRequest, stock_number: str) -> HttpResponse:
    piece = piece_or_404(stock_number)
    record = record_or_404(piece)
    copy = copy_or_404(record)
    form = CopyForm(request.POST)
    if not form.is_valid():
        refusal = CatalogueError(
            "Check the fields marked below.", code=services.Code.INVALID, field=next(iter(form.errors), None)
        )
        return _page(request, piece, record, form=form, refusal=refusal)
    try:
        services.copy_edit(
            copy=copy, by=acting_staff(request), expected_version=form.cleaned_data["version"], text=form.text(),
            note=form.cleaned_data.get("note") or "",
        )  # fmt: skip
    except CatalogueError as refusal:
        if refusal.field in form.fields:
            form.add_error(refusal.field, refusal.message)
        return _page(request, piece, record, form=form, refusal=refusal)
    messages.success(request, "The copy was saved as a new version.")
    return redirect("catalogue:copy", stock_number=piece.stock_number)


@policy.requires("catalogue.write_copy")
@require_POST
def copy_submit(request: HttpRequest, stock_number: str) -> HttpResponse:
    by = acting_staff(request)
    return _act(
        request, stock_number,
        lambda record: services.copy_submit(copy=copy_or_404(record), by=by, expected_version=_version(request)),
        "The copy was submitted for approval.",
    )  # fmt: skip


@policy.requires("catalogue.approve_copy")
@require_POST
def copy_approve(request: HttpRequest, stock_number: str) -> HttpResponse:
    by = acting_staff(request)
    return _act(
        request, stock_number,
        lambda record: services.copy_approve(copy=copy_or_404(record), by=by, expected_version=_version(request)),
        "The copy was approved.",
    )  # fmt: skip


@policy.requires("catalogue.lock_copy")
@require_POST
def copy_lock(request: HttpRequest, stock_number: str) -> HttpResponse:
    by = acting_staff(request)
    return _act(
        request, stock_number,
        lambda record: services.copy_lock(copy=copy_or_404(record), by=by, reason=request.POST.get("reason", "")),
        "The copy was locked.",
    )  # fmt: skip


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


@policy.requires("catalogue.view_copy")
@require_GET
def copy_diff(request: HttpRequest, stock_number: str) -> HttpResponse:
    """What changed between two versions (``?from=1&to=3``), word by word."""
    piece = piece_or_404(stock_number)
    record = record_or_404(piece)
    copy = copy_or_404(record)
    before = _number(request.GET.get("from")) or max(copy.version - 1, 1)
    after = _number(request.GET.get("to")) or copy.version
    context: dict[str, Any] = {"item": piece, "copy": copy, "numbers": range(1, copy.version + 1)}
    try:
        old, new, fields = services.copy_diff(copy=copy, before=before, after=after)
    except CatalogueError as refusal:
        context.update({"refusal": refusal, "before": before, "after": after})
        return render(request, "catalogue/copy_diff.html", context, status=refusal.status)
    context.update(
        {
            "old": old,
            "new": new,
            "before": old.number,
            "after": new.number,
            "fields": [(diff, as_html(diff.operations)) for diff in fields],
            "changed": any(diff.changed for diff in fields),
        }
    )
    return render(request, "catalogue/copy_diff.html", context)


@policy.requires("catalogue.view_copy")
@require_GET
def copy_pdf(request: HttpRequest, stock_number: str) -> HttpResponse:
    """The catalogue entry on the house letterhead."""
    piece = piece_or_404(stock_number)
    copy = copy_or_404(record_or_404(piece))
    content = pdf.catalogue_entry(copy, piece)
    return pdf_response(content, f"{piece.stock_number} catalogue entry.pdf", download=wants_download(request))


urlpatterns = [
    path("<str:stock_number>/copy/", copy_page, name="copy"),
    path("<str:stock_number>/copy/generate/", copy_generate, name="copy_generate"),
    path("<str:stock_number>/copy/edit/", copy_edit, name="copy_edit"),
    path("<str:stock_number>/copy/submit/", copy_submit, name="copy_submit"),
    path("<str:stock_number>/copy/approve/", copy_approve, name="copy_approve"),
    path("<str:stock_number>/copy/lock/", copy_lock, name="copy_lock"),
    path("<str:stock_number>/copy/diff/", copy_diff, name="copy_diff"),
    path("<str:stock_number>/copy/entry.pdf", copy_pdf, name="copy_pdf"),
]
