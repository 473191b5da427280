"""Shipping's sub-navigation (``core.subnav``): each area adds its links from its ``hooks.register``;
``shipping/base.html`` shows the ones a viewer may follow."""

from __future__ import annotations

from parure.core.subnav import Subnav
from parure.core.subnav import SubnavLink as SubnavLink

menu = Subnav()
register_link = menu.register_link
links_for = menu.links_for
