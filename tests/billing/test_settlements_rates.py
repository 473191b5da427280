"""Settling a consignment agreed in another currency than the sale's, at the rate finance states: a
consignment agreed in euros (photography EUR 150 a piece, a minimum commission of EUR 500 per lot, a
withdrawal fee of EUR 350, an advance of EUR 1,000) sold in a sale in pounds at 0.86121 pounds for one
euro, beside a consignment agreed in pounds; the consignment without its rate waits, every bad rate is
refused with nothing saved, the rate and its day are printed on the statement; and a private sale of a
piece consigned in euros, sold in dollars."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from parure.auctions.services import clerking
from parure.auctions.services.tables import PremiumRow, premium_schedule_save
from parure.billing.errors import BillingError
from parure.billing.models import Advance, Settlement, SettlementLine
from parure.billing.services import invoices as invoicing
from parure.billing.services import payments, private_sales
from parure.billing.services import settlements as services
from parure.billing.settlement_pdf import statement_pdf
from parure.core.models import NumberSequence
from parure.inventory import services as intake
from parure.inventory.services.intake import Terms
from tests.auctions import world as sale_world
from tests.billing import world
from tests.billing.world import ny_today
from tests.conftest import signed_in
from tests.inventory import world as inventory_world

pytestmark = pytest.mark.django_db
D = Decimal
RATE = "0.86121"
EURO_TERMS = Terms(
    commission_rate=D("12.5"), photography_fee=D("150"), minimum_commission=D("500"), withdrawal_fee=D("350")
)


def consigned(cast: Any, name: str, currency: str, *titles: str) -> Any:
    """A consignment agreed in ``currency`` on EURO_TERMS's figures, its pieces condition-reported."""
    consignment = intake.consignment_intake(
        consignor=inventory_world.consignor(name),
        terms=EURO_TERMS,
        pieces=[inventory_world.piece(title) for title in titles],
        by=cast.senior,
        currency=currency,
    )
    for item in consignment.items.order_by("line"):
        inventory_world.intake_condition_report(item, by=cast.senior)
    return consignment


def sale_in_pounds(cast: Any) -> SimpleNamespace:
    """NY-J-2790, in pounds: lot 1 (EUR consignment) sold at 9,000, lot 2 (same) sold at 2,000, lot 3
    (same) withdrawn, lot 4 (a consignment agreed in pounds) sold at 5,000."""
    world.new_york_billing()
    senior, clerk = cast.senior, cast.assistant
    premium = premium_schedule_save(by=senior, code="house-2026-ny-gbp", name="Buyer's premium 2026, in pounds",
                                    effective_from=date(2026, 1, 1), office=senior.office, currency="GBP",
                                    bands=[PremiumRow("0", "27")])  # fmt: skip
    sale = sale_world.sale(senior, code="NY-J-2790", currency="GBP", premium_schedule=premium)
    euros = consigned(cast, "Mrs Hélène Dufour", "EUR", "Sapphire ring", "Gold brooch", "Ruby bracelet")
    pounds = consigned(cast, "Mr Hugo Pemberton", "GBP", "Pearl necklace")
    ring, brooch, bracelet = (list(euros.items.order_by("line"))[index] for index in range(3))
    lots = [
        sale_world.lot(sale, senior, items=[ring], heading="A sapphire ring"),
        sale_world.lot(sale, senior, items=[brooch], heading="A gold brooch", low="1500", high="2500", reserve="1000"),
        sale_world.lot(sale, senior, items=[bracelet], heading="A ruby bracelet"),
        sale_world.lot(
            sale,
            senior,
            items=list(pounds.items.all()),
            heading="A pearl necklace",
            low="4000",
            high="6000",
            reserve="3000",
        ),
    ]
    bidder = sale_world.bidder(sale)
    sale_world.live(sale)
    for lot, hammer in ((lots[0], "9000"), (lots[1], "2000"), (lots[3], "5000")):
        if lot is lots[3]:
            clerking.clerk_withdraw(lot=lots[2], by=clerk, reason="The consignor withdrew it.")
        clerking.clerk_open(lot=lot, by=clerk)
        clerking.clerk_bid(lot=lot, source="room", paddle=bidder.paddle, amount=hammer, by=clerk)
        clerking.clerk_hammer(lot=lot, by=clerk)
    sale_world.close(sale)
    sale.refresh_from_db()
    return SimpleNamespace(cast=cast, sale=sale, euros=euros, pounds=pounds, bidder=bidder)


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    from tests.auctions import results_day

    with results_day.once(django_db_blocker) as cast, django_db_blocker.unblock():
        yield sale_in_pounds(cast)


