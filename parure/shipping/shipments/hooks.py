"""What the shipments area plugs into the rest (called from parure.shipping.hooks): the "Shipping" top
navigation and its sub-navigation, the scan box opening a shipment by its number, custody's arrival
listener (a piece scanned in at the receiving office closes its shipment), and the demonstration data."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from parure.core import registry


def resolve_scan(request: HttpRequest, code: str) -> str | None:
    """A scanned shipment number → its page; a wrong check digit is refused, not looked up."""
    from parure.shipping.errors import ShippingError
    from parure.shipping.numbers import SHIPMENTS
    from parure.shipping.shipments.models import Shipment

    if not SHIPMENTS.looks_like(code):
        return None
    try:
        number = SHIPMENTS.parse(code)
    except ShippingError as refusal:
        raise registry.ScanRefused(refusal.message) from None
    if Shipment.objects.filter(number=number).exists():
        return reverse("shipping:shipment", args=[number])
    return None


def register() -> None:
    from parure.inventory.guards import register_arrival_listener
    from parure.shipping.shipments import demo
    from parure.shipping.shipments.services import piece_arrived
    from parure.shipping.subnav import SubnavLink, register_link

    register_arrival_listener(piece_arrived)
    registry.register_nav(
        registry.NavArea("shipping", "Shipping", "shipping:shipments", "shipping.view_shipping", order=330)
    )
    register_link(SubnavLink("shipments", "Shipments", "shipping:shipments", "shipping.view_shipping", order=10))
    register_link(SubnavLink("pickups", "Pickups", "shipping:pickups", "shipping.view_shipping", order=20))
    registry.register_scan(registry.ScanResolver("shipments", "shipping.view_shipping", resolve_scan, order=45))
    registry.register_demo(registry.DemoBuilder("shipping.shipments", demo.build, order=80))
