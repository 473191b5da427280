"""What the services plug into the rest (called from ``ServicesConfig.ready``): each area's navigation,
"My day" panels, scan resolvers, custody guards and demonstration data, from the area's own ``hooks``."""

from __future__ import annotations


def register() -> None:
    from parure.services.aftercare import hooks as aftercare
    from parure.services.labs import hooks as labs
    from parure.services.projects import hooks as projects
    from parure.services.repairs import hooks as repairs

    for area in (repairs, aftercare, labs, projects):
        area.register()
