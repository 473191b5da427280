"""Reading what a person typed for shipping, bounded, into values or a refusal naming the field."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from parure.core.text import unstorable
from parure.shipping.errors import ShippingError, ShippingErrorCode

E = ShippingErrorCode
AMOUNT_MAX = Decimal("999999999.99")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def refuse(message: str, *, field: str | None = None, code: ShippingErrorCode = E.INVALID) -> ShippingError:
    return ShippingError(message, field=field, code=code)


def text_of(value: Any, *, limit: int, field: str, label: str, required: bool = False) -> str:
    text = (value if isinstance(value, str) else "").strip()
    if unstorable(text):
        raise refuse(f"{label} holds a character that cannot be stored; type it again.", field=field)
    if len(text) > limit:
        raise refuse(f"{label} is longer than {limit} characters.", field=field, code=E.TOO_LONG)
    if required and not text:
        raise refuse(f"{label} is missing.", field=field, code=E.REQUIRED)
    return text


def amount_of(value: Any, *, field: str, label: str, required: bool = False) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise refuse(f"{label} is missing.", field=field, code=E.REQUIRED)
        return None
    if isinstance(value, float):
        value = str(value)
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("'", ""))
    except InvalidOperation:
        raise refuse(f"{label} is not an amount: ‘{str(value)[:30]}’.", field=field, code=E.INVALID_AMOUNT) from None
    if not amount.is_finite() or amount < 0:
        raise refuse(f"{label} must be an amount of zero or more.", field=field, code=E.INVALID_AMOUNT)
    if amount > AMOUNT_MAX:
        raise refuse(f"{label} is more than {AMOUNT_MAX:,}.", field=field, code=E.INVALID_AMOUNT)
    if amount != amount.quantize(Decimal("0.01")):
        raise refuse(f"{label} has more than two decimal places.", field=field, code=E.INVALID_AMOUNT)
    return amount.quantize(Decimal("0.01"))


def country_of(value: Any, *, field: str, label: str, required: bool = True) -> str:
    text = text_of(value, limit=2, field=field, label=label, required=required).upper()
    if text and not _COUNTRY.match(text):
        raise refuse(f"{label} is a two-letter country code (US, CH, GB).", field=field)
    return text


def date_of(value: Any, *, field: str, label: str, required: bool = True) -> date | None:
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        if required:
            raise refuse(f"{label} is missing.", field=field, code=E.REQUIRED)
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise refuse(f"{label} is not a date (YYYY-MM-DD).", field=field, code=E.INVALID_DATE) from None


def whole_of(value: Any, *, field: str, label: str, low: int, high: int) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise refuse(f"{label} is not a whole number.", field=field) from None
    if number < low or number > high:
        raise refuse(f"{label} must be between {low} and {high}.", field=field)
    return number
