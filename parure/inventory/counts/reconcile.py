"""Reconciliation: the count against the ledger, in exactly six groups.

- **found in place**: scanned where the ledger had the piece when it was scanned;
- **misplaced**: scanned somewhere other than where the ledger had it, the ledger having it at a
  place in the house (another tray, another room, another office: we say where), or a piece
  a count had recorded missing, scanned again;
- **missing**: expected, not scanned, and the ledger now has it resting (in the house) in scope;
- **moved out during the count**: expected at the start, not scanned, and moved out of the
  scope by a custody event after the start: the count must account for it (a move recorded
  while the count was open is not a proof that the piece was there);
- **unexpected**: a known piece the ledger had out of the house (checked out off the
  premises, in transit, released...) when it was scanned, or a code no piece carries;
- **overdue check-outs**, listed apart: pieces checked out from (or to) a place in scope whose
  due-back time has passed.

Custody moves during the count come from the ledger's events after the count's start
(``start_seq``); a piece that arrived in scope after the start is expected too. Each scan
records where the ledger had the piece at that moment, so a piece scanned and then moved on is
still found.

The heavy part is done in the database (counts and anti-joins over the scans and the expected
set), and only the discrepancies — a few in a hundred — are brought into Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from parure.inventory.choices import IN_HOUSE_KINDS, ItemStatus
from parure.inventory.counts.choices import DiscrepancyKind, ScanResult
from parure.inventory.counts.models import CountExpected, CountScan, CountSession
from parure.inventory.counts.scope import scope_places, scope_tree
from parure.inventory.models import CustodyEvent, Item, Location


@dataclass(frozen=True)
class Line:
    """One discrepancy: the code, the piece (None for an unknown code), where the count found it
    and where the ledger had it."""

    kind: str
    code: str
    item_id: int | None
    found_at_id: int | None
    system_location_id: int | None


@dataclass
class Reconciliation:
    found: int
    misplaced: list[Line]
    missing: list[Line]
    moved: list[Line]
    unexpected: list[Line]
    overdue: list[int]
    expected_at_start: int
    expected_now: int
    scanned: int
    left_during_count: list[int] = field(default_factory=list)
    arrived_during_count: list[int] = field(default_factory=list)

    @property
    def discrepancies(self) -> list[Line]:
        return [*self.misplaced, *self.missing, *self.moved, *self.unexpected]

    def totals(self) -> dict[str, int]:
        return {
            "expected_at_start": self.expected_at_start,
            "expected_now": self.expected_now,
            "scanned": self.scanned,
            "found": self.found,
            "misplaced": len(self.misplaced),
            "missing": len(self.missing),
            "moved": len(self.moved),
            "unexpected": len(self.unexpected),
            "overdue": len(self.overdue),
            "left_during_count": len(self.left_during_count),
            "arrived_during_count": len(self.arrived_during_count),
        }


def reconcile(session: CountSession, *, now: datetime | None = None) -> Reconciliation:
    """The count's result as of now (a fixed number of queries, whatever its size)."""
    now = now or timezone.now()
    in_scope = set(scope_places(session).values_list("pk", flat=True))
    in_house = set(Location.objects.filter(kind__in=sorted(IN_HOUSE_KINDS)).values_list("pk", flat=True))
    scans = CountScan.objects.filter(session=session)
    known = scans.filter(item__isnull=False)

    misplaced: list[Line] = []
    unexpected: list[Line] = []
    scanned_ids: set[int] = set()
    # One pass over the count's scans brings back only those that differ from the ledger (and
    # unknown codes, and pieces recorded missing); the pieces found in place are the rest of the
    # known scans, which the session counts as they are recorded.
    # (A scan is "found" exactly when the ledger had the piece, not recorded missing, where it was
    # scanned; a partial index holds the others.)
    off = scans.exclude(result=ScanResult.FOUND).values_list("code", "item_id", "location_id", "ledger_location_id")
    known_off = 0
    for code, item_id, found_at, system in off:
        if item_id is None:
            unexpected.append(Line(DiscrepancyKind.UNEXPECTED, code, None, found_at, None))
            continue
        known_off += 1
        if system in in_house:
            misplaced.append(Line(DiscrepancyKind.MISPLACED, code, item_id, found_at, system))
        else:
            unexpected.append(Line(DiscrepancyKind.UNEXPECTED, code, item_id, found_at, system))
    scanned_count = CountSession.objects.filter(pk=session.pk).values_list("scanned_count", flat=True).get()
    found = scanned_count - known_off

    # Pieces whose custody changed after the start: their present state is the replay of those events.
    moved_now = {
        pk: (code, location_id, status)
        for pk, code, location_id, status in Item.objects.filter(
            pk__in=CustodyEvent.objects.filter(seq__gt=session.start_seq).values("item_id")
        )
        .order_by()
        .values_list("pk", "stock_number", "location_id", "status")
    }
    expected_ids = set(
        CountExpected.objects.filter(session=session, item_id__in=list(moved_now)).values_list("item_id", flat=True)
    )
    resting_now = {
        pk for pk, (_, place, status) in moved_now.items() if status == ItemStatus.IN_HOUSE and place in in_scope
    }
    left = sorted(expected_ids - resting_now)
    arrived = sorted(resting_now - expected_ids)
    if moved_now:
        scanned_ids = set(known.filter(item_id__in=list(moved_now)).values_list("item_id", flat=True))

    stayed = (
        CountExpected.objects.filter(session=session, scanned=False)
        .exclude(item_id__in=list(moved_now))
        .values_list("item__stock_number", "item_id", "location_id")
    )
    missing = [Line(DiscrepancyKind.MISSING, code, pk, None, place) for code, pk, place in stayed]
    for pk in sorted(resting_now - scanned_ids):
        code, place, _ = moved_now[pk]
        missing.append(Line(DiscrepancyKind.MISSING, code, pk, None, place))
    # Expected, never scanned, and moved out of scope while the count was open: still to account for.
    moved = [
        Line(DiscrepancyKind.MOVED, moved_now[pk][0], pk, None, moved_now[pk][1])
        for pk in left
        if pk not in scanned_ids
    ]
    expected_at_start = session.expected_count
    expected_now = expected_at_start - len(left) + len(arrived)

    tree = scope_tree(session).values("pk")
    overdue = list(
        Item.objects.filter(status=ItemStatus.CHECKED_OUT, due_back__lt=now)
        .filter(Q(location__in=tree) | Q(checked_out_from__in=tree))
        .order_by("due_back")
        .values_list("pk", flat=True)
    )
    return Reconciliation(
        found=found,
        misplaced=sorted(misplaced, key=lambda line: line.code),
        missing=sorted(missing, key=lambda line: line.code),
        moved=sorted(moved, key=lambda line: line.code),
        unexpected=sorted(unexpected, key=lambda line: line.code),
        overdue=overdue,
        expected_at_start=expected_at_start,
        expected_now=expected_now,
        scanned=scanned_count,
        left_during_count=left,
        arrived_during_count=arrived,
    )


@dataclass(frozen=True)
class ShownLine:
    """A discrepancy with its piece and places loaded, for pages, the API and reports."""

    kind: str
    code: str
    item: Item | None
    found_at: Location | None
    system_location: Location | None


def shown(lines: list[Line]) -> list[ShownLine]:
    """Load the pieces and places of ``lines`` in two queries."""
    items = Item.objects.in_bulk([line.item_id for line in lines if line.item_id is not None])
    place_ids = {pk for line in lines for pk in (line.found_at_id, line.system_location_id) if pk is not None}
    places = Location.objects.select_related("office").in_bulk(place_ids)
    return [
        ShownLine(
            kind=line.kind,
            code=line.code,
            item=items.get(line.item_id) if line.item_id is not None else None,
            found_at=places.get(line.found_at_id) if line.found_at_id is not None else None,
            system_location=places.get(line.system_location_id) if line.system_location_id is not None else None,
        )
        for line in lines
    ]
