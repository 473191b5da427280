"""Verifying the custody ledger: the key spans, the chain, the replay of every piece, the head.

The work is split in two. The database checks the chain's order in one windowed query: the
sequence numbers run 1, 2, 3… and each event's ``prev_link`` is the link of the event before
it. Python checks each event's link (the HMAC of its canonical bytes under its span's key)
and replays each piece's events — work that depends only on the event itself and on the
piece's own earlier events, so the pieces can be shared between processes: on PostgreSQL,
outside a transaction, worker processes (one per CPU) each take the pieces whose id falls to
them; elsewhere one process takes them all, through the same code. The first problem in
ledger order is reported either way.
"""

from __future__ import annotations

import hmac
import multiprocessing
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection, connections

from parure.inventory.choices import EventKind
from parure.inventory.ledger import (
    CANONICAL_FIELDS,
    FORMAT_1,
    FORMATS,
    STATE_FIELDS,
    ItemState,
    Verification,
    _column,
    _time,
    head,
    next_state,
    prefix,
    span_marker,
    spans,
)
from parure.inventory.ledger_keys import KeyRing, key_ring
from parure.inventory.models import GENESIS_LINK, CustodyEvent, Item, LedgerHead, LedgerSpan, Location

# PostgreSQL's to_char pattern for the canonical time: 2026-11-26T19:14:23.847045Z.
_PG_TIME = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'
# Below this many events one process is quicker than starting workers.
PARALLEL_FROM = 100_000

try:
    # The C function behind hmac.digest, without its Python wrapper: a million calls make a difference.
    from _hashlib import hmac_digest as _hmac_digest
except ImportError:  # pragma: no cover - an interpreter without OpenSSL's hashlib
    _hmac_digest = hmac.digest  # type: ignore[assignment]

# What kind of problem, for ordering two found at the same event: the first check made wins.
GAP, LINK, HMAC, RULE = 0, 1, 2, 3


class _Failure(Exception):
    def __init__(self, message: str, seq: int | None, rank: int = RULE) -> None:
        super().__init__(message)
        self.message, self.seq, self.rank = message, seq, rank


class _Span(NamedTuple):
    first_seq: int
    key_id: str
    prefix: bytes
    key: bytes | None
    after_link: str


@dataclass
class _Share:
    """What the walk of one share of the pieces found."""

    count: int = 0
    failure: tuple[int, int, str] | None = None
    states: dict[int, Any] = field(default_factory=dict)
    recorded_link: str | None = None


def _time_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"to_char({column} AT TIME ZONE 'UTC', '{_PG_TIME}')"
    # SQLite holds UTC as ‘2026-11-26 19:14:23.847045’, without the fraction when it is zero.
    return f"replace({column}, ' ', 'T') || CASE WHEN length({column}) = 19 THEN '.000000' ELSE '' END || 'Z'"


def _rows(share: int, shares: int, last_seq: int, chunk_size: int) -> Iterable[tuple[Any, ...]]:
    """The events of pieces whose id is ``share`` modulo ``shares``, up to ``last_seq``, in ledger order, streamed.

    The times come back already written as canonical text: parsing a million timestamps into
    datetimes only to format them again cost more than the hashing. (Having the database write
    the whole canonical text was measured slower on PostgreSQL: its expression evaluation costs
    more per row than Python's one f-string.)
    """
    table = connection.ops.quote_name(CustodyEvent._meta.db_table)
    columns = ", ".join(
        _time_sql(name) if name in ("at", "due_back") else _column(CustodyEvent, name)
        for name in (*CANONICAL_FIELDS, "link")
    )
    mine = f" AND {_column(CustodyEvent, 'item_id')} %% %s = %s" if shares > 1 else ""
    sql = f"SELECT {columns} FROM {table} WHERE seq <= %s{mine} ORDER BY seq"  # noqa: S608 - our own names
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [last_seq, shares, share] if shares > 1 else [last_seq])
        while rows := cursor.fetchmany(chunk_size):
            yield from rows


