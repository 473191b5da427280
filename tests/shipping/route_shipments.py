"""Shipping's shipments routes in the permission matrix."""

from __future__ import annotations

from tests.matrix import Operation, Page

PAGES: dict[str, Page] = {}
API: dict[str, Operation] = {}
