"""Invoice and credit-note numbers: ``<office>-I-<yy>-<five digits>-<check digit>`` (``NY-I-26-00042-1``),
credit notes ``<office>-CN-<yy>-…``. The sequence is per office, kind and year, and is drawn inside the
transaction that issues the invoice, so a rolled-back issue gives its number back: no gaps. A number with
a wrong check digit is refused outright, never looked up."""

from __future__ import annotations

import re

from parure.billing.choices import InvoiceKind
from parure.billing.errors import BillingError, BillingErrorCode
from parure.core.numbering import check_digit, next_in_sequence

LETTERS = {InvoiceKind.INVOICE: "I", InvoiceKind.CREDIT_NOTE: "CN"}
_NUMBER = re.compile(r"^([A-Z]{2})-?(I|CN)-?(\d{2})-?(\d{5})-?(\d)$")


def issue_number(*, office_code: str, kind: str, year: int) -> str:
    """The next number of ``office_code``'s ``kind`` for ``year`` (call inside the issuing transaction)."""
    letters = LETTERS[InvoiceKind(kind)]
    yy = year % 100
    sequence = next_in_sequence(f"billing:{office_code}:{letters}:{yy:02d}")
    body = f"{office_code}-{letters}-{yy:02d}-{sequence:05d}"
    return f"{body}-{check_digit(body)}"


def parse_invoice_number(text: str, *, field: str = "number") -> str:
    """The canonical form of a typed or scanned invoice or credit-note number, or a refusal saying why."""
    cleaned = re.sub(r"\s+", "", text or "").upper()
    if cleaned.startswith("INVOICE:"):
        cleaned = cleaned.removeprefix("INVOICE:")
    match = _NUMBER.match(cleaned)
    if match is None:
        raise BillingError(
            f"‘{(text or '').strip()[:40]}’ is not an invoice number; they look like NY-I-26-00042-1.",
            field=field,
            code=BillingErrorCode.INVALID_NUMBER,
        )
    office, letters, yy, sequence, given = match.groups()
    body = f"{office}-{letters}-{yy}-{sequence}"
    if check_digit(body) != given:
        raise BillingError(
            f"{body}-{given} has a wrong check digit: check the number and type it again.",
            field=field,
            code=BillingErrorCode.INVALID_NUMBER,
        )
    return f"{body}-{given}"
