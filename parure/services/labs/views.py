"""The labs area's pages (put together by parure.services.urls): the list of submissions, a new
submission, and a submission's page where pieces are added by scan, the batch is sent, pieces are
scanned back and reports recorded, and the form for the laboratory is printed.

Each POST calls one service; a refusal re-renders the page with the sentence beside the form it
concerns, what was typed kept, and the refusal's status.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, URLResolver, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.catalogue.choices import CertificateKind
from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.errors import DomainError, ErrorCode
from parure.core.models import Office
from parure.core.policy import acting_staff
from parure.core.text import unstorable
from parure.inventory import queries as inventory
from parure.inventory import services as custody
from parure.services.errors import ServicesError, ServicesErrorCode
from parure.services.labs import documents, queries, services
from parure.services.labs.choices import LabService, SubmissionStatus
from parure.services.labs.models import LabSubmission

PAGE_SIZE = 50


def _storable(name: str, value: str) -> str:
    """What was typed, refused (naming the field) if it holds a character no column can store."""
    if unstorable(value):
        raise ServicesError("This field holds a character that cannot be stored (a NUL); type it again.",
                            field=name, code=ServicesErrorCode.INVALID)  # fmt: skip
    return value


def _text(request: HttpRequest, name: str, limit: int = 200) -> str:
    # One character over the limit reaches the service, which refuses it with the limit in its sentence.
    return _storable(name, str(request.POST.get(name, ""))[: limit + 1])


def _date(text: str, *, field: str, label: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ServicesError(f"{label}: ‘{text[:20]}’ is not a date (YYYY-MM-DD).", field=field,
                            code=ServicesErrorCode.INVALID_DATE) from None  # fmt: skip


def _submission(number: str) -> LabSubmission:
    try:
        return queries.submission_by_number(number)
    except ServicesError as wrong:
        raise Http404(wrong.message) from None


# --- The list ---------------------------------------------------------------------------------------------


@policy.requires("services.view_lab_submissions")
@require_GET
def lab_submissions(request: HttpRequest) -> HttpResponse:
    """Every submission, newest first, filtered by status, laboratory, office, number and overdue."""
    refusal = None
    typed: dict[str, Any] = {
        "status": request.GET.get("status", "")[:20],
        "laboratory": request.GET.get("laboratory", "")[:20],
        "office": request.GET.get("office", "")[:2],
        "q": request.GET.get("q", "")[:60],
        "overdue": bool(request.GET.get("overdue")),
    }
    try:
        for name in ("status", "laboratory", "office", "q"):
            _storable(name, typed[name])
        chosen = queries.submission_filters(
            status=typed["status"], laboratory=typed["laboratory"], office=typed["office"], text=typed["q"],
            overdue=typed["overdue"],
        )  # fmt: skip
        rows = queries.submissions(chosen)
    except ServicesError as wrong:
        refusal, rows = wrong, queries.submissions().none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    offices = list(Office.objects.order_by("code"))
    today = {office.pk: services.office_today(office) for office in offices}
    context = {
        "page": page,
        "rows": [
            {"submission": row, "overdue": row.is_overdue(today.get(row.office_id, date.today()))}
            for row in page.object_list
        ],
        "statuses": [("open", "Open (draft, sent, partly returned)"), *SubmissionStatus.choices],
        "laboratories": queries.laboratories(),
        "offices": offices,
        "chosen": typed,
        "refusal": refusal,
    }
    return render(request, "services/labs/submissions.html", context, status=refusal.status if refusal else 200)


# --- A new submission -------------------------------------------------------------------------------------


@policy.requires("services.prepare_lab_submissions")
@require_http_methods(["GET", "POST"])
def lab_submission_new(request: HttpRequest) -> HttpResponse:
    """A draft batch for one laboratory; its pieces are scanned in on its page next."""
    refusal: DomainError[ErrorCode] | None = None
    if request.method == "POST":
        try:
            submission = services.lab_submission_create(
                laboratory=queries.laboratory_by_code(_text(request, "laboratory", 20)),
                expected_back=_date(_text(request, "expected_back", 20), field="expected_back",
                                    label="The expected return date"),
                courier=_text(request, "courier", 120),
                courier_reference=_text(request, "courier_reference", 60),
                notes=_text(request, "notes", 2000),
                by=acting_staff(request),
            )  # fmt: skip
        except DomainError as refused:
            refusal = refused
        else:
            messages.success(request, f"Submission {submission.number} started; scan or type its pieces.")
            return redirect("services:lab_submission", number=submission.number)
    context = {"laboratories": queries.laboratories(), "refusal": refusal, "posted": request.POST}
    return render(request, "services/labs/submission_new.html", context, status=refusal.status if refusal else 200)


# --- A submission's page ----------------------------------------------------------------------------------


def _page(
    request: HttpRequest,
    submission: LabSubmission,
    *,
    refusal: DomainError[ErrorCode] | None = None,
    form: str = "",
    position: int | None = None,
) -> HttpResponse:
    lines = queries.submission_lines(submission)
    today = services.office_today(submission.office)
    places = list(inventory.in_house_places(submission.office)) if submission.status != "draft" else []
    context = {
        "submission": submission,
        "lines": lines,
        "pieces": len({line.item_id for line in lines}),
        "overdue": submission.is_overdue(today),
        "services_offered": LabService.choices,
        "report_kinds": CertificateKind.choices,
        "places": places,
        "workroom": next((place for place in places if place.type == "workroom"), None),
        "refusal": refusal,
        "refusal_form": form,
        "refusal_position": position,
        "posted": request.POST if refusal else {},
        "posted_services": request.POST.getlist("services") if refusal else [],
    }
    return render(request, "services/labs/submission.html", context, status=refusal.status if refusal else 200)


def _done(request: HttpRequest, submission: LabSubmission, message: str, anchor: str = "") -> HttpResponse:
    messages.success(request, message)
    url = reverse("services:lab_submission", args=[submission.number])
    return redirect(f"{url}#{anchor}" if anchor else url)


@policy.requires("services.view_lab_submissions")
@require_GET
def lab_submission(request: HttpRequest, number: str) -> HttpResponse:
    return _page(request, _submission(number))


def _position(text: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 0 < int(text[:6]) < 100:
        raise ServicesError(f"‘{text[:10]}’ is not a stone of the piece; give its number (1, 2…) or leave it empty.",
                            field="stone_position", code=ServicesErrorCode.INVALID)  # fmt: skip
    return int(text)


@policy.requires("services.prepare_lab_submissions")
@require_POST
def lab_line_add(request: HttpRequest, number: str) -> HttpResponse:
    """A piece scanned (or typed) onto the draft, with the services asked of it."""
    submission = _submission(number)
    try:
        line = services.lab_line_add(
            submission=submission,
            stock_number=_text(request, "stock_number", 60),
            services=[value[:20] for value in request.POST.getlist("services")[:10]],
            stone_position=_position(_text(request, "stone_position", 10)),
            control_number=_text(request, "control_number", 40),
            for_service=_text(request, "for_service", 60),
            by=acting_staff(request),
        )
    except DomainError as refused:
        return _page(request, submission, refusal=refused, form="add")
    return _done(request, submission, f"{line.item.stock_number} added as line {line.position}.", "add-piece")


@policy.requires("services.prepare_lab_submissions")
@require_POST
def lab_line_remove(request: HttpRequest, number: str, position: int) -> HttpResponse:
    submission = _submission(number)
    line = queries.line_of(submission, position)
    try:
        services.lab_line_remove(line=line, by=acting_staff(request))
    except DomainError as refused:
        return _page(request, submission, refusal=refused, form="line", position=position)
    return _done(request, submission, f"Line {position} ({line.item.stock_number}) taken off the submission.")


@policy.requires("services.prepare_lab_submissions")
@require_POST
def lab_line_control(request: HttpRequest, number: str, position: int) -> HttpResponse:
    submission = _submission(number)
    line = queries.line_of(submission, position)
    try:
        services.lab_line_control_number(
            line=line, control_number=_text(request, "control_number", 40), by=acting_staff(request)
        )
    except DomainError as refused:
        return _page(request, submission, refusal=refused, form="control", position=position)
    return _done(request, submission, f"Control number of line {position} recorded.", f"line-{position}")


@policy.requires("services.send_lab_submissions")
@require_POST
def lab_submission_send(request: HttpRequest, number: str) -> HttpResponse:
    """Every piece checked out to the laboratory, all or none (with a witness for a piece over the threshold)."""
    submission = _submission(number)
    by = acting_staff(request)
    try:
        witness = None
        if _text(request, "witness_username", 150).strip():
            witness = custody.witness_confirm(
                username=_text(request, "witness_username", 150),
                password=_text(request, "witness_password", 200),
                otp_code=_text(request, "witness_otp", 12),
                actor=by,
            )
        services.lab_submission_send(
            submission=submission,
            courier=_text(request, "courier", 120),
            courier_reference=_text(request, "courier_reference", 60),
            witness=witness,
            by=by,
        )
    except DomainError as refused:
        return _page(request, submission, refusal=refused, form="send")
    return _done(request, submission, f"Submission {submission.number} sent: its pieces are checked out to "
                                      f"{submission.laboratory.code}.")  # fmt: skip


@policy.requires("services.return_lab_pieces")
@require_POST
def lab_piece_return(request: HttpRequest, number: str) -> HttpResponse:
    """A piece scanned back from the laboratory, to the place chosen (the workroom unless another)."""
    submission = _submission(number)
    try:
        place = None
        chosen = _text(request, "to", 12).strip()
        if chosen:
            place = next((p for p in inventory.in_house_places(submission.office) if str(p.pk) == chosen), None)
            if place is None:
                raise ServicesError("Choose a place in the house to put the piece.", field="to",
                                    code=ServicesErrorCode.INVALID)  # fmt: skip
        lines = services.lab_piece_return(
            submission=submission, stock_number=_text(request, "stock_number", 60), to=place, by=acting_staff(request)
        )
    except DomainError as refused:
        return _page(request, submission, refusal=refused, form="return")
    return _done(request, submission, f"{lines[0].item.stock_number} is back from {submission.laboratory.code}.",
                 "scan-back")  # fmt: skip


def _decimal(text: str, *, field: str, label: str) -> Decimal | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text[:12])
    except InvalidOperation:
        raise ServicesError(f"{label}: ‘{text[:12]}’ is not a number.", field=field,
                            code=ServicesErrorCode.INVALID) from None  # fmt: skip
    if not value.is_finite():
        raise ServicesError(f"{label}: ‘{text[:12]}’ is not a number.", field=field, code=ServicesErrorCode.INVALID)
    return value


def report_from(data: Any) -> services.LabReport:
    """The report as typed on the page's form."""

    def text(name: str, limit: int) -> str:
        return _storable(name, str(data.get(name, "") or "")[: limit + 1])

    return services.LabReport(
        number=text("number", 40),
        issued_on=_date(text("issued_on", 20), field="issued_on", label="The report's date"),
        kind=text("kind", 20),
        species=text("species", 60),
        variety=text("variety", 60),
        weight_ct=_decimal(text("weight_ct", 12), field="weight_ct", label="The weight"),
        shape=text("shape", 40),
        cut=text("cut", 60),
        colour=text("colour", 80),
        clarity=text("clarity", 20),
        cut_grade=text("cut_grade", 20),
        fluorescence=text("fluorescence", 40),
        treatment=text("treatment", 200),
        origin=text("origin", 80),
        comments=text("comments", 2000),
    )


