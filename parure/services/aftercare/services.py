"""Post-sale orders: taken on a piece an issued invoice sold (the client is its buyer), assessed by the
rules of ``eligibility`` before anything is saved, then moved along its steps — an engraving's proof sent
and approved by the client, the piece checked out to a bench jeweler and back, the work done (its charge
invoiced to the buyer through billing), the piece delivered (released to the buyer through custody) — or
cancelled. Each step is one transaction with the order locked, and writes one history row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from parure.billing import queries as billing
from parure.billing.errors import BillingError
from parure.billing.services.charges import ServiceCharge, service_invoice_issue
from parure.catalogue import queries as catalogue
from parure.catalogue.errors import CatalogueError
from parure.clients import queries as client_book
from parure.core.clock import office_today as office_today
from parure.core.models import Office, Staff
from parure.inventory import queries as inventory
from parure.inventory.choices import TERMINAL_STATUSES, ItemStatus, LocationType
from parure.inventory.errors import InventoryError
from parure.inventory.services.custody import item_check_out, item_release, item_return
from parure.inventory.services.intake import PieceDraft, StoneDraft, client_piece_intake
from parure.inventory.services.witness import Witness
from parure.services.aftercare import eligibility as ringwork
from parure.services.aftercare.choices import (
    BENCH_KINDS,
    OPEN_STATUSES,
    AftercareKind,
    AftercareStatus,
    EngravingPosition,
    EngravingSide,
    FontStyle,
    ProofMethod,
    RingSetting,
)
from parure.services.aftercare.inputs import bounded_decimal as _decimal
from parure.services.aftercare.inputs import bounded_text as _text
from parure.services.aftercare.inputs import one_of as _choice
from parure.services.aftercare.models import AftercareEvent, AftercareOrder
from parure.services.aftercare.numbers import issue_order_number
from parure.services.errors import ServicesError, ServicesErrorCode

NOTES_MAX = 2000
NOTE_MAX = 500
ENGRAVING_MAX = 120
CHARGE_MAX = Decimal("1000000")
VALUE_MAX = Decimal("999999999999")
DUE_DAYS_MAX = 366
# A piece at the bench is due back at the end of the order's due date, office time.
BENCH_DUE_HOUR = 17


# --- Taking the order --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderDraft:
    """An order as typed on the form or sent to the API (every value as given; the service reads them)."""

    kind: str
    stock_number: str = ""
    invoice_number: str = ""
    due_on: date | None = None
    charge: str | Decimal = "0"
    notes: str = ""
    # Resizing, and the ring's size for an engraving
    size_system: str = ""
    current_size: str = ""
    target_size: str = ""
    setting: str = ""
    has_engraving: bool = False
    acknowledge_warnings: bool = False
    # The buyer has brought back a piece released to them: take it in again as their own piece.
    bring_back: bool = False
    # Engraving
    engraving_text: str = ""
    font_style: str = ""
    engraving_side: str = ""
    engraving_position: str = ""
    band_width_mm: str | Decimal = ""
    # Certificate update
    laboratory: str = ""
    report_number: str = ""


@dataclass
class Assessment:
    """What the rules say of a draft before it is saved: the piece, its sale, and the verdicts."""

    piece: Any
    sale: billing.InvoiceSummary
    eligibility: ringwork.Eligibility | None = None
    current: ringwork.RingSize | None = None
    target: ringwork.RingSize | None = None
    conversions: dict[str, dict[str, str]] = field(default_factory=dict)
    character_limit: int | None = None
    engraving_length: int = 0
    # The piece left us for its buyer and is taken in again with the order (``client_piece_intake``).
    bring_back: bool = False


def _piece(stock_number: str) -> Any:
    text = (stock_number or "").strip()
    if not text:
        raise ServicesError(
            "Give the piece's stock number or the invoice that sold it.",
            field="stock_number",
            code=ServicesErrorCode.REQUIRED,
        )
    try:
        return inventory.item_by_stock_number(text[:30])
    except InventoryError as refusal:
        raise ServicesError(refusal.message, field="stock_number", code=ServicesErrorCode.INVALID) from None
    except Http404:
        raise ServicesError(
            f"No piece has the stock number {text[:30]}.", field="stock_number", code=ServicesErrorCode.UNKNOWN_PIECE
        ) from None


def _stock_number_from_invoice(invoice_number: str, stock_number: str) -> str:
    try:
        numbers = billing.invoice_stock_numbers(invoice_number[:40])
    except BillingError as refusal:
        raise ServicesError(refusal.message, field="invoice_number", code=ServicesErrorCode.UNKNOWN_RECORD) from None
    shown = invoice_number.strip().upper()
    if stock_number.strip():
        return stock_number
    if not numbers:
        raise ServicesError(
            f"Invoice {shown} sells no piece.", field="invoice_number", code=ServicesErrorCode.AFTERCARE_NOT_SOLD
        )
    if len(numbers) > 1:
        raise ServicesError(
            f"Invoice {shown} sells {len(numbers)} pieces ({', '.join(numbers[:8])}); give the stock "
            "number of the one to service.",
            field="stock_number",
            code=ServicesErrorCode.REQUIRED,
        )
    return numbers[0]


def _engraved(piece: Any, draft: OrderDraft) -> str:
    """What is engraved or signed on the band already: the piece's recorded signature, an engraving we did."""
    done = list(
        AftercareOrder.objects.filter(
            item_id=piece.pk,
            kind=AftercareKind.ENGRAVING,
            status__in=(AftercareStatus.DONE, AftercareStatus.DELIVERED),
        ).values_list("number", "engraving_text")
    )
    if done:
        return f"‘{done[-1][1]}’, engraving {done[-1][0]}"
    if piece.signature:
        return f"signed ‘{piece.signature}’"
    return "the specialist saw an engraving" if draft.has_engraving else ""


