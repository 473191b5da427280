"""Who may do what in the catalogue (autodiscovered by ``rules``).

Assistants draft records, copy and condition reports and run photography (DESIGN.md); a senior
specialist approves copy (never their own) and answers validation flags with a reason. Every
member of staff may read descriptions, which are what the house publishes. Confidential provenance
(a living private owner, the present consignor) follows the consignor-identity rule: seniors,
finance, auditors and anyone granted ``core.view_consignor_identity``. Auditors read everything
and change nothing.
"""

from __future__ import annotations

import rules

from parure.core.policy import (
    has_grant,
    is_administrator,
    is_auditor,
    is_finance,
    is_logistics,
    is_senior,
    is_specialist,
    is_staff_member,
)

sees_confidential_provenance = is_senior | is_finance | is_auditor | has_grant("core.view_consignor_identity")

# --- The record, its certificates and its copy --------------------------------------------------
rules.add_perm("catalogue.view_records", is_staff_member)
rules.add_perm("catalogue.edit_records", is_specialist)
rules.add_perm("catalogue.view_confidential_provenance", sees_confidential_provenance)
rules.add_perm("catalogue.answer_flags", is_senior)
rules.add_perm("catalogue.view_certificates", is_staff_member)
rules.add_perm("catalogue.manage_certificates", is_specialist)
rules.add_perm("catalogue.manage_laboratories", is_senior | is_administrator)
rules.add_perm("catalogue.view_copy", is_staff_member)
rules.add_perm("catalogue.write_copy", is_specialist)
rules.add_perm("catalogue.approve_copy", is_senior)
rules.add_perm("catalogue.lock_copy", is_senior)

# --- Condition reports: written at intake, before and after a sale, viewing, repair or shipment ---
rules.add_perm("catalogue.view_condition", is_specialist | is_logistics | is_finance | is_auditor)
rules.add_perm("catalogue.write_condition", is_specialist | is_logistics)

# --- Photography ----------------------------------------------------------------------------------
rules.add_perm("catalogue.view_photography", is_specialist | is_logistics | is_auditor)
rules.add_perm("catalogue.manage_shot_lists", is_specialist)
rules.add_perm("catalogue.upload_images", is_specialist)
rules.add_perm("catalogue.approve_images", is_specialist)
rules.add_perm("catalogue.download_bundle", is_specialist | is_auditor)

# --- Search ---------------------------------------------------------------------------------------
rules.add_perm("catalogue.search", is_staff_member)
