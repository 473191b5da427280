"""Billing API: invoices."""

from ninja import Router

router = Router()