def _chain_order(last_seq: int, in_force: list[_Span]) -> None:
    """The chain's order, checked by the database: no gap in the numbers, each event after the one before it.

    Also that each key span starts after the event whose link its marker names.
    """
    table = connection.ops.quote_name(CustodyEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT seq, seq_before, prev_link = COALESCE(link_before, %s) FROM ("  # noqa: S608 - our own table
            "  SELECT seq, prev_link, LAG(seq) OVER (ORDER BY seq) AS seq_before,"
            "         LAG(link) OVER (ORDER BY seq) AS link_before"
            f"  FROM {table} WHERE seq <= %s"
            ") chain WHERE seq <> COALESCE(seq_before, 0) + 1 OR prev_link <> COALESCE(link_before, %s) "
            "ORDER BY seq LIMIT 1",
            [GENESIS_LINK, last_seq, GENESIS_LINK],
        )
        broken = cursor.fetchone()
        boundaries = sorted({span.first_seq - 1 for span in in_force if 1 < span.first_seq <= last_seq + 1})
        links: dict[int, str] = {}
        if boundaries:
            marks = ", ".join(["%s"] * len(boundaries))
            cursor.execute(f"SELECT seq, link FROM {table} WHERE seq IN ({marks})", boundaries)  # noqa: S608
            links = dict(cursor.fetchall())
    failures: list[tuple[int, int, str]] = []
    if broken is not None:
        seq, before, follows = int(broken[0]), broken[1], bool(broken[2])
        expected = (before or 0) + 1
        if seq != expected:
            if expected == 1:
                missing = "Event 1 is missing" if seq == 2 else f"Events 1 to {seq - 1} are missing"
                failures.append((1, GAP, f"{missing}: the ledger starts at event {seq}."))
            else:
                failures.append(
                    (expected, GAP, f"Event {expected} is missing: the ledger goes from event {before} to event {seq}.")
                )
        elif not follows:
            failures.append(
                (
                    seq,
                    LINK,
                    f"Event {seq} does not follow event {seq - 1}: its previous link does not match "
                    "(events were removed, inserted or reordered before it).",
                )
            )
    for span in in_force:
        if span.first_seq > 1 and links.get(span.first_seq - 1, span.after_link) != span.after_link:
            failures.append(
                (
                    span.first_seq,
                    LINK,
                    f"The key span from event {span.first_seq} (key {span.key_id}) does not start after event "
                    f"{span.first_seq - 1}: its marker names another link.",
                )
            )
    if failures:
        seq, rank, message = min(failures)
        raise _Failure(message, seq, rank)


def _stock_number(item_id: int) -> str:
    number = Item.objects.filter(pk=item_id).values_list("stock_number", flat=True).first()
    return number or f"piece #{item_id}"


def _missing_key(span: _Span, ring: KeyRing, in_force: list[_Span], last_seq: int) -> _Failure:
    later = [other.first_seq for other in in_force if other.first_seq > span.first_seq]
    end = later[0] - 1 if later else last_seq
    which = f"Events {span.first_seq} to {end} were" if end > span.first_seq else f"Event {span.first_seq} was"
    problem = f" ({ring.problem})" if ring.problem else ""
    return _Failure(
        f"{which} signed with key {span.key_id}, which this server does not hold{problem}: add that key to "
        "PARURE_LEDGER_OLD_KEYS (or PARURE_LEDGER_KEY if it is the current one) and verify again.",
        span.first_seq,
        HMAC,
    )


def _effective_spans(ring: KeyRing, last_seq: int) -> tuple[list[_Span], bool]:
    """The spans in force, their markers checked, and whether any is recorded.

    A ledger from before spans is one format-1 span under the current key.
    """
    recorded = spans()
    if not recorded:
        return [_Span(1, ring.current_id or "(the current key)", FORMAT_1.encode(), ring.current, GENESIS_LINK)], False
    result: list[_Span] = []
    previous: LedgerSpan | None = None
    for span in recorded:
        where = f"The key span from event {span.first_seq} (key {span.key_id})"
        key = ring.get(span.key_id)
        if previous is None:
            if span.first_seq != 1 or span.previous_key_id or span.handover:
                raise _Failure(f"{where} is recorded as the first, but it does not start the ledger at event 1.", 1)
        else:
            if span.previous_key_id != previous.key_id or span.first_seq < previous.first_seq:
                raise _Failure(
                    f"{where} does not follow the span before it (key {previous.key_id}): a span was removed or "
                    "altered.",
                    span.first_seq,
                )
            if span.format < previous.format:
                raise _Failure(f"{where} goes back to format {span.format}.", span.first_seq)
        if span.first_seq > last_seq + 1:
            raise _Failure(
                f"{where} starts after the last event ({last_seq}): events after {last_seq} have been removed.",
                last_seq + 1,
            )
        if span.format not in FORMATS:
            raise _Failure(f"{where} names format {span.format}, which this version does not know.", span.first_seq)
        marker = span_marker(
            first_seq=span.first_seq,
            format_version=span.format,
            span_key_id=span.key_id,
            previous_key_id=span.previous_key_id,
            after_link=span.after_link,
            started_at=span.started_at,
            started_by_id=span.started_by_id,
            reason=span.reason,
        )
        if key is not None and not hmac.compare_digest(hmac.digest(key, marker, "sha256").hex(), span.seal):
            raise _Failure(f"{where} fails its seal: it was altered or forged.", span.first_seq)
        previous_key = ring.get(previous.key_id) if previous is not None else None
        if (
            previous is not None
            and previous_key is not None
            and not hmac.compare_digest(hmac.digest(previous_key, marker, "sha256").hex(), span.handover)
        ):
            raise _Failure(
                f"{where} fails its handover: the key before it (key {previous.key_id}) did not start it.",
                span.first_seq,
            )
        entry = _Span(
            span.first_seq, span.key_id, prefix(span.format, span.key_id).encode("ascii"), key, span.after_link
        )
        if result and result[-1].first_seq == span.first_seq:
            result[-1] = entry  # rotated again before any event: the later span counts
        else:
            result.append(entry)
        previous = span
    return result, True


def _walk(
    share: int,
    shares: int,
    in_force: list[_Span],
    ring: KeyRing,
    places: dict[int, tuple[str, str]],
    recorded_seq: int | None,
    chunk_size: int,
    last_seq: int,
) -> _Share:
    """Check the links of one share of the pieces' events and replay them; see the module's docstring."""
    found = _Share()
    states = found.states
    starts = [span.first_seq for span in in_force]
    index = -1
    next_start: int | None = starts[0]
    key: bytes | None = None
    signing = ""
    intake = EventKind.INTAKE
    digest = _hmac_digest
    try:
        for row in _rows(share, shares, last_seq, chunk_size):
            seq, item_id, kind, from_id, to_id, counterpart, client_id, staff_id = row[:8]
            at, due_back, destination_id, corrects, prev, link = row[9], row[12], row[13], row[16], row[17], row[18]
            while next_start is not None and seq >= next_start:
                index += 1
                next_start = starts[index + 1] if index + 1 < len(starts) else None
                span = in_force[index]
                key, signing = span.key, span.prefix.decode("ascii")
                if key is None:
                    raise _missing_key(span, ring, in_force, last_seq)
            # canonical(), written out for rows whose times are already text; every verify of events that
            # append() chained with canonical() holds the two equal.
            message = (
                f"{signing}|{seq}|{item_id}|{kind}|{'' if from_id is None else from_id}|{to_id}|"
                f"{counterpart.encode('utf-8').hex() if counterpart else ''}|"
                f"{'' if client_id is None else client_id}|{staff_id}|{'' if row[8] is None else row[8]}|{at}|"
                f"{row[10].encode('utf-8').hex() if row[10] else ''}|{row[11]}|{due_back or ''}|"
                f"{'' if destination_id is None else destination_id}|"
                f"{row[14].encode('utf-8').hex() if row[14] else ''}|"
                f"{row[15].encode('utf-8').hex() if row[15] else ''}|"
                f"{'' if corrects is None else corrects}|{prev}"
            ).encode("ascii")
            if digest(key, message, "sha256").hex() != link:  # type: ignore[arg-type]
                raise _Failure(
                    f"Event {seq} fails its check: its content does not match its link "
                    "(it was altered, or inserted by someone without the ledger key).",
                    seq,
                    HMAC,
                )
            # Each event starts where the piece's previous event left it.
            previous = states.get(item_id)
            if kind == intake:
                if previous is not None or from_id is not None:
                    raise _Failure(f"Event {seq} takes in {_stock_number(item_id)}, which was already in custody.", seq)
            elif previous is None:
                raise _Failure(f"Event {seq} concerns {_stock_number(item_id)}, which was never taken in.", seq)
            elif from_id != previous[0]:
                raise _Failure(
                    f"Event {seq} has {_stock_number(item_id)} leaving place #{from_id}, "
                    f"but the ledger had it at place #{previous[0]}.",
                    seq,
                )
            if corrects is not None and corrects >= seq:
                raise _Failure(f"Event {seq} corrects event {corrects}, which does not come before it.", seq)
            place = places.get(to_id)
            if place is None:
                raise _Failure(f"Event {seq} names place #{to_id}, which does not exist.", seq)
            states[item_id] = next_state(
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
                due_back or None,
                destination_id,
            )
            if seq == recorded_seq:
                found.recorded_link = link
            found.count += 1
    except _Failure as failure:
        found.failure = (failure.seq or 0, failure.rank, failure.message)
    return found


# Set before the workers fork, so the keys reach them without crossing a pipe.
_FORKED: dict[str, Any] = {}


def _walk_in_worker(share: int) -> _Share:
    shared = _FORKED
    try:
        found = _walk(
            share,
            shared["shares"],
            shared["in_force"],
            shared["ring"],
            shared["places"],
            shared["recorded_seq"],
            shared["chunk_size"],
            shared["last_seq"],
        )
        # Plain tuples cross the pipe several times faster than named ones.
        found.states = {item_id: tuple(state) for item_id, state in found.states.items()}
        return found
    finally:
        connections.close_all()


def _walks(
    shares: int,
    in_force: list[_Span],
    ring: KeyRing,
    places: dict[int, tuple[str, str]],
    recorded_seq: int | None,
    chunk_size: int,
    last_seq: int,
) -> list[_Share]:
    if shares <= 1:
        return [_walk(0, 1, in_force, ring, places, recorded_seq, chunk_size, last_seq)]
    _FORKED.update(
        shares=shares,
        in_force=in_force,
        ring=ring,
        places=places,
        recorded_seq=recorded_seq,
        chunk_size=chunk_size,
        last_seq=last_seq,
    )
    # The children open their own connections; none may inherit this process's.
    connections.close_all()
    try:
        with multiprocessing.get_context("fork").Pool(shares) as pool:
            return pool.map(_walk_in_worker, range(shares))
    finally:
        _FORKED.clear()


def _workers(requested: int | None) -> int:
    """How many processes share the pieces: one unless asked, and always one where workers could not see the rows.

    Workers are forked, so only a process of our own asks for them (``parure ledger verify``),
    never a web or task worker with threads of its own.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return 1  # workers could not see this transaction's rows (or an in-memory database)
    if threading.active_count() > 1:
        # A forked child inherits the other threads' database connections without their threads;
        # closing them from the child ends the parent's sessions. Only a single-threaded process forks.
        return 1
    return max(1, requested or 1)


def workers_for(last_seq: int) -> int:
    """Workers worth starting for a ledger of ``last_seq`` events: one per CPU from :data:`PARALLEL_FROM` on."""
    return (os.cpu_count() or 1) if last_seq >= PARALLEL_FROM else 1


def verify_chain(
    *, expected_head: tuple[int, str] | None = None, workers: int | None = None, chunk_size: int = 20_000
) -> Verification:
    """Re-walk the whole chain and the pieces' stored state; name the first problem. Never raises: it reports.

    Checks the key spans' markers, then, in ledger order: sequence numbers run 1, 2, 3… with no
    gap; each event's ``prev_link`` is the link before it; each link is the HMAC of the event's
    canonical bytes under its span's key; each event starts where the piece's previous event
    left it. Then each piece's stored state equals the replay, the head row equals the last
    event and names the last span's key and, when given, the head recorded outside the system
    is still in the chain. ``workers`` (PostgreSQL, outside a transaction) share the pieces
    between that many forked processes (see :func:`workers_for`).
    """
    started = time.perf_counter()
    ring = key_ring()
    places = {pk: (type_, kind) for pk, type_, kind in Location.objects.values_list("pk", "type", "kind")}
    states: dict[int, ItemState] = {}
    count = 0
    last_seq, last_link = head()
    try:
        in_force, recorded_spans = _effective_spans(ring, last_seq)
        recorded_seq = expected_head[0] if expected_head is not None else None
        shares = _workers(workers)
        found = _walks(shares, in_force, ring, places, recorded_seq, chunk_size, last_seq) if last_seq else []
        failures = [share.failure for share in found if share.failure is not None]
        try:
            _chain_order(last_seq, in_force)
        except _Failure as order:
            failures.append((order.seq or 0, order.rank, order.message))
        if failures:
            seq, rank, message = min(failures)
            count = seq - 1
            raise _Failure(message, seq, rank)
        recorded_link = next((share.recorded_link for share in found if share.recorded_link is not None), None)
        for share in found:
            count += share.count
            for item_id, state in share.states.items():
                states[item_id] = state if type(state) is ItemState else ItemState._make(state)
        _check_head_row(last_seq, last_link, in_force[-1].key_id if recorded_spans else "")
        item_count = _check_items(states)
        if expected_head is not None:
            _check_recorded_head(expected_head, last_seq, recorded_link)
    except _Failure as failure:
        return Verification(
            ok=False,
            events=count,
            items=len(states),
            head_seq=last_seq,
            head_link=last_link,
            problem=failure.message,
            problem_seq=failure.seq,
            seconds=time.perf_counter() - started,
        )
    return Verification(
        ok=True,
        events=count,
        items=item_count,
        head_seq=last_seq,
        head_link=last_link,
        seconds=time.perf_counter() - started,
    )


def _check_items(states: dict[int, ItemState]) -> int:
    count = 0
    for row in Item.objects.order_by("pk").values_list("pk", "stock_number", *STATE_FIELDS).iterator(chunk_size=20_000):
        count += 1
        item_id, stock_number, stored = row[0], row[1], ItemState(*row[2:])
        replayed = states.get(item_id)
        if replayed is None:
            raise _Failure(f"{stock_number} has no custody events: it was added outside the ledger.", None)
        # Times were replayed as canonical text: compare as text.
        as_text: dict[str, Any] = {
            "custody_since": _time(stored.custody_since),
            "due_back": _time(stored.due_back) or None,
        }
        stored = stored._replace(**as_text)
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


def _check_head_row(last_seq: int, last_link: str, last_key_id: str) -> None:
    row = LedgerHead.objects.filter(pk=1).values_list("seq", "link", "key_id").first()
    if row is None:
        if last_seq:
            raise _Failure("The ledger head row is missing.", None)
        return
    if row[:2] != (last_seq, last_link):
        if row[0] > last_seq:
            raise _Failure(
                f"The ledger head says event {row[0]} but the last event is {last_seq}: "
                f"events after {last_seq} have been removed.",
                last_seq + 1,
            )
        raise _Failure(f"The ledger head ({row[0]}) does not match the last event ({last_seq}).", last_seq)
    if last_key_id and row[2] and row[2] != last_key_id:
        raise _Failure(
            f"The ledger head names key {row[2]}, but the last key span is signed with key {last_key_id}: "
            "a key span was removed.",
            last_seq + 1,
        )


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
