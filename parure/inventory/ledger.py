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

from django.db import connection, models, transaction
from django.utils import timezone

from parure.core.choices import Role
from parure.core.models import Staff
from parure.inventory.choices import EventKind, ItemStatus, LocationKind, LocationType
from parure.inventory.errors import CustodyError
from parure.inventory.ledger_keys import KeyRing, key_id, key_ring
from parure.inventory.models import GENESIS_LINK, CustodyEvent, Item, LedgerHead, LedgerSpan, Location

FORMAT_1 = "parure-custody/1"
FORMAT_2 = "parure-custody/2"
# New spans are written in this format; format 1 is only ever the first span of a ledger that
# was started before key identifiers existed.
CURRENT_FORMAT = 2
FORMATS = {1: FORMAT_1, 2: FORMAT_2}

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


def _time(value: datetime | str | None) -> str:
    """``2026-11-26T19:14:23.847045Z``: UTC, always six digits of microseconds.

    A string is taken as already written so (verify has the database format the stored time,
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


def prefix(format_version: int, key_id: str) -> str:
    """The start of an event's canonical bytes: the format tag and, from format 2, the signing key's id."""
    if format_version == 1:
        return FORMAT_1
    return f"{FORMATS[format_version]}|{key_id}"


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
    *,
    key_id: str | None = None,
) -> bytes:
    """The exact bytes an event's link is computed over: ASCII fields joined by ``|``.

    With ``key_id`` the bytes are format 2 (``parure-custody/2|<key id>|…``), which binds the
    event to the key that signs it; without, format 1. Free text is written as lowercase hex of
    its UTF-8 bytes, so no character in it can be confused with a separator and no Unicode
    normalisation can change it. (One f-string, not a join of helper calls.)
    """
    return (
        f"{FORMAT_1 if key_id is None else prefix(2, key_id)}|{seq}|{item_id}|{kind}|"
        f"{'' if from_location_id is None else from_location_id}|{to_location_id}|"
        f"{counterpart.encode('utf-8').hex() if counterpart else ''}|"
        f"{'' if counterpart_client_id is None else counterpart_client_id}|{staff_id}|"
        f"{'' if witness_id is None else witness_id}|{_time(at)}|{reason.encode('utf-8').hex() if reason else ''}|"
        f"{purpose}|{'' if due_back is None else _time(due_back)}|{'' if destination_id is None else destination_id}|"
        f"{tracking_number.encode('utf-8').hex() if tracking_number else ''}|"
        f"{cause.encode('utf-8').hex() if cause else ''}|{'' if corrects_id is None else corrects_id}|{prev_link}"
    ).encode("ascii")


def link_of(canonical_bytes: bytes, key: bytes | None = None) -> str:
    """HMAC-SHA-256 of the canonical bytes under ``key`` (default: the current key), as 64 hex digits."""
    return hmac.digest(key or current_key(), canonical_bytes, "sha256").hex()


def current_key() -> bytes:
    """The key new events are signed with; refuses with the sentence that says how to make one."""
    ring = key_ring()
    if ring.current is None:
        raise CustodyError(f"Nothing was recorded: {ring.problem}")
    return ring.current


def event_canonical(event: CustodyEvent, key_id: str | None = None) -> bytes:
    """An event's canonical bytes in format 2 under ``key_id`` (default: the current key's)."""
    return canonical(*(getattr(event, name) for name in CANONICAL_FIELDS), key_id=key_id or key_ring().current_id)


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


def state_after(previous: ItemState | None, event: CustodyEvent, to: Location) -> ItemState:
    """The piece's custody after ``event`` (which goes to ``to``): a function of that event and the state before it.

    The one way services, the demonstration data and tests derive a piece's state from an event.
    """
    return next_state(
        previous,
        event.seq,
        event.kind,
        event.from_location_id,
        to.pk,
        to.type,
        to.kind,
        event.counterpart,
        event.counterpart_client_id,
        event.staff_id,
        event.at,
        event.due_back,
        event.destination_id,
    )


def next_state(
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
    """:func:`state_after` with the event's fields given one by one, for replays of plain rows (verify)."""
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


# --- Spans: which key signed which events ----------------------------------------------------


