"""Reads the labs pages, API, PDF and "My day" panel share. Each brings what its callers show, so a list
issues the same number of queries whatever its length.

Nothing on a submission is confidential to a role that may read submissions: no values, no client
names (a client's own piece shows its stock number and the service it is for). Every reader sees the
same record, so there is no visibility object here; pieces are shown as inventory's summaries show
them (number, title, where it is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from parure.catalogue import queries as catalogue
from parure.core.models import Office
from parure.inventory.errors import StockNumberError
from parure.inventory.numbers import looks_like_stock_number, parse_stock_number
from parure.services.errors import ServicesError, ServicesErrorCode
from parure.services.labs.choices import OUT_STATUSES, SubmissionStatus
from parure.services.labs.models import LabSubmission, LabSubmissionLine
from parure.services.labs.numbers import parse_submission_number
from parure.services.labs.services import office_today

_SUBMISSION_NUMBER = re.compile(r"^[A-Z]{2}-?GL", re.IGNORECASE)


@dataclass(frozen=True)
class SubmissionFilters:
    status: str = ""
    laboratory: str = ""
    office: str = ""
    text: str = ""
    overdue: bool = False


def submission_filters(
    *, status: str = "", laboratory: str = "", office: str = "", text: str = "", overdue: bool = False
) -> SubmissionFilters:
    """The filters as typed, checked: an unknown status or a mistyped number is refused naming its field."""
    status = (status or "").strip()[:20]
    if status and status not in SubmissionStatus.values and status != "open":
        raise ServicesError(
            f"‘{status}’ is not a submission status; choose draft, sent, partly_returned, returned, cancelled or open.",
            field="status",
            code=ServicesErrorCode.INVALID,
        )
    return SubmissionFilters(
        status=status,
        laboratory=(laboratory or "").strip()[:20],
        office=(office or "").strip().upper()[:2],
        text=(text or "").strip()[:60],
        overdue=overdue,
    )


def _overdue_condition(offices: list[Office]) -> Q:
    """Out at the laboratory past the expected day, each office's day in its own time zone."""
    condition = Q(pk__in=[])
    for office in offices:
        condition |= Q(office=office, expected_back__lt=office_today(office))
    return Q(status__in=OUT_STATUSES) & condition


def submissions(filters: SubmissionFilters | None = None) -> QuerySet[LabSubmission]:
    """Submissions newest first, with their office, laboratory, people and line counts (one query)."""
    chosen = filters or SubmissionFilters()
    rows = LabSubmission.objects.select_related("office", "laboratory", "created_by", "sent_by").annotate(
        line_count=Count("lines", distinct=True),
        returned_count=Count("lines", filter=Q(lines__returned_at__isnull=False), distinct=True),
        report_count=Count("lines", filter=Q(lines__certificate_id__isnull=False), distinct=True),
    )
    if chosen.status == "open":
        rows = rows.filter(status__in=[SubmissionStatus.DRAFT, *OUT_STATUSES])
    elif chosen.status:
        rows = rows.filter(status=chosen.status)
    if chosen.laboratory:
        rows = rows.filter(laboratory__code__iexact=chosen.laboratory)
    if chosen.office:
        rows = rows.filter(office__code=chosen.office)
    if chosen.text:
        rows = rows.filter(_text_match(chosen.text))
    if chosen.overdue:
        rows = rows.filter(_overdue_condition(list(Office.objects.all())))
    return rows.order_by("-created_at", "-pk")


def _text_match(text: str) -> Q:
    """A submission number or a stock number, matched exactly (a wrong check digit is refused naming ``q``);
    anything else is the courier's reference."""
    if _SUBMISSION_NUMBER.match(text):
        return Q(number=parse_submission_number(text, field="q"))
    if looks_like_stock_number(text):
        try:
            return Q(lines__item__stock_number=parse_stock_number(text))
        except StockNumberError as wrong:
            raise ServicesError(wrong.message, field="q", code=ServicesErrorCode.INVALID) from None
    return Q(courier_reference__iexact=text)


def submission_by_number(text: str) -> LabSubmission:
    """The submission with this number, with what its page shows; a mistyped number refused, an unknown one 404."""
    number = parse_submission_number((text or "")[:40])
    submission = (
        LabSubmission.objects.select_related("office", "laboratory", "created_by", "sent_by", "cancelled_by")
        .filter(number=number)
        .first()
    )
    if submission is None:
        raise Http404(f"No lab submission has the number {number}.")
    return submission


def submission_lines(submission: LabSubmission) -> list[LabSubmissionLine]:
    """The batch's lines in order, each with its piece, where the piece is now, and who did what (one query)."""
    return list(
        LabSubmissionLine.objects.filter(submission=submission)
        .select_related(
            "item", "item__location", "item__location__office", "added_by", "returned_by", "report_recorded_by"
        )
        .order_by("position")
    )


def line_of(submission: LabSubmission, position: int) -> LabSubmissionLine:
    line = (
        LabSubmissionLine.objects.filter(submission=submission, position=position)
        .select_related("submission", "item")
        .first()
        if 0 < position < 2**15
        else None
    )
    if line is None:
        raise Http404(f"Submission {submission.number} has no line {position}.")
    return line


def laboratories() -> list[Any]:
    """The laboratories a batch may go to (the catalogue's list, active ones)."""
    return list(catalogue.laboratories(active_only=True))


def laboratory_by_code(code: str) -> Any:
    """An active laboratory by its short name; refused naming ``laboratory`` otherwise."""
    found = next((lab for lab in laboratories() if lab.code.casefold() == (code or "").strip().casefold()), None)
    if found is None:
        raise ServicesError(
            f"‘{(code or '').strip()[:20]}’ is not a laboratory on the list; choose one of "
            f"{', '.join(lab.code for lab in laboratories())}.",
            field="laboratory",
            code=ServicesErrorCode.INVALID,
        )
    return found


def due_back(office: Office, *, within_days: int = 2) -> list[LabSubmission]:
    """The office's batches out at a laboratory due back within ``within_days``, or overdue, soonest first."""
    horizon = office_today(office) + timedelta(days=within_days)
    return list(
        submissions()
        .filter(office=office, status__in=OUT_STATUSES, expected_back__lte=horizon)
        .order_by("expected_back", "pk")[:20]
    )


def is_overdue(submission: LabSubmission, today: date | None = None) -> bool:
    return submission.status in OUT_STATUSES and submission.expected_back < (today or office_today(submission.office))
