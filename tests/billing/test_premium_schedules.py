"""Premium schedules per saleroom and currency, with category exclusions, and the premium by the houses'
published schedules at, one cent below and one cent above every band edge.

The published schedules (a hammer exactly at a threshold is charged wholly at the band below, as each
house's "up to and including" says):

- Sotheby's from 2026, New York 28% up to $2,000,000, 22% to $8,000,000, 15% above; London 28% up to
  £1,500,000, 22% to £6,000,000, 15% above — https://artlyst.com/?p=191456
- Christie's from September 2025, New York 27% up to $1,500,000, 22% to $8,000,000, 15% above —
  https://artlyst.com/?p=191456
- Phillips from September 2025, New York 29% up to $1,000,000, 22% to $6,000,000, 15% above —
  https://feedman.me/posts/2ROCJ (Phillips's announcement, also https://observer.com/?p=1567152)
- Christie's Hong Kong and Geneva (effective 17 April 2023, the latest tables for those salerooms we
  found): 26% up to HK$7,500,000 / CHF 900,000, 21% to HK$50,000,000 / CHF 6,000,000, 15% above —
  https://staging.christies.com/buying-services/buying-guide/financial-information/
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parure.auctions.errors import AuctionError
from parure.auctions.models import LotResult, PremiumSchedule
from parure.auctions.premiums import sale_premiums
from parure.auctions.services import sales as sale_services
from parure.auctions.services.tables import ExclusionRow, PremiumRow, premium_schedule_save
from parure.billing.choices import LineKind
from parure.billing.premium import premium_for
from parure.billing.services import invoices
from parure.core.models import Office
from parure.core.money import Money
from tests.auctions import world as sale_world
from tests.billing import world

D = Decimal

SOTHEBYS_NY = [(D(0), D("0.28")), (D(2_000_000), D("0.22")), (D(8_000_000), D("0.15"))]
SOTHEBYS_LN = [(D(0), D("0.28")), (D(1_500_000), D("0.22")), (D(6_000_000), D("0.15"))]
CHRISTIES_NY = [(D(0), D("0.27")), (D(1_500_000), D("0.22")), (D(8_000_000), D("0.15"))]
PHILLIPS_NY = [(D(0), D("0.29")), (D(1_000_000), D("0.22")), (D(6_000_000), D("0.15"))]
CHRISTIES_HK = [(D(0), D("0.26")), (D(7_500_000), D("0.21")), (D(50_000_000), D("0.15"))]
CHRISTIES_GE = [(D(0), D("0.26")), (D(900_000), D("0.21")), (D(6_000_000), D("0.15"))]

PUBLISHED = {
    "sothebys-ny": (SOTHEBYS_NY, "USD"),
    "sothebys-ln": (SOTHEBYS_LN, "GBP"),
    "christies-ny": (CHRISTIES_NY, "USD"),
    "phillips-ny": (PHILLIPS_NY, "USD"),
    "christies-hk": (CHRISTIES_HK, "HKD"),
    "christies-ge": (CHRISTIES_GE, "CHF"),
}

# (schedule, hammer, premium): at, one cent below and one cent above each edge, and a hammer well inside.
EXAMPLES = [
    ("sothebys-ny", "100.00", "28.00"),
    ("sothebys-ny", "1999999.99", "560000.00"),
    ("sothebys-ny", "2000000.00", "560000.00"),
    ("sothebys-ny", "2000000.01", "560000.00"),
    ("sothebys-ny", "2000000.05", "560000.01"),
    ("sothebys-ny", "7999999.99", "1880000.00"),
    ("sothebys-ny", "8000000.00", "1880000.00"),
    ("sothebys-ny", "8000000.01", "1880000.00"),
    ("sothebys-ny", "10000000.00", "2180000.00"),
    ("sothebys-ln", "1499999.99", "420000.00"),
    ("sothebys-ln", "1500000.00", "420000.00"),
    ("sothebys-ln", "1500000.01", "420000.00"),
    ("sothebys-ln", "5999999.99", "1410000.00"),
    ("sothebys-ln", "6000000.00", "1410000.00"),
    ("sothebys-ln", "6000000.01", "1410000.00"),
    ("christies-ny", "1499999.99", "405000.00"),
    ("christies-ny", "1500000.00", "405000.00"),
    ("christies-ny", "1500000.01", "405000.00"),
    ("christies-ny", "7999999.99", "1835000.00"),
    ("christies-ny", "8000000.00", "1835000.00"),
    ("christies-ny", "8000000.01", "1835000.00"),
    ("christies-ny", "12345.67", "3333.33"),
    ("phillips-ny", "999999.99", "290000.00"),
    ("phillips-ny", "1000000.00", "290000.00"),
    ("phillips-ny", "1000000.01", "290000.00"),
    ("phillips-ny", "5999999.99", "1390000.00"),
    ("phillips-ny", "6000000.00", "1390000.00"),
    ("phillips-ny", "6000000.01", "1390000.00"),
    ("phillips-ny", "0.01", "0.00"),
    ("phillips-ny", "0.02", "0.01"),
    ("christies-hk", "7499999.99", "1950000.00"),
    ("christies-hk", "7500000.00", "1950000.00"),
    ("christies-hk", "7500000.01", "1950000.00"),
    ("christies-hk", "49999999.99", "10875000.00"),
    ("christies-hk", "50000000.00", "10875000.00"),
    ("christies-hk", "50000000.01", "10875000.00"),
    ("christies-ge", "899999.99", "234000.00"),
    ("christies-ge", "900000.00", "234000.00"),
    ("christies-ge", "900000.01", "234000.00"),
    ("christies-ge", "5999999.99", "1305000.00"),
    ("christies-ge", "6000000.00", "1305000.00"),
    ("christies-ge", "6000000.01", "1305000.00"),
]


@pytest.mark.parametrize(("schedule", "hammer", "premium"), EXAMPLES)
def test_the_published_premiums_at_and_around_every_band_edge(schedule: str, hammer: str, premium: str) -> None:
    bands, currency = PUBLISHED[schedule]
    result = premium_for(Money.of(hammer, currency), bands, schedule_code=schedule, schedule_name=schedule)
    assert result.amount == Money.of(premium, currency)
    assert str(result.amount.amount) == premium  # exact cents, never more places


def test_the_middle_of_a_band_charges_only_its_slice() -> None:
    # Christie's New York on $3,000,000: 27% of 1,500,000 + 22% of the 1,500,000 above = 405,000 + 330,000.
    result = premium_for(Money.of("3000000", "USD"), CHRISTIES_NY, schedule_code="c", schedule_name="C")
    assert result.amount == Money.of("735000.00", "USD")


@given(
    schedule=st.sampled_from(sorted(PUBLISHED)),
    cents=st.integers(min_value=0, max_value=100_000_000_00),
)
def test_the_premium_is_monotone_and_continuous_in_the_hammer(schedule: str, cents: int) -> None:
    bands, currency = PUBLISHED[schedule]
    hammer = D(cents) / 100
    step = D("0.01")

    def premium(value: Decimal) -> Decimal:
        return premium_for(Money.of(value, currency), bands, schedule_code="p", schedule_name="P").amount.amount

    rise = premium(hammer + step) - premium(hammer)
    top_rate = max(rate for _, rate in bands)
    assert D(0) <= rise <= top_rate * step + step


# --- Schedules of a saleroom and currency, with exclusions, in a sale and on its invoice -------------
@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """The results day's sale on New York's house premium, which sends necklaces to a flat 20%: lot 3 (the
    pearl necklace, 7,500 to Ada) is charged 1,500 instead of 2,025."""
    from tests.auctions import results_day

    with results_day.once(django_db_blocker) as cast:
        house = sale_world.house_premium()
        flat = premium_schedule_save(
            by=cast.senior, code="necklaces-2026", name="Necklaces 2026", effective_from=date(2026, 1, 1),
            office=Office.objects.get(code="NY"), currency="USD", bands=[PremiumRow("0", "20")],
        )  # fmt: skip
        premium_schedule_save(
            by=cast.senior, schedule=house, name=house.name, effective_from=house.effective_from,
            office=house.office, currency="USD", bands=[PremiumRow("0", "27"), PremiumRow("1000000", "22"),
                                                        PremiumRow("6000000", "15")],
            exclusions=[ExclusionRow(category="necklace", applies=flat.code)],
        )  # fmt: skip
        day = results_day.clerked(cast)
        world.new_york_billing()
        world.address(day.ada.client, lines="1 Fifth Avenue", city="New York", region="NY", postcode="10003")
        yield day


def test_a_lot_of_an_excluded_category_is_charged_by_the_schedule_that_applies_instead(shared: Any, db: Any) -> None:
    ring, _, necklace, _, riviere = shared.lots
    premiums = {result.lot_id: result.premium for result in LotResult.objects.filter(lot__sale=shared.sale)}
    assert (premiums[ring.pk], premiums[necklace.pk], premiums[riviere.pk]) == (D("2430.00"), D("1500.00"),
                                                                                D("1890.00"))  # fmt: skip
    shared.sale.refresh_from_db()
    made = invoices.invoices_from_sale(sale=shared.sale, by=shared.cast.finance)
    ada = next(invoice for invoice in made if invoice.buyer_id == shared.ada.client_id)
    lines = {
        (line.lot_label, line.snapshot["schedule"], line.snapshot["name"], line.amount)
        for line in ada.lines.filter(kind=LineKind.PREMIUM)
    }
    assert lines == {("3", "necklaces-2026", "Necklaces 2026", D("1500.000")),
                     ("5", "house-2026", "Buyer's premium 2026", D("1890.000"))}  # fmt: skip


def test_a_lot_that_mixes_categories_keeps_the_sales_own_schedule(shared: Any, db: Any) -> None:
    premiums = sale_premiums(shared.sale)
    assert premiums.for_categories(["necklace"]).code == "necklaces-2026"
    assert premiums.for_categories(["necklace", "necklace"]).code == "necklaces-2026"
    assert premiums.for_categories(["necklace", "ring"]).code == "house-2026"
    assert premiums.for_categories([]).code == "house-2026"


def test_a_sale_needs_a_schedule_of_its_saleroom_and_currency(shared: Any, db: Any) -> None:
    london = sale_world.london_premium()
    with pytest.raises(AuctionError) as refused:
        sale_world.sale(shared.cast.senior, code="NY-J-2790", premium_schedule=london)
    assert refused.value.message == (
        "The premium schedule ‘Buyer's premium 2026, London’ is London's, in GBP; a sale in New York in USD needs"
        " a schedule of its own saleroom and currency."
    )
    assert refused.value.field == "premium_schedule"
    bare = PremiumSchedule.objects.create(code="no-room", name="No room", effective_from=date(2026, 1, 1))
    with pytest.raises(AuctionError, match="names no saleroom; give it one before a sale uses it"):
        sale_world.sale(shared.cast.senior, code="NY-J-2791", premium_schedule=bare)
    ny = Office.objects.get(code="NY")
    premium_schedule_save(by=shared.cast.senior, code="old-watches", name="Old watches", office=ny, currency="USD",
                          effective_from=date(2025, 1, 1), effective_to=date(2025, 12, 31),
                          bands=[PremiumRow("0", "20")])  # fmt: skip
    sender = premium_schedule_save(by=shared.cast.senior, code="sender-x", name="Sender X", office=ny,
                                   currency="USD", effective_from=date(2026, 1, 1), bands=[PremiumRow("0", "27")],
                                   exclusions=[ExclusionRow("watch", "old-watches")])  # fmt: skip
    with pytest.raises(AuctionError) as refused:
        sale_world.sale(shared.cast.senior, code="NY-J-2793", premium_schedule=sender)
    assert refused.value.message == (
        "The premium schedule ‘Old watches’ (for watch lots) is not in force on the sale's day (10 March 2027);"
        " choose a schedule whose exclusions are in force then."
    )
    sale = sale_world.sale(shared.cast.senior, code="NY-J-2792")
    with pytest.raises(AuctionError, match="needs a schedule of its own saleroom and currency"):
        sale_services.sale_update(sale=sale, by=shared.cast.senior, expected_version=sale.version, currency="EUR")


def test_exclusions_are_checked_and_a_used_schedule_keeps_its_saleroom(shared: Any, db: Any) -> None:
    senior, ny = shared.cast.senior, Office.objects.get(code="NY")
    london = sale_world.london_premium()

    def save(*rows: ExclusionRow, office: Any = ny, currency: str = "USD") -> Any:
        return premium_schedule_save(
            by=senior, code="watches-x", name="Watches X", effective_from=date(2026, 1, 1), office=office,
            currency=currency, bands=[PremiumRow("0", "20")], exclusions=list(rows),
        )  # fmt: skip

    cases = [
        (ExclusionRow("tiaras", "necklaces-2026"), "Exclusion 1: ‘tiaras’ is not a piece category."),
        (ExclusionRow("watch", ""), "Exclusion 1: name the schedule that applies to watch lots instead."),
        (ExclusionRow("watch", "nothing"), "Exclusion 1: no premium schedule has code nothing."),
        (ExclusionRow("watch", london.code), "Exclusion 1: ‘Buyer's premium 2026, London’ is not a schedule of New York in USD."),
        (ExclusionRow("watch", "house-2026"), "Exclusion 1: ‘Buyer's premium 2026’ excludes categories itself; send watch lots to a schedule that applies to them as it stands."),
        (ExclusionRow("watch", "watches-x"), "Exclusion 1: a schedule cannot send watch lots to itself."),
    ]  # fmt: skip
    for row, message in cases:
        with pytest.raises(AuctionError) as refused:
            save(row)
        assert refused.value.message == message
    assert not PremiumSchedule.objects.filter(code="watches-x").exists()
    with pytest.raises(AuctionError, match="Exclusion 2: watch is excluded twice"):
        save(ExclusionRow("watch", "necklaces-2026"), ExclusionRow("watch", "necklaces-2026"))
    # A schedule a closed sale's schedule sends a category to is that sale's record: it no longer changes.
    flat = PremiumSchedule.objects.get(code="necklaces-2026")
    with pytest.raises(AuctionError) as refused:
        premium_schedule_save(by=senior, schedule=flat, name=flat.name, effective_from=flat.effective_from,
                              office=ny, currency="USD", bands=[PremiumRow("0", "25")])  # fmt: skip
    assert refused.value.message == (
        "Sale NY-J-2703 (closed) uses this premium schedule; it can no longer change. Make a new premium schedule"
        " instead."
    )
    # The schedule a category goes to excludes nothing itself, and keeps its saleroom and currency.
    rings = premium_schedule_save(by=senior, code="rings-flat", name="Rings flat", effective_from=date(2026, 1, 1),
                                  office=ny, currency="USD", bands=[PremiumRow("0", "21")])  # fmt: skip
    premium_schedule_save(by=senior, code="sender", name="Sender", effective_from=date(2026, 1, 1), office=ny,
                          currency="USD", bands=[PremiumRow("0", "27")],
                          exclusions=[ExclusionRow("ring", "rings-flat")])  # fmt: skip
    with pytest.raises(AuctionError) as refused:
        premium_schedule_save(by=senior, schedule=rings, name=rings.name, effective_from=rings.effective_from,
                              office=ny, currency="USD", bands=[PremiumRow("0", "21")],
                              exclusions=[ExclusionRow("watch", "necklaces-2026")])  # fmt: skip
    assert refused.value.message == (
        "The schedule ‘Sender’ sends ring lots to this one, so it may not exclude categories itself."
    )
    with pytest.raises(AuctionError) as refused:
        premium_schedule_save(by=senior, schedule=rings, name=rings.name, effective_from=rings.effective_from,
                              office=london.office, currency="GBP", bands=[PremiumRow("0", "21")])  # fmt: skip
    assert refused.value.message == (
        "The schedule ‘Sender’ sends ring lots to this one; its saleroom and currency stay as they are."
    )
    assert PremiumSchedule.objects.get(code="rings-flat").currency == "USD"


def test_the_schedule_pages_and_api_show_and_take_the_saleroom_currency_and_exclusions(
    shared: Any, db: Any, client_for: Any
) -> None:
    senior = client_for(shared.cast.senior)
    listing = senior.get("/auctions/tables/").content.decode()
    assert "<td>necklaces-2026</td>" not in listing and "New York</td><td>USD</td>" in listing
    fixed = senior.get("/auctions/tables/premiums/house-2026/").content.decode()
    assert "New York, in USD" in fixed and 'href="/auctions/tables/premiums/necklaces-2026/"' in fixed
    ny = str(Office.objects.get(code="NY").pk)
    form = {
        "code": "jewels-2027", "name": "Jewels 2027", "office": ny, "currency": "usd", "effective_from": "2027-01-01",
        "band-0-threshold": "0", "band-0-rate": "28", "exclusion-0-category": "necklace",
        "exclusion-0-applies": "necklaces-2026",
    }  # fmt: skip
    made = senior.post("/auctions/tables/premiums/new/", form)
    assert made.status_code == 302
    saved = PremiumSchedule.objects.get(code="jewels-2027")
    assert (saved.office.code, saved.currency) == ("NY", "USD")
    assert [(e.category, e.applies.code) for e in saved.exclusions.all()] == [("necklace", "necklaces-2026")]
    bad = senior.post("/auctions/tables/premiums/new/", {**form, "code": "jewels-2028", "exclusion-0-applies": "x"})
    assert bad.status_code == 404 and "Exclusion 1: no premium schedule has code x." in bad.content.decode()
    assert (
        senior.post("/auctions/tables/premiums/new/", {**form, "code": "jewels-2029", "office": ""}).status_code == 422
    )
    sale_world.london_premium()
    api = client_for(shared.cast.administrator)
    shown = api.get("/api/v1/auctions/premium-schedules/jewels-2027").json()
    assert (shown["office"], shown["currency"], shown["exclusions"]) == (
        "NY", "USD", [{"category": "necklace", "applies": "necklaces-2026"}],
    )  # fmt: skip
    body = {"code": "jewels-2030", "name": "J", "effective_from": "2027-01-01", "office": "NY", "currency": "USD",
            "bands": [{"threshold": "0", "rate_percent": "25"}],
            "exclusions": [{"category": "ring", "applies": "house-2026-ln"}]}  # fmt: skip
    refused = api.post("/api/v1/auctions/premium-schedules", body, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["message"] == (
        "Exclusion 1: ‘Buyer's premium 2026, London’ is not a schedule of New York in USD."
    )
    assert api.post("/api/v1/auctions/premium-schedules", {**body, "office": "ZZ"},
                    content_type="application/json").status_code == 422  # fmt: skip
