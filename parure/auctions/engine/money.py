"""Amounts as ``Decimal`` in the sale's currency; the engine never converts and never uses floats.

The auctions app hands the engine plain decimal amounts together with the sale's ISO 4217 code;
every result carries that code back. Floats (and bools) are refused outright: a hammer price is
never a binary approximation.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .errors import AmountError

_CURRENCY = re.compile(r"[A-Z]{3}")


def to_amount(value: object, *, what: str) -> Decimal:
    """``value`` as a positive, finite ``Decimal``; ``what`` names it in the refusal sentence."""
    if isinstance(value, bool | float):
        kind = type(value).__name__
        raise AmountError(f"{what} was given as {value!r}, a {kind}; give a decimal amount such as '5000'.")
    if isinstance(value, Decimal):
        parsed = value
    elif isinstance(value, int):
        parsed = Decimal(value)
    elif isinstance(value, str):
        try:
            parsed = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            raise AmountError(f"{what} {value!r} is not an amount; give a decimal amount such as '5000'.") from None
    else:
        raise AmountError(f"{what} was given as a {type(value).__name__}; give a decimal amount such as '5000'.")
    if not parsed.is_finite():
        raise AmountError(f"{what} {value!r} is not a finite amount; give a decimal amount such as '5000'.")
    if parsed <= 0:
        raise AmountError(f"{what} {format_amount(parsed)} is not above zero; give a positive amount.")
    return parsed


def currency_code(value: object) -> str:
    """An ISO 4217 code as three capital letters (the engine does not check the ISO list)."""
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value):
        raise AmountError(f"The currency {value!r} is not an ISO 4217 code; give three capital letters such as 'USD'.")
    return value


def format_amount(value: Decimal) -> str:
    """``5000`` → ``5,000``; a fractional amount keeps two places (``12.50``)."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.quantize(Decimal('0.01')):,}"
