"""Turning what callers pass (text, ``Decimal`` or ``int``) into checked ``Decimal`` values.

Floats are refused: 0.1 has no exact binary form, and the department's rule is that every
figure printed is right. Pages and the API pass the text the user typed; code passes
``Decimal``.
"""

from decimal import Decimal, InvalidOperation

from parure.gemology.errors import GemologyError

type DecimalInput = Decimal | int | str

# No figure the department reads has fifteen digits before the point; refusing such input keeps
# every later product and quantize within Decimal's 28-digit context (a "9e999999" would
# otherwise end in decimal.Overflow or InvalidOperation rather than a sentence).
MAGNITUDE_LIMIT_DIGITS = 15


def to_decimal(value: DecimalInput, *, field: str, error: type[GemologyError] = GemologyError) -> Decimal:
    """Return ``value`` as a finite ``Decimal``; refuse floats, booleans, NaN and infinity.

    Text may use a decimal comma ("0,25") when it has no point. A number of 10¹⁵ or more is
    refused as no measurement.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise error(
            f"{field}: {value!r} is not a number this library accepts; "
            "give text such as '0.25' or a Decimal (floats cannot hold most decimal fractions exactly)."
        )
    if isinstance(value, str):
        text = value.strip()
        if "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise error(f"{field}: ‘{value}’ is not a number.") from None
    else:
        number = Decimal(value)
    if not number.is_finite():
        raise error(f"{field}: ‘{value}’ is not a finite number.")
    if number.adjusted() >= MAGNITUDE_LIMIT_DIGITS:
        raise error(f"{field}: ‘{value}’ is too large to be a measurement.")
    return number


def to_positive_decimal(value: DecimalInput, *, field: str, error: type[GemologyError] = GemologyError) -> Decimal:
    """Return ``value`` as a ``Decimal`` greater than zero, or refuse it."""
    number = to_decimal(value, field=field, error=error)
    if number <= 0:
        raise error(f"{field} must be greater than zero; {number} was given.")
    return number


def to_non_negative_decimal(value: DecimalInput, *, field: str, error: type[GemologyError] = GemologyError) -> Decimal:
    """Return ``value`` as a ``Decimal`` of zero or more, or refuse it."""
    number = to_decimal(value, field=field, error=error)
    if number < 0:
        raise error(f"{field} cannot be negative; {number} was given.")
    return number