@pytest.fixture
def day(shared: Any, db: Any) -> Any:
    shared.sale.refresh_from_db()
    return shared


def lines(settlement: Settlement) -> list[tuple[str, str, str, Decimal]]:
    return [(row.lot_label, row.kind, row.description, row.amount) for row in settlement.lines.order_by("position")]


def advance(day: Any) -> Advance:
    return services.advance_record(consignment_number=day.euros.number, amount="1000.00", paid_on=ny_today(),
                                   reference="WIRE-77", by=day.cast.finance)  # fmt: skip


def test_a_consignment_agreed_in_euros_is_settled_in_pounds_at_the_rate_stated(day: Any) -> None:
    paid = advance(day)
    euros, pounds = services.settlements_from_sale(sale=day.sale, by=day.cast.finance, rates={day.euros.number: RATE})
    assert (euros.consignment_number, pounds.consignment_number) == (day.euros.number, day.pounds.number)
    # 150 × 0.86121 = 129.1815 → 129.18; 500 × 0.86121 = 430.605 → 430.61 (half-up); 350 × 0.86121 =
    # 301.4235 → 301.42; 1,000 × 0.86121 = 861.21. The commission and insurance are rates on the hammer.
    assert lines(euros) == [
        ("1", "hammer", "A sapphire ring", D("9000.000")),
        ("1", "commission", "Commission 12.5% on lot 1", D("-1125.000")),
        ("1", "insurance", "Insurance 1% on the hammer", D("-90.000")),
        ("1", "photography", "Photography (1 piece), fee EUR 150.00 at 0.86121", D("-129.180")),
        ("1", "advance", "Advance deducted (WIRE-77, EUR 1,000.00 at 0.86121)", D("-861.210")),
        ("2", "hammer", "A gold brooch", D("2000.000")),
        ("2", "commission", "Commission (the minimum per lot, EUR 500.00 at 0.86121) on lot 2", D("-430.610")),
        ("2", "insurance", "Insurance 1% on the hammer", D("-20.000")),
        ("2", "photography", "Photography (1 piece), fee EUR 150.00 at 0.86121", D("-129.180")),
        ("3", "hammer", "A ruby bracelet (withdrawn)", D("0.000")),
        ("3", "withdrawal", "Withdrawal fee EUR 350.00 at 0.86121", D("-301.420")),
    ]
    assert (euros.currency, euros.hammer_total, euros.commission_total, euros.fees_total) == (
        "GBP", D("11000"), D("1555.61"), D("669.78")
    )  # fmt: skip
    # 11,000 − 1,555.61 − 669.78 − 861.21
    assert (euros.advances_total, euros.net_total) == (D("861.21"), D("7913.40"))
    assert (euros.rate, euros.rate_on, euros.terms["currency"]) == (D(RATE), ny_today(), "EUR")
    paid.refresh_from_db()
    assert paid.deducted_in_id == euros.pk and paid.currency == "EUR" and paid.amount == D("1000")
    # The consignment agreed in pounds is settled as ever, its fees as agreed and no rate.
    assert lines(pounds)[1:] == [
        ("4", "commission", "Commission 12.5% on lot 4", D("-625.000")),
        ("4", "insurance", "Insurance 1% on the hammer", D("-50.000")),
        ("4", "photography", "Photography (1 piece)", D("-150.000")),
    ]
    assert (pounds.rate, pounds.rate_on, pounds.net_total) == (None, None, D("4175"))


