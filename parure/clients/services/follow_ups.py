"""Follow-ups: a task for one member of staff about a client and/or a piece; some recur."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from parure.clients.choices import Recurrence
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.limits import NOTES_MAX, bounded_text
from parure.clients.models import Client, FollowUp
from parure.clients.pieces import piece_number
from parure.clients.services.clients import _refuse_if_closed, _validate_choice
from parure.core.choices import Role
from parure.core.models import Staff


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(due_on: date, recurrence: str) -> date:
    """The next occurrence of a recurring follow-up (end of month stays end of month)."""
    if recurrence == Recurrence.WEEKLY:
        return due_on + timedelta(weeks=1)
    if recurrence == Recurrence.MONTHLY:
        return _add_months(due_on, 1)
    if recurrence == Recurrence.QUARTERLY:
        return _add_months(due_on, 3)
    if recurrence == Recurrence.YEARLY:
        return _add_months(due_on, 12)
    raise ValueError(f"{recurrence!r} does not recur")


@transaction.atomic
def follow_up_create(
    *,
    owner: Any,
    by: Staff,
    title: str,
    due_on: date,
    client: Client | None = None,
    stock_number: str = "",
    notes: str = "",
    recurrence: str = Recurrence.NONE,
    source_key: str | None = None,
) -> FollowUp:
    """Give ``owner`` a task due on ``due_on`` about a client and/or a piece."""
    if not title.strip():
        raise ClientError("Say what is to be done.", field="title", code=ClientErrorCode.TITLE_REQUIRED)
    if owner is None or not owner.is_active or owner.role not in (Role.SENIOR_SPECIALIST, Role.SPECIALIST_ASSISTANT):
        raise ClientError(
            "Follow-ups go to an active specialist or assistant.", field="owner", code=ClientErrorCode.BAD_OWNER
        )
    _validate_choice(recurrence or "", Recurrence, "recurrence", "recurrence")
    if client is not None:
        _refuse_if_closed(client)
    number = piece_number(stock_number, field="stock_number") if stock_number.strip() else ""
    return FollowUp.objects.create(
        owner=owner,
        title=title.strip()[:200],
        due_on=due_on,
        client=client,
        stock_number=number,
        notes=bounded_text(notes, limit=NOTES_MAX, field="notes", label="The follow-up's note"),
        recurrence=recurrence or "",
        created_by=by,
        source_key=source_key,
    )


@transaction.atomic
def follow_up_complete(*, follow_up: FollowUp, by: Staff) -> FollowUp | None:
    """Mark a follow-up done; a recurring one is followed by its next occurrence (returned),
    the first one after today if it was done late."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_at is not None:
        raise ClientError("This follow-up is already done.", code=ClientErrorCode.ALREADY_DONE)
    follow_up.done_at, follow_up.done_by = timezone.now(), by
    follow_up.save(update_fields=["done_at", "done_by"])
    if not follow_up.recurrence:
        return None
    today = timezone.localdate()
    due = next_due(follow_up.due_on, follow_up.recurrence)
    while due <= today:
        due = next_due(due, follow_up.recurrence)
    return FollowUp.objects.create(
        owner=follow_up.owner,
        title=follow_up.title,
        due_on=due,
        client=follow_up.client,
        stock_number=follow_up.stock_number,
        notes=follow_up.notes,
        recurrence=follow_up.recurrence,
        created_by=by,
    )


@transaction.atomic
def follow_up_reassign(*, follow_up: FollowUp, owner: Any, by: Staff) -> FollowUp:
    if owner is None or not owner.is_active or owner.role not in (Role.SENIOR_SPECIALIST, Role.SPECIALIST_ASSISTANT):
        raise ClientError(
            "Follow-ups go to an active specialist or assistant.", field="owner", code=ClientErrorCode.BAD_OWNER
        )
    if follow_up.done_at is not None:
        raise ClientError("This follow-up is already done.", code=ClientErrorCode.ALREADY_DONE)
    follow_up.owner = owner
    follow_up.save(update_fields=["owner"])
    return follow_up
