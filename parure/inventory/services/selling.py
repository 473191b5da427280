"""Where pieces stand in their selling: consigned → in a sale → sold / unsold.

The auctions set it when a piece is lotted, withdrawn, hammered or bought in, and when an unsold
piece is offered again; it is not custody (the piece has not moved), so no ledger event is written
here. What moves a piece because of a sale (a return to the consignor, a release to the buyer) goes
through the custody services and their events.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from parure.core.models import Staff
from parure.inventory.choices import TERMINAL_STATUSES, SaleState
from parure.inventory.errors import CustodyError, InvalidInput, InventoryErrorCode
from parure.inventory.models import Item

REFERENCE_MAX = 40


@transaction.atomic
def pieces_sale_state(*, items: Sequence[Item], state: SaleState | str, reference: str, by: Staff) -> list[Item]:
    """Set the sale state of ``items`` (with the sale and lot it concerns) in one statement per call.

    A piece that has left our custody (released, returned) is refused: its selling is over.
    """
    state = SaleState(state)
    reference = reference.strip()
    if len(reference) > REFERENCE_MAX:
        raise InvalidInput(
            f"The sale reference is longer than {REFERENCE_MAX} characters.",
            field="reference",
            code=InventoryErrorCode.INVALID,
        )
    del by  # who did it is on the auctions' own record (the lot, the result)
    pks = [item.pk for item in items]
    rows = list(Item.objects.select_for_update().filter(pk__in=pks).only("pk", "stock_number", "status"))
    for row in rows:
        if row.status in TERMINAL_STATUSES and state in (SaleState.IN_SALE, SaleState.SOLD):
            doing = "offered in a sale" if state is SaleState.IN_SALE else "sold"
            raise CustodyError(
                f"{row.stock_number} has left our custody; it cannot be {doing}.",
                code=InventoryErrorCode.CUSTODY_REFUSED,
            )
    Item.objects.filter(pk__in=pks).update(sale_state=state, sale_reference=reference)
    for item in items:
        item.sale_state = state
        item.sale_reference = reference
    return list(items)
