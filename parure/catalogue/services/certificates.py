"""Attaching laboratory reports to a piece's record, correcting them, detaching them; and the
list of laboratories.

Each service is one transaction, takes the member of staff acting as ``by`` and records them.
What a person typed is checked before anything is written: grades on their scales (the gemology
library reads them), figures in range, the scan a PDF by its content (not its name) and within
the size limit, and a report number not attached to another piece. A refusal names the field
and leaves nothing behind, the stored scan included.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from parure.catalogue.choices import CertificateKind
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import CatalogueRecord, Certificate, Laboratory, RecordStone
from parure.core.models import Staff
from parure.core.uploads import too_large_message
from parure.gemology import grading
from parure.gemology.errors import GemologyError

# A scanned report is one to four pages; 10 MB leaves room for a high-resolution colour scan.
CERTIFICATE_MAX_BYTES = 10 * 1024 * 1024
# A PDF ends with %%EOF, possibly followed by a line end or a few bytes of padding; the PDF
# specification lets readers look for it in the last 1024 bytes, and so do we.
PDF_TRAILER_WINDOW = 1024
MAX_MEASUREMENT_MM = Decimal(100)
MAX_WEIGHT_CT = Decimal(5000)


@dataclass(frozen=True)
class ReportDraft:
    """What a person typed about a report: its identity, the stone it is on, its findings."""

    laboratory: Laboratory
    number: str
    issued_on: date
    kind: str = CertificateKind.DIAMOND
    stone: RecordStone | None = None
    species: str = ""
    variety: str = ""
    weight_ct: Decimal | None = None
    shape: str = ""
    cut: str = ""
    length_mm: Decimal | None = None
    width_mm: Decimal | None = None
    depth_mm: Decimal | None = None
    colour: str = ""
    clarity: str = ""
    cut_grade: str = ""
    fluorescence: str = ""
    treatment: str = ""
    origin: str = ""
    comments: str = ""


FINDINGS = tuple(f.name for f in fields(ReportDraft) if f.name not in ("laboratory", "number", "stone"))


def pdf_size_limit() -> int:
    return min(CERTIFICATE_MAX_BYTES, settings.PARURE_UPLOAD_MAX_BYTES)


def check_pdf(content: bytes) -> None:
    """Refuse a scan that is too large, or that is not a PDF by its content whatever its name."""
    limit = pdf_size_limit()
    if len(content) > limit:
        raise CatalogueError(too_large_message(limit), field="pdf", code=CatalogueErrorCode.FILE_TOO_LARGE)
    if not content.startswith(b"%PDF-"):
        raise CatalogueError(
            "The scan is not a PDF: its content does not begin as a PDF does (%PDF-), whatever its name says; "
            "scan the report to PDF and attach that file.",
            field="pdf",
            code=CatalogueErrorCode.NOT_A_PDF,
        )
    if b"%%EOF" not in content[-PDF_TRAILER_WINDOW:]:
        raise CatalogueError(
            "The scan is not a whole PDF: it does not end as a PDF does (%%EOF); it may have been cut short. "
            "Save the scan again and attach the new file.",
            field="pdf",
            code=CatalogueErrorCode.NOT_A_PDF,
        )


def _number(text: str) -> str:
    """The report number as printed, without spaces (reports print long numbers in groups)."""
    number = re.sub(r"\s+", "", text or "")
    if not number:
        raise CatalogueError(
            "Give the report number as printed on the report.", field="number", code=CatalogueErrorCode.REQUIRED
        )
    limit = Certificate._meta.get_field("number").max_length or 40
    if len(number) > limit:
        raise CatalogueError(
            f"A report number has at most {limit} characters; {len(number)} were given.",
            field="number",
            code=CatalogueErrorCode.TOO_LONG,
        )
    return number


def _grade_refusal(field: str, refusal: GemologyError) -> CatalogueError:
    return CatalogueError(str(refusal), field=field, code=CatalogueErrorCode.INVALID_GRADE)


def _checked_grades(draft: ReportDraft) -> dict[str, str]:
    """The grades in their canonical form; a diamond report's grades must lie on GIA's scales."""
    diamond = draft.kind == CertificateKind.DIAMOND or draft.species.strip().lower() == "diamond"
    grades = {name: getattr(draft, name).strip() for name in ("colour", "clarity", "cut_grade", "fluorescence")}
    if not diamond:
        return grades
    if grades["colour"]:
        try:
            colour = grading.diamond_colour(grades["colour"])
        except GemologyError as refusal:
            raise _grade_refusal("colour", refusal) from None
        if isinstance(colour, grading.GradeRange) and not colour.is_single:
            raise CatalogueError(
                f"A laboratory states one colour grade; ‘{grades['colour']}’ is a range.",
                field="colour",
                code=CatalogueErrorCode.INVALID_GRADE,
            )
        grades["colour"] = str(colour)
    readers = {"clarity": grading.clarity, "cut_grade": grading.cut, "fluorescence": grading.fluorescence}
    for name, read in readers.items():
        if grades[name]:
            try:
                grades[name] = str(read(grades[name]))
            except GemologyError as refusal:
                raise _grade_refusal(name, refusal) from None
    return grades


def _checked_figures(draft: ReportDraft) -> None:
    if draft.weight_ct is not None and not Decimal(0) < draft.weight_ct <= MAX_WEIGHT_CT:
        raise CatalogueError(
            f"The weight must be more than 0 and at most {MAX_WEIGHT_CT} carats; {draft.weight_ct} was given.",
            field="weight_ct",
            code=CatalogueErrorCode.INVALID_MEASUREMENT,
        )
    for name in ("length_mm", "width_mm", "depth_mm"):
        value = getattr(draft, name)
        if value is not None and not Decimal(0) < value <= MAX_MEASUREMENT_MM:
            raise CatalogueError(
                f"The {name.removesuffix('_mm')} must be more than 0 and at most {MAX_MEASUREMENT_MM} mm; "
                f"{value} was given.",
                field=name,
                code=CatalogueErrorCode.INVALID_MEASUREMENT,
            )
    for name in FINDINGS:
        value = getattr(draft, name)
        limit = getattr(Certificate._meta.get_field(name), "max_length", None)
        if isinstance(value, str) and limit and len(value.strip()) > limit:
            raise CatalogueError(
                f"The {name.replace('_', ' ')} has at most {limit} characters; {len(value.strip())} were given.",
                field=name,
                code=CatalogueErrorCode.TOO_LONG,
            )
    if draft.issued_on > timezone.localdate():
        raise CatalogueError(
            f"The report's date, {draft.issued_on:%d %B %Y}, is in the future; give the date printed on it.",
            field="issued_on",
            code=CatalogueErrorCode.INVALID_DATE,
        )
    if draft.kind not in CertificateKind.values:
        raise CatalogueError(
            f"‘{draft.kind}’ is not a kind of report; kinds are {', '.join(CertificateKind.values)}.",
            field="kind",
            code=CatalogueErrorCode.INVALID,
        )


def _other_piece(certificate: Certificate, viewer: Staff) -> str:
    """The piece a report is attached to, by stock number if the viewer may see pieces."""
    if viewer.has_perm("inventory.view_items"):
        return certificate.record.item.stock_number
    return "another piece"


def _refuse_duplicate(
    *, record: CatalogueRecord, laboratory: Laboratory, number: str, by: Staff, exclude: int | None
) -> None:
    holders = Certificate.objects.filter(laboratory=laboratory, number=number, detached_at__isnull=True)
    if exclude is not None:
        holders = holders.exclude(pk=exclude)
    holder = holders.select_related("record__item").first()
    if holder is None:
        return
    if holder.record_id == record.pk:
        message = f"{laboratory.code} report {number} is already attached to this piece."
    else:
        message = (
            f"{laboratory.code} report {number} is already attached to {_other_piece(holder, by)}; "
            "a report belongs to one piece. Detach it there first if it was attached in error."
        )
    raise CatalogueError(message, field="number", code=CatalogueErrorCode.DUPLICATE_CERTIFICATE)


def _checked(
    draft: ReportDraft, *, record: CatalogueRecord, by: Staff, exclude: int | None = None
) -> dict[str, object]:
    """Every column the draft sets, checked; refused before anything is written."""
    number = _number(draft.number)
    if draft.stone is not None and draft.stone.record_id != record.pk:
        raise CatalogueError(
            "That stone is not one of this piece's; choose a stone of its record.",
            field="stone",
            code=CatalogueErrorCode.INVALID,
        )
    _checked_figures(draft)
    grades = _checked_grades(draft)
    _refuse_duplicate(record=record, laboratory=draft.laboratory, number=number, by=by, exclude=exclude)
    values: dict[str, object] = {name: getattr(draft, name) for name in FINDINGS}
    values.update({name: value.strip() for name, value in values.items() if isinstance(value, str)})
    values.update(grades)
    values.update(laboratory=draft.laboratory, number=number, stone=draft.stone)
    return values


def _locked_record(record: CatalogueRecord) -> CatalogueRecord:
    """The record, locked until the transaction ends, so two attaches to it queue."""
    return CatalogueRecord.objects.select_for_update().get(pk=record.pk)


def _locked_certificate(certificate: Certificate) -> Certificate:
    # Lock the report's row alone (its default ordering joins the nullable stone, which
    # PostgreSQL will not lock through an outer join).
    locked = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("laboratory", "record")
        .filter(pk=certificate.pk)
        .order_by()
    )
    row = locked.first()
    if row is None:
        raise CatalogueError("That report no longer exists.", code=CatalogueErrorCode.UNKNOWN_CERTIFICATE)
    return row


def _store_pdf(certificate: Certificate, content: bytes, *, by: Staff) -> None:
    """Put the scan in storage under its digest; the caller saves the row."""
    certificate.pdf_sha256 = hashlib.sha256(content).hexdigest()
    certificate.pdf_size = len(content)
    certificate.uploaded_at = timezone.now()
    certificate.uploaded_by = by
    certificate.pdf.save("report.pdf", ContentFile(content), save=False)


def _save_or_forget_pdf(certificate: Certificate, stored: str | None) -> None:
    """Save the row; if the database refuses it (a report attached elsewhere a moment ago),
    remove the scan stored for it. The scan is stored only once every check has passed, so a
    refusal stores nothing."""
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        if stored:
            certificate.pdf.storage.delete(stored)
        raise


def _duplicate_after_race(draft: ReportDraft, number: str) -> CatalogueError:
    return CatalogueError(
        f"{draft.laboratory.code} report {number} was attached to a piece a moment ago by someone else; "
        "reload the page to see where.",
        field="number",
        code=CatalogueErrorCode.DUPLICATE_CERTIFICATE,
    )


@transaction.atomic
def certificate_attach(
    *, record: CatalogueRecord, draft: ReportDraft, pdf: bytes | None = None, by: Staff
) -> Certificate:
    """Attach a laboratory report, with its scan, to a piece's record (and one of its stones)."""
    if not draft.laboratory.active:
        raise CatalogueError(
            f"{draft.laboratory.code} is no longer on the list of laboratories the department accepts reports from.",
            field="laboratory",
            code=CatalogueErrorCode.LABORATORY_INACTIVE,
        )
    values = _checked(draft, record=record, by=by)
    if pdf is not None:
        check_pdf(pdf)
    record = _locked_record(record)
    now = timezone.now()
    certificate = Certificate(record=record, attached_at=now, attached_by=by, updated_at=now, updated_by=by, **values)
    stored = None
    if pdf is not None:
        _store_pdf(certificate, pdf, by=by)
        stored = certificate.pdf.name
    try:
        _save_or_forget_pdf(certificate, stored)
    except IntegrityError:
        raise _duplicate_after_race(draft, str(values["number"])) from None
    return certificate


