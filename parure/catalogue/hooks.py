"""What the catalogue plugs into the shared layout (called from ``CatalogueConfig.ready``): its
navigation, its answers to the global search box, its My-day panels and its demonstration data.
Each area of the app registers its own entries here."""

from __future__ import annotations

from parure.core import registry


def _records() -> None:
    from parure.catalogue import demo

    registry.register_nav(
        registry.NavArea("catalogue", "Catalogue", "catalogue:records", "catalogue.view_records", order=150)
    )
    registry.register_demo(registry.DemoBuilder("catalogue.records", demo.build, order=40))


def register() -> None:
    """Register the catalogue's navigation, search, panels and demonstration builders."""
    _records()
    from parure.catalogue import certificates_hooks

    certificates_hooks.register()
    from parure.catalogue.search import hooks as search_hooks

    search_hooks.register()
    from parure.catalogue import demo_copy
    from parure.catalogue.services import copy as copy_services

    copy_services.register()
    registry.register_demo(registry.DemoBuilder("catalogue.copy", demo_copy.build, order=42))
    from parure.catalogue import photography_hooks

    photography_hooks.register()
