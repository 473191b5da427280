"""What the catalogue plugs into the shared layout (called from ``CatalogueConfig.ready``): its
navigation, its answers to the global search box, its demonstration data in order (records 40,
certificates 41, copy 42, condition 43, photography 44, search 45), the validation rules each area
adds, and the intake-desk guard on custody. Each area keeps its registrations in its own module."""

from __future__ import annotations

from parure.core import registry


def _records() -> None:
    from parure.catalogue import demo

    registry.register_nav(
        registry.NavArea("catalogue", "Catalogue", "catalogue:records", "catalogue.view_records", order=150)
    )
    registry.register_demo(registry.DemoBuilder("catalogue.records", demo.build, order=40))


def _copy() -> None:
    from parure.catalogue import demo_copy
    from parure.catalogue.services import copy as copy_services

    copy_services.register()
    registry.register_demo(registry.DemoBuilder("catalogue.copy", demo_copy.build, order=42))


def register() -> None:
    """Register the catalogue's navigation, search, panels and demonstration builders."""
    from parure.catalogue import certificates_hooks, condition_hooks, photography_hooks
    from parure.catalogue.search import hooks as search_hooks

    _records()
    certificates_hooks.register()
    _copy()
    condition_hooks.register()
    photography_hooks.register()
    search_hooks.register()
