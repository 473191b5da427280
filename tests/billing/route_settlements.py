"""Billing's settlements routes in the permission matrix."""

from __future__ import annotations

from parure.core.choices import Role
from tests.matrix import Operation, Page, roles

A, S, F, L, U, D = (
    Role.SPECIALIST_ASSISTANT,
    Role.SENIOR_SPECIALIST,
    Role.FINANCE,
    Role.LOGISTICS,
    Role.AUDITOR,
    Role.ADMINISTRATOR,
)
FINANCE = roles(F)
READERS = roles(F, S, U)

PAGES: dict[str, Page] = {}
API: dict[str, Operation] = {}
