"""The ledger is append-only in the database, and verify catches tampering done anyway.

Tampering is done as an attacker with database access would: drop the guard, change rows with
SQL. Each tampering happens inside a savepoint that is rolled back, guard included.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, InternalError, OperationalError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parure.core.db import remove_append_only
from parure.core.models import Office, Staff
from parure.inventory import ledger, services
from parure.inventory.models import ConsignmentReceipt, CustodyEvent, Item, LedgerHead, Location
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
        item=tiara, cause="invoice:NY-I-26-00001-3", by=cast.senior, witness=world.witness(cast["sofia"], cast.senior)
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
