"""What shipping's compliance area plugs into the rest (called from parure.shipping.hooks): the "Export
rules" link of shipping's sub-navigation and the demonstration rules (order 76)."""

from __future__ import annotations

from parure.core import registry


def register() -> None:
    from parure.shipping.compliance import demo
    from parure.shipping.subnav import SubnavLink, register_link

    register_link(SubnavLink("rules", "Export rules", "shipping:rules", "shipping.view_shipping", order=60))
    registry.register_demo(registry.DemoBuilder("shipping.compliance", demo.build, order=76))
