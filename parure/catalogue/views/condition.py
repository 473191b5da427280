"""Condition report pages: a piece's versions, the new-report form (the checklist prefilled from
the last report, photographs with numbered markers), one report, its photographs, its PDF and the
comparison of two versions. Each page reads through :mod:`parure.catalogue.condition_queries`
and writes through :func:`parure.catalogue.services.condition.condition_report_write`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from parure.catalogue import condition_pdf, condition_queries
from parure.catalogue.checklist import CHECKLIST, aspect
from parure.catalogue.choices import ComponentKind, ConditionGrade, ConditionOccasion, FindingValue
from parure.catalogue.errors import CatalogueError
from parure.catalogue.services.condition import (
    PHOTO_MAX_BYTES,
    FindingDraft,
    MarkerDraft,
    PhotoDraft,
    condition_report_write,
)
from parure.core import policy
from parure.core.errors import DomainError
from parure.core.policy import acting_staff
from parure.core.uploads import upload_bytes
from parure.inventory import queries as inventory

PHOTO_SLOTS = 3
EXTRA_ROWS = 4
BLANK_MARKERS = 3


def _piece(stock_number: str) -> Any:
    try:
        return inventory.item_by_stock_number(stock_number)
    except DomainError as refusal:  # a wrong check digit: refused, never matched to another piece
        raise Http404(refusal.message) from None


def _report(item: Any, version: int) -> Any:
    try:
        return condition_queries.report_of(item, version)
    except CatalogueError as refusal:
        raise Http404(refusal.message) from None


@policy.requires("catalogue.view_condition")
@require_GET
def condition_list(request: HttpRequest, stock_number: str) -> HttpResponse:
    item = _piece(stock_number)
    reports = list(condition_queries.reports_for(item))
    return render(request, "catalogue/condition/list.html", {"item": item, "reports": reports})


# --- The new report form -------------------------------------------------------------------------


@dataclass
class FindingRow:
    number: int
    component: str = ""
    kind: str = ""
    aspect: str = ""
    value: str = ""
    note: str = ""
    errors: list[str] = field(default_factory=list)
    # What the row's selects offer: its kind's aspects and scale once it has them, else every kind's.
    aspects: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    values: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class MarkerRow:
    number: str = ""
    x: str = ""
    y: str = ""
    note: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class PhotoSlot:
    number: int
    caption: str = ""
    markers: list[MarkerRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class ReportForm:
    occasion: str = ConditionOccasion.INTAKE
    grade: str = ""
    summary: str = ""
    expected_latest: int = 0
    findings: list[FindingRow] = field(default_factory=list)
    photos: list[PhotoSlot] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)


def _blank_form(item: Any) -> ReportForm:
    latest = condition_queries.latest_version(item)
    rows = [
        FindingRow(number, draft.component, draft.kind, draft.aspect, draft.value, draft.note)
        for number, draft in enumerate(condition_queries.prefill(item), start=1)
    ]
    rows += [FindingRow(len(rows) + extra) for extra in range(1, EXTRA_ROWS + 1)]
    photos = [
        PhotoSlot(number, markers=[MarkerRow() for _ in range(BLANK_MARKERS)]) for number in range(1, PHOTO_SLOTS + 1)
    ]
    return ReportForm(occasion=ConditionOccasion.INTAKE if not latest else ConditionOccasion.VIEWING,
                      expected_latest=latest, findings=rows, photos=photos)  # fmt: skip


def _posted_form(request: HttpRequest) -> ReportForm:
    data = request.POST

    def count(name: str, ceiling: int) -> int:
        value = data.get(name, "")
        return min(int(value), ceiling) if value.isdigit() else 0

    rows = [
        FindingRow(
            number,
            data.get(f"finding-{number}-component", "").strip(),
            data.get(f"finding-{number}-kind", ""),
            data.get(f"finding-{number}-aspect", ""),
            data.get(f"finding-{number}-value", ""),
            data.get(f"finding-{number}-note", ""),
        )
        for number in range(1, count("finding-count", 300) + 1)
    ]
    photos = []
    for number in range(1, count("photo-count", 12) + 1):
        markers = [
            MarkerRow(
                data.get(f"photo-{number}-marker-{index}-number", "").strip(),
                data.get(f"photo-{number}-marker-{index}-x", "").strip(),
                data.get(f"photo-{number}-marker-{index}-y", "").strip(),
                data.get(f"photo-{number}-marker-{index}-note", ""),
            )
            for index in range(1, count(f"photo-{number}-marker-count", 60) + 1)
        ]
        photos.append(PhotoSlot(number, data.get(f"photo-{number}-caption", ""), markers))
    expected = data.get("expected_latest", "")
    return ReportForm(
        occasion=data.get("occasion", ""),
        grade=data.get("grade", ""),
        summary=data.get("summary", ""),
        expected_latest=int(expected) if expected.isdigit() else 0,
        findings=rows,
        photos=photos,
    )


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _drafts(
    request: HttpRequest, form: ReportForm
) -> tuple[list[FindingDraft], list[FindingRow], list[PhotoDraft], list[PhotoSlot]]:
    """The service's drafts from the form, with the rows they came from (blank rows are left out)."""
    findings, finding_rows = [], []
    for row in form.findings:
        if not row.component and not row.aspect:
            continue
        findings.append(FindingDraft(row.component, row.kind, row.aspect, row.value, row.note))
        finding_rows.append(row)
    photos, slots = [], []
    for slot in form.photos:
        upload = request.FILES.get(f"photo-{slot.number}-file")
        try:
            content = upload_bytes(request, upload, limit=PHOTO_MAX_BYTES)
        except DomainError as refusal:
            slot.errors.append(refusal.message)
            raise _Refused() from None
        slot.markers = [marker for marker in slot.markers if marker.x or marker.y or marker.note]
        if content is None:
            if slot.markers:
                slot.errors.append(f"Photo {slot.number} has markers but no photograph; choose the photograph.")
                raise _Refused()
            continue
        markers = [
            MarkerDraft(
                int(marker.number) if marker.number.isdigit() else index,
                _number(marker.x),
                _number(marker.y),
                marker.note,
            )
            for index, marker in enumerate(slot.markers, start=1)
        ]
        filename = (upload.name if upload is not None else None) or "photo"
        photos.append(PhotoDraft(content, filename, slot.caption, markers))
        slots.append(slot)
    return findings, finding_rows, photos, slots


