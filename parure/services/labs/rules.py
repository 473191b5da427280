"""Who may do what in the labs area (imported by parure.services.rules).

Specialist assistants prepare submissions and scan pieces back; senior specialists do that too, and
submit the batch (custody out) and record the reports that come back on the catalogue record.
Logistics scan pieces out to the laboratory and back (sending and returning). Auditors read.
"""

from __future__ import annotations

import rules

from parure.core.policy import is_assistant, is_auditor, is_logistics, is_senior

rules.add_perm("services.view_lab_submissions", is_assistant | is_senior | is_logistics | is_auditor)
rules.add_perm("services.prepare_lab_submissions", is_assistant | is_senior)
rules.add_perm("services.send_lab_submissions", is_senior | is_logistics)
rules.add_perm("services.return_lab_pieces", is_assistant | is_senior | is_logistics)
rules.add_perm("services.record_lab_reports", is_senior)
