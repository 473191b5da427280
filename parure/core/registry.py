"""What other apps plug into the shared layout, registered from their ``AppConfig.ready``.

- navigation areas (the top bar),
- search providers (the global search box),
- scan resolvers (the scan box: a code and Enter),
- "My day" panels (the home page),
- demonstration-data builders (``parure demo``) and daily jobs (``parure worker``).

Core owns the mechanism and nothing else: this module imports nothing from any app (core's
own entries are registered from ``parure.core.hooks`` like every other app's). Each app
declares what it owns, panels included, so an app that is not installed shows nothing. A key
is registered once: a second registration under the same key is refused at start-up with
ImproperlyConfigured naming the key, so two apps cannot silently replace each other's entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
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
class PanelRow:
    """One line of a "My day" panel: what the panel templates show, and nothing else."""

    title: str
    url: str = ""
    detail: str = ""
    # Past its due date or answer-by time; the clients' panel template marks it.
    overdue: bool = False


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    permission: str
    empty_text: str
    # The rows to show this person; [] shows empty_text.
    rows: Callable[[HttpRequest], list[PanelRow]]
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


def _add[T](entries: dict[str, T], key: str, entry: T, what: str) -> None:
    if key in entries:
        raise ImproperlyConfigured(f"The {what} ‘{key}’ is registered twice; each key may be registered once.")
    entries[key] = entry


def register_nav(area: NavArea) -> None:
    _add(nav_areas, area.key, area, "navigation area")


def register_search(provider: SearchProvider) -> None:
    _add(search_providers, provider.key, provider, "search provider")


def register_scan(resolver: ScanResolver) -> None:
    _add(scan_resolvers, resolver.key, resolver, "scan resolver")


def register_panel(panel: Panel) -> None:
    """Add a "My day" panel; the app that owns the panel's rows declares it."""
    _add(panels, panel.key, panel, "My day panel")


def register_demo(builder: DemoBuilder) -> None:
    _add(demo_builders, builder.key, builder, "demonstration builder")


def register_daily_job(job: DailyJob) -> None:
    _add(daily_jobs, job.key, job, "daily job")
