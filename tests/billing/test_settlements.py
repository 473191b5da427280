"""Consignor settlements from a clerked, closed sale, through the services: the figures per lot by each
consignment's terms, advances deducted once, the holds and their sentences, approval sealing the
settlement, payment runs (the CSV, the SEPA file refused outside euros, marking the run sent pays), and
the statement PDF read back."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import DatabaseError, transaction
from pypdf import PdfReader

from parure.billing.errors import BillingError
from parure.billing.models import Advance, PaymentRun, Settlement, SettlementLine
from parure.billing.services import invoices as invoicing
from parure.billing.services import payments
from parure.billing.services import settlements as services
from parure.billing.settlement_pdf import statement_pdf
from parure.clients.services import compliance
from parure.core.models import Staff
from parure.inventory.services.intake import Terms, consignment_amend_terms
from tests.billing import world
from tests.billing.world import ny_today

pytestmark = pytest.mark.django_db
D = Decimal
BEFORE_DUE = date(2027, 3, 20)
AFTER_DUE = date(2027, 4, 20)
IBAN = "DE89370400440532013000"


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


@pytest.fixture
def day(shared: Any, db: Any) -> Any:
    shared.sale.refresh_from_db()
    return shared


def consignment_of(day: Any, index: int) -> Any:
    return day.lots[index].pieces.first().item.consignment


def consignor_ready(client: Any, *, tax_form: bool = True, account: bool = True) -> None:
    """The consignor's KYC verified, their W-9 and their payout account on file."""
    eleanor = Staff.objects.get(username="eleanor")
    compliance.kyc_record(
        client=client,
        by=eleanor,
        status="verified",
        document="passport",
        document_expires_on=date(2030, 1, 1),
        verified_on=ny_today(),
        proof_of_address_on=ny_today(),
    )
    if tax_form:
        compliance.tax_form_record(client=client, by=eleanor, tax_form="w9", received_on=ny_today())
    if account:
        compliance.payout_account_record(client=client, by=eleanor, name="Adela Moreno", iban=IBAN, bic="COBADEFFXXX")


def lines(settlement: Settlement) -> list[tuple[str, str, str, Decimal]]:
    return [
        (line.lot_label, line.kind, line.description, line.amount) for line in settlement.lines.order_by("position")
    ]


def settle(day: Any) -> list[Settlement]:
    return services.settlements_from_sale(sale=day.sale, by=day.cast.finance)


def invoiced_and_paid(day: Any, *, pay: bool = True) -> dict[str, Any]:
    made = invoicing.invoices_from_sale(sale=day.sale, by=day.cast.finance)
    issued = {}
    for draft in made:
        invoice = invoicing.invoice_issue(invoice=draft, by=day.cast.finance)
        name = "julian" if invoice.buyer_id == day.julian.client_id else "ada"
        issued[name] = invoice
    if pay:
        julian = issued["julian"]
        payments.payment_record(
            invoice=julian,
            method="wire",
            amount=julian.total,
            currency=julian.currency,
            received_on=ny_today(),
            reference="FED-1",
            by=day.cast.finance,
        )
    return issued


def test_a_closed_sale_gives_a_draft_per_consignment_by_its_terms(day: Any) -> None:
    made = settle(day)
    assert [settlement.reference for settlement in made] == ["NY-J-2703"] * 5
    ring, brooch, necklace, bracelet, riviere = made
    # 12.5% commission, insurance 1% of the hammer, photography 150 a piece (tests/inventory/world.TERMS).
    assert lines(ring) == [
        ("1", "hammer", "A sapphire and diamond ring", D("9000.000")),
        ("1", "commission", "Commission 12.5% on lot 1", D("-1125.000")),
        ("1", "insurance", "Insurance 1% on the hammer", D("-90.000")),
        ("1", "photography", "Photography (1 piece)", D("-150.000")),
    ]
    assert (ring.hammer_total, ring.commission_total, ring.fees_total, ring.tax_total, ring.net_total) == (
        D("9000"),
        D("1125"),
        D("240"),
        D("0"),
        D("7635"),
    )
    assert lines(brooch) == [
        ("2", "hammer", "An emerald brooch (bought in)", D("0.000")),
        ("2", "photography", "Photography (1 piece)", D("-150.000")),
    ]
    assert necklace.net_total == D("6337.50") and riviere.net_total == D("5905.00")
    assert lines(bracelet) == [("4", "hammer", "A ruby bracelet (withdrawn)", D("0.000"))]
    assert ring.terms["commission_rate"] == "0.125" and ring.status == "draft"
    assert ring.number.startswith("NY-S-") and ring.consignment_number == consignment_of(day, 0).number


