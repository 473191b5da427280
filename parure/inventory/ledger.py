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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.db import connection, models, transaction
from django.utils import timezone

from parure.core.choices import Role
from parure.core.models import Staff
from parure.inventory.choices import EventKind, ItemStatus, LocationKind, LocationType
from parure.inventory.errors import CustodyError, InventoryErrorCode
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
        raise CustodyError(f"Nothing was recorded: {ring.problem}", code=InventoryErrorCode.ROTATION_REFUSED)
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
        code=InventoryErrorCode.LEDGER_KEY_MISMATCH,
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
            code=InventoryErrorCode.LEDGER_KEY_MISMATCH,
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
        "that signed it there (the rotation is sealed by the old key as well as the new one).",
        code=InventoryErrorCode.ROTATION_REFUSED,
    )


@transaction.atomic
def rotate_key(*, by: Staff, reason: str) -> LedgerSpan:
    """Start signing with the current key (``PARURE_LEDGER_KEY``) from the next event on.

    The key that signed the head must be in the ring as a retired key
    (``PARURE_LEDGER_OLD_KEYS``), and the head event must check under it: the new span's
    marker is sealed by both keys. Refuses with a sentence, writing nothing, otherwise.
    """
    if not by.is_active or by.role != Role.ADMINISTRATOR:
        raise CustodyError(
            f"{by} may not rotate the ledger key; an active administrator must.",
            field="by",
            code=InventoryErrorCode.NOT_PERMITTED,
        )
    reason = reason.strip()
    if not reason:
        raise CustodyError(
            "Say why the key is rotated (e.g. ‘Yearly rotation’ or ‘Key exposed in a backup’).",
            code=InventoryErrorCode.INVALID,
        )
    if len(reason) > 200:
        raise CustodyError("The reason is longer than 200 characters.", code=InventoryErrorCode.INVALID)
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
            "The ledger has no key yet: it takes this server's key with its first event, "
            "so there is nothing to rotate.",
            code=InventoryErrorCode.ROTATION_REFUSED,
        )
    if signed_by == ring.current_id:
        raise CustodyError(
            f"The ledger is already signed with this server's key {ring.current_id}. To rotate, move that key to "
            "PARURE_LEDGER_OLD_KEYS, set PARURE_LEDGER_KEY to the new key, and run this again.",
            code=InventoryErrorCode.ROTATION_REFUSED,
        )
    old = ring.retired.get(signed_by)
    if old is None:
        raise CustodyError(
            f"The ledger was last signed with key {signed_by}, which is not in PARURE_LEDGER_OLD_KEYS: add it there "
            "(the rotation is sealed by the old key as well as the new one).",
            code=InventoryErrorCode.ROTATION_REFUSED,
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
                "verify’ and resolve what it reports before rotating.",
                code=InventoryErrorCode.ROTATION_REFUSED,
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


def verify(
    *, expected_head: tuple[int, str] | None = None, workers: int | None = None, chunk_size: int = 20_000
) -> Verification:
    """Re-walk the whole chain and the pieces' stored state; name the first problem. Never raises: it reports.

    See :mod:`parure.inventory.ledger_verify` (imported here, not at the top: it builds on this module).
    """
    from parure.inventory.ledger_verify import verify_chain

    return verify_chain(expected_head=expected_head, workers=workers, chunk_size=chunk_size)
