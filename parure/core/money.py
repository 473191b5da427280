"""Money: a ``Decimal`` amount with an ISO 4217 currency, never a float.

Rounding is explicit: :meth:`Money.rounded` rounds half-up to the currency's minor unit
(cents, or none for JPY) unless a rule passes another mode. Formatting goes through Babel in
the office's locale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Self

from babel.numbers import format_currency, get_currency_precision, list_currencies


class MoneyError(ValueError):
    """Refused money arithmetic or input, with a sentence a person can act on."""


def _to_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, float):
        raise MoneyError("Money amounts must be exact decimals, never floating-point numbers.")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise MoneyError(f"‘{value}’ is not an amount of money.") from None
    if not amount.is_finite():
        raise MoneyError(f"‘{value}’ is not an amount of money.")
    return amount


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", _to_decimal(self.amount))
        if self.currency not in list_currencies():
            raise MoneyError(f"‘{self.currency}’ is not an ISO 4217 currency code such as USD or CHF.")

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Self:
        return cls(_to_decimal(amount), currency.upper())

    @property
    def minor_unit(self) -> Decimal:
        return Decimal(1).scaleb(-get_currency_precision(self.currency))

    def rounded(self, rounding: str = ROUND_HALF_UP) -> Money:
        """Round to the currency's minor unit; half-up unless a rule says otherwise."""
        return Money(self.amount.quantize(self.minor_unit, rounding=rounding), self.currency)

    def _same_currency(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise MoneyError("Money can only be combined with money.")
        if other.currency != self.currency:
            raise MoneyError(f"Cannot combine {self.currency} with {other.currency} without a stated exchange rate.")

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float | Money):
            raise MoneyError("Money can only be multiplied by an exact decimal rate or a whole number.")
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount >= other.amount

    def format(self, locale: str = "en_US") -> str:
        """The amount as a person in ``locale`` writes it, with its currency (e.g. CHF 12’500.00)."""
        return str(format_currency(self.amount, self.currency, locale=locale, currency_digits=True))

    def __str__(self) -> str:
        return f"{self.currency} {self.rounded().amount:,}"


def marginal(amount: Money, bands: Sequence[tuple[Decimal, Decimal]]) -> Money:
    """A charge by marginal bands, rounded half-up to the currency's minor unit.

    ``bands`` are (threshold, rate) pairs, the rate a fraction (0.27 for 27%). Each rate applies
    only to the slice of ``amount`` above its threshold and up to the next band's threshold
    (inclusive), so a hammer of exactly a threshold is charged wholly at the band below it. The
    slices are summed exactly and the sum rounded once: a buyer's premium is rounded per lot.
    """
    total = Decimal(0)
    ordered = sorted(bands)
    for index, (threshold, rate) in enumerate(ordered):
        if amount.amount <= threshold:
            break
        ceiling = ordered[index + 1][0] if index + 1 < len(ordered) else None
        top = amount.amount if ceiling is None else min(amount.amount, ceiling)
        total += (top - threshold) * rate
    return Money(total, amount.currency).rounded()


def convert(amount: Money, rate: Decimal, currency: str) -> Money:
    """``amount`` in ``currency`` at ``rate`` (units of ``currency`` per unit of ``amount``'s),
    rounded half-up to ``currency``'s minor unit."""
    if isinstance(rate, float) or not isinstance(rate, Decimal) or not rate.is_finite() or rate <= 0:
        raise MoneyError("An exchange rate must be a positive exact decimal.")
    return Money.of(amount.amount * rate, currency).rounded()
