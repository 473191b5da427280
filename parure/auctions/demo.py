"""Demonstration sales (``parure demo``, after the inventory's pieces, the client book and the catalogue)."""

from __future__ import annotations

from collections.abc import Callable


def build(say: Callable[[str], None]) -> None:
    say("  no demonstration sales yet")
