"""Settlements made through the real services for the pages' tests and the permission matrix: a clerked,
closed sale (tests/auctions/results_day.py) invoiced, Julian's invoice paid, its consignments settled,
lot 1's consignor ready to be paid and that settlement in a payment run; and a private sale."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from parure.billing.services import invoices as invoicing
from parure.billing.services import payments, private_sales
from parure.billing.services import settlements as services
from parure.clients.services import compliance
from parure.core.models import Staff
from tests.billing.world import ny_today

AFTER_DUE = date(2027, 4, 20)
IBAN = "DE89370400440532013000"


def consignor_ready(client: Any) -> None:
    """The consignor's KYC verified, a W-9 and a payout account on file."""
    eleanor = Staff.objects.get(username="eleanor")
    compliance.kyc_record(client=client, by=eleanor, status="verified", document="passport",
                          document_expires_on=date(2030, 1, 1), verified_on=ny_today(),
                          proof_of_address_on=ny_today())  # fmt: skip
    compliance.tax_form_record(client=client, by=eleanor, tax_form="w9", received_on=ny_today())
    compliance.payout_account_record(client=client, by=eleanor, name="Adela Moreno", iban=IBAN, bic="COBADEFFXXX")


def build(cast: Any, *, code: str = "NY-J-2797") -> SimpleNamespace:
    from tests.auctions import results_day
    from tests.billing import world
    from tests.inventory import world as inventory_world

    world.new_york_billing()
    day = results_day.clerked(cast, code=code)
    day.sale.refresh_from_db()
    world.address(day.ada.client, lines="1 Fifth Avenue", city="New York", region="NY", postcode="10003")
    finance = cast.finance
    issued = {}
    for draft in invoicing.invoices_from_sale(sale=day.sale, by=finance):
        invoice = invoicing.invoice_issue(invoice=draft, by=finance)
        issued["julian" if invoice.buyer_id == day.julian.client_id else "ada"] = invoice
    julian = issued["julian"]
    payments.payment_record(invoice=julian, method="wire", amount=julian.total, currency="USD",
                            received_on=ny_today(), reference="FED-1", by=finance)  # fmt: skip
    made = services.settlements_from_sale(sale=day.sale, by=finance)
    ring = services.settlement_approve(settlement=made[0], by=finance)
    consignor_ready(ring.consignor)
    run = services.payment_run_create(office=ring.office, settlement_numbers=[ring.number], by=finance,
                                      today=AFTER_DUE)  # fmt: skip
    piece = inventory_world.take_in(cast.senior, inventory_world.consignor("Mrs Helena Ruiz"),
                                    inventory_world.piece("Emerald ring"))[0]  # fmt: skip
    private = private_sales.private_sale_create(stock_number=piece.stock_number, buyer_number=day.ada.client.number,
                                                price="20000", commission_rate="10", by=finance)  # fmt: skip
    return SimpleNamespace(day=day, settlements=made, ring=ring, draft=made[1], run=run, private_sale=private,
                           invoices=issued)  # fmt: skip
