"""The ledger is append-only in the database, and verify catches tampering done anyway.

Tampering is done as an attacker with database access would: drop the guard, change rows with
SQL. Each tampering happens inside a savepoint that is rolled back, guard included.
"""

from __future__ import annotations

import io
import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.db import IntegrityError, InternalError, OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parure.core.db import install_append_only, remove_append_only
from parure.core.models import Office, Staff
from parure.inventory import checks, ledger, ledger_keys, ledger_verify, services, tasks
from parure.inventory.errors import CustodyError
from parure.inventory.guards import ReleaseOverride
from parure.inventory.models import ConsignmentReceipt, CustodyEvent, Item, LedgerHead, LedgerSpan, Location
from tests.conftest import Cast
from tests.inventory import world

TABLE = "inventory_custodyevent"
TEXT_COLUMNS = ("kind", "counterpart", "reason", "purpose", "tracking_number", "cause", "prev_link", "link")


@pytest.fixture
def history(cast: Cast, places: dict[str, world.Places], client_file: Any) -> list[CustodyEvent]:
    """Ten events of every common kind over three pieces in two offices."""
    ny = places["NY"]
    ring, brooch, tiara = world.take_in(
        cast.senior,
        client_file,
        world.piece(),
        world.piece("Diamond clip brooch", category="brooch"),
        world.piece("Diamond tiara", "250000", category="tiara"),
    )
    services.item_move(item=ring, to=ny.tray1, by=cast.assistant, reason="Into the vault")
    services.item_check_out(item=ring, to=ny.studio, by=cast.assistant, due_back=world.tomorrow(), counterpart="Anna")
    services.item_return(item=ring, by=cast.assistant)
    services.item_transfer_out(
        item=brooch,
        destination=Office.objects.get(code="GE"),
        carrier="Malca-Amit",
        tracking_number="77",
        by=cast.logistics,
    )
    services.item_transfer_receive(item=brooch, to=places["GE"].tray1, by=cast["camille"])
    services.item_release(
        item=tiara,
        cause="invoice:NY-I-26-00001-3",
        by=cast.senior,
        witness=world.witness(cast["sofia"], cast.senior),
        override=ReleaseOverride(by=cast.senior, reason="Paid at the counter; the bank's confirmation follows."),
    )
    services.event_correct(
        event=CustodyEvent.objects.get(kind="release"), to=ny.tray2, by=cast.senior, reason="Invoice not yet paid"
    )
    events = list(CustodyEvent.objects.order_by("seq"))
    assert len(events) == 10 and ledger.verify().ok
    return events


@contextmanager
def tampering() -> Iterator[Any]:
    """Drop the guard and hand out a cursor; everything is rolled back afterwards."""
    savepoint = transaction.savepoint_create()
    try:
        remove_append_only(TABLE)
        with connection.cursor() as cursor:
            yield cursor
    finally:
        transaction.savepoint_rollback(savepoint)


def _set(cursor: Any, seq: int, column: str, value: Any) -> None:
    cursor.execute(f"UPDATE {TABLE} SET {column} = %s WHERE seq = %s", [value, seq])  # noqa: S608 - column from a fixed list


def _flip(text: str, position: int) -> str:
    if not text:
        return "x"
    data = bytearray(text.encode("utf-8"))
    index = position % len(data)
    data[index] ^= 0x01 if data[index] < 0x80 else 0x00
    if bytes(data) == text.encode("utf-8"):
        data.append(0x78)
    return data.decode("utf-8")


def _fails_at(seq: int) -> ledger.Verification:
    result = ledger.verify()
    assert not result.ok
    assert result.problem_seq == seq, result.problem
    assert f"event {seq}" in result.problem.lower() or f"events after {seq - 1}" in result.problem
    return result


# --- The database refuses changes ---------------------------------------------------------------