def span_marker(
    *,
    first_seq: int,
    format_version: int,
    span_key_id: str,
    previous_key_id: str,
    after_link: str,
    started_at: datetime,
    started_by_id: int,
    reason: str,
) -> bytes:
    """The bytes a span's ``handover`` and ``seal`` are computed over (docs/custody.md, "Spans")."""
    return (
        f"parure-ledger-span/1|{first_seq}|{format_version}|{span_key_id}|{previous_key_id}|{after_link}|"
        f"{_time(started_at)}|{started_by_id}|{reason.encode('utf-8').hex()}"
    ).encode("ascii")


def _open_span(
    *,
    first_seq: int,
    format_version: int,
    key: bytes,
    previous_key: bytes | None,
    after_link: str,
    by_id: int,
    reason: str,
) -> LedgerSpan:
    span = LedgerSpan(
        first_seq=first_seq,
        format=format_version,
        key_id=key_id(key),
        previous_key_id=key_id(previous_key) if previous_key is not None else "",
        after_link=after_link,
        started_at=timezone.now(),
        started_by_id=by_id,
        reason=reason,
    )
    marker = span_marker(
        first_seq=first_seq,
        format_version=format_version,
        span_key_id=span.key_id,
        previous_key_id=span.previous_key_id,
        after_link=after_link,
        started_at=span.started_at,
        started_by_id=by_id,
        reason=reason,
    )
    span.handover = hmac.digest(previous_key, marker, "sha256").hex() if previous_key is not None else ""
    span.seal = hmac.digest(key, marker, "sha256").hex()
    span.save()
    return span


def spans() -> list[LedgerSpan]:
    return list(LedgerSpan.objects.order_by("first_seq", "id"))


# --- Appending -----------------------------------------------------------------------------


class Head(NamedTuple):
    seq: int
    link: str
    key_id: str


