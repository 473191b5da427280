"""Filters for billing's pages: an amount in an invoice's currency as its office writes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from parure.core.money import Money

register = template.Library()


@register.filter
def money(amount: Decimal | None, invoice: Any) -> str:
    """``amount`` in ``invoice``'s currency and locale ("$9,000.00"); "—" for none."""
    if amount is None:
        return "—"
    return Money.of(amount, invoice.currency).format(invoice.locale)


@register.filter
def money_in(amount: Decimal | None, currency: str) -> str:
    """``amount`` in ``currency`` as the page's office writes it (en_US where none is known)."""
    if amount is None:
        return "—"
    return Money.of(amount, currency).format("en_US")


@register.filter
def plain(amount: Decimal, invoice: Any) -> str:
    """An amount as a form field takes it back, in the invoice currency's minor unit: 1250.00, no grouping."""
    return f"{Money.of(amount, invoice.currency).rounded().amount:f}"
