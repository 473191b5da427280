"""What counts plug into the shared layout: the "Counts due" panel on My day and
the demonstration counts (built after the inventory's demonstration custody)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats

from parure.core import registry

# My day stays a glance: the most overdue places, then a link to the whole due list.
PANEL_ROWS = 6


def counts_due_rows(request: HttpRequest) -> list[registry.PanelRow]:
    """Places of the person's office whose count is due, the most overdue first."""
    from parure.inventory.counts import queries

    office = getattr(request.user, "office", None)
    if office is None:
        return []
    due = queries.due_places(office=office)
    rows: list[registry.PanelRow] = []
    for row in due[:PANEL_ROWS]:
        last = formats.date_format(row.last_counted, "j M Y") if row.last_counted else "never counted"
        late = (
            f" · {row.overdue_days} day{'s' if row.overdue_days != 1 else ''} overdue" if row.overdue_days > 0 else ""
        )
        rows.append(
            registry.PanelRow(
                title=f"{row.location.name} ({row.location.office.code} · {row.location.path})",
                url=reverse("inventory:count_new") + f"?place={row.location.pk}",
                detail=f"Last counted: {last}{late}",
            )
        )
    if len(due) > PANEL_ROWS:
        rows.append(
            registry.PanelRow(f"{len(due) - PANEL_ROWS} more places are due", url=reverse("inventory:counts_due"))
        )
    return rows


def register() -> None:
    from parure.inventory.counts import demo, jobs

    # Counts live in inventory's area and its sub-navigation (inventory/base.html): no area of their own.
    jobs.register()
    registry.register_panel(
        registry.Panel(
            "counts_due",
            "Counts due",
            "inventory.view_counts",
            "No count is due in your office.",
            rows=counts_due_rows,
            order=35,
        )
    )
    registry.register_demo(registry.DemoBuilder("inventory_counts", demo.build, order=21))