class _Refused(Exception):
    """A refusal already attached to its row of the form."""


def _attach(form: ReportForm, refusal: CatalogueError, finding_rows: list[FindingRow], slots: list[PhotoSlot]) -> None:
    """Put the refusal next to the field it names (``findings.3.value`` → that row of the form)."""
    parts = (refusal.field or "").split(".")
    if parts[0] == "findings" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) <= len(finding_rows):
        finding_rows[int(parts[1]) - 1].errors.append(refusal.message)
    elif parts[0] == "photos" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) <= len(slots):
        slot = slots[int(parts[1]) - 1]
        if len(parts) > 3 and parts[2] == "markers" and parts[3].isdigit() and int(parts[3]) <= len(slot.markers):
            slot.markers[int(parts[3]) - 1].errors.append(refusal.message)
        else:
            slot.errors.append(refusal.message)
    elif parts[0] in {"occasion", "grade", "summary"}:
        form.errors.setdefault(parts[0], []).append(refusal.message)
    else:
        form.general.append(refusal.message)


def _form_context(item: Any, form: ReportForm) -> dict[str, Any]:
    for slot in form.photos:
        while len(slot.markers) < BLANK_MARKERS:
            slot.markers.append(MarkerRow())
    every_kind = [
        (str(ComponentKind(kind).label), [(found.key, found.label) for found in aspects])
        for kind, aspects in CHECKLIST.items()
    ]
    for row in form.findings:
        chosen = aspect(row.kind, row.aspect)
        if chosen is None:
            row.aspects, row.values = every_kind, list(FindingValue.choices)
        else:
            row.aspects = [group for group in every_kind if group[0] == ComponentKind(row.kind).label]
            row.values = [(value, str(FindingValue(value).label)) for value in chosen.scale]
    return {
        "item": item,
        "form": form,
        "occasions": ConditionOccasion.choices,
        "grades": ConditionGrade.choices,
        "kinds": ComponentKind.choices,
        "photo_max_mb": PHOTO_MAX_BYTES // (1024 * 1024),
    }


