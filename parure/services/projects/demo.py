"""Demonstration design projects (order 76)."""

from __future__ import annotations

from collections.abc import Callable


def build(say: Callable[[str], None]) -> None:
    """Filled in below."""
