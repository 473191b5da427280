"""Billing's cash routes in the permission matrix: the cash reports (finance files them, auditors read
them), the reporting rates (finance enters them, auditors read them) and late-payment interest (finance).

The report and invoice the routes name need not exist: the policy answers before the view, so a role
refused gets 403 and an allowed one the page's own 404 (the pages themselves are tested in
tests/billing/test_cash.py and test_interest.py)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

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
CASH_READERS = roles(F, U)


def _report(world: SimpleNamespace) -> dict[str, Any]:
    return {"report_id": 987654}


def _download(world: SimpleNamespace) -> dict[str, Any]:
    return {"report_id": 987654, "fmt": "csv"}


def _invoice(world: SimpleNamespace) -> dict[str, Any]:
    return {"number": "NY-I-26-99999-7"}


PAGES: dict[str, Page] = {
    "billing:cash_reports": Page(CASH_READERS),
    "billing:cash_report": Page(CASH_READERS, kwargs=_report),
    "billing:cash_report_download": Page(CASH_READERS, kwargs=_download),
    "billing:cash_report_file": Page(FINANCE, kwargs=_report, method="POST"),
    "billing:rates": Page(CASH_READERS),
    "billing:rate_enter": Page(FINANCE, method="POST"),
    "billing:overdue": Page(FINANCE),
    "billing:interest_charge": Page(FINANCE, kwargs=_invoice, method="POST"),
}
API: dict[str, Operation] = {
    "billing_cash_reports": Operation(CASH_READERS),
    "billing_cash_report": Operation(CASH_READERS, params=_report),
    "billing_cash_report_file": Operation(FINANCE, params=_report),
    "billing_reporting_rates": Operation(CASH_READERS),
    "billing_reporting_rate_create": Operation(FINANCE),
    "billing_overdue_invoices": Operation(FINANCE),
    "billing_interest_due": Operation(FINANCE, params=_invoice),
    "billing_interest_charge": Operation(FINANCE, params=_invoice),
}
