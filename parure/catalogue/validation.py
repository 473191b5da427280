"""Validation flags: what the gemology library finds doubtful in a record, derived from the record
each time it is read (never stored), and answered by a senior specialist with a reason.

A :class:`Flag` has a ``key`` naming its rule and subject (``weight-vs-estimate:stone-2``), a
``fingerprint`` of the values it saw, a sentence, and the desk screen's ``field`` it sits beside.
It is answered when a :class:`FlagAnswer` holds the same key and fingerprint: change a value the
flag saw and it is raised again. :func:`open_flags` is what copy approval asks.

The record's own rules live here; other areas add theirs with :func:`register_flag_rule` (the
certificates' "report weight with no report", the copy's "copy states a figure the record does not
hold"). A rule takes the record and returns flags; the related rows it reads are named in
``prefetch`` so that a list of records computes every row's flags in a fixed number of queries.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parure.catalogue.choices import WeightBasis
from parure.catalogue.errors import CatalogueError
from parure.catalogue.models import CatalogueRecord, FlagAnswer
from parure.gemology import periods, ring_sizes
from parure.gemology.errors import GemologyError


@dataclass(frozen=True)
class Flag:
    key: str
    fingerprint: str
    message: str
    field: str
    answer: FlagAnswer | None = None

    @property
    def is_open(self) -> bool:
        return self.answer is None


FlagRule = Callable[[CatalogueRecord], Iterable[Flag]]


def fingerprint(*values: Any) -> str:
    """A stable digest of the values a rule judged."""
    return hashlib.sha256(json.dumps(list(values), sort_keys=True, default=str).encode()).hexdigest()


def make_flag(key: str, *, message: str, field: str, seen: Any) -> Flag:
    """A flag whose fingerprint is the hash of ``seen`` (the values the rule judged)."""
    return Flag(key=key, fingerprint=fingerprint(seen), message=message, field=field)


# --- The record's own rules -------------------------------------------------------------------


def _ct(value: Decimal | str) -> str:
    return f"{Decimal(value):.2f} ct"


def weight_against_estimate(record: CatalogueRecord) -> Iterable[Flag]:
    """A weight stated as estimated in the mounting that falls outside the library's estimate from
    the stone's measurements, range included (for a group, the weight of one stone)."""
    from parure.catalogue.services.records import stone_estimate

    for index, stone in enumerate(record.stones.all()):
        if stone.weight_basis != WeightBasis.ESTIMATED or stone.weight_ct is None:
            continue
        if stone.length_mm is None or stone.depth_mm is None or not (stone.shape or stone.cut):
            continue
        try:
            estimate = stone_estimate(
                stone_fields={
                    "species": stone.species,
                    "variety": stone.variety,
                    "cut": stone.cut,
                    "shape": stone.shape,
                    "length_mm": stone.length_mm,
                    "width_mm": stone.width_mm,
                    "depth_mm": stone.depth_mm,
                }
            )
        except CatalogueError:
            continue
        each = stone.weight_ct / stone.count
        low, high = Decimal(estimate["low"]), Decimal(estimate["high"])
        if low <= each <= high:
            continue
        stated = (
            _ct(stone.weight_ct) if stone.count == 1 else f"{_ct(stone.weight_ct)} for {stone.count}, {_ct(each)} each"
        )
        yield make_flag(
            f"weight-vs-estimate:stone-{index + 1}",
            message=(
                f"Stone {index + 1} is stated at {stated}, outside the estimate from its measurements: "
                f"{_ct(estimate['carats'])} ({estimate['low']}–{estimate['high']} ct, "
                f"±{estimate['precision_percent']}%)."
            ),
            field=f"stones-{index}-weight_ct",
            seen=[str(stone.weight_ct), stone.count, estimate["carats"], estimate["low"], estimate["high"]],
        )


