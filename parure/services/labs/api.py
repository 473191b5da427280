"""The labs area's API (mounted by parure.services.api.router under /services): lab submissions, their
lines, sending, scanning a piece back, and recording the report that came back. Every write calls one
service; a refusal answers with the shared error shape (its kind decides the status)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from parure.catalogue.choices import CertificateKind
from parure.core.api import requires
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.inventory import queries as inventory
from parure.inventory import services as custody
from parure.services.errors import ServicesError, ServicesErrorCode
from parure.services.labs import queries, services
from parure.services.labs.choices import LabService, SubmissionStatus
from parure.services.labs.models import (
    CONTROL_NUMBER_MAX,
    COURIER_MAX,
    FOR_SERVICE_MAX,
    NOTES_MAX,
    REFERENCE_MAX,
    LabSubmission,
    LabSubmissionLine,
)

router = Router()

Number = Annotated[str, Field(max_length=40)]
Position = Annotated[int, Field(ge=1, le=32767)]
StatusFilter = Literal["", "open", "draft", "sent", "partly_returned", "returned", "cancelled"]


class LabSubmissionFiltersIn(Schema):
    status: StatusFilter = ""
    laboratory: Annotated[str, Field(max_length=20)] = ""
    office: Annotated[str, Field(max_length=2)] = ""
    q: Annotated[str, Field(max_length=60, description="A submission number or stock number, exactly.")] = ""
    overdue: bool = False


class LabLineOut(Schema):
    position: int
    stock_number: str
    title: str
    stone_position: int | None
    services: list[LabService]
    for_service: str
    control_number: str
    place: str = Field(description="Where the piece is now, as custody has it.")
    returned_at: datetime | None
    returned_by: str
    certificate_id: int | None
    report_number: str
    report_issued_on: date | None


class LabSubmissionOut(Schema):
    number: str
    office: str
    laboratory: str
    status: SubmissionStatus
    expected_back: date
    overdue: bool
    courier: str
    courier_reference: str
    notes: str
    created_at: datetime
    created_by: str
    sent_on: date | None
    sent_by: str
    returned_on: date | None
    lines: int
    returned_lines: int
    reports: int


class LabSubmissionDetailOut(LabSubmissionOut):
    line_items: list[LabLineOut]


class LabSubmissionIn(Schema):
    laboratory: Annotated[str, Field(max_length=20, description="The laboratory's short name: GIA, SSEF…")]
    expected_back: date
    courier: Annotated[str, Field(max_length=COURIER_MAX)] = ""
    courier_reference: Annotated[str, Field(max_length=REFERENCE_MAX)] = ""
    notes: Annotated[str, Field(max_length=NOTES_MAX)] = ""


class LabLineIn(Schema):
    stock_number: Annotated[str, Field(max_length=60)]
    services: Annotated[list[LabService], Field(min_length=1, max_length=4)]
    stone_position: Annotated[int, Field(ge=1, le=99)] | None = None
    control_number: Annotated[str, Field(max_length=CONTROL_NUMBER_MAX)] = ""
    for_service: Annotated[str, Field(max_length=FOR_SERVICE_MAX)] = ""


class LabSendIn(Schema):
    courier: Annotated[str, Field(max_length=COURIER_MAX)] | None = None
    courier_reference: Annotated[str, Field(max_length=REFERENCE_MAX)] | None = None
    witness_username: Annotated[str, Field(max_length=150)] = ""
    witness_password: Annotated[str, Field(max_length=200)] = ""
    witness_otp: Annotated[str, Field(max_length=12)] = ""


class LabReturnIn(Schema):
    stock_number: Annotated[str, Field(max_length=60)]
    to: Annotated[int, Field(ge=1, le=2**63 - 1, description="The place in the house it goes to.")] | None = None


class LabReportIn(Schema):
    number: Annotated[str, Field(max_length=40)]
    issued_on: date
    kind: CertificateKind
    species: Annotated[str, Field(max_length=60)] = ""
    variety: Annotated[str, Field(max_length=60)] = ""
    weight_ct: Annotated[Decimal, Field(max_digits=8, decimal_places=2, ge=0)] | None = None
    shape: Annotated[str, Field(max_length=40)] = ""
    cut: Annotated[str, Field(max_length=60)] = ""
    colour: Annotated[str, Field(max_length=80)] = ""
    clarity: Annotated[str, Field(max_length=20)] = ""
    cut_grade: Annotated[str, Field(max_length=20)] = ""
    fluorescence: Annotated[str, Field(max_length=40)] = ""
    treatment: Annotated[str, Field(max_length=200)] = ""
    origin: Annotated[str, Field(max_length=80)] = ""
    comments: Annotated[str, Field(max_length=2000)] = ""


def _name(staff: Any) -> str:
    return (staff.get_full_name() or staff.username) if staff is not None else ""


def submission_out(submission: LabSubmission) -> dict[str, Any]:
    today = services.office_today(submission.office)
    return {
        "number": submission.number,
        "office": submission.office.code,
        "laboratory": submission.laboratory.code,
        "status": submission.status,
        "expected_back": submission.expected_back,
        "overdue": submission.is_overdue(today),
        "courier": submission.courier,
        "courier_reference": submission.courier_reference,
        "notes": submission.notes,
        "created_at": submission.created_at,
        "created_by": _name(submission.created_by),
        "sent_on": submission.sent_on,
        "sent_by": _name(submission.sent_by),
        "returned_on": submission.returned_on,
        "lines": getattr(submission, "line_count", 0),
        "returned_lines": getattr(submission, "returned_count", 0),
        "reports": getattr(submission, "report_count", 0),
    }


def line_out(line: LabSubmissionLine) -> dict[str, Any]:
    return {
        "position": line.position,
        "stock_number": line.item.stock_number,
        "title": line.item.title,
        "stone_position": line.stone_position,
        "services": line.services,
        "for_service": line.for_service,
        "control_number": line.control_number,
        "place": line.item.location.label,
        "returned_at": line.returned_at,
        "returned_by": _name(line.returned_by),
        "certificate_id": line.certificate_id,
        "report_number": line.report_number,
        "report_issued_on": line.report_issued_on,
    }


def detail_out(number: str) -> dict[str, Any]:
    submission = queries.submissions().get(number=queries.submission_by_number(number).number)
    return {
        **submission_out(submission),
        "line_items": [line_out(line) for line in queries.submission_lines(submission)],
    }


@router.get("/lab-submissions", response=list[LabSubmissionOut], operation_id="services_lab_submissions")
@requires("services.view_lab_submissions")
@paginate(LimitOffset)
def lab_submissions(request: HttpRequest, filters: Query[LabSubmissionFiltersIn]) -> Any:
    chosen = queries.submission_filters(
        status=filters.status, laboratory=filters.laboratory, office=filters.office, text=filters.q,
        overdue=filters.overdue,
    )  # fmt: skip
    return [submission_out(row) for row in queries.submissions(chosen)[:5000]]


@router.get("/lab-submissions/{number}", response=LabSubmissionDetailOut, operation_id="services_lab_submission")
@requires("services.view_lab_submissions")
def lab_submission(request: HttpRequest, number: Number) -> dict[str, Any]:
    return detail_out(number)


@router.post("/lab-submissions", response={201: LabSubmissionDetailOut}, operation_id="services_lab_submission_create")
@requires("services.prepare_lab_submissions")
def lab_submission_create(request: HttpRequest, payload: LabSubmissionIn) -> Status[dict[str, Any]]:
    made = services.lab_submission_create(
        laboratory=queries.laboratory_by_code(payload.laboratory), expected_back=payload.expected_back,
        courier=payload.courier, courier_reference=payload.courier_reference, notes=payload.notes,
        by=acting_staff(request),
    )  # fmt: skip
    return Status(201, detail_out(made.number))


@router.post(
    "/lab-submissions/{number}/lines", response={201: LabSubmissionDetailOut}, operation_id="services_lab_line_add"
)
@requires("services.prepare_lab_submissions")
def lab_line_add(request: HttpRequest, number: Number, payload: LabLineIn) -> Status[dict[str, Any]]:
    submission = queries.submission_by_number(number)
    services.lab_line_add(
        submission=submission, stock_number=payload.stock_number, services=[str(s) for s in payload.services],
        stone_position=payload.stone_position, control_number=payload.control_number,
        for_service=payload.for_service, by=acting_staff(request),
    )  # fmt: skip
    return Status(201, detail_out(submission.number))


@router.post("/lab-submissions/{number}/send", response=LabSubmissionDetailOut, operation_id="services_lab_send")
@requires("services.send_lab_submissions")
def lab_submission_send(request: HttpRequest, number: Number, payload: LabSendIn) -> dict[str, Any]:
    submission = queries.submission_by_number(number)
    by = acting_staff(request)
    witness = None
    if payload.witness_username.strip():
        witness = custody.witness_confirm(
            username=payload.witness_username, password=payload.witness_password, otp_code=payload.witness_otp,
            actor=by,
        )  # fmt: skip
    services.lab_submission_send(
        submission=submission, courier=payload.courier, courier_reference=payload.courier_reference,
        witness=witness, by=by,
    )  # fmt: skip
    return detail_out(submission.number)


@router.post("/lab-submissions/{number}/returns", response=LabSubmissionDetailOut, operation_id="services_lab_return")
@requires("services.return_lab_pieces")
def lab_piece_return(request: HttpRequest, number: Number, payload: LabReturnIn) -> dict[str, Any]:
    submission = queries.submission_by_number(number)
    place = None
    if payload.to is not None:
        place = next((p for p in inventory.in_house_places(submission.office) if p.pk == payload.to), None)
        if place is None:
            raise ServicesError(
                f"No place in {submission.office.name} has the id {payload.to}; choose a place in the house.",
                field="to",
                code=ServicesErrorCode.INVALID,
            )
    services.lab_piece_return(submission=submission, stock_number=payload.stock_number, to=place,
                              by=acting_staff(request))  # fmt: skip
    return detail_out(submission.number)


@router.post(
    "/lab-submissions/{number}/lines/{position}/report",
    response={201: LabSubmissionDetailOut},
    operation_id="services_lab_report_record",
)
@requires("services.record_lab_reports")
def lab_report_record(
    request: HttpRequest, number: Number, position: Position, payload: LabReportIn
) -> Status[dict[str, Any]]:
    submission = queries.submission_by_number(number)
    line = queries.line_of(submission, position)
    report = services.LabReport(**{**payload.dict(), "kind": str(payload.kind)})
    services.lab_report_record(line=line, report=report, by=acting_staff(request))
    return Status(201, detail_out(submission.number))