@transaction.atomic
def certificate_update(
    *, certificate: Certificate, draft: ReportDraft, pdf: bytes | None = None, by: Staff
) -> Certificate:
    """Correct a report's details or findings, or replace its scan (the old scan is kept in
    storage until the new one is saved, then removed)."""
    certificate = _locked_certificate(certificate)
    if not certificate.is_attached:
        raise CatalogueError(
            f"{certificate.label} was detached from this piece; attach it again to change it.",
            code=CatalogueErrorCode.CERTIFICATE_DETACHED,
        )
    if draft.laboratory != certificate.laboratory and not draft.laboratory.active:
        raise CatalogueError(
            f"{draft.laboratory.code} is no longer on the list of laboratories the department accepts reports from.",
            field="laboratory",
            code=CatalogueErrorCode.LABORATORY_INACTIVE,
        )
    values = _checked(draft, record=certificate.record, by=by, exclude=certificate.pk)
    if pdf is not None:
        check_pdf(pdf)
    for name, value in values.items():
        setattr(certificate, name, value)
    certificate.updated_at, certificate.updated_by = timezone.now(), by
    previous = certificate.pdf.name if pdf is not None and certificate.pdf else None
    stored = None
    if pdf is not None:
        _store_pdf(certificate, pdf, by=by)
        stored = certificate.pdf.name
    try:
        _save_or_forget_pdf(certificate, stored)
    except IntegrityError:
        raise _duplicate_after_race(draft, str(values["number"])) from None
    if previous and previous != stored:
        storage = certificate.pdf.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return certificate


