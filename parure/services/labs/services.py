"""Every write to gem-lab submissions, one transaction each, named after what the department does.

- :func:`lab_submission_create`: a draft batch for one laboratory, from the acting person's office;
- :func:`lab_line_add` / :func:`lab_line_remove` / :func:`lab_line_control_number`: its lines;
- :func:`lab_submission_send`: every piece checked out to the laboratory's place, all or none;
- :func:`lab_piece_return`: a piece scanned back (custody's return), its lines marked returned;
- :func:`lab_report_record`: the report that came back, attached to the piece's catalogue record;
- :func:`lab_submission_cancel`: a draft abandoned.

Custody is inventory's: every change of where a piece is goes through its services, which write the
ledger. The report is catalogue's: it goes through ``certificate_attach``. A refusal raises before
anything is written, or rolls the whole action back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from parure.catalogue import queries as catalogue
from parure.catalogue.choices import CertificateKind
from parure.catalogue.services.certificates import ReportDraft, certificate_attach
from parure.core.clock import office_today as office_today
from parure.core.models import Office, Staff
from parure.inventory import queries as inventory
from parure.inventory import services as custody
from parure.inventory.choices import TERMINAL_STATUSES, ItemCategory, ItemStatus, LocationKind, LocationType, SaleState
from parure.inventory.errors import InventoryError, StockNumberError
from parure.inventory.lock_objects import item_lock, items_lock
from parure.inventory.queries import Piece
from parure.services.errors import ServicesError, ServicesErrorCode
from parure.services.labs.choices import OPEN_STATUSES, OUT_STATUSES, LabService, SubmissionStatus
from parure.services.labs.models import (
    CONTROL_NUMBER_MAX,
    COURIER_MAX,
    FOR_SERVICE_MAX,
    NOTES_MAX,
    REFERENCE_MAX,
    LabSubmission,
    LabSubmissionLine,
)
from parure.services.labs.numbers import issue_submission_number

MAX_LINES = 200
CANCEL_REASON_MAX = 500
# A piece checked out to the laboratory is due back at the end of the expected day, in the office's time.
DUE_BACK_TIME = time(23, 59)


# --- Small shared steps ---------------------------------------------------------------------------------


def _text(value: str | None, *, limit: int, field: str, label: str) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise ServicesError(
            f"{label} is {len(text):,} characters long; at most {limit:,} are kept, shorten it.",
            field=field,
            code=ServicesErrorCode.TOO_LONG,
        )
    return text


def _check_expected_back(expected_back: date | None, office: Office) -> date:
    if expected_back is None:
        raise ServicesError(
            "Give the date the laboratory is expected to return the batch.",
            field="expected_back",
            code=ServicesErrorCode.REQUIRED,
        )
    today = office_today(office)
    if expected_back < today:
        raise ServicesError(
            f"The expected return date {expected_back:%d %B %Y} is in the past; give a date from today on.",
            field="expected_back",
            code=ServicesErrorCode.INVALID_DATE,
        )
    return expected_back


def _check_office(by: Staff, submission: LabSubmission) -> None:
    if by.office_id != submission.office_id:
        works_at = by.office.name if by.office else "no office"
        raise ServicesError(
            f"{by} works at {works_at}; submission {submission.number} is {submission.office.name}'s, "
            f"and only {submission.office.name} staff can change it.",
            code=ServicesErrorCode.REFUSED,
        )


def _check_status(submission: LabSubmission, allowed: Sequence[str], action: str) -> None:
    if submission.status not in allowed:
        label = SubmissionStatus(submission.status).label.lower()
        raise ServicesError(
            f"Submission {submission.number} is {label}; it is too late or too early to {action}.",
            code=ServicesErrorCode.LAB_WRONG_STATUS,
        )


def _locked(submission: LabSubmission) -> LabSubmission:
    """The submission's row, locked until the transaction ends, with its office and laboratory."""
    LabSubmission.objects.select_for_update().filter(pk=submission.pk).values_list("pk", flat=True).get()
    return LabSubmission.objects.select_related("office", "laboratory").get(pk=submission.pk)


def piece_by_stock_number(text: str, *, field: str = "stock_number") -> Piece:
    """The piece with this stock number; a mistyped one or an unknown one refused, naming ``field``."""
    try:
        return inventory.item_by_stock_number((text or "")[:60])
    except StockNumberError as wrong:
        raise ServicesError(wrong.message, field=field, code=ServicesErrorCode.INVALID) from None
    except Http404 as missing:
        raise ServicesError(str(missing), field=field, code=ServicesErrorCode.UNKNOWN_PIECE) from None


