"""Laboratory reports in the API (mounted at /api/v1/catalogue/certificates): a piece's reports
with the match check, attaching one (multipart, with its scan), reading, correcting, replacing
the scan, detaching with a reason, downloading the scan; and the laboratories."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import FileResponse, HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from parure.catalogue import matching, queries
from parure.catalogue.choices import CertificateKind
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import CatalogueRecord, Certificate, RecordStone
from parure.catalogue.services import certificates as services
from parure.core.access_log import record_access
from parure.core.api import ErrorOut, requires
from parure.core.choices import AccessAction
from parure.core.errors import CoreErrorCode
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.core.uploads import UploadRefused, upload_bytes

router = Router()  # tagged "catalogue" by the router it is mounted on

CertificateId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class CheckOut(Schema):
    field: str
    label: str
    report: str
    record: str
    verdict: str = Field(description="match, mismatch or unchecked")
    note: str


class CertificateOut(Schema):
    id: int
    stock_number: str
    laboratory: str
    laboratory_name: str
    number: str
    issued_on: date
    kind: str
    stone: int | None = Field(description="The position of the record's stone it is on; null for the whole piece.")
    species: str
    variety: str
    weight_ct: Decimal | None
    shape: str
    cut: str
    length_mm: Decimal | None
    width_mm: Decimal | None
    depth_mm: Decimal | None
    colour: str
    clarity: str
    cut_grade: str
    fluorescence: str
    treatment: str
    origin: str
    comments: str
    has_scan: bool
    scan_size: int | None
    scan_sha256: str
    attached_by: str
    attached_at: datetime
    updated_by: str
    updated_at: datetime
    detached: bool
    detached_by: str | None
    detached_at: datetime | None
    detach_reason: str
    checks: list[CheckOut] = Field(description="Each finding beside the catalogued stone's (none for the whole piece).")


class Findings(Schema):
    laboratory: str = Field(description="The laboratory's short name (see /laboratories): GIA, SSEF, Gübelin.")
    number: str = Field(max_length=60)
    issued_on: date
    kind: CertificateKind = CertificateKind.DIAMOND
    stone: int | None = Field(
        None, ge=1, le=32767, description="The position of the record's stone; omit for the piece."
    )
    species: str = Field("", max_length=200)
    variety: str = Field("", max_length=200)
    weight_ct: Decimal | None = Field(None, max_digits=8, decimal_places=2)
    shape: str = Field("", max_length=200)
    cut: str = Field("", max_length=200)
    length_mm: Decimal | None = Field(None, max_digits=7, decimal_places=2)
    width_mm: Decimal | None = Field(None, max_digits=7, decimal_places=2)
    depth_mm: Decimal | None = Field(None, max_digits=7, decimal_places=2)
    colour: str = Field("", max_length=200)
    clarity: str = Field("", max_length=200)
    cut_grade: str = Field("", max_length=200)
    fluorescence: str = Field("", max_length=200)
    treatment: str = Field("", max_length=400)
    origin: str = Field("", max_length=200)
    comments: str = Field("", max_length=4000)


class AttachIn(Findings):
    stock_number: str = Field(max_length=40, description="The piece's stock number, with its check digit.")


class ListQuery(Schema):
    stock_number: str = Field(max_length=40, description="The piece's stock number, with its check digit.")


class DetachIn(Schema):
    reason: str = Field(max_length=2000, description="Why the report is taken off the piece.")


class LaboratoryOut(Schema):
    code: str
    name: str
    country: str
    active: bool


def _out(certificate: Certificate, stock_number: str) -> dict[str, Any]:
    checks = matching.match(certificate, certificate.stone) if certificate.stone else []
    return {
        "id": certificate.pk,
        "stock_number": stock_number,
        "laboratory": certificate.laboratory.code,
        "laboratory_name": certificate.laboratory.name,
        **{name: getattr(certificate, name) for name in ("number", "issued_on", "kind", *_FINDING_FIELDS)},
        "stone": certificate.stone.position if certificate.stone else None,
        "has_scan": bool(certificate.pdf),
        "scan_size": certificate.pdf_size,
        "scan_sha256": certificate.pdf_sha256,
        "attached_by": certificate.attached_by.username,
        "attached_at": certificate.attached_at,
        "updated_by": certificate.updated_by.username,
        "updated_at": certificate.updated_at,
        "detached": not certificate.is_attached,
        "detached_by": certificate.detached_by.username if certificate.detached_by else None,
        "detached_at": certificate.detached_at,
        "detach_reason": certificate.detach_reason,
        "checks": [
            {"field": c.field, "label": c.label, "report": c.report, "record": c.record, "verdict": c.verdict,
             "note": c.note}
            for c in checks
        ],
    }  # fmt: skip


_FINDING_FIELDS = (
    "species", "variety", "weight_ct", "shape", "cut", "length_mm", "width_mm", "depth_mm", "colour", "clarity",
    "cut_grade", "fluorescence", "treatment", "origin", "comments",
)  # fmt: skip


def _stone(record: CatalogueRecord, position: int | None) -> RecordStone | None:
    if position is None:
        return None
    stone = record.stones.filter(position=position).first()
    if stone is None:
        raise CatalogueError(
            f"The record of {record.item.stock_number} has no stone {position}.",
            field="stone",
            code=CatalogueErrorCode.INVALID,
        )
    return stone


def _draft(record: CatalogueRecord, findings: Findings) -> services.ReportDraft:
    return services.ReportDraft(
        laboratory=queries.laboratory_by_code(findings.laboratory),
        number=findings.number,
        issued_on=findings.issued_on,
        kind=findings.kind,
        stone=_stone(record, findings.stone),
        **{name: getattr(findings, name) for name in _FINDING_FIELDS},
    )


def _scan(request: HttpRequest, pdf: UploadedFile | None) -> bytes | None:
    try:
        return upload_bytes(request, pdf, limit=services.pdf_size_limit())
    except UploadRefused as refusal:
        raise UploadRefused(refusal.message, field="pdf", code=CoreErrorCode.UPLOAD_TOO_LARGE) from None


def _certificate(certificate_id: int) -> Certificate:
    return queries.certificate_by_id(certificate_id)


@router.get("", response=list[CertificateOut], summary="A piece's laboratory reports, with the match check")
@requires("catalogue.view_certificates")
@paginate(LimitOffset)
def certificate_list(request: HttpRequest, filters: Query[ListQuery]) -> Any:
    record = queries.record_for_stock_number(filters.stock_number)
    stock_number = record.item.stock_number
    return _Shaped(queries.certificates_for(record).select_related("attached_by", "updated_by"), stock_number)


class _Shaped:
    """A query paginated lazily, each report shaped as it is read."""

    def __init__(self, rows: Any, stock_number: str) -> None:
        self.rows, self.stock_number = rows, stock_number

    def __len__(self) -> int:
        return int(self.rows.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [_out(row, self.stock_number) for row in self.rows[window]]


@router.post(
    "",
    response={201: CertificateOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut},
    summary="Attach a laboratory report to a piece, with its scan as the multipart field ‘pdf’",
)
@requires("catalogue.manage_certificates")
def certificate_attach(request: HttpRequest, form: Form[AttachIn], pdf: File[UploadedFile | None] = None) -> Any:
    record = queries.record_for_stock_number(form.stock_number)
    scan = _scan(request, pdf)
    report = services.certificate_attach(record=record, draft=_draft(record, form), pdf=scan, by=acting_staff(request))
    return Status(201, _out(_certificate(report.pk), record.item.stock_number))


@router.get("/laboratories", response=list[LaboratoryOut], summary="The laboratories reports are attached from")
@requires("catalogue.view_certificates")
def certificate_laboratories(request: HttpRequest) -> Any:
    return list(queries.laboratories())


@router.get("/{certificate_id}", response=CertificateOut, summary="One laboratory report, with the match check")
@requires("catalogue.view_certificates")
def certificate_get(request: HttpRequest, certificate_id: CertificateId) -> Any:
    report = _certificate(certificate_id)
    return _out(report, report.record.item.stock_number)


@router.put("/{certificate_id}", response=CertificateOut, summary="Correct a report's details or findings")
@requires("catalogue.manage_certificates")
def certificate_update(request: HttpRequest, certificate_id: CertificateId, payload: Findings) -> Any:
    report = _certificate(certificate_id)
    draft = _draft(report.record, payload)
    services.certificate_update(certificate=report, draft=draft, by=acting_staff(request))
    return _out(_certificate(certificate_id), report.record.item.stock_number)


@router.post(
    "/{certificate_id}/scan",
    response={200: CertificateOut, 413: ErrorOut, 422: ErrorOut},
    summary="Replace a report's scan (the multipart field ‘pdf’)",
)
@requires("catalogue.manage_certificates")
def certificate_scan(request: HttpRequest, certificate_id: CertificateId, pdf: File[UploadedFile | None] = None) -> Any:
    report = _certificate(certificate_id)
    scan = _scan(request, pdf)
    if scan is None:
        raise CatalogueError(
            "Send the scanned report as the multipart field ‘pdf’.", field="pdf", code=CatalogueErrorCode.REQUIRED
        )
    draft = services.ReportDraft(
        laboratory=report.laboratory,
        number=report.number,
        issued_on=report.issued_on,
        kind=report.kind,
        stone=report.stone,
        **{name: getattr(report, name) for name in _FINDING_FIELDS},
    )
    services.certificate_update(certificate=report, draft=draft, pdf=scan, by=acting_staff(request))
    return _out(_certificate(certificate_id), report.record.item.stock_number)


@router.post(
    "/{certificate_id}/detach", response=CertificateOut, summary="Take a report off its piece, with the reason"
)
@requires("catalogue.manage_certificates")
def certificate_detach(request: HttpRequest, certificate_id: CertificateId, payload: DetachIn) -> Any:
    report = _certificate(certificate_id)
    services.certificate_detach(certificate=report, reason=payload.reason, by=acting_staff(request))
    return _out(_certificate(certificate_id), report.record.item.stock_number)


@router.get(
    "/{certificate_id}/report.pdf",
    response={200: None, 404: ErrorOut},
    summary="The report's scan, as it was attached (application/pdf)",
)
@requires("catalogue.view_certificates")
def certificate_download(request: HttpRequest, certificate_id: CertificateId) -> Any:
    report = _certificate(certificate_id)
    if not report.pdf:
        raise CatalogueError(f"{report.label} has no scan attached.", code=CatalogueErrorCode.UNKNOWN_CERTIFICATE)
    record_access(request, action=AccessAction.EXPORT, subject_kind="certificate", subject_ref=report.label)
    response = FileResponse(
        report.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{report.record.item.stock_number} {report.label}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