def test_tiered_bands_agreed_in_euros_are_converted_at_the_rate_too(day: Any) -> None:
    intake.consignment_amend_terms(
        consignment=day.euros,
        terms=Terms(
            commission_rate=D("10"), commission_basis="tiered", commission_bands=((D(0), D(20)), (D(5000), D(10)))
        ),
        by=day.cast.senior,
        reason="Tiered commission agreed",
    )
    euros = services.settlements_from_sale(sale=day.sale, by=day.cast.finance, rates={day.euros.number: RATE})[0]
    # EUR 5,000 is GBP 4,306.05: 20% of 4,306.05 (861.21) and 10% of the 4,693.95 above (469.395) = 1,330.605.
    assert lines(euros)[1] == (
        "1", "commission", "Commission, tiered (bands agreed in EUR, at 0.86121) on lot 1", D("-1330.610")
    )  # fmt: skip
    assert euros.terms["commission_bands"] == [["0", "0.2"], ["5000", "0.1"]]


def test_without_its_rate_the_consignment_waits_and_the_others_are_made(day: Any) -> None:
    wanted = (
        f"{day.euros.number} is agreed in EUR but NY-J-2790 sells in GBP; give the rate (GBP for one EUR) to settle it."
    )
    made = services.settlements_from_sale(sale=day.sale, by=day.cast.finance)
    assert [row.consignment_number for row in made] == [day.pounds.number]
    assert [row.sentence for row in services.waiting_for_rate(day.sale)] == [wanted]
    with pytest.raises(BillingError) as refusal:
        services.settlements_from_sale(sale=day.sale, by=day.cast.finance, rates={day.euros.number: " "})
    assert (refusal.value.message, refusal.value.field, refusal.value.code) == (
        wanted, f"rate-{day.euros.number}", "no_rate"
    )  # fmt: skip
    later = services.settlements_from_sale(
        sale=day.sale, by=day.cast.finance, rates={day.euros.number.lower(): "0.8612"},
        rates_on=ny_today() - timedelta(days=1),
    )  # fmt: skip
    assert [(row.consignment_number, row.rate, row.rate_on) for row in later] == [
        (day.euros.number, D("0.8612"), ny_today() - timedelta(days=1))
    ]
    assert services.waiting_for_rate(day.sale) == []


@pytest.mark.parametrize(
    ("rate", "sentence"),
    [
        ("0", "The rate for {c} must be above zero: GBP for one EUR, e.g. 0.8612."),
        ("-0.86", "The rate for {c} must be above zero: GBP for one EUR, e.g. 0.8612."),
        ("0,8612", "‘0,8612’ is not a rate for {c}; give GBP for one EUR, e.g. 0.8612."),
        ("Infinity", "‘Infinity’ is not a rate for {c}; give GBP for one EUR, e.g. 0.8612."),
        ("0.861212345", "The rate for {c} has more than 8 decimals; round it to 8."),
        ("1000001", "The rate for {c} is above 1,000,000; give GBP for one EUR, e.g. 0.8612."),
        (D(0), "The rate for {c} must be above zero: GBP for one EUR, e.g. 0.8612."),
    ],
)
def test_a_bad_rate_refuses_every_settlement_of_the_sale_and_saves_nothing(
    day: Any, rate: str | Decimal, sentence: str
) -> None:
    paid = advance(day)
    numbers = list(NumberSequence.objects.order_by("pk").values())
    with pytest.raises(BillingError) as refusal:
        services.settlements_from_sale(sale=day.sale, by=day.cast.finance, rates={day.euros.number: rate})
    assert refusal.value.message == sentence.format(c=day.euros.number)
    assert (refusal.value.field, refusal.value.code) == (f"rate-{day.euros.number}", "invalid")
    assert (Settlement.objects.count(), SettlementLine.objects.count(), list(NumberSequence.objects.order_by("pk").values())) == (
        0, 0, numbers
    )  # fmt: skip
    paid.refresh_from_db()
    assert paid.deducted_in_id is None


