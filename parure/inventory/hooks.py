"""What the inventory plugs into the shared layout: its nav area, search, the scan box, the
"Overdue check-outs" and "Arriving at your office" panels on My day, demonstration data and
daily jobs; and into the client book's matching, the pieces in custody."""

from __future__ import annotations

import re

from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone

from parure.core import registry
from parure.inventory.errors import StockNumberError
from parure.inventory.numbers import looks_like_stock_number, parse_consignment_number, parse_stock_number

_LOCATION_CODE = re.compile(r"^([A-Z]{2})/([A-Z0-9][A-Z0-9-]{0,23})$")


def resolve_scan(request: HttpRequest, code: str) -> str | None:
    """A scanned tag, receipt or tray label → its page; a wrong check digit is refused, not looked up."""
    from parure.inventory.models import Consignment, Item, Location

    if looks_like_stock_number(code):
        try:
            number = parse_stock_number(code)
        except StockNumberError as refusal:
            raise registry.ScanRefused(refusal.message) from None
        if Item.objects.filter(stock_number=number).exists():
            return reverse("inventory:item", args=[number])
        return None
    try:
        consignment_number = parse_consignment_number(code)
    except StockNumberError as refusal:
        raise registry.ScanRefused(refusal.message) from None
    if consignment_number is not None:
        if not request.user.has_perm("inventory.view_consignments"):
            return None
        if Consignment.objects.filter(number=consignment_number).exists():
            return reverse("inventory:consignment", args=[consignment_number])
        return None
    match = _LOCATION_CODE.match(code)
    if match is not None:
        place = Location.objects.filter(office__code=match.group(1), code=match.group(2)).values_list("pk", flat=True)
        first = place.first()
        return reverse("inventory:location", args=[first]) if first is not None else None
    return None


def search_items(request: HttpRequest, query: str) -> list[registry.SearchHit]:
    from parure.inventory import queries

    hits = []
    for item in queries.items(queries.ItemFilters(text=query))[:10]:
        hits.append(
            registry.SearchHit(
                title=f"{item.stock_number} · {item.title}",
                subtitle=f"{item.get_status_display()} · {item.location.label}",
                url=reverse("inventory:item", args=[item.stock_number]),
            )
        )
    return hits


def overdue_rows(request: HttpRequest) -> list[registry.PanelRow]:
    from parure.inventory import queries

    now = timezone.now()
    rows: list[registry.PanelRow] = []
    for item in queries.overdue_for(request.user, now=now)[:12]:  # type: ignore[arg-type]
        assert item.due_back is not None
        days = (now - item.due_back).days
        late = "due today" if days == 0 else f"{days} day{'s' if days != 1 else ''} overdue"
        who = f" · checked out by {item.checked_out_by}" if item.checked_out_by else ""
        rows.append(
            registry.PanelRow(
                title=f"{item.stock_number} · {item.title}",
                url=reverse("inventory:item", args=[item.stock_number]),
                detail=f"{item.location.label} · due {formats.date_format(timezone.localtime(item.due_back), 'j M')}"
                f" ({late}){who}",
            )
        )
    return rows


ARRIVING_LIMIT = 12


def arriving_rows(request: HttpRequest) -> list[registry.PanelRow]:
    """Pieces in transit to the viewer's office, each linked to its Receive page (one query)."""
    from parure.inventory import queries

    office = getattr(request.user, "office", None)
    if office is None:
        return []
    rows: list[registry.PanelRow] = []
    for item in queries.arriving(office)[:ARRIVING_LIMIT]:
        sent = formats.date_format(timezone.localtime(item.custody_since), "j M H:i")
        rows.append(
            registry.PanelRow(
                title=f"{item.stock_number} · {item.title}",
                url=reverse("inventory:item_receive", args=[item.stock_number]),
                detail=f"From {item.location.office.name} · with {item.holder} · sent {sent}",
            )
        )
    return rows


def register() -> None:
    from parure.clients.matching import register_piece_source
    from parure.inventory import demo, jobs, matching, tasks

    jobs.register()
    # A client's page lists the pieces in custody that meet their wants.
    register_piece_source(matching.pieces_meeting)

    registry.register_nav(
        registry.NavArea("inventory", "Inventory", "inventory:items", "inventory.view_items", order=20)
    )
    registry.register_search(
        registry.SearchProvider("inventory", "Pieces", "inventory.view_items", search_items, order=10)
    )
    registry.register_scan(registry.ScanResolver("inventory", "inventory.view_items", resolve_scan, order=10))
    registry.register_panel(
        registry.Panel(
            "overdue_checkouts",
            "Overdue check-outs",
            "core.view_home",
            "Nothing is overdue.",
            rows=overdue_rows,
            order=30,
        )
    )
    registry.register_panel(
        registry.Panel(
            "arriving",
            "Arriving at your office",
            "inventory.transfer_item",
            "Nothing is on its way to your office.",
            rows=arriving_rows,
            order=35,
        )
    )
    registry.register_demo(registry.DemoBuilder("inventory", demo.build, order=20))
    registry.register_daily_job(registry.DailyJob("inventory.record_ledger_head", tasks.record_ledger_head, hour_utc=1))
    registry.register_daily_job(
        registry.DailyJob("inventory.overdue_reminders", tasks.send_overdue_reminders, hour_utc=12)
    )