def assess(draft: OrderDraft) -> Assessment:
    """Read ``draft`` and run the rules; a malformed value or a piece that cannot be ordered on is refused
    at once, while the sizing rules' verdicts are returned (all of them) for the form to show."""
    kind = _choice(draft.kind, AftercareKind, field="kind", label="the service")
    stock_number = draft.stock_number or ""
    if (draft.invoice_number or "").strip():
        stock_number = _stock_number_from_invoice(draft.invoice_number, stock_number)
    piece = _piece(stock_number)
    sale = billing.piece_invoice_summary(piece.pk)
    if sale is None:
        raise ServicesError(
            f"{piece.stock_number} was not sold on an issued invoice (or a credit note cancelled "
            "its sale); post-sale services are ordered on a sold piece.",
            field="stock_number",
            code=ServicesErrorCode.AFTERCARE_NOT_SOLD,
        )
    if (draft.invoice_number or "").strip():
        try:
            wanted = billing.invoice_summary(draft.invoice_number[:40]).number
        except BillingError as refusal:
            raise ServicesError(
                refusal.message, field="invoice_number", code=ServicesErrorCode.UNKNOWN_RECORD
            ) from None
        if wanted != sale.number:
            raise ServicesError(
                f"{piece.stock_number} was sold on invoice {sale.number}, not {wanted}.",
                field="invoice_number",
                code=ServicesErrorCode.AFTERCARE_NOT_SOLD,
            )
    brought_back = piece.status == ItemStatus.RELEASED and draft.bring_back
    if piece.status in TERMINAL_STATUSES and not brought_back:
        raise ServicesError(
            f"{piece.stock_number} is no longer in our custody ({piece.get_status_display().lower()}); an order is "
            "taken only on a piece we hold: if the buyer has brought it back, say so to take it in again.",
            field="bring_back",
            code=ServicesErrorCode.AFTERCARE_NOT_IN_CUSTODY,
        )
    found = Assessment(piece=piece, sale=sale, bring_back=brought_back)
    if kind in BENCH_KINDS:
        found.current = ringwork.ring_size(draft.size_system, draft.current_size, field="current_size")
        found.conversions["current"] = ringwork.size_conversions(found.current)
    if kind == AftercareKind.RESIZING:
        setting = _choice(draft.setting, RingSetting, field="setting", label="how the ring is set")
        found.target = ringwork.ring_size(draft.size_system, draft.target_size, field="target_size")
        found.conversions["target"] = ringwork.size_conversions(found.target)
        assert found.current is not None
        found.eligibility = ringwork.sizing_eligibility(
            ringwork.SizingCase(
                stock_number=piece.stock_number,
                category=piece.category,
                words=f"{piece.title} {piece.description}".lower(),
                metal=piece.metal,
                stone_count=sum(stone.count for stone in piece.stones.all()),
                setting=setting,
                current=found.current,
                target=found.target,
                engraved=_engraved(piece, draft),
            )
        )
    if kind == AftercareKind.ENGRAVING:
        if piece.category != "ring":
            raise ServicesError(
                f"{piece.stock_number} is not a ring; the bench engraves rings' bands.",
                field="stock_number",
                code=ServicesErrorCode.AFTERCARE_NOT_ELIGIBLE,
            )
        font = _choice(draft.font_style, FontStyle, field="font_style", label="the lettering")
        _choice(draft.engraving_side, EngravingSide, field="engraving_side", label="inside or outside")
        position = _choice(
            draft.engraving_position, EngravingPosition, field="engraving_position", label="where it goes"
        )
        band = _decimal(
            draft.band_width_mm,
            field="band_width_mm",
            label="the band's width in mm",
            places=1,
            most=Decimal(30),
            least=Decimal("0.1"),
        )
        assert found.current is not None
        found.character_limit = ringwork.character_limit(
            circumference_mm=found.current.circumference_mm, band_width_mm=band, font_style=font, position=position
        )
        found.engraving_length = len((draft.engraving_text or "").strip())
    return found


