"""Reading what a person typed for a post-sale order: text within its limit, an amount within its range and
places, one of a set of choices; each refused with a sentence naming the field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from parure.services.errors import ServicesError, ServicesErrorCode


def bounded_text(value: str, *, limit: int, field: str, label: str, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ServicesError(f"Give {label}.", field=field, code=ServicesErrorCode.REQUIRED)
    if len(text) > limit:
        raise ServicesError(
            f"{label[0].upper()}{label[1:]} is longer than {limit} characters.",
            field=field,
            code=ServicesErrorCode.TOO_LONG,
        )
    return text


def bounded_decimal(
    value: Any, *, field: str, label: str, places: int = 2, most: Decimal, least: Decimal = Decimal(0)
) -> Decimal:
    text = str(value if value is not None else "").strip().replace(",", "")
    if not text:
        raise ServicesError(f"Give {label}.", field=field, code=ServicesErrorCode.REQUIRED)
    try:
        amount = Decimal(text[:40])
    except InvalidOperation:
        raise ServicesError(
            f"{label[0].upper()}{label[1:]} is not a number: ‘{text[:20]}’.",
            field=field,
            code=ServicesErrorCode.INVALID_AMOUNT,
        ) from None
    if not amount.is_finite() or amount < least or amount > most:
        raise ServicesError(
            f"{label[0].upper()}{label[1:]} must be between {least} and {most}.",
            field=field,
            code=ServicesErrorCode.INVALID_AMOUNT,
        )
    if amount != amount.quantize(Decimal(1).scaleb(-places)):
        raise ServicesError(
            f"{label[0].upper()}{label[1:]} has more than {places} decimal places.",
            field=field,
            code=ServicesErrorCode.INVALID_AMOUNT,
        )
    return amount


def one_of(value: str, choices: Any, *, field: str, label: str) -> str:
    if value not in choices.values:
        names = ", ".join(str(choice.label).lower() for choice in choices)
        raise ServicesError(f"Choose {label}: {names}.", field=field, code=ServicesErrorCode.INVALID)
    return value
