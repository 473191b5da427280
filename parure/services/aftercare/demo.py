"""Demonstration post-sale orders (order 72): built in the demo transaction once billing has issued the sales'
invoices; see :func:`build`."""

from __future__ import annotations

from collections.abc import Callable


def build(write: Callable[[str], None]) -> None:
    write("Post-sale orders: none yet.")