def _engraving_checked(draft: OrderDraft, found: Assessment) -> str:
    text = _text(
        draft.engraving_text, limit=ENGRAVING_MAX, field="engraving_text", label="the text to engrave", required=True
    )
    limit = found.character_limit or 0
    if len(text) > limit:
        band = Decimal(str(draft.band_width_mm).strip()).normalize()
        size = found.current.label if found.current else ""
        raise ServicesError(
            f"The engraving has {len(text)} characters; a {band:f} mm band of {draft.size_system} size {size} "
            f"takes at most {limit} in {FontStyle(draft.font_style).label.lower()} "
            f"({EngravingPosition(draft.engraving_position).label.lower()}).",
            field="engraving_text",
            code=ServicesErrorCode.AFTERCARE_ENGRAVING_TOO_LONG,
        )
    if draft.font_style == FontStyle.MONOGRAM and not text.replace(" ", "").isalpha():
        raise ServicesError("A monogram is letters only.", field="engraving_text", code=ServicesErrorCode.INVALID)
    return text


def _taken_in_again(piece: Any, *, buyer_id: int, by: Staff, number: str) -> Any:
    """The sold piece, released to its buyer and brought back, taken in again as the client's own piece under
    a new stock number (its description and stones as recorded when we sold it)."""
    label = client_book.client_labels(by, [buyer_id]).get(buyer_id)
    client = client_book.client_detail(label.number).first() if label is not None else None
    if client is None:
        raise ServicesError("The buyer's client file cannot be found.", field="bring_back",
                            code=ServicesErrorCode.UNKNOWN_CLIENT)  # fmt: skip
    draft = PieceDraft(
        category=piece.category,
        title=piece.title,
        description=piece.description,
        gross_weight_g=piece.gross_weight_g,
        metal=piece.metal,
        fineness=piece.fineness,
        stones=tuple(StoneDraft(s.species, s.cut, s.count, s.approx_carats) for s in piece.stones.all()),
        stone_measurements=piece.stone_measurements,
        date_or_circa=piece.date_or_circa,
        maker=piece.maker,
        signature=piece.signature,
        serial_number=piece.serial_number,
    )
    try:
        return client_piece_intake(
            client=client,
            piece=draft,
            by=by,
            currency=piece.currency,
            reason=f"Brought back by the buyer ({piece.stock_number}) for {number}",
        )
    except InventoryError as refusal:
        raise ServicesError(refusal.message, field="bring_back", code=ServicesErrorCode.REFUSED) from None


