"""What shipping plugs into the rest (called from ``ShippingConfig.ready``): each area's navigation, "My
day" panels, scan resolvers, custody listeners and demonstration data, from the area's own ``hooks``."""

from __future__ import annotations


def register() -> None:
    from parure.shipping.carriers import hooks as carriers
    from parure.shipping.compliance import hooks as compliance
    from parure.shipping.shipments import hooks as shipments

    for area in (carriers, compliance, shipments):
        area.register()
