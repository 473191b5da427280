"""Which premium schedule a lot is charged by: the sale's own, or the one its exclusions name for the
lot's piece category (watches at a flat 20%, say).

A lot's category is its pieces' (read through ``inventory.queries``). A lot whose pieces are all of
categories the sale's schedule excludes, every one to the same schedule, is charged by that schedule; a
lot that mixes categories (a watch with a ring), or mixes excluded categories sent to different
schedules, is charged by the sale's own schedule: the exclusion is for lots of that kind, and the
catalogue says so. Clerking (the result's premium) and billing (the invoice's premium line, whose
snapshot names the schedule used) both ask here, so the two figures always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from parure.auctions.models import PremiumExclusion, PremiumSchedule, Sale
from parure.inventory import queries as inventory


@dataclass(frozen=True)
class AppliedSchedule:
    """The schedule a lot is charged by: its code, name and bands ((threshold, rate) rising), and the
    excluded category it was chosen for ("" when it is the sale's own schedule)."""

    code: str
    name: str
    bands: tuple[tuple[Decimal, Decimal], ...]
    category: str = ""


def applied(schedule: PremiumSchedule, category: str = "") -> AppliedSchedule:
    bands = tuple(sorted((band.threshold, band.rate) for band in schedule.bands.all()))
    return AppliedSchedule(code=schedule.code, name=schedule.name, bands=bands, category=category)


class SalePremiums:
    """A sale's schedule and its exclusions, read once; then any number of lots resolved without queries
    (but the one that reads the lots' categories)."""

    def __init__(self, sale: Sale) -> None:
        schedule = PremiumSchedule.objects.prefetch_related("bands").get(pk=sale.premium_schedule_id)
        self.own = applied(schedule)
        exclusions = PremiumExclusion.objects.filter(schedule=schedule).select_related("applies")
        instead: dict[int, AppliedSchedule] = {}
        self.excluded: dict[str, AppliedSchedule] = {}
        rows = list(exclusions.prefetch_related("applies__bands"))
        for row in rows:
            if row.applies_id not in instead:
                instead[row.applies_id] = applied(row.applies)
            self.excluded[row.category] = instead[row.applies_id]

    def for_categories(self, categories: Iterable[str]) -> AppliedSchedule:
        """The schedule for a lot whose pieces have these categories (one per piece)."""
        found = set(categories)
        if not found or not self.excluded or not found <= set(self.excluded):
            return self.own
        chosen = {self.excluded[category].code for category in found}
        if len(chosen) != 1:
            return self.own
        category = sorted(found)[0]
        picked = self.excluded[category]
        return AppliedSchedule(code=picked.code, name=picked.name, bands=picked.bands, category=category)

    def for_lots(self, pieces_by_lot: Mapping[int, Iterable[int]]) -> dict[int, AppliedSchedule]:
        """Each lot's schedule, by lot id, from its pieces' ids (one query for every lot's categories)."""
        wanted = {lot_id: list(item_ids) for lot_id, item_ids in pieces_by_lot.items()}
        if not self.excluded:
            return dict.fromkeys(wanted, self.own)
        categories = inventory.piece_categories(item_id for ids in wanted.values() for item_id in ids)
        return {
            lot_id: self.for_categories(categories[item_id] for item_id in ids if item_id in categories)
            for lot_id, ids in wanted.items()
        }


def sale_premiums(sale: Sale) -> SalePremiums:
    return SalePremiums(sale)


def schedule_for_lot(sale: Sale, item_ids: Iterable[int]) -> AppliedSchedule:
    """The schedule one lot of ``sale`` is charged by, from its pieces' ids."""
    return SalePremiums(sale).for_lots({0: list(item_ids)})[0]
