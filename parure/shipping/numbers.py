"""Shipping's record numbers (``core.numbering.Series``): a shipment ``NY-SH-26-00012-4``, a carrier
pickup's manifest ``NY-PU-26-00003-1`` and an incident ``NY-SI-26-00001-7``; a number with a wrong check
digit is refused, never looked up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parure.core import numbering
from parure.shipping.errors import ShippingError, ShippingErrorCode


@dataclass(frozen=True)
class Series(numbering.Series):
    def refusal(self, message: str, *, field: str) -> ShippingError:
        return ShippingError(message, field=field, code=ShippingErrorCode.INVALID)


SHIPMENTS = Series("SH", "shipment", "a shipment number", "NY-SH-26-00012-4")
PICKUPS = Series("PU", "pickup", "a pickup manifest number", "NY-PU-26-00003-1")
INCIDENTS = Series("SI", "shipping-incident", "a shipping incident number", "NY-SI-26-00001-7")


def issue(series: Series, office_code: str, on: date) -> str:
    return series.issue(office_code=office_code, year=on.year)
