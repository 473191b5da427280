"""Billing API: cash."""

from ninja import Router

router = Router()