def test_the_database_refuses_to_update_or_delete_ledger_events(cast: Cast, ring: Item) -> None:
    event = ring.custody_events.get()
    attempts = [
        lambda: CustodyEvent.objects.filter(pk=event.pk).update(reason="rewritten"),
        lambda: CustodyEvent.objects.filter(pk=event.pk).delete(),
        lambda: ConsignmentReceipt.objects.filter(consignment=ring.consignment).update(reason="rewritten"),
        lambda: ConsignmentReceipt.objects.filter(consignment=ring.consignment).delete(),
    ]
    for attempt in attempts:
        with (
            pytest.raises((IntegrityError, InternalError, OperationalError), match="append-only"),
            transaction.atomic(),
        ):
            attempt()
    event.refresh_from_db()
    assert event.reason == "Received from the consignor" and ledger.verify().ok


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_truncate_the_ledger_on_postgresql(
    transactional_db: Any, cast: Cast, ring: Item
) -> None:
    # Committed rows: PostgreSQL will not truncate a table with trigger events pending in the same transaction.
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE exists on PostgreSQL only.")
    with (
        pytest.raises((IntegrityError, InternalError, OperationalError), match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"TRUNCATE {TABLE} CASCADE")
    assert CustodyEvent.objects.count() == 1


# --- Verify -------------------------------------------------------------------------------------


def test_verify_passes_and_reports_the_head(history: list[CustodyEvent]) -> None:
    result = ledger.verify()
    last = history[-1]
    assert (result.ok, result.events, result.items, result.head_seq, result.head_link) == (
        True,
        10,
        3,
        last.seq,
        last.link,
    )
    assert ledger.verify(expected_head=(history[4].seq, history[4].link)).ok


@pytest.mark.parametrize(
    "column",
    [
        *TEXT_COLUMNS,
        "at",
        "due_back",
        "item_id",
        "from_location_id",
        "to_location_id",
        "staff_id",
        "witness_id",
        "counterpart_client_id",
        "destination_id",
        "corrects_id",
    ],
)
def test_changing_any_column_of_any_event_names_that_event(history: list[CustodyEvent], column: str) -> None:
    other_item = Item.objects.exclude(pk=history[0].item_id).values_list("pk", flat=True).first()
    places = list(Location.objects.values_list("pk", flat=True))
    staff = list(Staff.objects.values_list("pk", flat=True))
    for event in history:
        value = getattr(event, column)
        if column in TEXT_COLUMNS:
            changed: Any = _flip(value, 3)
        elif column in ("at", "due_back"):
            changed = connection.ops.adapt_datetimefield_value((value or event.at) + timedelta(microseconds=1))
        elif column == "item_id":
            changed = other_item if value != other_item else history[-1].item_id
        elif column in ("from_location_id", "to_location_id"):
            changed = next(pk for pk in places if pk != value)
        elif column in ("staff_id", "witness_id"):
            changed = next(pk for pk in staff if pk != value)
        elif column == "counterpart_client_id":
            changed = None if value is not None else event.item.consignment.consignor_id  # type: ignore[union-attr]
        elif column == "destination_id":
            changed = Office.objects.exclude(pk=value).values_list("pk", flat=True).first()
        else:  # corrects_id
            changed = history[0].seq if value != history[0].seq else None
        with tampering() as cursor:
            _set(cursor, event.seq, column, changed)
            _fails_at(event.seq)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, 9), column=st.sampled_from(TEXT_COLUMNS), position=st.integers(0, 200))
def test_flipping_any_byte_of_any_stored_event_is_caught_at_that_event(
    history: list[CustodyEvent], index: int, column: str, position: int
) -> None:
    event = history[index]
    with tampering() as cursor:
        _set(cursor, event.seq, column, _flip(getattr(event, column), position))
        _fails_at(event.seq)
    assert ledger.verify().ok


def test_deleting_any_event_names_it(history: list[CustodyEvent]) -> None:
    for event in history:
        with tampering() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE seq = %s", [event.seq])  # noqa: S608
            result = _fails_at(event.seq)
            if event is history[0]:
                assert result.problem == "Event 1 is missing: the ledger starts at event 2."


def test_inserting_an_event_names_it(history: list[CustodyEvent]) -> None:
    template = history[3]
    fields = [f.column for f in CustodyEvent._meta.concrete_fields if f.column != "id"]
    placeholders = ", ".join(["%s"] * len(fields))
    values = [getattr(template, f.attname) for f in CustodyEvent._meta.concrete_fields if f.column != "id"]
    values = [connection.ops.adapt_datetimefield_value(v) if hasattr(v, "tzinfo") else v for v in values]
    insert = f"INSERT INTO {TABLE} ({', '.join(fields)}) VALUES ({placeholders})"  # noqa: S608
    at_end = history[-1].seq + 1
    with tampering() as cursor:
        row = dict(zip(fields, values, strict=True))
        row.update(seq=at_end, prev_link=history[-1].link, link="f" * 64, reason="Forged")
        cursor.execute(insert, list(row.values()))
        assert _fails_at(at_end).problem.startswith(f"Event {at_end} fails its check")
    with tampering() as cursor:
        # In the middle: renumber everything after it, as an attacker must, then slip one in.
        cursor.execute(f"UPDATE {TABLE} SET seq = seq + 1000 WHERE seq >= %s", [template.seq])  # noqa: S608
        cursor.execute(f"UPDATE {TABLE} SET seq = seq - 999 WHERE seq >= %s", [template.seq + 1000])  # noqa: S608
        row = dict(zip(fields, values, strict=True))
        row.update(prev_link=history[2].link, reason="Forged")
        cursor.execute(insert, list(row.values()))
        _fails_at(template.seq)