@policy.requires("catalogue.write_condition")
@require_http_methods(["GET", "POST"])
def condition_new(request: HttpRequest, stock_number: str) -> HttpResponse:
    item = _piece(stock_number)
    if request.method != "POST":
        return render(request, "catalogue/condition/form.html", _form_context(item, _blank_form(item)))
    form = _posted_form(request)
    try:
        findings, finding_rows, photos, slots = _drafts(request, form)
        report = condition_report_write(
            item=item,
            occasion=form.occasion,
            grade=form.grade,
            summary=form.summary,
            findings=findings,
            photos=photos,
            by=acting_staff(request),
            expected_latest=form.expected_latest,
        )
    except _Refused:
        pass
    except CatalogueError as refusal:
        _attach(form, refusal, finding_rows, slots)
    else:
        return redirect("catalogue:condition_report", item.stock_number, report.version)
    if any(slot.markers or slot.caption for slot in form.photos) or request.FILES:
        form.general.append("Nothing was saved; choose the photographs again before you send the report.")
    return render(request, "catalogue/condition/form.html", _form_context(item, form), status=422)


# --- One report ----------------------------------------------------------------------------------


@policy.requires("catalogue.view_condition")
@require_GET
def condition_report(request: HttpRequest, stock_number: str, version: int) -> HttpResponse:
    item = _piece(stock_number)
    report = _report(item, version)
    newest = condition_queries.latest_version(item)
    return render(
        request,
        "catalogue/condition/report.html",
        {
            "item": item,
            "report": report,
            "components": condition_pdf.components(report),
            "photos": [_shown(photo) for photo in report.photos.all()],
            "newest": newest,
        },
    )


def _shown(photo: Any) -> dict[str, Any]:
    radius = round(max(photo.width, photo.height) * 0.025, 1)
    return {
        "photo": photo,
        "radius": radius,
        "stroke": round(radius / 5, 1),
        "markers": [
            {**marker, "cx": round(marker["x"] * photo.width, 1), "cy": round(marker["y"] * photo.height, 1)}
            for marker in photo.markers
        ],
    }


@policy.requires("catalogue.view_condition")
@require_GET
def condition_photo(request: HttpRequest, stock_number: str, version: int, position: int) -> FileResponse:
    """A report's photograph, through the storage API (never a public media URL)."""
    item = _piece(stock_number)
    report = _report(item, version)
    photo = next((photo for photo in report.photos.all() if photo.position == position), None)
    if photo is None:
        raise Http404(f"Report {version} of {item.stock_number} has no photograph {position}.")
    response = FileResponse(photo.image.open("rb"), content_type=photo.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@policy.requires("catalogue.view_condition")
@require_GET
def condition_report_pdf(request: HttpRequest, stock_number: str, version: int) -> HttpResponse:
    item = _piece(stock_number)
    report = _report(item, version)
    response = HttpResponse(condition_pdf.condition_report(report), content_type="application/pdf")
    filename = f"{item.stock_number} condition report {report.version}.pdf"
    response["Content-Disposition"] = content_disposition_header(request.GET.get("download") == "1", filename) or ""
    return response


@policy.requires("catalogue.view_condition")
@require_GET
def condition_compare(request: HttpRequest, stock_number: str) -> HttpResponse:
    item = _piece(stock_number)
    newest = condition_queries.latest_version(item)
    older_text, newer_text = request.GET.get("older", ""), request.GET.get("newer", "")
    newer = int(newer_text) if newer_text.isdigit() else newest
    older = int(older_text) if older_text.isdigit() else newer - 1
    context: dict[str, Any] = {"item": item, "versions": list(range(newest, 0, -1)), "older": older, "newer": newer}
    if newest < 2:
        context["refusal"] = (
            f"{item.stock_number} has {newest or 'no'} condition report{'s' * (newest != 1)}; a comparison needs two."
        )
        return render(request, "catalogue/condition/compare.html", context)  # fmt: skip
    if older == newer:
        context["refusal"] = "Choose two different versions to compare."
        return render(request, "catalogue/condition/compare.html", context, status=422)
    context["comparison"] = condition_queries.compare(_report(item, older), _report(item, newer))
    return render(request, "catalogue/condition/compare.html", context)


urlpatterns = [
    path("<str:stock_number>/condition/", condition_list, name="condition_list"),
    path("<str:stock_number>/condition/new/", condition_new, name="condition_new"),
    path("<str:stock_number>/condition/compare/", condition_compare, name="condition_compare"),
    path("<str:stock_number>/condition/<int:version>/", condition_report, name="condition_report"),
    path("<str:stock_number>/condition/<int:version>/pdf/", condition_report_pdf, name="condition_report_pdf"),
    path("<str:stock_number>/condition/<int:version>/photos/<int:position>/", condition_photo, name="condition_photo"),
]
