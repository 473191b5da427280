"""The customs invoice as printed: every field customs reads, read back from the PDF itself, and the
invoices it refuses to print."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from parure.shipping.documents.data import CustomsDocument, CustomsLine, Parcel
from parure.shipping.documents.render import customs_invoice
from parure.shipping.errors import ShippingError, ShippingErrorCode
from tests.shipping.documents_world import BUYER, CONSIGNEE, GENEVA, NEW_YORK, SAPPHIRE, geneva_sale, pages, text


def squash(value: str) -> str:
    """Text without its spacing: a table cell wraps where the PDF's column ends, not where we wrote it."""
    return "".join(value.split())


def printed(content: bytes) -> str:
    return squash(text(content))


@pytest.fixture(scope="module")
def sale() -> str:
    return printed(customs_invoice(geneva_sale()))


def has(found: str, *expected: str) -> None:
    for wanted in expected:
        assert squash(wanted) in found, wanted


def test_a_commercial_invoice_prints_its_title_shipment_and_terms(sale: str) -> None:
    has(
        sale,
        "Commercial invoice",
        "Shipment SH-GE-2026-0007",
        "Date 4 December 2026",
        "Reason for export Sale",
        "Incoterm DAP London (Incoterms 2020)",
        "Currency CHF",
        "Carrier Ferrari Group · Secure air, door to door",
        "Tracking number FG-7731-0042",
        "Tariff codes HS 2022",
    )
    assert squash("Pro-forma") not in sale
    assert squash("ATA carnet") not in sale


def test_it_prints_the_seller_buyer_and_consignee_in_full(sale: str) -> None:
    has(
        sale,
        "SELLER (EXPORTER) Parure SA Quai du Mont-Blanc 7 1201 Geneva Switzerland (CH) Tel. +41 22 555 01 00 "
        "Tax number CHE-123.456.789 TVA EORI CH123456789000",
        "BUYER Lady Honoria Blythe 14 Cheyne Walk London SW3 5HL United Kingdom (GB) Tel. +44 20 7946 0018 "
        "EORI GB987654321000",
        "CONSIGNEE H. Blythe c/o Ferrier Vaults 2 Hatton Wall London EC1N 8HX United Kingdom (GB) "
        "Tel. +44 20 7946 0099",
    )


def test_each_line_prints_its_description_code_origin_quantity_weight_and_values_in_swiss_form(sale: str) -> None:
    has(
        sale,
        "GE-2026-00412 Ring, platinum, set with a sapphire and diamonds Materials: Platinum; sapphire; diamonds "
        "7113.19 FR 1 8,4 g 185'000,00 CHF 185'000,00 CHF",
        "GE-2026-00413 Pair of ear clips, 18k gold, set with cultured pearls "
        "Materials: 18k yellow gold; cultured pearls 7113.19 CH 2 21,35 g 6'250,50 CHF 12'501,00 CHF",
        "GE-2026-00414 Brooch, silver, set with coral Materials: Silver; precious coral "
        "Permit CITES IT/2026/00731 7113.11 IT 1 15 g 2'499,00 CHF 2'499,00 CHF",
    )


def test_the_totals_block_prints_pieces_weights_and_values(sale: str) -> None:
    has(
        sale,
        "Pieces 4",
        "Total net weight 44,75 g",
        "Total gross weight 1'152,5 g",
        "Total value for customs 200'000,00 CHF",
        "Declared value 200'000,00 CHF",
        "Insured value 250'000,00 CHF",
        "Declared value for customs; not an insurance value.",
    )


def test_each_parcel_prints_its_seals_weight_size_value_and_tracking(sale: str) -> None:
    has(
        sale,
        "1 of 2 S-100231, S-100232 640 g 20 × 15 × 10 cm 185'000,00 CHF FG-7731-0042-1",
        "2 of 2 S-100233 512,5 g 15 × 12 × 8 cm 15'000,00 CHF FG-7731-0042-2",
    )