def test_swapping_two_events_names_the_first(history: list[CustodyEvent]) -> None:
    for first, second in itertools.pairwise(history):
        with tampering() as cursor:
            cursor.execute(f"UPDATE {TABLE} SET seq = 0 WHERE seq = %s", [first.seq])  # noqa: S608
            cursor.execute(f"UPDATE {TABLE} SET seq = %s WHERE seq = %s", [first.seq, second.seq])  # noqa: S608
            cursor.execute(f"UPDATE {TABLE} SET seq = %s WHERE seq = 0", [second.seq])  # noqa: S608
            _fails_at(first.seq)


def test_a_state_that_disagrees_with_the_replay_is_named(history: list[CustodyEvent], places: Any) -> None:
    ring = Item.objects.get(pk=history[0].item_id)
    with tampering():
        Item.objects.filter(pk=ring.pk).update(location=places["NY"].tray2)
        result = ledger.verify()
    assert not result.ok and result.problem_seq == ring.custody_seq
    assert result.problem == (
        f"{ring.stock_number}'s stored custody disagrees with the replay of the ledger after event {ring.custody_seq} (location_id)."
    )


def test_cutting_events_off_the_end_is_caught_by_a_head_recorded_outside(history: list[CustodyEvent]) -> None:
    """A thorough attacker removes the last events and rewrites the head and the pieces to match."""
    recorded = ledger.head()
    keep = history[-3]
    with tampering() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq > %s", [keep.seq])  # noqa: S608
        LedgerHead.objects.filter(pk=1).update(seq=keep.seq, link=keep.link)
        states: dict[int, ledger.ItemState] = {}
        for event in history[: history.index(keep) + 1]:
            to = Location.objects.get(pk=event.to_location_id)
            states[event.item_id] = ledger.state_after(states.get(event.item_id), event, to)
        for item_id, state in states.items():
            Item.objects.filter(pk=item_id).update(**dict(zip(ledger.STATE_FIELDS, state, strict=True)))
        assert ledger.verify().ok  # without the recorded head, nothing shows
        result = ledger.verify(expected_head=recorded)
        assert not result.ok and result.problem_seq == keep.seq + 1
        assert result.problem == (
            f"The recorded head is event {recorded[0]}, but the ledger ends at event {keep.seq}: "
            "events have been cut off the end."
        )


def test_a_recorded_head_is_parsed_strictly() -> None:
    assert ledger.parse_head("12:" + "A" * 64) == (12, "a" * 64)
    with pytest.raises(ValueError, match="is not a ledger head"):
        ledger.parse_head("12:abc")


def test_any_text_survives_the_round_trip_through_the_database(cast: Cast, ny: world.Places, ring: Item) -> None:
    """Free text is hashed as UTF-8 hex, so separators, newlines and any script are safe on every database."""
    services.item_check_out(
        item=ring,
        to=ny.bench,
        by=cast.assistant,
        due_back=world.tomorrow(),
        counterpart="Atelier « Müller | Söhne » 工房 💎",
        reason="Re-tip four claws;\nclean | polish\t'quoted' \"twice\" \\ back",
    )
    result = ledger.verify()
    assert result.ok, result.problem


# --- Keys: spans, rotation, the key that signed the head ------------------------------------------

OLD_KEY = "tests-only-ledger-key-7Hq2vN9xKp4rW8mZ3bT6yL1cF5sD0gJ"  # tests/settings.py
NEW_KEY = "rotated-ledger-key-Qw3Er5Ty7Ui9Op1As2Df4Gh6Jk8Lz0Xc"
STRANGER_KEY = "someone-elses-ledger-key-Mn8Bv6Cx4Zl2Kj0Hg9Fd7Sa5P"


def _key_id(text: str) -> str:
    return ledger_keys.key_id(text.encode())


def _rotate(cast: Cast, reason: str = "Yearly rotation") -> LedgerSpan:
    return ledger.rotate_key(by=cast.administrator, reason=reason)


def test_a_new_ledger_opens_its_first_span_and_each_event_names_its_key(history: list[CustodyEvent]) -> None:
    (span,) = LedgerSpan.objects.all()
    assert (span.first_seq, span.format, span.key_id, span.previous_key_id, span.after_link, span.handover) == (
        1,
        2,
        _key_id(OLD_KEY),
        "",
        "0" * 64,
        "",
    )
    assert LedgerHead.objects.get().key_id == _key_id(OLD_KEY) == ledger.head_key_id()
    for event in history:
        assert ledger.event_canonical(event).startswith(f"parure-custody/2|{_key_id(OLD_KEY)}|{event.seq}|".encode())
        assert event.link == ledger.link_of(ledger.event_canonical(event), OLD_KEY.encode())