def _where(item: Piece) -> str:
    if item.status == ItemStatus.IN_TRANSIT:
        return "in transit to another office"
    if item.status == ItemStatus.CHECKED_OUT:
        return f"checked out to {item.location.label}"
    return f"at {item.location.label}"


def check_piece_free(item: Piece, *, submission: LabSubmission, for_service: str = "") -> None:
    """Refuse a piece that may not go to a laboratory with ``submission`` now, saying why."""
    number = item.stock_number
    if item.status in TERMINAL_STATUSES:
        raise ServicesError(
            f"{number} has left our custody; it cannot go to a laboratory.",
            field="stock_number",
            code=ServicesErrorCode.LAB_PIECE_UNAVAILABLE,
        )
    if item.status == ItemStatus.CHECKED_OUT and item.location.type == LocationType.ON_APPROVAL:
        holder = f" with {item.holder}" if item.holder else ""
        raise ServicesError(
            f"{number} is on approval{holder} ({item.location.label}); it can go to a laboratory once it is back.",
            field="stock_number",
            code=ServicesErrorCode.LAB_PIECE_UNAVAILABLE,
        )
    if item.status != ItemStatus.IN_HOUSE:
        raise ServicesError(
            f"{number} is not in the house: it is {_where(item)}. Bring it back before it goes to a laboratory.",
            field="stock_number",
            code=ServicesErrorCode.LAB_PIECE_UNAVAILABLE,
        )
    if item.sale_state == SaleState.IN_SALE:
        raise ServicesError(
            f"{number} is in a sale ({item.sale_reference or 'lotted'}); take it out of its lot before it goes "
            "to a laboratory.",
            field="stock_number",
            code=ServicesErrorCode.LAB_PIECE_UNAVAILABLE,
        )
    if item.sale_state == SaleState.SOLD:
        raise ServicesError(
            f"{number} is sold ({item.sale_reference or 'awaiting release'}) and awaits its release to the buyer; "
            "it cannot go to a laboratory.",
            field="stock_number",
            code=ServicesErrorCode.LAB_PIECE_UNAVAILABLE,
        )
    if item.sale_state == SaleState.CLIENT_OWN and not for_service:
        raise ServicesError(
            f"{number} is a client's own piece; it goes to a laboratory only for a service. Give the repair or "
            "order it is for.",
            field="for_service",
            code=ServicesErrorCode.LAB_PIECE_UNAVAILABLE,
        )
    if item.location.office_id != submission.office_id:
        raise ServicesError(
            f"{number} is in {item.location.office.name}; submission {submission.number} sends pieces from "
            f"{submission.office.name}.",
            field="stock_number",
            code=ServicesErrorCode.LAB_PIECE_UNAVAILABLE,
        )
    other = (
        LabSubmissionLine.objects.filter(
            item_id=item.pk, submission__status__in=OPEN_STATUSES, returned_at__isnull=True
        )
        .exclude(submission_id=submission.pk)
        .select_related("submission", "submission__laboratory")
        .first()
    )
    if other is not None:
        raise ServicesError(
            f"{number} is already on lab submission {other.submission.number} ({other.submission.laboratory.code}, "
            f"{other.submission.get_status_display().lower()}); a piece is on one open submission at a time.",
            field="stock_number",
            code=ServicesErrorCode.LAB_PIECE_IN_SUBMISSION,
        )


def _services(values: Sequence[str], item: Piece) -> list[str]:
    chosen = [value for value in LabService.values if value in set(values)]
    unknown = sorted(set(values) - set(LabService.values))
    if unknown:
        raise ServicesError(
            f"‘{str(unknown[0])[:40]}’ is not a laboratory service; choose origin, treatment, grading or mounted.",
            field="services",
            code=ServicesErrorCode.INVALID,
        )
    if not chosen:
        raise ServicesError(
            "Choose at least one service to ask of the laboratory: origin, treatment, grading or a mounted-piece "
            "report.",
            field="services",
            code=ServicesErrorCode.REQUIRED,
        )
    if LabService.MOUNTED in chosen and item.category == ItemCategory.LOOSE_STONE:
        raise ServicesError(
            f"{item.stock_number} is a loose stone; a mounted-piece report is for a stone set in a jewel.",
            field="services",
            code=ServicesErrorCode.INVALID,
        )
    return chosen


