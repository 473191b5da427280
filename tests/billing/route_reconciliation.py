"""Billing's reconciliation routes in the permission matrix."""

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
# Reconciliation is finance's, read by the auditor.
RECONCILERS = roles(F, U)
# A cash close is checked by a second person: another member of finance or a senior specialist.
CHECKERS = roles(F, S)
CLOSE_READERS = roles(F, S, U)


def statement_kwargs(world: object) -> dict[str, int]:
    return {"statement_id": 1}


def line_kwargs(world: object) -> dict[str, int]:
    return {"statement_id": 1, "position": 1}


def close_kwargs(world: object) -> dict[str, int]:
    return {"close_id": 1}


PAGES: dict[str, Page] = {
    "billing:statements": Page(RECONCILERS),
    "billing:statement_import": Page(FINANCE),
    "billing:statement_import_mapping": Page(FINANCE),
    "billing:reconciliation_queue": Page(RECONCILERS),
    "billing:statement": Page(RECONCILERS, kwargs=statement_kwargs),
    "billing:statement_line_confirm": Page(FINANCE, kwargs=line_kwargs, method="POST"),
    "billing:statement_line_match": Page(FINANCE, kwargs=line_kwargs, method="POST"),
    "billing:statement_line_park": Page(FINANCE, kwargs=line_kwargs, method="POST"),
    "billing:receivables": Page(RECONCILERS),
    "billing:cash_closes": Page(CLOSE_READERS),
    "billing:cash_close_new": Page(FINANCE, method="POST"),
    "billing:cash_close": Page(CLOSE_READERS, kwargs=close_kwargs),
    "billing:cash_close_check": Page(CHECKERS, kwargs=close_kwargs, method="POST"),
    "billing:account_mapping": Page(RECONCILERS),
    "billing:account_mapping_set": Page(FINANCE, method="POST"),
    "billing:accounts_export": Page(RECONCILERS),
}
API: dict[str, Operation] = {
    "billing_statements": Operation(RECONCILERS),
    "billing_statement_import": Operation(FINANCE),
    "billing_statement_lines": Operation(RECONCILERS, params=statement_kwargs),
    "billing_statement_line_confirm": Operation(FINANCE, params=line_kwargs),
    "billing_statement_line_match": Operation(FINANCE, params=line_kwargs),
    "billing_statement_line_park": Operation(FINANCE, params=line_kwargs),
    "billing_receivables": Operation(RECONCILERS),
    "billing_cash_closes": Operation(CLOSE_READERS),
    "billing_cash_close_create": Operation(FINANCE),
    "billing_cash_close_check": Operation(CHECKERS, params=close_kwargs),
}