def test_the_database_writes_the_times_exactly_as_the_canonical_bytes_do(
    history: list[CustodyEvent], cast: Cast, ny: Any
) -> None:
    """Verify has the database write the two times as text; it must be byte for byte what canonical() writes."""
    ring = Item.objects.get(pk=history[0].item_id)
    services.item_check_out(
        item=ring, to=ny.bench, by=cast.assistant, due_back=world.tomorrow().replace(microsecond=0), counterpart="A"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT seq, {ledger_verify._time_sql('at')}, {ledger_verify._time_sql('due_back')} FROM {TABLE}"  # noqa: S608
        )
        written = {seq: (at, due_back) for seq, at, due_back in cursor.fetchall()}
    events = list(CustodyEvent.objects.order_by("seq"))
    assert len(written) == 11 and events[-1].due_back is not None and events[-1].due_back.microsecond == 0
    for event in events:
        assert written[event.seq] == (ledger._time(event.at), ledger._time(event.due_back) or None)


def test_rotation_then_verify_checks_each_span_with_its_own_key(
    history: list[CustodyEvent], cast: Cast, places: dict[str, world.Places], settings: Any
) -> None:
    settings.PARURE_LEDGER_KEY, settings.PARURE_LEDGER_OLD_KEYS = NEW_KEY, [OLD_KEY]
    span = _rotate(cast)
    assert (span.first_seq, span.format, span.key_id, span.previous_key_id, span.after_link, span.started_by) == (
        11,
        2,
        _key_id(NEW_KEY),
        _key_id(OLD_KEY),
        history[-1].link,
        cast.administrator,
    )
    assert ledger.verify().ok  # a span with no event yet
    ring = Item.objects.get(pk=history[0].item_id)
    moved = services.item_move(item=ring, to=places["NY"].tray2, by=cast.assistant)
    assert (moved.seq, moved.prev_link) == (11, history[-1].link)
    assert moved.link == ledger.link_of(ledger.event_canonical(moved), NEW_KEY.encode())
    result = ledger.verify(expected_head=(history[-1].seq, history[-1].link))
    assert (result.ok, result.events, result.problem) == (True, 11, "")
    assert LedgerHead.objects.get().key_id == _key_id(NEW_KEY) == ledger.head_key_id()


@pytest.fixture
def rotated(history: list[CustodyEvent], cast: Cast, places: dict[str, world.Places], settings: Any) -> list[Any]:
    """History signed with the old key (events 1–10), then two moves under the new one (11, 12)."""
    settings.PARURE_LEDGER_KEY, settings.PARURE_LEDGER_OLD_KEYS = NEW_KEY, [OLD_KEY]
    _rotate(cast)
    ring = Item.objects.get(pk=history[0].item_id)
    services.item_move(item=ring, to=places["NY"].tray2, by=cast.assistant)
    services.item_move(item=ring, to=places["NY"].tray1, by=cast.assistant)
    assert ledger.verify().ok
    return list(CustodyEvent.objects.order_by("seq"))


@pytest.mark.parametrize("seq", [3, 10, 11, 12])
def test_tampering_inside_an_old_or_a_new_span_names_the_event(rotated: list[Any], seq: int) -> None:
    with tampering() as cursor:
        _set(cursor, seq, "reason", "Nothing to see")
        assert _fails_at(seq).problem == (
            f"Event {seq} fails its check: its content does not match its link "
            "(it was altered, or inserted by someone without the ledger key)."
        )


def test_removing_or_moving_the_rotation_is_named(rotated: list[Any]) -> None:
    span = LedgerSpan.objects.get(first_seq=11)
    with tampering() as cursor:
        remove_append_only("inventory_ledgerspan")
        cursor.execute("DELETE FROM inventory_ledgerspan WHERE id = %s", [span.pk])
        # Without the span, events 11 and 12 are read as signed with the old key, and fail.
        assert _fails_at(11).problem.startswith("Event 11 fails its check")
    with tampering() as cursor:
        remove_append_only("inventory_ledgerspan")
        cursor.execute("UPDATE inventory_ledgerspan SET first_seq = 12 WHERE id = %s", [span.pk])
        assert (
            _fails_at(12).problem
            == "The key span from event 12 (key " + span.key_id + ") fails its seal: it was altered or forged."
        )


