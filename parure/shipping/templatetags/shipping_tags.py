"""Shipping's page frame: the sub-navigation links a viewer may follow."""

from __future__ import annotations

from typing import Any

from django import template

from parure.shipping.subnav import links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def shipping_subnav(context: dict[str, Any]) -> list[dict[str, object]]:
    return links_for(context["request"])
