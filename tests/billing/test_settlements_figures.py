"""The settlement's arithmetic, pure: every commission basis at and around its band edges, each fee,
the VAT on them, the advances, and the invariant that a lot's figures add up to its hammer."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from parure.billing import tax
from parure.billing.settlement_figures import (
    BOUGHT_IN,
    SOLD,
    WITHDRAWN,
    Conversion,
    LotToSettle,
    band_rate,
    settle_lots,
)
from parure.core.money import Money
from parure.inventory.queries import ConsignmentTerms

D = Decimal
US = tax.TaxContext(jurisdiction="us")
UK = tax.TaxContext(jurisdiction="uk", vat_standard=D("0.20"))
BANDS = ((D(0), D("0.25")), (D(50000), D("0.20")), (D(200000), D("0.12")))

FLAT = ConsignmentTerms(
    consignment_id=1,
    number="NY-C-27-00001-0",
    office_id=1,
    consignor_id=1,
    currency="USD",
    commission_basis="flat",
    commission_scope="lot",
    commission_rate=D("0.125"),
    commission_bands=(),
    minimum_commission=D(0),
    performance_fee_rate=D(0),
    insurance_fee_rate=D(0),
    insurance_basis="hammer",
    photography_fee=D(0),
    unsold_fee_rate=D(0),
    unsold_fee_basis="reserve",
    withdrawal_fee=D(0),
)


def terms(**changes: object) -> ConsignmentTerms:
    return dataclasses.replace(FLAT, **changes)  # type: ignore[arg-type]


def sold(hammer: str, *, label: str = "1", low: str = "8000", high: str = "12000") -> LotToSettle:
    return LotToSettle(
        label=label,
        heading="A ring",
        outcome=SOLD,
        hammer=D(hammer),
        low_estimate=D(low),
        high_estimate=D(high),
        reserve=D("6000"),
    )


def commission(hammer: str, agreed: ConsignmentTerms) -> Decimal:
    return settle_lots([sold(hammer)], agreed, currency="USD", ctx=US)[0].commission.amount


def test_flat_commission_rounds_half_up_per_lot() -> None:
    assert commission("9000", FLAT) == D("1125.00")
    assert commission("1234.57", FLAT) == D("154.32")  # 154.32125
    assert commission("1234.60", FLAT) == D("154.33")  # 154.325


def test_a_sliding_commission_applies_the_band_the_hammer_falls_in_to_the_whole() -> None:
    sliding = terms(commission_basis="sliding", commission_bands=BANDS)
    assert commission("50000", sliding) == D("12500.00")  # exactly a threshold: the band below
    assert commission("50000.01", sliding) == D("10000.00")  # 20% of 50,000.01 = 10,000.002
    assert commission("200000", sliding) == D("40000.00")
    assert commission("200001", sliding) == D("24000.12")
    assert band_rate(D(0), BANDS) == D("0.25")


def test_a_tiered_commission_charges_each_band_on_its_slice() -> None:
    tiered = terms(commission_basis="tiered", commission_bands=BANDS)
    assert commission("50000", tiered) == D("12500.00")
    assert commission("50001", tiered) == D("12500.20")
    assert commission("200000", tiered) == D("42500.00")
    assert commission("250000", tiered) == D("48500.00")


def test_per_consignment_bands_read_the_consignments_total_hammer() -> None:
    lots = [sold("30000", label="1"), sold("30000", label="2")]
    sliding = terms(commission_basis="sliding", commission_scope="consignment", commission_bands=BANDS)
    assert [lot.commission.amount for lot in settle_lots(lots, sliding, currency="USD", ctx=US)] == [
        D("6000.00"),
        D("6000.00"),  # the total, 60,000, falls in the 20% band
    ]
    tiered = terms(commission_basis="tiered", commission_scope="consignment", commission_bands=BANDS)
    figures = settle_lots(lots, tiered, currency="USD", ctx=US)
    # The first lot fills 30,000 of the 25% band; the second the last 20,000 of it and 10,000 at 20%.
    assert [lot.commission.amount for lot in figures] == [D("7500.00"), D("7000.00")]
    assert figures[0].fees[0].description == "Commission, tiered on the consignment's total on lot 1"


def test_the_minimum_commission_per_lot() -> None:
    agreed = terms(commission_rate=D("0.10"), minimum_commission=D("500"))
    low = settle_lots([sold("4000")], agreed, currency="USD", ctx=US)[0]
    assert low.commission.amount == D("500.00")
    assert low.fees[0].description == "Commission (the minimum per lot) on lot 1"
    assert commission("5000", agreed) == D("500.00")
    assert commission("5000.10", agreed) == D("500.01")


def test_the_performance_fee_is_on_the_hammer_above_the_high_estimate() -> None:
    agreed = terms(performance_fee_rate=D("0.10"))
    above = settle_lots([sold("15000")], agreed, currency="USD", ctx=US)[0]
    assert [(fee.kind, fee.amount.amount) for fee in above.fees] == [
        ("commission", D("1875.00")),
        ("performance", D("300.00")),
    ]
    at_high = settle_lots([sold("12000")], agreed, currency="USD", ctx=US)[0]
    assert [fee.kind for fee in at_high.fees] == ["commission"]


def test_insurance_on_the_hammer_or_on_the_high_estimate_and_photography_per_piece() -> None:
    bought_in = LotToSettle(
        label="2",
        heading="A brooch",
        outcome=BOUGHT_IN,
        hammer=None,
        low_estimate=D("8000"),
        high_estimate=D("12000"),
        reserve=D("6000"),
        pieces=2,
    )
    on_hammer = terms(insurance_fee_rate=D("0.015"), photography_fee=D("150"))
    figures = settle_lots([sold("9000"), bought_in], on_hammer, currency="USD", ctx=US)
    assert [(fee.description, fee.amount.amount) for fee in figures[0].fees] == [
        ("Commission 12.5% on lot 1", D("1125.00")),
        ("Insurance 1.5% on the hammer", D("135.00")),
        ("Photography (1 piece)", D("150.00")),
    ]
    assert [(fee.description, fee.amount.amount) for fee in figures[1].fees] == [
        ("Photography (2 pieces)", D("300.00"))
    ]
    on_estimate = terms(insurance_fee_rate=D("0.015"), insurance_basis="high_estimate")
    figures = settle_lots([sold("9000"), bought_in], on_estimate, currency="USD", ctx=US)
    assert [fee.amount.amount for fee in figures[0].fees] == [D("1125.00"), D("180.00")]
    assert [(fee.description, fee.amount.amount) for fee in figures[1].fees] == [
        ("Insurance 1.5% on the high estimate", D("180.00"))
    ]


def test_the_unsold_fee_on_the_reserve_or_the_low_estimate_and_the_withdrawal_fee() -> None:
    def bought_in(reserve: str | None) -> LotToSettle:
        return LotToSettle(
            label="2",
            heading="A brooch",
            outcome=BOUGHT_IN,
            hammer=None,
            low_estimate=D("8000"),
            high_estimate=D("12000"),
            reserve=D(reserve) if reserve else None,
        )

    on_reserve = terms(unsold_fee_rate=D("0.05"))
    assert [
        (f.description, f.amount.amount)
        for f in settle_lots([bought_in("6000")], on_reserve, currency="USD", ctx=US)[0].fees
    ] == [("Unsold fee 5% on the reserve", D("300.00"))]
    assert [
        (f.description, f.amount.amount)
        for f in settle_lots([bought_in(None)], on_reserve, currency="USD", ctx=US)[0].fees
    ] == [("Unsold fee 5% on the low estimate (no reserve)", D("400.00"))]
    on_low = terms(unsold_fee_rate=D("0.05"), unsold_fee_basis="low_estimate")
    assert settle_lots([bought_in("6000")], on_low, currency="USD", ctx=US)[0].fees[0].amount.amount == D("400.00")
    withdrawn = LotToSettle(label="4", heading="A bracelet", outcome=WITHDRAWN, hammer=None)
    lot = settle_lots([withdrawn], terms(withdrawal_fee=D("250")), currency="GBP", ctx=UK)[0]
    assert [(f.description, f.amount.amount) for f in lot.fees] == [("Withdrawal fee", D("250.00"))]
    assert [(t.description, t.amount.amount) for t in lot.taxes] == [("VAT 20% on the withdrawal fee", D("50.00"))]
    assert lot.net.amount == D("-300.00")


def test_vat_on_the_commission_and_each_fee_in_the_uk_and_none_in_new_york() -> None:
    agreed = terms(insurance_fee_rate=D("0.01"), photography_fee=D("150"))
    uk = settle_lots([sold("9000")], agreed, currency="GBP", ctx=UK)[0]
    assert [(t.description, t.amount.amount) for t in uk.taxes] == [
        ("VAT 20% on the commission", D("225.00")),
        ("VAT 20% on the insurance fee", D("18.00")),
        ("VAT 20% on the photography fee", D("30.00")),
    ]
    assert uk.net.amount == D("9000") - D("1125") - D("90") - D("150") - D("273")
    assert settle_lots([sold("9000")], agreed, currency="USD", ctx=US)[0].taxes == ()


def test_advances_are_deducted_lot_by_lot_the_last_lot_taking_what_remains() -> None:
    lots = [sold("1000", label="1"), sold("9000", label="2")]
    figures = settle_lots(lots, FLAT, currency="USD", ctx=US, advances=Money.of("2000", "USD"))
    assert [(lot.advance.amount, lot.net.amount) for lot in figures] == [
        (D("875.00"), D("0.00")),
        (D("1125.00"), D("6750.00")),
    ]
    large = settle_lots(lots, FLAT, currency="USD", ctx=US, advances=Money.of("10000", "USD"))
    assert [lot.net.amount for lot in large] == [D("0.00"), D("-1250.00")]


MONEY = st.decimals(min_value=D("0"), max_value=D("5000000"), places=2)
RATE = st.decimals(min_value=D("0"), max_value=D("0.5"), places=4)


@settings(max_examples=150, deadline=None)
@given(
    hammers=st.lists(st.tuples(st.sampled_from([SOLD, BOUGHT_IN, WITHDRAWN]), MONEY), min_size=1, max_size=5),
    basis=st.sampled_from(["flat", "sliding", "tiered"]),
    scope=st.sampled_from(["lot", "consignment"]),
    rate=RATE,
    minimum=st.decimals(min_value=D("0"), max_value=D("2000"), places=2),
    performance=RATE,
    insurance=RATE,
    on_estimate=st.booleans(),
    photography=st.decimals(min_value=D("0"), max_value=D("500"), places=2),
    unsold=RATE,
    withdrawal=st.decimals(min_value=D("0"), max_value=D("500"), places=2),
    advance=st.decimals(min_value=D("0"), max_value=D("100000"), places=2),
    uk=st.booleans(),
    stated=st.none() | st.decimals(min_value=D("0.00000001"), max_value=D("200"), places=8),
)
def test_per_lot_net_plus_commission_fees_vat_and_advance_is_the_hammer(
    hammers: list[tuple[str, Decimal]],
    basis: str,
    scope: str,
    rate: Decimal,
    minimum: Decimal,
    performance: Decimal,
    insurance: Decimal,
    on_estimate: bool,
    photography: Decimal,
    unsold: Decimal,
    withdrawal: Decimal,
    advance: Decimal,
    uk: bool,
    stated: Decimal | None,
) -> None:
    # With a stated rate the terms are agreed in euros and their fixed amounts converted to pounds first.
    agreed = terms(
        currency="EUR" if stated is not None else "GBP",
        commission_basis=basis,
        commission_scope=scope,
        commission_rate=rate,
        commission_bands=BANDS if basis != "flat" else (),
        minimum_commission=minimum,
        performance_fee_rate=performance,
        insurance_fee_rate=insurance,
        insurance_basis="high_estimate" if on_estimate else "hammer",
        photography_fee=photography,
        unsold_fee_rate=unsold,
        withdrawal_fee=withdrawal,
    )
    lots = [
        LotToSettle(
            label=str(i),
            heading="Lot",
            outcome=outcome,
            hammer=amount if outcome == SOLD else None,
            low_estimate=D("8000"),
            high_estimate=D("12000"),
            reserve=D("6000"),
        )
        for i, (outcome, amount) in enumerate(hammers, start=1)
    ]
    conversion = Conversion("EUR", stated) if stated is not None else None
    figures = settle_lots(lots, agreed, currency="GBP", ctx=UK if uk else US, advances=Money.of(advance, "GBP"),
                          conversion=conversion)  # fmt: skip
    for lot in figures:
        charges = sum((charge.amount.amount for charge in (*lot.fees, *lot.taxes)), D(0))
        assert lot.net.amount + charges + lot.advance.amount == lot.hammer.amount
        assert lot.net.amount == lot.net.amount.quantize(D("0.01"))
    assert sum((lot.advance.amount for lot in figures), D(0)) == advance


# --- The payment run's SEPA file, read back -----------------------------------------------------------
def test_the_sepa_credit_transfer_reads_back_with_its_sums_and_accounts() -> None:
    import xml.etree.ElementTree as ET
    from datetime import date

    from parure.billing.models import BillingSettings, PaymentRun, PaymentRunItem, Settlement
    from parure.billing.payment_files import NAMESPACE, sepa_credit_transfer
    from parure.core.models import Office

    office = Office(code="PA", name="Paris", currency="EUR", locale="fr_FR", time_zone="Europe/Paris")
    run = PaymentRun(number="PA-PR-27-00001-5", office=office, currency="EUR", execution_date=date(2027, 5, 3))
    items = [
        PaymentRunItem(run=run, settlement=Settlement(number="PA-S-27-00001-2", reference="PA-J-2704"),
                       amount=D("7635.000"), creditor_name="Adélaïde Moreno & Fils", iban="DE89370400440532013000",
                       bic="COBADEFFXXX"),
        PaymentRunItem(run=run, settlement=Settlement(number="PA-S-27-00002-0", reference="PA-J-2704"),
                       amount=D("5905.5"), creditor_name="Julien Marchal", iban="FR1420041010050500013M02606", bic=""),
    ]  # fmt: skip
    debtor = BillingSettings(account_name="Parure Paris SAS", account_iban="FR7630006000011234567890189",
                             account_bic="AGRIFRPP")  # fmt: skip
    root = ET.fromstring(sepa_credit_transfer(run, items, debtor))  # noqa: S314 (our own file, read back)
    ns = {"p": NAMESPACE}
    assert root.tag == f"{{{NAMESPACE}}}Document"
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", namespaces=ns) == "PA-PR-27-00001-5"
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=ns) == "2"
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=ns) == "13540.50"
    batch = root.find("p:CstmrCdtTrfInitn/p:PmtInf", ns)
    assert batch is not None
    assert batch.findtext("p:CtrlSum", namespaces=ns) == "13540.50"
    assert batch.findtext("p:ReqdExctnDt", namespaces=ns) == "2027-05-03"
    assert batch.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=ns) == "FR7630006000011234567890189"
    assert batch.findtext("p:DbtrAgt/p:FinInstnId/p:BIC", namespaces=ns) == "AGRIFRPP"
    transfers = batch.findall("p:CdtTrfTxInf", ns)
    assert [
        (t.findtext("p:PmtId/p:EndToEndId", namespaces=ns), t.find("p:Amt/p:InstdAmt", ns).text,  # type: ignore[union-attr]
         t.find("p:Amt/p:InstdAmt", ns).get("Ccy"), t.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=ns),  # type: ignore[union-attr]
         t.findtext("p:Cdtr/p:Nm", namespaces=ns))
        for t in transfers
    ] == [
        ("PA-S-27-00001-2", "7635.00", "EUR", "DE89370400440532013000", "Adelaide Moreno   Fils"),
        ("PA-S-27-00002-0", "5905.50", "EUR", "FR1420041010050500013M02606", "Julien Marchal"),
    ]  # fmt: skip
    assert transfers[1].find("p:CdtrAgt", ns) is None  # no BIC given: the IBAN alone routes it


def test_an_iban_is_checked_by_mod_97() -> None:
    import pytest

    from parure.clients.errors import ClientError
    from parure.clients.payout import iban_is_valid, masked_iban, normalise_iban

    assert iban_is_valid("DE89370400440532013000") and iban_is_valid("GB29NWBK60161331926819")
    assert not iban_is_valid("DE89370400440532013001")
    assert normalise_iban(" gb29 nwbk 6016 1331 9268 19 ") == "GB29NWBK60161331926819"
    with pytest.raises(ClientError, match=r"is not a valid IBAN") as refused:
        normalise_iban("GB29 NWBK 6016 1331 9268 18")
    assert refused.value.field == "payout_iban"
    assert masked_iban("GB29NWBK60161331926819") == "•••• 6819"


def test_terms_agreed_in_euros_settle_a_sale_in_pounds_at_the_stated_rate() -> None:
    # London, VAT 20% on the commission and each fee; the terms' fixed amounts in euros at 0.8612 pounds for
    # one euro: the photography fee 150 is 129.18, the minimum commission 500 is 430.60, the withdrawal fee
    # 350 is 301.42; the rates (12.5%) apply to the hammer in pounds.
    agreed = terms(currency="EUR", photography_fee=D("150"), minimum_commission=D("500"), withdrawal_fee=D("350"))
    withdrawn = LotToSettle(label="3", heading="A bracelet", outcome=WITHDRAWN, hammer=None)
    lots = [sold("9000", label="1"), sold("2000", label="2"), withdrawn]
    at = Conversion("EUR", D("0.8612"))
    figures = settle_lots(lots, agreed, currency="GBP", ctx=UK, conversion=at)
    shown = [[(c.description, c.amount.amount) for c in (*lot.fees, *lot.taxes)] for lot in figures]
    assert shown == [
        [
            ("Commission 12.5% on lot 1", D("1125.00")),
            ("Photography (1 piece), fee EUR 150.00 at 0.8612", D("129.18")),
            ("VAT 20% on the commission", D("225.00")),
            ("VAT 20% on the photography fee", D("25.84")),  # 25.836
        ],
        [
            ("Commission (the minimum per lot, EUR 500.00 at 0.8612) on lot 2", D("430.60")),
            ("Photography (1 piece), fee EUR 150.00 at 0.8612", D("129.18")),
            ("VAT 20% on the commission", D("86.12")),
            ("VAT 20% on the photography fee", D("25.84")),
        ],
        [("Withdrawal fee EUR 350.00 at 0.8612", D("301.42")), ("VAT 20% on the withdrawal fee", D("60.28"))],
    ]
    assert [lot.net.amount for lot in figures] == [D("7494.98"), D("1328.26"), D("-361.70")]
    assert all(lot.net.currency == "GBP" for lot in figures)
    # Half-up to the penny: EUR 500 at 0.86121 is 430.605, so 430.61.
    assert settle_lots([sold("2000")], agreed, currency="GBP", ctx=UK, conversion=Conversion("EUR", D("0.86121")))[
        0
    ].commission.amount == D("430.61")
