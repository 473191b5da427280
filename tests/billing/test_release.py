"""Billing's word on a release: a piece leaves for its buyer only when the invoice billing it is paid in
full, or on a senior specialist's override with a reason, which the ledger event keeps. Through custody's
own release service, as the release desk and the piece's page use it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.billing.services import invoices, payments
from parure.inventory import services as custody
from parure.inventory.choices import EventKind, ItemStatus
from parure.inventory.errors import CustodyError, InvalidInput
from parure.inventory.guards import ReleaseOverride
from tests.billing import world

pytestmark = pytest.mark.django_db
D = Decimal
ALLOW = " A senior specialist may release it before payment, with a reason."


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


@pytest.fixture
def day(shared: Any, db: Any) -> Any:
    shared.sale.refresh_from_db()
    made = invoices.invoices_from_sale(sale=shared.sale, by=shared.cast.finance)
    shared.issued = {
        invoice.buyer_id: invoices.invoice_issue(invoice=invoice, by=shared.cast.finance) for invoice in made
    }
    return shared


def _piece(day: Any, lot_index: int) -> Any:
    return day.lots[lot_index].pieces.get().item


def _release(day: Any, piece: Any, cause: str, **extra: Any) -> Any:
    return custody.item_release(item=piece, cause=cause, by=day.cast.senior, counterpart="Mrs Ada Lindqvist", **extra)


def _refusal(action: Any) -> str:
    with pytest.raises((CustodyError, InvalidInput)) as refused:
        action()
    return refused.value.message


def test_an_unpaid_invoice_keeps_the_piece_until_it_is_paid_in_full(day: Any) -> None:
    ada = day.issued[day.ada.client_id]
    necklace = _piece(day, 2)
    assert _refusal(lambda: _release(day, necklace, f"invoice:{ada.number}")) == (
        f"Invoice {ada.number} is not paid in full ($20,049.33 due); {necklace.stock_number} may not leave yet." + ALLOW
    )
    payments.payment_record(invoice=ada, method="wire", amount="20000", currency="USD",
                            received_on=invoices.office_today(ada.office), by=day.cast.finance)  # fmt: skip
    assert _refusal(lambda: _release(day, necklace, f"invoice:{ada.number}")).startswith(
        f"Invoice {ada.number} is not paid in full ($49.33 due)"
    )
    necklace.refresh_from_db()
    assert necklace.status == ItemStatus.IN_HOUSE and necklace.custody_events.count() == 1
    payments.payment_record(invoice=ada, method="card", amount="49.33", currency="USD",
                            received_on=invoices.office_today(ada.office), by=day.cast.finance)  # fmt: skip
    event = _release(day, necklace, f"invoice:{ada.number}")
    assert (event.kind, event.cause, event.reason) == (EventKind.RELEASE, f"invoice:{ada.number}", "")


def test_the_paperwork_must_name_an_issued_invoice_that_bills_the_piece(day: Any) -> None:
    julian = day.issued[day.julian.client_id]
    necklace = _piece(day, 2)
    assert _refusal(lambda: _release(day, necklace, f"invoice:{julian.number}")) == (
        f"Invoice {julian.number} does not bill {necklace.stock_number}." + ALLOW
    )
    assert _refusal(lambda: _release(day, necklace, "invoice:NY-I-1")).startswith("‘NY-I-1’ is not an invoice number")
    body, digit = julian.number[:-1], julian.number[-1]
    assert "has a wrong check digit" in _refusal(
        lambda: _release(day, necklace, f"invoice:{body}{(int(digit) + 1) % 10}")
    )


def test_a_shipment_of_a_sold_piece_waits_for_its_invoice_to_be_paid(day: Any) -> None:
    ring = _piece(day, 0)
    julian = day.issued[day.julian.client_id]
    assert _refusal(lambda: _release(day, ring, "shipment:NY-S-26-00012-4")).startswith(
        f"Invoice {julian.number} is not paid in full ($11,430.00 due)"  # no address on file: no sales tax
    )


def test_a_senior_may_override_with_a_reason_that_goes_on_the_ledger(day: Any) -> None:
    ring = _piece(day, 0)
    julian = day.issued[day.julian.client_id]
    cause = f"invoice:{julian.number}"
    assert (
        _refusal(
            lambda: _release(day, ring, cause, override=ReleaseOverride(by=day.cast.finance, reason="Trusted client"))
        )
        == f"Only a senior specialist can release {ring.stock_number} before its paperwork allows."
    )
    assert _refusal(lambda: _release(day, ring, cause, override=ReleaseOverride(by=day.cast.senior, reason=" "))) == (
        "Say why the piece may leave before its invoice is paid in full; the reason goes on the ledger."
    )
    ring.refresh_from_db()
    assert ring.custody_events.count() == 1
    event = _release(
        day, ring, cause, override=ReleaseOverride(by=day.cast.senior, reason="Wire sent; SWIFT copy seen.")
    )
    assert (
        event.reason
        == "Released before its paperwork allows, on the authority of Eleanor Whitcombe: Wire sent; SWIFT copy seen."
    )
