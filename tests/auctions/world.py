"""A small sale for the auctions' tests, built through the auctions' own services: a New York sale on
the standard ladder, lots of pieces taken in through the inventory, bidders registered and approved
with verified KYC in the client book, and absentee bids on the book.

Each area's tests build on :func:`sale`, :func:`lot`, :func:`bidder` and :func:`absentee`; the names
are the department's (a paddle is the bidder's number in the room)."""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from parure.auctions.models import AbsenteeBid, IncrementTable, Lot, PremiumSchedule, Registration, Sale
from parure.auctions.services.bids import absentee_bid_place
from parure.auctions.services.registrations import registration_create, registration_decide
from parure.auctions.services.sales import lot_create, sale_create
from parure.core.models import Office, Staff
from tests.inventory import world as inventory_world

SALE_START = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)  # 10 a.m. in New York


def _shipped_data() -> None:
    """The standard ladder and the house's premium, as migration 0002 ships them: a transactional
    test's flush empties every table, this data included, so the world puts it back when missing."""
    if (
        IncrementTable.objects.filter(code="standard").exists()
        and PremiumSchedule.objects.filter(code="house-2026").exists()
    ):
        return
    from django.apps import apps

    shipped = importlib.import_module("parure.auctions.migrations.0002_standard_ladder_and_premium")
    shipped.forward(apps, None)


def standard_table() -> IncrementTable:
    _shipped_data()
    return IncrementTable.objects.get(code="standard")


def house_premium() -> PremiumSchedule:
    """The house's premium as shipped, for the New York saleroom in dollars (where these tests' sales are)."""
    _shipped_data()
    PremiumSchedule.objects.filter(code="house-2026", office=None).update(
        office=Office.objects.get(code="NY"), currency="USD"
    )
    return PremiumSchedule.objects.get(code="house-2026")


def london_premium() -> PremiumSchedule:
    """The same bands for the London saleroom in pounds."""
    from parure.auctions.services.tables import PremiumRow, premium_schedule_save

    found = PremiumSchedule.objects.filter(code="house-2026-ln").first()
    if found is not None:
        return found
    return premium_schedule_save(
        by=Staff.objects.filter(role="senior_specialist").order_by("pk").first(),  # type: ignore[arg-type]
        code="house-2026-ln", name="Buyer's premium 2026, London", effective_from=date(2026, 1, 1),
        office=Office.objects.get(code="LN"), currency="GBP",
        bands=[PremiumRow("0", "27"), PremiumRow("1000000", "22"), PremiumRow("6000000", "15")],
    )  # fmt: skip


def sale(by: Staff, *, code: str = "NY-J-2703", title: str = "Magnificent Jewels", **fields: Any) -> Sale:
    """A sale in New York, in planning, on the standard ladder and the house's premium."""
    fields.setdefault("office", Office.objects.get(code="NY"))
    fields.setdefault("saleroom", "Park Avenue saleroom")
    fields.setdefault("starts_at", SALE_START)
    fields.setdefault("currency", "USD")
    fields.setdefault("increment_table", standard_table())
    fields.setdefault("premium_schedule", house_premium())
    return sale_create(code=code, title=title, by=by, **fields)


def pieces(by: Staff, *titles: str, consignor_name: str = "Mrs Adela Moreno") -> list[Any]:
    """Pieces taken in at the New York desk for one consignor (each with its intake condition report)."""
    client = inventory_world.consignor(consignor_name)
    drafts = [inventory_world.piece(title) for title in (titles or ("Sapphire and diamond ring",))]
    return inventory_world.take_in(by, client, *drafts)


def lot(
    the_sale: Sale,
    by: Staff,
    *,
    items: list[Any] | None = None,
    heading: str = "A sapphire and diamond ring",
    low: str = "8000",
    high: str = "12000",
    reserve: str | None = "6000",
    number: str | None = None,
) -> Lot:
    """A lot of one new piece (or ``items``) with its estimates and reserve."""
    return lot_create(
        sale=the_sale,
        items=items if items is not None else pieces(by, heading),
        heading=heading,
        low_estimate=low,
        high_estimate=high,
        reserve=reserve,
        number=number,
        by=by,
    )


def verified_client(name: str, **fields: Any) -> Any:
    """A client file with verified identity checks (KYC) in date."""
    from parure.clients.services.compliance import kyc_record

    client = inventory_world.consignor(name, **fields)
    return kyc_record(
        client=client,
        by=Staff.objects.get(username="eleanor"),
        status="verified",
        document="passport",
        document_expires_on=date.today() + timedelta(days=365),
        verified_on=date.today(),
        proof_of_address_on=date.today(),
    )


def bidder(
    the_sale: Sale,
    *,
    name: str = "Mr Julian Ashcombe",
    credit: str | None = "500000",
    approve: bool = True,
    **fields: Any,
) -> Registration:
    """A client registered for the sale with a paddle (approved by the senior specialist unless told not)."""
    senior = Staff.objects.get(username="eleanor")
    registration = registration_create(
        sale=the_sale, client=verified_client(name), credit_limit=credit, by=senior, **fields
    )
    if approve:
        registration = registration_decide(registration=registration, approve=True, by=senior)
    return registration


def absentee(
    the_lot: Lot, registration: Registration, maximum: str, *, minutes_before: int = 60, **fields: Any
) -> AbsenteeBid:
    """An absentee bid received ``minutes_before`` now (earlier wins a tie): a received time is never in
    the future, and the world's sale is in 2027."""
    fields.setdefault("received_at", timezone.now() - timedelta(minutes=minutes_before))
    placed = absentee_bid_place(
        lot=the_lot, registration=registration, maximum=maximum, by=Staff.objects.get(username="marcus"), **fields
    )
    return placed.bid


def amount(text: str) -> Decimal:
    return Decimal(text)


def live(the_sale: Sale) -> Sale:
    """The sale on its day: moved forward by the senior specialist, step by step, until it is live."""
    from parure.auctions.services.sales import sale_advance

    senior = Staff.objects.get(username="eleanor")
    while the_sale.status != "live":
        the_sale = sale_advance(sale=the_sale, by=senior)
    return the_sale


def close(the_sale: Sale) -> Sale:
    """The sale after its day: closed by the senior specialist once every offered lot has its result."""
    from parure.auctions.services.sales import sale_advance

    return sale_advance(sale=the_sale, by=Staff.objects.get(username="eleanor"))
