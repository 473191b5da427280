"""Who may do what in the repairs area (imported by parure.services.rules).

Assistants and specialists take pieces in and move jobs through their stages; senior specialists too, and
they alone may release a piece before its charges are paid (with a reason) and keep the vendor list and
the task catalogue. Finance reads the jobs and their charges; logistics reads the board to plan pieces
going out and back, without the confidential values; auditors read everything and change nothing.
Declared values and condition notes are for the staff who handle the job (assistant, specialist, senior)
and the auditors.
"""

from __future__ import annotations

import rules

from parure.core.policy import is_auditor, is_finance, is_logistics, is_senior, is_specialist

rules.add_perm("services.view_repairs", is_specialist | is_finance | is_logistics | is_auditor)
rules.add_perm("services.handle_repairs", is_specialist)
rules.add_perm("services.override_repairs", is_senior)
rules.add_perm("services.see_repair_confidential", is_specialist | is_auditor)
rules.add_perm("services.view_repair_charges", is_specialist | is_finance | is_auditor)
rules.add_perm("services.view_repair_vendors", is_specialist | is_finance | is_logistics | is_auditor)
rules.add_perm("services.manage_repair_vendors", is_senior)
rules.add_perm("services.manage_repair_tasks", is_senior)
