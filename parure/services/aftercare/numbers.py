"""Order numbers: ``<office>-AC-<yy>-<five digits>-<check digit>`` (``NY-AC-26-00012-4``), a sequence per
office and year drawn inside the transaction that takes the order. A number with a wrong check digit is
refused outright, never looked up."""

from __future__ import annotations

import re

from parure.core.numbering import check_digit, next_in_sequence
from parure.services.errors import ServicesError, ServicesErrorCode

LETTERS = "AC"
_NUMBER = re.compile(r"^([A-Z]{2})-?AC-?(\d{2})-?(\d{5})-?(\d)$")


def issue_order_number(*, office_code: str, year: int) -> str:
    yy = year % 100
    sequence = next_in_sequence(f"services:aftercare:{office_code}:{yy:02d}")
    body = f"{office_code}-{LETTERS}-{yy:02d}-{sequence:05d}"
    return f"{body}-{check_digit(body)}"


def looks_like_order_number(text: str) -> bool:
    return _NUMBER.match(re.sub(r"\s+", "", text or "").upper()) is not None


def parse_order_number(text: str, *, field: str = "number") -> str:
    """The canonical form of a typed or scanned order number, or a refusal saying why."""
    cleaned = re.sub(r"\s+", "", text or "").upper()
    match = _NUMBER.match(cleaned)
    if match is None:
        raise ServicesError(
            f"‘{(text or '').strip()[:40]}’ is not a post-sale order number; they look like NY-AC-26-00012-4.",
            field=field,
            code=ServicesErrorCode.INVALID,
        )
    office, yy, sequence, given = match.groups()
    body = f"{office}-{LETTERS}-{yy}-{sequence}"
    if check_digit(body) != given:
        raise ServicesError(
            f"{body}-{given} has a wrong check digit: check the number and type it again.",
            field=field,
            code=ServicesErrorCode.INVALID,
        )
    return f"{body}-{given}"
