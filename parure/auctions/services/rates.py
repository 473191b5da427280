"""The day's exchange rates for the saleroom board: up to five currencies, each with the rate of one
unit of the sale's currency (``1 USD = 0.92 EUR``), entered together and replaced together."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from babel.numbers import list_currencies
from django.db import transaction
from django.utils import timezone

from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import ExchangeRate, Sale
from parure.auctions.services.common import check_open
from parure.core.models import Staff

RATES_MAX = 5
RATE_PLACES = Decimal("0.000001")
RATE_LIMIT = Decimal("99999999.999999")  # the column's 14 digits, 6 after the point


def _currency(text: object, *, row: int, sale: Sale) -> str:
    field = f"currency_{row}"
    code = str(text or "").strip().upper()[:12]
    if len(code) != 3 or not code.isalpha() or code not in list_currencies():
        raise AuctionError(
            f"Row {row}: ‘{code}’ is not an ISO 4217 currency code; give three letters such as EUR.",
            field=field,
            code=AuctionErrorCode.INVALID_CURRENCY,
        )
    if code == sale.currency:
        raise AuctionError(
            f"Row {row}: {code} is the sale's own currency; the board shows it already.",
            field=field,
            code=AuctionErrorCode.INVALID_CURRENCY,
        )
    return code


def _rate(text: object, *, row: int, code: str, sale: Sale) -> Decimal:
    field = f"rate_{row}"
    if isinstance(text, (float, bool)):
        raise AuctionError(
            f"Row {row}: the rate must be a decimal such as 0.92.", field=field, code=AuctionErrorCode.INVALID_AMOUNT
        )
    raw = str(text if text is not None else "").strip().replace(",", "")
    if not raw:
        raise AuctionError(f"Row {row}: the rate for {code} is required.", field=field, code=AuctionErrorCode.REQUIRED)
    try:
        rate = Decimal(raw[:40])
    except InvalidOperation:
        rate = Decimal("NaN")
    if not rate.is_finite() or len(raw) > 40:
        raise AuctionError(
            f"Row {row}: ‘{raw[:20]}’ is not a rate; give a decimal such as 0.92.",
            field=field,
            code=AuctionErrorCode.INVALID_AMOUNT,
        )
    if rate <= 0:
        raise AuctionError(
            f"Row {row}: the rate for {code} must be more than nothing.",
            field=field,
            code=AuctionErrorCode.INVALID_AMOUNT,
        )
    if rate > RATE_LIMIT or rate != rate.quantize(RATE_PLACES):
        raise AuctionError(
            f"Row {row}: the rate for {code} takes at most six decimal places and stays below 100,000,000.",
            field=field,
            code=AuctionErrorCode.INVALID_AMOUNT,
        )
    return rate.quantize(RATE_PLACES)


@transaction.atomic
def rates_set(*, sale: Sale, rates: Sequence[tuple[object, object]], by: Staff) -> list[ExchangeRate]:
    """Replace the sale's exchange rates with ``rates`` (currency, rate) in the order given; rows with
    neither a currency nor a rate are skipped. All or nothing: one refusal saves none of them."""
    sale = Sale.objects.select_for_update().get(pk=sale.pk)
    check_open(sale, "changing its exchange rates")
    given = [(row, currency, rate) for row, (currency, rate) in enumerate(rates, start=1)]
    given = [entry for entry in given if str(entry[1] or "").strip() or str(entry[2] or "").strip()]
    if len(given) > RATES_MAX:
        raise AuctionError(
            f"The board shows at most {RATES_MAX} currencies; {len(given)} were given.",
            field="rates",
            code=AuctionErrorCode.INVALID,
        )
    chosen: list[tuple[str, Decimal]] = []
    for row, currency, rate in given:
        code = _currency(currency, row=row, sale=sale)
        if code in {seen for seen, _ in chosen}:
            raise AuctionError(
                f"Row {row}: {code} is given twice; give each currency once.",
                field=f"currency_{row}",
                code=AuctionErrorCode.INVALID_CURRENCY,
            )
        chosen.append((code, _rate(rate, row=row, code=code, sale=sale)))
    ExchangeRate.objects.filter(sale=sale).delete()
    moment = timezone.now()
    return ExchangeRate.objects.bulk_create(
        [
            ExchangeRate(sale=sale, currency=code, rate=rate, position=position, entered_by=by, entered_at=moment)
            for position, (code, rate) in enumerate(chosen, start=1)
        ]
    )
