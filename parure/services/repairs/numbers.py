"""Repair job numbers: ``<office>-RJ-<yy>-<five-digit sequence>-<check digit>``, e.g. ``NY-RJ-26-00042-3``.

"RJ" (repair job) keeps them apart from inventory's release receipts (``NY-R-26-00042-7``), so a scanned
envelope is never mistaken for a receipt. A wrong check digit is refused, never looked up.
"""

from __future__ import annotations

import re
from datetime import date

from parure.core.numbering import check_digit, next_in_sequence
from parure.services.errors import ServicesError, ServicesErrorCode

_JOB_NUMBER = re.compile(r"^([A-Z]{2})-?RJ-?(\d{2})-?(\d{5})-?(\d)$")


def issue_job_number(office_code: str, on: date) -> str:
    year = on.year % 100
    body = f"{office_code}-RJ-{year:02d}-{next_in_sequence(f'repair:{office_code}:{year:02d}'):05d}"
    return f"{body}-{check_digit(body)}"


def looks_like_job_number(text: str) -> bool:
    return _JOB_NUMBER.match(re.sub(r"\s+", "", text or "").upper()) is not None


def parse_job_number(text: str, *, field: str = "number") -> str:
    """The canonical form of a typed or scanned envelope number, or a refusal saying what is wrong."""
    cleaned = re.sub(r"\s+", "", text or "").upper()
    match = _JOB_NUMBER.match(cleaned)
    if match is None:
        shown = (text or "").strip()[:40]
        raise ServicesError(
            f"‘{shown}’ is not a repair envelope number; they look like NY-RJ-26-00042-3.",
            field=field,
            code=ServicesErrorCode.INVALID,
        )
    office, year, sequence, given = match.groups()
    body = f"{office}-RJ-{year}-{sequence}"
    if check_digit(body) != given:
        raise ServicesError(
            f"{body}-{given} has a wrong check digit, so it is not an envelope we issued; check it and type it again.",
            field=field,
            code=ServicesErrorCode.INVALID,
        )
    return f"{body}-{given}"
