"""The catalogue record's pages: the list of pieces and their records, a record's page, the desk
screen a specialist fills in by keyboard, and the gemology tools it calls inline.

The desk screen works without JavaScript: "Add a row", "Estimate weight", "Keep estimate" and
"Read marks" are submit buttons that re-render the screen with everything typed kept (nothing is
saved until "Save the record"); htmx makes the same buttons quick (the estimate and the marks come
back as small fragments, an added row swaps the form in place).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, register_converter
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.catalogue import queries, validation
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.forms import (
    FORMSET_PREFIXES,
    FORMSETS,
    CatalogueFilterForm,
    FlagOverrideForm,
    RecordForm,
    apply_refusal,
    kept_forms,
    rows_initial,
)
from parure.catalogue.models import CatalogueRecord
from parure.catalogue.services import records as services
from parure.catalogue.visibility import PRIVATE_COLLECTION, RecordViewer
from parure.core import policy
from parure.core.policy import acting_staff
from parure.gemology import periods
from parure.gemology.errors import GemologyError
from parure.inventory.errors import StockNumberError

PAGE_SIZE = 50


class StockNumberConverter:
    """A stock number's shape (NY-26-000123-8), so the record's addresses leave other areas' alone."""

    regex = r"[A-Za-z]{2}-\d{2}-\d{6}-\d"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(StockNumberConverter, "catalogue_stock")


def _piece_or_404(stock_number: str) -> Any:
    try:
        return queries.piece(stock_number)
    except CatalogueError as refusal:
        raise Http404(refusal.message) from None


def _record_or_404(stock_number: str) -> tuple[Any, CatalogueRecord]:
    item = _piece_or_404(stock_number)
    record = queries.record_of(item)
    if record is None:
        raise Http404(f"{item.stock_number} has no catalogue record yet.")
    return item, record


# --- The list ---------------------------------------------------------------------------------


@policy.requires("catalogue.view_records")
@require_GET
def records(request: HttpRequest) -> HttpResponse:
    """Pieces and their records: office, category, the record's state, words; 50 a page."""
    data = request.GET.copy()
    if "office" not in data and getattr(request.user, "office_id", None):
        data["office"] = str(request.user.office_id)  # type: ignore[union-attr]
    form = CatalogueFilterForm(data)
    status = 200
    rows: Any = []
    if form.is_valid():
        try:
            rows = queries.catalogue_items(
                office=form.cleaned_data["office"],
                category=form.cleaned_data["category"],
                status=form.cleaned_data["status"],
                text=form.cleaned_data["q"],
            )
        except StockNumberError as refusal:
            form.add_error("q", refusal.message)
            status = 422
    else:
        status = 422
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "rows": queries.catalogue_rows(page)}
    template = "catalogue/partials/record_rows.html" if request.htmx else "catalogue/records.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=status)


# --- One record -------------------------------------------------------------------------------


def _flag_layout(record: CatalogueRecord) -> dict[str, Any]:
    """The record's flags placed beside their fields: per stone and metal row (by index), per
    record field, and the rest (other areas' rules) in one list."""
    found = validation.flags(record)
    layout: dict[str, Any] = {
        "all": found,
        "open_count": sum(1 for flag in found if flag.is_open),
        "stones": [[] for _ in record.stones.all()],
        "metals": [[] for _ in record.metals.all()],
        "fields": {},
        "other": [],
    }
    for flag in found:
        prefix, _, rest = flag.field.partition("-")
        index = rest.partition("-")[0]
        if prefix in ("stones", "metals") and index.isdigit() and int(index) < len(layout[prefix]):
            layout[prefix][int(index)].append(flag)
        elif flag.field in services.RECORD_FIELDS:
            layout["fields"].setdefault(flag.field, []).append(flag)
        else:
            layout["other"].append(flag)
    return layout


def _period_name(key: str) -> str:
    try:
        return periods.period(key).name if key else ""
    except GemologyError:
        return key


