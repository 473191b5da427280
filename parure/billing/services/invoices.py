"""Buyer invoices: drafts from a sale's results, one per buyer; fees on a draft; issue.

A draft's lines are, per lot sold: the hammer, the premium by the sale's marginal schedule (its bands
snapshotted on the line), the online platform's fee when the lot was bought through one, and the taxes
on each by the saleroom's rules (``billing.tax``). Issuing draws the number inside the same transaction
(gapless per office, kind and year), fixes the due date from the saleroom's terms and prints the buyer
as the client book names them; from then on the database refuses any change.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from parure.auctions import results_queries
from parure.auctions.choices import Outcome, SaleStatus
from parure.auctions.premiums import AppliedSchedule, sale_premiums
from parure.auctions.queries import SaleRecord as Sale
from parure.billing import tax
from parure.billing.choices import FEE_KINDS, InvoiceKind, InvoiceSource, InvoiceStatus, LineKind, TaxKind
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import BillingSettings, Invoice, InvoiceLine, TaxRate
from parure.billing.numbers import issue_number
from parure.billing.premium import premium_for
from parure.billing.queries import invoiced_lot_ids
from parure.clients import queries as client_book
from parure.core.clock import office_today as office_today
from parure.core.models import Office, Staff
from parure.core.money import Money, MoneyError
from parure.inventory import queries as inventory

DESCRIPTION_MAX = 300


def settings_of(office: Office) -> BillingSettings:
    found = BillingSettings.objects.filter(office=office).first()
    if found is None:
        raise BillingError(
            f"{office.name} has no billing settings yet; an administrator must enter them first.",
            code=BillingErrorCode.NO_SETTINGS,
        )
    return found


def _rate(office: Office, kind: str, on: date, region: str = "") -> Decimal | None:
    row = (
        TaxRate.objects.filter(office=office, kind=kind, region=region, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    return row.rate if row is not None else None


def tax_context(office: Office, *, on: date, delivery_region: str = "", exported: bool = False) -> tax.TaxContext:
    """The saleroom's tax rules and the rates in force on ``on``."""
    rules = settings_of(office)
    sales_tax = {
        row.region: row.rate
        for row in TaxRate.objects.filter(office=office, kind=TaxKind.SALES_TAX, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("effective_from")
    }
    return tax.TaxContext(
        jurisdiction=rules.jurisdiction,
        vat_standard=_rate(office, TaxKind.VAT_STANDARD, on),
        vat_reduced=_rate(office, TaxKind.VAT_REDUCED, on),
        sales_tax=sales_tax,
        delivery_region=delivery_region,
        exported=exported,
    )


def _line(invoice: Invoice, position: int, **fields: object) -> InvoiceLine:
    return InvoiceLine(invoice=invoice, position=position, **fields)


def _tax_lines(invoice: Invoice, position: int, lines: list[tax.TaxLine], **fields: object) -> list[InvoiceLine]:
    return [
        _line(
            invoice,
            position + offset,
            kind=LineKind.TAX,
            description=line.description,
            amount=line.amount.amount,
            rate=line.rate,
            basis=line.basis.amount,
            included=line.included,
            snapshot={"rule": line.rule},
            **fields,
        )
        for offset, line in enumerate(lines)
    ]


def _refused_tax(refusal: tax.TaxRuleError) -> BillingError:
    return BillingError(str(refusal), code=BillingErrorCode.NO_RATE)


def totals(invoice: Invoice, lines: list[InvoiceLine]) -> None:
    """Set the invoice's totals from its lines: the net (everything but tax), the tax added, the VAT
    included in the premium, and the total."""
    net = sum((line.amount for line in lines if line.kind != LineKind.TAX), Decimal(0))
    added = sum((line.amount for line in lines if line.kind == LineKind.TAX and not line.included), Decimal(0))
    inside = sum((line.amount for line in lines if line.kind == LineKind.TAX and line.included), Decimal(0))
    invoice.net_total, invoice.tax_total, invoice.included_tax = net, added, inside
    invoice.total = net + added


def _sale_bands(sale: Sale, rows: list[results_queries.LotOutcome]) -> dict[int, AppliedSchedule]:
    """The premium schedule each lot is charged by, by lot id: the sale's own, or the one its exclusions
    name for the lot's piece category (``auctions.premiums``, as clerking uses)."""
    return sale_premiums(sale).for_lots({row.lot.pk: [piece.pk for piece in row.pieces] for row in rows})


@transaction.atomic
def invoices_from_sale(*, sale: Sale, by: Staff) -> list[Invoice]:
    """A draft invoice per buyer for the lots of ``sale`` sold and not yet invoiced.

    Refused while the sale is not closed (its results may still change) or when every lot sold is on an
    invoice already.
    """
    if sale.status != SaleStatus.CLOSED:
        raise BillingError(
            f"{sale.code} is not closed yet; its lots are invoiced once the sale is closed.",
            code=BillingErrorCode.NOTHING_TO_INVOICE,
        )
    outcomes = [row for row in results_queries.lot_outcomes(sale) if row.outcome == Outcome.SOLD]
    done = invoiced_lot_ids({row.lot.pk for row in outcomes})
    waiting = [row for row in outcomes if row.lot.pk not in done and row.buyer_id is not None]
    if not waiting:
        raise BillingError(
            f"Every lot sold in {sale.code} is on an invoice already.", code=BillingErrorCode.ALREADY_INVOICED
        )
    office = sale.office
    rules = settings_of(office)
    day = timezone.localdate(sale.starts_at, timezone=ZoneInfo(office.time_zone))
    schedules = _sale_bands(sale, waiting)
    by_buyer: dict[int, list[results_queries.LotOutcome]] = defaultdict(list)
    for row in waiting:
        assert row.buyer_id is not None
        by_buyer[row.buyer_id].append(row)
    parties = client_book.billing_parties(by_buyer)
    diamonds = inventory.pieces_with_diamonds(piece.pk for row in waiting for piece in row.pieces)
    made: list[Invoice] = []
    all_lines: list[InvoiceLine] = []
    contexts: dict[str, tax.TaxContext] = {}  # one per delivery region: the rates are the sale day's
    for buyer_id, rows in sorted(by_buyer.items()):
        party = parties[buyer_id]
        region = _delivery_region(party)
        if region not in contexts:
            contexts[region] = tax_context(office, on=day, delivery_region=region)
        ctx = contexts[region]
        invoice = Invoice(
            kind=InvoiceKind.INVOICE,
            source=InvoiceSource.AUCTION,
            office=office,
            buyer_id=buyer_id,
            sale=sale,
            reference=sale.code,
            currency=sale.currency,
            locale=office.locale,
            delivery_region=region,
            created_by=by,
        )
        lines: list[InvoiceLine] = []
        for row in rows:
            assert row.hammer is not None
            hammer = Money.of(row.hammer, sale.currency)
            schedule = schedules[row.lot.pk]
            premium = premium_for(hammer, schedule.bands, schedule_code=schedule.code, schedule_name=schedule.name)
            stock_numbers = ", ".join(piece.stock_number for piece in row.pieces)
            has_diamonds = any(piece.pk in diamonds for piece in row.pieces)
            common = {"lot": row.lot, "lot_label": row.label, "stock_numbers": stock_numbers[:200]}
            lines.append(
                _line(
                    invoice,
                    len(lines) + 1,
                    kind=LineKind.HAMMER,
                    description=row.heading[:DESCRIPTION_MAX],
                    amount=hammer.amount,
                    tax_treatment=row.tax_status,
                    contains_diamonds=has_diamonds,
                    **common,
                )
            )
            lines.append(
                _line(
                    invoice,
                    len(lines) + 1,
                    kind=LineKind.PREMIUM,
                    description=f"Buyer's premium on lot {row.label}",
                    amount=premium.amount.amount,
                    tax_treatment=row.tax_status,
                    snapshot=premium.snapshot,
                    **common,
                )
            )
            try:
                taxes = tax.taxes_on_lot(hammer=hammer, premium=premium.amount, treatment=row.tax_status, ctx=ctx)
            except tax.TaxRuleError as refusal:
                raise _refused_tax(refusal) from None
            lines += _tax_lines(invoice, len(lines) + 1, taxes, **common)
            if row.online_platform and rules.platform_fee_rate > 0:
                fee = (hammer * rules.platform_fee_rate).rounded()
                lines.append(
                    _line(
                        invoice,
                        len(lines) + 1,
                        kind=LineKind.PLATFORM_FEE,
                        description=f"{row.online_platform} fee on lot {row.label}"[:DESCRIPTION_MAX],
                        amount=fee.amount,
                        rate=rules.platform_fee_rate,
                        basis=hammer.amount,
                        **common,
                    )
                )
                try:
                    fee_taxes = tax.taxes_on_fee(amount=fee, description="the platform fee", ctx=ctx)
                except tax.TaxRuleError as refusal:
                    raise _refused_tax(refusal) from None
                lines += _tax_lines(invoice, len(lines) + 1, fee_taxes, **common)
        totals(invoice, lines)
        made.append(invoice)
        all_lines += lines
    # Two inserts whatever the number of buyers: the invoices (their ids come back), then every line.
    Invoice.objects.bulk_create(made)
    InvoiceLine.objects.bulk_create(all_lines)
    return made


def _delivery_region(party: client_book.BillingParty) -> str:
    """Where the lots go, for a sales tax: US-<state> (US-NY-NYC inside New York City)."""
    if party.country != "US" or not party.region:
        return party.country
    state = party.region.strip().upper()[:2]
    if state == "NY" and party.city.strip().lower() in {
        "new york",
        "manhattan",
        "brooklyn",
        "queens",
        "bronx",
        "staten island",
    }:
        return "US-NY-NYC"
    return f"US-{state}"


def _locked_draft(invoice: Invoice, expected_version: int | None) -> Invoice:
    locked = Invoice.objects.select_for_update().select_related("office").get(pk=invoice.pk)
    if locked.status != InvoiceStatus.DRAFT:
        raise BillingError(
            f"Invoice {locked.label} is issued and cannot change; correct it with a credit note.",
            code=BillingErrorCode.INVOICE_ISSUED,
        )
    if expected_version is not None and locked.version != expected_version:
        raise BillingError(
            f"Someone changed draft {locked.pk} since you opened it; reload it and try again.",
            code=BillingErrorCode.STALE,
        )
    return locked


def _amount(text: str | Decimal, currency: str, *, field: str = "amount") -> Money:
    try:
        value = Money.of(text if isinstance(text, Decimal) else str(text).strip().replace(",", ""), currency)
    except (MoneyError, InvalidOperation):
        raise BillingError(
            f"‘{str(text)[:20]}’ is not an amount; type it as 1250.00.",
            field=field,
            code=BillingErrorCode.INVALID_AMOUNT,
        ) from None
    if value.amount <= 0 or value.amount >= Decimal("1e12") or value.rounded() != value:
        raise BillingError(
            f"An amount must be more than nothing, under a trillion and rounded to {value.minor_unit} {currency}.",
            field=field,
            code=BillingErrorCode.INVALID_AMOUNT,
        )
    return value


@transaction.atomic
def invoice_add_fee(
    *,
    invoice: Invoice,
    kind: str,
    description: str,
    amount: str | Decimal,
    by: Staff,
    expected_version: int | None = None,
) -> InvoiceLine:
    """Add a fee (shipping, a certificate, the card surcharge, a platform's fee) or a post-sale service to a
    draft, with the tax the saleroom's rules put on it."""
    del by  # the draft's history is its lines; who issues it is recorded on issue
    invoice = _locked_draft(invoice, expected_version)
    if kind not in FEE_KINDS:
        raise BillingError("Choose what the charge is: shipping, certificate, card surcharge, platform fee or service.",
                           field="kind", code=BillingErrorCode.INVALID)  # fmt: skip
    text = (description or "").strip()
    if not text:
        raise BillingError("Say what the charge is for.", field="description", code=BillingErrorCode.REQUIRED)
    if len(text) > DESCRIPTION_MAX:
        raise BillingError(f"The description is longer than {DESCRIPTION_MAX} characters.", field="description",
                           code=BillingErrorCode.TOO_LONG)  # fmt: skip
    money = _amount(amount, invoice.currency)
    lines = list(invoice.lines.all())
    position = max((line.position for line in lines), default=0) + 1
    fee = _line(invoice, position, kind=kind, description=text, amount=money.amount)
    ctx = tax_context(
        invoice.office,
        on=office_today(invoice.office),
        delivery_region=invoice.delivery_region,
        exported=bool(invoice.export_proof),
    )
    try:
        taxes = tax.taxes_on_fee(amount=money, description=text, ctx=ctx)
    except tax.TaxRuleError as refusal:
        raise _refused_tax(refusal) from None
    new = [fee, *_tax_lines(invoice, position + 1, taxes)]
    InvoiceLine.objects.bulk_create(new)
    totals(invoice, lines + new)
    invoice.version += 1
    invoice.save(update_fields=["net_total", "tax_total", "included_tax", "total", "version"])
    return fee


@transaction.atomic
def invoice_issue(
    *, invoice: Invoice, by: Staff, expected_version: int | None = None, dated: date | None = None
) -> Invoice:
    """Issue a draft: its number, its date and due date, the buyer as printed. Nothing about it changes after.

    ``dated`` is the date it bears when not today: a sale's invoices may be dated the day of the sale
    (never before it, never in the future); the due date runs from it."""
    invoice = _locked_draft(invoice, expected_version)
    if invoice.total <= 0 and invoice.kind == InvoiceKind.INVOICE:
        raise BillingError("An invoice for nothing cannot be issued.", code=BillingErrorCode.NOTHING_TO_INVOICE)
    rules = settings_of(invoice.office)
    today = office_today(invoice.office)
    on = dated or today
    if on > today:
        raise BillingError("An invoice cannot be dated in the future.", field="dated", code=BillingErrorCode.INVALID)
    if dated is not None and invoice.sale is not None:
        sale_day = timezone.localdate(invoice.sale.starts_at, timezone=ZoneInfo(invoice.office.time_zone))
        if on < sale_day:
            raise BillingError(
                f"An invoice of {invoice.sale.code} cannot be dated before the sale ({sale_day:%-d %B %Y}).",
                field="dated",
                code=BillingErrorCode.INVALID,
            )
    party = client_book.billing_party(invoice.buyer_id)
    invoice.number = issue_number(office_code=invoice.office.code, kind=invoice.kind, year=on.year)
    invoice.status = InvoiceStatus.ISSUED
    invoice.buyer_name, invoice.buyer_number, invoice.buyer_address = party.name, party.number, party.address
    invoice.dated_on = on
    invoice.due_on = on + timedelta(days=rules.payment_terms_days)
    invoice.issued_at = timezone.now()
    invoice.issued_by = by
    invoice.version += 1
    invoice.save()
    return invoice