def test_the_statements_and_the_signed_declaration_close_the_invoice(sale: str) -> None:
    has(
        sale,
        "Statements",
        "The diamonds herein invoiced have been purchased from legitimate sources not involved in funding conflict.",
        "The coral travels under CITES permit IT/2026/00731.",
        "I declare that the information on this invoice is true and correct.",
        "Camille Favre, Senior specialist",
    )


def test_a_declared_value_that_is_the_insurance_value_says_nothing_more() -> None:
    found = printed(customs_invoice(geneva_sale(declared_is_insurance=True, insured_value=None)))
    assert squash("not an insurance value") not in found
    assert squash("Insured value") not in found
    has(found, "Declared value 200'000,00 CHF")


EXHIBITION_LINE = CustomsLine(
    stock_number="NY-2026-01877",
    description="Necklace, gold, set with emeralds",
    hs_code="7113.19",
    origin_country="US",
    quantity=1,
    net_weight_g=Decimal("61.2"),
    unit_value=Decimal("1250000"),
    total_value=Decimal("1250000"),
    materials="18k gold; emeralds",
)


def exhibition(**changes: object) -> CustomsDocument:
    settled: dict[str, object] = dict(
        kind="pro_forma",
        shipment_number="SH-NY-2026-0090",
        seller=NEW_YORK,
        buyer=BUYER,
        consignee=CONSIGNEE,
        currency="USD",
        locale="en_US",
        incoterm="DAP",
        incoterm_place="Paris",
        reason="exhibition",
        lines=(EXHIBITION_LINE,),
        parcels=(Parcel(1, 1, ("S-300001",), Decimal("820"), "25 × 20 × 12 cm", Decimal("1250000"), "MA-9001"),),
        insured_value=Decimal("1250000"),
        declared_value=Decimal("1250000"),
        declared_is_insurance=True,
        customs_total=Decimal("1250000"),
        statements=(),
        carnet_number="US-2026-004417",
        return_expected=date(2027, 3, 31),
    )
    return geneva_sale(**{**settled, **changes})


def test_a_temporary_export_prints_a_pro_forma_with_its_carnet_and_return_date_in_us_form() -> None:
    content = customs_invoice(exhibition())
    found = printed(content)
    has(
        found,
        "Pro-forma invoice",
        "Reason for export Temporary export for exhibition",
        "ATA carnet US-2026-004417",
        "Return expected 31 March 2027",
        "NY-2026-01877 Necklace, gold, set with emeralds Materials: 18k gold; emeralds 7113.19 US 1 61.2 g "
        "$1,250,000.00 $1,250,000.00",
        "Total value for customs $1,250,000.00",
        "Insured value $1,250,000.00",
    )
    assert squash("Commercial invoice") not in found
    assert squash("Statements") not in found
    assert pages(content)[-1].endswith("Pro-forma invoice · SH-NY-2026-0090 Page 2 of 2")


def test_a_reason_label_given_is_printed_as_given() -> None:
    found = printed(
        customs_invoice(
            exhibition(reason="temporary_admission", reason_label="Temporary admission for a sale in Paris")
        )
    )
    has(found, "Reason for export Temporary admission for a sale in Paris")


def refusal(**changes: object) -> ShippingError:
    with pytest.raises(ShippingError) as refused:
        customs_invoice(geneva_sale(**changes))
    return refused.value


def test_a_customs_total_that_is_not_the_sum_of_the_lines_is_refused() -> None:
    error = refusal(customs_total=Decimal("199000"))
    assert error.message == (
        "The customs total of 199'000,00\xa0CHF is not the sum of the lines, 200'000,00\xa0CHF; "
        "correct the lines or the total before printing."
    )
    assert (error.code, error.field) == (ShippingErrorCode.CUSTOMS_TOTAL, "customs_total")


def test_a_line_whose_total_is_not_its_quantity_times_its_unit_value_is_refused() -> None:
    wrong = replace(SAPPHIRE, quantity=2)
    error = refusal(lines=(wrong,), customs_total=Decimal("185000"))
    assert error.message == (
        "Line GE-2026-00412: 2 × 185'000,00\xa0CHF is 370'000,00\xa0CHF, not 185'000,00\xa0CHF; correct the line."
    )
    assert error.code == ShippingErrorCode.CUSTOMS_TOTAL


