"""Shipping's shipments API."""

from ninja import Router

router = Router()
