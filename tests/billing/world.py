"""Billing's test data, made through the real services: each saleroom's billing settings and tax rates,
and buyers' addresses (a sales tax is by where the lots are delivered)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

from parure.billing.choices import CashRule, Jurisdiction, TaxKind
from parure.billing.models import BillingSettings, TaxRate
from parure.core.models import Office

NY_INSTRUCTIONS = "Wire to Parure Auctions Inc., JPMorgan Chase, ABA 021000021, account 000123456789."


def new_york_billing() -> BillingSettings:
    """New York: US rules, New York City's and New Jersey's sales tax, 30 days to pay, cash over
    USD 10,000 within twelve months reported on Form 8300."""
    office = Office.objects.get(code="NY")
    found = BillingSettings.objects.filter(office=office).first()
    if found is not None:
        return found
    rules = BillingSettings.objects.create(
        office=office,
        jurisdiction=Jurisdiction.US,
        tax_region="US-NY-NYC",
        payment_terms_days=30,
        payment_instructions=NY_INSTRUCTIONS,
        cash_limit=Decimal("10000.00"),
        cash_limit_currency="USD",
        cash_rule=CashRule.REPORT,
        cash_window_days=365,
        cash_report_name="IRS/FinCEN Form 8300",
    )
    TaxRate.objects.create(office=office, kind=TaxKind.SALES_TAX, region="US-NY-NYC", rate=Decimal("0.08875"),
                           label="New York City sales tax", effective_from=date(2025, 1, 1))  # fmt: skip
    TaxRate.objects.create(office=office, kind=TaxKind.SALES_TAX, region="US-NJ", rate=Decimal("0.06625"),
                           label="New Jersey sales tax", effective_from=date(2025, 1, 1))  # fmt: skip
    return rules


def address(client: Any, *, lines: str, city: str, region: str, postcode: str, country: str = "US") -> None:
    from parure.clients.choices import AddressKind
    from parure.clients.models import ClientAddress

    ClientAddress.objects.create(client=client, kind=AddressKind.BILLING, lines=lines, city=city, region=region,
                                 postcode=postcode, country=country, is_primary=True)  # fmt: skip


@contextmanager
def sale_to_invoice(django_db_blocker: Any, *, julian_in_new_jersey: bool = False) -> Iterator[Any]:
    """The results day's clerked, closed sale (tests/auctions/results_day.py) with New York's billing
    settings, built once for a test module: Ada takes her lots home to Manhattan (New York City's sales
    tax); with ``julian_in_new_jersey`` Julian's ring goes to Princeton (New Jersey's)."""
    from tests.auctions import results_day

    with results_day.once(django_db_blocker) as cast:
        day = results_day.clerked(cast)
        new_york_billing()
        address(day.ada.client, lines="1 Fifth Avenue", city="New York", region="NY", postcode="10003")
        if julian_in_new_jersey:
            address(day.julian.client, lines="12 Ridge Road", city="Princeton", region="NJ", postcode="08540")
        yield day


def ny_today() -> date:
    """Today in New York, the day billing's rules reckon with there (not the machine's day: from 19:00 or
    20:00 in New York the machine's UTC day is already tomorrow)."""
    from parure.billing.services.invoices import office_today

    return office_today(Office.objects.get(code="NY"))
