"""Demonstration post-sale orders (order 72, after billing's invoices), through the real services, on rings
the demo sold on issued invoices and still holds: a resizing at the bench, an engraving whose proof awaits
the client's approval, a resizing just ordered and due this week, an engraving done and charged, and an
updated appraisal. A ring the rules refuse (an eternity band, a piece over the four-eyes value) is passed
over for the next. Deterministic; skipped when there are orders already."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings

from parure.billing import queries as billing
from parure.core.choices import Role
from parure.core.models import Staff
from parure.inventory import queries as inventory
from parure.inventory.choices import ItemStatus, SaleState
from parure.inventory.errors import InventoryError
from parure.inventory.services.witness import Witness, witness_confirm
from parure.services.aftercare import services as aftercare
from parure.services.aftercare.models import AftercareOrder
from parure.services.errors import ServicesError

CANDIDATES = 40


def _sold_rings() -> list[Any]:
    rows = inventory.items(inventory.ItemFilters(category="ring", status=ItemStatus.IN_HOUSE)).order_by("pk")
    found = []
    for item in rows.filter(sale_state=SaleState.SOLD)[:CANDIDATES]:
        if billing.piece_invoice_summary(item.pk) is not None:
            found.append(item)
    return found


def _staff(office: Any, role: str) -> Staff | None:
    return Staff.objects.filter(office=office, role=role, is_active=True).order_by("pk").first()


def _witness(actor: Staff) -> Witness | None:
    """A colleague at the actor's office confirming with the demo password (the four-eyes rule on a piece
    over the office's threshold leaving for the bench)."""
    other = (
        Staff.objects.filter(office=actor.office, is_active=True, role__in=(Role.SENIOR_SPECIALIST, Role.LOGISTICS))
        .exclude(pk=actor.pk)
        .order_by("role", "pk")
        .first()
    )
    if other is None:
        return None
    try:
        return witness_confirm(username=other.username, password=settings.PARURE_DEMO_PASSWORD, actor=actor)
    except InventoryError:
        return None


def _draft(item: Any, kind: str, days: int, **fields: Any) -> aftercare.OrderDraft:
    due = aftercare.office_today(item.office) + timedelta(days=days)
    return aftercare.OrderDraft(kind=kind, stock_number=item.stock_number, due_on=due, **fields)


RESIZE = {"size_system": "UK", "current_size": "L", "target_size": "M½", "setting": "solitaire",
          "acknowledge_warnings": True, "charge": "120"}  # fmt: skip
ENGRAVE = {"size_system": "UK", "current_size": "L", "font_style": "script", "engraving_side": "inside",
           "engraving_position": "centred", "band_width_mm": "3", "charge": "85"}  # fmt: skip


_passed_over: list[str] = []


def _try(step: Callable[[], AftercareOrder]) -> AftercareOrder | None:
    try:
        return step()
    except ServicesError as refusal:
        _passed_over.append(refusal.message)
        return None


def build(write: Callable[[str], None]) -> None:
    if AftercareOrder.objects.exists():
        write("  post-sale orders already exist; left as they are")
        return
    rings = _sold_rings()
    made: list[AftercareOrder] = []
    plans: list[Callable[[Any, Staff, Staff], AftercareOrder | None]] = []

    def at_bench(ring: Any, senior: Staff, assistant: Staff) -> AftercareOrder | None:
        order = _try(
            lambda: aftercare.aftercare_order_create(draft=_draft(ring, "resizing", 9, **RESIZE), by=assistant)
        )
        if order is None:
            return None
        benches = aftercare.bench_places(order.office)
        bench = benches[0] if benches else None
        note = "Metal added for the larger size."
        witness = _witness(assistant)
        moved = _try(
            lambda: aftercare.aftercare_to_bench(order=order, bench=bench, by=assistant, note=note, witness=witness)
        )
        if moved is None:
            aftercare.aftercare_cancel(order=order, by=senior, reason="The piece could not go to the bench.")
        return moved

    def awaiting_proof(ring: Any, senior: Staff, assistant: Staff) -> AftercareOrder | None:
        draft = _draft(ring, "engraving", 12, engraving_text="E. & R. 1926", **ENGRAVE)
        order = _try(lambda: aftercare.aftercare_order_create(draft=draft, by=assistant))
        if order is None:
            return None
        return aftercare.aftercare_proof_send(order=order, by=assistant, note="Proof e-mailed to the client.")

    def ordered(ring: Any, senior: Staff, assistant: Staff) -> AftercareOrder | None:
        draft = _draft(ring, "resizing", 3, **{**RESIZE, "target_size": "K", "charge": "0"},
                       notes="Included in the sale: agreed with the buyer at the viewing.")  # fmt: skip
        return _try(lambda: aftercare.aftercare_order_create(draft=draft, by=senior))

    def engraved(ring: Any, senior: Staff, assistant: Staff) -> AftercareOrder | None:
        if inventory.item_by_stock_number(ring.stock_number).status != ItemStatus.IN_HOUSE:
            return None  # at the bench for another order
        order = _try(lambda: aftercare.aftercare_order_create(
            draft=_draft(ring, "engraving", 1, engraving_text="Toujours", **ENGRAVE), by=senior))  # fmt: skip
        if order is None:
            return None
        aftercare.aftercare_proof_send(order=order, by=senior)
        aftercare.aftercare_proof_approve(order=order, approved_by="The buyer", method="in_person", by=senior)
        benches = aftercare.bench_places(order.office)
        bench = benches[-1] if benches else None
        witness = _witness(senior)
        if _try(lambda: aftercare.aftercare_to_bench(order=order, bench=bench, by=senior, witness=witness)) is None:
            aftercare.aftercare_cancel(order=order, by=senior, reason="The piece could not go to the bench.")
            return None
        return _try(lambda: aftercare.aftercare_done(order=order, by=senior, note="Engraved in script."))

    def appraisal(ring: Any, senior: Staff, assistant: Staff) -> AftercareOrder | None:
        draft = _draft(ring, "appraisal", 0, charge="250", notes="For the buyer's insurer.")
        return _try(lambda: aftercare.aftercare_order_create(draft=draft, by=assistant))

    plans = [at_bench, awaiting_proof, ordered, engraved, appraisal]
    _passed_over.clear()
    for plan in plans:
        for ring in rings:
            senior = _staff(ring.office, Role.SENIOR_SPECIALIST)
            assistant = _staff(ring.office, Role.SPECIALIST_ASSISTANT) or senior
            if senior is None or assistant is None:
                continue
            order = plan(ring, senior, assistant)
            if order is not None:
                made.append(order)
                break
    states = ", ".join(f"{order.number} {order.get_kind_display().lower()} {order.get_status_display().lower()}"
                       for order in made)  # fmt: skip
    write(f"  post-sale: {len(made)} orders on {len(rings)} sold rings held ({states or 'none'})")
    for sentence in dict.fromkeys(_passed_over):
        write(f"    passed over: {sentence}")
