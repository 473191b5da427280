"""Every write to the inventory, one transaction each, named after what the department does.

- :mod:`.intake`: consignments, their pieces and stock numbers, receipt versions, amendments;
- :mod:`.custody`: moves, check-outs, returns, transfers, releases, count adjustments,
  corrections and batches — each appends one ledger event per piece;
- :mod:`.returns`: release receipts and the signed return to the consignor;
- :mod:`.witness`: four eyes — confirming a second member of staff;
- :mod:`.places`: places, the offices' custody settings, label stocks.
"""

from parure.inventory.services.custody import (
    BatchLine,
    custody_batch,
    event_correct,
    item_check_out,
    item_count_adjust,
    item_move,
    item_record_missing,
    item_release,
    item_return,
    item_transfer_out,
    item_transfer_receive,
)
from parure.inventory.services.intake import (
    PieceDraft,
    StoneDraft,
    Terms,
    client_piece_intake,
    consignment_add_pieces,
    consignment_amend_terms,
    consignment_intake,
    item_update,
)
from parure.inventory.services.places import (
    custody_settings_update,
    label_profile_save,
    location_create,
    location_deactivate,
    singleton_place,
)
from parure.inventory.services.returns import release_receipt_cancel, release_receipt_prepare, return_to_consignor
from parure.inventory.services.witness import Witness, four_eyes_needed, witness_confirm

__all__ = [
    "BatchLine",
    "PieceDraft",
    "StoneDraft",
    "Terms",
    "Witness",
    "client_piece_intake",
    "consignment_add_pieces",
    "consignment_amend_terms",
    "consignment_intake",
    "custody_batch",
    "custody_settings_update",
    "event_correct",
    "four_eyes_needed",
    "item_check_out",
    "item_count_adjust",
    "item_move",
    "item_record_missing",
    "item_release",
    "item_return",
    "item_transfer_out",
    "item_transfer_receive",
    "item_update",
    "label_profile_save",
    "location_create",
    "location_deactivate",
    "release_receipt_cancel",
    "release_receipt_prepare",
    "return_to_consignor",
    "singleton_place",
    "witness_confirm",
]
