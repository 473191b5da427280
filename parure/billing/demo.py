"""The demonstration billing: each saleroom's settings and tax rates, and the closed London sale
invoiced through the services — dated the sale's day, so some invoices are paid, some part-paid (one
in dollars at a stated rate), some overdue, one overpaid with the credit held, one corrected by a credit
note and one left as a draft to check. Deterministic; skipped when billing has settings already."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from parure.auctions import queries as auctions
from parure.auctions.choices import SaleStatus
from parure.billing import demo_cash, demo_reconciliation, demo_settlements
from parure.billing.choices import CashRule, Jurisdiction, TaxKind
from parure.billing.models import BillingSettings, Invoice, TaxRate
from parure.billing.queries import balance_of, line_groups, standing_of
from parure.billing.services import corrections, invoices, payments
from parure.core.choices import Role
from parure.core.models import Office, Staff


def _say_none(line: str) -> None:
    del line


@dataclass(frozen=True)
class Saleroom:
    code: str
    jurisdiction: str
    region: str
    terms: int
    instructions: str
    cash_limit: str
    cash_currency: str
    cash_rule: str
    report: str
    account: tuple[str, str, str]
    rates: tuple[tuple[str, str, str, str], ...]  # kind, region, rate, label


SALEROOMS = (
    Saleroom(
        "NY", Jurisdiction.US, "US-NY-NYC", 30,
        "Wire in US dollars to Parure Auctions Inc., JPMorgan Chase Bank, 270 Park Avenue, New York;\n"
        "ABA 021000021, account 000123456789, SWIFT CHASUS33. Cards and cheques at the cashier's desk.",
        "10000.00", "USD", CashRule.REPORT, "IRS/FinCEN Form 8300",
        ("Parure Auctions Inc.", "", "CHASUS33"),
        (
            (TaxKind.SALES_TAX, "US-NY-NYC", "0.08875", "New York City sales tax"),
            (TaxKind.SALES_TAX, "US-NY", "0.04", "New York State sales tax"),
            (TaxKind.SALES_TAX, "US-NJ", "0.06625", "New Jersey sales tax"),
        ),
    ),
    Saleroom(
        "LN", Jurisdiction.UK, "GB", 21,
        "Pay in pounds sterling to Parure Auctions Ltd, Barclays Bank, 1 Churchill Place, London;\n"
        "sort code 20-00-00, account 12345678; IBAN GB29 BARC 2000 0012 3456 78, BIC BARCGB22.",
        "10000.00", "EUR", CashRule.REFUSE, "",
        ("Parure Auctions Ltd", "GB29BARC20000012345678", "BARCGB22"),
        (
            (TaxKind.VAT_STANDARD, "", "0.20", "UK VAT, standard rate"),
            (TaxKind.VAT_REDUCED, "", "0.05", "UK import VAT, reduced rate"),
        ),
    ),
    Saleroom(
        "GE", Jurisdiction.CH, "CH", 30,
        "Paiement en francs suisses à Parure Enchères SA, UBS Switzerland AG, Genève;\n"
        "IBAN CH93 0076 2011 6238 5295 7, BIC UBSWCHZH80A.",
        "100000.00", "CHF", CashRule.REPORT, "Dossier de diligence (LBA, art. 8a)",
        ("Parure Encheres SA", "CH9300762011623852957", "UBSWCHZH80A"),
        ((TaxKind.VAT_STANDARD, "", "0.081", "TVA suisse, taux normal"),),
    ),
    Saleroom(
        "HK", Jurisdiction.HK, "HK", 14,
        "Pay in Hong Kong dollars to Parure Auctions (HK) Ltd, HSBC, 1 Queen's Road Central;\n"
        "account 004-123-456789-001, SWIFT HSBCHKHHHKH.",
        "120000.00", "HKD", CashRule.REPORT, "Cash transaction record (AMLO, Schedule 2)",
        ("Parure Auctions (HK) Ltd", "", "HSBCHKHHHKH"),
        (),
    ),
)  # fmt: skip


def _settings(office: Office, room: Saleroom) -> None:
    name, iban, bic = room.account
    BillingSettings.objects.create(
        office=office,
        jurisdiction=room.jurisdiction,
        tax_region=room.region,
        payment_terms_days=room.terms,
        payment_instructions=room.instructions,
        cash_limit=Decimal(room.cash_limit),
        cash_limit_currency=room.cash_currency,
        cash_rule=room.cash_rule,
        cash_report_name=room.report,
        account_name=name,
        account_iban=iban,
        account_bic=bic,
    )
    for kind, region, rate, label in room.rates:
        TaxRate.objects.create(office=office, kind=kind, region=region, rate=Decimal(rate), label=label,
                               effective_from=date(2024, 1, 1))  # fmt: skip


def _finance() -> Staff | None:
    return Staff.objects.filter(role=Role.FINANCE, is_active=True).order_by("pk").first()


def build(say: Callable[[str], None] = _say_none) -> None:
    """Build the demonstration billing (skipped when billing has settings already)."""
    if BillingSettings.objects.exists():
        say("  billing already has settings; left as it is")
        return
    offices = {office.code: office for office in Office.objects.all()}
    for room in SALEROOMS:
        if room.code in offices:
            _settings(offices[room.code], room)
    finance = _finance()
    sale = next((s for s in auctions.sales().filter(status=SaleStatus.CLOSED).order_by("starts_at")), None)
    if finance is None or sale is None:
        say("  billing: settings for each saleroom; no closed sale or no finance staff, so no invoices")
        return
    made = invoices.invoices_from_sale(sale=sale, by=finance)
    zone = ZoneInfo(sale.office.time_zone)
    sale_day = timezone.localdate(sale.starts_at, timezone=zone)
    today = invoices.office_today(sale.office)
    paid_on = min(sale_day + timedelta(days=6), today)
    drafts = sorted(made, key=lambda invoice: invoice.total, reverse=True)
    kept_draft = drafts.pop()  # the smallest stays a draft, for finance to check and issue
    # Most are dated the sale's day; every fifth, issued after the buyer asked for a change, is dated today.
    issued = [
        invoices.invoice_issue(invoice=draft, by=finance, dated=None if index % 5 == 1 else sale_day)
        for index, draft in enumerate(drafts)
    ]

    def pay(invoice: Invoice, method: str, amount: Decimal, currency: str, reference: str,
            rate: Decimal | None = None) -> None:  # fmt: skip
        payments.payment_record(invoice=invoice, method=method, amount=amount, currency=currency, received_on=paid_on,
                                reference=reference, rate=rate, by=finance)  # fmt: skip

    states = {"paid": 0, "part-paid": 0, "overdue": 0, "overpaid": 0}
    for index, invoice in enumerate(issued):
        due = balance_of(invoice).due.amount
        match index % 5:
            case 0 | 3:
                pay(invoice, "wire", due, invoice.currency, f"FT{paid_on:%y%m%d}{index:04d}")
                states["paid"] += 1
            case 1:
                half = (due / 2).quantize(Decimal("0.01"))
                pay(invoice, "card", half, invoice.currency, f"POS-{index:04d}")
                states["part-paid"] += 1
            case 2:
                states["overdue"] += 1
            case 4:
                if states["overpaid"] == 0:
                    over = due + Decimal("250.00")
                    pay(invoice, "wire", over, invoice.currency, f"FT{paid_on:%y%m%d}{index:04d}")
                    states["overpaid"] += 1
                else:
                    # Paid in US dollars at the day's rate: pounds for one dollar.
                    rate = Decimal("0.78650")
                    dollars = (due / 2 / rate).quantize(Decimal("0.01"))
                    pay(invoice, "wire", dollars, "USD", f"USD-{index:04d}", rate=rate)
                    states["part-paid"] += 1
    _credit_one(issued, finance)
    del states
    standings = [standing_of(invoice, today=today).label.lower() for invoice in issued]
    summary = ", ".join(f"{standings.count(name)} {name}" for name in sorted(set(standings)))
    say(
        f"  billing: settings for {len(SALEROOMS)} salerooms; {len(issued)} invoices for {sale.code} "
        f"({summary}), one credit note, and draft {kept_draft.pk} to check"
    )
    demo_settlements.build_settlements(say, sale=sale)
    demo_cash.build_cash(say)
    demo_reconciliation.build_reconciliation(lambda line: say(f"  reconciliation: {line[:1].lower()}{line[1:]}"))


def _credit_one(issued: list[Invoice], finance: Staff) -> None:
    """A buyer returned one lot of an invoice of several: a credit note for it and, when the invoice was
    paid already, the money given back."""
    several = [invoice for invoice in issued if sum(g.key.startswith("lot-") for g in line_groups(invoice)) >= 2]
    if not several:
        return
    invoice = min(several, key=lambda row: balance_of(row).paid.amount)
    groups = [group for group in line_groups(invoice) if group.key.startswith("lot-")]
    reason = "The lot was returned: its condition was not as catalogued."
    corrections.credit_note_issue(invoice=invoice, groups=[groups[-1].key], by=finance, reason=reason)
    over = -balance_of(invoice).due.amount
    payment = invoice.allocations.exclude(payment=None).order_by("pk").first()
    if (
        over > 0
        and payment is not None
        and payment.payment is not None
        and payment.payment.currency == invoice.currency
    ):
        payments.refund_record(payment=payment.payment, invoice=invoice, amount=over, by=finance,
                               reason="The returned lot's price given back", reference="RF-0001")  # fmt: skip
