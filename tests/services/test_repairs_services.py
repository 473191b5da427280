"""The repairs area's services: every stage, every rule and refusal, and the custody they record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail

from parure.billing import queries as billing
from parure.catalogue.models import ConditionReport
from parure.core.numbering import is_valid
from parure.inventory.choices import EventKind, ItemStatus, SaleState
from parure.inventory.models import CustodyEvent, Item
from parure.services.errors import ServicesError
from parure.services.repairs import services
from parure.services.repairs.choices import ApprovalChannel, RepairStage, SignatureKind, VendorKind
from parure.services.repairs.models import RepairJob, RepairJobLine, RepairPhoto, RepairStageChange, Vendor
from parure.services.repairs.numbers import parse_job_number
from parure.services.repairs.services import LineDraft, PhotoUpload, SignatureDraft, VendorDraft
from tests.services import repairs_world as rw


@pytest.fixture
def world(cast: Any) -> rw.RepairWorld:
    return rw.build(cast)


def _snapshot() -> tuple[int, ...]:
    return (
        RepairJob.objects.count(),
        RepairJobLine.objects.count(),
        RepairPhoto.objects.count(),
        RepairStageChange.objects.count(),
        Item.objects.count(),
        CustodyEvent.objects.count(),
        ConditionReport.objects.count(),
        Vendor.objects.count(),
    )


def _job_state(job: RepairJob | None) -> tuple[Any, ...]:
    if job is None:
        return ()
    fresh = RepairJob.objects.get(pk=job.pk)
    item = Item.objects.get(pk=job.item_id)
    return (fresh.stage, fresh.version, fresh.invoice_number, item.location_id, item.status, item.custody_seq)


@contextmanager
def unchanged(job: RepairJob | None = None) -> Iterator[None]:
    """Proves a refused action wrote nothing: every table the area touches, and the job and its piece."""
    before, state = _snapshot(), _job_state(job)
    yield
    assert _snapshot() == before
    assert _job_state(job) == state


def refusal(call: Any) -> ServicesError:
    with pytest.raises(ServicesError) as caught:
        call()
    return caught.value


# --- Take-in -----------------------------------------------------------------------------------------


def test_take_in_numbers_the_envelope_takes_the_piece_into_custody_and_prices_its_tasks(world: rw.RepairWorld) -> None:
    job = rw.take_in(world)
    assert parse_job_number(job.number) == job.number
    assert job.number.startswith("NY-RJ-") and is_valid(job.number.replace("-", ""))
    item = Item.objects.get(pk=job.item_id)
    assert item.title == "White metal ring set with a white stone"
    assert item.sale_state == SaleState.CLIENT_OWN
    assert item.location_id == world.places.desk.pk
    assert item.insurance_value == Decimal("12000.00")
    [event] = CustodyEvent.objects.filter(item=item)
    assert (event.kind, event.counterpart_client_id, event.reason) == (
        EventKind.INTAKE, world.client.pk, f"Taken in for repair {job.number}"
    )  # fmt: skip
    lines = [(line.description, line.labour, line.material, line.quantity) for line in job.lines.all()]
    assert lines == [
        ("Ring sizing up one size", Decimal("85.00"), Decimal("40.00"), 1),
        ("Clean and re-polish", Decimal("60.00"), Decimal("0.00"), 1),
    ]
    assert services.job_total(job) == Decimal("185.00")
    assert [(h.from_stage, h.to_stage, h.by_id, h.note) for h in job.history.all()] == [
        ("", RepairStage.TAKEN_IN, world.cast.assistant.pk, f"Taken in as {item.stock_number}.")
    ]
    assert ConditionReport.objects.get(item_id=item.pk).summary == f"Taken in for repair {job.number}."
    assert job.intake_signature_kind == SignatureKind.TABLET
    assert bytes(job.intake_signature).startswith(b"\x89PNG")


def test_take_in_keeps_photographs_and_a_printed_signature(world: rw.RepairWorld) -> None:
    job = rw.take_in(world, photos=[PhotoUpload(rw.photo_jpeg(), "Lifted claw")], signature=rw.PRINTED)
    [photo] = job.photos.all()
    assert (photo.content_type, photo.width, photo.height, photo.caption) == ("image/jpeg", 64, 48, "Lifted claw")
    assert (job.intake_signature_kind, job.intake_signature, job.intake_attested_by_id) == (
        SignatureKind.PRINTED, None, world.cast.assistant.pk
    )  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"client_number": "C-000001-0"}, "client_number", None),
        (
            {"client_number": "nonsense"},
            "client_number",
            "‘nonsense’ is not a client number; they look like C-000412-3.",
        ),
        ({"category": "spaceship"}, "category", "Choose what the piece is (ring, necklace, brooch…)."),
        ({"description": "  "}, "description", "The piece's description is missing."),
        ({"description": "x" * 201}, "description", "The piece's description is longer than 200 characters."),
        ({"declared_value": "-5"}, "declared_value", "The declared value cannot be negative."),
        ({"declared_value": "abc"}, "declared_value", "The declared value is not an amount: ‘abc’."),
        ({"declared_value": None}, "declared_value", "The declared value is missing."),
        ({"due_on": date(2020, 1, 1)}, "due_on", "The due date is in the past; give today or a later day."),
        (
            {"signature": None},
            "signature",
            "The client's signature is missing: have them sign on the tablet, or tick that they signed the printed envelope.",
        ),
        (
            {"signature": SignatureDraft(SignatureKind.TABLET, rw.signature_png(ink=False))},
            "signature",
            "The signature box is empty; have the client sign in it.",
        ),
        (
            {"signature": SignatureDraft(SignatureKind.TABLET, b"GIF89a not a png")},
            "signature",
            "The signature is not a PNG image; sign again.",
        ),
        (
            {"photos": [PhotoUpload(b"%PDF-1.4 not a photo")]},
            "photos.0",
            "Photograph 1 is not a photograph (JPEG, PNG or WebP) by its content; choose an image file.",
        ),
        (
            {"lines": [LineDraft("NOPE")]},
            "lines.0.task_code",
            "Task 1: NOPE is not an active task of New York's catalogue.",
        ),
        (
            {"lines": [LineDraft("SIZE-UP", quantity=0)]},
            "lines.0.quantity",
            "Task 1: the quantity is a whole number from 1 to 99.",
        ),
        (
            {"lines": [LineDraft(description="Re-string pearls")]},
            "lines.0.labour",
            "Task 1: give the labour for work not in the catalogue.",
        ),
        ({"lines": [LineDraft("SIZE-UP")] * 21}, "lines", "A job holds at most 20 tasks."),
    ],
)
def test_bad_input_at_take_in_is_refused_naming_the_field_with_nothing_saved(
    world: rw.RepairWorld, overrides: dict[str, Any], field: str, message: str | None
) -> None:
    with unchanged():
        found = refusal(lambda: rw.take_in(world, **overrides))
    assert found.field == field
    if message is not None:
        assert found.message == message


# --- Pricing, approval, the bench ----------------------------------------------------------------------


def test_an_estimate_only_job_cannot_start_until_the_client_approves(world: rw.RepairWorld) -> None:
    by = world.cast.assistant
    job = services.repair_estimate(job=rw.take_in(world, estimate_only=True), by=by)
    assert job.invoice_number == ""  # an estimate is not charged until approved
    with unchanged(job):
        found = refusal(lambda: services.repair_send_to_bench(job=job, by=by))
    assert found.message == f"{job.number} is an estimate only: record the client's approval before the work starts."
    assert found.code == "repair_not_approved"
    with unchanged(job):
        found = refusal(lambda: services.repair_approve(job=job, by=by, channel=ApprovalChannel.PHONE, amount="150.00"))
    assert found.message == (
        "The client approved USD 150.00 but the tasks come to USD 185.00; record the amount they approved for all "
        "of it, or change the tasks first."
    )
    job = services.repair_approve(job=job, by=by, channel=ApprovalChannel.PHONE, amount="185.00")
    assert (job.approval_channel, job.approved_amount, job.approved_by_id) == ("phone", Decimal("185.00"), by.pk)
    summary = billing.invoice_summary(job.invoice_number)
    assert (summary.buyer_id, str(summary.total)) == (world.client.pk, "USD 201.42")  # 185 + 8.875% NYC tax
    job = services.repair_send_to_bench(job=job, by=by)
    assert job.stage == RepairStage.AT_BENCH


def test_at_the_bench_the_piece_is_checked_out_to_the_vendors_place_due_back_on_the_due_date(
    world: rw.RepairWorld,
) -> None:
    job = rw.at_stage(world, "at_bench")
    item = Item.objects.get(pk=job.item_id)
    assert (item.location_id, item.status) == (world.vendor.location_id, ItemStatus.CHECKED_OUT)
    assert item.due_back is not None and item.due_back.date() == job.due_on
    event = CustodyEvent.objects.filter(item=item).order_by("-seq").first()
    assert event is not None
    assert (event.kind, event.counterpart, event.cause) == (
        EventKind.CHECK_OUT,
        "Atelier Kessler",
        f"service:{job.number}",
    )
    change = job.history.get(to_stage=RepairStage.AT_BENCH)
    assert (change.from_stage, change.custody_event_id, change.note) == (
        RepairStage.ESTIMATED,
        event.pk,
        "To Atelier Kessler.",
    )
    # The office's counts see it there.
    from parure.inventory import queries as inventory

    assert list(inventory.items().filter(location=world.vendor.location).values_list("pk", flat=True)) == [item.pk]


def test_a_vendor_not_insured_for_the_piece_is_refused(world: rw.RepairWorld) -> None:
    by = world.cast.assistant
    job = services.repair_estimate(job=rw.take_in(world, declared_value="60000.00"), by=by)
    with unchanged(job):
        found = refusal(lambda: services.repair_send_to_bench(job=job, by=by))
    assert found.message == (
        "The piece is declared at USD 60,000.00, more than Atelier Kessler's cover of USD 50,000.00; "
        "choose a vendor insured for it."
    )
    assert (found.field, found.code) == ("vendor", "repair_vendor_insurance")
    # The house's own bench holds it under the house's cover.
    # The house's own bench holds it under the house's cover (with a witness: it is above four eyes).
    from tests.inventory.world import witness

    job = services.repair_send_to_bench(job=job, by=by, vendor_id=world.in_house.pk,
                                        witness=witness(world.cast.senior, by))  # fmt: skip
    assert job.vendor_id == world.in_house.pk


def test_a_vendor_whose_insurance_has_expired_is_refused(world: rw.RepairWorld) -> None:
    by = world.cast.assistant
    Vendor.objects.filter(pk=world.vendor.pk).update(insurance_expires_on=date(2025, 3, 31))
    job = services.repair_estimate(job=rw.take_in(world), by=by)
    with unchanged(job):
        found = refusal(lambda: services.repair_send_to_bench(job=job, by=by))
    assert found.message == (
        "Atelier Kessler's insurance expired on 31 March 2025; record their renewed policy before sending them a piece."
    )


def test_stages_out_of_order_are_refused(world: rw.RepairWorld) -> None:
    by = world.cast.assistant
    job = rw.take_in(world)
    with unchanged(job):
        assert refusal(lambda: services.repair_return(job=job, by=by)).message == (
            f"{job.number} is taken in; it cannot be returned now."
        )
    with unchanged(job):
        assert refusal(lambda: services.repair_send_to_bench(job=job, by=by)).message == (
            f"{job.number} is not priced yet; price its tasks before it goes to the bench."
        )
    with unchanged(job):
        found = refusal(lambda: services.repair_ready(job=job, by=by))
    assert (found.message, found.code) == (f"{job.number} is taken in; it cannot be ready for collection now.",
                                           "repair_stage_order")  # fmt: skip


def test_tasks_are_settled_once_charged(world: rw.RepairWorld) -> None:
    by = world.cast.assistant
    job = services.repair_estimate(job=rw.take_in(world), by=by)
    with unchanged(job):
        found = refusal(lambda: services.repair_lines_add(job=job, lines=[LineDraft("POLISH")], by=by))
    assert found.message == f"{job.number}'s charges are invoiced ({job.invoice_number}); its tasks are settled."


def test_a_job_read_before_someone_acted_is_refused_as_stale(world: rw.RepairWorld) -> None:
    by = world.cast.assistant
    job = rw.take_in(world)
    services.repair_lines_add(job=job, lines=[LineDraft("POLISH", quantity=2)], by=by, expected_version=1)
    with unchanged(job):
        found = refusal(lambda: services.repair_estimate(job=job, by=by, expected_version=1))
    assert found.message == f"{job.number} changed while you were looking at it; read it again and retry."


def test_finance_and_logistics_may_not_move_a_job(world: rw.RepairWorld) -> None:
    job = rw.take_in(world)
    for person in (world.cast.finance, world.cast.logistics, world.cast.auditor):
        with unchanged(job):
            assert refusal(lambda p=person: services.repair_estimate(job=job, by=p)).message == (
                f"{person} may not change repair jobs."
            )


# --- Completion and collection --------------------------------------------------------------------------


def test_completion_returns_checks_and_readies_the_piece_and_tells_the_client_after_commit(
    world: rw.RepairWorld, django_capture_on_commit_callbacks: Any
) -> None:
    by = world.cast.assistant
    job = rw.at_stage(world, "quality_checked")
    item = Item.objects.get(pk=job.item_id)
    assert (item.location_id, item.status) == (world.places.workroom.pk, ItemStatus.IN_HOUSE)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.repair_ready(job=job, by=by)
    assert Item.objects.get(pk=job.item_id).location_id == world.places.desk.pk
    [message] = mail.outbox
    assert message.to == ["harriet.okafor@example.com"]
    assert message.subject == f"Your repair {job.number} is ready for collection"
    assert "white metal ring set with a white stone" in message.body
    assert RepairJob.objects.get(pk=job.pk).notified_at is not None
    assert [h.to_stage for h in job.history.all()] == [
        "taken_in", "estimated", "at_bench", "returned", "quality_checked", "ready"
    ]  # fmt: skip


def test_collection_needs_the_signature_and_the_charges_paid_in_full(world: rw.RepairWorld) -> None:
    by = world.cast.assistant
    job = rw.at_stage(world, "ready")
    with unchanged(job):
        found = refusal(lambda: services.repair_collect(job=job, by=by, signature=None))
    assert found.code == "repair_no_signature"
    with unchanged(job):
        found = refusal(lambda: services.repair_collect(job=job, by=by, signature=rw.SIGNED))
    assert found.message == (
        f"{job.number}'s charges ({job.invoice_number}) are not paid in full: USD 201.42 is due. "
        "The piece leaves once finance records the payment."
    )
    assert found.code == "repair_not_paid"
    with unchanged(job):
        found = refusal(
            lambda: services.repair_collect(job=job, by=by, signature=rw.SIGNED, override_reason="Known client")
        )
    assert found.message.endswith("Only a senior specialist may release it before payment.")
    rw.pay(job, world.cast.finance)
    job = services.repair_collect(job=job, by=by, signature=rw.SIGNED)
    item = Item.objects.get(pk=job.item_id)
    assert (job.stage, item.status) == (RepairStage.COLLECTED, ItemStatus.RELEASED)
    event = CustodyEvent.objects.filter(item=item).order_by("-seq").first()
    assert event is not None
    assert (event.kind, event.cause, event.counterpart) == (
        EventKind.RELEASE,
        f"service:{job.number}",
        "Mrs Harriet Okafor",
    )
    assert job.collection_signature_kind == SignatureKind.TABLET


def test_a_senior_may_release_before_payment_with_a_reason_on_the_ledger(world: rw.RepairWorld) -> None:
    job = rw.at_stage(world, "ready")
    job = services.repair_collect(job=job, by=world.cast.senior, signature=rw.PRINTED,
                                  override_reason="Client pays on account, agreed by the head of department")  # fmt: skip
    event = CustodyEvent.objects.filter(item_id=job.item_id).order_by("-seq").first()
    assert event is not None and "Client pays on account, agreed by the head of department" in event.reason


def test_a_job_with_no_charge_is_collected_without_an_invoice(world: rw.RepairWorld) -> None:
    job = rw.at_stage(world, "ready", lines=[LineDraft(description="Goodwill re-tip", labour="0.00")])
    assert job.invoice_number == ""
    job = services.repair_collect(job=job, by=world.cast.assistant, signature=rw.SIGNED)
    assert job.stage == RepairStage.COLLECTED


def test_cancelling_returns_the_piece_to_the_client_by_the_same_release(world: rw.RepairWorld) -> None:
    by = world.cast.assistant
    job = rw.take_in(world, estimate_only=True)
    job = services.repair_estimate(job=job, by=by)
    with unchanged(job):
        assert refusal(lambda: services.repair_cancel(job=job, by=by, reason="", signature=rw.SIGNED)).message == (
            "The reason is missing."
        )
    job = services.repair_cancel(job=job, by=by, reason="Client declined the estimate", signature=rw.SIGNED)
    event = CustodyEvent.objects.filter(item_id=job.item_id).order_by("-seq").first()
    assert event is not None
    assert (job.stage, event.kind, event.cause) == (RepairStage.CANCELLED, EventKind.RELEASE, f"service:{job.number}")


def test_a_job_at_the_bench_cannot_be_cancelled_until_it_is_back(world: rw.RepairWorld) -> None:
    job = rw.at_stage(world, "at_bench")
    with unchanged(job):
        found = refusal(
            lambda: services.repair_cancel(job=job, by=world.cast.assistant, reason="x", signature=rw.SIGNED)
        )
    assert found.message == f"{job.number} is at Atelier Kessler; record its return before cancelling."


# --- Vendors and the task catalogue ---------------------------------------------------------------------


def test_a_vendor_gets_its_bench_place_in_the_office(world: rw.RepairWorld) -> None:
    place = world.vendor.location
    assert (place.type, place.counterpart, place.name, place.office_id) == (
        "bench_jeweler", "Atelier Kessler", "Bench: Atelier Kessler", world.office.pk
    )  # fmt: skip


def test_an_outside_vendor_needs_insurance_details(world: rw.RepairWorld) -> None:
    with unchanged():
        found = refusal(lambda: services.vendor_create(
            office=world.office, draft=VendorDraft(kind=VendorKind.ENGRAVER, name="Gravure Nord"), by=world.cast.senior))  # fmt: skip
    assert found.message == (
        "An outside vendor holds our clients' pieces: give their insurer, the cover limit and the policy's expiry date."
    )
    with unchanged():
        found = refusal(lambda: services.vendor_create(
            office=world.office, draft=VendorDraft(kind=VendorKind.IN_HOUSE, name="atelier kessler"), by=world.cast.senior))  # fmt: skip
    assert found.message == "New York already has a vendor named atelier kessler."


def test_a_catalogue_task_code_is_unique_in_its_office(world: rw.RepairWorld) -> None:
    found = refusal(lambda: services.task_save(office=world.office, draft=services.TaskDraft("size-up", "Again", "1"),
                                               by=world.cast.senior))  # fmt: skip
    assert (found.field, found.message) == ("code", "New York's catalogue already has a task SIZE-UP.")


def test_a_mistyped_envelope_number_is_refused_not_looked_up() -> None:
    from parure.core.numbering import check_digit

    body = "NY-RJ-26-00042"
    wrong = str((int(check_digit(body)) + 1) % 10)
    found = refusal(lambda: parse_job_number(f"{body}-{wrong}"))
    assert found.message == (f"{body}-{wrong} has a wrong check digit: check the number and type it again.")
    assert parse_job_number(f"ny rj 26 00042 {check_digit(body)}".replace(" ", "-")) == f"{body}-{check_digit(body)}"


def test_due_dates_far_ahead_are_refused(world: rw.RepairWorld) -> None:
    with unchanged():
        found = refusal(lambda: rw.take_in(world, due_on=date.today() + timedelta(days=400)))
    assert found.message == "The due date is more than a year away."


def test_a_tasks_amounts_and_quantity_are_editable_until_the_job_is_charged(world: rw.RepairWorld) -> None:
    by = world.cast.assistant
    job = rw.take_in(world)
    job = services.repair_line_update(job=job, position=1, by=by, quantity=2, labour="95.00", material="45.00")
    first = job.lines.get(position=1)
    assert (first.quantity, first.labour, first.material) == (
        2, Decimal("95.00"), Decimal("45.00")
    )  # fmt: skip
    assert services.job_total(job) == Decimal("340.00")
    with unchanged(job):
        assert refusal(lambda: services.repair_line_update(job=job, position=1, by=by, labour="-1")).message == (
            "Task 1: the labour cannot be negative."
        )
    with unchanged(job):
        assert refusal(lambda: services.repair_line_update(job=job, position=9, by=by, quantity=1)).message == (
            f"{job.number} has no task 9."
        )
    job = services.repair_line_update(job=job, position=2, by=by, remove=True)
    assert [line.description for line in job.lines.all()] == ["Ring sizing up one size"]
    job = services.repair_estimate(job=job, by=by)
    with unchanged(job):
        assert refusal(lambda: services.repair_line_update(job=job, position=1, by=by, quantity=3)).code == (
            "repair_charges_issued"
        )