def test_cutting_off_the_new_span_with_its_events_is_caught_by_a_head_recorded_outside(rotated: list[Any]) -> None:
    """With the pieces rewritten to match, no event of the new span looks like a rotation just made: the head shows it."""
    recorded = ledger.head()
    with tampering() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq > 10")  # noqa: S608
        LedgerHead.objects.filter(pk=1).update(seq=10, link=rotated[9].link)
        states: dict[int, ledger.ItemState] = {}
        for event in rotated[:10]:
            states[event.item_id] = ledger.state_after(states.get(event.item_id), event, event.to_location)
        for item_id, state in states.items():
            Item.objects.filter(pk=item_id).update(**dict(zip(ledger.STATE_FIELDS, state, strict=True)))
        assert ledger.verify().ok
        result = ledger.verify(expected_head=recorded)
    assert (result.ok, result.problem_seq, result.problem) == (
        False,
        11,
        "The recorded head is event 12, but the ledger ends at event 10: events have been cut off the end.",
    )


def test_verify_with_an_old_key_missing_reports_instead_of_crashing(rotated: list[Any], settings: Any) -> None:
    settings.PARURE_LEDGER_OLD_KEYS = []
    result = ledger.verify()
    assert (result.ok, result.problem_seq, result.events) == (False, 1, 0)
    assert result.problem == (
        f"Events 1 to 10 were signed with key {_key_id(OLD_KEY)}, which this server does not hold: add that key to "
        "PARURE_LEDGER_OLD_KEYS (or PARURE_LEDGER_KEY if it is the current one) and verify again."
    )


def test_an_append_under_another_key_is_refused_and_writes_nothing(
    history: list[CustodyEvent], cast: Cast, places: dict[str, world.Places], settings: Any
) -> None:
    ring = Item.objects.get(pk=history[0].item_id)
    before = ledger.stored_state(ring)
    events, head, spans = CustodyEvent.objects.count(), ledger.head(), LedgerSpan.objects.count()
    settings.PARURE_LEDGER_KEY = STRANGER_KEY
    with pytest.raises(CustodyError) as refusal:
        services.item_move(item=ring, to=places["NY"].tray2, by=cast.assistant)
    assert refusal.value.code == "ledger_key_mismatch"
    assert refusal.value.message == (
        f"Nothing was recorded: the custody ledger was last signed with key {_key_id(OLD_KEY)}, but this server holds "
        f"key {_key_id(STRANGER_KEY)} (PARURE_LEDGER_KEY). Restore the key that signed the ledger, or, if you are "
        "rotating the key, run ‘parure ledger rotate-key’ first (docs/custody.md, “Rotating the key”)."
    )
    assert ledger.stored_state(world.fresh(ring)) == before
    assert (CustodyEvent.objects.count(), ledger.head(), LedgerSpan.objects.count()) == (events, head, spans)


def test_the_system_check_says_the_same_as_the_refusal(history: list[CustodyEvent], settings: Any) -> None:
    assert checks.ledger_key_signs_the_head() == []
    settings.PARURE_LEDGER_KEY = STRANGER_KEY
    (error,) = checks.ledger_key_signs_the_head()
    assert (error.id, error.msg, error.hint) == (
        "inventory.E002",
        f"Nothing can be recorded: the custody ledger was last signed with key {_key_id(OLD_KEY)}, but this server holds "
        f"key {_key_id(STRANGER_KEY)} (PARURE_LEDGER_KEY). Restore the key that signed the ledger, or, if you are "
        "rotating the key, run ‘parure ledger rotate-key’ first (docs/custody.md, “Rotating the key”).",
        "See docs/custody.md, “Keys” and “Rotating the key”.",
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemCheckError, match="inventory.E002"):
        call_command("check", stdout=out, stderr=err)


SHORT_KEY_SENTENCE = (
    "PARURE_LEDGER_KEY is 3 characters long; the ledger key must be at least 32 random bytes (43 characters or "
    'more): make one with: python -c "import secrets; print(secrets.token_urlsafe(48))"'
)


def test_a_short_key_is_refused_on_append_reported_by_verify_and_by_the_check(
    history: list[CustodyEvent], cast: Cast, places: dict[str, world.Places], settings: Any
) -> None:
    ring = Item.objects.get(pk=history[0].item_id)
    events, head = CustodyEvent.objects.count(), ledger.head()
    settings.PARURE_LEDGER_KEY = "abc"
    with pytest.raises(CustodyError) as refusal:
        services.item_move(item=ring, to=places["NY"].tray2, by=cast.assistant)
    assert refusal.value.message == f"Nothing was recorded: {SHORT_KEY_SENTENCE}"
    assert (CustodyEvent.objects.count(), ledger.head()) == (events, head)
    result = ledger.verify()
    assert (result.ok, result.problem_seq) == (False, 1)
    assert result.problem == (
        f"Events 1 to 10 were signed with key {_key_id(OLD_KEY)}, which this server does not hold "
        f"({SHORT_KEY_SENTENCE}): add that key to PARURE_LEDGER_OLD_KEYS (or PARURE_LEDGER_KEY if it is the current "
        "one) and verify again."
    )
    (error,) = checks.ledger_key_strength()
    assert (error.id, error.msg) == ("inventory.E001", SHORT_KEY_SENTENCE)
    settings.PARURE_LEDGER_KEY = "a" * 60
    (error,) = checks.ledger_key_strength()
    assert error.msg == (
        "PARURE_LEDGER_KEY does not look random (it uses only 1 different characters): make one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(48))"'
    )


