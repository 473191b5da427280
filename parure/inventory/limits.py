"""How long each free text the inventory keeps may be: one rule for the pages, the API and the services.

Everything here that reaches the custody ledger is kept for good (the ledger is append-only), so the
services refuse a longer text with a sentence naming the field; the forms' ``max_length`` and the
API's schemas take the same constants, so a page, a script and the ledger never disagree.
"""

from __future__ import annotations

# What a person types as the reason for a custody action (move, check-out, return, correction...).
REASON_MAX = 500
# A count's settlement note: the ledger adds the count's reference, counter and witness to it.
COUNT_REASON_MAX = 300
# Who holds the piece outside the house: a vendor, carrier, agent or buyer (CustodyEvent.counterpart).
COUNTERPART_MAX = 200
# A carrier's tracking number (CustodyEvent.tracking_number).
TRACKING_NUMBER_MAX = 64
# The record that caused the action, kind:number (CustodyEvent.cause).
CAUSE_MAX = 100
# A client number with its check digit, e.g. C-000412-3.
CLIENT_NUMBER_MAX = 16
# The consignment's notes on the consignor and the agreement.
NOTES_MAX = 5000
# Why the terms or a piece's description change (printed on the amended receipt).
AMENDMENT_REASON_MAX = 200
# A piece's description.
DESCRIPTION_MAX = 5000
