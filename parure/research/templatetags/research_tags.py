"""Filters for the gemology pages: figures printed as the library gives them, without exponents."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from parure.gemology.materials import Material
from parure.research import gemology_tools as tools

register = template.Library()


@register.filter
def plain(number: Decimal | None) -> str:
    """A Decimal without trailing zeros or exponent: 0.30 → "0.3", 150.0 → "150"."""
    if number is None:
        return ""
    return f"{tools.plain(number):f}"


@register.filter
def signed(number: Decimal) -> str:
    """A difference with its sign: +0.26, −0.41, 0.00."""
    if number > 0:
        return f"+{number}"
    if number < 0:
        return f"−{-number}"
    return str(number)


@register.filter
def constants(stone: Material) -> list[tuple[str, str]]:
    """A material's constants as (name, value) pairs."""
    return list(tools.properties_of(stone).items())


@register.filter
def tolerance(tolerances: dict[Any, Decimal], name: str) -> str:
    """The tolerance used for the property named ``name`` ("specific gravity")."""
    for prop, value in tolerances.items():
        if str(prop) == name or getattr(prop, "value", None) == name:
            return str(value)
    return ""


@register.filter
def ring_system(code: str) -> str:
    """A ring-size system's name as printed: "UK" → "UK / Australia"."""
    return tools.RING_SYSTEM_LABELS.get(code, code)


@register.filter
def laboratory_question(question: str) -> str:
    """The question a laboratory answers, without the refrain: "natural or synthetic"."""
    return question.replace(": needs a laboratory", "")
