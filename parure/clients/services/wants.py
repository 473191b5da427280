"""Clients' wants: what they are looking for, in the vocabularies matching uses."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import list_currencies
from django.db import transaction

from parure.clients.choices import Category, Colour, Period, RingSizeSystem, Stone
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.models import Client, Want
from parure.clients.normalise import maker_key, ring_size_to_mm
from parure.clients.services.clients import _refuse_if_closed
from parure.core.models import Staff


def _keys(values: Iterable[str], vocabulary: Any, field: str, what: str) -> list[str]:
    keys = sorted({v.strip() for v in values if v and v.strip()})
    for key in keys:
        if key not in vocabulary.values:
            raise ClientError(f"‘{key}’ is not a {what} we record.", field=field, code=ClientErrorCode.INVALID_CHOICE)
    return keys


def _amount(value: Decimal | str | int | None, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ClientError(
            "Give the amount as a number, e.g. 25000.", field=field, code=ClientErrorCode.INVALID
        ) from None
    if not amount.is_finite() or amount < 0:
        raise ClientError("Give an amount of zero or more.", field=field, code=ClientErrorCode.INVALID)
    return amount.quantize(Decimal("0.01"))


def _clean(
    *,
    categories: Iterable[str],
    stones: Iterable[str],
    colours: Iterable[str],
    makers: Iterable[str],
    periods: Iterable[str],
    currency: str,
    price_min: Decimal | str | int | None,
    price_max: Decimal | str | int | None,
    ring_size: str,
    ring_size_system: str,
) -> dict[str, Any]:
    low, high = _amount(price_min, "price_min"), _amount(price_max, "price_max")
    currency = (currency or "").strip().upper()
    if (low is not None or high is not None) and not currency:
        raise ClientError(
            "Give the currency of the price range.", field="currency", code=ClientErrorCode.CURRENCY_REQUIRED
        )
    if currency and currency not in list_currencies():
        raise ClientError(
            f"‘{currency}’ is not an ISO 4217 currency code such as USD.",
            field="currency",
            code=ClientErrorCode.INVALID,
        )
    if low is not None and high is not None and low > high:
        raise ClientError(
            "The lowest price is above the highest.", field="price_min", code=ClientErrorCode.PRICE_RANGE_REVERSED
        )
    ring_mm = ring_size_to_mm(ring_size, ring_size_system or RingSizeSystem.US) if ring_size.strip() else None
    maker_keys = sorted({maker_key(m) for m in makers if m and m.strip()})
    return {
        "categories": _keys(categories, Category, "categories", "category"),
        "stones": _keys(stones, Stone, "stones", "stone"),
        "colours": _keys(colours, Colour, "colours", "colour"),
        "makers": maker_keys,
        "periods": _keys(periods, Period, "periods", "period"),
        "currency": currency if (low is not None or high is not None) else "",
        "price_min": low,
        "price_max": high,
        "ring_size_mm": ring_mm,
    }


@transaction.atomic
def want_create(
    *,
    client: Client,
    by: Staff,
    description: str = "",
    categories: Iterable[str] = (),
    stones: Iterable[str] = (),
    colours: Iterable[str] = (),
    makers: Iterable[str] = (),
    periods: Iterable[str] = (),
    currency: str = "",
    price_min: Decimal | str | int | None = None,
    price_max: Decimal | str | int | None = None,
    ring_size: str = "",
    ring_size_system: str = RingSizeSystem.US,
) -> Want:
    """Record what a client is looking for. A ring size is given in any system and kept in mm."""
    _refuse_if_closed(client)
    values = _clean(
        categories=categories, stones=stones, colours=colours, makers=makers, periods=periods,
        currency=currency, price_min=price_min, price_max=price_max, ring_size=ring_size,
        ring_size_system=ring_size_system,
    )  # fmt: skip
    if not description.strip() and not any(values[k] for k in ("categories", "stones", "colours", "makers", "periods")):
        raise ClientError(
            "Say what the client is looking for: a description, or at least one category, stone, colour, maker "
            "or period.",
            field="description",
            code=ClientErrorCode.WANT_EMPTY,
        )
    return Want.objects.create(client=client, description=description.strip()[:200], created_by=by, **values)


@transaction.atomic
def want_close(*, want: Want, by: Staff) -> Want:
    """The client no longer looks for this (found it, changed their mind); kept for the record."""
    want.is_active = False
    want.save(update_fields=["is_active"])
    return want
