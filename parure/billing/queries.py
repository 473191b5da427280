"""Reads billing's pages, API and other apps share: an invoice's balance and standing, the invoices a
piece is on. Amounts are Money in the invoice's currency."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from parure.billing.choices import InvoiceKind, InvoiceStatus, Standing
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Allocation, ClientCredit, Invoice, InvoiceLine, Payment, Refund
from parure.billing.numbers import parse_invoice_number
from parure.core.money import Money

ZERO = Decimal(0)


@dataclass(frozen=True)
class Balance:
    total: Money
    credited: Money  # issued credit notes against it
    paid: Money  # allocations, less what was refunded of them
    due: Money  # total − credited − paid; negative when overpaid

    @property
    def settled(self) -> bool:
        return self.due.amount <= 0


def _sum(rows: QuerySet[Allocation] | QuerySet[Invoice], column: str) -> Decimal:
    return rows.aggregate(total=Sum(column))["total"] or ZERO


def balance_of(invoice: Invoice) -> Balance:
    """What ``invoice`` comes to, what credit notes took off it, what was paid and what is still due."""
    credited = _sum(invoice.credit_notes.filter(status=InvoiceStatus.ISSUED), "total")
    paid = _sum(invoice.allocations.all(), "amount")
    total = invoice.money(invoice.total)
    return Balance(
        total=total,
        credited=invoice.money(credited),
        paid=invoice.money(paid),
        due=invoice.money(invoice.total - credited - paid),
    )


def standing_of(invoice: Invoice, *, today: date) -> Standing:
    """Where an invoice stands today (derived, never stored)."""
    if invoice.status == InvoiceStatus.DRAFT:
        return Standing.DRAFT
    balance = balance_of(invoice)
    return _standing(invoice, credited=balance.credited.amount, paid=balance.paid.amount, today=today)


def _standing(invoice: Invoice, *, credited: Decimal, paid: Decimal, today: date) -> Standing:
    """The rule itself, from what credit notes took off an issued invoice and what was paid on it."""
    if credited >= invoice.total and invoice.total > 0:
        return Standing.CANCELLED
    if invoice.total - credited - paid <= 0:
        return Standing.PAID
    if invoice.due_on is not None and today > invoice.due_on:
        return Standing.OVERDUE
    return Standing.PART_PAID if paid > 0 else Standing.UNPAID


def invoice_by_number(text: str) -> Invoice:
    """The issued invoice or credit note with this number; a mistyped number is refused, never matched."""
    number = parse_invoice_number(text)
    found = Invoice.objects.select_related("office", "sale").filter(number=number).first()
    if found is None:
        raise BillingError(f"No invoice is numbered {number}.", field="number", code=BillingErrorCode.UNKNOWN_INVOICE)
    return found


def invoiced_lot_ids(lot_ids: set[int]) -> set[int]:
    """The lots among ``lot_ids`` already on an invoice that no credit note cancelled (drafts included)."""
    if not lot_ids:
        return set()
    credited = InvoiceLine.objects.filter(
        invoice__kind=InvoiceKind.CREDIT_NOTE, invoice__status=InvoiceStatus.ISSUED, credits_line__isnull=False
    ).values("credits_line_id")
    return set(
        InvoiceLine.objects.filter(lot_id__in=lot_ids, invoice__kind=InvoiceKind.INVOICE)
        .filter(Q(kind="hammer") | Q(kind="price"))
        .exclude(pk__in=credited)
        .values_list("lot_id", flat=True)
    )


def invoice_for_piece(item_id: int) -> Invoice | None:
    """The latest issued invoice billing this piece whose line no credit note cancelled, or None."""
    credited = InvoiceLine.objects.filter(
        invoice__kind=InvoiceKind.CREDIT_NOTE, invoice__status=InvoiceStatus.ISSUED, credits_line__isnull=False
    ).values("credits_line_id")
    line = (
        InvoiceLine.objects.filter(
            invoice__kind=InvoiceKind.INVOICE,
            invoice__status=InvoiceStatus.ISSUED,
            kind__in=("hammer", "price"),
        )
        .filter(Q(item_id=item_id) | Q(lot__pieces__item_id=item_id))
        .exclude(pk__in=credited)
        .select_related("invoice", "invoice__office")
        .order_by("-invoice__issued_at", "-pk")
        .first()
    )
    return line.invoice if line is not None else None


# --- Lists and pages ---------------------------------------------------------------------------------

DRAFT_PREFIX = "draft-"


def invoice_by_key(key: str) -> Invoice:
    """The invoice a page's URL names: an issued number (``NY-I-26-00042-1``, ``NY-CN-…``) or a draft
    (``draft-12``). A mistyped number is refused by its check digit."""
    text = (key or "").strip()
    if text.lower().startswith(DRAFT_PREFIX):
        digits = text[len(DRAFT_PREFIX) :]
        found = (
            Invoice.objects.select_related("office", "sale", "credits")
            .filter(pk=int(digits), status=InvoiceStatus.DRAFT)
            .first()
            if digits.isdigit() and len(digits) < 19
            else None
        )
        if found is None:
            raise BillingError(f"No draft invoice is numbered {text}.", field="number",
                               code=BillingErrorCode.UNKNOWN_INVOICE)  # fmt: skip
        return found
    found = invoice_by_number(text)
    return Invoice.objects.select_related("office", "sale", "credits").get(pk=found.pk)


def key_of(invoice: Invoice) -> str:
    """What names ``invoice`` in a URL: its number once issued, ``draft-<id>`` before."""
    return invoice.number or f"{DRAFT_PREFIX}{invoice.pk}"


def with_balances(rows: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """``rows`` annotated with ``credited_sum`` (issued credit notes), ``paid_sum`` (allocations less
    refunds) and ``due_sum``, in one query whatever their number."""
    credited = (
        Invoice.objects.filter(credits=OuterRef("pk"), status=InvoiceStatus.ISSUED)
        .values("credits")
        .annotate(s=Sum("total"))
        .values("s")
    )
    paid = Allocation.objects.filter(invoice=OuterRef("pk")).values("invoice").annotate(s=Sum("amount")).values("s")
    money = DecimalField(max_digits=16, decimal_places=3)
    return rows.annotate(
        credited_sum=Coalesce(Subquery(credited, output_field=money), Value(ZERO), output_field=money),
        paid_sum=Coalesce(Subquery(paid, output_field=money), Value(ZERO), output_field=money),
    ).annotate(due_sum=ExpressionWrapper(F("total") - F("credited_sum") - F("paid_sum"), output_field=money))


def standing_from_sums(invoice: Invoice, *, today: date) -> Standing:
    """:func:`standing_of` from the sums :func:`with_balances` annotated (no further query)."""
    if invoice.status == InvoiceStatus.DRAFT:
        return Standing.DRAFT
    if invoice.kind == InvoiceKind.CREDIT_NOTE:
        return Standing.PAID  # a credit note is settled by what it credits
    credited: Decimal = getattr(invoice, "credited_sum", ZERO)
    paid: Decimal = getattr(invoice, "paid_sum", ZERO)
    return _standing(invoice, credited=credited, paid=paid, today=today)


def standing_filter(standing: str, today_of: dict[int, date]) -> Q:
    """The rows of a :func:`with_balances` query that stand at ``standing`` today (``today_of``: each
    office's today, by office id)."""
    issued = Q(status=InvoiceStatus.ISSUED, kind=InvoiceKind.INVOICE)
    cancelled = Q(credited_sum__gte=F("total"), total__gt=0)
    late = Q()
    for office_id, today in today_of.items():
        late |= Q(office_id=office_id, due_on__lt=today)
    open_ = issued & ~cancelled & Q(due_sum__gt=0)
    match standing:
        case Standing.DRAFT:
            return Q(status=InvoiceStatus.DRAFT)
        case Standing.CANCELLED:
            return issued & cancelled
        case Standing.PAID:
            return issued & ~cancelled & Q(due_sum__lte=0)
        case Standing.OVERDUE:
            return open_ & late if today_of else Q(pk__in=[])
        case Standing.PART_PAID:
            return open_ & ~late & Q(paid_sum__gt=0)
        case Standing.UNPAID:
            return open_ & ~late & Q(paid_sum__lte=0)
    return Q()


@dataclass(frozen=True)
class LineGroup:
    """What a credit note credits as one: a lot (its hammer or price, premium, taxes, platform fee) or a
    charge with its tax. ``credited`` once an issued credit note credits its lines."""

    key: str  # "lot-12" or "line-7"
    label: str
    lines: tuple[InvoiceLine, ...]
    credited: bool

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in self.lines if not line.included), ZERO)


