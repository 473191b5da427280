"""Shipping's carriers API."""

from ninja import Router

router = Router()
