"""What shipping's carriers area plugs into the rest (called from parure.shipping.hooks): its two links in
shipping's sub-navigation and the demonstration carriers and policies (order 75, after the offices)."""

from __future__ import annotations

from parure.core import registry


def register() -> None:
    from parure.shipping.carriers import demo
    from parure.shipping.subnav import SubnavLink, register_link

    register_link(SubnavLink("carriers", "Carriers", "shipping:carriers", "shipping.view_shipping", order=50))
    register_link(SubnavLink("policies", "Transit insurance", "shipping:policies", "shipping.view_shipping", order=51))
    registry.register_demo(registry.DemoBuilder("shipping.carriers", demo.build, order=75))