@transaction.atomic
def certificate_detach(*, certificate: Certificate, reason: str, by: Staff) -> Certificate:
    """Take a report off a piece (attached in error, superseded by a new report), with the reason.

    The row and its scan are kept for the record; the number may then be attached elsewhere.
    """
    reason = (reason or "").strip()
    if not reason:
        raise CatalogueError(
            "Say why the report is detached (attached to the wrong piece, superseded by a new report…).",
            field="reason",
            code=CatalogueErrorCode.REASON_REQUIRED,
        )
    certificate = _locked_certificate(certificate)
    if not certificate.is_attached:
        raise CatalogueError(
            f"{certificate.label} was already detached from this piece.", code=CatalogueErrorCode.CERTIFICATE_DETACHED
        )
    certificate.detached_at, certificate.detached_by, certificate.detach_reason = timezone.now(), by, reason
    certificate.save(update_fields=["detached_at", "detached_by", "detach_reason"])
    return certificate


# --- Laboratories --------------------------------------------------------------------------------


@transaction.atomic
def laboratory_save(
    *, laboratory: Laboratory | None = None, code: str, name: str, country: str, active: bool = True, by: Staff
) -> Laboratory:
    """Add a laboratory to the list, or correct one (an inactive one takes no new reports)."""
    code, name, country = code.strip(), " ".join(name.split()), country.strip().upper()
    if not code:
        raise CatalogueError(
            "Give the laboratory's short name (GIA, SSEF).", field="code", code=CatalogueErrorCode.REQUIRED
        )
    if len(code) > 20:
        raise CatalogueError("A short name has at most 20 characters.", field="code", code=CatalogueErrorCode.TOO_LONG)
    if not name:
        raise CatalogueError("Give the laboratory's full name.", field="name", code=CatalogueErrorCode.REQUIRED)
    if len(name) > 160:
        raise CatalogueError("A full name has at most 160 characters.", field="name", code=CatalogueErrorCode.TOO_LONG)
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise CatalogueError(
            "Give the country as its two-letter ISO code (CH, US, TH).",
            field="country",
            code=CatalogueErrorCode.INVALID,
        )
    clashes = Laboratory.objects.filter(code__iexact=code)
    if laboratory is not None:
        clashes = clashes.exclude(pk=laboratory.pk)
    clash = clashes.first()
    if clash is not None:
        raise CatalogueError(
            f"{clash.code} is already on the list ({clash.name}).",
            field="code",
            code=CatalogueErrorCode.DUPLICATE_LABORATORY,
        )
    now = timezone.now()
    if laboratory is None:
        return Laboratory.objects.create(
            code=code, name=name, country=country, active=active, updated_at=now, updated_by=by
        )
    laboratory = Laboratory.objects.select_for_update().get(pk=laboratory.pk)
    laboratory.code, laboratory.name, laboratory.country, laboratory.active = code, name, country, active
    laboratory.updated_at, laboratory.updated_by = now, by
    laboratory.save()
    return laboratory