def credited_line_ids(invoice: Invoice) -> set[int]:
    return set(
        InvoiceLine.objects.filter(
            invoice__credits=invoice, invoice__status=InvoiceStatus.ISSUED, credits_line__isnull=False
        ).values_list("credits_line_id", flat=True)
    )


def line_groups(
    invoice: Invoice, lines: list[InvoiceLine] | None = None, *, credited: set[int] | None = None
) -> list[LineGroup]:
    """``invoice``'s lines as the credit note form offers them: per lot, then each charge with its tax
    (``credited``: the ids of its lines issued credit notes credit, when the caller has read them)."""
    rows = lines if lines is not None else list(invoice.lines.all())
    if credited is None:
        credited = credited_line_ids(invoice) if invoice.is_issued else set()
    groups: list[tuple[str, str, list[InvoiceLine]]] = []
    by_lot: dict[int, list[InvoiceLine]] = {}
    current: list[InvoiceLine] | None = None
    for line in rows:
        if line.lot_id is not None or (line.item_id is not None and line.kind in ("price", "tax")):
            anchor = line.lot_id if line.lot_id is not None else -(line.item_id or 0)
            if anchor not in by_lot:
                by_lot[anchor] = []
                label = f"Lot {line.lot_label}" if line.lot_id is not None else line.stock_numbers or "The piece"
                groups.append((f"lot-{anchor}", label, by_lot[anchor]))
            by_lot[anchor].append(line)
            current = None
        elif line.kind == "tax" and current is not None:
            current.append(line)
        else:
            current = [line]
            groups.append((f"line-{line.pk}", line.description, current))
    return [
        LineGroup(key=key, label=label, lines=tuple(group), credited=all(line.pk in credited for line in group))
        for key, label, group in groups
    ]


