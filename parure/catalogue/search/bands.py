"""Price bands of the search's facet: where a piece's low estimate falls, in the piece's own currency.

The bands are data: :data:`BANDS` lists, per currency, the boundaries between bands (the low
estimate of the piece, or its high estimate when it has no low). Each boundary belongs to the band
above it (an estimate of exactly 5,000 is in "5,000–20,000"). A currency without a row, or a
piece without an estimate, has no band. Band keys are published in the API: keep them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Boundaries per currency, ascending. The four offices' currencies and the euro.
BANDS: dict[str, tuple[int, ...]] = {
    "USD": (5_000, 20_000, 100_000, 500_000),
    "GBP": (5_000, 20_000, 100_000, 500_000),
    "EUR": (5_000, 20_000, 100_000, 500_000),
    "CHF": (5_000, 20_000, 100_000, 500_000),
    "HKD": (40_000, 150_000, 800_000, 4_000_000),
}


@dataclass(frozen=True)
class Band:
    """One band: ``currency`` from ``low`` (inclusive) below ``high`` (None: no upper end)."""

    currency: str
    low: int | None
    high: int | None

    @property
    def key(self) -> str:
        """``USD:5000-20000``, ``USD:-5000``, ``USD:500000-``."""
        low = "" if self.low is None else str(self.low)
        high = "" if self.high is None else str(self.high)
        return f"{self.currency}:{low}-{high}"

    @property
    def label(self) -> str:
        """``USD 5,000–20,000``, ``Under USD 5,000``, ``USD 500,000 and above``."""
        if self.low is None:
            return f"Under {self.currency} {self.high:,}"
        if self.high is None:
            return f"{self.currency} {self.low:,} and above"
        return f"{self.currency} {self.low:,}–{self.high:,}"

    @property
    def order(self) -> tuple[str, int]:
        return (self.currency, -1 if self.low is None else self.low)


def bands(currency: str) -> tuple[Band, ...]:
    """The bands of ``currency`` in ascending order (none for a currency without a row)."""
    edges = BANDS.get(currency.upper())
    if not edges:
        return ()
    lows: list[int | None] = [None, *edges]
    highs: list[int | None] = [*edges, None]
    return tuple(Band(currency.upper(), low, high) for low, high in zip(lows, highs, strict=True))


def band_for(currency: str, low: Decimal | None, high: Decimal | None = None) -> Band | None:
    """The band an estimate falls in: by its low figure, else its high; None without either."""
    amount = low if low is not None else high
    if amount is None:
        return None
    for band in bands(currency):
        if (band.low is None or amount >= band.low) and (band.high is None or amount < band.high):
            return band
    return None


def band_named(key: str) -> Band | None:
    """The band with this key (as :attr:`Band.key` writes it), None if there is none."""
    currency, _, _ = key.partition(":")
    for band in bands(currency):
        if band.key == key:
            return band
    return None
