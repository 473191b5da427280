"""Shipping's compliance API."""

from ninja import Router

router = Router()
