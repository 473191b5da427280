"""Reading a due-back time as said at the counter, in the office's time zone, and the page that takes it."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from parure.inventory.due_back import DueBackUnreadable, parse_due_back
from parure.inventory.models import Item
from tests.conftest import Cast
from tests.inventory import world

NEW_YORK = ZoneInfo("America/New_York")
GENEVA = ZoneInfo("Europe/Zurich")
# Tuesday 1 December 2026, 14:20 in New York (19:20 UTC).
NOW = datetime(2026, 12, 1, 19, 20, tzinfo=ZoneInfo("UTC"))
HOW = (
    "Write the due-back time as a date and time (2026-12-02 17:00), "
    "or as “today 18:30”, “tomorrow 17:00”, “in 2 days” or “friday 10:00”."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-02 17:00", datetime(2026, 12, 2, 17, 0, tzinfo=NEW_YORK)),
        ("2026-12-02T09:30", datetime(2026, 12, 2, 9, 30, tzinfo=NEW_YORK)),
        ("tomorrow 17:00", datetime(2026, 12, 2, 17, 0, tzinfo=NEW_YORK)),
        ("  Tomorrow   at 5pm ", datetime(2026, 12, 2, 17, 0, tzinfo=NEW_YORK)),
        ("today 18:30", datetime(2026, 12, 1, 18, 30, tzinfo=NEW_YORK)),
        ("tomorrow", datetime(2026, 12, 2, 17, 0, tzinfo=NEW_YORK)),
        ("in 2 days", datetime(2026, 12, 3, 17, 0, tzinfo=NEW_YORK)),
        ("in 1 day 10:15", datetime(2026, 12, 2, 10, 15, tzinfo=NEW_YORK)),
        ("in 3 hours", datetime(2026, 12, 1, 17, 20, tzinfo=NEW_YORK)),
        ("friday 10:00", datetime(2026, 12, 4, 10, 0, tzinfo=NEW_YORK)),
        ("Fri 9:30am", datetime(2026, 12, 4, 9, 30, tzinfo=NEW_YORK)),
        ("tuesday 18:00", datetime(2026, 12, 1, 18, 0, tzinfo=NEW_YORK)),  # today, still ahead
        ("tuesday 10:00", datetime(2026, 12, 8, 10, 0, tzinfo=NEW_YORK)),  # today's has passed
        ("monday", datetime(2026, 12, 7, 17, 0, tzinfo=NEW_YORK)),
    ],
)
def test_the_forms_a_person_says_are_read_in_the_office_zone(text: str, expected: datetime) -> None:
    assert parse_due_back(text, now=NOW, zone=NEW_YORK) == expected


def test_today_and_tomorrow_are_the_office_days_not_the_server_days() -> None:
    # 19:20 UTC is already 20:20 in Geneva; 00:30 UTC on the 2nd is still the 1st in New York.
    assert parse_due_back("tomorrow 17:00", now=NOW, zone=GENEVA) == datetime(2026, 12, 2, 17, 0, tzinfo=GENEVA)
    late = datetime(2026, 12, 2, 0, 30, tzinfo=ZoneInfo("UTC"))
    assert parse_due_back("tomorrow 17:00", now=late, zone=NEW_YORK) == datetime(2026, 12, 2, 17, 0, tzinfo=NEW_YORK)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter the due-back date and time."),
        ("next week sometime", f"“next week sometime” is not a time we can read. {HOW}"),
        ("2026-02-30 17:00", f"2026-02-30 is not a date on the calendar. {HOW}"),
        ("tomorrow 25:00", "“25:00” is not a time of day; write it as 17:00 or 5pm."),
        ("friday noonish", "“noonish” is not a time of day; write it as 17:00 or 5pm."),
    ],
)
def test_what_cannot_be_read_is_refused_with_a_sentence(text: str, message: str) -> None:
    with pytest.raises(DueBackUnreadable) as refused:
        parse_due_back(text, now=NOW, zone=NEW_YORK)
    assert refused.value.message == message


def test_the_check_out_page_takes_tomorrow_17_00_and_offers_a_picker(
    cast: Cast, ny: world.Places, ring: Item, client_for: Any
) -> None:
    from django.utils import timezone

    browser = client_for(cast.assistant)
    url = f"/inventory/items/{ring.stock_number}/check-out/"
    form = browser.get(url).content.decode()
    assert re.search(r'<input type="text" name="due_back" value="\d{4}-\d{2}-\d{2} 17:00"', form)
    assert (
        '<input type="datetime-local" name="due_back_picker" id="id_due_back_picker" class="due-back-picker" '
        'tabindex="-1" aria-label="Pick the due-back date and time" data-due-back-picker="id_due_back">'
    ) in form
    seq = world.fresh(ring).custody_seq
    unreadable = browser.post(url, {"to": ny.studio.pk, "due_back": "whenever", "expected_seq": seq})
    assert unreadable.status_code == 422
    assert f"“whenever” is not a time we can read. {HOW}" in unreadable.content.decode().replace("&#x27;", "'")
    assert world.fresh(ring).custody_seq == seq
    done = browser.post(url, {"to": ny.studio.pk, "due_back": "tomorrow 17:00", "expected_seq": seq})
    assert done.status_code == 302
    expected = parse_due_back("tomorrow 17:00", now=timezone.now(), zone=NEW_YORK)
    assert world.fresh(ring).due_back == expected


def test_a_time_picked_in_the_picker_wins_over_the_offered_text(
    cast: Cast, ny: world.Places, ring: Item, client_for: Any
) -> None:
    url = f"/inventory/items/{ring.stock_number}/check-out/"
    data = {
        "to": ny.studio.pk,
        "due_back": "2031-01-01 17:00",
        "due_back_picker": "2031-03-04T11:45",
        "expected_seq": world.fresh(ring).custody_seq,
    }
    assert client_for(cast.assistant).post(url, data).status_code == 302
    assert world.fresh(ring).due_back == datetime(2031, 3, 4, 11, 45, tzinfo=NEW_YORK)
