"""What the projects area plugs into the rest (called from parure.services.hooks)."""

from __future__ import annotations


def register() -> None:
    """Nothing yet."""
