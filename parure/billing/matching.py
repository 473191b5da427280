"""Suggested matches between a statement's credit lines and the invoices still open, set-based.

For a batch of lines the matcher runs two queries whatever the batch's size: the open invoices whose
numbers appear in the lines' references (numbers found inside free text and checked by their check digit,
``billing.numbers.parse_invoice_number``), and the open invoices whose balance due equals one of the
lines' amounts. Each line then gets its suggestions, strongest first, each saying why:

- **strong**: the invoice's number is in the reference and its balance due is the amount;
- **number only**: the number is in the reference, the amount differs;
- **weak**: no number, the amount is the balance due and the payer's name resembles the buyer's.

An open invoice is an issued invoice (not a credit note) whose balance due — its total, less the credit
notes issued against it, less what was allocated to it — is more than nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from django.db import connection
from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from parure.billing.choices import Direction, InvoiceKind, InvoiceStatus, MatchStrength
from parure.billing.errors import BillingError
from parure.billing.models import Allocation, Invoice, StatementLine
from parure.billing.numbers import parse_invoice_number
from parure.core.money import Money

# A number as people write it in a transfer's reference, with or without its dashes or spaces.
_CANDIDATE = re.compile(r"(?<![A-Z0-9])([A-Z]{2})[\s-]?(I|CN)[\s-]?(\d{2})[\s-]?(\d{5})[\s-]?(\d)(?![0-9])")
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "lady", "lord", "mme", "m", "herr", "frau", "and", "the"}
_DUE = DecimalField(max_digits=16, decimal_places=3)
_ORDER = {MatchStrength.STRONG: 0, MatchStrength.NUMBER: 1, MatchStrength.WEAK: 2}


def with_due(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """``invoices`` annotated with ``credited``, ``paid`` and ``due`` (in each invoice's currency)."""
    credited = (
        Invoice.objects.filter(credits=OuterRef("pk"), kind=InvoiceKind.CREDIT_NOTE, status=InvoiceStatus.ISSUED)
        .order_by()
        .values("credits")
        .annotate(total_credited=Sum("total"))
        .values("total_credited")
    )
    paid = (
        Allocation.objects.filter(invoice=OuterRef("pk"))
        .order_by()
        .values("invoice")
        .annotate(total_paid=Sum("amount"))
        .values("total_paid")
    )
    zero = Value(Decimal(0), output_field=_DUE)
    return invoices.annotate(
        credited=Coalesce(Subquery(credited, output_field=_DUE), zero),
        paid=Coalesce(Subquery(paid, output_field=_DUE), zero),
    ).annotate(due=ExpressionWrapper(F("total") - F("credited") - F("paid"), output_field=_DUE))


def open_invoices() -> QuerySet[Invoice]:
    """Issued invoices with a balance due, annotated with ``due``."""
    issued = Invoice.objects.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.ISSUED)
    return with_due(issued).filter(due__gt=0)  # type: ignore[misc]  # an annotation the stubs cannot see


def due_of(invoice: Invoice) -> Decimal:
    """The balance due of an invoice read through :func:`with_due`."""
    due: Decimal = invoice.due  # type: ignore[attr-defined]
    return due


def numbers_in(text: str) -> list[str]:
    """The invoice numbers (canonical, with a valid check digit) written inside ``text``."""
    found: list[str] = []
    for match in _CANDIDATE.finditer((text or "").upper()):
        try:
            number = parse_invoice_number("-".join(match.groups()))
        except BillingError:
            continue  # a wrong check digit is no number at all: never matched to the wrong invoice
        if number not in found:
            found.append(number)
    return found


def _words(name: str) -> list[str]:
    flat = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode("ascii").lower()
    return [word for word in re.split(r"[^a-z0-9]+", flat) if word and word not in _TITLES]


def names_resemble(payer: str, buyer: str) -> bool:
    """True when the payer's name is plausibly the buyer's: the buyer's surname among the payer's words, or
    the two names (titles dropped, words sorted) at least 80% alike."""
    payer_words, buyer_words = _words(payer), _words(buyer)
    if not payer_words or not buyer_words:
        return False
    if len(buyer_words[-1]) >= 3 and buyer_words[-1] in payer_words:
        return True
    ratio = SequenceMatcher(None, " ".join(sorted(payer_words)), " ".join(sorted(buyer_words))).ratio()
    return ratio >= 0.8


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    """An open invoice as the matcher reads it: what a suggestion names, and the balance due."""

    pk: int
    number: str
    currency: str
    buyer_name: str
    due: Decimal


@dataclass(frozen=True)
class Suggestion:
    line_id: int
    invoice_id: int
    invoice_number: str
    buyer_name: str
    due: Money
    strength: MatchStrength
    why: str


@lru_cache(maxsize=64)
def _unit(currency: str) -> Decimal:
    return Money.of(0, currency).minor_unit


def _exact(amount: Decimal, currency: str) -> Decimal:
    """``amount`` rounded half-up to the currency's minor unit (as Money would, without building one)."""
    return amount.quantize(_unit(currency), rounding=ROUND_HALF_UP)