def test_the_consignments_own_terms_decide_each_figure(day: Any) -> None:
    consignment_amend_terms(
        consignment=consignment_of(day, 0),
        terms=Terms(
            commission_rate=D("10"),
            insurance_fee_rate=D("1.5"),
            insurance_basis="high_estimate",
            commission_basis="tiered",
            commission_bands=((D(0), D(20)), (D(5000), D(10))),
            performance_fee_rate=D(0),
        ),
        by=day.cast.senior,
        reason="Tiered commission agreed",
    )
    consignment_amend_terms(
        consignment=consignment_of(day, 1),
        terms=Terms(commission_rate=D("10"), unsold_fee_rate=D("5"), unsold_fee_basis="low_estimate"),
        by=day.cast.senior,
        reason="Unsold fee on the low estimate",
    )
    consignment_amend_terms(
        consignment=consignment_of(day, 2),
        terms=Terms(
            commission_rate=D("10"), insurance_fee_rate=D(0), performance_fee_rate=D("15"), minimum_commission=D("800")
        ),
        by=day.cast.senior,
        reason="Performance fee",
    )
    consignment_amend_terms(
        consignment=consignment_of(day, 3),
        terms=Terms(commission_rate=D("10"), withdrawal_fee=D("350")),
        by=day.cast.senior,
        reason="Withdrawal fee",
    )
    ring, brooch, necklace, bracelet, _ = settle(day)
    # 20% of the first 5,000 and 10% of the 4,000 above: 1,400; insurance 1.5% of the high estimate 12,000.
    assert lines(ring)[1:] == [
        ("1", "commission", "Commission, tiered on lot 1", D("-1400.000")),
        ("1", "insurance", "Insurance 1.5% on the high estimate", D("-180.000")),
    ]
    assert lines(brooch)[1:] == [("2", "unsold", "Unsold fee 5% on the low estimate", D("-400.000"))]
    # 10% of 7,500 is 750, under the minimum of 800; 15% of the 500 above the high estimate of 7,000.
    assert lines(necklace)[1:] == [
        ("3", "commission", "Commission (the minimum per lot) on lot 3", D("-800.000")),
        ("3", "performance", "Performance fee 15% on the hammer above the high estimate", D("-75.000")),
    ]
    assert lines(bracelet)[1:] == [("4", "withdrawal", "Withdrawal fee", D("-350.000"))]
    assert bracelet.net_total == D("-350")
    assert ring.terms["commission_bands"] == [["0", "0.2"], ["5000", "0.1"]]


def test_a_sale_is_settled_once_and_only_when_closed(day: Any) -> None:
    settle(day)
    with pytest.raises(BillingError, match=r"^Every consignment in NY-J-2703 has its settlement already\.$"):
        settle(day)
    from tests.auctions import world as sale_world

    open_sale = sale_world.sale(day.cast.senior, code="NY-J-2788")
    with pytest.raises(BillingError, match=r"^NY-J-2788 is not closed yet; its consignors are settled once"):
        services.settlements_from_sale(sale=open_sale, by=day.cast.finance)
    assert Settlement.objects.count() == 5