def lab_place(office: Office, laboratory: Any, *, by: Staff) -> Any:
    """The office's custody place for ``laboratory`` (a gem laboratory place named for it), made through
    inventory's places service the first time a batch goes there."""
    code = "LAB-" + "".join(
        char for char in unicodedata.normalize("NFKD", laboratory.code.upper()) if char.isascii() and char.isalnum()
    )
    code = code[:24]
    name = f"Lab: {laboratory.code}"
    places = list(inventory.places_for(office, (LocationKind.EXTERNAL,)).filter(type=LocationType.GEM_LAB))
    # The place made for it, or one a person set up under the laboratory's short or full name.
    for found in (
        next((place for place in places if place.code == code), None),
        next((place for place in places if place.name.casefold() == name.casefold()), None),
        next((place for place in places if place.counterpart.casefold() == laboratory.name.casefold()), None),
    ):
        if found is not None:
            return found
    return custody.location_create(
        office=office, name=name, code=code, type=LocationType.GEM_LAB, by=by, counterpart=laboratory.name
    )


def _workroom(office: Office) -> Any:
    return inventory.places_for(office, (LocationKind.WORK,)).filter(type=LocationType.WORKROOM).first()


def refresh_status(submission: LabSubmission) -> None:
    """A sent batch is partly returned once a line is back, returned once every line is."""
    lines = list(submission.lines.values_list("returned_at", flat=True))
    if lines and all(moment is not None for moment in lines):
        submission.status = SubmissionStatus.RETURNED
        submission.returned_on = office_today(submission.office)
    elif any(moment is not None for moment in lines):
        submission.status = SubmissionStatus.PARTLY_RETURNED
    submission.save(update_fields=["status", "returned_on"])


# --- The actions ----------------------------------------------------------------------------------------


@transaction.atomic
def lab_submission_create(
    *,
    laboratory: Any,
    expected_back: date | None,
    by: Staff,
    courier: str = "",
    courier_reference: str = "",
    notes: str = "",
) -> LabSubmission:
    """A draft batch for ``laboratory`` from the acting person's office; pieces are added to it next."""
    if by.office is None:
        raise ServicesError(
            f"{by} has no office; a lab submission is sent from an office.", code=ServicesErrorCode.REFUSED
        )
    office = by.office
    if laboratory is None:
        raise ServicesError("Choose the laboratory.", field="laboratory", code=ServicesErrorCode.REQUIRED)
    if not laboratory.active:
        raise ServicesError(
            f"{laboratory.code} is no longer on the list of laboratories the department sends stones to.",
            field="laboratory",
            code=ServicesErrorCode.INVALID,
        )
    expected = _check_expected_back(expected_back, office)
    submission = LabSubmission(
        office=office,
        laboratory=laboratory,
        expected_back=expected,
        courier=_text(courier, limit=COURIER_MAX, field="courier", label="The courier"),
        courier_reference=_text(
            courier_reference, limit=REFERENCE_MAX, field="courier_reference", label="The courier's reference"
        ),
        notes=_text(notes, limit=NOTES_MAX, field="notes", label="The notes"),
        created_by=by,
    )
    submission.number = issue_submission_number(office_code=office.code, year=office_today(office).year)
    submission.save()
    return submission


