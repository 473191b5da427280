"""Billing's settlements routes in the permission matrix: consignor settlements, advances, payment runs and
private sales. Finance writes; senior specialists and auditors read; private sales are recorded by finance
and senior specialists."""

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
SELLERS = roles(F, S)


def settlement_world(world: SimpleNamespace) -> SimpleNamespace:
    """A closed sale settled, a run and a private sale, made on first use (once every app's build_world ran)."""
    if not hasattr(world, "settlements"):
        from tests.billing import settlement_world as build

        world.settlements = build.build(world.cast)
    return world.settlements  # type: ignore[no-any-return]


def settlement_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    return {"number": settlement_world(world).ring.number}


def draft_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    return {"number": settlement_world(world).draft.number}


def run_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    return {"number": settlement_world(world).run.number}


def private_kwargs(world: SimpleNamespace) -> dict[str, Any]:
    return {"number": settlement_world(world).private_sale.number}


PAGES: dict[str, Page] = {
    "billing:settlements": Page(READERS),
    "billing:settlements_new": Page(FINANCE),
    "billing:settlement": Page(READERS, kwargs=settlement_kwargs),
    "billing:settlement_approve": Page(FINANCE, kwargs=draft_kwargs, method="POST"),
    "billing:settlement_statement": Page(READERS, kwargs=settlement_kwargs),
    "billing:advances": Page(READERS),
    "billing:advance_new": Page(FINANCE),
    "billing:payment_runs": Page(READERS),
    "billing:payment_run_new": Page(FINANCE),
    "billing:payment_run": Page(READERS, kwargs=run_kwargs),
    "billing:payment_run_xml": Page(FINANCE, kwargs=run_kwargs),
    "billing:payment_run_csv": Page(FINANCE, kwargs=run_kwargs),
    "billing:payment_run_send": Page(FINANCE, kwargs=run_kwargs, method="POST"),
    "billing:private_sales": Page(READERS),
    "billing:private_sale_new": Page(SELLERS),
    "billing:private_sale": Page(READERS, kwargs=private_kwargs),
    "billing:private_sale_issue": Page(FINANCE, kwargs=private_kwargs, method="POST"),
    "billing:private_sale_settle": Page(FINANCE, kwargs=private_kwargs, method="POST"),
}
API: dict[str, Operation] = {
    "billing_settlements_list": Operation(READERS),
    "billing_settlements_from_sale": Operation(FINANCE),
    "billing_settlements_waiting_for_rate": Operation(FINANCE),
    "billing_settlement_detail": Operation(READERS, params=settlement_kwargs),
    "billing_settlement_approve": Operation(FINANCE, params=draft_kwargs),
    "billing_settlement_statement": Operation(READERS, params=settlement_kwargs),
    "billing_advances_list": Operation(READERS),
    "billing_advance_create": Operation(FINANCE),
    "billing_payment_runs_list": Operation(READERS),
    "billing_payment_run_create": Operation(FINANCE),
    "billing_payment_run_detail": Operation(READERS, params=run_kwargs),
    "billing_payment_run_sepa": Operation(FINANCE, params=run_kwargs),
    "billing_payment_run_csv": Operation(FINANCE, params=run_kwargs),
    "billing_payment_run_send": Operation(FINANCE, params=run_kwargs),
    "billing_private_sales_list": Operation(READERS),
    "billing_private_sale_create": Operation(SELLERS),
    "billing_private_sale_detail": Operation(READERS, params=private_kwargs),
    "billing_private_sale_settle": Operation(FINANCE, params=private_kwargs),
}
