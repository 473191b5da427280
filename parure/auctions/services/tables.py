"""Increment tables and premium schedules: the data every sale's auctioneer and invoices use.

A table is a list of bands (from a start, a fixed step or a per-decade pattern such as "2,5,8"),
checked by building it into the engine's ladder, so a table the engine would refuse is never saved.
The standard ladder is made by code and cannot be edited. A table or schedule that a live or closed
sale uses is fixed: its figures are the record of that sale; make a new one instead.

Every change touches ``updated_at``: :func:`parure.auctions.execution.table_ladder` keeps each
table's ladder by it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from parure.auctions import engine
from parure.auctions.choices import SaleStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.execution import premium_on
from parure.auctions.models import IncrementBand, IncrementTable, PremiumBand, PremiumExclusion, PremiumSchedule, Sale
from parure.auctions.services.common import amount, bounded
from parure.core.models import Office, Staff
from parure.inventory.choices import ItemCategory

BANDS_MAX = 60
NOTES_MAX = 2000
FIXED_STATUSES = (SaleStatus.LIVE, SaleStatus.CLOSED)


@dataclass(frozen=True)
class BandRow:
    """One band as typed: its start, and a step or a pattern of endings ("2,5,8")."""

    start: str
    step: str = ""
    pattern: str = ""


@dataclass(frozen=True)
class PremiumRow:
    """One premium band as typed: the threshold and the rate as a percentage ("27" is 27%)."""

    threshold: str
    rate: str


@dataclass(frozen=True)
class ExclusionRow:
    """One exclusion as typed: the piece category (the inventory's: watch, loose_stone…) and the code of
    the schedule that applies to lots of it instead."""

    category: str
    applies: str


def _code(text: str) -> str:
    code = bounded(text, limit=40, field="code", label="The code", required=True).lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", code):
        raise AuctionError(
            f"‘{code}’ is not a code; use small letters, figures and hyphens, such as house-2027.",
            field="code",
            code=AuctionErrorCode.INVALID,
        )
    return code


def _dates(effective_from: object, effective_to: object) -> tuple[date, date | None]:
    if not isinstance(effective_from, date):
        raise AuctionError(
            "The date it is in force from is required.", field="effective_from", code=AuctionErrorCode.REQUIRED
        )
    if effective_to is not None and not isinstance(effective_to, date):
        raise AuctionError("The end date is not a date.", field="effective_to", code=AuctionErrorCode.INVALID)
    if effective_to is not None and effective_to < effective_from:
        raise AuctionError(
            f"The end date {effective_to:%d %B %Y} is before the start date {effective_from:%d %B %Y}.",
            field="effective_to",
            code=AuctionErrorCode.INVALID,
        )
    return effective_from, effective_to


def _pattern(text: str, number: int) -> tuple[int, ...]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or not all(part.isdigit() and len(part) == 1 for part in parts):
        shown = text[:20]
        raise AuctionError(
            f"Row {number}'s pattern ‘{shown}’ is not a list of endings from 1 to 9, such as 2,5,8.",
            field="bands",
            code=AuctionErrorCode.INVALID_TABLE,
        )
    return tuple(int(part) for part in parts)


def checked_bands(rows: Sequence[BandRow], *, name: str = "increment table") -> list[IncrementBand]:
    """The bands as they will be saved, refused with the engine's sentence if they make no ladder."""
    rows = [row for row in rows if (row.start or row.step or row.pattern).strip()]
    if len(rows) > BANDS_MAX:
        raise AuctionError(
            f"A table has at most {BANDS_MAX} bands.", field="bands", code=AuctionErrorCode.INVALID_TABLE
        )
    bands: list[IncrementBand] = []
    for number, row in enumerate(rows, start=1):
        start = amount(row.start, field="bands", label=f"Row {number}'s start")
        assert start is not None
        step = amount(row.step, field="bands", label=f"Row {number}'s step", required=False)
        pattern = row.pattern.strip()
        endings = _pattern(pattern, number) if pattern else None
        bands.append(
            IncrementBand(start=start, step=step, pattern=",".join(str(e) for e in endings) if endings else "")
        )
    try:
        engine.table_ladder(
            [
                engine.Band(
                    start=band.start,
                    step=band.step,
                    pattern=tuple(int(e) for e in band.pattern.split(",")) if band.pattern else None,
                )
                for band in bands
            ],
            name=name,
        )
    except engine.EngineError as refusal:
        raise AuctionError(str(refusal), field="bands", code=AuctionErrorCode.INVALID_TABLE) from None
    return bands


def checked_premium(rows: Sequence[PremiumRow]) -> list[PremiumBand]:
    """The premium bands: the first from 0, thresholds rising, each rate from 0 to 100%."""
    rows = [row for row in rows if (row.threshold or row.rate).strip()]
    if not rows:
        raise AuctionError(
            "A premium schedule needs at least one band, from 0.", field="bands", code=AuctionErrorCode.INVALID_TABLE
        )
    if len(rows) > BANDS_MAX:
        raise AuctionError(
            f"A schedule has at most {BANDS_MAX} bands.", field="bands", code=AuctionErrorCode.INVALID_TABLE
        )
    bands: list[PremiumBand] = []
    previous: Decimal | None = None
    for number, row in enumerate(rows, start=1):
        threshold = amount(row.threshold, field="bands", label=f"Row {number}'s threshold", positive=False)
        percent = amount(row.rate, field="bands", label=f"Row {number}'s rate", positive=False)
        assert threshold is not None and percent is not None
        if number == 1 and threshold != 0:
            raise AuctionError(
                f"The first band starts at {threshold:,.2f}; it must start at 0 so every hammer has a rate.",
                field="bands",
                code=AuctionErrorCode.INVALID_TABLE,
            )
        if previous is not None and threshold <= previous:
            raise AuctionError(
                f"Row {number}'s threshold {threshold:,.2f} is not above the previous row's {previous:,.2f};"
                " list the bands in rising order.",
                field="bands",
                code=AuctionErrorCode.INVALID_TABLE,
            )
        if percent > 100:
            raise AuctionError(
                f"Row {number}'s rate {percent}% is above 100%; give a percentage such as 27.",
                field="bands",
                code=AuctionErrorCode.INVALID_TABLE,
            )
        bands.append(PremiumBand(threshold=threshold, rate=(percent / 100).quantize(Decimal("0.0001"))))
        previous = threshold
    return bands


def _check_free(record: IncrementTable | PremiumSchedule, what: str) -> None:
    if isinstance(record, IncrementTable):
        if record.standard:
            raise AuctionError(
                "The standard increments are made by code and cannot be edited; make a new table instead.",
                code=AuctionErrorCode.INVALID_TABLE,
            )
        fixed = Sale.objects.filter(increment_table=record, status__in=FIXED_STATUSES).order_by("code").first()
    else:
        # A schedule other schedules send a category to is the record of their sales too.
        fixed = (
            Sale.objects.filter(
                Q(premium_schedule=record) | Q(premium_schedule__exclusions__applies=record),
                status__in=FIXED_STATUSES,
            )
            .order_by("code")
            .first()
        )
    if fixed is not None:
        raise AuctionError(
            f"Sale {fixed.code} ({fixed.get_status_display().lower()}) uses this {what}; it can no longer change."
            f" Make a new {what} instead.",
            code=AuctionErrorCode.SALE_STATUS,
        )


def is_fixed(record: IncrementTable | PremiumSchedule) -> bool:
    """Whether the record can no longer change (standard, or used by a live or closed sale)."""
    try:
        _check_free(record, "table")
    except AuctionError:
        return True
    return False


@transaction.atomic
def increment_table_save(
    *,
    by: Staff,
    name: str,
    effective_from: object,
    bands: Sequence[BandRow],
    table: IncrementTable | None = None,
    code: str = "",
    effective_to: object = None,
    notes: str = "",
) -> IncrementTable:
    """Create a table (``code`` given) or change ``table``: its name, dates, notes and bands."""
    if table is not None:
        table = IncrementTable.objects.select_for_update().get(pk=table.pk)
        _check_free(table, "increment table")
    else:
        table = IncrementTable(code=_code(code), standard=False)
    table.name = bounded(name, limit=120, field="name", label="The name", required=True)
    table.effective_from, table.effective_to = _dates(effective_from, effective_to)
    table.notes = bounded(notes, limit=NOTES_MAX, field="notes", label="The notes")
    rows = checked_bands(bands, name=table.name)
    table.updated_at = timezone.now()
    table.updated_by = by
    try:
        with transaction.atomic():
            table.save()
    except IntegrityError:
        raise AuctionError(
            f"A table with code {table.code} exists already.", field="code", code=AuctionErrorCode.INVALID
        ) from None
    table.bands.all().delete()
    for band in rows:
        band.table = table
    IncrementBand.objects.bulk_create(rows)
    return table


def _schedule_currency(text: object) -> str:
    currency = str(text or "").strip().upper()[:12]
    if not currency:
        raise AuctionError(
            "Give the currency the schedule's thresholds are in, such as USD.",
            field="currency",
            code=AuctionErrorCode.REQUIRED,
        )
    if len(currency) != 3 or not currency.isalpha() or not currency.isascii():
        raise AuctionError(
            f"‘{currency}’ is not a currency code; give three letters such as USD.",
            field="currency",
            code=AuctionErrorCode.INVALID_CURRENCY,
        )
    return currency


def _check_saleroom_kept(schedule: PremiumSchedule, office: Office, currency: str) -> None:
    """An open sale, or a schedule that sends a category here, holds the saleroom and currency in place."""
    if schedule.pk is None or (schedule.office_id == office.pk and schedule.currency == currency):
        return
    user = (
        Sale.objects.filter(Q(premium_schedule=schedule) | Q(premium_schedule__exclusions__applies=schedule))
        .order_by("code")
        .first()
    )
    if user is not None:
        raise AuctionError(
            f"Sale {user.code} uses this schedule in {schedule.currency}; its saleroom and currency stay as"
            " they are. Make a new schedule for another saleroom or currency.",
            field="office",
            code=AuctionErrorCode.INVALID_TABLE,
        )
    sender = schedule.applied_for.select_related("schedule").order_by("schedule__code").first()
    if sender is not None:
        raise AuctionError(
            f"The schedule ‘{sender.schedule.name}’ sends {sender.category} lots to this one; its saleroom and"
            " currency stay as they are.",
            field="office",
            code=AuctionErrorCode.INVALID_TABLE,
        )


def checked_exclusions(
    schedule: PremiumSchedule, rows: Sequence[ExclusionRow], *, office: Office, currency: str
) -> list[PremiumExclusion]:
    """The exclusions as they will be saved: a known category once each, sent to another schedule of the
    same saleroom and currency that excludes nothing itself."""
    rows = [row for row in rows if (row.category or row.applies).strip()]
    if len(rows) > len(ItemCategory.choices):
        raise AuctionError("A schedule excludes each category at most once.", field="exclusions",
                           code=AuctionErrorCode.INVALID_TABLE)  # fmt: skip
    if rows and schedule.pk is not None and schedule.applied_for.exists():
        sender = schedule.applied_for.select_related("schedule").order_by("schedule__code").first()
        assert sender is not None
        raise AuctionError(
            f"The schedule ‘{sender.schedule.name}’ sends {sender.category} lots to this one, so it may not"
            " exclude categories itself.",
            field="exclusions",
            code=AuctionErrorCode.INVALID_TABLE,
        )
    made: list[PremiumExclusion] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        category = row.category.strip().lower()[:20]
        if category not in ItemCategory.values:
            raise AuctionError(f"Exclusion {number}: ‘{category}’ is not a piece category.", field="exclusions",
                               code=AuctionErrorCode.INVALID_TABLE)  # fmt: skip
        label = ItemCategory(category).label.lower()
        if category in seen:
            raise AuctionError(f"Exclusion {number}: {label} is excluded twice; list each category once.",
                               field="exclusions", code=AuctionErrorCode.INVALID_TABLE)  # fmt: skip
        seen.add(category)
        code = row.applies.strip().lower()[:40]
        if not code:
            raise AuctionError(f"Exclusion {number}: name the schedule that applies to {label} lots instead.",
                               field="exclusions", code=AuctionErrorCode.REQUIRED)  # fmt: skip
        if code == schedule.code:
            raise AuctionError(f"Exclusion {number}: a schedule cannot send {label} lots to itself.",
                               field="exclusions", code=AuctionErrorCode.INVALID_TABLE)  # fmt: skip
        instead = PremiumSchedule.objects.filter(code=code).first()
        if instead is None:
            raise AuctionError(f"Exclusion {number}: no premium schedule has code {code}.", field="exclusions",
                               code=AuctionErrorCode.UNKNOWN_TABLE)  # fmt: skip
        if instead.office_id != office.pk or instead.currency != currency:
            raise AuctionError(
                f"Exclusion {number}: ‘{instead.name}’ is not a schedule of {office.name} in {currency}.",
                field="exclusions",
                code=AuctionErrorCode.INVALID_TABLE,
            )
        if instead.exclusions.exists():
            raise AuctionError(
                f"Exclusion {number}: ‘{instead.name}’ excludes categories itself; send {label} lots to a"
                " schedule that applies to them as it stands.",
                field="exclusions",
                code=AuctionErrorCode.INVALID_TABLE,
            )
        made.append(PremiumExclusion(category=category, applies=instead))
    return made


@transaction.atomic
def premium_schedule_save(
    *,
    by: Staff,
    name: str,
    effective_from: object,
    bands: Sequence[PremiumRow],
    office: Office | None,
    currency: str,
    schedule: PremiumSchedule | None = None,
    code: str = "",
    effective_to: object = None,
    notes: str = "",
    exclusions: Sequence[ExclusionRow] | None = None,
) -> PremiumSchedule:
    """Create a schedule (``code`` given) or change ``schedule``: its saleroom and currency, name, dates,
    notes, bands and exclusions (``None`` keeps a schedule's exclusions as they are)."""
    if schedule is not None:
        schedule = PremiumSchedule.objects.select_for_update().get(pk=schedule.pk)
        _check_free(schedule, "premium schedule")
    else:
        schedule = PremiumSchedule(code=_code(code))
    if office is None:
        raise AuctionError("Choose the saleroom the schedule is for.", field="office", code=AuctionErrorCode.REQUIRED)
    currency = _schedule_currency(currency)
    _check_saleroom_kept(schedule, office, currency)
    schedule.office, schedule.currency = office, currency
    schedule.name = bounded(name, limit=120, field="name", label="The name", required=True)
    schedule.effective_from, schedule.effective_to = _dates(effective_from, effective_to)
    schedule.notes = bounded(notes, limit=NOTES_MAX, field="notes", label="The notes")
    rows = checked_premium(bands)
    excluded = (
        checked_exclusions(schedule, exclusions, office=office, currency=currency) if exclusions is not None else None
    )
    schedule.updated_at = timezone.now()
    schedule.updated_by = by
    try:
        with transaction.atomic():
            schedule.save()
    except IntegrityError:
        raise AuctionError(
            f"A schedule with code {schedule.code} exists already.", field="code", code=AuctionErrorCode.INVALID
        ) from None
    schedule.bands.all().delete()
    for band in rows:
        band.schedule = schedule
    PremiumBand.objects.bulk_create(rows)
    if excluded is not None:
        schedule.exclusions.all().delete()
        for exclusion in excluded:
            exclusion.schedule = schedule
        PremiumExclusion.objects.bulk_create(excluded)
    return schedule


# --- What the pages show of a table or schedule ---------------------------------------------------
def steps_from(ladder: engine.Ladder, start: Decimal, count: int) -> list[Decimal]:
    """``count`` steps of the ladder from ``start`` (``start`` itself first when it is a step)."""
    value = ladder.round_down(start) if start >= ladder.first else ladder.first
    if value < start:
        value = ladder.next_bid(value)
    steps = [value]
    while len(steps) < count:
        steps.append(ladder.next_bid(steps[-1]))
    return steps


def premium_example(schedule: PremiumSchedule, hammer: Decimal, bands: Sequence[PremiumBand] | None = None) -> str:
    """The premium on ``hammer`` band by band: "On a hammer of 1,500,000: 270,000 + 110,000 = 380,000"."""
    rows = sorted((band.threshold, band.rate) for band in (bands if bands is not None else schedule.bands.all()))
    parts: list[Decimal] = []
    for index, (threshold, rate) in enumerate(rows):
        if hammer <= threshold:
            break
        ceiling = rows[index + 1][0] if index + 1 < len(rows) else None
        top = hammer if ceiling is None else min(hammer, ceiling)
        parts.append(premium_on(top - threshold, [(Decimal(0), rate)]))
    total = premium_on(hammer, rows)
    return f"On a hammer of {_figure(hammer)}: {' + '.join(_figure(part) for part in parts) or '0'} = {_figure(total)}"


def _figure(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
