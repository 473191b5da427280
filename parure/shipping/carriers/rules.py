"""Who may do what in shipping's carriers area (imported by parure.shipping.rules).

The area needs no permission of its own: everyone who sees shipping (``shipping.view_shipping``) reads the
carriers and the policies, and those who keep its setup (``shipping.manage_shipping_setup``: logistics and
senior specialists) add and change them.
"""

from __future__ import annotations
