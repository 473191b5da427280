"""The buyer's premium on a lot, by the sale's marginal schedule, with the schedule snapshotted.

Pure: it takes the hammer and the bands and returns the figure and what it came from, so an invoice
line reads the same forever, whatever later changes to the schedule. Rounded per lot, half-up to the
currency's minor unit (``core.money.marginal``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parure.core.money import Money, marginal


@dataclass(frozen=True)
class Premium:
    amount: Money
    snapshot: dict[str, Any]


def premium_for(
    hammer: Money, bands: Sequence[tuple[Decimal, Decimal]], *, schedule_code: str, schedule_name: str
) -> Premium:
    """The premium on ``hammer`` by ``bands`` ((threshold, rate) pairs, the rate a fraction)."""
    ordered = sorted(bands)
    return Premium(
        amount=marginal(hammer, ordered),
        snapshot={
            "schedule": schedule_code,
            "name": schedule_name,
            "currency": hammer.currency,
            "bands": [[str(threshold), str(rate)] for threshold, rate in ordered],
            "rounding": "per lot, half-up to the minor unit",
        },
    )
