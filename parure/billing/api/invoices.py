"""Invoices and payments over the API: the list and one invoice with its lines, balance and standing,
drafts from a closed sale, a draft's charges, delivery and issue, credit notes and proof of export,
the PDF; payments, the buyer's credit applied, refunds; and whether a piece may leave at the desk.

An invoice is named by its number once issued and by ``draft-<id>`` before. Amounts are decimal
strings in the currency named beside them; a refusal answers its status with the sentence, the code
and the field."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from parure.auctions import queries as auctions
from parure.auctions.errors import AuctionError
from parure.billing import documents, queries
from parure.billing.approvals import third_party_approver
from parure.billing.choices import PaymentMethod, Standing
from parure.billing.desk import verdict_for
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Invoice, InvoiceLine, Payment
from parure.billing.services import corrections, payments
from parure.billing.services import invoices as services
from parure.clients import queries as client_book
from parure.core.access_log import record_access
from parure.core.api import requires
from parure.core.choices import AccessAction
from parure.core.models import Office
from parure.core.money import Money
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.inventory import queries as inventory
from parure.inventory.api.common import Shaped
from parure.inventory.errors import StockNumberError

router = Router()

Text = Annotated[str, Field(max_length=600)]
Short = Annotated[str, Field(max_length=40)]
Amount = Annotated[str, Field(max_length=40, description="A decimal amount, e.g. 1250.00")]


class InvoiceLineOut(Schema):
    position: int
    kind: str
    lot: str
    stock_numbers: str
    description: str
    amount: Decimal
    rate: Decimal | None
    basis: Decimal | None
    included: bool = Field(description="VAT inside the premium (margin scheme): recorded, not added nor printed.")
    contains_diamonds: bool
    credits_line: int | None


class InvoiceBalanceOut(Schema):
    total: Decimal
    credited: Decimal
    paid: Decimal
    due: Decimal


class InvoiceOut(Schema):
    key: str = Field(description="The invoice's number once issued, draft-<id> before; names it in URLs.")
    number: str
    kind: str
    source: str
    status: str
    standing: str
    office: str
    buyer_number: str
    buyer: str
    sale: str | None
    reference: str
    credits: str | None
    currency: str
    delivery_region: str
    export_proof: str
    net_total: Decimal
    tax_total: Decimal
    included_tax: Decimal
    total: Decimal
    due: Decimal
    due_on: date | None
    dated_on: date | None
    issued_at: datetime | None
    version: int


class InvoiceDetailOut(InvoiceOut):
    lines: list[InvoiceLineOut]
    balance: InvoiceBalanceOut
    credit_notes: list[str]
    reason: str


class InvoicesFromSaleIn(Schema):
    sale: Short


class InvoiceFeeIn(Schema):
    kind: Short
    description: Annotated[str, Field(max_length=400)]
    amount: Amount
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class DraftVersionIn(Schema):
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class InvoiceIssueIn(Schema):
    version: int | None = Field(None, ge=1, le=2**31 - 1)
    dated: date | None = Field(None, description="The date it bears when not today (not before the sale).")


class InvoiceDeliveryIn(Schema):
    delivery_region: Annotated[str, Field(max_length=40)] = ""
    export_proof: Annotated[str, Field(max_length=300)] = ""
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class CreditNoteIn(Schema):
    groups: list[Annotated[str, Field(max_length=40)]] = Field(
        max_length=500, description="Keys of the lots and charges to credit (lot-12, line-7), or all."
    )
    reason: Text


class InvoiceExportIn(Schema):
    proof: Annotated[str, Field(max_length=300)]


class PaymentRecordIn(Schema):
    method: Short
    amount: Amount
    currency: Annotated[str, Field(max_length=8)] = ""
    received_on: date
    reference: Annotated[str, Field(max_length=200)] = ""
    rate: Annotated[str, Field(max_length=40)] = ""
    payer_name: Annotated[str, Field(max_length=300)] = ""
    approver_username: Annotated[str, Field(max_length=150)] = ""
    approver_password: Annotated[str, Field(max_length=200)] = ""
    approver_otp: Annotated[str, Field(max_length=12)] = ""
    approval_reason: Text = ""


class PaymentReceivedOut(Schema):
    id: int
    client_number: str
    method: str
    amount: Decimal
    currency: str
    reference: str
    received_on: date
    payer_name: str
    third_party_approved_by: str
    flagged: bool
    refundable: Decimal
    invoices: list[str]


class CreditApplyIn(Schema):
    amount: Amount


class CreditAllocationOut(Schema):
    invoice: str
    amount: Decimal
    from_credit: bool
    payment: int | None
    rate: Decimal | None


class PaymentRefundIn(Schema):
    amount: Amount
    reason: Text
    reference: Annotated[str, Field(max_length=200)] = ""
    invoice: Annotated[str, Field(max_length=40)] = Field(
        "", description="The invoice whose payment it reverses; blank to refund the credit the payment left."
    )


class PaymentRefundOut(Schema):
    id: int
    payment: int
    invoice: str | None
    amount: Decimal
    currency: str
    reason: str
    reference: str


class ReleaseDeskOut(Schema):
    stock_number: str
    may_go: bool
    sentence: str
    invoice: str | None
    standing: str
    due: str
    released_seq: int | None


class InvoiceFilters(Schema):
    standing: Annotated[str, Field(max_length=16)] = ""
    office: Annotated[str, Field(max_length=4)] = ""
    sale: Short = ""


def _in(amount: Decimal | None, currency: str) -> Decimal | None:
    """An amount as the API gives it: in the currency's minor unit (20049.33, ¥ 150000, KWD 12.345)."""
    return None if amount is None else Money.of(amount, currency).rounded().amount


