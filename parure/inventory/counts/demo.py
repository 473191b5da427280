"""Demonstration counts, built through the real services after the inventory's demo custody:
one closed count of a New York safe with a misplaced piece settled by a count adjustment, and
one guided count of a tray still open. Deterministic: the same places and pieces every time."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db.models import Count, Q

from parure.core.models import Staff
from parure.inventory.choices import ItemStatus, LocationType
from parure.inventory.counts import services
from parure.inventory.counts.choices import CountMode, CountScope, Resolution
from parure.inventory.counts.models import CountDiscrepancy, CountSession
from parure.inventory.models import Item, Location


def _say_none(line: str) -> None:
    return None


def build(say: Callable[[str], None] = _say_none) -> None:
    if CountSession.objects.exists():
        say("  counts already exist; left as they are")
        return
    people = {person.username: person for person in Staff.objects.filter(username__in=["marcus", "eleanor", "ruth"])}
    if len(people) < 3:
        say("  counts: the demo staff are missing; nothing built")
        return
    marcus, eleanor, ruth = people["marcus"], people["eleanor"], people["ruth"]
    resting = Q(items__status=ItemStatus.IN_HOUSE)
    trays = list(
        Location.objects.filter(office__code="NY", type=LocationType.TRAY, is_active=True)
        .annotate(pieces=Count("items", filter=resting))
        .filter(pieces__gte=2)
        .select_related("parent")
        .order_by("path")
    )
    by_safe: dict[int, list[Location]] = {}
    for tray in trays:
        if tray.parent_id is not None:
            by_safe.setdefault(tray.parent_id, []).append(tray)
    safe_trays = next((rows for rows in by_safe.values() if len(rows) >= 2), None)
    if safe_trays is None or len(trays) < 3:
        say("  counts: no New York safe with two stocked trays; nothing built")
        return
    first, second = safe_trays[0], safe_trays[1]
    assert first.parent is not None
    safe = first.parent

    closed = services.count_start(
        scope=CountScope.LOCATION, location=safe, mode=CountMode.BLIND, counter=marcus, witness=ruth, by=marcus
    )
    pieces = list(
        Item.objects.filter(pk__in=closed.expected.values("item_id"))
        .select_related("location")
        .order_by("stock_number")
    )
    # One piece of the first tray turns up in the second: the count finds it misplaced.
    stray = next(piece for piece in pieces if piece.location_id == first.pk)
    for piece in pieces:
        place = second if piece.pk == stray.pk else piece.location
        services.count_scan(session=closed, code=piece.stock_number, by=marcus, place=place)
    # The witness signs the close for reconciliation with their own password, as on the page.
    witness = services.count_witness_confirm(
        session=closed, username=ruth.username, password=settings.PARURE_DEMO_PASSWORD, by=marcus
    )
    services.count_finish(session=closed, by=marcus, witness=witness)
    for discrepancy in CountDiscrepancy.objects.filter(session=closed).order_by("code"):
        services.count_resolve(
            discrepancy=discrepancy,
            action=Resolution.ADJUSTED,
            by=eleanor,
            reason=f"Found in {second.name} during the count; the ledger now follows the tray",
        )
    services.count_sign_off(session=closed, by=eleanor)
    services.count_sign_off(session=closed, by=ruth)

    open_tray = next(tray for tray in trays if tray.parent_id != safe.pk) if len(by_safe) > 1 else trays[-1]
    current = services.count_start(
        scope=CountScope.LOCATION, location=open_tray, mode=CountMode.GUIDED, counter=marcus, witness=ruth, by=marcus
    )
    for number in (
        Item.objects.filter(pk__in=current.expected.values("item_id"))
        .order_by("stock_number")
        .values_list("stock_number", flat=True)[:2]
    ):
        services.count_scan(session=current, code=number, by=marcus)
    say(f"  2 counts: {closed.reference} of {safe.label} (closed), {current.reference} of {open_tray.label} (open)")
