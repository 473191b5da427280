"""Design project numbers: ``<office>-D-<yy>-<five digits>-<check digit>`` (``NY-D-26-00042-3``), drawn from
the office's yearly sequence inside the transaction that opens the project. A number with a wrong check
digit is refused, never looked up."""

from __future__ import annotations

import re

from parure.core.numbering import check_digit, next_in_sequence
from parure.services.errors import ServicesError, ServicesErrorCode

_NUMBER = re.compile(r"^([A-Z]{2})-?D-?(\d{2})-?(\d{5})-?(\d)$")


def issue_project_number(*, office_code: str, year: int) -> str:
    yy = year % 100
    sequence = next_in_sequence(f"services:projects:{office_code}:{yy:02d}")
    body = f"{office_code}-D-{yy:02d}-{sequence:05d}"
    return f"{body}-{check_digit(body)}"


def parse_project_number(text: str, *, field: str = "number") -> str:
    """The canonical form of a typed or scanned project number, or a refusal saying why."""
    cleaned = re.sub(r"\s+", "", text or "").upper()[:40]
    match = _NUMBER.match(cleaned)
    if match is None:
        raise ServicesError(
            f"‘{(text or '').strip()[:40]}’ is not a design project number; they look like NY-D-26-00042-3.",
            field=field,
            code=ServicesErrorCode.INVALID,
        )
    office, yy, sequence, given = match.groups()
    body = f"{office}-D-{yy}-{sequence}"
    if check_digit(body) != given:
        raise ServicesError(f"{body}-{given} has a wrong check digit: check the number and type it again.",
                            field=field, code=ServicesErrorCode.INVALID)  # fmt: skip
    return f"{body}-{given}"
