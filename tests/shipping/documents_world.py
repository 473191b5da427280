"""Shipping's papers as the tests print them: a Geneva sale to a buyer in London, a New York loan to an
exhibition in Paris, and the parties, parcels and labels that go with them. Plain values, no records."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pypdf

from parure.shipping.documents.data import (
    AddressLabel,
    CustomsDocument,
    CustomsLine,
    InnerSlip,
    ManifestRow,
    Parcel,
    Party,
    PickupManifest,
)

GENEVA = Party(
    name="Parure SA",
    address_lines=("Quai du Mont-Blanc 7", "1201 Geneva"),
    country_code="CH",
    country_name="Switzerland",
    telephone="+41 22 555 01 00",
    tax_number="CHE-123.456.789 TVA",
    eori_number="CH123456789000",
)
GENEVA_RETURN = Party(
    name="Shipping Office",
    address_lines=("Quai du Mont-Blanc 7", "1201 Geneva"),
    country_code="CH",
    country_name="Switzerland",
    telephone="+41 22 555 01 00",
)
BUYER = Party(
    name="Lady Honoria Blythe",
    address_lines=("14 Cheyne Walk", "London SW3 5HL"),
    country_code="GB",
    country_name="United Kingdom",
    telephone="+44 20 7946 0018",
    eori_number="GB987654321000",
)
CONSIGNEE = Party(
    name="H. Blythe c/o Ferrier Vaults",
    address_lines=("2 Hatton Wall", "London EC1N 8HX"),
    country_code="GB",
    country_name="United Kingdom",
    telephone="+44 20 7946 0099",
)

SAPPHIRE = CustomsLine(
    stock_number="GE-2026-00412",
    description="Ring, platinum, set with a sapphire and diamonds",
    hs_code="7113.19",
    origin_country="FR",
    quantity=1,
    net_weight_g=Decimal("8.4"),
    unit_value=Decimal("185000"),
    total_value=Decimal("185000"),
    materials="Platinum; sapphire; diamonds",
)
EARRINGS = CustomsLine(
    stock_number="GE-2026-00413",
    description="Pair of ear clips, 18k gold, set with cultured pearls",
    hs_code="7113.19",
    origin_country="CH",
    quantity=2,
    net_weight_g=Decimal("21.35"),
    unit_value=Decimal("6250.50"),
    total_value=Decimal("12501.00"),
    materials="18k yellow gold; cultured pearls",
)
CORAL = CustomsLine(
    stock_number="GE-2026-00414",
    description="Brooch, silver, set with coral",
    hs_code="7113.11",
    origin_country="IT",
    quantity=1,
    net_weight_g=Decimal("15"),
    unit_value=Decimal("2499"),
    total_value=Decimal("2499"),
    materials="Silver; precious coral",
    permit_number="CITES IT/2026/00731",
)


def geneva_sale(**changes: object) -> CustomsDocument:
    doc = CustomsDocument(
        kind="commercial",
        shipment_number="SH-GE-2026-0007",
        dated=date(2026, 12, 4),
        seller=GENEVA,
        buyer=BUYER,
        consignee=CONSIGNEE,
        currency="CHF",
        locale="fr_CH",
        incoterm="DAP",
        incoterm_place="London",
        reason="sale",
        carrier="Ferrari Group",
        service="Secure air, door to door",
        tracking_number="FG-7731-0042",
        lines=(SAPPHIRE, EARRINGS, CORAL),
        parcels=(
            Parcel(
                1, 2, ("S-100231", "S-100232"), Decimal("640"), "20 × 15 × 10 cm", Decimal("185000"), "FG-7731-0042-1"
            ),
            Parcel(2, 2, ("S-100233",), Decimal("512.5"), "15 × 12 × 8 cm", Decimal("15000"), "FG-7731-0042-2"),
        ),
        hs_edition="HS 2022",
        insured_value=Decimal("250000"),
        declared_value=Decimal("200000"),
        declared_is_insurance=False,
        customs_total=Decimal("200000.00"),
        statements=(
            (
                "wdc",
                "The diamonds herein invoiced have been purchased from legitimate sources not involved in "
                "funding conflict.",
            ),
            ("cites", "The coral travels under CITES permit IT/2026/00731."),
        ),
        signatory_name="Camille Favre",
        signatory_title="Senior specialist",
    )
    return replace(doc, **changes)  # type: ignore[arg-type]


def label(parcel: int = 1, of: int = 2, **changes: object) -> AddressLabel:
    made = AddressLabel(
        shipment_number="SH-GE-2026-0007",
        parcel=parcel,
        of=of,
        consignee=CONSIGNEE,
        return_address=GENEVA_RETURN,
        tracking_number=f"FG-7731-0042-{parcel}",
        carrier="Ferrari Group",
        service="Secure air, door to door",
        signature_required=True,
    )
    return replace(made, **changes)  # type: ignore[arg-type]


def slip(parcel: int = 1, of: int = 2) -> InnerSlip:
    return InnerSlip(GENEVA_RETURN, f"FG-7731-0042-{parcel}", "SH-GE-2026-0007", parcel, of)


NEW_YORK = Party(
    name="Parure Inc.",
    address_lines=("30 Rockefeller Plaza", "New York, NY 10020"),
    country_code="US",
    country_name="United States",
)


def manifest(**changes: object) -> PickupManifest:
    made = PickupManifest(
        number="PM-NY-2026-0031",
        office=NEW_YORK,
        carrier="Malca-Amit",
        pickup_at=datetime(2026, 12, 4, 15, 30, tzinfo=ZoneInfo("America/New_York")),
        rows=(
            ManifestRow(
                "SH-NY-2026-0101",
                2,
                ("MA-5501", "MA-5502"),
                ("S-200101", "S-200102"),
                "Geneva",
                "CH",
                Decimal("420000"),
                "USD",
            ),
            ManifestRow(
                "SH-NY-2026-0102", 1, ("MA-5503",), ("S-200103",), "Palm Beach", "US", Decimal("38500.50"), "USD"
            ),
            ManifestRow("SH-NY-2026-0103", 1, ("MA-5504",), ("S-200104",), "London", "GB", Decimal("12000"), "GBP"),
        ),
        released_by="Daniel Ortiz",
        witness="Ruth Klein",
    )
    return replace(made, **changes)  # type: ignore[arg-type]


def pages(content: bytes) -> list[str]:
    """Each page's text, read back from the PDF itself."""
    assert content.startswith(b"%PDF-")
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]


def text(content: bytes) -> str:
    return "\n".join(pages(content))