def _record(order: AftercareOrder, to: str, *, by: Staff, note: str = "") -> AftercareEvent:
    seq = order.events.count() + 1
    event = AftercareEvent.objects.create(
        order=order, seq=seq, from_status=order.status if seq > 1 else "", to_status=to, by=by, note=note[:NOTE_MAX]
    )
    order.status = to
    order.updated_at = event.at
    return event


@transaction.atomic
def aftercare_order_create(*, draft: OrderDraft, by: Staff) -> AftercareOrder:
    """Take a post-sale order; refused whole, with the rule's sentence, if any rule refuses it."""
    found = assess(draft)
    piece = found.piece
    office = piece.office
    if found.eligibility is not None:
        if found.eligibility.refusals:
            first = found.eligibility.refusals[0]
            raise ServicesError(first.sentence, field=first.field, code=ServicesErrorCode.AFTERCARE_NOT_ELIGIBLE)
        if found.eligibility.warnings and not draft.acknowledge_warnings:
            first = found.eligibility.warnings[0]
            raise ServicesError(
                f"Acknowledge the warning to order: {first.sentence}",
                field=first.field,
                code=ServicesErrorCode.AFTERCARE_WARNING,
            )
    engraving_text = _engraving_checked(draft, found) if draft.kind == AftercareKind.ENGRAVING else ""
    laboratory = report_number = ""
    if draft.kind == AftercareKind.CERTIFICATE:
        try:
            laboratory = catalogue.laboratory_by_code((draft.laboratory or "")[:30], field="laboratory").code
        except CatalogueError as refusal:
            raise ServicesError(refusal.message, field="laboratory", code=ServicesErrorCode.INVALID) from None
        report_number = _text(
            draft.report_number,
            limit=40,
            field="report_number",
            label="the number of the report to update",
            required=True,
        )
    today = office_today(office)
    if draft.due_on is None:
        raise ServicesError("Give the date the order is due.", field="due_on", code=ServicesErrorCode.REQUIRED)
    if draft.due_on < today:
        raise ServicesError("The due date is in the past.", field="due_on", code=ServicesErrorCode.INVALID_DATE)
    if draft.due_on > today + timedelta(days=DUE_DAYS_MAX):
        raise ServicesError(
            "The due date is more than a year away.", field="due_on", code=ServicesErrorCode.INVALID_DATE
        )
    charge = _decimal(
        draft.charge if str(draft.charge).strip() else "0", field="charge", label="the charge", most=CHARGE_MAX
    )
    notes = _text(draft.notes, limit=NOTES_MAX, field="notes", label="the notes")
    number = issue_order_number(office_code=office.code, year=today.year)
    sold_piece = piece
    if found.bring_back:
        piece = _taken_in_again(piece, buyer_id=found.sale.buyer_id, by=by, number=number)
        office = piece.office
    order = AftercareOrder(
        number=number,
        kind=draft.kind,
        office=office,
        item=piece,
        stock_number=piece.stock_number,
        sold_stock_number=sold_piece.stock_number,
        piece_title=piece.title[:200],
        sale_invoice_number=found.sale.number,
        buyer_id=found.sale.buyer_id,
        due_on=draft.due_on,
        currency=office.currency,
        charge=charge,
        notes=notes,
        created_by=by,
        engraving_text=engraving_text,
        laboratory=laboratory,
        report_number=report_number,
    )
    if found.current is not None:
        order.size_system = draft.size_system
        order.current_size = found.current.label
        order.current_circumference_mm = found.current.circumference_mm
    if draft.kind == AftercareKind.RESIZING:
        assert found.target is not None and found.eligibility is not None
        order.setting = draft.setting
        order.target_size = found.target.label
        order.target_circumference_mm = found.target.circumference_mm
        order.acknowledged_warnings = "\n".join(verdict.sentence for verdict in found.eligibility.warnings)
    if draft.kind == AftercareKind.ENGRAVING:
        order.font_style = draft.font_style
        order.engraving_side = draft.engraving_side
        order.engraving_position = draft.engraving_position
        order.band_width_mm = Decimal(str(draft.band_width_mm).strip())
        order.character_limit = found.character_limit
    order.save()
    note = "; ".join(verdict.sentence for verdict in found.eligibility.warnings) if found.eligibility else ""
    _record(order, AftercareStatus.ORDERED, by=by, note=f"Acknowledged: {note}" if note else "")
    return order


