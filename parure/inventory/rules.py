"""Who may do what with pieces, places and the custody ledger (autodiscovered by ``rules``).

Confidential values follow DESIGN.md: a consignor's identity and valuations (stated and
insurance values) reach a page, the API or a PDF only for roles that may see them, or for a
person granted ``core.view_consignor_identity`` / ``core.view_valuations``. Client notes on a
consignment are never shown to logistics. Auditors read everything and change nothing.
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

sees_consignor = is_senior | is_finance | is_auditor | has_grant("core.view_consignor_identity")
sees_valuations = is_senior | is_finance | is_auditor | has_grant("core.view_valuations")

# --- Reading -------------------------------------------------------------------------------
rules.add_perm("inventory.view_items", is_staff_member)
rules.add_perm("inventory.view_locations", is_staff_member)
rules.add_perm("inventory.view_consignments", is_specialist | is_finance | is_logistics | is_auditor)
rules.add_perm("inventory.view_consignor_identity", sees_consignor)
rules.add_perm("inventory.view_valuations", sees_valuations)
rules.add_perm("inventory.view_consignment_notes", (is_specialist | is_finance | is_auditor) & sees_consignor)
rules.add_perm("inventory.view_ledger", is_senior | is_auditor | is_administrator)
rules.add_perm("inventory.verify_ledger", is_senior | is_auditor | is_administrator)
rules.add_perm("inventory.view_overdue", is_specialist | is_logistics | is_auditor)

# --- Intake and description ------------------------------------------------------------------
# Intake is the assistants' work as much as the seniors'. Choosing the consignor needs no sight
# of every consignor's identity: the client book shows each file as its rules allow this viewer
# (another specialist's confidential client appears by number). Afterwards the member of staff who
# received the consignment goes on reading its consignor that way on its page, its receipt and its
# pieces (parure.inventory.visibility); other assistants read "the consignor".
rules.add_perm("inventory.open_consignment", is_specialist)
rules.add_perm("inventory.receive_items", is_specialist)
rules.add_perm("inventory.amend_terms", is_senior)
rules.add_perm("inventory.edit_item", is_specialist)
rules.add_perm("inventory.print_labels", is_specialist | is_logistics)

# --- Custody -------------------------------------------------------------------------------
rules.add_perm("inventory.move_item", is_specialist | is_logistics)
rules.add_perm("inventory.check_out_item", is_specialist)
rules.add_perm("inventory.return_item", is_specialist | is_logistics)
# Assistants move property (DESIGN.md): they hand a piece to the carrier for another office and
# receive one at their own office (the service checks the office). Logistics owns carriers: booking
# one, its insurance and customs papers are the shipment's, in shipping; the transfer records only
# the carrier's name and tracking number the person handing over reads off the carrier's receipt.
rules.add_perm("inventory.transfer_item", is_specialist | is_logistics)
rules.add_perm("inventory.release_item", is_senior | is_logistics)
rules.add_perm("inventory.return_to_consignor", is_senior)
rules.add_perm("inventory.adjust_count", is_senior)
rules.add_perm("inventory.correct_event", is_senior)
# Who may stand as the second pair of eyes on a valuable piece's move.
rules.add_perm("inventory.witness_custody", is_specialist | is_logistics)

# --- Places and settings ---------------------------------------------------------------------
rules.add_perm("inventory.manage_locations", is_senior | is_administrator)
rules.add_perm("inventory.manage_custody_settings", is_administrator)

# --- Counts (parure.inventory.counts) ---------------------------------------------------------
# Auditors may count and scan ("change anything but count scans") but never adjust custody.
rules.add_perm("inventory.view_counts", is_specialist | is_logistics | is_auditor | is_administrator)
rules.add_perm("inventory.count_items", is_specialist | is_logistics | is_auditor)
rules.add_perm("inventory.witness_count", is_specialist | is_logistics | is_auditor)
rules.add_perm("inventory.resolve_count", is_senior)
rules.add_perm("inventory.sign_off_count", is_senior | is_auditor)
rules.add_perm("inventory.view_accountability", is_specialist | is_logistics | is_auditor | is_administrator)
rules.add_perm("inventory.manage_count_intervals", is_administrator)