def test_rotation_refusals_write_nothing(history: list[CustodyEvent], cast: Cast, settings: Any) -> None:
    head = ledger.head()

    def refused_with(message: str, by: Staff | None = None) -> None:
        with pytest.raises(CustodyError) as refusal:
            ledger.rotate_key(by=by or cast.administrator, reason="Yearly rotation")
        assert refusal.value.message == message
        assert (LedgerSpan.objects.count(), ledger.head(), LedgerHead.objects.get().key_id) == (1, head, old_id)

    old_id, new_id = _key_id(OLD_KEY), _key_id(NEW_KEY)
    refused_with(f"{cast.senior} may not rotate the ledger key; an active administrator must.", cast.senior)
    refused_with(
        f"The ledger is already signed with this server's key {old_id}. To rotate, move that key to "
        "PARURE_LEDGER_OLD_KEYS, set PARURE_LEDGER_KEY to the new key, and run this again."
    )
    settings.PARURE_LEDGER_KEY = NEW_KEY
    refused_with(
        f"The ledger was last signed with key {old_id}, which is not in PARURE_LEDGER_OLD_KEYS: add it there "
        "(the rotation is sealed by the old key as well as the new one)."
    )
    assert new_id != old_id


def test_the_rotate_key_command_prints_what_the_auditor_keeps(
    history: list[CustodyEvent], cast: Cast, settings: Any
) -> None:
    settings.PARURE_LEDGER_KEY, settings.PARURE_LEDGER_OLD_KEYS = NEW_KEY, [OLD_KEY]
    out = io.StringIO()
    call_command("ledger", "rotate-key", "--by", cast.administrator.username, "--reason", "Yearly rotation", stdout=out)
    old_id, new_id, last = _key_id(OLD_KEY), _key_id(NEW_KEY), history[-1]
    assert out.getvalue().splitlines() == [
        f"Key {new_id} signs the ledger from event 11 on; key {old_id} signed it up to event 10.",
        f"Record outside the system: head 10:{last.link}, new key {new_id}, old key {old_id}. Keep the old key "
        "offline with PARURE_LEDGER_OLD_KEYS wherever the ledger is verified.",
    ]
    with pytest.raises(CommandError, match="is already signed with this server's key"):
        call_command("ledger", "rotate-key", "--by", cast.administrator.username, "--reason", "Again")
    with pytest.raises(CommandError, match="No member of staff has the username ‘nobody’."):
        call_command("ledger", "rotate-key", "--by", "nobody", "--reason", "Again")


def _as_format_1(events: list[CustodyEvent]) -> None:
    """Rewrite a ledger as one written before spans existed: format-1 links, no spans, a head naming no key."""
    remove_append_only("inventory_ledgerspan")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM inventory_ledgerspan")
        prev = "0" * 64
        for event in events:
            event.prev_link = prev
            link = ledger.link_of(ledger.canonical(*(getattr(event, n) for n in ledger.CANONICAL_FIELDS)))
            cursor.execute(f"UPDATE {TABLE} SET prev_link = %s, link = %s WHERE seq = %s", [prev, link, event.seq])  # noqa: S608
            prev = link
    LedgerHead.objects.filter(pk=1).update(link=prev, key_id="")


def test_a_ledger_from_before_spans_verifies_and_is_adopted_by_its_next_event(
    history: list[CustodyEvent], cast: Cast, places: dict[str, world.Places], settings: Any
) -> None:
    with tampering():
        _as_format_1(history)
        assert ledger.verify().ok
        assert checks.ledger_key_signs_the_head() == []
        ring = Item.objects.get(pk=history[0].item_id)
        moved = services.item_move(item=ring, to=places["NY"].tray2, by=cast.assistant)
        assert [(s.first_seq, s.format, s.key_id) for s in LedgerSpan.objects.all()] == [
            (1, 1, _key_id(OLD_KEY)),
            (11, 2, _key_id(OLD_KEY)),
        ]
        assert ledger.event_canonical(moved).startswith(f"parure-custody/2|{_key_id(OLD_KEY)}|11|".encode())
        assert ledger.verify().ok