# --- Its steps ---------------------------------------------------------------------------------------


def _locked(order: AftercareOrder) -> AftercareOrder:
    return AftercareOrder.objects.select_for_update().select_related("office").get(pk=order.pk)


def _wrong_step(order: AftercareOrder, action: str) -> ServicesError:
    return ServicesError(
        f"{order.number} is {order.get_status_display().lower()}; it cannot {action}.",
        field="status",
        code=ServicesErrorCode.AFTERCARE_WRONG_STEP,
    )


def _custody_refused(refusal: InventoryError, field: str = "status") -> ServicesError:
    return ServicesError(refusal.message, field=field, code=ServicesErrorCode.REFUSED)


def _save(order: AftercareOrder, *fields: str) -> None:
    order.save(update_fields=["status", "updated_at", *fields])


@transaction.atomic
def aftercare_proof_send(*, order: AftercareOrder, by: Staff, note: str = "") -> AftercareOrder:
    """The engraving's proof (the text, lettering and placing drawn up) goes to the client to approve."""
    order = _locked(order)
    if order.kind != AftercareKind.ENGRAVING:
        raise ServicesError(
            f"{order.number} is not an engraving; only an engraving has a proof.",
            field="status",
            code=ServicesErrorCode.AFTERCARE_WRONG_STEP,
        )
    if order.status != AftercareStatus.ORDERED:
        raise _wrong_step(order, "have its proof sent")
    _record(order, AftercareStatus.PROOF_SENT, by=by, note=_text(note, limit=NOTE_MAX, field="note", label="the note"))
    _save(order)
    return order


@transaction.atomic
def aftercare_proof_approve(
    *,
    order: AftercareOrder,
    approved_by: str,
    method: str,
    by: Staff,
    approved_at: datetime | None = None,
    note: str = "",
) -> AftercareOrder:
    """Record the client's approval of the proof: who approved it, when and how."""
    order = _locked(order)
    if order.kind != AftercareKind.ENGRAVING:
        raise ServicesError(
            f"{order.number} is not an engraving; only an engraving has a proof.",
            field="status",
            code=ServicesErrorCode.AFTERCARE_WRONG_STEP,
        )
    if order.status != AftercareStatus.PROOF_SENT:
        if order.status == AftercareStatus.ORDERED:
            raise ServicesError(
                f"{order.number}'s proof has not been sent; send it to the client first.",
                field="status",
                code=ServicesErrorCode.AFTERCARE_PROOF_NEEDED,
            )
        raise _wrong_step(order, "have its proof approved")
    who = _text(approved_by, limit=200, field="approved_by", label="who approved the proof", required=True)
    how = _choice(method, ProofMethod, field="method", label="how the client approved it")
    when = approved_at or timezone.now()
    if timezone.is_naive(when):
        when = timezone.make_aware(when, ZoneInfo(order.office.time_zone))
    if when > timezone.now() + timedelta(minutes=5):
        raise ServicesError(
            "The approval cannot be in the future.", field="approved_at", code=ServicesErrorCode.INVALID_DATE
        )
    order.proof_approved_by = who
    order.proof_approved_at = when
    order.proof_method = how
    order.proof_recorded_by = by
    detail = f"Approved by {who}, {ProofMethod(how).label.lower()}"
    text = _text(note, limit=NOTE_MAX - len(detail) - 2, field="note", label="the note")
    _record(order, AftercareStatus.PROOF_APPROVED, by=by, note=f"{detail}. {text}".strip())
    _save(order, "proof_approved_by", "proof_approved_at", "proof_method", "proof_recorded_by")
    return order


