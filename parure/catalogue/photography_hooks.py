"""Photography's registrations with the shared layout: its background work and its demo data."""

from __future__ import annotations

from parure.core import registry


def register() -> None:
    from parure.catalogue import photo_jobs
    from parure.catalogue.photo_demo import build

    photo_jobs.register()
    registry.register_demo(registry.DemoBuilder("catalogue.photography", build, order=44))