def test_a_ledger_from_before_spans_refuses_a_key_that_did_not_sign_it(
    history: list[CustodyEvent], cast: Cast, places: dict[str, world.Places], settings: Any
) -> None:
    with tampering():
        _as_format_1(history)
        settings.PARURE_LEDGER_KEY = STRANGER_KEY
        ring = Item.objects.get(pk=history[0].item_id)
        message = (
            f"the custody ledger's last event (10) does not check under this server's key {_key_id(STRANGER_KEY)} "
            "(PARURE_LEDGER_KEY). Restore the key that signed the ledger, then run ‘parure ledger verify’."
        )
        with pytest.raises(CustodyError) as refusal:
            services.item_move(item=ring, to=places["NY"].tray2, by=cast.assistant)
        assert refusal.value.message == f"Nothing was recorded: {message}"
        assert (LedgerSpan.objects.count(), CustodyEvent.objects.count()) == (0, 10)
        assert [e.msg for e in checks.ledger_key_signs_the_head()] == [f"Nothing can be recorded: {message}"]
        # It can still be rotated away from, with the key that did sign it kept as an old key.
        settings.PARURE_LEDGER_KEY, settings.PARURE_LEDGER_OLD_KEYS = NEW_KEY, [OLD_KEY]
        ledger.rotate_key(by=cast.administrator, reason="Moving off a short key")
        assert [(s.first_seq, s.format, s.key_id) for s in LedgerSpan.objects.all()] == [
            (1, 1, _key_id(OLD_KEY)),
            (11, 2, _key_id(NEW_KEY)),
        ]
        services.item_move(item=ring, to=places["NY"].tray2, by=cast.assistant)
        assert ledger.verify().ok


# --- Settings: where the key comes from -------------------------------------------------------------


