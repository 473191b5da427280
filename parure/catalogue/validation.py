"""Validation flags on a catalogue record, derived from the record each time they are asked for.

A flag names what looks wrong, where (``field``), and the values it saw (``fingerprint``). A
senior answers one by overriding it with a reason (a :class:`FlagAnswer` with the same key and
fingerprint); a changed value makes a new fingerprint, so the flag is raised again. Each area of
the app adds its rules with :func:`register_flag_rule`: a rule takes the record and returns its
flags.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from parure.catalogue.models import CatalogueRecord


@dataclass(frozen=True)
class Flag:
    """One thing a specialist must correct, or a senior override with a reason."""

    key: str  # the rule and its subject: "certificate-weight:12"
    message: str
    field: str
    fingerprint: str
    answered: bool = False


def fingerprint(*values: Any) -> str:
    """A stable digest of the values a rule saw."""
    text = json.dumps([str(value) for value in values], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


FlagRule = Callable[[CatalogueRecord], Iterable[Flag]]
_rules: list[FlagRule] = []


def register_flag_rule(rule: FlagRule) -> FlagRule:
    """Add a rule (usable as a decorator); registering the same rule twice keeps one."""
    if rule not in _rules:
        _rules.append(rule)
    return rule


def flags(record: CatalogueRecord) -> list[Flag]:
    """Every flag of the record, each marked answered when a senior overrode it as it stands."""
    raised = [flag for rule in _rules for flag in rule(record)]
    answers = set(record.flag_answers.values_list("key", "fingerprint"))
    return [
        Flag(flag.key, flag.message, flag.field, flag.fingerprint, answered=(flag.key, flag.fingerprint) in answers)
        for flag in raised
    ]


def open_flags(record: CatalogueRecord) -> list[Flag]:
    """The flags nobody has answered: copy cannot be approved while there are any."""
    return [flag for flag in flags(record) if not flag.answered]
