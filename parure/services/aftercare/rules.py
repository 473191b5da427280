"""Who may do what in the aftercare area (imported by parure.services.rules).

Specialists (assistants and seniors) take post-sale orders and follow them through; finance and auditors
read them (finance answers the buyer about the charge). Logistics has no access: the piece's moves to and
from the bench are custody events they see in the inventory like any other. An appraisal's value is a
valuation and follows the inventory's rule (``inventory.view_valuations``: seniors, finance, auditors and
those granted it); only a senior specialist signs an appraisal.
"""

from __future__ import annotations

import rules

from parure.core.policy import is_auditor, is_finance, is_senior, is_specialist

rules.add_perm("services.view_aftercare", is_specialist | is_finance | is_auditor)
rules.add_perm("services.manage_aftercare", is_specialist)
rules.add_perm("services.appraise_aftercare", is_senior)