@policy.requires("catalogue.view_records")
@require_GET
def record(request: HttpRequest, stock_number: str) -> HttpResponse:
    """The record as it stands, with its flags beside their fields; prints cleanly."""
    item = _piece_or_404(stock_number)
    found = queries.record_of(item)
    viewer = RecordViewer(request.user)
    if found is None:
        return render(request, "catalogue/record_missing.html", {"item": item, "viewer": viewer})
    flags = _flag_layout(found)
    return render(
        request,
        "catalogue/record.html",
        {
            "item": item,
            "record": found,
            "viewer": viewer,
            "provenance": viewer.provenance(found),
            "period_name": _period_name(found.period),
            "flags": flags,
            "stone_rows": list(zip(found.stones.all(), flags["stones"], strict=True)),
            "metal_rows": list(zip(found.metals.all(), flags["metals"], strict=True)),
            "literature": [row for row in found.references.all() if row.kind == "literature"],
            "exhibitions": [row for row in found.references.all() if row.kind == "exhibition"],
            "areas": _areas(request, item, found),
        },
    )


def _areas(request: HttpRequest, item: Any, record: CatalogueRecord) -> dict[str, Any]:
    """Where the piece stands in the catalogue's other areas, for the record page's links: its
    reports, its copy's status, its latest condition report and its primary photograph (each
    asked only of a viewer who may open that area)."""
    from parure.catalogue import condition_queries, photo_queries
    from parure.catalogue.services.copy import copy_of

    user = request.user
    areas: dict[str, Any] = {}
    if user.has_perm("catalogue.view_certificates"):
        areas["reports"] = queries.certificates_for(record).count()
    if user.has_perm("catalogue.view_copy"):
        copy = copy_of(record)
        areas["copy"] = copy.get_status_display() if copy is not None else None
    if user.has_perm("catalogue.view_condition"):
        areas["condition"] = condition_queries.latest_version(item)
    if user.has_perm("catalogue.view_photography"):
        areas["photographs"] = True
    areas["primary_image"] = photo_queries.primary_images([item.pk]).get(item.pk)
    return areas


@policy.requires("catalogue.edit_records")
@require_POST
def record_open(request: HttpRequest, stock_number: str) -> HttpResponse:
    """Start the record, prefilled from the intake sheet, and go to the desk screen."""
    item = _piece_or_404(stock_number)
    try:
        services.record_open(item=item, by=acting_staff(request))
    except CatalogueError as refusal:
        if refusal.code is not CatalogueErrorCode.RECORD_EXISTS:
            raise
        messages.info(request, refusal.message)
    return redirect("catalogue:record_edit", item.stock_number)


@policy.requires("catalogue.answer_flags")
@require_POST
def flag_override(request: HttpRequest, stock_number: str) -> HttpResponse:
    """A senior answers one flag with the reason the value stands."""
    item, found = _record_or_404(stock_number)
    form = FlagOverrideForm(request.POST)
    if form.is_valid():
        try:
            services.flag_override(
                record=found, key=form.cleaned_data["key"], reason=form.cleaned_data["reason"], by=acting_staff(request)
            )
        except CatalogueError as refusal:
            messages.error(request, refusal.message)
            response = redirect("catalogue:record", item.stock_number)
            return response
        messages.success(request, "The flag is answered; your reason is kept with it.")
    else:
        messages.error(request, "Name the flag to answer.")
    return redirect("catalogue:record", item.stock_number)


# --- The desk screen --------------------------------------------------------------------------


def _bind(data: QueryDict | None, found: CatalogueRecord, withheld: set[int]) -> tuple[RecordForm, dict[str, Any]]:
    initial = rows_initial(found, withheld=withheld)
    form = RecordForm(data, initial=RecordForm.initial_for(found))
    formsets = {prefix: FORMSETS[prefix](data, initial=initial[prefix], prefix=prefix) for prefix in FORMSET_PREFIXES}
    return form, formsets


