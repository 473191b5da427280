"""The due-back time as a person says it at the counter, read in the office's time zone.

Accepted (case and extra spaces do not matter):

- a date and time: ``2026-12-02 17:00`` (or the picker's ``2026-12-02T17:00``);
- ``today 18:30``, ``tomorrow 17:00``;
- ``in 2 days`` (at 17:00 unless a time follows: ``in 2 days 10:00``), ``in 3 hours``;
- a weekday: ``friday 10:00``, ``fri 10:00`` — the nearest such day whose time is still ahead
  (today counts).

A day without a time means 17:00, the hour the counter usually agrees. Times are ``17:00``,
``9:30``, ``5pm`` or ``5:30pm``. Anything else is refused with a sentence that shows the forms.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_TIME = time(17, 0)

HOW_TO_WRITE = (
    "Write the due-back time as a date and time (2026-12-02 17:00), "
    "or as “today 18:30”, “tomorrow 17:00”, “in 2 days” or “friday 10:00”."
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]+(.+))?$")
_TODAY = re.compile(r"^(today|tomorrow)(?:\s+(?:at\s+)?(.+))?$")
_IN_DAYS = re.compile(r"^in\s+(\d{1,3})\s+days?(?:\s+(?:at\s+)?(.+))?$")
_IN_HOURS = re.compile(r"^in\s+(\d{1,3})\s+hours?$")
_WEEKDAY = re.compile(r"^(?:next\s+)?([a-z]{3,9})(?:\s+(?:at\s+)?(.+))?$")
_TIME_24 = re.compile(r"^(\d{1,2})[:h.](\d{2})(?::(\d{2}))?$")
_TIME_12 = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$")


class DueBackUnreadable(ValueError):
    """The text is not a due-back time; ``message`` is the sentence to show beside the field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_due_back(text: str, *, now: datetime, zone: ZoneInfo) -> datetime:
    """``text`` as an aware datetime in ``zone``; ``now`` (aware) anchors today, tomorrow and weekdays."""
    words = " ".join(text.strip().lower().split())
    if not words:
        raise DueBackUnreadable("Enter the due-back date and time.")
    local_now = now.astimezone(zone)
    today = local_now.date()

    if match := _DATE.match(words):
        year, month, day, at = match.groups()
        try:
            on = date(int(year), int(month), int(day))
        except ValueError:
            raise DueBackUnreadable(f"{year}-{month}-{day} is not a date on the calendar. {HOW_TO_WRITE}") from None
        return _at(on, _time(at), zone)
    if match := _TODAY.match(words):
        word, at = match.groups()
        return _at(today + timedelta(days=1 if word == "tomorrow" else 0), _time(at), zone)
    if match := _IN_DAYS.match(words):
        days, at = match.groups()
        return _at(today + timedelta(days=int(days)), _time(at), zone)
    if match := _IN_HOURS.match(words):
        return (local_now + timedelta(hours=int(match.group(1)))).replace(second=0, microsecond=0)
    if (match := _WEEKDAY.match(words)) and (weekday := _weekday(match.group(1))) is not None:
        at_time = _time(match.group(2))
        ahead = (weekday - today.weekday()) % 7
        moment = _at(today + timedelta(days=ahead), at_time, zone)
        if moment <= local_now:
            moment = _at(today + timedelta(days=ahead or 7), at_time, zone)
        return moment
    raise DueBackUnreadable(f"“{text.strip()}” is not a time we can read. {HOW_TO_WRITE}")


def _weekday(word: str) -> int | None:
    for number, name in enumerate(WEEKDAYS):
        if name.startswith(word) and len(word) >= 3:
            return number
    return None


def _time(text: str | None) -> time:
    if text is None:
        return DEFAULT_TIME
    if match := _TIME_24.match(text):
        hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
    elif match := _TIME_12.match(text):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if 1 <= hour <= 12 and minute < 60:
            return time(hour % 12 + (12 if match.group(3) == "pm" else 0), minute)
    raise DueBackUnreadable(f"“{text}” is not a time of day; write it as 17:00 or 5pm.")


def _at(on: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(on, at, tzinfo=zone)