def lock_head() -> Head:
    """Lock the ledger head's row until the transaction ends, and read it: the one lock every append takes.

    Creates the row from the last event if it is missing. Plain SQL: this runs once per custody
    action on the hottest path of the application.
    """
    table = connection.ops.quote_name(LedgerHead._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, link, key_id FROM {table} WHERE id = 1{lock}")  # noqa: S608 - our own table name
        row = cursor.fetchone()
    if row is None:
        seq, link = head()
        last_span = LedgerSpan.objects.order_by("-first_seq", "-id").values_list("key_id", flat=True).first()
        LedgerHead.objects.bulk_create(
            [LedgerHead(pk=1, seq=seq, link=link, key_id=last_span or "")], ignore_conflicts=True
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT seq, link, key_id FROM {table} WHERE id = 1{lock}")  # noqa: S608
            row = cursor.fetchone()
    return Head(int(row[0]), str(row[1]), str(row[2] or ""))


def _refusal(head_key_id: str, ring: KeyRing) -> CustodyError:
    return CustodyError(
        f"Nothing was recorded: the custody ledger was last signed with key {head_key_id}, but this server "
        f"holds key {ring.current_id} (PARURE_LEDGER_KEY). Restore the key that signed the ledger, or, if you are "
        "rotating the key, run ‘parure ledger rotate-key’ first (docs/custody.md, “Rotating the key”).",
        code="ledger_key_mismatch",
    )


def _adopt(current: Head, key: bytes, ring: KeyRing, by_id: int) -> None:
    """Open the first format-2 span of a ledger whose head names no key (a new ledger, or one from before spans).

    A ledger from before spans is format 1 throughout and was signed with one key: its last event
    must check under the key this server holds, or nothing is appended.
    """
    last_span = LedgerSpan.objects.order_by("-first_seq", "-id").first()
    if last_span is not None:
        # The head row lost its key id (it is an ordinary row); the last span says which key signs.
        if last_span.key_id != ring.current_id:
            raise _refusal(last_span.key_id, ring)
        return
    if current.seq == 0:
        _open_span(
            first_seq=1,
            format_version=CURRENT_FORMAT,
            key=key,
            previous_key=None,
            after_link=GENESIS_LINK,
            by_id=by_id,
            reason="The ledger's first key",
        )
        return
    last = CustodyEvent.objects.filter(seq=current.seq).first()
    if last is None or link_of(canonical(*(getattr(last, name) for name in CANONICAL_FIELDS)), key) != last.link:
        raise CustodyError(
            f"Nothing was recorded: the custody ledger's last event ({current.seq}) does not check under this server's "
            f"key {ring.current_id} (PARURE_LEDGER_KEY). Restore the key that signed the ledger, then run "
            "‘parure ledger verify’.",
            code="ledger_key_mismatch",
        )
    _open_span(
        first_seq=1,
        format_version=1,
        key=key,
        previous_key=None,
        after_link=GENESIS_LINK,
        by_id=by_id,
        reason="Events written before key identifiers (format 1)",
    )
    _open_span(
        first_seq=current.seq + 1,
        format_version=CURRENT_FORMAT,
        key=key,
        previous_key=key,
        after_link=current.link,
        by_id=by_id,
        reason=f"Format {CURRENT_FORMAT}: each event names its key",
    )


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

    Must run inside the caller's transaction, after the caller has locked the pieces' rows.
    Refuses (:class:`CustodyError`, nothing written) unless the key this server holds is the
    key that signed the chain's head. Each event's ``seq``, ``prev_link``, ``link`` and (when
    unset) ``at`` are filled in here, under the head lock, so sequence and time advance together.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("Custody events are appended inside the transaction that changes the piece.")
    if not events:
        return []
    ring = key_ring()
    key = current_key()
    current = lock_head()
    if current.key_id != ring.current_id:
        if current.key_id:
            raise _refusal(current.key_id, ring)
        _adopt(current, key, ring, events[0].staff_id)
    signing = prefix(CURRENT_FORMAT, ring.current_id)
    seq, prev_link = current.seq, current.link
    now = timezone.now()
    for event in events:
        seq += 1
        event.seq, event.prev_link = seq, prev_link
        if event.at is None:
            event.at = now
        event.link = prev_link = hmac.digest(key, canonical_with(signing, event), "sha256").hex()
    if len(events) == 1:
        _insert_one(events[0])
    else:
        CustodyEvent.objects.bulk_create(events, batch_size=500)
    _write_head(seq, prev_link, ring.current_id, now)
    return list(events)


def canonical_with(signing_prefix: str, event: CustodyEvent) -> bytes:
    """An event's canonical bytes after a prefix from :func:`prefix`."""
    body = canonical(*(getattr(event, name) for name in CANONICAL_FIELDS))
    return signing_prefix.encode("ascii") + body[len(FORMAT_1) :]


def _write_head(seq: int, link: str, signing_key_id: str, now: datetime) -> None:
    table = connection.ops.quote_name(LedgerHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET seq = %s, link = %s, key_id = %s, updated_at = %s WHERE id = 1",  # noqa: S608
            [seq, link, signing_key_id, connection.ops.adapt_datetimefield_value(now)],
        )


def _format_1_signer(current: Head, ring: KeyRing) -> str:
    """Which key of the ring signed the last event of a ledger from before spans (format 1)."""
    last = CustodyEvent.objects.filter(seq=current.seq).first()
    if last is None:
        return ""
    body = canonical(*(getattr(last, name) for name in CANONICAL_FIELDS))
    for candidate_id, candidate in ring.retired.items():
        if hmac.compare_digest(link_of(body, candidate), last.link):
            return candidate_id
    raise CustodyError(
        f"The ledger's last event ({current.seq}) does not check under any key in PARURE_LEDGER_OLD_KEYS: add the key "
        "that signed it there (the rotation is sealed by the old key as well as the new one)."
    )


@transaction.atomic
def rotate_key(*, by: Staff, reason: str) -> LedgerSpan:
    """Start signing with the current key (``PARURE_LEDGER_KEY``) from the next event on.

    The key that signed the head must be in the ring as a retired key
    (``PARURE_LEDGER_OLD_KEYS``), and the head event must check under it: the new span's
    marker is sealed by both keys. Refuses with a sentence, writing nothing, otherwise.
    """
    if not by.is_active or by.role != Role.ADMINISTRATOR:
        raise CustodyError(f"{by} may not rotate the ledger key; an active administrator must.", field="by")
    reason = reason.strip()
    if not reason:
        raise CustodyError("Say why the key is rotated (e.g. ‘Yearly rotation’ or ‘Key exposed in a backup’).")
    if len(reason) > 200:
        raise CustodyError("The reason is longer than 200 characters.")
    ring = key_ring()
    key = current_key()
    current = lock_head()
    signed_by = (
        current.key_id or LedgerSpan.objects.order_by("-first_seq", "-id").values_list("key_id", flat=True).first()
    )
    if not signed_by and current.seq:
        signed_by = _format_1_signer(current, ring)
    if not signed_by:
        raise CustodyError(
            "The ledger has no key yet: it takes this server's key with its first event, so there is nothing to rotate."
        )
    if signed_by == ring.current_id:
        raise CustodyError(
            f"The ledger is already signed with this server's key {ring.current_id}. To rotate, move that key to "
            "PARURE_LEDGER_OLD_KEYS, set PARURE_LEDGER_KEY to the new key, and run this again."
        )
    old = ring.retired.get(signed_by)
    if old is None:
        raise CustodyError(
            f"The ledger was last signed with key {signed_by}, which is not in PARURE_LEDGER_OLD_KEYS: add it there "
            "(the rotation is sealed by the old key as well as the new one)."
        )
    last_span = LedgerSpan.objects.order_by("-first_seq", "-id").first()
    if current.seq:
        last = CustodyEvent.objects.filter(seq=current.seq).first()
        span_format = last_span.format if last_span is not None else 1
        if (
            last is None
            or last.link != current.link
            or link_of(canonical_with(prefix(span_format, signed_by), last), old) != last.link
        ):
            raise CustodyError(
                f"The ledger's last event ({current.seq}) does not check under key {signed_by}; run ‘parure ledger "
                "verify’ and resolve what it reports before rotating."
            )
    if last_span is None and current.seq:
        # A ledger from before spans: record its format-1 span first, under the old key.
        _open_span(
            first_seq=1,
            format_version=1,
            key=old,
            previous_key=None,
            after_link=GENESIS_LINK,
            by_id=by.pk,
            reason="Events written before key identifiers (format 1)",
        )
    span = _open_span(
        first_seq=current.seq + 1,
        format_version=CURRENT_FORMAT,
        key=key,
        previous_key=old,
        after_link=current.link,
        by_id=by.pk,
        reason=reason,
    )
    _write_head(current.seq, current.link, ring.current_id, timezone.now())
    return span


def key_problem() -> str | None:
    """Why this server cannot append to the ledger with the key it holds, as the refusal's sentence; None if it can.

    The same test as :func:`append` makes (``parure check`` reports it), without locking.
    """
    ring = key_ring()
    if ring.current is None:
        return f"Nothing can be recorded: {ring.problem}"
    row = LedgerHead.objects.filter(pk=1).values_list("seq", "link", "key_id").first()
    current = Head(int(row[0]), str(row[1]), str(row[2] or "")) if row is not None else Head(*head(), "")
    signed_by = (
        current.key_id or LedgerSpan.objects.order_by("-first_seq", "-id").values_list("key_id", flat=True).first()
    )
    if signed_by:
        if signed_by == ring.current_id:
            return None
        return _refusal(signed_by, ring).message.replace("Nothing was recorded:", "Nothing can be recorded:", 1)
    if current.seq == 0:
        return None
    last = CustodyEvent.objects.filter(seq=current.seq).first()
    if (
        last is not None
        and link_of(canonical(*(getattr(last, name) for name in CANONICAL_FIELDS)), ring.current) == last.link
    ):
        return None
    return (
        f"Nothing can be recorded: the custody ledger's last event ({current.seq}) does not check under this server's "
        f"key {ring.current_id} (PARURE_LEDGER_KEY). Restore the key that signed the ledger, then run ‘parure ledger "
        "verify’."
    )


def head() -> tuple[int, str]:
    """The ledger's current head (sequence number, link): what to record outside the system."""
    last = CustodyEvent.objects.order_by("-seq").values_list("seq", "link").first()
    return last if last is not None else (0, GENESIS_LINK)


def head_key_id() -> str:
    """The identifier of the key that signs the ledger from its head on ('' before the first event)."""
    return LedgerSpan.objects.order_by("-first_seq", "-id").values_list("key_id", flat=True).first() or ""


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


def _sql_hex(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"encode(convert_to({column}, 'UTF8'), 'hex')"
    return f"lower(hex({column}))"  # SQLite: the hex of the text's UTF-8 bytes


def _sql_int(column: str) -> str:
    cast = "::text" if connection.vendor == "postgresql" else ""
    return f"COALESCE({column}{cast}, '')"


def _sql_time(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"COALESCE(to_char({column} AT TIME ZONE 'UTC', '{_PG_TIME}'), '')"
    # SQLite holds UTC as ‘2026-11-26 19:14:23.847045’, without the fraction when it is zero.
    fraction = f"CASE WHEN length({column}) = 19 THEN '.000000' ELSE '' END"
    return f"COALESCE(replace({column}, ' ', 'T') || {fraction} || 'Z', '')"


def canonical_body_sql() -> str:
    """SQL for an event's canonical bytes after the format prefix (``|seq|item|…|prev_link``).

    The database writes exactly what :func:`canonical` writes (tests compare the two on every
    kind of field, on SQLite and PostgreSQL): building the text in the database is what makes
    verify as fast as the hashing allows.
    """
    c = {name: connection.ops.quote_name(_column(CustodyEvent, name)) for name in CANONICAL_FIELDS}
    written = {
        "seq": c["seq"],
        "item_id": c["item_id"],
        "kind": c["kind"],
        "from_location_id": _sql_int(c["from_location_id"]),
        "to_location_id": c["to_location_id"],
        "counterpart": _sql_hex(c["counterpart"]),
        "counterpart_client_id": _sql_int(c["counterpart_client_id"]),
        "staff_id": c["staff_id"],
        "witness_id": _sql_int(c["witness_id"]),
        "at": _sql_time(c["at"]),
        "reason": _sql_hex(c["reason"]),
        "purpose": c["purpose"],
        "due_back": _sql_time(c["due_back"]),
        "destination_id": _sql_int(c["destination_id"]),
        "tracking_number": _sql_hex(c["tracking_number"]),
        "cause": _sql_hex(c["cause"]),
        "corrects_id": _sql_int(c["corrects_id"]),
        "prev_link": c["prev_link"],
    }
    return " || ".join(f"'|' || {written[name]}" for name in CANONICAL_FIELDS)


# The columns the replay reads, then the canonical body and the link.
_REPLAY_FIELDS = (
    "seq",
    "item_id",
    "kind",
    "from_location_id",
    "to_location_id",
    "counterpart",
    "counterpart_client_id",
    "staff_id",
    "at",
    "due_back",
    "destination_id",
    "corrects_id",
)


def _rows(chunk_size: int, last_seq: int) -> Iterable[tuple[Any, ...]]:
    """Every event up to ``last_seq`` in ledger order, as plain tuples, streamed (a server-side cursor on PostgreSQL).

    The times come back already written as canonical text, and the canonical body built by the
    database: parsing a million timestamps into datetimes only to format them again, and
    building the text in Python, cost more than the hashing.
    """
    table = connection.ops.quote_name(CustodyEvent._meta.db_table)
    columns = ", ".join(
        _sql_time(connection.ops.quote_name(name)) if name in ("at", "due_back") else _column(CustodyEvent, name)
        for name in _REPLAY_FIELDS
    )
    sql = f"SELECT {columns}, {canonical_body_sql()}, link FROM {table} WHERE seq <= %s ORDER BY seq"  # noqa: S608
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [last_seq])
        while rows := cursor.fetchmany(chunk_size):
            yield from rows


class _Span(NamedTuple):
    first_seq: int
    key_id: str
    prefix: bytes
    key: bytes | None
    after_link: str


def _missing_key(span: _Span, ring: KeyRing, last_seq: int, next_start: int | None) -> _Failure:
    end = (next_start - 1) if next_start is not None else last_seq
    which = f"Events {span.first_seq} to {end} were" if end > span.first_seq else f"Event {span.first_seq} was"
    problem = f" ({ring.problem})" if ring.problem else ""
    return _Failure(
        f"{which} signed with key {span.key_id}, which this server does not hold{problem}: add that key to "
        "PARURE_LEDGER_OLD_KEYS (or PARURE_LEDGER_KEY if it is the current one) and verify again.",
        span.first_seq,
    )


def _effective_spans(ring: KeyRing, last_seq: int) -> tuple[list[_Span], bool]:
    """The spans in force, their markers checked, and whether any is recorded.

    A ledger from before spans is one format-1 span under the current key.
    """
    recorded = spans()
    if not recorded:
        current = ring.current
        return [_Span(1, ring.current_id or "(the current key)", FORMAT_1.encode(), current, GENESIS_LINK)], False
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


def verify(*, expected_head: tuple[int, str] | None = None, chunk_size: int = 20_000) -> Verification:
    """Re-walk the whole chain and the pieces' stored state; stop at the first problem. Never raises: it reports.

    Checks the key spans' markers, then, in ledger order: sequence numbers run 1, 2, 3… with no
    gap; each event's ``prev_link`` is the link before it; each link is the HMAC of the event's
    canonical bytes under its span's key; each event starts where the piece's previous event
    left it. Then each piece's stored state equals the replay, the head row equals the last
    event and names the last span's key and, when given, the head recorded outside the system
    is still in the chain.
    """
    started = time.perf_counter()
    ring = key_ring()
    places = {pk: (type_, kind) for pk, type_, kind in Location.objects.values_list("pk", "type", "kind")}
    numbers: dict[int, str] = {}
    states: dict[int, ItemState] = {}
    expected, prev_link, count = 1, GENESIS_LINK, 0
    recorded_link: str | None = None
    last_seq = head()[0]
    try:
        in_force, recorded_spans = _effective_spans(ring, last_seq)
        intake = EventKind.INTAKE
        digest = hmac.digest
        span_index, key, signing = -1, None, b""
        next_start: int | None = in_force[0].first_seq
        for row in _rows(chunk_size, last_seq):
            (seq, item_id, kind, from_id, to_id, counterpart, client_id, staff_id) = row[:8]
            at, due_back, destination_id, corrects, body, link = row[8:14]
            if seq != expected:
                if expected == 1:
                    missing = "Event 1 is missing" if seq == 2 else f"Events 1 to {seq - 1} are missing"
                    raise _Failure(f"{missing}: the ledger starts at event {seq}.", 1)
                raise _Failure(
                    f"Event {expected} is missing: the ledger goes from event {expected - 1} to event {seq}.", expected
                )
            if body[-64:] != prev_link:
                raise _Failure(
                    f"Event {seq} does not follow event {seq - 1}: its previous link does not match "
                    "(events were removed, inserted or reordered before it).",
                    seq,
                )
            if seq == next_start:
                span_index += 1
                span = in_force[span_index]
                next_start = in_force[span_index + 1].first_seq if span_index + 1 < len(in_force) else None
                if span.after_link != prev_link:
                    raise _Failure(
                        f"The key span from event {seq} (key {span.key_id}) does not start after event {seq - 1}: "
                        "its marker names another link.",
                        seq,
                    )
                if span.key is None:
                    raise _missing_key(span, ring, last_seq, next_start)
                key, signing = span.key, span.prefix
            if digest(key, signing + body.encode("ascii"), "sha256").hex() != link:  # type: ignore[arg-type]
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
            if expected_head is not None and seq == expected_head[0]:
                recorded_link = link
            prev_link, expected, count = link, expected + 1, count + 1
        last_seq = expected - 1
        if next_start is not None and next_start <= last_seq + 1 and span_index + 1 < len(in_force):
            # A span opened after the last event (a rotation with no event since): check where it starts.
            pending = in_force[span_index + 1]
            if pending.after_link != prev_link:
                raise _Failure(
                    f"The key span from event {pending.first_seq} (key {pending.key_id}) does not start after "
                    f"event {last_seq}: its marker names another link.",
                    pending.first_seq,
                )
        _check_head_row(last_seq, prev_link, in_force[-1].key_id if recorded_spans else "")
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
