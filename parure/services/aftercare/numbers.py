"""Post-sale order numbers, ``NY-AC-26-00012-4`` (``parure.services.numbers``)."""

from __future__ import annotations

from parure.services.numbers import Series

ORDERS = Series("AC", "services:aftercare", "a post-sale order number", "NY-AC-26-00012-4")


def issue_order_number(*, office_code: str, year: int) -> str:
    return ORDERS.issue(office_code=office_code, year=year)


def looks_like_order_number(text: str) -> bool:
    return ORDERS.looks_like(text)


def parse_order_number(text: str, *, field: str = "number") -> str:
    return ORDERS.parse(text, field=field)
