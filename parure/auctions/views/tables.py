"""Increment tables and premium schedules, for seniors and administrators: the list, a table's page
with its bands and a sample of its steps (the standard ladder shows its first steps made by code and
cannot be edited), a schedule's page with a worked example, and their new and edit forms.

Bands are rows of the form (``band-0-start``, ``band-0-step``, ``band-0-pattern``…); empty rows are
ignored, and the engine's sentence on a table it cannot build is shown beside the rows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from parure.auctions.errors import AuctionError
from parure.auctions.execution import table_ladder
from parure.auctions.models import IncrementTable, PremiumSchedule
from parure.auctions.services import tables as services
from parure.auctions.views.sales import place_refusal
from parure.core import policy
from parure.core.models import Office
from parure.core.policy import acting_staff
from parure.inventory.choices import ItemCategory

BLANK_ROWS = 3
EXAMPLE_HAMMER = Decimal("1500000")


class TableForm(forms.Form):
    code = forms.CharField(label="Code", max_length=40, help_text="Small letters, figures and hyphens: house-2027.")
    name = forms.CharField(label="Name", max_length=120)
    effective_from = forms.DateField(label="In force from", widget=forms.DateInput(attrs={"type": "date"}))
    effective_to = forms.DateField(
        label="In force until", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="Optional."
    )
    notes = forms.CharField(
        label="Notes", required=False, max_length=services.NOTES_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]


class ScheduleForm(TableForm):
    """A premium schedule's head: the table's fields and the saleroom and currency it is for."""

    office = forms.ModelChoiceField(label="Saleroom", queryset=Office.objects.order_by("code"), empty_label="Choose…")
    currency = forms.CharField(label="Currency", max_length=3, help_text="The thresholds' currency: USD, GBP, CHF…")

    field_order = ["code", "name", "office", "currency", "effective_from", "effective_to", "notes"]


def _rows(request: HttpRequest, names: tuple[str, ...]) -> list[dict[str, str]]:
    """The band rows as posted, in order, each field bounded (the services check the figures)."""
    rows = []
    for index in range(services.BANDS_MAX + BLANK_ROWS):
        row = {name: request.POST.get(f"band-{index}-{name}", "")[:40] for name in names}
        if any(value.strip() for value in row.values()):
            rows.append(row)
    return rows


def _padded(rows: list[dict[str, str]], names: tuple[str, ...]) -> list[dict[str, str]]:
    return rows + [dict.fromkeys(names, "") for _ in range(BLANK_ROWS)]


def _figure(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


@policy.requires("auctions.manage_tables")
@require_GET
def tables(request: HttpRequest) -> HttpResponse:
    """Every increment table and premium schedule, with the dates each is in force."""
    context = {
        "tables": list(IncrementTable.objects.order_by("-standard", "code")),
        "schedules": list(PremiumSchedule.objects.select_related("office").order_by("code")),
    }
    return render(request, "auctions/tables.html", context)


# --- Increment tables -----------------------------------------------------------------------------
BAND_FIELDS = ("start", "step", "pattern")


def _table_or_404(code: str) -> IncrementTable:
    table = IncrementTable.objects.filter(code=(code or "")[:40]).prefetch_related("bands").first()
    if table is None:
        raise Http404(f"No increment table has code {code[:40]}.")
    return table


def _sample(table: IncrementTable) -> dict[str, list[Decimal]]:
    try:
        ladder = table_ladder(table)
    except Exception:  # noqa: BLE001 (a stored table the engine refuses shows no sample, not an error page)
        return {}
    return {
        "first": services.steps_from(ladder, ladder.first, 40),
        "million": services.steps_from(ladder, Decimal("900000"), 12),
    }


def _table_page(
    request: HttpRequest,
    table: IncrementTable | None,
    *,
    form: TableForm | None = None,
    rows: list[dict[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    fixed = table is not None and services.is_fixed(table)
    if form is None:
        initial: dict[str, Any] = {}
        if table is not None:
            initial = {
                "name": table.name,
                "effective_from": table.effective_from,
                "effective_to": table.effective_to,
                "notes": table.notes,
            }
        form = TableForm(initial=initial, editing=table is not None)
    if rows is None:
        rows = [
            {"start": _figure(band.start), "step": _figure(band.step), "pattern": band.pattern}
            for band in (table.bands.all() if table is not None else [])
        ]
    context = {
        "table": table,
        "form": form,
        "rows": rows if fixed else _padded(rows, BAND_FIELDS),
        "fixed": fixed,
        "sample": _sample(table) if table is not None else {},
        "used_by": list(table.sales.order_by("-starts_at").values_list("code", flat=True)[:20]) if table else [],
    }
    return render(request, "auctions/table.html", context, status=status)


def _save_table(request: HttpRequest, table: IncrementTable | None) -> HttpResponse:
    form = TableForm(request.POST, editing=table is not None)
    rows = _rows(request, BAND_FIELDS)
    if not form.is_valid():
        return _table_page(request, table, form=form, rows=rows, status=422)
    data = form.cleaned_data
    try:
        saved = services.increment_table_save(
            by=acting_staff(request),
            table=table,
            code=data.get("code", ""),
            name=data["name"],
            effective_from=data["effective_from"],
            effective_to=data["effective_to"],
            notes=data["notes"],
            bands=[services.BandRow(**row) for row in rows],
        )
    except AuctionError as refusal:
        if refusal.field == "bands" or refusal.field is None:
            form.add_error(None, refusal.message)
        else:
            place_refusal(form, refusal)
        return _table_page(request, table, form=form, rows=rows, status=refusal.status)
    messages.success(request, f"The increment table {saved.name} was saved.")
    return redirect("auctions:table", code=saved.code)


@policy.requires("auctions.manage_tables")
@require_http_methods(["GET", "POST"])
def table_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _save_table(request, None)
    return _table_page(request, None)


@policy.requires("auctions.manage_tables")
@require_http_methods(["GET", "POST"])
def table(request: HttpRequest, code: str) -> HttpResponse:
    """An increment table's bands and steps; editable unless standard or used by a live or closed sale."""
    found = _table_or_404(code)
    if request.method == "POST":
        return _save_table(request, found)
    return _table_page(request, found)