def _invoice(number: str) -> Invoice:
    return queries.invoice_by_key(number[:60])


def _out(invoice: Invoice, *, standing: Standing, due: Decimal, buyer: str) -> dict[str, Any]:
    return {
        "key": queries.key_of(invoice),
        "number": invoice.number,
        "kind": invoice.kind,
        "source": invoice.source,
        "status": invoice.status,
        "standing": standing.value,
        "office": invoice.office.code,
        "buyer_number": invoice.buyer_number or "",
        "buyer": buyer,
        "sale": invoice.sale.code if invoice.sale is not None else None,
        "reference": invoice.reference,
        "credits": invoice.credits.number if invoice.credits is not None else None,
        "currency": invoice.currency,
        "delivery_region": invoice.delivery_region,
        "export_proof": invoice.export_proof,
        "net_total": _in(invoice.net_total, invoice.currency),
        "tax_total": _in(invoice.tax_total, invoice.currency),
        "included_tax": _in(invoice.included_tax, invoice.currency),
        "total": _in(invoice.total, invoice.currency),
        "due": _in(due, invoice.currency),
        "due_on": invoice.due_on,
        "issued_at": invoice.issued_at,
        "dated_on": invoice.dated_on,
        "version": invoice.version,
    }


def _line_out(line: InvoiceLine, currency: str) -> dict[str, Any]:
    return {
        "position": line.position,
        "kind": line.kind,
        "lot": line.lot_label,
        "stock_numbers": line.stock_numbers,
        "description": line.description,
        "amount": _in(line.amount, currency),
        "rate": line.rate,
        "basis": _in(line.basis, currency),
        "included": line.included,
        "contains_diamonds": line.contains_diamonds,
        "credits_line": line.credits_line_id,
    }


