"""Who may do what in the projects area (imported by parure.services.rules).

Senior specialists manage commissions: they record the client's acceptance of a quote and sign-offs,
set the payment schedule, complete milestones, hold, cancel and release reservations. Assistants
prepare them: open a project, give a quote, attach sketches and CAD files, reserve and list materials,
set due dates. Finance reads the projects for their payments; auditors read everything; logistics reads
a project (where its pieces are going) without its money: the budget, the quoted and accepted amounts
and the schedule's figures are shown only to ``services.view_project_money``.
"""

from __future__ import annotations

import rules

from parure.core.policy import is_auditor, is_finance, is_logistics, is_senior, is_specialist

rules.add_perm("services.view_projects", is_specialist | is_finance | is_logistics | is_auditor)
rules.add_perm("services.view_project_money", is_specialist | is_finance | is_auditor)
rules.add_perm("services.prepare_projects", is_specialist)
rules.add_perm("services.manage_projects", is_senior)
