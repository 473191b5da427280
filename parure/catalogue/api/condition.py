"""Condition reports over the API, under /api/v1/catalogue/condition: a piece's versions, one
report, the comparison of two, the client PDF, and writing a report.

A report is written whole in one call (it is append-only: nothing to patch later): as
multipart, the JSON ``report`` field (occasion, grade, summary, findings, photos with their
captions and markers) and one file per photograph named ``photo_1``, ``photo_2``… in the order
of ``photos``; a report without photographs may also be sent as multipart with ``report`` alone.
"""

import json
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import Form, Router, Schema
from ninja.pagination import paginate
from pydantic import BaseModel, Field, ValidationError

from parure.catalogue import condition_pdf, condition_queries
from parure.catalogue.checklist import aspect, value_label
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import ConditionReport
from parure.catalogue.services.condition import (
    PHOTO_MAX_BYTES,
    PHOTOS_MAX,
    FindingDraft,
    MarkerDraft,
    PhotoDraft,
    condition_report_write,
)
from parure.core.api import requires
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.core.uploads import UploadRefused, upload_bytes
from parure.inventory import queries as inventory

router = Router()  # tagged "catalogue" by the router it is mounted on


class MarkerIO(BaseModel):
    number: int
    x: float
    y: float
    note: str = ""


class FindingIO(BaseModel):
    component: str
    kind: str
    aspect: str
    value: str
    note: str = ""


class FindingOut(FindingIO):
    aspect_label: str
    value_label: str


class PhotoIn(BaseModel):
    caption: str = ""
    markers: list[MarkerIO] = Field(default_factory=list, max_length=60)


class PhotoOut(Schema):
    position: int
    caption: str
    width: int
    height: int
    content_type: str
    markers: list[MarkerIO]
    url: str


class ReportIn(BaseModel):
    occasion: str
    grade: str
    summary: str = ""
    findings: list[FindingIO] = Field(max_length=300)
    photos: list[PhotoIn] = Field(default_factory=list, max_length=PHOTOS_MAX)
    expected_latest: int | None = None


class ReportForm(Schema):
    report: str


class ReportSummaryOut(Schema):
    stock_number: str
    version: int
    occasion: str
    grade: str
    made_by: str
    made_at: datetime
    findings: int
    photos: int


class ReportOut(Schema):
    stock_number: str
    version: int
    occasion: str
    grade: str
    summary: str
    made_by: str
    made_at: datetime
    findings: list[FindingOut]
    photos: list[PhotoOut]


class ComparisonOut(Schema):
    stock_number: str
    older: int
    newer: int
    grade: list[str] | None
    photos: list[str] | None
    lines: list[str]


def _summary(report: Any, stock_number: str) -> dict[str, Any]:
    return {
        "stock_number": stock_number,
        "version": report.version,
        "occasion": report.occasion,
        "grade": report.grade,
        "made_by": str(report.made_by),
        "made_at": report.made_at,
        "findings": report.finding_count,
        "photos": report.photo_count,
    }


def report_out(report: ConditionReport, stock_number: str) -> dict[str, Any]:
    from django.urls import reverse

    findings = []
    for finding in report.findings.all():
        found = aspect(finding.component_kind, finding.aspect)
        findings.append(
            {
                "component": finding.component,
                "kind": finding.component_kind,
                "aspect": finding.aspect,
                "value": finding.value,
                "note": finding.note,
                "aspect_label": found.label if found is not None else finding.aspect,
                "value_label": value_label(finding.value),
            }
        )
    return {
        "stock_number": stock_number,
        "version": report.version,
        "occasion": report.occasion,
        "grade": report.grade,
        "summary": report.summary,
        "made_by": str(report.made_by),
        "made_at": report.made_at,
        "findings": findings,
        "photos": [
            {
                "position": photo.position,
                "caption": photo.caption,
                "width": photo.width,
                "height": photo.height,
                "content_type": photo.content_type,
                "markers": photo.markers,
                "url": reverse("catalogue:condition_photo", args=[stock_number, report.version, photo.position]),
            }
            for photo in report.photos.all()
        ],
    }


