"""Billing's writes, one transaction each: ``invoices`` (drafts from a sale's results, fees, issue)
and ``payments`` (recording and allocating money received)."""
