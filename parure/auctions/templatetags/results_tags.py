"""Filters for the results pages: money in the sale's currency, as the sale's office writes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from parure.core.money import Money

register = template.Library()


@register.filter
def money(amount: Decimal | None, sale: Any) -> str:
    """``amount`` in ``sale``'s currency for its office's locale ("$9,000.00"); "—" for none."""
    if amount is None:
        return "—"
    return Money.of(amount, sale.currency).format(sale.office.locale)


@register.filter
def pct(value: Decimal | None) -> str:
    """A percentage to one decimal ("66.7%"), or "—" when there is nothing to divide by."""
    return "—" if value is None else f"{value}%"