def _django(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "parure.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_development_key_belongs_with_the_database_it_signs(tmp_path: Path) -> None:
    code = "from django.conf import settings; print(settings.PARURE_LEDGER_KEY)"
    keys = {}
    for name in ("one", "two"):
        env = {
            "PARURE_DEBUG": "1",
            "PARURE_VAR_DIR": str(tmp_path / "var"),
            "DATABASE_URL": f"sqlite:///{tmp_path}/{name}.sqlite3",
        }
        first, second = _django(env, code), _django(env, code)
        assert first.returncode == 0, first.stderr
        assert first.stdout == second.stdout == (tmp_path / f"{name}.sqlite3.ledger-key").read_text() + "\n"
        keys[name] = first.stdout.strip()
    assert keys["one"] != keys["two"] and len(keys["one"]) == 64
    assert not (tmp_path / "var" / "ledger_key").exists()
    # A database from before, signed by the one var/ledger_key, keeps that key; a new database does not.
    (tmp_path / "var" / "ledger_key").write_text(NEW_KEY)
    (tmp_path / "old.sqlite3").write_bytes(b"")
    for name, expected in (("old", NEW_KEY), ("new", None)):
        env = {
            "PARURE_DEBUG": "1",
            "PARURE_VAR_DIR": str(tmp_path / "var"),
            "DATABASE_URL": f"sqlite:///{tmp_path}/{name}.sqlite3",
        }
        result = _django(env, code)
        assert result.returncode == 0, result.stderr
        assert (result.stdout.strip() == NEW_KEY) is (expected is not None)


def test_production_refuses_to_start_with_a_short_ledger_key(tmp_path: Path) -> None:
    env = {
        "PARURE_SECRET_KEY": "p" * 70,
        "PARURE_LEDGER_KEY": "abc",
        "PARURE_ALLOWED_HOSTS": "parure.example",
        "PARURE_VAR_DIR": str(tmp_path),
    }
    result = _django(env, "")
    assert result.returncode != 0
    assert f"django.core.exceptions.ImproperlyConfigured: {SHORT_KEY_SENTENCE}" in result.stderr
    result = _django({**env, "PARURE_LEDGER_KEY": NEW_KEY, "PARURE_LEDGER_OLD_KEYS": NEW_KEY}, "")
    assert (
        "PARURE_LEDGER_OLD_KEYS holds the current ledger key (PARURE_LEDGER_KEY); list only retired keys there."
        in result.stderr
    )


def test_check_reports_a_short_key_in_development(tmp_path: Path) -> None:
    env = {
        "PARURE_DEBUG": "1",
        "PARURE_LEDGER_KEY": "abc",
        "PARURE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/dev.sqlite3",
    }
    result = _django(env, "from django.core.management import call_command; call_command('check', '--deploy')")
    assert result.returncode != 0
    assert f"(inventory.E001) {SHORT_KEY_SENTENCE}" in result.stderr


# --- Verifying with worker processes (PostgreSQL) -------------------------------------------------------


def _verify_with_workers() -> dict[str, Any]:
    """``ledger verify --workers 2`` in a fresh, single-threaded process, as an auditor runs it.

    The suite's own process has threads (the browser tests' live server), and a process with
    threads never forks workers (``ledger_verify._workers``); a process of its own does.
    """
    script = (
        "import json, django; django.setup()\n"
        "from parure.inventory import ledger, ledger_verify\n"
        "assert ledger_verify._workers(2) == 2\n"
        "found = ledger.verify(workers=2)\n"
        "print(json.dumps({'ok': found.ok, 'events': found.events, 'items': found.items, "
        "'head': found.head_text, 'problem_seq': found.problem_seq, 'problem': found.problem}))\n"
    )
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    import json

    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.django_db(transaction=True)
def test_verifying_with_workers_finds_what_one_process_finds(
    transactional_db: Any, cast: Cast, places: dict[str, world.Places], client_file: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("The ledger is verified by parallel workers on PostgreSQL only.")
    ny = places["NY"]
    ring, brooch = world.take_in(cast.senior, client_file, world.piece(), world.piece("Diamond clip brooch"))
    services.item_move(item=ring, to=ny.tray1, by=cast.assistant)
    check_out = services.item_check_out(item=ring, to=ny.studio, by=cast.assistant, due_back=world.tomorrow())
    services.item_move(item=brooch, to=ny.tray2, by=cast.assistant)
    services.item_move(item=brooch, to=ny.tray1, by=cast.assistant)
    # Still checked out after the correction, by whoever took it out.
    services.event_correct(
        event=check_out, to=ny.viewing, by=cast.senior, reason="It went to the viewing room", due_back=world.tomorrow()
    )
    services.item_move(item=brooch, to=ny.tray2, by=cast.assistant)
    assert world.fresh(ring).checked_out_by == cast.assistant
    one = ledger.verify(workers=1)
    parallel = _verify_with_workers()
    assert (parallel["ok"], parallel["events"], parallel["items"], parallel["head"]) == (True, 8, 2, one.head_text)
    out = io.StringIO()
    call_command("ledger", "verify", "--workers", "2", stdout=out)
    assert f"Custody ledger verified: 8 events, 2 pieces, head {one.head_text}" in out.getvalue()
    remove_append_only(TABLE)
    try:
        for seq, column, value in [(5, "reason", "Nothing to see"), (6, "from_location_id", ny.desk.pk)]:
            before = CustodyEvent.objects.filter(seq=seq).values_list(column, flat=True).get()
            with connection.cursor() as cursor:
                _set(cursor, seq, column, value)
            one, parallel = ledger.verify(workers=1), _verify_with_workers()
            with connection.cursor() as cursor:
                _set(cursor, seq, column, before)
            assert (parallel["ok"], parallel["problem_seq"], parallel["problem"]) == (False, seq, one.problem)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE seq = 5")  # noqa: S608
        one, parallel = ledger.verify(workers=1), _verify_with_workers()
        assert (parallel["ok"], parallel["problem_seq"], parallel["problem"]) == (
            False,
            5,
            "Event 5 is missing: the ledger goes from event 4 to event 6.",
        )
        assert one.problem == parallel["problem"]
    finally:
        install_append_only(TABLE)


# --- One lock on the head -----------------------------------------------------------------------------


def test_a_return_of_several_pieces_reads_and_locks_the_head_once(
    cast: Cast, places: dict[str, world.Places], client_file: Any
) -> None:
    pieces = world.take_in(cast.senior, client_file, world.piece(), world.piece("Diamond clip brooch"), world.piece())
    consignment = pieces[0].consignment
    assert consignment is not None
    receipt = services.release_receipt_prepare(
        consignment=consignment, items=pieces, collected_by="Mrs Catherine Vandermeer", by=cast.senior
    )
    with CaptureQueriesContext(connection) as queries:
        events = services.return_to_consignor(receipt=receipt, by=cast.senior, signed=True)
    head_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT seq, link, key_id FROM "inventory_ledgerhead"')
    ]
    assert len(head_reads) == 1
    assert [event.seq for event in events] == [4, 5, 6] and [e.prev_link for e in events[1:]] == [
        e.link for e in events[:2]
    ]
    assert ledger.verify().ok


def test_the_daily_head_mail_names_the_key_the_auditor_keeps_with_it(history: list[CustodyEvent]) -> None:
    head = tasks.record_ledger_head.call()
    (message,) = mail.outbox
    assert f"    {head}\n\nsigned with the key whose id is {_key_id(OLD_KEY)}.\n" in message.body
