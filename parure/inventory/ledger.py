"""The custody ledger: canonical bytes, the keyed hash chain, appending, replay and verification.

Every custody event is appended here and nowhere else. An append takes the ledger head's row
lock, so concurrent writers queue for the next sequence number instead of forking the chain;
callers lock the piece's row before (items first, then the head, always in that order, so two
writers never wait on each other in a circle).

The canonical serialisation is documented in docs/custody.md; :func:`canonical` is the
reference implementation and must not change without a new format tag.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from parure.inventory.choices import EventKind, ItemStatus, LocationKind, LocationType
from parure.inventory.models import GENESIS_LINK, CustodyEvent, Item, LedgerHead, Location

FORMAT = "parure-custody/1"

# The event's fields in canonical order (docs/custody.md, "Canonical serialisation").
CANONICAL_FIELDS: tuple[str, ...] = (
    "seq",
    "item_id",
    "kind",
    "from_location_id",
    "to_location_id",
    "counterpart",
    "counterpart_client_id",
    "staff_id",
    "witness_id",
    "at",
    "reason",
    "purpose",
    "due_back",
    "destination_id",
    "tracking_number",
    "cause",
    "corrects_id",
    "prev_link",
)


def _column(model: type[models.Model], name: str) -> str:
    """The database column behind a field name (or attname)."""
    field = model._meta.get_field(name)
    return str(getattr(field, "column", name))


def _key() -> bytes:
    key = str(settings.PARURE_LEDGER_KEY)
    if len(key) < 16:
        raise RuntimeError("PARURE_LEDGER_KEY must be at least 16 characters; the ledger cannot be chained without it.")
    return key.encode("utf-8")


def _time(value: datetime | str | None) -> str:
    """``2026-11-26T19:14:23.847045Z``: UTC, always six digits of microseconds.

    A string is taken as already written so (verify has PostgreSQL format the stored time,
    see ``_rows``).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    # isoformat is twice as fast as strftime and, with a fixed timespec, writes the same text.
    return value.isoformat(timespec="microseconds")[:-6] + "Z"


def canonical(
    seq: int,
    item_id: int,
    kind: str,
    from_location_id: int | None,
    to_location_id: int,
    counterpart: str,
    counterpart_client_id: int | None,
    staff_id: int,
    witness_id: int | None,
    at: datetime,
    reason: str,
    purpose: str,
    due_back: datetime | None,
    destination_id: int | None,
    tracking_number: str,
    cause: str,
    corrects_id: int | None,
    prev_link: str,
) -> bytes:
    """The exact bytes an event's link is computed over: ASCII fields joined by ``|``.

    Free text is written as lowercase hex of its UTF-8 bytes, so no character in it can be
    confused with a separator and no Unicode normalisation can change it. (One f-string, not
    a join of helper calls: verify runs this a million times.)
    """
    return (
        f"{FORMAT}|{seq}|{item_id}|{kind}|{'' if from_location_id is None else from_location_id}|{to_location_id}|"
        f"{counterpart.encode('utf-8').hex() if counterpart else ''}|"
        f"{'' if counterpart_client_id is None else counterpart_client_id}|{staff_id}|"
        f"{'' if witness_id is None else witness_id}|{_time(at)}|{reason.encode('utf-8').hex() if reason else ''}|"
        f"{purpose}|{'' if due_back is None else _time(due_back)}|{'' if destination_id is None else destination_id}|"
        f"{tracking_number.encode('utf-8').hex() if tracking_number else ''}|"
        f"{cause.encode('utf-8').hex() if cause else ''}|{'' if corrects_id is None else corrects_id}|{prev_link}"
    ).encode("ascii")


def link_of(canonical_bytes: bytes, key: bytes | None = None) -> str:
    """HMAC-SHA-256 of the canonical bytes under the ledger key, as 64 lowercase hex digits."""
    return hmac.digest(key or _key(), canonical_bytes, "sha256").hex()


def event_canonical(event: CustodyEvent) -> bytes:
    return canonical(*(getattr(event, name) for name in CANONICAL_FIELDS))