@policy.requires("services.record_lab_reports")
@require_POST
def lab_report_record(request: HttpRequest, number: str, position: int) -> HttpResponse:
    """The report that came back for a line, attached to the piece's catalogue record."""
    submission = _submission(number)
    line = queries.line_of(submission, position)
    try:
        upload = request.FILES.get("pdf")
        content = upload.read() if upload is not None else None
        services.lab_report_record(line=line, report=report_from(request.POST), pdf=content, by=acting_staff(request))
    except DomainError as refused:
        return _page(request, submission, refusal=refused, form="report", position=position)
    return _done(request, submission, f"Report recorded on the catalogue record of {line.item.stock_number}.",
                 f"line-{position}")  # fmt: skip


@policy.requires("services.prepare_lab_submissions")
@require_POST
def lab_submission_cancel(request: HttpRequest, number: str) -> HttpResponse:
    submission = _submission(number)
    try:
        services.lab_submission_cancel(submission=submission, reason=_text(request, "reason", 500),
                                       by=acting_staff(request))  # fmt: skip
    except DomainError as refused:
        return _page(request, submission, refusal=refused, form="cancel")
    return _done(request, submission, f"Submission {submission.number} cancelled.")


@policy.requires("services.view_lab_submissions")
@require_GET
def lab_submission_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """The submission form that travels with the batch to the laboratory."""
    submission = _submission(number)
    content = documents.submission_form_pdf(submission)
    record_access(request, action=AccessAction.EXPORT, subject_kind="lab_submission", subject_ref=submission.number)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lab-submission-{submission.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns: list[URLPattern | URLResolver] = [
    path("labs/", lab_submissions, name="lab_submissions"),
    path("labs/new/", lab_submission_new, name="lab_submission_new"),
    path("labs/<str:number>/", lab_submission, name="lab_submission"),
    path("labs/<str:number>/lines/", lab_line_add, name="lab_line_add"),
    path("labs/<str:number>/lines/<int:position>/remove/", lab_line_remove, name="lab_line_remove"),
    path("labs/<str:number>/lines/<int:position>/control/", lab_line_control, name="lab_line_control"),
    path("labs/<str:number>/lines/<int:position>/report/", lab_report_record, name="lab_report_record"),
    path("labs/<str:number>/send/", lab_submission_send, name="lab_submission_send"),
    path("labs/<str:number>/return/", lab_piece_return, name="lab_piece_return"),
    path("labs/<str:number>/cancel/", lab_submission_cancel, name="lab_submission_cancel"),
    path("labs/<str:number>/form.pdf", lab_submission_pdf, name="lab_submission_pdf"),
]
