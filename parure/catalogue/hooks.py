"""What the catalogue plugs into the shared layout (called from ``CatalogueConfig.ready``): its
navigation, its answers to the global search box, its My-day panels and its demonstration data.
Each area of the app registers its own entries here."""

from __future__ import annotations


def register() -> None:
    """Register the catalogue's navigation, search, panels and demonstration builders."""
    from parure.catalogue import demo_copy
    from parure.catalogue.services import copy as copy_services
    from parure.core import registry

    copy_services.register()
    registry.register_demo(registry.DemoBuilder("catalogue.copy", demo_copy.build, order=42))
