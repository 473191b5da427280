"""Submission numbers: ``<office>-GL-<yy>-<five digits>-<check digit>`` (``NY-GL-26-00012-3``), one sequence
per office and year, drawn inside the transaction that makes the submission. A number with a wrong check
digit is refused outright, never looked up."""

from __future__ import annotations

import re

from parure.core.numbering import check_digit, next_in_sequence
from parure.services.errors import ServicesError, ServicesErrorCode

_NUMBER = re.compile(r"^([A-Z]{2})-?GL-?(\d{2})-?(\d{5})-?(\d)$")


def issue_submission_number(*, office_code: str, year: int) -> str:
    yy = year % 100
    sequence = next_in_sequence(f"services:labs:{office_code}:{yy:02d}")
    body = f"{office_code}-GL-{yy:02d}-{sequence:05d}"
    return f"{body}-{check_digit(body)}"


def parse_submission_number(text: str, *, field: str = "number") -> str:
    """The canonical form of a typed or scanned submission number, or a refusal saying why."""
    cleaned = re.sub(r"\s+", "", text or "").upper()
    match = _NUMBER.match(cleaned)
    if match is None:
        raise ServicesError(
            f"‘{(text or '').strip()[:40]}’ is not a lab submission number; they look like NY-GL-26-00012-3.",
            field=field,
            code=ServicesErrorCode.LAB_INVALID_NUMBER,
        )
    office, yy, sequence, given = match.groups()
    body = f"{office}-GL-{yy}-{sequence}"
    if check_digit(body) != given:
        raise ServicesError(
            f"{body}-{given} has a wrong check digit: check the number and type it again.",
            field=field,
            code=ServicesErrorCode.LAB_INVALID_NUMBER,
        )
    return f"{body}-{given}"
