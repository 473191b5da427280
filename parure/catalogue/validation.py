"""Validation flags on a catalogue record: derived from the record each time by registered rules,
open until corrected or overridden by a senior (a FlagAnswer for the flag's key and fingerprint).

Approval of the copy is refused while any flag is open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from parure.catalogue.models import CatalogueRecord, FlagAnswer


@dataclass(frozen=True)
class Flag:
    """One thing the record (or its copy) states that does not hold together."""

    key: str
    fingerprint: str
    field: str
    message: str


FlagRule = Callable[[CatalogueRecord], Iterable[Flag]]
_RULES: list[FlagRule] = []


def register_flag_rule(rule: FlagRule) -> FlagRule:
    """Add a rule (once) to those every record is checked against."""
    if rule not in _RULES:
        _RULES.append(rule)
    return rule


def raised_flags(record: CatalogueRecord) -> list[Flag]:
    return [flag for rule in _RULES for flag in rule(record)]


def open_flags(record: CatalogueRecord) -> list[Flag]:
    """The flags no senior has answered for the values they saw."""
    raised = raised_flags(record)
    if not raised:
        return []
    answered = set(FlagAnswer.objects.filter(record=record).values_list("key", "fingerprint"))
    return [flag for flag in raised if (flag.key, flag.fingerprint) not in answered]
