"""The pick-up manifest the carrier's driver signs: every parcel handed over, the totals per currency and
the signature boxes, read back from the PDF."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from parure.shipping.documents.data import ManifestRow
from parure.shipping.documents.render import pickup_manifest
from parure.shipping.errors import ShippingError, ShippingErrorCode
from tests.shipping.documents_world import manifest, pages, text


def squash(value: str) -> str:
    return "".join(value.split())


@pytest.fixture(scope="module")
def printed() -> str:
    return squash(text(pickup_manifest(manifest())))


def test_the_manifest_prints_its_number_office_carrier_and_time(printed: str) -> None:
    for wanted in (
        "Pick-up manifest PM-NY-2026-0031",
        "Office Parure Inc.",
        "Carrier Malca-Amit",
        "Pick-up 4 December 2026, 15:30 (EST)",
        "Parcels 4 in 3 shipments",
    ):
        assert squash(wanted) in printed, wanted


def test_each_row_prints_its_parcels_tracking_seals_destination_and_value(printed: str) -> None:
    for wanted in (
        "SH-NY-2026-0101 2 MA-5501 MA-5502 S-200101 S-200102 Geneva, CH $420,000.00",
        "SH-NY-2026-0102 1 MA-5503 S-200103 Palm Beach, US $38,500.50",
        "SH-NY-2026-0103 1 MA-5504 S-200104 London, GB £12,000.00",
    ):
        assert squash(wanted) in printed, wanted


def test_the_totals_are_per_currency_never_added_across(printed: str) -> None:
    assert squash("Total declared in USD $458,500.50 Total declared in GBP £12,000.00") in printed
    assert manifest().totals() == {"USD": Decimal("458500.50"), "GBP": Decimal("12000")}


def test_the_driver_the_releaser_and_the_witness_each_sign(printed: str) -> None:
    for wanted in (
        "Received the parcels listed above, each sealed and with its seal numbers as shown.",
        "Carrier's driver: name, signature, time",
        "Released by Daniel Ortiz",
        "Witness Ruth Klein",
    ):
        assert squash(wanted) in printed, wanted


def test_a_long_manifest_runs_onto_numbered_pages() -> None:
    rows = tuple(
        ManifestRow(f"SH-NY-2026-{n:04d}", 1, (f"MA-{n}",), (f"S-{n}",), "Boston", "US", Decimal("1000"), "USD")
        for n in range(1, 61)
    )
    printed = pages(pickup_manifest(manifest(rows=rows)))
    assert len(printed) > 1
    assert printed[-1].endswith(f"Pick-up manifest PM-NY-2026-0031 · Malca-Amit Page {len(printed)} of {len(printed)}")
    assert squash("Total declared in USD $60,000.00") in squash("".join(printed))


def test_a_manifest_without_rows_or_with_a_bad_amount_is_refused() -> None:
    with pytest.raises(ShippingError) as refusal:
        pickup_manifest(manifest(rows=()))
    assert (refusal.value.message, refusal.value.code) == (
        "There is no manifest row to print.",
        ShippingErrorCode.REQUIRED,
    )
    with pytest.raises(ShippingError) as refusal:
        pickup_manifest(manifest(number=""))
    assert (refusal.value.message, refusal.value.field) == (
        "A manifest carries its number; enter it before printing.",
        "number",
    )
    bad = replace(manifest().rows[0], currency="DOLLARS")
    with pytest.raises(ShippingError) as refusal:
        pickup_manifest(manifest(rows=(bad,)))
    assert refusal.value.message == "‘DOLLARS’ is not an ISO 4217 currency code such as USD or CHF."
    assert refusal.value.field == "currency"
