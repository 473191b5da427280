"""Billing's records, one module per area:

- ``setup``: each saleroom's billing settings and its tax rates;
- ``invoices``: buyer invoices and credit notes with their lines (immutable once issued);
- ``payments``: payments, their allocation to invoices, client credit and refunds;
- ``reconciliation``: bank statements and their lines, the daily cash close, the ledger accounts.

Other areas (settlements, reconciliation, private sales, cash reports) add their modules here.
"""

from parure.billing.models.invoices import Invoice, InvoiceLine
from parure.billing.models.payments import Allocation, ClientCredit, Payment, Refund
from parure.billing.models.reconciliation import (
    AccountMapping,
    CashClose,
    LineDecision,
    Statement,
    StatementLine,
    StatementMapping,
)
from parure.billing.models.setup import BillingSettings, TaxRate

__all__ = [
    "AccountMapping",
    "Allocation",
    "BillingSettings",
    "CashClose",
    "ClientCredit",
    "Invoice",
    "InvoiceLine",
    "LineDecision",
    "Payment",
    "Refund",
    "Statement",
    "StatementLine",
    "StatementMapping",
    "TaxRate",
]
