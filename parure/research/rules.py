"""The research area's permissions (autodiscovered by ``rules``).

The gemology reference tools (weight estimates, identification, metals, grades, periods, ring
sizes) hold nothing confidential: every member of staff may use them.
"""

from __future__ import annotations

import rules

from parure.core.policy import is_staff_member

rules.add_perm("research.use_gemology_tools", is_staff_member)