def suggest(lines: Sequence[StatementLine]) -> dict[int, list[Suggestion]]:
    """Line id → its suggestions, strongest first (two queries for the whole batch)."""
    credits = [line for line in lines if line.direction == Direction.CREDIT]
    numbers_of = {line.pk: numbers_in(line.reference) for line in credits}
    wanted_numbers = {number for found in numbers_of.values() for number in found}
    by_number: dict[str, OpenInvoice] = {}
    if wanted_numbers:
        for invoice in _by_numbers(wanted_numbers):
            by_number[invoice.number] = invoice
    amounts: dict[str, set[Decimal]] = defaultdict(set)
    for line in credits:
        if not numbers_of[line.pk]:
            amounts[line.currency].add(_exact(line.amount, line.currency))
    by_amount: dict[tuple[str, Decimal], list[OpenInvoice]] = defaultdict(list)
    for invoice in _by_amounts(amounts):
        by_amount[(invoice.currency, _exact(invoice.due, invoice.currency))].append(invoice)
    found: dict[int, list[Suggestion]] = {}
    for line in credits:
        amount = _exact(line.amount, line.currency)
        suggestions: list[Suggestion] = []
        for number in numbers_of[line.pk]:
            named = by_number.get(number)
            if named is None or named.currency != line.currency:
                continue
            invoice = named
            due = _exact(invoice.due, invoice.currency)
            due_money, paid = Money(due, invoice.currency), Money(amount, line.currency)
            if due == amount:
                strength, why = (
                    MatchStrength.STRONG,
                    f"{number} is in the reference and {due_money} is its balance due.",
                )
            else:
                strength = MatchStrength.NUMBER
                why = f"{number} is in the reference; its balance due is {due_money}, not {paid}."
            suggestions.append(_suggestion(line, invoice, due_money, strength, why))
        if not numbers_of[line.pk]:
            for invoice in by_amount.get((line.currency, amount), []):
                if names_resemble(line.payer, invoice.buyer_name):
                    money = Money(amount, line.currency)
                    why = (
                        f"No invoice number in the reference; {money} is the balance due of {invoice.number} and the "
                        f"payer ‘{line.payer}’ resembles the buyer {invoice.buyer_name}."
                    )
                    suggestions.append(_suggestion(line, invoice, money, MatchStrength.WEAK, why))
        suggestions.sort(key=lambda found_one: (_ORDER[found_one.strength], found_one.invoice_number))
        found[line.pk] = suggestions
    return found


def _suggestion(line: StatementLine, invoice: OpenInvoice, due: Money, strength: MatchStrength, why: str) -> Suggestion:
    return Suggestion(
        line_id=line.pk,
        invoice_id=invoice.pk,
        invoice_number=invoice.number,
        buyer_name=invoice.buyer_name,
        due=due,
        strength=strength,
        why=why,
    )


# The balance due of every open invoice in one pass: what was allocated and what credit notes took off,
# each summed once per invoice in a derived table (hash-joined), never a subquery per invoice. ROUND keeps
# the comparison exact on SQLite too, whose decimals are binary floating point.
_OPEN_SQL = """
SELECT i.id, i.number, i.currency, i.buyer_name,
       i.total - COALESCE(paid.amount, 0) - COALESCE(credited.amount, 0) AS due
FROM billing_invoice i
LEFT JOIN (SELECT invoice_id, SUM(amount) AS amount FROM billing_allocation GROUP BY invoice_id) paid
       ON paid.invoice_id = i.id
LEFT JOIN (SELECT credits_id, SUM(total) AS amount FROM billing_invoice
           WHERE kind = %s AND status = %s AND credits_id IS NOT NULL GROUP BY credits_id) credited
       ON credited.credits_id = i.id
WHERE i.kind = %s AND i.status = %s AND ({conditions})
"""


def _open_where(where: str, params: list[str]) -> list[OpenInvoice]:
    head: list[str] = [InvoiceKind.CREDIT_NOTE.value, InvoiceStatus.ISSUED.value]
    head += [InvoiceKind.INVOICE.value, InvoiceStatus.ISSUED.value]
    with connection.cursor() as cursor:
        cursor.execute(_OPEN_SQL.format(conditions=where), head + params)
        rows = cursor.fetchall()
    found = []
    for pk, number, currency, buyer_name, due in rows:
        # SQLite hands back its binary floating-point figure: read it to the column's three places.
        amount = due if isinstance(due, Decimal) else Decimal(str(due)).quantize(Decimal("0.001"))
        if amount > 0:
            found.append(OpenInvoice(pk=pk, number=number, currency=currency, buyer_name=buyer_name, due=amount))
    return found


def _by_numbers(numbers: set[str]) -> list[OpenInvoice]:
    """The open invoices among ``numbers``: one query."""
    wanted = sorted(numbers)
    return _open_where(f"i.number IN ({', '.join(['%s'] * len(wanted))})", list(wanted))


def _by_amounts(amounts: dict[str, set[Decimal]]) -> Iterable[OpenInvoice]:
    """The open invoices whose balance due is one of the amounts in its currency: one query."""
    if not amounts:
        return []
    conditions: list[str] = []
    params: list[str] = []
    for currency, values in sorted(amounts.items()):
        wanted = sorted(value for value in values if value > 0)
        if not wanted:
            continue
        places = ", ".join(["ROUND(CAST(%s AS NUMERIC), 3)"] * len(wanted))
        conditions.append(
            "(i.currency = %s AND ROUND(i.total - COALESCE(paid.amount, 0) - COALESCE(credited.amount, 0), 3) "
            f"IN ({places}))"
        )
        params += [currency, *(str(value) for value in wanted)]
    if not conditions:
        return []
    return _open_where(" OR ".join(conditions), params)
