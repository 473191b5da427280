"""billing: buyer invoices, payments, client credit and refunds, and its word on releases (docs/billing.md)."""