def bench_places(office: Office) -> list[Any]:
    """The bench jewelers of ``office`` a piece may be checked out to."""
    from parure.inventory.choices import LocationKind

    return [
        place
        for place in inventory.places_for(office, (LocationKind.EXTERNAL,))
        if place.type == LocationType.BENCH_JEWELER
    ]


def _bench_due(order: AftercareOrder) -> datetime:
    zone = ZoneInfo(order.office.time_zone)
    due = datetime.combine(order.due_on, time(BENCH_DUE_HOUR), tzinfo=zone)
    return max(due, timezone.now() + timedelta(hours=1))


@transaction.atomic
def aftercare_to_bench(
    *, order: AftercareOrder, bench: Any, by: Staff, witness: Witness | None = None, note: str = ""
) -> AftercareOrder:
    """Check the piece out to a bench jeweler in the order's office, due back on the order's due date."""
    order = _locked(order)
    if order.kind not in BENCH_KINDS:
        raise ServicesError(
            f"{order.number} is {order.get_kind_display().lower()}; it does not go to a bench.",
            field="status",
            code=ServicesErrorCode.AFTERCARE_WRONG_STEP,
        )
    if order.kind == AftercareKind.ENGRAVING and order.status in (AftercareStatus.ORDERED, AftercareStatus.PROOF_SENT):
        raise ServicesError(
            f"The client has not approved {order.number}'s engraving proof; record their approval "
            "before it goes to the bench.",
            field="status",
            code=ServicesErrorCode.AFTERCARE_PROOF_NEEDED,
        )
    ready = AftercareStatus.PROOF_APPROVED if order.kind == AftercareKind.ENGRAVING else AftercareStatus.ORDERED
    if order.status != ready:
        raise _wrong_step(order, "go to the bench")
    benches = {place.pk: place for place in bench_places(order.office)}
    if bench is None or getattr(bench, "pk", None) not in benches:
        raise ServicesError(
            f"Choose a bench jeweler of {order.office.name}.", field="bench", code=ServicesErrorCode.INVALID
        )
    place = benches[bench.pk]
    text = _text(note, limit=NOTE_MAX, field="note", label="the note")
    try:
        item_check_out(
            item=order.item,
            to=place,
            by=by,
            due_back=_bench_due(order),
            witness=witness,
            reason=f"{order.get_kind_display()} {order.number}",
            cause=f"aftercare:{order.number}",
        )
    except InventoryError as refusal:
        raise _custody_refused(refusal, "bench") from None
    order.bench = place
    _record(order, AftercareStatus.AT_BENCH, by=by, note=f"To {place.label}. {text}".strip())
    _save(order, "bench")
    return order


