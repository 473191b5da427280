"""Who may do what in billing (autodiscovered by ``rules``).

Finance invoices, takes payments, settles consignors and reconciles the bank (DESIGN.md). Senior
specialists read invoices and settlements (they answer the buyer and the consignor), approve a payment
from someone other than the buyer, and check the cashier's daily close. Auditors read everything and
change nothing. Administrators keep each saleroom's billing settings. Releasing a piece at the desk is
custody's (``inventory.release_item``); the desk shows billing's answer to it.
"""

from __future__ import annotations

import rules

from parure.core.policy import is_administrator, is_auditor, is_finance, is_logistics, is_senior

readers = is_finance | is_senior | is_auditor

# --- Invoices, credit notes, payments ---------------------------------------------------------------
rules.add_perm("billing.view_invoices", readers)
rules.add_perm("billing.manage_invoices", is_finance)
rules.add_perm("billing.record_payments", is_finance)
rules.add_perm("billing.refund", is_finance)
# A senior confirms, with their own password, a payment from someone other than the buyer.
rules.add_perm("billing.approve_third_party", is_senior)
rules.add_perm("billing.view_release_desk", is_senior | is_logistics | is_finance)

# --- Premium, interest and the cash rules -----------------------------------------------------------
rules.add_perm("billing.view_cash_reports", is_finance | is_auditor)
rules.add_perm("billing.file_cash_reports", is_finance)
rules.add_perm("billing.charge_interest", is_finance)
rules.add_perm("billing.manage_rates", is_finance)

# --- Consignor settlements and private sales --------------------------------------------------------
rules.add_perm("billing.view_settlements", readers)
rules.add_perm("billing.manage_settlements", is_finance)
rules.add_perm("billing.run_payments", is_finance)
rules.add_perm("billing.view_private_sales", readers)
rules.add_perm("billing.manage_private_sales", is_finance | is_senior)

# --- Reconciliation and the books -------------------------------------------------------------------
rules.add_perm("billing.view_reconciliation", is_finance | is_auditor)
rules.add_perm("billing.reconcile", is_finance)
rules.add_perm("billing.close_cash", is_finance)
rules.add_perm("billing.check_cash", is_finance | is_senior)
rules.add_perm("billing.export_accounts", is_finance | is_auditor)
# The checker of a cash close (a senior) reads the close without the rest of reconciliation.
rules.add_perm("billing.view_cash_closes", is_finance | is_senior | is_auditor)
rules.add_perm("billing.manage_accounts", is_finance)

# --- Settings ---------------------------------------------------------------------------------------
rules.add_perm("billing.view_settings", is_finance | is_administrator | is_auditor)
rules.add_perm("billing.manage_settings", is_administrator)
