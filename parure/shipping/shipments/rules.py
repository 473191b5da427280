"""Who may do what with shipments (imported by parure.shipping.rules).

Logistics and the specialists (assistants included) prepare, pack, check, hand over and confirm
shipments and record incidents; finance and auditors read them. A consignee's address and telephone are
shown to those who ship and to auditors, not to finance.
"""

from __future__ import annotations

import rules

from parure.core.policy import is_auditor, is_logistics, is_specialist

rules.add_perm("shipping.handle_shipments", is_logistics | is_specialist)
rules.add_perm("shipping.see_consignee", is_logistics | is_specialist | is_auditor)