def _charge_invoice(order: AftercareOrder, by: Staff) -> str:
    if order.charge <= 0:
        return ""
    description = (
        f"{order.get_kind_display()} ({order.number}) of {order.stock_number} {order.piece_title}, "
        f"sold on invoice {order.sale_invoice_number}"
    )
    try:
        invoice = service_invoice_issue(
            client_id=order.buyer_id,
            office=order.office,
            currency=order.currency,
            reference=order.number,
            charges=[ServiceCharge(description[:300], order.charge, order.item_id, order.stock_number)],
            by=by,
        )
    except BillingError as refusal:
        raise ServicesError(refusal.message, field="charge", code=ServicesErrorCode.REFUSED) from None
    return invoice.number


@transaction.atomic
def aftercare_done(
    *,
    order: AftercareOrder,
    by: Staff,
    note: str = "",
    appraised_value: str | Decimal | None = None,
    effective_on: date | None = None,
    updated_report_number: str = "",
    witness: Witness | None = None,
) -> AftercareOrder:
    """The work is done: a piece at the bench comes back (``item_return``), an appraisal records its value,
    a certificate update its report; a charge goes on a charges invoice to the buyer (none when it is 0)."""
    order = _locked(order)
    ready = AftercareStatus.AT_BENCH if order.kind in BENCH_KINDS else AftercareStatus.ORDERED
    if order.status != ready:
        if order.kind in BENCH_KINDS and order.status in OPEN_STATUSES:
            raise ServicesError(
                f"{order.number} has not been to the bench; the piece goes to the bench before the work is done.",
                field="status",
                code=ServicesErrorCode.AFTERCARE_WRONG_STEP,
            )
        raise _wrong_step(order, "be marked done")
    text = _text(note, limit=NOTE_MAX, field="note", label="the note")
    fields: list[str] = ["charge_invoice_number"]
    if order.kind == AftercareKind.APPRAISAL:
        if not by.has_perm("services.appraise_aftercare"):
            raise ServicesError(
                "An appraisal is signed by a senior specialist; ask one to record it.",
                field="appraised_value",
                code=ServicesErrorCode.REFUSED,
            )
        order.appraised_value = _decimal(
            appraised_value, field="appraised_value", label="the appraised value", most=VALUE_MAX, least=Decimal("0.01")
        )
        order.appraisal_effective_on = effective_on or office_today(order.office)
        if order.appraisal_effective_on > office_today(order.office):
            raise ServicesError(
                "The appraisal cannot take effect in the future.",
                field="effective_on",
                code=ServicesErrorCode.INVALID_DATE,
            )
        order.appraiser = by
        fields += ["appraised_value", "appraisal_effective_on", "appraiser"]
    if order.kind == AftercareKind.CERTIFICATE:
        order.updated_report_number = _text(
            updated_report_number,
            limit=40,
            field="updated_report_number",
            label="the updated report's number",
            required=True,
        )
        fields.append("updated_report_number")
    if order.kind in BENCH_KINDS:
        try:
            item_return(
                item=order.item, by=by, witness=witness, reason=f"{order.get_kind_display()} {order.number} done"
            )
        except InventoryError as refusal:
            raise _custody_refused(refusal) from None
    order.charge_invoice_number = _charge_invoice(order, by)
    billed = f" Charged on invoice {order.charge_invoice_number}." if order.charge_invoice_number else ""
    _record(order, AftercareStatus.DONE, by=by, note=f"{text}{billed}".strip())
    _save(order, *fields)
    return order


