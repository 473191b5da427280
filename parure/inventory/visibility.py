"""What one member of staff may see of pieces, consignments and their custody events.

One object, :class:`PieceViewer`, decides for the item page, the pieces list, the consignment
pages and receipts, the API and every other place a piece is shown, so a value a role may not
see is left out of all of them (never hidden by style) and each says the same words.

- Valuations (stated and insurance values) and the consignment's client notes follow the
  inventory's rules (``parure.inventory.rules``).
- Who consigned a piece needs ``inventory.view_consignor_identity``, or to be the member of staff
  who received the consignment at intake: they sat with the consignor, and the receipt they
  issued is the consignor's own document. Without either the viewer reads "the consignor" and no
  name or client number. With one, the client book decides how the file is named
  (``parure.clients.queries.client_labels``): its name, or "Client C-000412-3" for a
  confidential file or another specialist's client that an assistant may not see by name.
- A client who holds a piece outside a consignment (on approval, at a viewing) is named as the
  client book names them to this viewer.

For lists, :meth:`PieceViewer.know` asks the client book once for every file the rows name, so a
page issues the same queries whatever its length.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from parure.clients.queries import ClientLabel, client_labels
from parure.inventory.choices import EventKind, ItemStatus
from parure.inventory.models import Consignment, CustodyEvent, Item, ReleaseReceipt

THE_CONSIGNOR = "the consignor"
_CONSIGNOR_SIDE = (EventKind.INTAKE, EventKind.RETURN_TO_CONSIGNOR)


@dataclass(frozen=True)
class ConsignorShown:
    """The consignor as one viewer may read them."""

    number: str
    name: str
    named: bool

    @property
    def text(self) -> str:
        """ "Mrs Catherine Vandermeer (C-000412-3)", or "Client C-000412-3" when shown by number."""
        return f"{self.name} ({self.number})" if self.named else self.name

    @property
    def phrase(self) -> str:
        """The consignor in a sentence: "the consignor, Mrs … (C-…)" or "the consignor (client C-…)"."""
        return f"{THE_CONSIGNOR}, {self.text}" if self.named else f"{THE_CONSIGNOR} (client {self.number})"


class PieceViewer:
    """One person's view of many pieces: the flags and the per-row labels that pages share."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._labels: dict[int, ClientLabel] = {}

    # --- What the role may see -------------------------------------------------------------
    @cached_property
    def sees_consignments(self) -> bool:
        return bool(self.user.has_perm("inventory.view_consignments"))

    @cached_property
    def sees_consignor(self) -> bool:
        return bool(self.user.has_perm("inventory.view_consignor_identity"))

    @cached_property
    def sees_values(self) -> bool:
        return bool(self.user.has_perm("inventory.view_valuations"))

    @cached_property
    def sees_notes(self) -> bool:
        return bool(self.user.has_perm("inventory.view_consignment_notes"))

    def knows_consignor_of(self, consignment: Consignment | None) -> bool:
        """Whether this viewer may know who consigned ``consignment``: by role or grant, or as its receiver."""
        if consignment is None:
            return False
        return self.sees_consignor or consignment.received_by_id == self.user.pk

    def _knows_item_consignor(self, item: Item) -> bool:
        return item.consignment_id is not None and self.knows_consignor_of(item.consignment)

    def _knows_event_consignor(self, event: CustodyEvent) -> bool:
        # The intake event is the receiver's own: they read the consignor they received from.
        return self.sees_consignor or (event.kind == EventKind.INTAKE and event.staff_id == self.user.pk)

    # --- Asking the client book once per list ----------------------------------------------
    def know(
        self,
        *,
        items: Iterable[Item] = (),
        events: Iterable[CustodyEvent] = (),
        consignments: Iterable[Consignment] = (),
    ) -> None:
        """Fetch, in one call to the client book, the labels of every file these rows name."""
        wanted: set[int] = set()
        for item in items:
            if item.holder_client_id is not None:
                wanted.add(item.holder_client_id)
            if item.consignment is not None and self._knows_item_consignor(item):
                wanted.add(item.consignment.consignor_id)
        for event in events:
            if event.counterpart_client_id is not None:
                wanted.add(event.counterpart_client_id)
        wanted.update(c.consignor_id for c in consignments if self.knows_consignor_of(c))
        missing = wanted - self._labels.keys()
        if missing:
            self._labels.update(client_labels(self.user, missing))

    def _label(self, client_id: int) -> ClientLabel | None:
        if client_id not in self._labels:
            self._labels.update(client_labels(self.user, [client_id]))
        return self._labels.get(client_id)

    def _consignor_of(self, client_id: int | None, *, known: bool) -> ConsignorShown | None:
        if not known or client_id is None:
            return None
        label = self._label(client_id)
        if label is None:
            return None
        return ConsignorShown(number=label.number, name=label.name, named=label.identity_shown)

    # --- Per record ----------------------------------------------------------------------
    def consignor(self, consignment: Consignment | None) -> ConsignorShown | None:
        """Who consigned, as this viewer may read it; None for a role that may not know."""
        if consignment is None:
            return None
        return self._consignor_of(consignment.consignor_id, known=self.knows_consignor_of(consignment))

    def consignor_text(self, consignment: Consignment | None) -> str | None:
        shown = self.consignor(consignment)
        return shown.text if shown is not None else None

    def collected_by(self, receipt: ReleaseReceipt) -> str | None:
        """Who collects pieces going back (the consignor or their agent): shown with the consignor's name only."""
        shown = self.consignor(receipt.consignment)
        return receipt.collected_by if shown is not None and shown.named else None

    def holder(self, item: Item) -> str:
        """Who holds the piece outside the house, in the words this viewer may read."""
        if item.holder_client_id is None:
            return item.holder
        if item.status == ItemStatus.RETURNED:
            shown = self._consignor_of(item.holder_client_id, known=self._knows_item_consignor(item))
            if shown is None:
                return THE_CONSIGNOR
            # The person collecting may be the consignor or their agent: named only with the consignor.
            return (item.holder or shown.text) if shown.named else f"{THE_CONSIGNOR} ({shown.name})"
        label = self._label(item.holder_client_id)
        if label is None or label.identity_shown:
            return item.holder
        return label.name

    def counterpart(self, event: CustodyEvent) -> str:
        """The other side of an event (a consignor, client, vendor or carrier) as this viewer may read it."""
        if event.kind in _CONSIGNOR_SIDE:
            shown = self._consignor_of(event.counterpart_client_id, known=self._knows_event_consignor(event))
            if shown is None:
                return THE_CONSIGNOR
            if not shown.named:
                return shown.name
            if event.kind == EventKind.RETURN_TO_CONSIGNOR and event.counterpart:
                return event.counterpart
            return shown.text
        if event.counterpart_client_id is not None:
            label = self._label(event.counterpart_client_id)
            if label is not None and not label.identity_shown:
                return label.name
        return event.counterpart

    def event_line(self, event: CustodyEvent) -> str:
        """Who did what with whom, for a piece's history: "Received from the consignor, Mrs … (C-…),
        by Eleanor Whitcombe", so the member of staff never reads as the other side."""
        staff = str(event.staff)
        if event.kind in _CONSIGNOR_SIDE:
            shown = self._consignor_of(event.counterpart_client_id, known=self._knows_event_consignor(event))
            party = shown.phrase if shown is not None else THE_CONSIGNOR
            if (
                shown is not None
                and shown.named
                and event.kind == EventKind.RETURN_TO_CONSIGNOR
                and event.counterpart
                and event.counterpart != shown.name
            ):
                party += f", collected by {event.counterpart}"
            verb = "Received from" if event.kind == EventKind.INTAKE else "Returned to"
            # An apposition ("the consignor, Mrs …,") closes with a comma before the member of staff.
            return f"{verb} {party}, by {staff}" if shown is not None and shown.named else f"{verb} {party} by {staff}"
        line = f"By {staff}"
        counterpart = self.counterpart(event)
        if counterpart:
            line += f" · {'with' if event.kind in (EventKind.TRANSFER_OUT, EventKind.SHIP_OUT) else 'to'} {counterpart}"
        return line

    def stated_value(self, item: Item) -> Any:
        return item.stated_value if self.sees_values else None

    def insurance_value(self, item: Item) -> Any:
        return item.insurance_value if self.sees_values else None


@dataclass(frozen=True)
class PieceRow:
    """A row of a list of pieces: the piece and who holds it, as the viewer may read it."""

    item: Item
    holder: str


def piece_rows(viewer: PieceViewer, items: Iterable[Item]) -> list[PieceRow]:
    """Rows for a list of pieces, asking the client book once for the whole page."""
    rows = list(items)
    viewer.know(items=rows)
    return [PieceRow(item, viewer.holder(item)) for item in rows]
