"""An order's steps: the engraving's proof sent and approved by the client before the bench; the piece
checked out to a bench jeweler and back in the custody ledger; the charge invoiced to the buyer on "done"
(nothing for a charge of 0); delivery releasing the piece once its invoices are paid; cancelling."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.billing import queries as billing
from parure.inventory.models import CustodyEvent
from parure.services.aftercare import services as aftercare
from parure.services.aftercare.models import AftercareEvent, AftercareOrder
from parure.services.aftercare.services import StatusChange
from parure.services.errors import ServicesError
from tests.services import aftercare_world as aw

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def world(cast: Any) -> Any:
    return aw.new_york(cast)


def refused(call: Any, order: AftercareOrder) -> ServicesError:
    before = (AftercareOrder.objects.get(pk=order.pk).status, AftercareEvent.objects.count(),
              CustodyEvent.objects.count())  # fmt: skip
    with pytest.raises(ServicesError) as refusal:
        call()
    after = (AftercareOrder.objects.get(pk=order.pk).status, AftercareEvent.objects.count(),
             CustodyEvent.objects.count())  # fmt: skip
    assert after == before
    return refusal.value


def test_an_engraving_goes_to_the_bench_only_after_the_client_approved_the_proof(world: Any) -> None:
    ring = aw.sold(world)
    made = aw.order(aw.engraving(ring), world.cast.assistant)
    bench = world.places.bench
    refusal = refused(lambda: aftercare.aftercare_to_bench(order=made, bench=bench, by=world.cast.assistant), made)
    assert (refusal.code, refusal.message) == ("aftercare_proof_needed", f"The client has not approved {made.number}'s "
                                               "engraving proof; record their approval before it goes to the bench.")  # fmt: skip
    refusal = refused(lambda: aftercare.aftercare_proof_approve(order=made, approved_by="Mrs Lovelace",
                                                                method="email", by=world.cast.assistant), made)  # fmt: skip
    assert refusal.message == f"{made.number}'s proof has not been sent; send it to the client first."
    aftercare.aftercare_proof_send(order=made, by=world.cast.assistant, note="Drawn in script, e-mailed.")
    refusal = refused(lambda: aftercare.aftercare_proof_approve(order=made, approved_by=" ", method="email",
                                                                by=world.cast.assistant), made)  # fmt: skip
    assert (refusal.field, refusal.message) == ("approved_by", "Give who approved the proof.")
    approved = aftercare.aftercare_proof_approve(order=made, approved_by="Mrs Ada Lovelace", method="email",
                                                 by=world.cast.senior)  # fmt: skip
    assert (approved.status, approved.proof_approved_by, approved.proof_method, approved.proof_recorded_by) == (
        "proof_approved", "Mrs Ada Lovelace", "email", world.cast.senior
    )  # fmt: skip
    assert approved.proof_approved_at is not None
    at_bench = aftercare.aftercare_to_bench(order=made, bench=bench, by=world.cast.assistant)
    assert [(e.from_status, e.to_status, e.by.username, e.note) for e in at_bench.events.all()] == [
        ("", "ordered", "marcus", ""),
        ("ordered", "proof_sent", "marcus", "Drawn in script, e-mailed."),
        ("proof_sent", "proof_approved", "eleanor", "Approved by Mrs Ada Lovelace, by e-mail."),
        ("proof_approved", "at_bench", "marcus", "To Bench: Atelier Moreau (NY)."),
    ]


def test_a_resizing_at_the_bench_is_exactly_there_in_the_ledger_and_back_when_done(world: Any) -> None:
    ring = aw.sold(world)
    before = ring.location
    made = aw.order(aw.resizing(ring), world.cast.assistant)
    refusal = refused(lambda: aftercare.aftercare_proof_send(order=made, by=world.cast.assistant), made)
    assert refusal.message == f"{made.number} is not an engraving; only an engraving has a proof."
    refusal = refused(lambda: aftercare.aftercare_done(order=made, by=world.cast.assistant), made)
    assert refusal.message == (f"{made.number} has not been to the bench; the piece goes to the bench before the "
                               "work is done.")  # fmt: skip
    refusal = refused(lambda: aftercare.aftercare_to_bench(order=made, bench=world.places.lab,
                                                           by=world.cast.assistant), made)  # fmt: skip
    assert (refusal.field, refusal.message) == ("bench", "Choose a bench jeweler of New York.")
    aftercare.aftercare_to_bench(order=made, bench=world.places.bench, by=world.cast.assistant)
    ring.refresh_from_db()
    out = CustodyEvent.objects.filter(item=ring).latest("seq")
    assert (ring.status, ring.location, out.kind, out.cause, out.counterpart) == (
        "checked_out", world.places.bench, "check_out", f"aftercare:{made.number}", "Atelier Moreau"
    )  # fmt: skip
    assert ring.due_back is not None and ring.due_back.date() == made.due_on
    done = aftercare.aftercare_done(order=made, by=world.cast.senior, note="Sized by Atelier Moreau.")
    ring.refresh_from_db()
    back = CustodyEvent.objects.filter(item=ring).latest("seq")
    assert (ring.status, ring.location, back.kind) == ("in_house", before, "return")
    assert done.status == "done" and done.charge_invoice_number


def test_done_charges_the_buyer_on_a_charges_invoice_naming_the_sale_invoice(world: Any) -> None:
    ring = aw.sold(world)
    made = aw.order(aw.resizing(ring, charge="150"), world.cast.assistant)
    aftercare.aftercare_to_bench(order=made, bench=world.places.bench, by=world.cast.assistant)
    done = aftercare.aftercare_done(order=made, by=world.cast.assistant)
    charged = billing.invoice_by_number(done.charge_invoice_number)
    assert (charged.buyer_id, charged.reference, charged.source, charged.status, charged.total) == (
        world.buyer.pk, made.number, "charges", "issued", D("163.31")
    )  # fmt: skip
    assert [(line.kind, line.description, line.amount, line.stock_numbers)
            for line in charged.lines.order_by("position")] == [
        ("service", f"Ring resizing ({made.number}) of {ring.stock_number} Sapphire and diamond ring, sold on invoice "
         f"{ring.invoice.number}", D("150.000"), ring.stock_number),
        ("tax", f"Sales tax 8.875% on ring resizing ({made.number.lower()}) of {ring.stock_number.lower()} sapphire "
         f"and diamond ring, sold on invoice {ring.invoice.number.lower()} (US-NY-NYC)", D("13.310"), ""),
    ]  # fmt: skip
    assert done.events.latest("seq").note == f"Charged on invoice {done.charge_invoice_number}."


def test_a_charge_of_nothing_issues_no_invoice(world: Any) -> None:
    ring = aw.sold(world)
    made = aw.order(aw.resizing(ring, charge="0"), world.cast.assistant)
    aftercare.aftercare_to_bench(order=made, bench=world.places.bench, by=world.cast.assistant)
    invoices_before = billing.Invoice.objects.count()
    done = aftercare.aftercare_done(order=made, by=world.cast.assistant)
    assert (done.charge_invoice_number, billing.Invoice.objects.count()) == ("", invoices_before)


def test_delivery_waits_for_the_charge_and_the_sale_to_be_paid_then_releases_the_piece(world: Any) -> None:
    ring = aw.sold(world, paid=False)
    made = aw.order(aw.resizing(ring, charge="150"), world.cast.assistant)
    aftercare.aftercare_to_bench(order=made, bench=world.places.bench, by=world.cast.assistant)
    done = aftercare.aftercare_done(order=made, by=world.cast.assistant)
    refusal = refused(lambda: aftercare.aftercare_deliver(order=done, by=world.cast.senior), done)
    assert (refusal.code, refusal.message) == ("aftercare_unpaid", f"Invoice {done.charge_invoice_number} for this "
        "order's charge is not paid in full ($163.31 due); the piece may not be delivered yet.")  # fmt: skip
    aw.pay(world, billing.invoice_by_number(done.charge_invoice_number))
    refusal = refused(lambda: aftercare.aftercare_deliver(order=done, by=world.cast.senior), done)
    assert refusal.message == (f"Invoice {ring.invoice.number} is not paid in full ($21,775.00 due); "
        f"{ring.stock_number} may not leave yet. A senior specialist may release it before payment, with a reason.")  # fmt: skip
    aw.pay(world, ring.invoice)
    delivered = aftercare.aftercare_deliver(order=done, by=world.cast.senior, note="Collected by Mrs Lovelace.")
    ring.refresh_from_db()
    release = CustodyEvent.objects.filter(item=ring).latest("seq")
    assert (delivered.status, ring.status, release.kind, release.cause) == (
        "delivered", "released", "release", f"service:{made.number}"
    )  # fmt: skip


def test_delivery_waits_for_another_order_on_the_piece(world: Any) -> None:
    ring = aw.sold(world)
    first = aw.order(aw.resizing(ring, charge="0"), world.cast.assistant)
    second = aw.order(aw.engraving(ring, charge="0"), world.cast.assistant)
    aftercare.aftercare_to_bench(order=first, bench=world.places.bench, by=world.cast.assistant)
    done = aftercare.aftercare_done(order=first, by=world.cast.assistant)
    refusal = refused(lambda: aftercare.aftercare_deliver(order=done, by=world.cast.senior), done)
    assert refusal.message == (f"{second.number} on {ring.stock_number} is still under way; deliver the piece once it "
                               "is done.")  # fmt: skip


def test_cancelling_at_the_bench_brings_the_piece_back_and_needs_a_reason(world: Any) -> None:
    ring = aw.sold(world)
    made = aw.order(aw.resizing(ring), world.cast.assistant)
    aftercare.aftercare_to_bench(order=made, bench=world.places.bench, by=world.cast.assistant)
    refusal = refused(lambda: aftercare.aftercare_cancel(order=made, by=world.cast.senior, reason=""), made)
    assert (refusal.field, refusal.message) == ("note", "Give the reason for cancelling.")
    cancelled = aftercare.aftercare_cancel(order=made, by=world.cast.senior, reason="The client changed her mind.")
    ring.refresh_from_db()
    assert (cancelled.status, ring.status) == ("cancelled", "in_house")
    refusal = refused(lambda: aftercare.aftercare_cancel(order=made, by=world.cast.senior, reason="again"), made)
    assert refusal.message == f"{made.number} is cancelled; it cannot be cancelled."


def test_an_appraisal_is_signed_by_a_senior_with_its_value_and_date(world: Any) -> None:
    ring = aw.sold(world)
    made = aw.order(aw.OrderDraft(kind="appraisal", stock_number=ring.stock_number, due_on=aw.due(), charge="250"),
                    world.cast.assistant)  # fmt: skip
    refusal = refused(lambda: aftercare.aftercare_done(order=made, by=world.cast.assistant, appraised_value="26000"),
                      made)  # fmt: skip
    assert refusal.message == "An appraisal is signed by a senior specialist; ask one to record it."
    refusal = refused(lambda: aftercare.aftercare_done(order=made, by=world.cast.senior), made)
    assert (refusal.field, refusal.message) == ("appraised_value", "Give the appraised value.")
    done = aftercare.aftercare_done(order=made, by=world.cast.senior, appraised_value="26000")
    assert (done.appraised_value, done.appraiser, done.appraisal_effective_on) == (
        D("26000"), world.cast.senior, aw.due(0)
    )  # fmt: skip


def test_a_certificate_update_names_a_known_laboratory_and_records_the_new_report(world: Any) -> None:
    ring = aw.sold(world)
    draft = aw.OrderDraft(kind="certificate", stock_number=ring.stock_number, due_on=aw.due(), laboratory="XYZ",
                          report_number="2141438167")  # fmt: skip
    with pytest.raises(ServicesError) as refusal:
        aw.order(draft, world.cast.senior)
    assert refusal.value.field == "laboratory" and "is not a laboratory on the list" in refusal.value.message
    made = aw.order(aw.OrderDraft(**{**draft.__dict__, "laboratory": "gia"}), world.cast.senior)
    assert (made.laboratory, made.report_number) == ("GIA", "2141438167")
    done = aftercare.aftercare_status_change(order=made, change=StatusChange("done", updated_report_number="6512"),
                                             by=world.cast.senior)  # fmt: skip
    assert (done.status, done.updated_report_number) == ("done", "6512")


def test_a_piece_the_buyer_brings_back_is_taken_in_again_as_theirs_and_leaves_again_when_delivered(world: Any) -> None:
    from parure.inventory.models import Item
    from parure.inventory.services.custody import item_release
    from tests.inventory import world as inventory_world

    ring = aw.sold(world)
    item_release(item=ring, cause=f"invoice:{ring.invoice.number}", by=world.cast.senior, counterpart="Mrs Lovelace")
    made = aw.order(aw.resizing(ring, charge="0", bring_back=True), world.cast.assistant)
    again = Item.objects.get(stock_number=made.stock_number)
    assert made.stock_number != ring.stock_number and made.sold_stock_number == ring.stock_number
    assert (made.item_id, made.sale_invoice_number, made.buyer_id) == (again.pk, ring.invoice.number, world.buyer.pk)
    intake = CustodyEvent.objects.get(item=again)
    assert (again.sale_state, again.title, again.metal, intake.kind, intake.counterpart_client_id, intake.reason) == (
        "client_own", ring.title, "platinum", "intake", world.buyer.pk,
        f"Brought back by the buyer ({ring.stock_number}) for {made.number}",
    )  # fmt: skip
    assert [(s.species, s.count) for s in again.stones.all()] == [("sapphire", 1), ("diamond", 2)]
    inventory_world.intake_condition_report(again, by=world.cast.senior)
    # No value is recorded on the piece taken in again, so custody's four eyes apply to every move off the premises.
    witness = inventory_world.witness(world.cast.senior, world.cast.assistant)
    aftercare.aftercare_to_bench(order=made, bench=world.places.bench, by=world.cast.assistant, witness=witness)
    done = aftercare.aftercare_done(order=made, by=world.cast.assistant)
    witness = inventory_world.witness(world.cast.assistant, world.cast.senior)
    delivered = aftercare.aftercare_deliver(order=done, by=world.cast.senior, witness=witness)
    again.refresh_from_db()
    assert (delivered.status, again.status) == ("delivered", "released")
    assert CustodyEvent.objects.filter(item=again).latest("seq").cause == f"service:{made.number}"