@transaction.atomic
def lab_line_add(
    *,
    submission: LabSubmission,
    stock_number: str,
    services: Sequence[str],
    by: Staff,
    stone_position: int | None = None,
    control_number: str = "",
    for_service: str = "",
) -> LabSubmissionLine:
    """Put a piece (or one of its stones) on a draft batch, with what is asked of the laboratory."""
    submission = _locked(submission)
    _check_status(submission, (SubmissionStatus.DRAFT,), "add pieces to it")
    _check_office(by, submission)
    item = piece_by_stock_number(stock_number)
    # The piece's row is locked, then read again: two batches adding it at once queue, and the second
    # sees the first's line.
    item_lock(item.pk)
    item = piece_by_stock_number(item.stock_number)
    for_service = _text(for_service, limit=FOR_SERVICE_MAX, field="for_service", label="The service reference")
    control = _text(control_number, limit=CONTROL_NUMBER_MAX, field="control_number", label="The control number")
    check_piece_free(item, submission=submission, for_service=for_service)
    asked = _services(services, item)
    if stone_position is not None:
        positions = sorted(stone.position for stone in item.stones.all())
        if stone_position not in positions:
            known = ", ".join(str(position) for position in positions) or "none recorded"
            raise ServicesError(
                f"{item.stock_number} has no stone {stone_position}; its stones are {known}. "
                "Leave the stone empty for a report on the whole piece.",
                field="stone_position",
                code=ServicesErrorCode.INVALID,
            )
    lines = list(submission.lines.all())
    if len(lines) >= MAX_LINES:
        raise ServicesError(
            f"A submission holds at most {MAX_LINES} lines; start another for the rest.",
            field="stock_number",
            code=ServicesErrorCode.REFUSED,
        )
    for line in lines:
        if line.item_id == item.pk and (line.stone_position is None or stone_position is None):
            raise ServicesError(
                f"{item.stock_number} is on this submission already (line {line.position}).",
                field="stock_number",
                code=ServicesErrorCode.LAB_PIECE_IN_SUBMISSION,
            )
        if line.item_id == item.pk and line.stone_position == stone_position:
            raise ServicesError(
                f"Stone {stone_position} of {item.stock_number} is on this submission already (line {line.position}).",
                field="stone_position",
                code=ServicesErrorCode.LAB_PIECE_IN_SUBMISSION,
            )
    return LabSubmissionLine.objects.create(
        submission=submission,
        position=max((line.position for line in lines), default=0) + 1,
        item_id=item.pk,
        stone_position=stone_position,
        services=asked,
        for_service=for_service,
        control_number=control,
        added_by=by,
    )


@transaction.atomic
def lab_line_remove(*, line: LabSubmissionLine, by: Staff) -> LabSubmission:
    """Take a line off a draft batch."""
    submission = _locked(line.submission)
    _check_status(submission, (SubmissionStatus.DRAFT,), "take pieces off it")
    _check_office(by, submission)
    LabSubmissionLine.objects.filter(pk=line.pk, submission=submission).delete()
    return submission


@transaction.atomic
def lab_line_control_number(*, line: LabSubmissionLine, control_number: str, by: Staff) -> LabSubmissionLine:
    """Record the laboratory's control number for a line (given when it books the stone in)."""
    submission = _locked(line.submission)
    _check_status(submission, tuple(OPEN_STATUSES), "change its control numbers")
    _check_office(by, submission)
    line = LabSubmissionLine.objects.select_for_update().get(pk=line.pk)
    line.control_number = _text(
        control_number, limit=CONTROL_NUMBER_MAX, field="control_number", label="The control number"
    )
    line.save(update_fields=["control_number"])
    return line


@transaction.atomic
def lab_submission_send(
    *,
    submission: LabSubmission,
    by: Staff,
    courier: str | None = None,
    courier_reference: str | None = None,
    witness: custody.Witness | None = None,
) -> LabSubmission:
    """Send the batch: every piece checked out to the laboratory's place, due back on the expected day,
    one ledger event each, or none at all if any piece cannot go (the refusal names it)."""
    submission = _locked(submission)
    _check_status(submission, (SubmissionStatus.DRAFT,), "send it")
    _check_office(by, submission)
    # The pieces are locked (in one order) before they are read and checked, as custody locks them.
    items_lock(submission.lines.values_list("item_id", flat=True))
    lines = list(
        submission.lines.select_related("item", "item__location", "item__location__office").order_by("position")
    )
    if not lines:
        raise ServicesError(
            f"Submission {submission.number} has no pieces; add at least one before sending it.",
            code=ServicesErrorCode.LAB_EMPTY_BATCH,
        )
    office = submission.office
    expected = _check_expected_back(submission.expected_back, office)
    if courier is not None:
        submission.courier = _text(courier, limit=COURIER_MAX, field="courier", label="The courier")
    if courier_reference is not None:
        submission.courier_reference = _text(
            courier_reference, limit=REFERENCE_MAX, field="courier_reference", label="The courier's reference"
        )
    if not submission.laboratory.active:
        raise ServicesError(
            f"{submission.laboratory.code} is no longer on the list of laboratories the department sends stones to.",
            field="laboratory",
            code=ServicesErrorCode.INVALID,
        )
    place = lab_place(office, submission.laboratory, by=by)
    due_back = datetime.combine(expected, DUE_BACK_TIME, tzinfo=ZoneInfo(office.time_zone))
    pieces: dict[int, tuple[Any, list[LabSubmissionLine]]] = {}
    for line in lines:
        pieces.setdefault(line.item_id, (line.item, []))[1].append(line)
    for item_id in sorted(pieces):  # one locking order for every writer
        item, its_lines = pieces[item_id]
        check_piece_free(item, submission=submission, for_service=its_lines[0].for_service)
        asked = ", ".join(dict.fromkeys(label.lower() for line in its_lines for label in line.service_labels))
        try:
            custody.item_check_out(
                item=item,
                to=place,
                by=by,
                due_back=due_back,
                counterpart=submission.laboratory.name,
                witness=witness,
                reason=f"Lab submission {submission.number}: {asked}"[:500],
                cause=f"lab_submission:{submission.number}",
            )
        except InventoryError as refusal:
            if refusal.message.startswith(item.stock_number):
                raise
            raise type(refusal)(
                f"{item.stock_number}: {refusal.message}", field=refusal.field, code=refusal.code
            ) from refusal
    now = timezone.now()
    submission.status = SubmissionStatus.SENT
    submission.sent_at = now
    submission.sent_on = office_today(office)
    submission.sent_by = by
    submission.save(update_fields=["status", "sent_at", "sent_on", "sent_by", "courier", "courier_reference"])
    return submission


