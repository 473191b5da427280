"""Reads shared by the count pages, the API, the "Counts due" panel and the reports.

Each brings what its callers show, so a list issues the same number of queries whatever its length.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from parure.core.choices import AccessAction
from parure.core.models import AccessLogEntry, Office
from parure.inventory.choices import TERMINAL_STATUSES, ItemStatus, LocationKind
from parure.inventory.counts.choices import COUNTABLE_KINDS, DEFAULT_INTERVAL_DAYS, CountScope, CountStatus
from parure.inventory.counts.models import CountDiscrepancy, CountInterval, CountScan, CountSession, CountSignOff
from parure.inventory.counts.scope import covers
from parure.inventory.models import Item, Location

SESSION_RELATED = ("location", "location__office", "office", "counter", "witness", "started_by")


def sessions(
    *, location: Location | None = None, office: Office | None = None, status: str = ""
) -> QuerySet[CountSession]:
    """Counts, newest first; with ``location``, every count that covered that place (its history)."""
    rows = CountSession.objects.select_related(*SESSION_RELATED).order_by("-started_at", "-pk")
    if status:
        rows = rows.filter(status=status)
    if location is not None:
        parts = location.path.split("/")
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        rows = rows.filter(
            Q(scope=CountScope.DEPARTMENT)
            | Q(scope=CountScope.OFFICE, office_id=location.office_id)
            | Q(scope=CountScope.LOCATION, location__office_id=location.office_id, location__path__in=prefixes)
        )
    if office is not None:
        rows = rows.filter(Q(office=office) | Q(location__office=office) | Q(scope=CountScope.DEPARTMENT))
    return rows


def session(pk: int) -> CountSession:
    found = (
        CountSession.objects.select_related(*SESSION_RELATED)
        .prefetch_related(Prefetch("sign_offs", queryset=CountSignOff.objects.select_related("staff")))
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404(f"There is no count {pk}.")
    return found


def open_counts_over(place: Location) -> list[CountSession]:
    """The counts being scanned whose scope takes in ``place`` (open counts are few: one query)."""
    rows = CountSession.objects.filter(status=CountStatus.OPEN).select_related("location", "location__office", "office")
    return [count for count in rows if covers(count, place)]


def move_warning(*, stock_number: str, place: Location, to: Location | None = None) -> str:
    """The sentence a mover sees when a piece leaves a place being counted ("" if none is).

    Without ``to`` (the move form), any open count over the place; with it (the result), only
    the counts the piece leaves. The count itself needs no write: its reconciliation reads the
    move from the ledger, and the piece stays to be accounted for.
    """
    counts = [count for count in open_counts_over(place) if to is None or not covers(count, to)]
    if not counts:
        return ""
    names = " and ".join(f"{count.reference} ({count.scope_label})" for count in counts)
    being = "is" if len(counts) == 1 else "are"
    if to is None:
        return (
            f"{names} {being} being counted here: moving {stock_number} out now leaves it for the count to "
            "account for when it is reconciled."
        )
    return (
        f"{stock_number} left a place that {names} {being} counting: the count will ask for it to be accounted for "
        "when it is reconciled."
    )


def recent_scans(session: CountSession, limit: int = 15) -> list[CountScan]:
    return list(
        CountScan.objects.filter(session=session)
        .select_related("item", "location", "location__office", "ledger_location", "ledger_location__office")
        .order_by("-pk")[:limit]
    )


def expected_rows(session: CountSession) -> QuerySet[Item]:
    """For a guided count: the expected pieces, with whether each has been scanned."""
    scanned = CountScan.objects.filter(session=session, item_id=OuterRef("pk"))
    return (
        Item.objects.filter(pk__in=session.expected.values("item_id"))
        .select_related("location", "location__office")
        .annotate(scanned=Exists(scanned))
        .order_by("location__path", "stock_number")
    )


def discrepancies(session: CountSession) -> QuerySet[CountDiscrepancy]:
    return (
        CountDiscrepancy.objects.filter(session=session)
        .select_related(
            "item",
            "found_at",
            "found_at__office",
            "system_location",
            "system_location__office",
            "escalated_to",
            "resolved_by",
            "witnessed_by",
            "event",
        )
        .order_by("kind", "code")
    )


# --- Cycle counting ---------------------------------------------------------------------------------


def intervals() -> dict[str, int]:
    """Days between counts for each countable kind of place (the setting, else the default)."""
    chosen = dict(CountInterval.objects.values_list("kind", "days"))
    return {kind: chosen.get(kind, days) for kind, days in DEFAULT_INTERVAL_DAYS.items()}


@dataclass(frozen=True)
class DuePlace:
    location: Location
    last_counted: datetime | None
    last_count_id: int | None
    due_on: date
    interval_days: int

    @property
    def overdue_days(self) -> int:
        return (timezone.localdate() - self.due_on).days


def _covering(closed: list[CountSession], location: Location) -> CountSession | None:
    for count in closed:  # newest first
        if count.scope == CountScope.DEPARTMENT:
            return count
        if count.scope == CountScope.OFFICE and count.office_id == location.office_id:
            return count
        scope = count.location
        if (
            scope is not None
            and scope.office_id == location.office_id
            and (location.path == scope.path or location.path.startswith(f"{scope.path}/"))
        ):
            return count
    return None


def due_places(*, office: Office | None = None, today: date | None = None, due_only: bool = True) -> list[DuePlace]:
    """Places whose count is due (never counted, or last counted longer ago than their kind's interval)."""
    today = today or timezone.localdate()
    every = intervals()
    places = Location.objects.select_related("office").filter(kind__in=COUNTABLE_KINDS, is_active=True)
    if office is not None:
        places = places.filter(office=office)
    closed = list(
        CountSession.objects.filter(status=CountStatus.CLOSED)
        .select_related("location")
        .only("scope", "office_id", "closed_at", "location__path", "location__office_id")
        .order_by("-closed_at")
    )
    rows = []
    for place in places.order_by("office__code", "path"):
        last = _covering(closed, place)
        days = every[place.kind]
        last_at = last.closed_at if last is not None else None
        due_on = timezone.localdate(last_at) + timedelta(days=days) if last_at is not None else today
        if due_only and due_on > today:
            continue
        rows.append(DuePlace(place, last_at, last.pk if last else None, due_on, days))
    return sorted(rows, key=lambda row: (row.due_on, row.location.office.code, row.location.path))


# --- Accountability -----------------------------------------------------------------------------


@dataclass
class OfficeFigures:
    name: str
    code: str
    by_kind: dict[str, int] = field(default_factory=dict)
    in_custody: int = 0
    checked_out_due: int = 0
    overdue: int = 0
    in_transit: int = 0
    not_verified: int = 0
    last_count: datetime | None = None


@dataclass
class Accountability:
    offices: list[OfficeFigures]
    department: OfficeFigures
    verify_days: int
    kinds: list[tuple[str, str]]
    last_verification_at: datetime | None
    last_verification_result: str


def accountability(*, verify_days: int = 90, now: datetime | None = None) -> Accountability:
    """The department's and each office's figures (a fixed number of queries)."""
    now = now or timezone.now()
    offices = {office.pk: OfficeFigures(office.name, office.code) for office in Office.objects.order_by("name")}
    department = OfficeFigures("The whole department", "")
    in_custody = Item.objects.exclude(status__in=sorted(TERMINAL_STATUSES))

    def add(office_id: int, name: str, value: int, kind: str | None = None) -> None:
        for figures in (offices.get(office_id), department):
            if figures is None:
                continue
            if kind is not None:
                figures.by_kind[kind] = figures.by_kind.get(kind, 0) + value
                figures.in_custody += value
            else:
                setattr(figures, name, getattr(figures, name) + value)

    for office_id, kind, n in in_custody.values_list("location__office_id", "location__kind").annotate(n=Count("pk")):
        add(office_id, "", n, kind)
    checked_out = in_custody.filter(status=ItemStatus.CHECKED_OUT)
    for office_id, n in (
        checked_out.filter(Q(due_back__gte=now) | Q(due_back__isnull=True))
        .values_list("location__office_id")
        .annotate(n=Count("pk"))
    ):
        add(office_id, "checked_out_due", n)
    for office_id, n in checked_out.filter(due_back__lt=now).values_list("location__office_id").annotate(n=Count("pk")):
        add(office_id, "overdue", n)
    for office_id, n in (
        in_custody.filter(status=ItemStatus.IN_TRANSIT).values_list("location__office_id").annotate(n=Count("pk"))
    ):
        add(office_id, "in_transit", n)
    verified = CountScan.objects.filter(
        item_id=OuterRef("pk"),
        session__status=CountStatus.CLOSED,
        session__closed_at__gte=now - timedelta(days=verify_days),
    )
    for office_id, n in in_custody.exclude(Exists(verified)).values_list("location__office_id").annotate(n=Count("pk")):
        add(office_id, "not_verified", n)
    closed = CountSession.objects.filter(status=CountStatus.CLOSED)
    for office_id, location_office_id, scope, closed_at in closed.values_list(
        "office_id", "location__office_id", "scope", "closed_at"
    ).order_by("closed_at"):
        targets = offices.values() if scope == CountScope.DEPARTMENT else [offices.get(office_id or location_office_id)]
        for figures in [*targets, department]:
            if figures is not None:
                figures.last_count = closed_at
    last = (
        AccessLogEntry.objects.filter(
            Q(action=AccessAction.LEDGER_HEAD, subject_kind="custody_ledger")
            | Q(subject_kind="custody_ledger_verification")
        )
        .order_by("-at")
        .values_list("at", "detail")
        .first()
    )
    # In transit has its own column; terminal places hold nothing in custody.
    kinds = [
        (kind.value, kind.label) for kind in LocationKind if kind not in (LocationKind.TERMINAL, LocationKind.TRANSIT)
    ]
    return Accountability(
        offices=list(offices.values()),
        department=department,
        verify_days=verify_days,
        kinds=kinds,
        last_verification_at=last[0] if last else None,
        last_verification_result=last[1] if last else "",
    )
