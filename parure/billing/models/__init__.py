"""Billing's records, one module per area:

- ``setup``: each saleroom's billing settings and its tax rates;
- ``invoices``: buyer invoices and credit notes with their lines (immutable once issued);
- ``payments``: payments, their allocation to invoices, client credit and refunds;
- ``cash``: reporting exchange rates, the anti-money-laundering cash reports, late-payment interest;
- ``settlements``: consignor settlements and their lines, advances, payment runs, private sales;
- ``reconciliation``: bank statements and their lines, the daily cash close, the ledger accounts.
"""

from parure.billing.models.cash import CashReport, CashReportPayment, InterestCharge, ReportingRate
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
from parure.billing.models.settlements import (
    Advance,
    PaymentRun,
    PaymentRunItem,
    PrivateSale,
    Settlement,
    SettlementLine,
)
from parure.billing.models.setup import BillingSettings, TaxRate

__all__ = [
    "AccountMapping",
    "Advance",
    "Allocation",
    "BillingSettings",
    "CashClose",
    "CashReport",
    "CashReportPayment",
    "ClientCredit",
    "InterestCharge",
    "Invoice",
    "InvoiceLine",
    "LineDecision",
    "Payment",
    "PaymentRun",
    "PaymentRunItem",
    "PrivateSale",
    "Refund",
    "ReportingRate",
    "Settlement",
    "SettlementLine",
    "Statement",
    "StatementLine",
    "StatementMapping",
    "TaxRate",
]
