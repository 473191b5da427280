"""The services' sub-navigation (``core.subnav``): each area adds its links from its ``hooks.register`` so
the shared page frame (``services/base.html``) shows only the areas that exist and the links a viewer may
follow."""

from __future__ import annotations

from parure.core.subnav import Subnav
from parure.core.subnav import SubnavLink as SubnavLink

menu = Subnav()
links = menu.links
register_link = menu.register_link
links_for = menu.links_for
