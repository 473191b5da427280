"""The reads that the aftercare pages, the API and "My day" share, and what a viewer sees of an order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from parure.core.models import Office
from parure.services.aftercare.choices import OPEN_STATUSES, AftercareKind, AftercareStatus
from parure.services.aftercare.models import AftercareEvent, AftercareOrder
from parure.services.aftercare.numbers import parse_order_number
from parure.services.errors import ServicesError, ServicesErrorCode

DUE_SOON_DAYS = 7


class DueFilter:
    OVERDUE = "overdue"
    WEEK = "week"
    CHOICES = ((OVERDUE, "Overdue"), (WEEK, "Due in 7 days or overdue"))


def orders() -> QuerySet[AftercareOrder]:
    """Every order with what a list shows of it (office, bench), in one query."""
    return AftercareOrder.objects.select_related("office", "bench", "bench__office")


def filtered(
    rows: QuerySet[AftercareOrder], *, kind: str = "", status: str = "", due: str = "", today: date, office: str = ""
) -> QuerySet[AftercareOrder]:
    """``rows`` narrowed by kind, status, due (overdue, or due within the week) and office code; an unknown
    value narrows nothing (the API refuses it first)."""
    if kind in AftercareKind.values:
        rows = rows.filter(kind=kind)
    if status == "open":
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif status in AftercareStatus.values:
        rows = rows.filter(status=status)
    if due == DueFilter.OVERDUE:
        rows = rows.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    elif due == DueFilter.WEEK:
        rows = rows.filter(status__in=OPEN_STATUSES, due_on__lte=today + timedelta(days=DUE_SOON_DAYS))
    if office:
        rows = rows.filter(office__code=office[:4].upper())
    return rows


def order_by_number(text: str) -> AftercareOrder:
    """The order with this number (a wrong check digit is refused, never looked up)."""
    number = parse_order_number(text)
    found = (
        AftercareOrder.objects.select_related(
            "office", "bench", "bench__office", "created_by", "appraiser", "proof_recorded_by"
        )
        .filter(number=number)
        .first()
    )
    if found is None:
        raise ServicesError(f"No post-sale order is numbered {number}.", field="number",
                            code=ServicesErrorCode.UNKNOWN_RECORD)  # fmt: skip
    return found


def history(order: AftercareOrder) -> QuerySet[AftercareEvent]:
    return order.events.select_related("by").order_by("seq")


def due_for_office(office: Office, *, today: date) -> QuerySet[AftercareOrder]:
    """The office's open orders due within the week or overdue, most overdue first ("My day")."""
    return (
        AftercareOrder.objects.filter(
            office=office, status__in=OPEN_STATUSES, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
        )
        .select_related("office")
        .order_by("due_on", "number")
    )


def orders_on_piece(item_id: int) -> QuerySet[AftercareOrder]:
    return AftercareOrder.objects.filter(item_id=item_id).order_by("-created_at")


@dataclass(frozen=True)
class AftercareViewer:
    """What one member of staff sees of orders: an appraisal's value only with ``inventory.view_valuations``."""

    user: Any

    @property
    def sees_values(self) -> bool:
        return bool(self.user.has_perm("inventory.view_valuations"))

    @property
    def may_manage(self) -> bool:
        return bool(self.user.has_perm("services.manage_aftercare"))

    @property
    def may_appraise(self) -> bool:
        return bool(self.user.has_perm("services.appraise_aftercare"))

    def appraised_value(self, order: AftercareOrder) -> Any:
        return order.appraised_value if self.sees_values else None


def is_overdue(order: AftercareOrder, today: date) -> bool:
    return order.status in OPEN_STATUSES and order.due_on < today


def open_filter() -> Q:
    return Q(status__in=OPEN_STATUSES)
