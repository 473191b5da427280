"""Demonstration data of the cash rules (``build_cash``, called by the billing demo once its invoices are
issued), through the services as finance would:

- a week of reporting rates, each saleroom's cash-limit currency against the others the house takes;
- at a saleroom that reports cash (New York's Form 8300), a buyer's cash in two payments, dollars then
  pounds, that reaches the limit together: the second payment is flagged and its report waits to be filed;
- at a saleroom that refuses cash over its limit, a payment that would reach it, refused: a refusal
  records nothing, so the demo only says what the cashier would have read.

The premium schedules per saleroom and currency are the auctions demo's (``auctions.demo.premium_schedules``).
Deterministic: the rates are fixed figures for the days counted back from today.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from parure.billing.choices import CashRule, InvoiceKind, InvoiceStatus
from parure.billing.errors import BillingError
from parure.billing.models import BillingSettings, Invoice, ReportingRate
from parure.billing.queries import balance_of, standing_of
from parure.billing.services.cash import reporting_rate_enter
from parure.billing.services.invoices import office_today
from parure.billing.services.payments import payment_record
from parure.core.choices import Role
from parure.core.models import Staff

#: What one unit is worth in US dollars, for the demo's rates (each day nudged by a small fixed step).
IN_DOLLARS = {"USD": Decimal(1), "GBP": Decimal("1.2712"), "EUR": Decimal("1.0843"), "CHF": Decimal("1.1327"),
              "HKD": Decimal("0.1281")}  # fmt: skip
RATE_DAYS = 7
PLACES = Decimal("0.00000001")


def _say_none(line: str) -> None:
    del line


def _rates(by: Staff) -> int:
    made = 0
    quotes = sorted(set(BillingSettings.objects.values_list("cash_limit_currency", flat=True)) & set(IN_DOLLARS))
    today = max((office_today(rules.office) for rules in BillingSettings.objects.select_related("office")),
                default=None)  # fmt: skip
    if today is None:
        return 0
    for back in range(RATE_DAYS, -1, -1):
        day = today - timedelta(days=back)
        drift = Decimal(1) + Decimal(back - 3) / Decimal(1000)
        for quote in quotes:
            for currency, worth in IN_DOLLARS.items():
                if currency == quote or ReportingRate.objects.filter(day=day, currency=currency, quote=quote).exists():
                    continue
                rate = (worth * drift / IN_DOLLARS[quote]).quantize(PLACES)
                reporting_rate_enter(day=day, currency=currency, quote=quote, rate=rate, by=by,
                                     source="Demonstration rates")  # fmt: skip
                made += 1
    return made


def _payable(rule: str) -> list[Invoice]:
    """Issued invoices, oldest first, at salerooms with ``rule``, that still have something due."""
    offices = BillingSettings.objects.filter(cash_rule=rule).values_list("office_id", flat=True)
    rows = Invoice.objects.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.ISSUED, office_id__in=offices)
    return [
        invoice
        for invoice in rows.select_related("office").order_by("issued_at", "pk")
        if standing_of(invoice, today=office_today(invoice.office)) not in ("paid", "cancelled")
    ]


def _reported(by: Staff, say: Callable[[str], None]) -> None:
    for invoice in _payable(CashRule.REPORT):
        rules = BillingSettings.objects.get(office=invoice.office)
        due = balance_of(invoice).due
        if due.amount <= 0:
            continue
        day = office_today(invoice.office)
        first = (rules.cash_limit * Decimal("0.6")).quantize(Decimal("0.01"))
        payment_record(invoice=invoice, method="cash", amount=first, currency=rules.cash_limit_currency,
                       received_on=day, reference="Counter, notes counted twice", by=by)  # fmt: skip
        pounds = ReportingRate.objects.filter(day=day, currency="GBP", quote=rules.cash_limit_currency).first()
        if pounds is None:
            say("  cash: no pound rate for today; the second cash payment was not taken")
            return
        second = (rules.cash_limit * Decimal("0.45") / pounds.rate).quantize(Decimal("0.01"))
        paid = payment_record(invoice=invoice, method="cash", amount=second, currency="GBP", received_on=day,
                              rate=pounds.rate if invoice.currency != "GBP" else None,
                              reference="Counter, sterling notes", by=by)  # fmt: skip
        say(f"  cash: {invoice.number} paid in cash twice; the second payment is flagged"
            f" ({'report to file' if paid.flagged else 'under the limit'})")  # fmt: skip
        return
    say("  cash: no unpaid invoice at a saleroom that reports cash; no cash report made")


def _refused(by: Staff, say: Callable[[str], None]) -> None:
    for invoice in _payable(CashRule.REFUSE):
        rules = BillingSettings.objects.get(office=invoice.office)
        day = office_today(invoice.office)
        # Cash in the invoice's own currency worth the limit at the day's reporting rate.
        amount = rules.cash_limit
        if invoice.currency != rules.cash_limit_currency:
            rate = ReportingRate.objects.filter(day=day, currency=invoice.currency,
                                                quote=rules.cash_limit_currency).first()  # fmt: skip
            if rate is None:
                continue
            amount = (rules.cash_limit / rate.rate).quantize(Decimal("0.01")) + 1
        try:
            payment_record(invoice=invoice, method="cash", amount=amount, currency=invoice.currency, received_on=day,
                           by=by)  # fmt: skip
        except BillingError as refusal:
            say(f"  cash refused at {invoice.office.name}, nothing recorded: {refusal.message}")
        else:
            say(f"  cash: {invoice.number} took cash under {invoice.office.name}'s limit")
        return


def build_cash(say: Callable[[str], None] = _say_none) -> None:
    """The reporting rates, a reported cash payment and a refused one (skipped when rates exist already)."""
    finance = Staff.objects.filter(role=Role.FINANCE, is_active=True).order_by("pk").first()
    if finance is None:
        say("  cash: no one in finance; no rates or cash entered")
        return
    if ReportingRate.objects.exists():
        say("  cash: reporting rates exist already; left as they are")
        return
    say(f"  cash: {_rates(finance)} reporting rates over {RATE_DAYS + 1} days")
    _reported(finance, say)
    _refused(finance, say)
