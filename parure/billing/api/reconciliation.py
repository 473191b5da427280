"""Billing API: reconciliation."""

from ninja import Router

router = Router()