@transaction.atomic
def aftercare_deliver(
    *, order: AftercareOrder, by: Staff, note: str = "", witness: Witness | None = None
) -> AftercareOrder:
    """The piece goes back to its buyer: released through custody (billing's guard holds it until its sale
    invoice is paid), once this order's own charge is paid and no other order on the piece is under way."""
    order = _locked(order)
    if order.status != AftercareStatus.DONE:
        raise _wrong_step(order, "be delivered")
    others = list(
        AftercareOrder.objects.filter(item_id=order.item_id, status__in=OPEN_STATUSES)
        .exclude(pk=order.pk)
        .values_list("number", flat=True)
    )
    if others:
        raise ServicesError(
            f"{', '.join(others)} on {order.stock_number} is still under way; deliver the piece once it is done.",
            field="status",
            code=ServicesErrorCode.AFTERCARE_WRONG_STEP,
        )
    if order.charge_invoice_number:
        charged = billing.invoice_summary(order.charge_invoice_number)
        if not charged.paid_in_full:
            raise ServicesError(
                f"Invoice {charged.number} for this order's charge is not paid in full "
                f"({charged.due.format(order.office.locale)} due); the piece may not be delivered yet.",
                field="status",
                code=ServicesErrorCode.AFTERCARE_UNPAID,
            )
    text = _text(note, limit=NOTE_MAX, field="note", label="the note")
    piece = inventory.item_by_stock_number(order.stock_number)
    if piece.status != ItemStatus.RELEASED:
        label = client_book.client_labels(by, [order.buyer_id]).get(order.buyer_id)
        try:
            item_release(
                item=piece,
                cause=f"service:{order.number}",
                by=by,
                witness=witness,
                counterpart=label.name if label else "",
                reason=f"Delivered: {order.number}",
            )
        except InventoryError as refusal:
            raise _custody_refused(refusal) from None
    _record(order, AftercareStatus.DELIVERED, by=by, note=text)
    _save(order)
    return order


@transaction.atomic
def aftercare_cancel(
    *, order: AftercareOrder, by: Staff, reason: str, witness: Witness | None = None
) -> AftercareOrder:
    """Cancel an order not yet done (a piece at the bench comes back first), with the reason."""
    order = _locked(order)
    if order.status not in OPEN_STATUSES:
        raise _wrong_step(order, "be cancelled")
    text = _text(reason, limit=NOTE_MAX, field="note", label="the reason for cancelling", required=True)
    if order.status == AftercareStatus.AT_BENCH:
        try:
            item_return(item=order.item, by=by, witness=witness, reason=f"{order.number} cancelled")
        except InventoryError as refusal:
            raise _custody_refused(refusal) from None
    _record(order, AftercareStatus.CANCELLED, by=by, note=text)
    _save(order)
    return order


@dataclass(frozen=True)
class StatusChange:
    """A request to move an order on, as a page's button or the API sends it."""

    to: str
    note: str = ""
    bench: Any = None
    appraised_value: str | Decimal | None = None
    effective_on: date | None = None
    updated_report_number: str = ""
    # A second member of staff confirmed, when custody's four-eyes rule asks for one.
    witness: Witness | None = None


def aftercare_status_change(*, order: AftercareOrder, change: StatusChange, by: Staff) -> AftercareOrder:
    """Move ``order`` to ``change.to`` by the one service that does that step (approval has its own)."""
    match change.to:
        case AftercareStatus.PROOF_SENT:
            return aftercare_proof_send(order=order, by=by, note=change.note)
        case AftercareStatus.AT_BENCH:
            return aftercare_to_bench(order=order, bench=change.bench, by=by, note=change.note, witness=change.witness)
        case AftercareStatus.DONE:
            return aftercare_done(
                order=order,
                by=by,
                note=change.note,
                appraised_value=change.appraised_value,
                effective_on=change.effective_on,
                updated_report_number=change.updated_report_number,
                witness=change.witness,
            )
        case AftercareStatus.DELIVERED:
            return aftercare_deliver(order=order, by=by, note=change.note, witness=change.witness)
        case AftercareStatus.CANCELLED:
            return aftercare_cancel(order=order, by=by, reason=change.note, witness=change.witness)
        case AftercareStatus.PROOF_APPROVED:
            raise ServicesError(
                "Record the client's approval with who approved it and how.",
                field="status",
                code=ServicesErrorCode.INVALID,
            )
    raise ServicesError(
        f"‘{str(change.to)[:20]}’ is not a step an order moves to.", field="status", code=ServicesErrorCode.INVALID
    )