def test_a_commercial_invoice_for_anything_but_a_sale_is_refused() -> None:
    error = refusal(reason="repair")
    assert error.message == (
        "A commercial invoice goes only with a sale; pieces sent for “Repair” travel on a pro-forma invoice."
    )
    assert (error.code, error.field) == (ShippingErrorCode.INVOICE_KIND, "kind")


def test_a_pro_forma_for_a_repair_prints() -> None:
    has(printed(customs_invoice(geneva_sale(kind="pro_forma", reason="repair"))), "Pro-forma invoice", "Repair")


def test_a_temporary_export_without_a_carnet_is_refused() -> None:
    with pytest.raises(ShippingError) as refused:
        customs_invoice(exhibition(carnet_number="  "))
    assert refused.value.message == (
        "Pieces sent for “Temporary export for exhibition” leave under an ATA carnet; "
        "enter the carnet's number before printing the invoice."
    )
    assert (refused.value.code, refused.value.field) == (ShippingErrorCode.CARNET_REQUIRED, "carnet_number")


def test_a_temporary_export_without_its_return_date_is_refused() -> None:
    with pytest.raises(ShippingError) as refused:
        customs_invoice(exhibition(return_expected=None))
    assert refused.value.message == (
        "Pieces sent for “Temporary export for exhibition” must come back; enter the date they are expected back."
    )
    assert refused.value.field == "return_expected"


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"kind": "receipt"}, "‘receipt’ is not a kind of customs invoice: commercial or pro_forma.", "kind"),
        ({"incoterm": "FOB"}, "‘FOB’ is not an Incoterm the house ships under: DAP, DDP, EXW, CPT, CIP.", "incoterm"),
        ({"reason": "gift"}, "‘gift’ is not a reason for export the invoice can state.", "reason"),
        ({"currency": "XYZ"}, "‘XYZ’ is not an ISO 4217 currency code such as USD or CHF.", "currency"),
        ({"locale": "zz_QQ"}, "‘zz_QQ’ is not a locale money can be printed in, such as en_US or fr_CH.", "locale"),
        (
            {"lines": (), "customs_total": Decimal(0)},
            "A customs invoice lists the pieces it covers; add at least one line.",
            "lines",
        ),
        ({"parcels": ()}, "A customs invoice lists its parcels; add at least one parcel.", "parcels"),
        (
            {"consignee": replace(CONSIGNEE, name="x" * 301)},
            f"“{'x' * 40}…” is 301 characters long; a paper prints at most 300 in one field.",
            "consignee",
        ),
        (
            {"lines": (replace(SAPPHIRE, unit_value=Decimal("NaN")),)},
            "Line GE-2026-00412: ‘NaN’ is not an amount or a weight the invoice can print.",
            "lines",
        ),
        (
            {"parcels": (Parcel(1, 1, (), Decimal("-1"), "", Decimal(0)),)},
            "Parcel 1: ‘-1’ is not an amount or a weight the invoice can print.",
            "parcels",
        ),
        (
            {"parcels": (Parcel(1, 2, (), Decimal("1"), "", Decimal(0)),)},
            "The parcels are numbered 1 to 1 of 1; parcel 1 of 2 is out of step.",
            "parcels",
        ),
    ],
)
def test_what_cannot_be_printed_is_refused_with_a_sentence(
    changes: dict[str, object], message: str, field: str
) -> None:
    error = refusal(**changes)
    assert (error.message, error.field) == (message, field)


def test_the_letterhead_is_the_office_when_one_is_given() -> None:
    found = printed(customs_invoice(geneva_sale(letterhead=replace(GENEVA, name="Parure Genève"))))
    has(found, "Parure Genève Quai du Mont-Blanc 7, 1201 Geneva, Switzerland")