def test_an_advance_is_deducted_once(day: Any) -> None:
    number = consignment_of(day, 0).number
    advance = services.advance_record(
        consignment_number=number, amount="1000.00", paid_on=ny_today(), reference="WIRE-0091", by=day.cast.finance
    )
    ring = settle(day)[0]
    assert lines(ring)[-1] == ("1", "advance", "Advance deducted (WIRE-0091)", D("-1000.000"))
    assert (ring.advances_total, ring.net_total) == (D("1000"), D("6635"))
    advance.refresh_from_db()
    assert advance.deducted_in == ring
    assert Advance.objects.filter(deducted_in__isnull=True).count() == 0


def test_an_advance_is_refused_with_the_field_it_concerns(day: Any) -> None:
    number = consignment_of(day, 0).number
    for fields, field in (
        ({"consignment_number": number[:-1] + str((int(number[-1]) + 1) % 10)}, "consignment"),
        ({"amount": "-5"}, "amount"),
        ({"reference": ""}, "reference"),
        ({"paid_on": ny_today() + timedelta(days=400)}, "paid_on"),
    ):
        arguments = {
            "consignment_number": number,
            "amount": "100",
            "paid_on": ny_today(),
            "reference": "R",
            "by": day.cast.finance,
            **fields,
        }
        with pytest.raises(BillingError) as refused:
            services.advance_record(**arguments)
        assert refused.value.field == field
    assert not Advance.objects.exists()


def test_each_hold_says_why_in_a_sentence(day: Any) -> None:
    ring = settle(day)[0]
    state = services.state_of(ring, today=BEFORE_DUE)
    assert state.standing == "draft"
    assert [hold.sentence for hold in state.holds] == [
        "Lot 1: the buyer has not been invoiced yet.",
        "Payable from 14 April 2027 (the sale plus 35 days).",
        "The consignor's KYC is not verified.",
        "No W-9 or W-8 on file.",
        "No payout account on file for the consignor.",
    ]
    issued = invoiced_and_paid(day, pay=False)
    services.settlement_approve(settlement=ring, by=day.cast.finance)
    ring.refresh_from_db()
    consignor_ready(ring.consignor)
    state = services.state_of(ring, today=AFTER_DUE)
    due = issued["julian"].total
    assert state.standing == "held"
    assert [hold.sentence for hold in state.holds] == [
        f"Lot 1: the buyer's invoice {issued['julian'].number} is not paid in full (${due:,.2f} due)."
    ]


def test_a_settlement_is_not_paid_before_the_buyer_pays_nor_before_it_is_due(day: Any) -> None:
    ring = settle(day)[0]
    services.settlement_approve(settlement=ring, by=day.cast.finance)
    consignor_ready(ring.consignor)
    issued = invoiced_and_paid(day, pay=False)
    office = ring.office
    with pytest.raises(BillingError) as refused:
        services.payment_run_create(
            office=office, settlement_numbers=[ring.number], by=day.cast.finance, today=AFTER_DUE
        )
    assert refused.value.code == "not_paid"
    assert refused.value.message.startswith(f"{ring.number}: Lot 1: the buyer's invoice {issued['julian'].number}")
    julian = issued["julian"]
    payments.payment_record(
        invoice=julian,
        method="wire",
        amount=julian.total,
        currency="USD",
        received_on=ny_today(),
        reference="FED-1",
        by=day.cast.finance,
    )
    with pytest.raises(BillingError, match=r"Payable from 14 April 2027 \(the sale plus 35 days\)\.") as early:
        services.payment_run_create(
            office=office, settlement_numbers=[ring.number], by=day.cast.finance, today=BEFORE_DUE
        )
    assert early.value.code == "not_due"
    assert not PaymentRun.objects.exists()


def test_a_held_consignor_is_refused_with_the_hold(day: Any) -> None:
    ring = settle(day)[0]
    services.settlement_approve(settlement=ring, by=day.cast.finance)
    invoiced_and_paid(day)
    with pytest.raises(BillingError, match=r"The consignor's KYC is not verified\.$") as refused:
        services.payment_run_create(
            office=ring.office, settlement_numbers=[ring.number], by=day.cast.finance, today=AFTER_DUE
        )
    assert refused.value.code == "held"