def _with_row_added(data: QueryDict, prefix: str) -> QueryDict:
    """The screen with one more empty row (its fields at their defaults, so it is not validated)."""
    changed = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    total = str(changed.get(key) or "0")
    index = int(total) if total.isdigit() else 0
    changed[key] = str(index + 1)
    for name, field in FORMSETS[prefix].form.base_fields.items():
        if field.initial is not None:
            changed[f"{prefix}-{index}-{name}"] = str(field.initial)
    return changed


def _with_estimate_kept(data: QueryDict, row: str, carats: Decimal) -> QueryDict:
    """The screen with the stone's weight set to the estimate (for a group, one stone's times the
    count), its basis "estimated", and the estimate to be kept on the stone when saved."""
    changed = data.copy()
    count_text = (changed.get(f"stones-{row}-count") or "1").strip()
    count = int(count_text) if count_text.isdigit() and int(count_text) > 0 else 1
    changed[f"stones-{row}-weight_ct"] = str(carats * count)
    changed[f"stones-{row}-weight_basis"] = "estimated"
    changed[f"stones-{row}-keep_estimate"] = "on"
    return changed


def _row_fields(data: QueryDict, row: str) -> dict[str, Any]:
    names = ("species", "variety", "cut", "shape", "length_mm", "width_mm", "depth_mm", "count")
    return {name: (data.get(f"stones-{row}-{name}") or "").strip() for name in names}


def _estimate(data: QueryDict, row: str) -> dict[str, Any]:
    """The library's estimate for one stone row, or its refusal, for the screen."""
    try:
        return {"result": services.stone_estimate(stone_fields=_row_fields(data, row), field_prefix=f"stones-{row}-")}
    except CatalogueError as refusal:
        return {"error": refusal.message}


def _rows_with(formset: Any, flags: list[list[validation.Flag]], tools: dict[str, Any]) -> list[tuple[Any, Any, Any]]:
    """Each row's form with the stored row's flags and what a tool answered for it."""
    return [
        (form, flags[index] if index < len(flags) else [], tools.get(str(index)))
        for index, form in enumerate(formset.forms)
    ]


def _entry_id(form: Any) -> int | None:
    value = str(form["entry_id"].value() or "")
    return int(value) if value.isdigit() else None


def _render_desk(
    request: HttpRequest,
    item: Any,
    found: CatalogueRecord,
    form: RecordForm,
    formsets: dict[str, Any],
    *,
    viewer: RecordViewer,
    status: int = 200,
    estimates: dict[str, dict[str, Any]] | None = None,
    readings: dict[str, dict[str, Any]] | None = None,
) -> HttpResponse:
    flags = _flag_layout(found)
    withheld = viewer.withheld_entry_ids(found)
    stored_public = {entry.pk: entry.public_wording or PRIVATE_COLLECTION for entry in found.provenance.all()}
    return render(
        request,
        "catalogue/record_edit.html",
        {
            "item": item,
            "record": found,
            "form": form,
            "formsets": formsets,
            "viewer": viewer,
            "provenance_forms": [
                (form, stored_public[entry] if entry in withheld else None)
                for form, entry in ((form, _entry_id(form)) for form in formsets["provenance"].forms)
            ],
            "flags": flags,
            "metal_forms": _rows_with(formsets["metals"], flags["metals"], readings or {}),
            "stone_forms": _rows_with(formsets["stones"], flags["stones"], estimates or {}),
        },
        status=status,
    )


