"""The release desk's answer for one piece: the invoice billing it, where it stands, and whether it may
leave now (billing's release guard, asked as custody asks it), or when it left."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from parure.billing import queries
from parure.billing.models import Invoice
from parure.billing.release import why_not_released
from parure.billing.services.invoices import office_today
from parure.inventory import queries as inventory
from parure.inventory.choices import EventKind, ItemStatus


@dataclass(frozen=True)
class Verdict:
    """What the desk shows for one piece."""

    item: Any
    invoice: Invoice | None
    standing: str
    due: str
    may_go: bool
    sentence: str
    released: Any  # the release event, once it left


def _release_event(item: Any) -> Any:
    return inventory.history(item).filter(kind=EventKind.RELEASE).order_by("-seq").first()


def verdict_for(item: Any) -> Verdict:
    invoice = queries.invoice_for_piece(item.pk)
    released = _release_event(item) if item.status != ItemStatus.IN_HOUSE else None
    if invoice is None:
        sentence = why_not_released(item, "shipment:") or (
            f"{item.stock_number} is on no issued invoice; it leaves with a shipment, a return to its consignor "
            "or a private sale, not from this desk."
        )
        return Verdict(item, None, "", "", False, sentence, released)
    standing = queries.standing_of(invoice, today=office_today(invoice.office))
    due = queries.balance_of(invoice).due
    blocked = why_not_released(item, f"invoice:{invoice.number}")
    sentence = blocked
    if released is not None:
        sentence = f"{item.stock_number} left our custody on {timezone.localtime(released.at):%-d %B %Y at %H:%M}."
    elif not sentence:
        sentence = f"Invoice {invoice.number} is paid in full: {item.stock_number} may go to its buyer."
    return Verdict(
        item=item,
        invoice=invoice,
        standing=standing.label,
        due=due.format(invoice.locale),
        may_go=released is None and item.status == ItemStatus.IN_HOUSE and not blocked,
        sentence=sentence,
        released=released,
    )
