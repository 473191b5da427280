"""What other apps plug into the shared layout, registered from their ``AppConfig.ready``.

- navigation areas (the top bar),
- search providers (the global search box),
- scan resolvers (the scan box: a code and Enter),
- "My day" panels (the home page),
- demonstration-data builders (``parure demo``) and daily jobs (``parure worker``).

Core owns the mechanism and its empty states; each app fills its own part, so core never
imports another app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class NavArea:
    key: str
    label: str
    url_name: str
    permission: str
    order: int = 100


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    subtitle: str = ""


@dataclass(frozen=True)
class SearchProvider:
    key: str
    label: str
    permission: str
    search: Callable[[HttpRequest, str], list[SearchHit]]
    order: int = 100


class ScanRefused(Exception):
    """A scanned code that is recognisably ours but wrong (a bad check digit, say)."""


@dataclass(frozen=True)
class ScanResolver:
    key: str
    permission: str
    # Returns the URL of the record the code names, None if the code is not of this kind.
    resolve: Callable[[HttpRequest, str], str | None]
    order: int = 100


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    permission: str
    empty_text: str
    # Returns the rows to show (dicts the panel's template understands); [] shows empty_text.
    rows: Callable[[HttpRequest], list[dict[str, Any]]] = field(default=lambda request: [])
    template: str = "core/panels/rows.html"
    order: int = 100


@dataclass(frozen=True)
class DemoBuilder:
    key: str
    # Called inside the demo transaction with the command's stdout writer.
    build: Callable[[Callable[[str], None]], None]
    order: int = 100


@dataclass(frozen=True)
class DailyJob:
    key: str
    # A django.tasks Task taking no arguments.
    task: Any
    # The hour (UTC) from which the day's run may be enqueued.
    hour_utc: int = 2


nav_areas: dict[str, NavArea] = {}
search_providers: dict[str, SearchProvider] = {}
scan_resolvers: dict[str, ScanResolver] = {}
panels: dict[str, Panel] = {}
demo_builders: dict[str, DemoBuilder] = {}
daily_jobs: dict[str, DailyJob] = {}


def register_nav(area: NavArea) -> None:
    nav_areas[area.key] = area


def register_search(provider: SearchProvider) -> None:
    search_providers[provider.key] = provider


def register_scan(resolver: ScanResolver) -> None:
    scan_resolvers[resolver.key] = resolver


def register_panel(panel: Panel) -> None:
    """Add a "My day" panel, or fill one core declared empty (same key replaces it)."""
    panels[panel.key] = panel


def register_demo(builder: DemoBuilder) -> None:
    demo_builders[builder.key] = builder


def register_daily_job(job: DailyJob) -> None:
    daily_jobs[job.key] = job


def _staff_search(request: HttpRequest, query: str) -> list[SearchHit]:
    from django.db.models import Q
    from django.urls import reverse

    from parure.core.models import Staff

    words = query.split()
    people = Staff.objects.filter(is_active=True)
    for word in words:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(username__iexact=word))
    return [
        SearchHit(
            title=str(person),
            subtitle=f"{person.role_label} · {person.office or 'No office'}",
            url=reverse("core:staff_directory") + f"#staff-{person.pk}",
        )
        for person in people[:10]
    ]


def register_core() -> None:
    from parure.core import demo, tasks

    register_demo(DemoBuilder("core", demo.build_offices_and_staff, order=0))
    register_daily_job(DailyJob("core.clear_expired_sessions", tasks.clear_expired_sessions, hour_utc=3))
    register_nav(NavArea("home", "My day", "core:home", "core.view_home", order=0))
    register_nav(NavArea("staff", "Staff", "core:staff_directory", "core.view_staff_directory", order=900))
    register_nav(NavArea("access_log", "Access log", "core:access_log", "core.view_access_log", order=950))
    register_search(SearchProvider("staff", "Staff", "core.view_staff_directory", _staff_search, order=900))
    # Empty panels that the client book, custody and inquiry issues fill with their own rows.
    register_panel(Panel("appointments", "Appointments today", "core.view_home", "No appointments today.", order=10))
    register_panel(Panel("follow_ups", "Follow-ups due", "core.view_home", "No follow-ups due.", order=20))
    register_panel(Panel("overdue_checkouts", "Overdue check-outs", "core.view_home", "Nothing is overdue.", order=30))
    register_panel(Panel("inquiries", "Waiting inquiries", "core.view_home", "No inquiries are waiting.", order=40))
