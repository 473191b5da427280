"""Who may do what in shipping's compliance area (imported by parure.shipping.rules).

The area uses shipping's shared permissions: whoever reads shipping (``shipping.view_shipping``) reads
the export rules and asks for an HS proposal; logistics and senior specialists
(``shipping.manage_shipping_setup``) record and edit the rules, as they keep carriers and policies.
"""

from __future__ import annotations

VIEW = "shipping.view_shipping"
MANAGE = "shipping.manage_shipping_setup"