@transaction.atomic
def lab_piece_return(
    *, submission: LabSubmission, stock_number: str, by: Staff, to: Any = None
) -> list[LabSubmissionLine]:
    """A piece is scanned back from the laboratory: custody returns it (to the office's workroom, or the
    place chosen) and every line of it on the batch is marked returned."""
    submission = _locked(submission)
    _check_status(submission, tuple(OUT_STATUSES), "scan pieces back")
    _check_office(by, submission)
    item = piece_by_stock_number(stock_number)
    lines = list(submission.lines.select_for_update().filter(item_id=item.pk).order_by("position"))
    if not lines:
        raise ServicesError(
            f"{item.stock_number} is not on submission {submission.number}.",
            field="stock_number",
            code=ServicesErrorCode.REFUSED,
        )
    if all(line.returned_at is not None for line in lines):
        back = timezone.localtime(lines[0].returned_at, ZoneInfo(submission.office.time_zone))
        raise ServicesError(
            f"{item.stock_number} was scanned back already, on {back:%d %B %Y at %H:%M}.",
            field="stock_number",
            code=ServicesErrorCode.REFUSED,
        )
    if item.status == ItemStatus.CHECKED_OUT and item.location.type == LocationType.GEM_LAB:
        destination = to if to is not None else _workroom(submission.office)
        custody.item_return(
            item=item, by=by, to=destination, reason=f"Back from {submission.laboratory.code}: {submission.number}"
        )
    elif item.status != ItemStatus.IN_HOUSE:
        raise ServicesError(
            f"{item.stock_number} is not at the laboratory: it is {_where(item)}.",
            field="stock_number",
            code=ServicesErrorCode.REFUSED,
        )
    # A piece already back in the house (its return recorded from the piece's page) is only marked here.
    now = timezone.now()
    for line in lines:
        if line.returned_at is None:
            line.returned_at = now
            line.returned_by = by
            line.save(update_fields=["returned_at", "returned_by"])
    refresh_status(submission)
    return lines


@dataclass(frozen=True)
class LabReport:
    """What the laboratory's report says, as the person recording it types it."""

    number: str
    issued_on: date | None
    kind: str = ""
    species: str = ""
    variety: str = ""
    weight_ct: Decimal | None = None
    shape: str = ""
    cut: str = ""
    colour: str = ""
    clarity: str = ""
    cut_grade: str = ""
    fluorescence: str = ""
    treatment: str = ""
    origin: str = ""
    comments: str = ""


