"""Typed text in, a library answer or a refusal on its field out: what every tool shares."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from parure.gemology.errors import GemologyError
from parure.research.errors import GemologyRefusal, ResearchErrorCode

type Typed = str | None
type FieldRules = Sequence[tuple[str, str]]


def is_blank(value: object) -> bool:
    """True for a field left empty: None, blank text, an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return all(is_blank(item) for item in value)
    return False


def plain(number: Decimal) -> Decimal:
    """``number`` without trailing zeros: 0.30 → 0.3, 150.0 → 150 (never in exponent form)."""
    normal = number.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def _require(values: Mapping[str, object], needed: Sequence[tuple[str, str]]) -> None:
    """Refuse, naming every empty field of ``needed`` (field, sentence); the first leads."""
    missing = [(field, sentence) for field, sentence in needed if is_blank(values.get(field))]
    if missing:
        (field, sentence), *others = missing
        raise GemologyRefusal(sentence, field=field, missing=True, others=tuple(others), code=ResearchErrorCode.INVALID)


def _refusal(
    error: GemologyError, rules: FieldRules, values: Mapping[str, object], default: str | None = None
) -> GemologyRefusal:
    """The library's refusal, placed on the field whose rule matches its sentence first."""
    message = str(error)
    field = next((name for pattern, name in rules if re.search(pattern, message)), default)
    if field is None:
        missing = all(is_blank(value) or isinstance(value, bool) for value in values.values())
    else:
        missing = is_blank(values.get(field))
    return GemologyRefusal(message, field=field, missing=missing, code=ResearchErrorCode.INVALID)


def _asking[T](rules: FieldRules, values: Mapping[str, object], ask: Callable[[], T], default: str | None = None) -> T:
    """Run ``ask``; a library refusal becomes a ``GemologyRefusal`` on its field."""
    try:
        return ask()
    except GemologyError as error:
        raise _refusal(error, rules, values, default) from None


def _on_field[T](field: str, values: Mapping[str, object], ask: Callable[[], T]) -> T:
    """Run ``ask``; any library refusal concerns ``field``."""
    return _asking((), values, ask, default=field)


def _stripped(value: Typed) -> str:
    return "" if value is None else value.strip()


def _optional(value: Typed) -> str | None:
    return None if is_blank(value) else _stripped(value)