def test_a_rate_where_none_is_needed_or_of_a_day_to_come_is_refused(day: Any) -> None:
    cases = [
        ({day.pounds.number: RATE}, None,
         f"{day.pounds.number} is agreed in GBP like NY-J-2790; it takes no rate."),
        ({"NY-C-26-09999-1": RATE}, None, "NY-C-26-09999-1 has nothing to settle in NY-J-2790; it takes no rate."),
        ({day.euros.number: RATE}, ny_today() + timedelta(days=1), "The rates cannot be of a day in the future."),
    ]  # fmt: skip
    for rates, rates_on, sentence in cases:
        with pytest.raises(BillingError) as refusal:
            services.settlements_from_sale(sale=day.sale, by=day.cast.finance, rates=rates, rates_on=rates_on)
        assert refusal.value.message == sentence
    assert Settlement.objects.count() == 0


def test_the_statement_prints_the_rate_its_day_and_each_converted_line(day: Any) -> None:
    euros = services.settlements_from_sale(sale=day.sale, by=day.cast.finance, rates={day.euros.number: RATE})[0]
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(
        statement_pdf(services.state_of(euros)))).pages)  # fmt: skip
    today = ny_today()
    assert (
        f"Terms agreed in EUR, settled in GBP at 0.86121 GBP for one EUR (the rate of {today.day} {today:%B %Y})."
        in text
    )
    assert "Photography (1 piece), fee EUR 150.00 at 0.86121" in text
    assert "Commission (the minimum per lot, EUR 500.00 at 0.86121) on lot 2" in text
    assert "Withdrawal fee EUR 350.00 at 0.86121" in text
    assert "£8,774.61" in text


def test_the_page_asks_a_rate_for_each_consignment_that_needs_one(day: Any) -> None:
    finance = signed_in(day.cast.finance)
    page = finance.get("/billing/settlements/new/?sale=NY-J-2790").content.decode()
    assert f"Rate for {day.euros.number} (GBP for one EUR)" in page and day.pounds.number not in page
    refused = finance.post("/billing/settlements/new/", {"sale": "NY-J-2790", f"rate-{day.euros.number}": "0"})
    assert refused.status_code == 422 and "must be above zero" in refused.content.decode()
    assert Settlement.objects.count() == 0
    first = finance.post("/billing/settlements/new/", {"sale": "NY-J-2790"})
    assert first.status_code == 302 and first["Location"] == "/billing/settlements/new/?sale=NY-J-2790"
    assert [row.consignment_number for row in Settlement.objects.all()] == [day.pounds.number]
    second = finance.post("/billing/settlements/new/", {"sale": "NY-J-2790", f"rate-{day.euros.number}": RATE})
    assert second.status_code == 302
    made = Settlement.objects.get(consignment_number=day.euros.number)
    assert (made.rate, made.net_total) == (D(RATE), D("8774.61"))
    assert (
        "Terms agreed in EUR, settled in GBP at 0.86121"
        in finance.get(f"/billing/settlements/{made.number}/").content.decode()
    )


def test_the_api_takes_a_rate_per_consignment(day: Any) -> None:
    api = signed_in(day.cast.finance)

    def post(body: dict[str, Any]) -> Any:
        return api.post("/api/v1/billing/settlements/from-sale", data=json.dumps(body), content_type="application/json")

    waiting = api.get("/api/v1/billing/settlements/waiting-for-rate?sale=NY-J-2790")
    assert waiting.status_code == 200 and waiting.json() == [
        {"consignment": day.euros.number, "currency": "EUR", "sale_currency": "GBP",
         "sentence": f"{day.euros.number} is agreed in EUR but NY-J-2790 sells in GBP; give the rate (GBP for one EUR)"
                     " to settle it."}
    ]  # fmt: skip
    assert (
        signed_in(day.cast.auditor).get("/api/v1/billing/settlements/waiting-for-rate?sale=NY-J-2790").status_code
        == 403
    )
    refused = post({"sale": "NY-J-2790", "rates": [{"consignment": day.euros.number, "rate": "0.123456789"}]})
    assert refused.status_code == 422
    assert refused.json()["fields"] == {
        f"rate-{day.euros.number}": [f"The rate for {day.euros.number} has more than 8 decimals; round it to 8."]
    }
    made = post({"sale": "NY-J-2790", "rates": [{"consignment": day.euros.number, "rate": RATE}],
                 "rates_on": str(ny_today())})  # fmt: skip
    assert made.status_code == 201
    assert [(row["consignment"], row["rate"], row["rate_on"], D(row["net"])) for row in made.json()] == [
        (day.euros.number, RATE, str(ny_today()), D("8774.61")),
        (day.pounds.number, None, None, D("4175")),
    ]


