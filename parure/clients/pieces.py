"""The client book's one door to the inventory: stock numbers read with inventory's parser (the
check digit lives in one place), and pieces described through inventory's queries.

Clients never read inventory's tables: they hold stock numbers, and ask here.
"""

from __future__ import annotations

from parure.clients.errors import ClientError, ClientErrorCode
from parure.inventory.errors import StockNumberError
from parure.inventory.numbers import parse_stock_number


def piece_number(raw: str, *, field: str = "pieces") -> str:
    """A typed or scanned stock number in its printed form; a malformed or mistyped one is refused
    with inventory's sentence, under ``field`` of the client book's form."""
    try:
        return parse_stock_number(raw)
    except StockNumberError as refusal:
        raise ClientError(refusal.message, field=field, code=ClientErrorCode.INVALID_STOCK_NUMBER) from None