def _detail(request: HttpRequest, invoice: Invoice) -> dict[str, Any]:
    invoice = queries.invoice_by_key(queries.key_of(invoice))
    balance = queries.balance_of(invoice)
    standing = queries.standing_of(invoice, today=services.office_today(invoice.office))
    label = client_book.client_labels(request.user, [invoice.buyer_id]).get(invoice.buyer_id)
    return {
        **_out(invoice, standing=standing, due=balance.due.amount, buyer=label.name if label else ""),
        "buyer_number": label.number if label else invoice.buyer_number,
        "lines": [_line_out(line, invoice.currency) for line in invoice.lines.order_by("position")],
        "balance": {
            "total": _in(balance.total.amount, invoice.currency),
            "credited": _in(balance.credited.amount, invoice.currency),
            "paid": _in(balance.paid.amount, invoice.currency),
            "due": _in(balance.due.amount, invoice.currency),
        },
        "credit_notes": [note.number for note in invoice.credit_notes.order_by("created_at") if note.number],
        "reason": invoice.reason,
    }


@router.get("/invoices", response=list[InvoiceOut], summary="Invoices and credit notes, newest first")
@requires("billing.view_invoices")
@paginate(LimitOffset)
def invoices(request: HttpRequest, filters: Query[InvoiceFilters]) -> Any:
    today_of = {office.pk: services.office_today(office) for office in Office.objects.all()}
    rows = queries.with_balances(Invoice.objects.select_related("office", "sale", "credits"))
    if filters.standing:
        if filters.standing not in Standing.values:
            raise BillingError(f"‘{filters.standing}’ is not a standing: use one of {', '.join(Standing.values)}.",
                               field="standing", code=BillingErrorCode.INVALID)  # fmt: skip
        rows = rows.filter(queries.standing_filter(filters.standing, today_of))
    if filters.office:
        rows = rows.filter(office__code=filters.office)
    if filters.sale:
        rows = rows.filter(sale__code__iexact=filters.sale)
    labels: dict[int, Any] = {}

    def prime(page: list[Invoice]) -> None:
        labels.update(client_book.client_labels(request.user, {row.buyer_id for row in page}))

    def shape(row: Invoice) -> dict[str, Any]:
        label = labels.get(row.buyer_id)
        out = _out(
            row,
            standing=queries.standing_from_sums(row, today=today_of[row.office_id]),
            due=getattr(row, "due_sum"),  # noqa: B009 - annotated by with_balances
            buyer=label.name if label else "",
        )
        out["buyer_number"] = label.number if label else row.buyer_number
        return out

    return Shaped(rows.order_by("-created_at", "-id"), shape, prime)


@router.post("/invoices/from-sale", response={201: list[InvoiceDetailOut]}, summary="Draft a closed sale's invoices")
@requires("billing.manage_invoices")
def invoices_from_sale(request: HttpRequest, payload: InvoicesFromSaleIn) -> Status[list[dict[str, Any]]]:
    try:
        sale = auctions.sale_by_code(payload.sale)
    except AuctionError as refusal:
        raise BillingError(refusal.message, field="sale", code=BillingErrorCode.UNKNOWN_RECORD) from None
    made = services.invoices_from_sale(sale=sale, by=acting_staff(request))
    return Status(201, [_detail(request, row) for row in made])


@router.get("/invoices/{number}", response=InvoiceDetailOut, summary="An invoice with its lines and balance")
@requires("billing.view_invoices")
def invoice(request: HttpRequest, number: str) -> dict[str, Any]:
    return _detail(request, _invoice(number))


@router.get("/invoices/{number}/pdf", summary="The invoice or credit note as printed (PDF)")
@requires("billing.view_invoices")
def invoice_pdf(request: HttpRequest, number: str) -> HttpResponse:
    found = _invoice(number)
    content = documents.invoice_pdf(found)
    record_access(request, action=AccessAction.EXPORT, subject_kind="invoice", subject_ref=found.label)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{queries.key_of(found)}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@router.post("/invoices/{number}/fees", response={201: InvoiceDetailOut}, summary="Add a charge to a draft")
@requires("billing.manage_invoices")
def invoice_fee_add(request: HttpRequest, number: str, payload: InvoiceFeeIn) -> Status[dict[str, Any]]:
    found = _invoice(number)
    services.invoice_add_fee(invoice=found, kind=payload.kind, description=payload.description, amount=payload.amount,
                             by=acting_staff(request), expected_version=payload.version)  # fmt: skip
    return Status(201, _detail(request, found))