def _check_findings(line: LabSubmissionLine, report: LabReport) -> None:
    """The findings asked of the laboratory must be on the report recorded."""
    if not report.number.strip():
        raise ServicesError("Give the report's number, as printed.", field="number", code=ServicesErrorCode.REQUIRED)
    if report.issued_on is None:
        raise ServicesError("Give the report's date.", field="issued_on", code=ServicesErrorCode.REQUIRED)
    if report.kind not in CertificateKind.values:
        raise ServicesError(
            "Choose the kind of report (diamond grading, coloured stone, pearl, origin or treatment).",
            field="kind",
            code=ServicesErrorCode.INVALID,
        )
    asked = set(line.services)
    if LabService.ORIGIN in asked and not report.origin.strip():
        raise ServicesError(
            "The origin was asked of the laboratory: give its finding (or ‘undetermined’, as printed).",
            field="origin",
            code=ServicesErrorCode.REQUIRED,
        )
    if LabService.TREATMENT in asked and not report.treatment.strip():
        raise ServicesError(
            "A treatment finding was asked of the laboratory: give it as printed (e.g. ‘no indications of heating’).",
            field="treatment",
            code=ServicesErrorCode.REQUIRED,
        )
    if LabService.GRADING in asked and not report.colour.strip():
        raise ServicesError(
            "Grading was asked of the laboratory: give the colour grade the report gives.",
            field="colour",
            code=ServicesErrorCode.REQUIRED,
        )


@transaction.atomic
def lab_report_record(
    *, line: LabSubmissionLine, report: LabReport, by: Staff, pdf: bytes | None = None
) -> LabSubmissionLine:
    """Record the laboratory's report for a line that has come back: it is attached to the piece's catalogue
    record (on the line's stone) through the catalogue's certificate service, and the line keeps its id."""
    submission = _locked(line.submission)
    _check_office(by, submission)
    line = LabSubmissionLine.objects.select_for_update(of=("self",)).select_related("item").get(pk=line.pk)
    item = line.item
    if line.returned_at is None:
        raise ServicesError(
            f"{item.stock_number} has not come back from {submission.laboratory.code}; scan it back before "
            "recording its report.",
            code=ServicesErrorCode.LAB_NOT_RETURNED,
        )
    if line.certificate_id is not None:
        raise ServicesError(
            f"The report for line {line.position} is recorded already ({submission.laboratory.code} "
            f"{line.report_number}); correct it on the piece's catalogue record.",
            code=ServicesErrorCode.REFUSED,
        )
    _check_findings(line, report)
    record = catalogue.record_of(item)
    if record is None:
        raise ServicesError(
            f"{item.stock_number} has no catalogue record yet; start its record before recording the report on it.",
            code=ServicesErrorCode.REFUSED,
        )
    stone = None
    if line.stone_position is not None:
        stone = next((row for row in record.stones.all() if row.position == line.stone_position), None)
        if stone is None:
            raise ServicesError(
                f"The catalogue record of {item.stock_number} has no stone {line.stone_position}; describe the stone "
                "on the record first.",
                code=ServicesErrorCode.REFUSED,
            )
    assert report.issued_on is not None
    draft = ReportDraft(
        laboratory=submission.laboratory,
        number=report.number,
        issued_on=report.issued_on,
        kind=report.kind,
        stone=stone,
        species=report.species,
        variety=report.variety,
        weight_ct=report.weight_ct,
        shape=report.shape,
        cut=report.cut,
        colour=report.colour,
        clarity=report.clarity,
        cut_grade=report.cut_grade,
        fluorescence=report.fluorescence,
        treatment=report.treatment,
        origin=report.origin,
        comments=report.comments,
    )
    certificate = certificate_attach(record=record, draft=draft, pdf=pdf, by=by)
    line.certificate_id = certificate.pk
    line.report_number = certificate.number
    line.report_issued_on = certificate.issued_on
    line.report_recorded_at = timezone.now()
    line.report_recorded_by = by
    line.save(
        update_fields=[
            "certificate_id",
            "report_number",
            "report_issued_on",
            "report_recorded_at",
            "report_recorded_by",
        ]
    )
    return line


@transaction.atomic
def lab_submission_cancel(*, submission: LabSubmission, reason: str, by: Staff) -> LabSubmission:
    """Abandon a draft (a sent batch comes back piece by piece instead)."""
    submission = _locked(submission)
    _check_status(submission, (SubmissionStatus.DRAFT,), "cancel it")
    _check_office(by, submission)
    why = _text(reason, limit=CANCEL_REASON_MAX, field="reason", label="The reason")
    if not why:
        raise ServicesError("Say why the submission is cancelled.", field="reason", code=ServicesErrorCode.REQUIRED)
    submission.status = SubmissionStatus.CANCELLED
    submission.cancelled_at = timezone.now()
    submission.cancelled_by = by
    submission.cancel_reason = why
    submission.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    return submission
