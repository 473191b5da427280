"""Compliance's named reads, for its pages, its API and the shipment checks."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from parure.shipping.compliance.models import ComplianceRule
from parure.shipping.errors import ShippingError, ShippingErrorCode


def in_force_on(on: date) -> Q:
    return Q(is_active=True, effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


def rules_in_force(on: date) -> list[ComplianceRule]:
    """The active rules in force on ``on`` (both dates inclusive), by code: one query."""
    return list(ComplianceRule.objects.filter(in_force_on(on)).order_by("code"))


def rules() -> QuerySet[ComplianceRule]:
    """Every rule, by kind then code."""
    return ComplianceRule.objects.order_by("kind", "code")


def rule_by_code(code: str) -> ComplianceRule:
    """The rule with ``code``, its change log (with who made each change) prefetched."""
    found = (
        ComplianceRule.objects.filter(code=code[:60].lower())
        .select_related("created_by", "updated_by")
        .prefetch_related("changes__by")
        .first()
    )
    if found is None:
        raise ShippingError(
            f"There is no export rule with the code ‘{code[:60]}’.", field="code", code=ShippingErrorCode.UNKNOWN_RECORD
        )
    return found