@router.post("/invoices/{number}/delivery", response=InvoiceDetailOut, summary="A draft's delivery and export")
@requires("billing.manage_invoices")
def invoice_delivery(request: HttpRequest, number: str, payload: InvoiceDeliveryIn) -> dict[str, Any]:
    found = _invoice(number)
    corrections.draft_delivery(invoice=found, delivery_region=payload.delivery_region,
                               export_proof=payload.export_proof, by=acting_staff(request),
                               expected_version=payload.version)  # fmt: skip
    return _detail(request, found)


@router.post("/invoices/{number}/issue", response=InvoiceDetailOut, summary="Issue a draft")
@requires("billing.manage_invoices")
def invoice_issue(request: HttpRequest, number: str, payload: InvoiceIssueIn) -> dict[str, Any]:
    issued = services.invoice_issue(invoice=_invoice(number), by=acting_staff(request),
                                    expected_version=payload.version, dated=payload.dated)  # fmt: skip
    return _detail(request, issued)


@router.post("/invoices/{number}/discard", response={204: None}, summary="Throw a draft away")
@requires("billing.manage_invoices")
def invoice_discard(request: HttpRequest, number: str, payload: DraftVersionIn) -> Status[None]:
    corrections.draft_discard(invoice=_invoice(number), by=acting_staff(request), expected_version=payload.version)
    return Status(204, None)


@router.post("/invoices/{number}/credit-notes", response={201: InvoiceDetailOut}, summary="Issue a credit note")
@requires("billing.manage_invoices")
def credit_note_create(request: HttpRequest, number: str, payload: CreditNoteIn) -> Status[dict[str, Any]]:
    note = corrections.credit_note_issue(invoice=_invoice(number), groups=payload.groups, reason=payload.reason,
                                         by=acting_staff(request))  # fmt: skip
    return Status(201, _detail(request, note))


@router.post("/invoices/{number}/export", response={201: InvoiceDetailOut},
             summary="Record proof of export on an issued invoice (a credit note of the taxes)")  # fmt: skip
@requires("billing.manage_invoices")
def invoice_export(request: HttpRequest, number: str, payload: InvoiceExportIn) -> Status[dict[str, Any]]:
    note = corrections.export_proof_record(invoice=_invoice(number), proof=payload.proof, by=acting_staff(request))
    return Status(201, _detail(request, note))


def _payment_out(payment: Payment) -> dict[str, Any]:
    approver = payment.third_party_approved_by
    return {
        "id": payment.pk,
        "client_number": payment.client.number,
        "method": payment.method,
        "amount": _in(payment.amount, payment.currency),
        "currency": payment.currency,
        "reference": payment.reference,
        "received_on": payment.received_on,
        "payer_name": payment.payer_name,
        "third_party_approved_by": (approver.get_full_name() or approver.username) if approver else "",
        "flagged": payment.flagged,
        "refundable": _in(payment.amount - getattr(payment, "refunded_sum"), payment.currency),  # noqa: B009
        "invoices": sorted({queries.key_of(row.invoice) for row in payment.allocations.all()}),
    }