def test_an_approved_settlement_is_sealed(day: Any) -> None:
    ring = settle(day)[0]
    SettlementLine.objects.filter(settlement=ring, kind="insurance").update(amount=D("-91"))  # a draft may change
    services.settlement_approve(settlement=ring, by=day.cast.finance, expected_version=1)
    line = ring.lines.first()
    assert line is not None
    for attempt in (
        lambda: Settlement.objects.filter(pk=ring.pk).update(net_total=D(1)),
        lambda: SettlementLine.objects.filter(pk=line.pk).update(amount=D(1)),
        lambda: SettlementLine.objects.create(settlement=ring, position=99, kind="hammer", description="x", amount=1),
    ):
        with pytest.raises(DatabaseError, match="cannot change"), transaction.atomic():
            attempt()
    with pytest.raises(BillingError, match=r"is approved already\.$"):
        services.settlement_approve(settlement=ring, by=day.cast.finance)


def test_a_payment_run_pays_the_settlements_due_and_is_sealed_once_sent(day: Any) -> None:
    ring, _, necklace, _, riviere = settle(day)
    invoiced_and_paid(day)
    for settlement in (ring, necklace, riviere):
        services.settlement_approve(settlement=settlement, by=day.cast.finance)
    consignor_ready(ring.consignor)
    run = services.payment_run_create(
        office=ring.office, settlement_numbers=[ring.number.lower()], by=day.cast.finance, today=AFTER_DUE
    )
    assert (run.currency, run.total, run.status) == ("USD", D("7635"), "prepared")
    assert services.state_of(ring, today=AFTER_DUE).standing == "in_run"
    with pytest.raises(BillingError, match=rf"is in payment run {run.number} already\.$"):
        services.payment_run_create(
            office=ring.office, settlement_numbers=[ring.number], by=day.cast.finance, today=AFTER_DUE
        )
    items = services.run_items(run)
    rows = list(csv.reader(io.StringIO(services_csv(run, items))))
    assert rows == [
        ["run", "settlement", "reference", "payee", "iban", "bic", "amount", "currency", "execution_date"],
        [run.number, ring.number, "NY-J-2703", "Adela Moreno", IBAN, "COBADEFFXXX", "7635.00", "USD", "2027-04-20"],
    ]
    from parure.billing.payment_files import sepa_credit_transfer

    with pytest.raises(
        BillingError,
        match=r"^A SEPA credit transfer file is for payments in euros; run .* pays in "
        r"USD\. Download its CSV instead\.$",
    ):
        sepa_credit_transfer(run, items, services.office_settings(run.office))
    services.payment_run_mark_sent(run=run, by=day.cast.finance, today=AFTER_DUE)
    run.refresh_from_db()
    assert (run.status, run.sent_by) == ("sent", day.cast.finance)
    assert services.state_of(ring, today=AFTER_DUE).standing == "paid"
    with pytest.raises(DatabaseError, match="cannot change"), transaction.atomic():
        PaymentRun.objects.filter(pk=run.pk).update(total=D(1))
    with pytest.raises(BillingError, match=r"was marked sent already\.$"):
        services.payment_run_mark_sent(run=run, by=day.cast.finance)


def services_csv(run: Any, items: Any) -> str:
    from parure.billing.payment_files import payments_csv

    return payments_csv(run, items)


def test_the_statement_pdf_reads_back(day: Any) -> None:
    ring = settle(day)[0]
    text = " ".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(statement_pdf(services.state_of(ring, today=BEFORE_DUE)))).pages
    )
    text = " ".join(text.split())
    for expected in (
        "Settlement statement",
        ring.number,
        ring.consignment_number,
        "NY-J-2703",
        "A sapphire and diamond ring",
        "$9,000.00",
        "Commission 12.5% on lot 1 -$1,125.00",
        "Insurance 1% on the hammer -$90.00",
        "Photography (1 piece) -$150.00",
        "Net for lot 1 $7,635.00",
        "Net to the consignor $7,635.00",
        "Payable from 14 April 2027 (the sale plus 35 days).",
        "The consignor's KYC is not verified.",
    ):
        assert expected in text, expected
