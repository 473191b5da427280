"""What the catalogue plugs into the shared layout (called from ``CatalogueConfig.ready``): its
navigation, its answers to the global search box, its My-day panels and its demonstration data.
Each area of the app registers its own entries here."""

from __future__ import annotations

from parure.catalogue import condition_hooks


def register() -> None:
    """Register the catalogue's navigation, search, panels and demonstration builders."""
    condition_hooks.register()
