"""The books: aged receivables and the accounting export.

**Aged receivables** are the issued invoices with a balance due, by buyer, in buckets of days past the due
date (current, 1–30, 31–60, 61–90, over 90), per office and currency, with totals: exact cents, one query.

**The accounting export** turns invoices and credit notes issued, payments received and refunds made in a
date range into postings, a row each with its ledger account from the mapping finance keeps
(``AccountMapping``: a line kind, a tax kind, a payment method, the receivable). Every document's
debits equal its credits:

- an invoice debits the receivable with its total and credits each line's account with the line and each
  added tax's account with the tax; VAT inside the premium (margin scheme) moves from the premium's
  account to the tax's; a credit note posts the same the other way round;
- a payment debits its method's account and credits the receivable; a refund the reverse.

A posting whose account is not in the mapping refuses the whole export, naming what is missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from parure.billing.choices import (
    RECEIVABLE,
    AccountKeyKind,
    InvoiceKind,
    InvoiceStatus,
    LineKind,
    PaymentMethod,
    PostingTax,
)
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.matching import due_of, open_invoices
from parure.billing.models import AccountMapping, Invoice, InvoiceLine, Payment, Refund
from parure.billing.services.invoices import office_today
from parure.core import exports
from parure.core.models import Office
from parure.core.money import Money

MAX_RANGE_DAYS = 400

# --- Aged receivables -------------------------------------------------------------------------------
BUCKETS: dict[str, str] = {
    "current": "Current",
    "days_1_30": "1–30 days",
    "days_31_60": "31–60 days",
    "days_61_90": "61–90 days",
    "over_90": "Over 90 days",
}


def bucket_of(days_past_due: int) -> str:
    """The bucket of an invoice this many days past its due date (0 or less: not yet due)."""
    if days_past_due <= 0:
        return "current"
    if days_past_due <= 30:
        return "days_1_30"
    if days_past_due <= 60:
        return "days_31_60"
    if days_past_due <= 90:
        return "days_61_90"
    return "over_90"


def _zeros(currency: str) -> dict[str, Money]:
    return {key: Money.of(0, currency).rounded() for key in BUCKETS}


@dataclass
class ReceivableRow:
    buyer_number: str
    buyer_name: str
    currency: str
    buckets: dict[str, Money]
    invoices: list[str] = field(default_factory=list)

    @property
    def total(self) -> Money:
        return sum(self.buckets.values(), Money.of(0, self.currency).rounded())


@dataclass
class ReceivableGroup:
    office: Office
    currency: str
    rows: list[ReceivableRow]
    on: date

    @property
    def totals(self) -> dict[str, Money]:
        found = _zeros(self.currency)
        for row in self.rows:
            for key, value in row.buckets.items():
                found[key] = found[key] + value
        return found

    @property
    def total(self) -> Money:
        return sum(self.totals.values(), Money.of(0, self.currency).rounded())


def aged_receivables(*, on: date | None = None, office: Office | None = None) -> list[ReceivableGroup]:
    """The balance due by buyer, in buckets past the due date as of ``on`` (each office's today when not
    given), per office and currency. One query whatever the number of invoices."""
    rows = (
        open_invoices()
        .select_related("office")
        .only("id", "number", "currency", "buyer_id", "buyer_name", "buyer_number", "due_on", "total", "office")
        .order_by("office__code", "currency", "buyer_name", "buyer_id", "due_on", "number")
    )
    if office is not None:
        rows = rows.filter(office=office)
    groups: dict[tuple[int, str], ReceivableGroup] = {}
    buyers: dict[tuple[int, str, int], ReceivableRow] = {}
    today: dict[int, date] = {}
    for invoice in rows:
        the_office = invoice.office
        as_of = on or today.setdefault(the_office.pk, office_today(the_office))
        group = groups.get((the_office.pk, invoice.currency))
        if group is None:
            group = groups[(the_office.pk, invoice.currency)] = ReceivableGroup(
                office=the_office, currency=invoice.currency, rows=[], on=as_of
            )
        key = (the_office.pk, invoice.currency, invoice.buyer_id)
        row = buyers.get(key)
        if row is None:
            row = buyers[key] = ReceivableRow(
                buyer_number=invoice.buyer_number,
                buyer_name=invoice.buyer_name,
                currency=invoice.currency,
                buckets=_zeros(invoice.currency),
            )
            group.rows.append(row)
        days = (as_of - invoice.due_on).days if invoice.due_on is not None else 0
        bucket = bucket_of(days)
        row.buckets[bucket] = row.buckets[bucket] + Money.of(due_of(invoice), invoice.currency).rounded()
        row.invoices.append(invoice.number)
    return list(groups.values())


RECEIVABLE_HEADER = ["Office", "Currency", "Buyer number", "Buyer", *BUCKETS.values(), "Total"]


def receivables_sheet(groups: list[ReceivableGroup]) -> exports.Sheet:
    rows: list[list[object]] = []
    bold: set[int] = set()
    for group in groups:
        for row in group.rows:
            rows.append(
                [
                    group.office.code,
                    group.currency,
                    row.buyer_number,
                    row.buyer_name,
                    *(row.buckets[key].amount for key in BUCKETS),
                    row.total.amount,
                ]
            )
        bold.add(len(rows))
        rows.append(
            [
                group.office.code,
                group.currency,
                "",
                f"Total {group.office.code} {group.currency}",
                *(group.totals[key].amount for key in BUCKETS),
                group.total.amount,
            ]
        )
    return exports.Sheet(
        title="Aged receivables",
        header=RECEIVABLE_HEADER,
        rows=rows,
        widths=[8, 9, 14, 32, 14, 14, 14, 14, 14, 14],
        bold_rows=frozenset(bold),
    )


# --- The account mapping ----------------------------------------------------------------------------
def mapping_keys() -> dict[str, dict[str, str]]:
    """What an account may be mapped for, by kind, with what a person reads."""
    return {
        AccountKeyKind.LINE: {value: str(label) for value, label in LineKind.choices if value != LineKind.TAX},
        AccountKeyKind.TAX: {value: str(label) for value, label in PostingTax.choices},
        AccountKeyKind.METHOD: {
            value: str(label) for value, label in PaymentMethod.choices if value != PaymentMethod.CREDIT
        },
        AccountKeyKind.CONTROL: {RECEIVABLE: "Receivable (buyers' accounts)"},
    }


def mapping_rows() -> list[tuple[str, str, str, AccountMapping | None]]:
    """Every key (kind, key, label) with its account, or None when finance has not mapped it yet."""
    mapped = {(row.key_kind, row.key): row for row in AccountMapping.objects.all()}
    return [
        (kind, key, label, mapped.get((kind, key)))
        for kind, keys in mapping_keys().items()
        for key, label in keys.items()
    ]


def tax_kind_of(line: InvoiceLine) -> str:
    rule = str((line.snapshot or {}).get("rule", ""))
    if "sales_tax" in rule:
        return PostingTax.SALES_TAX
    if "import" in rule:
        return PostingTax.IMPORT_VAT
    return PostingTax.VAT


# --- The accounting export --------------------------------------------------------------------------
@dataclass(frozen=True)
class Posting:
    on: date
    document: str
    kind: str
    currency: str
    account_code: str
    account_name: str
    description: str
    debit: Decimal
    credit: Decimal


POSTING_HEADER = ["Date", "Document", "Kind", "Currency", "Account", "Account name", "Description", "Debit", "Credit"]


class _Accounts:
    def __init__(self) -> None:
        self.mapped = {(row.key_kind, row.key): row for row in AccountMapping.objects.all()}
        self.labels = mapping_keys()

    def get(self, kind: str, key: str) -> AccountMapping:
        found = self.mapped.get((kind, key))
        if found is None:
            label = self.labels.get(kind, {}).get(key, key)
            raise BillingError(
                f"No account for '{label}'; add it to the mapping first.",
                field="mapping",
                code=BillingErrorCode.NO_ACCOUNT,
            )
        return found


def _range(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise BillingError("The range ends before it starts.", field="ends_on", code=BillingErrorCode.INVALID)
    if (ends_on - starts_on).days > MAX_RANGE_DAYS:
        raise BillingError(
            f"Export at most {MAX_RANGE_DAYS} days at a time.", field="ends_on", code=BillingErrorCode.INVALID
        )


def _posting(
    on: date, document: str, kind: str, currency: str, account: AccountMapping, description: str, amount: Decimal,
    *, debit: bool,
) -> Posting:  # fmt: skip
    cents = Money.of(amount, currency).rounded().amount
    if cents < 0:
        cents, debit = -cents, not debit
    zero = Money.of(0, currency).rounded().amount
    return Posting(
        on=on,
        document=document,
        kind=kind,
        currency=currency,
        account_code=account.code,
        account_name=account.name,
        description=description[:200],
        debit=cents if debit else zero,
        credit=zero if debit else cents,
    )


def _local_day(moment: datetime, office: Office) -> date:
    return moment.astimezone(ZoneInfo(office.time_zone)).date()


def _invoice_postings(invoice: Invoice, accounts: _Accounts) -> list[Posting]:
    on = _local_day(invoice.issued_at, invoice.office) if invoice.issued_at else date.min
    credit_note = invoice.kind == InvoiceKind.CREDIT_NOTE
    kind = "Credit note" if credit_note else "Invoice"
    currency = invoice.currency
    receivable = accounts.get(AccountKeyKind.CONTROL, RECEIVABLE)
    postings = [
        _posting(
            on,
            invoice.number,
            kind,
            currency,
            receivable,
            f"{invoice.buyer_name}",
            invoice.total,
            debit=not credit_note,
        )
    ]
    for line in invoice.lines.all():
        if line.kind == LineKind.TAX:
            tax_account = accounts.get(AccountKeyKind.TAX, tax_kind_of(line))
            if line.included:
                premium = accounts.get(AccountKeyKind.LINE, LineKind.PREMIUM)
                postings.append(
                    _posting(
                        on,
                        invoice.number,
                        kind,
                        currency,
                        premium,
                        line.description,
                        line.amount,
                        debit=not credit_note,
                    )
                )
            postings.append(
                _posting(
                    on, invoice.number, kind, currency, tax_account, line.description, line.amount, debit=credit_note
                )
            )
            continue
        account = accounts.get(AccountKeyKind.LINE, line.kind)
        postings.append(
            _posting(on, invoice.number, kind, currency, account, line.description, line.amount, debit=credit_note)
        )
    return postings


def _balanced(postings: list[Posting]) -> None:
    sums: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for posting in postings:
        pair = sums[(posting.document, posting.currency)]
        pair[0] += posting.debit
        pair[1] += posting.credit
    for (document, currency), (debit, credit) in sums.items():
        if debit != credit:
            raise BillingError(
                f"{document} does not balance ({currency} {debit} debit, {credit} credit); nothing was exported.",
                code=BillingErrorCode.REFUSED,
            )


def postings(*, starts_on: date, ends_on: date) -> list[Posting]:
    """Every posting of the documents dated from ``starts_on`` to ``ends_on`` (inclusive), by date."""
    _range(starts_on, ends_on)
    accounts = _Accounts()
    # Issued at in UTC, a day either side: the issuing office's own date decides below.
    start = datetime.combine(starts_on - timedelta(days=1), time.min).replace(tzinfo=ZoneInfo("UTC"))
    end = datetime.combine(ends_on + timedelta(days=2), time.min).replace(tzinfo=ZoneInfo("UTC"))
    invoices: QuerySet[Invoice] = (
        Invoice.objects.filter(status=InvoiceStatus.ISSUED, issued_at__gte=start, issued_at__lt=end)
        .select_related("office")
        .prefetch_related("lines")
        .order_by("issued_at", "number")
    )
    found: list[Posting] = []
    for invoice in invoices:
        assert invoice.issued_at is not None
        if starts_on <= _local_day(invoice.issued_at, invoice.office) <= ends_on:
            found += _invoice_postings(invoice, accounts)
    receivable = accounts.get(AccountKeyKind.CONTROL, RECEIVABLE) if found else None
    payments = Payment.objects.filter(received_on__gte=starts_on, received_on__lte=ends_on).order_by(
        "received_on", "pk"
    )
    for payment in payments:
        receivable = receivable or accounts.get(AccountKeyKind.CONTROL, RECEIVABLE)
        method = accounts.get(AccountKeyKind.METHOD, payment.method)
        document = f"Payment {payment.pk}"
        text = f"{payment.get_method_display()} {payment.reference}".strip()
        found.append(_posting(payment.received_on, document, "Payment", payment.currency, method, text, payment.amount,
                              debit=True))  # fmt: skip
        found.append(_posting(payment.received_on, document, "Payment", payment.currency, receivable, text,
                              payment.amount, debit=False))  # fmt: skip
    refunds = (
        Refund.objects.filter(at__gte=start, at__lt=end)
        .select_related("payment", "payment__office")
        .order_by("at", "pk")
    )
    for refund in refunds:
        on = _local_day(refund.at, refund.payment.office)
        if not starts_on <= on <= ends_on:
            continue
        receivable = receivable or accounts.get(AccountKeyKind.CONTROL, RECEIVABLE)
        method = accounts.get(AccountKeyKind.METHOD, refund.payment.method)
        document = f"Refund {refund.pk}"
        currency = refund.payment.currency
        found.append(_posting(on, document, "Refund", currency, receivable, refund.reason, refund.amount, debit=True))
        found.append(_posting(on, document, "Refund", currency, method, refund.reason, refund.amount, debit=False))
    _balanced(found)
    found.sort(key=lambda posting: posting.on)
    return found


def _cells(rows: Iterable[Posting]) -> list[list[object]]:
    return [
        [
            row.on,
            row.document,
            row.kind,
            row.currency,
            row.account_code,
            row.account_name,
            row.description,
            row.debit,
            row.credit,
        ]
        for row in rows
    ]


def postings_csv(rows: list[Posting]) -> bytes:
    return exports.csv_bytes(POSTING_HEADER, _cells(rows))


def postings_xlsx(rows: list[Posting]) -> bytes:
    sheet = exports.Sheet(
        title="Postings", header=POSTING_HEADER, rows=_cells(rows), widths=[12, 22, 12, 9, 12, 30, 48, 14, 14]
    )
    return exports.xlsx_bytes([sheet])