# --- Present state: the replay of a piece's events ------------------------------------------


class ItemState(NamedTuple):
    """A piece's present custody, as stored on the item and as replayed from the ledger."""

    location_id: int
    status: str
    holder: str
    holder_client_id: int | None
    due_back: datetime | None
    checked_out_by_id: int | None
    checked_out_from_id: int | None
    transfer_destination_id: int | None
    custody_since: datetime
    custody_seq: int
    custody_by_id: int


STATE_FIELDS = ItemState._fields


def status_of(location_type: str, location_kind: str, due_back: datetime | None) -> str:
    """A piece's status follows from where it is and whether it is due back."""
    if location_type == LocationType.RELEASED:
        return ItemStatus.RELEASED
    if location_type == LocationType.RETURNED:
        return ItemStatus.RETURNED
    if location_kind == LocationKind.TRANSIT:
        return ItemStatus.IN_TRANSIT
    if location_kind == LocationKind.EXTERNAL or due_back is not None:
        return ItemStatus.CHECKED_OUT
    return ItemStatus.IN_HOUSE


def state_after(
    previous: ItemState | None,
    *,
    seq: int,
    kind: str,
    from_location_id: int | None,
    to_location_id: int,
    to_type: str,
    to_kind: str,
    counterpart: str,
    counterpart_client_id: int | None,
    staff_id: int,
    at: datetime,
    due_back: datetime | None,
    destination_id: int | None,
) -> ItemState:
    """The piece's custody after one event: a function of that event and the state before it."""
    return _next_state(
        previous,
        seq,
        kind,
        from_location_id,
        to_location_id,
        to_type,
        to_kind,
        counterpart,
        counterpart_client_id,
        staff_id,
        at,
        due_back,
        destination_id,
    )


def _next_state(
    previous: ItemState | None,
    seq: int,
    kind: str,
    from_location_id: int | None,
    to_location_id: int,
    to_type: str,
    to_kind: str,
    counterpart: str,
    counterpart_client_id: int | None,
    staff_id: int,
    at: datetime,
    due_back: datetime | None,
    destination_id: int | None,
) -> ItemState:
    status = status_of(to_type, to_kind, due_back)
    checked_out_by_id = checked_out_from_id = None
    if status == ItemStatus.CHECKED_OUT:
        if kind != EventKind.CHECK_OUT and previous is not None and previous.status == ItemStatus.CHECKED_OUT:
            # A correction of a check-out keeps who took the piece out and where from.
            checked_out_by_id, checked_out_from_id = previous.checked_out_by_id, previous.checked_out_from_id
        else:
            checked_out_by_id, checked_out_from_id = staff_id, from_location_id
    # In the house, the house holds the piece; elsewhere the event's counterpart does.
    outside = status != ItemStatus.IN_HOUSE
    return ItemState(
        to_location_id,
        status,
        counterpart if outside else "",
        counterpart_client_id if outside else None,
        due_back if status == ItemStatus.CHECKED_OUT else None,
        checked_out_by_id,
        checked_out_from_id,
        destination_id if status == ItemStatus.IN_TRANSIT else None,
        at,
        seq,
        staff_id,
    )


def stored_state(item: Item) -> ItemState:
    return ItemState(*(getattr(item, name) for name in STATE_FIELDS))


def apply_state(item: Item, state: ItemState) -> None:
    for name, value in zip(STATE_FIELDS, state, strict=True):
        setattr(item, name, value)


def store_state(item_id: int, state: ItemState) -> None:
    """Write a piece's new state with one plain UPDATE.

    It runs while the ledger head is locked, so every other writer waits for it: the ORM's
    statement building here cost more than the statement.
    """
    table = connection.ops.quote_name(Item._meta.db_table)
    columns = ", ".join(f"{connection.ops.quote_name(_column(Item, name))} = %s" for name in STATE_FIELDS)
    values = [connection.ops.adapt_datetimefield_value(v) if isinstance(v, datetime) else v for v in state]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {columns} WHERE id = %s", [*values, item_id])  # noqa: S608


