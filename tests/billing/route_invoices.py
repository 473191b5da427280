"""Billing's invoices routes in the permission matrix."""

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

PAGES: dict[str, Page] = {}
API: dict[str, Operation] = {}

DESK = roles(S, L, F)
RELEASERS = roles(S, L)  # inventory.release_item


def billing_world(world: Any) -> Any:
    """A closed, clerked New York sale invoiced: Ada's invoice issued and part-paid, Julian's a draft;
    made on first use (once every app's build_world has run)."""
    if not hasattr(world, "billing"):
        from parure.billing.services import invoices, payments
        from tests.auctions import results_day
        from tests.billing import world as billing

        day = results_day.clerked(world.cast, code="NY-J-2798")
        billing.new_york_billing()
        day.sale.refresh_from_db()
        made = invoices.invoices_from_sale(sale=day.sale, by=world.cast.finance)
        ada = next(row for row in made if row.buyer_id == day.ada.client_id)
        julian = next(row for row in made if row.buyer_id == day.julian.client_id)
        issued = invoices.invoice_issue(invoice=ada, by=world.cast.finance)
        paid = payments.payment_record(invoice=issued, method="wire", amount="1000.00", currency="USD",
                                       received_on=invoices.office_today(issued.office), by=world.cast.finance)  # fmt: skip
        piece = day.lots[2].pieces.first().item
        world.billing = SimpleNamespace(issued=issued, draft=julian, payment=paid, stock_number=piece.stock_number)
    return world.billing


def _issued(world: Any) -> dict[str, Any]:
    return {"number": billing_world(world).issued.number}


def _draft(world: Any) -> dict[str, Any]:
    return {"number": f"draft-{billing_world(world).draft.pk}"}


def _refund(world: Any) -> dict[str, Any]:
    found = billing_world(world)
    return {"number": found.issued.number, "payment_id": found.payment.pk}


def _payment(world: Any) -> dict[str, Any]:
    return {"payment_id": billing_world(world).payment.pk}


def _piece(world: Any) -> dict[str, Any]:
    return {"stock_number": billing_world(world).stock_number}


def _receipt(world: Any) -> dict[str, Any]:
    return {"stock_number": billing_world(world).stock_number, "seq": 1}


PAGES["billing:invoices"] = Page(READERS)
PAGES["billing:invoice_new"] = Page(FINANCE)
PAGES["billing:invoices_from_sale"] = Page(FINANCE, method="POST")
PAGES["billing:invoice"] = Page(READERS, kwargs=_issued)
PAGES["billing:invoice_pdf"] = Page(READERS, kwargs=_issued)
PAGES["billing:invoice_fee"] = Page(FINANCE, kwargs=_draft, method="POST")
PAGES["billing:invoice_delivery"] = Page(FINANCE, kwargs=_draft, method="POST")
PAGES["billing:invoice_issue"] = Page(FINANCE, kwargs=_draft, method="POST")
PAGES["billing:invoice_discard"] = Page(FINANCE, kwargs=_draft, method="POST")
PAGES["billing:invoice_credit"] = Page(FINANCE, kwargs=_issued, method="POST")
PAGES["billing:invoice_export"] = Page(FINANCE, kwargs=_issued, method="POST")
PAGES["billing:payment_new"] = Page(FINANCE, kwargs=_issued, method="POST")
PAGES["billing:credit_apply"] = Page(FINANCE, kwargs=_issued, method="POST")
PAGES["billing:refund_new"] = Page(FINANCE, kwargs=_refund, method="POST")
PAGES["billing:payments"] = Page(READERS)
PAGES["billing:release_desk"] = Page(DESK)
PAGES["billing:desk_release"] = Page(RELEASERS, kwargs=_piece, method="POST")
PAGES["billing:collection_receipt"] = Page(DESK, kwargs=_receipt)

API["billing_invoices"] = Operation(READERS)
API["billing_invoice"] = Operation(READERS, params=_issued)
API["billing_invoice_pdf"] = Operation(READERS, params=_issued)
API["billing_invoices_from_sale"] = Operation(FINANCE)
API["billing_invoice_fee_add"] = Operation(FINANCE, params=_draft)
API["billing_invoice_delivery"] = Operation(FINANCE, params=_draft)
API["billing_invoice_issue"] = Operation(FINANCE, params=_draft)
API["billing_invoice_discard"] = Operation(FINANCE, params=_draft)
API["billing_credit_note_create"] = Operation(FINANCE, params=_issued)
API["billing_invoice_export"] = Operation(FINANCE, params=_issued)
API["billing_invoice_payments"] = Operation(READERS, params=_issued)
API["billing_payment_create"] = Operation(FINANCE, params=_issued)
API["billing_credit_apply"] = Operation(FINANCE, params=_issued)
API["billing_payments_list"] = Operation(READERS)
API["billing_refund_create"] = Operation(FINANCE, params=_payment)
API["billing_release_check"] = Operation(DESK, params=_piece)
