"""Charges for services on their own invoice (``billing.services.charges``), as the services app asks for
them, and what another app may read of where an invoice stands (``queries.invoice_summary``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.billing.choices import InvoiceSource, LineKind, Standing
from parure.billing.errors import BillingError
from parure.billing.models import Invoice, InvoiceLine
from parure.billing.queries import invoice_summary, piece_invoice_summary
from parure.billing.services.charges import ServiceCharge, service_invoice_issue
from parure.billing.services.invoices import office_today
from parure.billing.services.payments import payment_record
from parure.core.models import Office
from tests.billing import world as billing
from tests.conftest import Cast
from tests.inventory import world


@pytest.fixture
def manhattan_client(cast: Cast) -> Any:
    billing.new_york_billing()
    client = world.consignor("Mrs Helena Marchetti")
    billing.address(client, lines="800 Fifth Avenue", city="New York", region="NY", postcode="10065")
    return client


def test_a_repair_is_billed_on_an_issued_charges_invoice_with_new_york_city_sales_tax(
    cast: Cast, manhattan_client: Any
) -> None:
    office = Office.objects.get(code="NY")
    invoice = service_invoice_issue(
        client_id=manhattan_client.pk,
        office=office,
        currency="USD",
        reference="NY-R-26-00001-3",
        charges=[
            ServiceCharge("Re-tipping four claws, platinum", Decimal("180.00")),
            ServiceCharge("Re-polish and rhodium plate", "95.00"),
        ],
        by=cast.assistant,
    )
    assert invoice.source == InvoiceSource.CHARGES and invoice.reference == "NY-R-26-00001-3"
    assert invoice.number.startswith("NY-I-") and invoice.issued_by == cast.assistant
    lines = list(invoice.lines.order_by("position").values_list("kind", "description", "amount"))
    assert lines == [
        (LineKind.SERVICE, "Re-tipping four claws, platinum", Decimal("180.00")),
        ("tax", "Sales tax 8.875% on re-tipping four claws, platinum (US-NY-NYC)", Decimal("15.98")),
        (LineKind.SERVICE, "Re-polish and rhodium plate", Decimal("95.00")),
        ("tax", "Sales tax 8.875% on re-polish and rhodium plate (US-NY-NYC)", Decimal("8.43")),
    ]
    assert (invoice.net_total, invoice.tax_total, invoice.total) == (
        Decimal("275.00"),
        Decimal("24.41"),
        Decimal("299.41"),
    )
    summary = invoice_summary(invoice.number)
    assert (summary.buyer_id, summary.standing, summary.paid_in_full) == (manhattan_client.pk, Standing.UNPAID, False)
    assert summary.due.amount == Decimal("299.41")

    payment_record(invoice=invoice, method="card", amount="299.41", currency="USD",
                   received_on=office_today(office), by=cast.finance)  # fmt: skip
    paid = invoice_summary(invoice.number)
    assert (paid.standing, paid.standing_label, paid.paid_in_full, paid.due.amount) == (
        Standing.PAID,
        "Paid in full",
        True,
        Decimal("0.00"),
    )


@pytest.mark.parametrize(
    ("charges", "message", "field"),
    [
        ([], "There is nothing to charge.", None),
        (
            [ServiceCharge("Sizing", "180.00"), ServiceCharge("  ", "10.00")],
            "Charge 2: say what it is for.",
            "charges.1.description",
        ),
        ([ServiceCharge("Sizing", "abc")], "‘abc’ is not an amount; type it as 1250.00.", "charges.0.amount"),
        (
            [ServiceCharge("Sizing", "-5")],
            "An amount must be more than nothing, under a trillion and rounded to 0.01 USD.",
            "charges.0.amount",
        ),
        (
            [ServiceCharge("x" * 301, "5")],
            "Charge 1: the description is longer than 300 characters.",
            "charges.0.description",
        ),
    ],
)
def test_a_wrong_charge_refuses_the_whole_invoice_and_saves_nothing(
    cast: Cast, manhattan_client: Any, charges: list[ServiceCharge], message: str, field: str | None
) -> None:
    with pytest.raises(BillingError) as refused:
        service_invoice_issue(client_id=manhattan_client.pk, office=Office.objects.get(code="NY"), currency="USD",
                              reference="NY-R-26-00001-3", charges=charges, by=cast.assistant)  # fmt: skip
    assert (refused.value.message, refused.value.field) == (message, field)
    assert Invoice.objects.count() == 0 and InvoiceLine.objects.count() == 0


def test_a_piece_nobody_bought_has_no_invoice_summary(cast: Cast, manhattan_client: Any) -> None:
    world.build_places(Office.objects.get(code="NY"), cast.administrator)
    ring = world.take_in(cast.senior, manhattan_client, world.piece())[0]
    assert piece_invoice_summary(ring.pk) is None