# --- Appending -----------------------------------------------------------------------------


def _lock_head() -> tuple[int, str]:
    """Lock the head row and read it (creating it from the last event if it is missing).

    Plain SQL: this runs once per custody action on the hottest path of the application.
    """
    table = connection.ops.quote_name(LedgerHead._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, link FROM {table} WHERE id = 1{lock}")  # noqa: S608 - our own table name
        row = cursor.fetchone()
    if row is not None:
        return int(row[0]), str(row[1])
    last = CustodyEvent.objects.order_by("-seq").values_list("seq", "link").first()
    seq, link = last if last is not None else (0, GENESIS_LINK)
    LedgerHead.objects.get_or_create(pk=1, defaults={"seq": seq, "link": link})
    return _lock_head()


_COLUMNS = tuple(_column(CustodyEvent, name) for name in (*CANONICAL_FIELDS, "link"))


def _insert_one(event: CustodyEvent) -> None:
    """INSERT the event with plain SQL (the model's save() costs more than the statement itself)."""
    table = connection.ops.quote_name(CustodyEvent._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in _COLUMNS)
    values: list[Any] = []
    for name in (*CANONICAL_FIELDS, "link"):
        value = getattr(event, name)
        values.append(connection.ops.adapt_datetimefield_value(value) if isinstance(value, datetime) else value)
    placeholders = ", ".join(["%s"] * len(values))
    returning = " RETURNING id" if connection.features.can_return_columns_from_insert else ""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({placeholders}){returning}", values)  # noqa: S608
        event.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    event._state.adding = False


def append(events: Sequence[CustodyEvent]) -> list[CustodyEvent]:
    """Chain and insert events, in order, as the next entries of the ledger.

    Must run inside the caller's transaction, after the caller has locked the pieces'
    rows. Each event's ``seq``, ``prev_link``, ``link`` and (when unset) ``at`` are filled in
    here, under the head lock, so sequence and time advance together.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("Custody events are appended inside the transaction that changes the piece.")
    if not events:
        return []
    key = _key()
    seq, prev_link = _lock_head()
    now = timezone.now()
    for event in events:
        seq += 1
        event.seq, event.prev_link = seq, prev_link
        if event.at is None:
            event.at = now
        event.link = prev_link = link_of(event_canonical(event), key)
    if len(events) == 1:
        _insert_one(events[0])
    else:
        CustodyEvent.objects.bulk_create(events, batch_size=500)
    table = connection.ops.quote_name(LedgerHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET seq = %s, link = %s, updated_at = %s WHERE id = 1",  # noqa: S608
            [seq, prev_link, connection.ops.adapt_datetimefield_value(now)],
        )
    return list(events)


def head() -> tuple[int, str]:
    """The ledger's current head (sequence number, link): what to record outside the system."""
    last = CustodyEvent.objects.order_by("-seq").values_list("seq", "link").first()
    return last if last is not None else (0, GENESIS_LINK)


def parse_head(text: str) -> tuple[int, str]:
    """Parse a recorded head ``SEQ:LINK``; refuse anything else with a sentence."""
    seq_text, _, link = text.strip().partition(":")
    if not seq_text.isdigit() or len(link) != 64 or any(c not in "0123456789abcdef" for c in link.lower()):
        raise ValueError(
            f"‘{text}’ is not a ledger head; it looks like 1234:9f86d081… (sequence, colon, 64 hex digits)."
        )
    return int(seq_text), link.lower()


# --- Verification --------------------------------------------------------------------------

_VERIFY_FIELDS = (*CANONICAL_FIELDS, "link")
# PostgreSQL's to_char pattern for _time()'s text: 2026-11-26T19:14:23.847045Z.
_PG_TIME = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'


@dataclass(frozen=True)
class Verification:
    ok: bool
    events: int
    items: int
    head_seq: int
    head_link: str
    problem: str = ""
    problem_seq: int | None = None
    seconds: float = 0.0

    @property
    def head_text(self) -> str:
        return f"{self.head_seq}:{self.head_link}"

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else 0.0


class _Failure(Exception):
    def __init__(self, message: str, seq: int | None) -> None:
        super().__init__(message)
        self.message, self.seq = message, seq


def _rows(chunk_size: int) -> Iterable[tuple[Any, ...]]:
    """Every event in ledger order, as plain tuples, streamed.

    On PostgreSQL a server-side cursor hands back typed values directly (the ORM's per-value
    conversion costs more than the hashing); elsewhere the ORM converts them.
    """
    if connection.vendor != "postgresql":
        yield from CustodyEvent.objects.order_by("seq").values_list(*_VERIFY_FIELDS).iterator(chunk_size=chunk_size)
        return
    table = connection.ops.quote_name(CustodyEvent._meta.db_table)
    # The two times come back already written as canonical text: parsing a million timestamps
    # into datetimes only to format them again cost more than the hashing.
    written = {
        "at": f"to_char(at AT TIME ZONE 'UTC', '{_PG_TIME}')",
        "due_back": f"to_char(due_back AT TIME ZONE 'UTC', '{_PG_TIME}')",
    }
    columns = ", ".join(written.get(name, _column(CustodyEvent, name)) for name in _VERIFY_FIELDS)
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} ORDER BY seq")  # noqa: S608 - our own table and columns
        while rows := cursor.fetchmany(chunk_size):
            yield from rows