@policy.requires("catalogue.edit_records")
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, stock_number: str) -> HttpResponse:
    """One screen for the whole record, filled in by keyboard; saved in one go."""
    item, found = _record_or_404(stock_number)
    viewer = RecordViewer(request.user)
    withheld = viewer.withheld_entry_ids(found)
    if request.method == "GET":
        form, formsets = _bind(None, found, withheld)
        return _render_desk(request, item, found, form, formsets, viewer=viewer)
    data: QueryDict = request.POST
    added, estimated, kept_row, marks_row = (
        str(data.get(name, "")) for name in ("add", "estimate", "keep", "read_marks")
    )
    if added in FORMSET_PREFIXES:
        form, formsets = _bind(_with_row_added(data, added), found, withheld)
        return _render_desk(request, item, found, form, formsets, viewer=viewer)
    if estimated.isdigit():
        form, formsets = _bind(data, found, withheld)
        return _render_desk(
            request,
            item,
            found,
            form,
            formsets,
            viewer=viewer,
            estimates={estimated: _estimate(data, estimated)},
        )
    if kept_row.isdigit():
        estimate = _estimate(data, kept_row)
        if "result" in estimate:
            data = _with_estimate_kept(data, kept_row, Decimal(estimate["result"]["carats"]))
        form, formsets = _bind(data, found, withheld)
        return _render_desk(request, item, found, form, formsets, viewer=viewer, estimates={kept_row: estimate})
    if marks_row.isdigit():
        form, formsets = _bind(data, found, withheld)
        reading = services.read_marks(str(data.get(f"metals-{marks_row}-marks", "")))
        return _render_desk(request, item, found, form, formsets, viewer=viewer, readings={marks_row: reading})
    form, formsets = _bind(data, found, withheld)
    if not (form.is_valid() and all(formset.is_valid() for formset in formsets.values())):
        return _render_desk(request, item, found, form, formsets, viewer=viewer, status=422)
    kept = {prefix: kept_forms(formset) for prefix, formset in formsets.items()}
    try:
        services.record_save(
            record=found,
            expected_version=form.cleaned_data["version"],
            fields=form.values(),
            metals=[row.as_input() for row in kept["metals"]],
            stones=[row.as_input() for row in kept["stones"]],
            makers=[row.as_input() for row in kept["makers"]],
            provenance=[row.as_input(withheld=withheld) for row in kept["provenance"]],
            references=[row.as_input() for row in kept["references"]],
            by=acting_staff(request),
        )
    except CatalogueError as refusal:
        apply_refusal(refusal, form, kept)
        return _render_desk(request, item, found, form, formsets, viewer=viewer, status=refusal.status)
    messages.success(request, f"The record of {item.stock_number} is saved.")
    return redirect("catalogue:record", item.stock_number)


# --- The gemology tools, inline ----------------------------------------------------------------


@policy.requires("catalogue.edit_records")
@require_POST
def stone_estimate(request: HttpRequest) -> HttpResponse:
    """The estimate for one stone row of the desk screen (``row``), as a fragment."""
    row = request.POST.get("row") or request.POST.get("estimate") or ""
    if not row.isdigit():
        return render(
            request,
            "catalogue/partials/estimate.html",
            {"estimate": {"error": "Say which stone row to estimate."}},
            status=422,
        )
    estimate = _estimate(request.POST, row)
    # htmx swaps only successful answers: the refusal is sent as the fragment the specialist reads.
    refused = 200 if request.htmx else 422  # type: ignore[attr-defined]
    return render(
        request,
        "catalogue/partials/estimate.html",
        {"estimate": estimate, "row": row},
        status=200 if "result" in estimate else refused,
    )


@policy.requires("catalogue.edit_records")
@require_POST
def marks_read(request: HttpRequest) -> HttpResponse:
    """What the library reads in one metal row's marks (``row``), as a fragment."""
    row = request.POST.get("row") or request.POST.get("read_marks") or ""
    marks = request.POST.get(f"metals-{row}-marks", "") if row.isdigit() else request.POST.get("marks", "")
    return render(request, "catalogue/partials/marks.html", {"reading": services.read_marks(marks), "row": row})


urlpatterns = [
    path("", records, name="records"),
    path("tools/estimate/", stone_estimate, name="stone_estimate"),
    path("tools/marks/", marks_read, name="marks_read"),
    path("<catalogue_stock:stock_number>/", record, name="record"),
    path("<catalogue_stock:stock_number>/open/", record_open, name="record_open"),
    path("<catalogue_stock:stock_number>/edit/", record_edit, name="record_edit"),
    path("<catalogue_stock:stock_number>/flags/override/", flag_override, name="flag_override"),
]
