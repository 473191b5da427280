"""Numbers people read aloud and scan: stock numbers, consignment and release-receipt numbers.

A stock number is ``<office>-<yy>-<six-digit sequence>-<check digit>``, e.g. ``NY-26-000123-7``;
the check digit is Damm's over the letters and digits before it (``parure.core.numbering``).
A number whose check digit is wrong is refused outright; it is never looked up, so a
mistyped tag cannot land on another piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from parure.core.numbering import check_digit, next_in_sequence
from parure.inventory.errors import InventoryErrorCode, StockNumberError

_STOCK_NUMBER = re.compile(r"^([A-Z]{2})-?(\d{2})-?(\d{6})-?(\d)$")
_CONSIGNMENT_NUMBER = re.compile(r"^([A-Z]{2})-?C-?(\d{2})-?(\d{5})-?(\d)$")


@dataclass(frozen=True)
class StockNumber:
    office: str
    year: int
    sequence: int

    @property
    def body(self) -> str:
        return f"{self.office}-{self.year:02d}-{self.sequence:06d}"

    def __str__(self) -> str:
        return f"{self.body}-{check_digit(self.body)}"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def looks_like_stock_number(text: str) -> bool:
    """True when ``text`` has the shape of a stock number (right or wrong check digit)."""
    return _STOCK_NUMBER.match(_normalise(text)) is not None


def parse_stock_number(text: str) -> str:
    """The canonical form of a typed or scanned stock number, or a refusal saying what is wrong."""
    cleaned = _normalise(text)
    if not cleaned:
        raise StockNumberError(
            "Enter a stock number, e.g. NY-26-000123-7.", field="stock_number", code=InventoryErrorCode.BAD_STOCK_NUMBER
        )
    match = _STOCK_NUMBER.match(cleaned)
    if match is None:
        raise StockNumberError(
            f"‘{text.strip()}’ is not a stock number; they look like NY-26-000123-7 "
            "(office, year, six digits, check digit).",
            field="stock_number",
            code=InventoryErrorCode.BAD_STOCK_NUMBER,
        )
    office, year, sequence, given = match.groups()
    body = f"{office}-{year}-{sequence}"
    if check_digit(body) != given:
        raise StockNumberError(
            f"{body}-{given} has a wrong check digit, so it is not a stock number we issued; "
            "check the tag and type it again.",
            field="stock_number",
            code=InventoryErrorCode.BAD_STOCK_NUMBER,
        )
    return f"{body}-{given}"


def issue_stock_number(office_code: str, on: date) -> str:
    """The next stock number for an office and year (gapless per office and year)."""
    year = on.year % 100
    sequence = next_in_sequence(f"stock:{office_code}:{year:02d}")
    if sequence > 999_999:
        raise StockNumberError(
            f"{office_code} has used every stock number for 20{year:02d}.", code=InventoryErrorCode.BAD_STOCK_NUMBER
        )
    return str(StockNumber(office_code, year, sequence))


def issue_consignment_number(office_code: str, on: date) -> str:
    year = on.year % 100
    body = f"{office_code}-C-{year:02d}-{next_in_sequence(f'consignment:{office_code}:{year:02d}'):05d}"
    return f"{body}-{check_digit(body)}"


def issue_release_receipt_number(office_code: str, on: date) -> str:
    year = on.year % 100
    body = f"{office_code}-R-{year:02d}-{next_in_sequence(f'release:{office_code}:{year:02d}'):05d}"
    return f"{body}-{check_digit(body)}"


def parse_consignment_number(text: str) -> str | None:
    """The canonical consignment number, None if ``text`` is not shaped like one.

    Raises :class:`StockNumberError` for the right shape with a wrong check digit.
    """
    match = _CONSIGNMENT_NUMBER.match(_normalise(text))
    if match is None:
        return None
    office, year, sequence, given = match.groups()
    body = f"{office}-C-{year}-{sequence}"
    if check_digit(body) != given:
        raise StockNumberError(
            f"{body}-{given} has a wrong check digit, so it is not a consignment number we issued; "
            "check the receipt and type it again.",
            code=InventoryErrorCode.BAD_STOCK_NUMBER,
        )
    return f"{body}-{given}"
