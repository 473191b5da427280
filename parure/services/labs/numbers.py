"""Lab submission numbers, ``NY-GL-26-00012-3`` (``parure.services.numbers``)."""

from __future__ import annotations

from parure.services.errors import ServicesErrorCode
from parure.services.numbers import Series

SUBMISSIONS = Series("GL", "services:labs", "a lab submission number", "NY-GL-26-00012-3",
                     code=ServicesErrorCode.LAB_INVALID_NUMBER)  # fmt: skip


def issue_submission_number(*, office_code: str, year: int) -> str:
    return SUBMISSIONS.issue(office_code=office_code, year=year)


def parse_submission_number(text: str, *, field: str = "number") -> str:
    return SUBMISSIONS.parse(text, field=field)
