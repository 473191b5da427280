"""Reads of carriers and insurance policies that pages, the API and the shipments area share."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.errors import ShippingError, ShippingErrorCode


def carriers(*, active_only: bool = False) -> QuerySet[Carrier]:
    rows = Carrier.objects.select_related("updated_by").order_by("name")
    return rows.filter(is_active=True) if active_only else rows


def carrier_by_pk(pk: int) -> Carrier:
    found = carriers().filter(pk=pk).first() if 0 < pk < 2**63 else None
    if found is None:
        raise ShippingError("No such carrier.", field="carrier", code=ShippingErrorCode.UNKNOWN_RECORD)
    return found


def carriers_for(office_country: str, destination_country: str) -> list[Carrier]:
    """The carriers in use that deliver from ``office_country`` to ``destination_country``: international
    ones for another country, and those whose list of countries names it (or that list none)."""
    rows = carriers(active_only=True)
    if office_country != destination_country:
        rows = rows.filter(international=True)
    # The countries are a JSON list; a list is short, so it is read here rather than by each database's
    # own JSON containment operator.
    return [carrier for carrier in rows if not carrier.countries or destination_country in carrier.countries]


def policies(*, active_only: bool = False) -> QuerySet[InsurancePolicy]:
    rows = InsurancePolicy.objects.select_related("office", "updated_by").order_by("insurer", "policy_number")
    return rows.filter(is_active=True) if active_only else rows


def policy_by_pk(pk: int) -> InsurancePolicy:
    found = policies().filter(pk=pk).first() if 0 < pk < 2**63 else None
    if found is None:
        raise ShippingError("No such insurance policy.", field="policy", code=ShippingErrorCode.UNKNOWN_RECORD)
    return found


def policy_for(*, office_id: int, level: str, on: date, currency: str) -> InsurancePolicy | None:
    """The policy in use that covers a shipment from the office by the service level on the day, in the
    currency; one written for the office is preferred over one for every office. None when none does."""
    rows = policies(active_only=True).filter(
        Q(office_id=office_id) | Q(office__isnull=True), currency=currency, valid_from__lte=on, valid_to__gte=on
    )
    found = [policy for policy in rows if not policy.levels or level in policy.levels]
    # The newest contract first when two overlap.
    found.sort(key=lambda policy: (policy.office_id is None, -policy.valid_from.toordinal(), policy.pk))
    return found[0] if found else None