def marks_against_fineness(record: CatalogueRecord) -> Iterable[Flag]:
    """A mark that reads another fineness, or another metal, than the metal row states."""
    from parure.catalogue.services.records import read_marks

    for index, metal in enumerate(record.metals.all()):
        problems = []
        for reading in read_marks(metal.marks).get("marks", []):
            if reading["fineness"] is not None and metal.fineness is not None and reading["fineness"] != metal.fineness:
                problems.append(f"‘{reading['text']}’ reads {reading['fineness']}, not the {metal.fineness} stated")
            elif reading["metals"] and metal.metal not in reading["metals"]:
                problems.append(
                    f"‘{reading['text']}’ is a mark for {' or '.join(reading['metals'])}, not {metal.metal}"
                )
        if problems:
            yield make_flag(
                f"mark-vs-fineness:metal-{index + 1}",
                message=f"Metal {index + 1}: the mark {'; '.join(problems)}.",
                field=f"metals-{index}-marks",
                seen=[metal.metal, metal.fineness, metal.marks],
            )


def _date_phrase(record: CatalogueRecord) -> str:
    if record.year_from is not None:
        years = str(record.year_from)
        if record.year_to is not None and record.year_to != record.year_from:
            years += f"-{record.year_to}"
        return f"circa {years}" if record.circa else years
    return record.date_text


def period_against_date(record: CatalogueRecord) -> Iterable[Flag]:
    """A period the record's date does not fall in (the library's period table, circa included)."""
    phrase = _date_phrase(record)
    if not record.period or not phrase:
        return
    try:
        dating = periods.periods_for(phrase)
        chosen = periods.period(record.period)
    except GemologyError:
        return
    if chosen.key in {match.period.key for match in dating.matches}:
        return
    found = ", ".join(match.period.name for match in dating.matches) or "no period in the table"
    yield make_flag(
        "period-vs-date:record",
        message=(
            f"The period {chosen.name} ({chosen.dates}) does not match the date {dating.span}, which falls in {found}."
        ),
        field="period",
        seen=[record.period, phrase],
    )


def ring_size_on_scale(record: CatalogueRecord) -> Iterable[Flag]:
    """A ring size that is not a size of its system."""
    if not record.ring_size or not record.ring_size_system:
        return
    try:
        ring_sizes.circumference_for(record.ring_size_system, record.ring_size)
    except GemologyError as refusal:
        yield make_flag(
            "ring-size:record",
            message=f"Ring size: {refusal}",
            field="ring_size",
            seen=[record.ring_size, record.ring_size_system],
        )


_RULES: list[FlagRule] = [weight_against_estimate, marks_against_fineness, period_against_date, ring_size_on_scale]
_PREFETCH: list[str] = ["metals", "stones", "flag_answers__by"]


def register_flag_rule(rule: FlagRule, *, prefetch: Iterable[str] = ()) -> None:
    """Add a rule from another area; ``prefetch`` names the record's relations it reads."""
    if rule not in _RULES:
        _RULES.append(rule)
    for lookup in prefetch:
        if lookup not in _PREFETCH:
            _PREFETCH.append(lookup)


def flag_prefetch() -> list[str]:
    """The relations every rule reads, for a query that computes many records' flags."""
    return list(_PREFETCH)


def flags(record: CatalogueRecord) -> list[Flag]:
    """Every flag raised on the record now, each with its answer if a senior has given one."""
    answers: dict[tuple[str, str], FlagAnswer] = {}
    for answer in sorted(record.flag_answers.all(), key=lambda row: row.at):
        answers[(answer.key, answer.fingerprint)] = answer
    raised = [flag for rule in _RULES for flag in rule(record)]
    return [
        Flag(flag.key, flag.fingerprint, flag.message, flag.field, answers.get((flag.key, flag.fingerprint)))
        for flag in raised
    ]


def open_flags(record: CatalogueRecord) -> list[Flag]:
    """The flags still to be answered (corrected, or overridden by a senior) before copy is approved."""
    return [flag for flag in flags(record) if flag.is_open]
