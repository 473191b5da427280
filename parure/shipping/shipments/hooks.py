"""What the shipments area plugs into the rest (called from parure.shipping.hooks): the "Shipping" top
navigation and its sub-navigation, the scan box opening a shipment by its number, custody's arrival
listener (a piece scanned in at the receiving office closes its shipment), the "Shipments to move on" panel
of My day, and the demonstration data."""

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


# What each open step waits for, as the "My day" panel says it.
NEXT_STEP = {
    "packed": "packed: a second person checks the seals",
    "checked": "checked: ready for the carrier",
}


def next_rows(request: HttpRequest) -> list[registry.PanelRow]:
    """The viewer's office's shipments waiting for its next step: packed and awaiting the second check,
    checked and awaiting the carrier, and those with the carrier that have an open incident (overdue),
    oldest first; one query whatever their number. A consignee is named only to those who may see it."""
    from django.db.models import Exists, OuterRef

    from parure.shipping.shipments.models import Incident, Shipment

    office = getattr(request.user, "office", None)
    if office is None:
        return []
    incident = Incident.objects.filter(shipment=OuterRef("pk"), status="open")
    rows = (
        Shipment.objects.filter(office=office, status__in=("packed", "checked", "in_transit"))
        .annotate(open_incident=Exists(incident))
        .exclude(status="in_transit", open_incident=False)
        .select_related("carrier")
        .order_by("created_at", "pk")[:12]
    )
    sees = request.user.has_perm("shipping.see_consignee")
    found = []
    for shipment in rows:
        who = shipment.consignee_name if sees else f"to {shipment.consignee_country}"
        step = "an incident is open" if shipment.status == "in_transit" else NEXT_STEP[shipment.status]
        found.append(
            registry.PanelRow(
                title=f"{shipment.number} · {who}",
                url=reverse("shipping:shipment", args=[shipment.number]) + "#next",
                detail=f"{step[:1].upper()}{step[1:]}" + (f" · {shipment.carrier.name}" if shipment.carrier else ""),
                overdue=shipment.status == "in_transit",
            )
        )
    return found


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
    registry.register_panel(
        registry.Panel(
            "shipments_next", "Shipments to move on", "shipping.handle_shipments",
            "No shipment waits for a check, the carrier or an incident.", rows=next_rows, order=65,
        )
    )  # fmt: skip
    registry.register_demo(registry.DemoBuilder("shipping.shipments", demo.build, order=80))