def test_a_private_sale_of_a_piece_consigned_in_euros_converts_its_advance(day: Any) -> None:
    cast = day.cast
    consignment = consigned(cast, "Mrs Hélène Dufour", "EUR", "Emerald ring")
    piece = consignment.items.get()
    services.advance_record(consignment_number=consignment.number, amount="1000.00", paid_on=ny_today(),
                            reference="WIRE-88", by=cast.finance)  # fmt: skip
    buyer = day.bidder.client
    world.address(buyer, lines="1 Fifth Avenue", city="New York", region="NY", postcode="10003")
    sale = private_sales.private_sale_create(stock_number=piece.stock_number, buyer_number=buyer.number,
                                             price="20000", commission_rate="10", by=cast.finance)  # fmt: skip
    invoice = invoicing.invoice_issue(invoice=sale.invoice, by=cast.finance)
    payments.payment_record(invoice=invoice, method="wire", amount=invoice.total, currency="USD",
                            received_on=ny_today(), reference="FED-88", by=cast.finance)  # fmt: skip
    wanted = (
        f"{consignment.number} is agreed in EUR but private sale {sale.number} is in USD; give the rate "
        "(USD for one EUR) to settle it."
    )
    for rate, sentence in (
        (None, wanted),
        ("0", f"The rate for {consignment.number} must be above zero: USD for one EUR, e.g. 0.8612."),
    ):
        with pytest.raises(BillingError) as refusal:
            services.settlement_for_private_sale(private_sale=sale, by=cast.finance, rate=rate)
        assert (refusal.value.message, refusal.value.field) == (sentence, "rate")
    assert Settlement.objects.count() == 0
    # The body is optional: a bare POST, as before, says what the settlement waits for.
    api = signed_in(cast.finance).post(f"/api/v1/billing/private-sales/{sale.number}/settle", data="",
                                       content_type="application/json")  # fmt: skip
    assert (api.status_code, api.json()["code"], api.json()["message"]) == (409, "no_rate", wanted)
    finance = signed_in(cast.finance)
    page = reverse("billing:private_sale", kwargs={"number": sale.number})
    assert "Rate (USD for one EUR)" in finance.get(page).content.decode()
    settle = reverse("billing:private_sale_settle", kwargs={"number": sale.number})
    refused = finance.post(settle, {"rate": "1.05.1"})
    assert f"‘1.05.1’ is not a rate for {consignment.number}" in refused.content.decode()
    assert finance.post(settle, {"rate": "1.05"}).status_code == 302
    made = Settlement.objects.get(private_sale=sale)
    # 10% of 20,000; the EUR 1,000 advance at 1.05 is USD 1,050.00.
    assert lines(made) == [
        ("", "price", "Emerald ring", D("20000.000")),
        ("", "commission", "Commission 10%", D("-2000.000")),
        ("", "advance", "Advance deducted (WIRE-88, EUR 1,000.00 at 1.05)", D("-1050.000")),
    ]
    assert (made.currency, made.rate, made.net_total) == ("USD", D("1.05"), D("16950"))
    again = signed_in(cast.finance).post(f"/api/v1/billing/private-sales/{sale.number}/settle",
                                         data=json.dumps({"rate": "1.05"}), content_type="application/json")  # fmt: skip
    assert (again.status_code, again.json()["message"]) == (
        409,
        f"Private sale {sale.number} has its settlement already.",
    )