# --- Premium schedules ----------------------------------------------------------------------------
PREMIUM_FIELDS = ("threshold", "rate")
EXCLUSION_FIELDS = ("category", "applies")
EXCLUSION_ROWS = 3


def _schedule_or_404(code: str) -> PremiumSchedule:
    schedule = (
        PremiumSchedule.objects.filter(code=(code or "")[:40])
        .select_related("office")
        .prefetch_related("bands", "exclusions__applies")
        .first()
    )
    if schedule is None:
        raise Http404(f"No premium schedule has code {code[:40]}.")
    return schedule


def _exclusion_rows(request: HttpRequest) -> list[dict[str, str]]:
    rows = []
    for index in range(len(ItemCategory.choices) + EXCLUSION_ROWS):
        row = {name: request.POST.get(f"exclusion-{index}-{name}", "")[:40] for name in EXCLUSION_FIELDS}
        if any(value.strip() for value in row.values()):
            rows.append(row)
    return rows


def _schedule_page(
    request: HttpRequest,
    schedule: PremiumSchedule | None,
    *,
    form: ScheduleForm | None = None,
    rows: list[dict[str, str]] | None = None,
    exclusions: list[dict[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    fixed = schedule is not None and services.is_fixed(schedule)
    if form is None:
        initial: dict[str, Any] = {}
        if schedule is not None:
            initial = {
                "name": schedule.name,
                "office": schedule.office_id,
                "currency": schedule.currency,
                "effective_from": schedule.effective_from,
                "effective_to": schedule.effective_to,
                "notes": schedule.notes,
            }
        form = ScheduleForm(initial=initial, editing=schedule is not None)
    bands = list(schedule.bands.all()) if schedule is not None else []
    if rows is None:
        rows = [{"threshold": _figure(band.threshold), "rate": _figure(band.rate * 100)} for band in bands]
    if exclusions is None:
        exclusions = [
            {"category": row.category, "applies": row.applies.code}
            for row in (schedule.exclusions.all() if schedule is not None else [])
        ]
    labels = dict(ItemCategory.choices)
    context = {
        "schedule": schedule,
        "form": form,
        "rows": rows if fixed else _padded(rows, PREMIUM_FIELDS),
        "exclusions": [
            {**row, "label": labels.get(row["category"], row["category"])}
            for row in (exclusions if fixed else _padded(exclusions, EXCLUSION_FIELDS))
        ],
        "categories": ItemCategory.choices,
        "fixed": fixed,
        "example": services.premium_example(schedule, EXAMPLE_HAMMER, bands) if schedule and bands else "",
    }
    return render(request, "auctions/schedule.html", context, status=status)


def _save_schedule(request: HttpRequest, schedule: PremiumSchedule | None) -> HttpResponse:
    form = ScheduleForm(request.POST, editing=schedule is not None)
    rows = _rows(request, PREMIUM_FIELDS)
    exclusions = _exclusion_rows(request)
    if not form.is_valid():
        return _schedule_page(request, schedule, form=form, rows=rows, exclusions=exclusions, status=422)
    data = form.cleaned_data
    try:
        saved = services.premium_schedule_save(
            by=acting_staff(request),
            schedule=schedule,
            code=data.get("code", ""),
            name=data["name"],
            office=data["office"],
            currency=data["currency"],
            effective_from=data["effective_from"],
            effective_to=data["effective_to"],
            notes=data["notes"],
            bands=[services.PremiumRow(**row) for row in rows],
            exclusions=[services.ExclusionRow(**row) for row in exclusions],
        )
    except AuctionError as refusal:
        if refusal.field in ("bands", "exclusions") or refusal.field is None:
            form.add_error(None, refusal.message)
        else:
            place_refusal(form, refusal)
        return _schedule_page(request, schedule, form=form, rows=rows, exclusions=exclusions, status=refusal.status)
    messages.success(request, f"The premium schedule {saved.name} was saved.")
    return redirect("auctions:schedule", code=saved.code)


@policy.requires("auctions.manage_tables")
@require_http_methods(["GET", "POST"])
def schedule_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _save_schedule(request, None)
    return _schedule_page(request, None)


@policy.requires("auctions.manage_tables")
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, code: str) -> HttpResponse:
    """A premium schedule's saleroom, currency, bands and exclusions, with a worked example; editable unless a
    live or closed sale uses it."""
    found = _schedule_or_404(code)
    if request.method == "POST":
        return _save_schedule(request, found)
    return _schedule_page(request, found)


urlpatterns = [
    path("tables/", tables, name="tables"),
    path("tables/increments/new/", table_new, name="table_new"),
    path("tables/increments/<str:code>/", table, name="table"),
    path("tables/premiums/new/", schedule_new, name="schedule_new"),
    path("tables/premiums/<str:code>/", schedule, name="schedule"),
]
