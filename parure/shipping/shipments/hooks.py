"""What shipping's shipments area plugs into the rest (called from parure.shipping.hooks)."""

from __future__ import annotations


def register() -> None:
    pass
