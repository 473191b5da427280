"""Today as an office reckons it: the date in the office's own time zone, not the server's (from the New
York evening the server's UTC date is already tomorrow). Every rule with a due date, a settlement period
or "not in the future" asks this."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone

from parure.core.models import Office


def office_today(office: Office) -> date:
    return timezone.localdate(timezone=ZoneInfo(office.time_zone))