def verify(*, expected_head: tuple[int, str] | None = None, chunk_size: int = 20_000) -> Verification:
    """Re-walk the whole chain and the pieces' stored state; stop at the first problem.

    Checks, in ledger order: sequence numbers run 1, 2, 3… with no gap; each event's
    ``prev_link`` is the link before it; each link is the HMAC of the event's canonical bytes;
    each event starts where the piece's previous event left it. Then each piece's stored state
    equals the replay, the head row equals the last event and, when given, the head recorded
    outside the system is still in the chain.
    """
    started = time.perf_counter()
    key = _key()
    places = {pk: (type_, kind) for pk, type_, kind in Location.objects.values_list("pk", "type", "kind")}
    numbers: dict[int, str] = {}
    states: dict[int, ItemState] = {}
    expected, prev_link, count = 1, GENESIS_LINK, 0
    recorded_link: str | None = None
    try:
        intake = EventKind.INTAKE
        digest = hmac.digest
        for row in _rows(chunk_size):
            (seq, item_id, kind, from_id, to_id, counterpart, client_id, staff_id) = row[:8]
            at, due_back, destination_id, corrects, prev, link = row[9], row[12], row[13], row[16], row[17], row[18]
            if seq != expected:
                if expected == 1:
                    missing = "Event 1 is missing" if seq == 2 else f"Events 1 to {seq - 1} are missing"
                    raise _Failure(f"{missing}: the ledger starts at event {seq}.", 1)
                raise _Failure(
                    f"Event {expected} is missing: the ledger goes from event {expected - 1} to event {seq}.", expected
                )
            if prev != prev_link:
                raise _Failure(
                    f"Event {seq} does not follow event {seq - 1}: its previous link does not match "
                    "(events were removed, inserted or reordered before it).",
                    seq,
                )
            if digest(key, canonical(*row[:18]), "sha256").hex() != link:
                raise _Failure(
                    f"Event {seq} fails its check: its content does not match its link "
                    "(it was altered, or inserted by someone without the ledger key).",
                    seq,
                )
            # Each event starts where the piece's previous event left it.
            previous = states.get(item_id)
            if kind == intake:
                if previous is not None or from_id is not None:
                    raise _Failure(
                        f"Event {seq} takes in {_stock_number(item_id, numbers)}, which was already in custody.", seq
                    )
            elif previous is None:
                raise _Failure(
                    f"Event {seq} concerns {_stock_number(item_id, numbers)}, which was never taken in.", seq
                )
            elif from_id != previous[0]:
                raise _Failure(
                    f"Event {seq} has {_stock_number(item_id, numbers)} leaving place #{from_id}, "
                    f"but the ledger had it at place #{previous[0]}.",
                    seq,
                )
            if corrects is not None and corrects >= seq:
                raise _Failure(f"Event {seq} corrects event {corrects}, which does not come before it.", seq)
            place = places.get(to_id)
            if place is None:
                raise _Failure(f"Event {seq} names place #{to_id}, which does not exist.", seq)
            states[item_id] = _next_state(
                previous,
                seq,
                kind,
                from_id,
                to_id,
                place[0],
                place[1],
                counterpart,
                client_id,
                staff_id,
                at,
                due_back,
                destination_id,
            )
            if expected_head is not None and seq == expected_head[0]:
                recorded_link = link
            prev_link, expected, count = link, expected + 1, count + 1
        last_seq = expected - 1
        _check_head_row(last_seq, prev_link)
        item_count = _check_items(states)
        if expected_head is not None:
            _check_recorded_head(expected_head, last_seq, recorded_link)
    except _Failure as failure:
        return Verification(
            ok=False,
            events=count,
            items=len(states),
            head_seq=expected - 1,
            head_link=prev_link,
            problem=failure.message,
            problem_seq=failure.seq,
            seconds=time.perf_counter() - started,
        )
    return Verification(
        ok=True,
        events=count,
        items=item_count,
        head_seq=last_seq,
        head_link=prev_link,
        seconds=time.perf_counter() - started,
    )


