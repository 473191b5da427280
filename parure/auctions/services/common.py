"""What every auctions write checks first: the sale is not closed, text is bounded, money is money."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from parure.auctions.choices import SaleStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import Sale

AMOUNT_MAX = Decimal("999999999999.99")


def check_open(sale: Sale, action: str) -> None:
    """Refuse ``action`` on a closed sale: its record is final."""
    if sale.status == SaleStatus.CLOSED:
        raise AuctionError(
            f"Sale {sale.code} is closed; {action} is no longer possible. A result is corrected from the results page.",
            code=AuctionErrorCode.SALE_CLOSED,
        )


def bounded(value: str | None, *, limit: int, field: str, label: str, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise AuctionError(f"{label} is required.", field=field, code=AuctionErrorCode.REQUIRED)
    if len(text) > limit:
        raise AuctionError(
            f"{label} is {len(text)} characters long; keep it within {limit}.",
            field=field,
            code=AuctionErrorCode.TOO_LONG,
        )
    return text


def amount(value: object, *, field: str, label: str, required: bool = True, positive: bool = True) -> Decimal | None:
    """A money amount in the sale's currency, to the cent; None when not required and not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise AuctionError(f"{label} is required.", field=field, code=AuctionErrorCode.REQUIRED)
        return None
    if isinstance(value, (float, bool)):
        raise AuctionError(
            f"{label} must be an amount such as 12500.", field=field, code=AuctionErrorCode.INVALID_AMOUNT
        )
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        shown = str(value)[:20]
        raise AuctionError(
            f"{label} ‘{shown}’ is not an amount; give a number such as 12500.",
            field=field,
            code=AuctionErrorCode.INVALID_AMOUNT,
        ) from None
    # The size first: quantizing 1e999 to the cent overflows the context and raises.
    if not number.is_finite() or abs(number) > AMOUNT_MAX or number != number.quantize(Decimal("0.01")):
        raise AuctionError(
            f"{label} must be an amount to the cent, at most {AMOUNT_MAX:,.2f}.",
            field=field,
            code=AuctionErrorCode.INVALID_AMOUNT,
        )
    if positive and number <= 0:
        raise AuctionError(f"{label} must be more than nothing.", field=field, code=AuctionErrorCode.INVALID_AMOUNT)
    if number < 0:
        raise AuctionError(f"{label} cannot be negative.", field=field, code=AuctionErrorCode.INVALID_AMOUNT)
    return number.quantize(Decimal("0.01"))
