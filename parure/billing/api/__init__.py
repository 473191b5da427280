"""Billing over the API (mounted at /api/v1/billing)."""
