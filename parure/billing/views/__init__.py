"""Billing's pages, one module per area."""
