"""What core itself plugs into the shared layout (called from ``CoreConfig.ready``), the same
way every app does: My day and the staff directory in the top bar, the staff search, the
demonstration offices and staff, and the nightly clean-up of expired sessions."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse

from parure.core import registry


def _staff_search(request: HttpRequest, query: str) -> list[registry.SearchHit]:
    from parure.core.models import Staff

    people = Staff.objects.filter(is_active=True)
    for word in query.split():
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(username__iexact=word))
    return [
        registry.SearchHit(
            title=str(person),
            subtitle=f"{person.role_label} · {person.office or 'No office'}",
            url=reverse("core:staff_directory") + f"#staff-{person.pk}",
        )
        for person in people[:10]
    ]


def register() -> None:
    from parure.core import demo, tasks

    registry.register_demo(registry.DemoBuilder("core", demo.build_offices_and_staff, order=0))
    registry.register_daily_job(
        registry.DailyJob("core.clear_expired_sessions", tasks.clear_expired_sessions, hour_utc=3)
    )
    registry.register_nav(registry.NavArea("home", "My day", "core:home", "core.view_home", order=0))
    registry.register_nav(
        registry.NavArea("staff", "Staff", "core:staff_directory", "core.view_staff_directory", order=900)
    )
    registry.register_nav(
        registry.NavArea("access_log", "Access log", "core:access_log", "core.view_access_log", order=950)
    )
    registry.register_search(
        registry.SearchProvider("staff", "Staff", "core.view_staff_directory", _staff_search, order=900)
    )
