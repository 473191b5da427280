"""Provisional: replaced by the carriers area's queries."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.errors import ShippingError, ShippingErrorCode


def carriers(*, active_only: bool = False) -> QuerySet[Carrier]:
    rows = Carrier.objects.all()
    return rows.filter(is_active=True) if active_only else rows


def carrier_by_pk(pk: int) -> Carrier:
    found = Carrier.objects.filter(pk=pk).first()
    if found is None:
        raise ShippingError("No such carrier.", field="carrier_id", code=ShippingErrorCode.UNKNOWN_RECORD)
    return found


def carriers_for(office_country: str, destination_country: str) -> QuerySet[Carrier]:
    return Carrier.objects.filter(is_active=True)


def policy_for(*, office_id: int, level: str, on: date, currency: str) -> InsurancePolicy | None:
    return (
        InsurancePolicy.objects.filter(is_active=True, currency=currency, valid_from__lte=on, valid_to__gte=on)
        .filter(Q(office_id=office_id) | Q(office__isnull=True))
        .order_by("office_id")
        .first()
    )