def allocations_of(invoice: Invoice) -> QuerySet[Allocation]:
    return invoice.allocations.select_related("payment", "by").order_by("at", "id")


def refunds_of(invoice: Invoice) -> QuerySet[Refund]:
    """Refunds reversing a payment on ``invoice``, or of the credit a payment on it left."""
    paid_here = Allocation.objects.filter(invoice=invoice, payment__isnull=False).values("payment_id")
    return (
        Refund.objects.filter(Q(invoice=invoice) | Q(invoice__isnull=True, payment_id__in=paid_here))
        .select_related("payment", "by")
        .order_by("at", "id")
    )


def credit_held(client_id: int) -> list[Money]:
    """The client's credit held, per currency (only currencies with credit left)."""
    rows = ClientCredit.objects.filter(client_id=client_id).values("currency").annotate(s=Sum("amount"))
    return [Money.of(row["s"], row["currency"]) for row in rows.order_by("currency") if row["s"]]


def with_refunded(rows: QuerySet[Payment]) -> QuerySet[Payment]:
    """``rows`` annotated with ``refunded_sum``, what was given back of each payment (one subquery)."""
    refunded = Refund.objects.filter(payment=OuterRef("pk")).values("payment").annotate(s=Sum("amount")).values("s")
    money = DecimalField(max_digits=16, decimal_places=3)
    return rows.annotate(refunded_sum=Coalesce(Subquery(refunded, output_field=money), Value(ZERO), output_field=money))


# --- For the services app: where a charges invoice, or a piece's own invoice, stands -----------------
@dataclass(frozen=True)
class InvoiceSummary:
    """What another app may know of an invoice: its number, buyer, figures and standing today."""

    number: str
    buyer_id: int
    issued_on: date | None
    total: Money
    due: Money
    standing: str
    standing_label: str

    @property
    def paid_in_full(self) -> bool:
        return self.standing == Standing.PAID


def _summary(invoice: Invoice) -> InvoiceSummary:
    from parure.billing.services.invoices import office_today

    balance = balance_of(invoice)
    standing = standing_of(invoice, today=office_today(invoice.office))
    return InvoiceSummary(
        number=invoice.number,
        buyer_id=invoice.buyer_id,
        issued_on=invoice.dated_on,
        total=balance.total,
        due=balance.due,
        standing=standing.value,
        standing_label=standing.label,
    )


def invoice_summary(number: str) -> InvoiceSummary:
    """The issued invoice numbered ``number`` (refused in a sentence if there is none)."""
    return _summary(invoice_by_number(number))


def piece_invoice_summary(item_id: int) -> InvoiceSummary | None:
    """The issued invoice that sold this piece (not cancelled by a credit note), or None."""
    found = invoice_for_piece(item_id)
    return _summary(found) if found is not None else None


