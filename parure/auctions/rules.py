"""Who may do what in the auctions (autodiscovered by ``rules``).

Every member of staff may read the sales and lots the house publishes. Assistants lot pieces, take
registrations and bids, and clerk the sale (DESIGN.md); a senior specialist sets reserves, approves
bidders, edits the increment tables and premium schedules, corrects results and resolves the check
before invoicing. Reserves and absentee maxima are confidential: seniors, auditors and anyone granted
``core.view_reserves`` read them; for everyone else a maximum is write-only (it is taken, never shown).
Auditors read everything and change nothing; finance reads results (it invoices them).
"""

from __future__ import annotations

import rules

from parure.core.policy import (
    has_grant,
    is_administrator,
    is_auditor,
    is_finance,
    is_senior,
    is_specialist,
    is_staff_member,
)

sees_reserves = is_senior | is_auditor | has_grant("core.view_reserves")

# --- Sales, lots and the data they use -------------------------------------------------------------
rules.add_perm("auctions.view_sales", is_staff_member)
rules.add_perm("auctions.manage_sales", is_senior)
rules.add_perm("auctions.manage_lots", is_specialist)
rules.add_perm("auctions.set_reserves", is_senior)
rules.add_perm("auctions.view_reserves", sees_reserves)
rules.add_perm("auctions.manage_tables", is_senior | is_administrator)
rules.add_perm("auctions.build_catalogue", is_specialist)

# --- Bidders and bids ------------------------------------------------------------------------------
rules.add_perm("auctions.view_registrations", is_specialist | is_finance | is_auditor)
rules.add_perm("auctions.register_bidders", is_specialist)
rules.add_perm("auctions.approve_bidders", is_senior)
rules.add_perm("auctions.take_bids", is_specialist)
rules.add_perm("auctions.view_bids", is_specialist | is_auditor)
rules.add_perm("auctions.view_maxima", sees_reserves)
rules.add_perm("auctions.assign_lines", is_specialist)

# --- The day ---------------------------------------------------------------------------------------
rules.add_perm("auctions.view_auctioneers_book", sees_reserves)
rules.add_perm("auctions.clerk", is_specialist)
rules.add_perm("auctions.view_board", is_staff_member)
rules.add_perm("auctions.set_rates", is_specialist)

# --- After the sale --------------------------------------------------------------------------------
rules.add_perm("auctions.view_results", is_staff_member)
rules.add_perm("auctions.correct_results", is_senior)
rules.add_perm("auctions.export_results", is_specialist | is_finance | is_auditor)
rules.add_perm("auctions.view_check", is_senior | is_finance | is_auditor)
rules.add_perm("auctions.run_check", is_senior | is_finance)
rules.add_perm("auctions.resolve_findings", is_senior)
rules.add_perm("auctions.route_unsold", is_specialist)
