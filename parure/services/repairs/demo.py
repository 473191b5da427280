"""Demonstration repairs for New York and London (order 70): built in the next step."""

from __future__ import annotations

from collections.abc import Callable


def build(say: Callable[[str], None]) -> None:
    say("  repairs: none yet")