@router.get(
    "/{stock_number}/reports", response=list[ReportSummaryOut], summary="A piece's condition reports, newest first"
)
@requires("catalogue.view_condition")
@paginate(LimitOffset)
def condition_report_list(request: HttpRequest, stock_number: str) -> Any:
    item = inventory.item_by_stock_number(stock_number)
    return [_summary(report, item.stock_number) for report in condition_queries.reports_for(item)]


@router.get("/{stock_number}/reports/{version}", response=ReportOut, summary="One condition report")
@requires("catalogue.view_condition")
def condition_report_get(request: HttpRequest, stock_number: str, version: int) -> Any:
    item = inventory.item_by_stock_number(stock_number)
    return report_out(condition_queries.report_of(item, version), item.stock_number)


@router.get("/{stock_number}/reports/{version}/pdf", summary="The client PDF of one condition report")
@requires("catalogue.view_condition")
def condition_report_pdf(request: HttpRequest, stock_number: str, version: int) -> HttpResponse:
    item = inventory.item_by_stock_number(stock_number)
    report = condition_queries.report_of(item, version)
    response = HttpResponse(condition_pdf.condition_report(report), content_type="application/pdf")
    response["Content-Disposition"] = (
        content_disposition_header(False, f"{item.stock_number} condition report {report.version}.pdf") or ""
    )
    return response


@router.get("/{stock_number}/compare", response=ComparisonOut, summary="What changed between two condition reports")
@requires("catalogue.view_condition")
def condition_compare(request: HttpRequest, stock_number: str, older: int, newer: int) -> Any:
    item = inventory.item_by_stock_number(stock_number)
    if older == newer:
        raise CatalogueError(
            "Choose two different versions to compare.", field="newer", code=CatalogueErrorCode.INVALID
        )
    comparison = condition_queries.compare(
        condition_queries.report_of(item, older), condition_queries.report_of(item, newer)
    )
    return {
        "stock_number": item.stock_number,
        "older": older,
        "newer": newer,
        "grade": list(comparison.grade) if comparison.grade else None,
        "photos": list(comparison.photos) if comparison.photos else None,
        "lines": comparison.lines(),
    }


def _parsed(text: str) -> ReportIn:
    try:
        return ReportIn.model_validate(json.loads(text))
    except json.JSONDecodeError:
        raise CatalogueError(
            "The ‘report’ field is not JSON; send the report as a JSON object.",
            field="report",
            code=CatalogueErrorCode.INVALID,
        ) from None
    except ValidationError as invalid:
        first = invalid.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CatalogueError(
            f"The report's {where}: {first['msg']}.", field=where or "report", code=CatalogueErrorCode.INVALID
        ) from None


@router.post("/{stock_number}/reports", response={201: ReportOut}, summary="Issue a piece's next condition report")
@requires("catalogue.write_condition")
def condition_report_issue(request: HttpRequest, stock_number: str, form: Form[ReportForm]) -> Any:
    item = inventory.item_by_stock_number(stock_number)
    sent = _parsed(form.report)
    photos = []
    for number, photo in enumerate(sent.photos, start=1):
        try:
            content = upload_bytes(request, request.FILES.get(f"photo_{number}"), limit=PHOTO_MAX_BYTES)
        except UploadRefused as refusal:  # the same 413, naming the photo it concerns
            raise UploadRefused(
                f"Photo {number}: {refusal.message}", field=f"photos.{number}.file", code=refusal.code
            ) from None
        if content is None:
            raise CatalogueError(
                f"Photo {number} is described in the report but no file ‘photo_{number}’ was sent.",
                field=f"photos.{number}.file",
                code=CatalogueErrorCode.REQUIRED,
            )
        photos.append(
            PhotoDraft(
                content,
                caption=photo.caption,
                markers=[MarkerDraft(marker.number, marker.x, marker.y, marker.note) for marker in photo.markers],
            )
        )
    report = condition_report_write(
        item=item,
        occasion=sent.occasion,
        grade=sent.grade,
        summary=sent.summary,
        findings=[FindingDraft(row.component, row.kind, row.aspect, row.value, row.note) for row in sent.findings],
        photos=photos,
        by=acting_staff(request),
        expected_latest=sent.expected_latest,
    )
    return 201, report_out(condition_queries.report_of(item, report.version), item.stock_number)
