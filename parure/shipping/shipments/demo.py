"""The demonstration shipments (built after billing's data)."""

from __future__ import annotations

from collections.abc import Callable


def build(say: Callable[[str], None]) -> None:
    say("Shipments: none yet.")
