"""Billing's records, one module per area:

- ``setup``: each saleroom's billing settings and its tax rates;
- ``invoices``: buyer invoices and credit notes with their lines (immutable once issued);
- ``payments``: payments, their allocation to invoices, client credit and refunds;
- ``cash``: reporting exchange rates, the anti-money-laundering cash reports, late-payment interest.

Other areas (settlements, reconciliation, private sales, cash reports) add their modules here.
"""

from parure.billing.models.cash import CashReport, CashReportPayment, InterestCharge, ReportingRate
from parure.billing.models.invoices import Invoice, InvoiceLine
from parure.billing.models.payments import Allocation, ClientCredit, Payment, Refund
from parure.billing.models.setup import BillingSettings, TaxRate

__all__ = [
    "Allocation",
    "BillingSettings",
    "CashReport",
    "CashReportPayment",
    "ClientCredit",
    "InterestCharge",
    "Invoice",
    "InvoiceLine",
    "Payment",
    "Refund",
    "ReportingRate",
    "TaxRate",
]