def _stock_number(item_id: int, numbers: dict[int, str]) -> str:
    if item_id not in numbers:
        numbers[item_id] = Item.objects.filter(pk=item_id).values_list("stock_number", flat=True).first() or (
            f"piece #{item_id}"
        )
    return numbers[item_id]


def _check_items(states: dict[int, ItemState]) -> int:
    count = 0
    for row in Item.objects.order_by("pk").values_list("pk", "stock_number", *STATE_FIELDS).iterator(chunk_size=20_000):
        count += 1
        item_id, stock_number, stored = row[0], row[1], ItemState(*row[2:])
        replayed = states.get(item_id)
        if replayed is None:
            raise _Failure(f"{stock_number} has no custody events: it was added outside the ledger.", None)
        if isinstance(replayed.custody_since, str):  # times replayed as canonical text: compare as text
            stored = stored._replace(custody_since=_time(stored.custody_since), due_back=_time(stored.due_back) or None)
        if stored != replayed:
            differing = [name for name, a, b in zip(STATE_FIELDS, stored, replayed, strict=True) if a != b]
            raise _Failure(
                f"{stock_number}'s stored custody disagrees with the replay of the ledger after event "
                f"{replayed.custody_seq} ({', '.join(differing)}).",
                replayed.custody_seq,
            )
    if count != len(states):
        missing = len(states) - count
        raise _Failure(f"The ledger names {missing} piece(s) that no longer exist in the items table.", None)
    return count


def _check_head_row(last_seq: int, last_link: str) -> None:
    row = LedgerHead.objects.filter(pk=1).values_list("seq", "link").first()
    if row is None:
        if last_seq:
            raise _Failure("The ledger head row is missing.", None)
        return
    if row != (last_seq, last_link):
        if row[0] > last_seq:
            raise _Failure(
                f"The ledger head says event {row[0]} but the last event is {last_seq}: "
                f"events after {last_seq} have been removed.",
                last_seq + 1,
            )
        raise _Failure(f"The ledger head ({row[0]}) does not match the last event ({last_seq}).", last_seq)


def _check_recorded_head(expected: tuple[int, str], last_seq: int, recorded_link: str | None) -> None:
    seq, link = expected
    if seq > last_seq:
        raise _Failure(
            f"The recorded head is event {seq}, but the ledger ends at event {last_seq}: "
            "events have been cut off the end.",
            last_seq + 1,
        )
    if recorded_link != link:
        raise _Failure(
            f"Event {seq}'s link does not match the head recorded outside the system: the ledger has been rewritten.",
            seq,
        )