def invoice_stock_numbers(number: str) -> list[str]:
    """The stock numbers of the pieces the issued invoice numbered ``number`` sells (its hammer and price
    lines that no credit note cancelled), in line order: the services app starts an order from an invoice."""
    invoice = invoice_by_number(number)
    credited = InvoiceLine.objects.filter(
        invoice__kind=InvoiceKind.CREDIT_NOTE, invoice__status=InvoiceStatus.ISSUED, credits_line__isnull=False
    ).values("credits_line_id")
    if invoice.kind != InvoiceKind.INVOICE or invoice.status != InvoiceStatus.ISSUED:
        return []
    found: list[str] = []
    rows = invoice.lines.filter(kind__in=("hammer", "price")).exclude(pk__in=credited).order_by("position")
    for text in rows.values_list("stock_numbers", flat=True):
        found += [part.strip() for part in text.split(",") if part.strip() and part.strip() not in found]
    return found


# --- For shipping: what a sold piece is insured for in transit ---------------------------------------
@dataclass(frozen=True)
class SoldValue:
    """What the buyer paid for a piece's lot, as shipping insures it: the hammer (or agreed price), the
    premium and the taxes charged on them, from the issued invoice that sold it (not cancelled by a credit
    note), and whether that invoice stands paid in full today. Every piece of one lot has the same value:
    the lot's, which travels as one."""

    invoice_number: str
    buyer_id: int
    lot_label: str
    stock_numbers: tuple[str, ...]
    hammer: Money
    premium: Money
    tax: Money
    standing: str
    standing_label: str

    @property
    def total(self) -> Money:
        return self.hammer + self.premium + self.tax

    @property
    def paid_in_full(self) -> bool:
        return self.standing == Standing.PAID


def sold_values(item_ids: Iterable[int]) -> dict[int, SoldValue]:
    """Each sold piece's :class:`SoldValue`, by item id, in a fixed number of queries whatever their number;
    a piece no issued invoice sells is left out."""
    from parure.billing.services.invoices import office_today

    wanted = {pk for pk in item_ids if pk is not None}
    if not wanted:
        return {}
    credited_rows = InvoiceLine.objects.filter(
        invoice__kind=InvoiceKind.CREDIT_NOTE, invoice__status=InvoiceStatus.ISSUED, credits_line__isnull=False
    ).values("credits_line_id")
    sales = (
        InvoiceLine.objects.filter(
            invoice__kind=InvoiceKind.INVOICE, invoice__status=InvoiceStatus.ISSUED, kind__in=("hammer", "price")
        )
        .filter(Q(item_id__in=wanted) | Q(lot__pieces__item_id__in=wanted))
        .exclude(pk__in=credited_rows)
        .order_by("-invoice__issued_at", "-pk")
        .values_list("pk", "invoice_id", "item_id", "lot__pieces__item_id")
    )
    line_of: dict[int, tuple[int, int]] = {}  # item id → (sale line id, invoice id), the latest first
    for line_id, invoice_id, item_id, lot_item_id in sales:
        for piece in (item_id, lot_item_id):
            if piece in wanted and piece not in line_of:
                line_of[piece] = (line_id, invoice_id)
    if not line_of:
        return {}
    invoices = {
        invoice.pk: invoice
        for invoice in with_balances(Invoice.objects.filter(pk__in={pair[1] for pair in line_of.values()}))
        .select_related("office")
        .prefetch_related("lines")
    }
    credited = set(
        InvoiceLine.objects.filter(
            invoice__credits_id__in=list(invoices), invoice__status=InvoiceStatus.ISSUED, credits_line__isnull=False
        ).values_list("credits_line_id", flat=True)
    )
    groups = {
        pk: line_groups(invoice, list(invoice.lines.all()), credited=credited) for pk, invoice in invoices.items()
    }
    found: dict[int, SoldValue] = {}
    for item_id, (line_id, invoice_id) in line_of.items():
        invoice = invoices[invoice_id]
        group = next(g for g in groups[invoice_id] if any(x.pk == line_id for x in g.lines))
        sums = {"sale": ZERO, "premium": ZERO, "tax": ZERO}
        for line in group.lines:
            if line.included:
                continue
            key = "sale" if line.kind in ("hammer", "price") else line.kind
            if key in sums:
                sums[key] += line.amount
        sale_line = next(x for x in group.lines if x.pk == line_id)
        standing = standing_from_sums(invoice, today=office_today(invoice.office))
        found[item_id] = SoldValue(
            invoice_number=invoice.number,
            buyer_id=invoice.buyer_id,
            lot_label=sale_line.lot_label,
            stock_numbers=tuple(part.strip() for part in sale_line.stock_numbers.split(",") if part.strip()),
            hammer=invoice.money(sums["sale"]),
            premium=invoice.money(sums["premium"]),
            tax=invoice.money(sums["tax"]),
            standing=standing.value,
            standing_label=standing.label,
        )
    return found