@router.get(
    "/invoices/{number}/payments", response=list[PaymentReceivedOut], summary="The payments that reached an invoice"
)
@requires("billing.view_invoices")
def invoice_payments(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    found = _invoice(number)
    rows = (
        queries.with_refunded(Payment.objects.filter(allocations__invoice=found).distinct())
        .select_related("client", "third_party_approved_by")
        .prefetch_related("allocations__invoice")
        .order_by("received_on", "id")
    )
    return [_payment_out(row) for row in rows]


@router.post("/invoices/{number}/payments", response={201: PaymentReceivedOut}, summary="Record a payment")
@requires("billing.record_payments")
def payment_create(request: HttpRequest, number: str, payload: PaymentRecordIn) -> Status[dict[str, Any]]:
    found = _invoice(number)
    payment = payments.payment_record(
        invoice=found,
        method=payload.method,
        amount=payload.amount,
        currency=payload.currency,
        received_on=payload.received_on,
        reference=payload.reference,
        rate=payload.rate or None,
        payer_name=payload.payer_name,
        approved_by=third_party_approver(
            payer_name=payload.payer_name,
            username=payload.approver_username,
            password=payload.approver_password,
            otp_code=payload.approver_otp,
            actor=acting_staff(request),
        ),
        approval_reason=payload.approval_reason,
        by=acting_staff(request),
    )
    return Status(
        201,
        _payment_out(
            queries.with_refunded(Payment.objects.select_related("client", "third_party_approved_by")).get(
                pk=payment.pk
            )
        ),
    )


@router.post("/invoices/{number}/credit", response={201: CreditAllocationOut}, summary="Apply the buyer's credit")
@requires("billing.record_payments")
def credit_apply(request: HttpRequest, number: str, payload: CreditApplyIn) -> Status[dict[str, Any]]:
    found = _invoice(number)
    row = payments.credit_apply(invoice=found, amount=payload.amount, by=acting_staff(request))
    out = {"invoice": found.number, "amount": _in(row.amount, found.currency), "from_credit": True, "payment": None}
    return Status(201, out | {"rate": None})


class PaymentListFilters(Schema):
    method: Short = ""
    office: Annotated[str, Field(max_length=4)] = ""


@router.get("/payments", response=list[PaymentReceivedOut], summary="Payments received, newest first")
@requires("billing.view_invoices")
@paginate(LimitOffset)
def payments_list(request: HttpRequest, filters: Query[PaymentListFilters]) -> Any:
    rows = queries.with_refunded(
        Payment.objects.select_related("client", "third_party_approved_by").prefetch_related("allocations__invoice")
    )
    if filters.method:
        if filters.method not in PaymentMethod.values:
            raise BillingError(f"‘{filters.method}’ is not a payment method.", field="method",
                               code=BillingErrorCode.INVALID)  # fmt: skip
        rows = rows.filter(method=filters.method)
    if filters.office:
        rows = rows.filter(office__code=filters.office)
    return Shaped(rows.order_by("-received_on", "-id"), _payment_out, lambda page: None)


@router.post("/payments/{payment_id}/refunds", response={201: PaymentRefundOut}, summary="Refund from a payment")
@requires("billing.refund")
def refund_create(request: HttpRequest, payment_id: int, payload: PaymentRefundIn) -> Status[dict[str, Any]]:
    payment = Payment.objects.filter(pk=payment_id).first() if 0 < payment_id < 2**63 else None
    if payment is None:
        raise BillingError(f"No payment {payment_id}.", field="payment", code=BillingErrorCode.UNKNOWN_PAYMENT)
    on = _invoice(payload.invoice) if payload.invoice.strip() else None
    refund = payments.refund_record(payment=payment, amount=payload.amount, reason=payload.reason,
                                    reference=payload.reference, invoice=on, by=acting_staff(request))  # fmt: skip
    out = {"id": refund.pk, "payment": payment.pk, "invoice": on.number if on else None}
    return Status(201, out | {"amount": _in(refund.amount, payment.currency), "currency": payment.currency,
                              "reason": refund.reason, "reference": refund.reference})  # fmt: skip


@router.get("/desk/{stock_number}", response=ReleaseDeskOut, summary="Whether a piece may leave for its buyer")
@requires("billing.view_release_desk")
def release_check(request: HttpRequest, stock_number: str) -> dict[str, Any]:
    try:
        item = inventory.item_by_stock_number(stock_number[:60])
    except StockNumberError as refusal:
        raise BillingError(refusal.message, field="stock_number", code=BillingErrorCode.INVALID) from None
    verdict = verdict_for(item)
    return {
        "stock_number": item.stock_number,
        "may_go": verdict.may_go,
        "sentence": verdict.sentence,
        "invoice": verdict.invoice.number if verdict.invoice is not None else None,
        "standing": verdict.standing,
        "due": verdict.due,
        "released_seq": verdict.released.seq if verdict.released is not None else None,
    }
