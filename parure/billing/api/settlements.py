"""Billing API: settlements."""

from ninja import Router

router = Router()
