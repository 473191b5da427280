"""Who may do what in shipping (autodiscovered by ``rules``): the shared permissions here, each area's own
in its ``rules`` module.

Logistics runs shipments end to end; specialists and their assistants prepare them (pieces, packing,
the four-eyes check) as the department's day asks; finance reads shipments for the insured values and
charges; auditors read everything and change nothing. A consignee's address and telephone are for the
people who ship (logistics, specialists) and the auditors, not finance.
"""

from __future__ import annotations

import rules

from parure.core.policy import is_auditor, is_finance, is_logistics, is_senior, is_specialist
from parure.shipping.carriers import rules as carriers_rules  # noqa: F401
from parure.shipping.compliance import rules as compliance_rules  # noqa: F401
from parure.shipping.shipments import rules as shipments_rules  # noqa: F401

rules.add_perm("shipping.view_shipping", is_specialist | is_finance | is_logistics | is_auditor)
rules.add_perm("shipping.manage_shipping_setup", is_logistics | is_senior)
