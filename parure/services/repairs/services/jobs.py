"""A repair job from take-in to collection: its tasks, pricing and approval, and each stage with its custody
event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from parure.billing import queries as billing
from parure.billing.services.charges import ServiceCharge, service_invoice_issue
from parure.catalogue.checklist import CHECKLIST
from parure.catalogue.choices import ComponentKind, ConditionGrade
from parure.catalogue.services.condition import FindingDraft, condition_report_write
from parure.clients import queries as client_book
from parure.core.errors import DomainError
from parure.core.models import Office, Staff
from parure.inventory import queries as inventory
from parure.inventory.choices import ItemCategory, LocationType
from parure.inventory.guards import ReleaseOverride
from parure.inventory.services import PieceDraft, Witness, item_check_out, item_move, item_release, item_return
from parure.inventory.services.intake import client_piece_intake
from parure.services.errors import ServicesError
from parure.services.repairs.choices import ApprovalChannel, RepairStage
from parure.services.repairs.models import (
    RepairJob,
    RepairJobLine,
    RepairPhoto,
    RepairStageChange,
    RepairTask,
    Vendor,
)
from parure.services.repairs.numbers import issue_job_number
from parure.services.repairs.services.checks import (
    DECLARED_MAX,
    LINES_MAX,
    NOTE_MAX,
    QUANTITY_MAX,
    E,
    PhotoUpload,
    SignatureDraft,
    _check_photos,
    _due,
    _from_other_app,
    _office_of,
    _refuse,
    amount_of,
    check_signature,
    office_today,
    text_of,
)
from parure.services.repairs.services.vendors import (
    insurance_refusal,
)

# --- Taking a piece in ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineDraft:
    """A task on a job: from the catalogue (its amounts unless others are given) or described freely."""

    task_code: str = ""
    quantity: int = 1
    labour: Decimal | str | None = None
    material: Decimal | str | None = None
    description: str = ""


@dataclass(frozen=True)
class RepairDraft:
    client_number: str
    category: str
    description: str
    client_states: str = ""
    condition_notes: str = ""
    condition_grade: str = ConditionGrade.GOOD
    metal: str = ""
    declared_value: Decimal | str | None = None
    estimate_only: bool = False
    due_on: date | None = None
    vendor_id: int | None = None
    lines: Sequence[LineDraft] = ()
    photos: Sequence[PhotoUpload] = ()
    signature: SignatureDraft | None = None


def _line_rows(job: RepairJob, lines: Sequence[LineDraft], *, start: int) -> list[RepairJobLine]:
    if start - 1 + len(lines) > LINES_MAX:
        raise _refuse(f"A job holds at most {LINES_MAX} tasks.", field="lines")
    codes = {(line.task_code or "").strip().upper() for line in lines} - {""}
    tasks = {task.code: task for task in RepairTask.objects.filter(office=job.office, code__in=codes, is_active=True)}
    rows = []
    for index, line in enumerate(lines):
        where = f"lines.{index}"
        row_label = f"Task {index + 1}"
        code = (line.task_code or "").strip().upper()
        task = tasks.get(code) if code else None
        if code and task is None:
            raise _refuse(f"{row_label}: {code[:20]} is not an active task of {job.office.name}'s catalogue.",
                          field=f"{where}.task_code", code=E.UNKNOWN_RECORD)  # fmt: skip
        description = text_of(line.description, limit=200, field=f"{where}.description",
                              label=f"{row_label}: the description")  # fmt: skip
        if task is None and not description:
            raise _refuse(f"{row_label}: choose a task from the catalogue or describe the work.",
                          field=f"{where}.task_code", code=E.REQUIRED)  # fmt: skip
        if (
            not isinstance(line.quantity, int)
            or isinstance(line.quantity, bool)
            or not 1 <= line.quantity <= QUANTITY_MAX
        ):
            raise _refuse(f"{row_label}: the quantity is a whole number from 1 to {QUANTITY_MAX}.",
                          field=f"{where}.quantity")  # fmt: skip
        labour = (
            amount_of(line.labour, field=f"{where}.labour", label=f"{row_label}: the labour")
            if line.labour not in (None, "")
            else (task.labour if task is not None else None)
        )
        material = (
            amount_of(line.material, field=f"{where}.material", label=f"{row_label}: the material")
            if line.material not in (None, "")
            else (task.material if task is not None else Decimal("0.00"))
        )
        if labour is None:
            raise _refuse(f"{row_label}: give the labour for work not in the catalogue.", field=f"{where}.labour",
                          code=E.REQUIRED)  # fmt: skip
        text = description or (task.name if task else "")
        rows.append(RepairJobLine(job=job, position=start + index, task=task, description=text,
                                  quantity=line.quantity, labour=labour, material=material))  # fmt: skip
    return rows


@transaction.atomic
def repair_take_in(*, draft: RepairDraft, by: Staff) -> RepairJob:
    """Take a client's piece in for repair: the envelope number, the piece taken into custody at the desk
    (a stock number and an intake event naming the client), its intake condition report, the tasks priced
    from the catalogue, the photographs and the client's signature, all or nothing."""
    office = _office_of(by)
    try:
        client = inventory.client_by_number(draft.client_number or "", viewer=by, field="client_number")
    except DomainError as refusal:
        raise _from_other_app(refusal) from None
    if client is None:
        raise _refuse(f"No client file numbered {(draft.client_number or '').strip()[:20]} is one you may see.",
                      field="client_number", code=E.UNKNOWN_CLIENT)  # fmt: skip
    if draft.category not in ItemCategory.values:
        raise _refuse("Choose what the piece is (ring, necklace, brooch…).", field="category")
    description = text_of(draft.description, limit=200, field="description",
                          label="The piece's description", required=True)  # fmt: skip
    client_states = text_of(draft.client_states, limit=2000, field="client_states", label="What the client states")
    notes = text_of(draft.condition_notes, limit=4000, field="condition_notes", label="The condition notes")
    if draft.condition_grade not in ConditionGrade.values:
        raise _refuse("Choose the piece's overall condition (excellent to poor).", field="condition_grade")
    declared = amount_of(draft.declared_value, field="declared_value", label="The declared value",
                         maximum=DECLARED_MAX)  # fmt: skip
    due_on = _due(draft.due_on, office)
    vendor = None
    if draft.vendor_id is not None:
        vendor = Vendor.objects.filter(pk=draft.vendor_id, office=office, is_active=True).first()
        if vendor is None:
            raise _refuse(f"That vendor is not one of {office.name}'s active vendors.", field="vendor",
                          code=E.UNKNOWN_RECORD)  # fmt: skip
    signature_kind, signature_png = check_signature(draft.signature, field="signature")
    photos = _check_photos(draft.photos)
    now = timezone.now()
    number = issue_job_number(office.code, timezone.localdate(now))
    piece = PieceDraft(category=draft.category, title=description, description=client_states[:2000],
                       metal=text_of(draft.metal, limit=40, field="metal", label="The metal"),
                       insurance_value=declared)  # fmt: skip
    try:
        item = client_piece_intake(client=client, piece=piece, by=by, reason=f"Taken in for repair {number}",
                                   currency=office.currency)  # fmt: skip
        findings = [FindingDraft("Mount", ComponentKind.METAL, found.key, found.default)
                    for found in CHECKLIST[ComponentKind.METAL]]  # fmt: skip
        condition_report_write(item=item, occasion="intake", grade=draft.condition_grade,
                               summary=f"Taken in for repair {number}.", findings=findings, by=by)  # fmt: skip
    except DomainError as refusal:
        raise _from_other_app(refusal, prefix="pieces.0.") from None
    job = RepairJob.objects.create(
        number=number,
        office=office,
        client=client,
        item=item,
        description=description,
        client_states=client_states,
        condition_notes=notes,
        declared_value=declared,
        currency=office.currency,
        estimate_only=bool(draft.estimate_only),
        due_on=due_on,
        vendor=vendor,
        intake_signature_kind=signature_kind,
        intake_signature=signature_png,
        intake_attested_by=by,
        created_by=by,
        stage_since=now,
    )
    RepairJobLine.objects.bulk_create(_line_rows(job, draft.lines, start=1))
    RepairPhoto.objects.bulk_create(
        RepairPhoto(job=job, content=photo.content, content_type=content_type, width=width, height=height,
                    caption=photo.caption, added_by=by)
        for photo, content_type, width, height in photos
    )  # fmt: skip
    RepairStageChange.objects.create(job=job, from_stage="", to_stage=RepairStage.TAKEN_IN, by=by, at=now,
                                     note=f"Taken in as {item.stock_number}.")  # fmt: skip
    return job


# --- Changing a job ------------------------------------------------------------------------------------


def lock_job(job: RepairJob | int, expected_version: int | None = None) -> RepairJob:
    """The job's row, locked for this transaction; refused as stale if it changed since it was read."""
    pk = job if isinstance(job, int) else job.pk
    locked = RepairJob.objects.select_for_update(of=("self",)).select_related("office", "vendor", "item").get(pk=pk)
    if expected_version is not None and locked.version != expected_version:
        raise _refuse(f"{locked.number} changed while you were looking at it; read it again and retry.",
                      field="expected_version", code=E.STALE)  # fmt: skip
    return locked


def _check_handler(job: RepairJob, by: Staff) -> None:
    if not by.has_perm("services.handle_repairs"):
        raise _refuse(f"{by} may not change repair jobs.", field="by", code=E.REFUSED)
    if by.office_id != job.office_id:
        raise _refuse(f"{job.number} is {job.office.name}'s; only its staff change it.", field="by", code=E.REFUSED)


def _out_of_order(job: RepairJob, wanted: str) -> ServicesError:
    return _refuse(
        f"{job.number} is {RepairStage(job.stage).label.lower()}; it cannot be "
        f"{RepairStage(wanted).label.lower()} now.",
        field="stage",
        code=E.REPAIR_STAGE_ORDER,
    )


def _advance(job: RepairJob, to: str, *, by: Staff, note: str = "", event_id: int | None = None) -> RepairJob:
    now = timezone.now()
    RepairStageChange.objects.create(job=job, from_stage=job.stage, to_stage=to, by=by, at=now, note=note,
                                     custody_event_id=event_id)  # fmt: skip
    job.stage, job.stage_since, job.version = to, now, job.version + 1
    job.save()
    return job


def _set(job: RepairJob, **values: Any) -> None:
    for name, value in values.items():
        setattr(job, name, value)


def job_total(job: RepairJob) -> Decimal:
    return sum((line.amount for line in job.lines.all()), Decimal("0.00"))


def _note(note: str) -> str:
    return text_of(note, limit=NOTE_MAX, field="note", label="The note")


@transaction.atomic
def repair_lines_add(*, job: RepairJob, lines: Sequence[LineDraft], by: Staff,
                     expected_version: int | None = None) -> RepairJob:  # fmt: skip
    """Add tasks to a job not yet charged (taken in or estimated)."""
    job = lock_job(job, expected_version)
    _check_handler(job, by)
    if job.invoice_number:
        raise _refuse(f"{job.number}'s charges are invoiced ({job.invoice_number}); its tasks are settled.",
                      field="lines", code=E.REPAIR_CHARGES_ISSUED)  # fmt: skip
    if job.stage not in (RepairStage.TAKEN_IN, RepairStage.ESTIMATED):
        raise _out_of_order(job, RepairStage.ESTIMATED)
    if not lines:
        raise _refuse("Add at least one task.", field="lines", code=E.REQUIRED)
    start = (job.lines.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    RepairJobLine.objects.bulk_create(_line_rows(job, lines, start=start))
    job.version += 1
    job.save(update_fields=["version"])
    return job


@transaction.atomic
def repair_line_update(*, job: RepairJob, position: int, by: Staff, quantity: int | None = None,
                       labour: Decimal | str | None = None, material: Decimal | str | None = None,
                       remove: bool = False, expected_version: int | None = None) -> RepairJob:  # fmt: skip
    """Change a task's quantity or amounts on a job not yet charged, or take the task off it."""
    job = lock_job(job, expected_version)
    _check_handler(job, by)
    if job.invoice_number:
        raise _refuse(f"{job.number}'s charges are invoiced ({job.invoice_number}); its tasks are settled.",
                      field="lines", code=E.REPAIR_CHARGES_ISSUED)  # fmt: skip
    if job.stage not in (RepairStage.TAKEN_IN, RepairStage.ESTIMATED):
        raise _out_of_order(job, RepairStage.ESTIMATED)
    line = job.lines.filter(position=position).first() if isinstance(position, int) else None
    if line is None:
        raise _refuse(f"{job.number} has no task {str(position)[:6]}.", field="position", code=E.UNKNOWN_RECORD)
    label = f"Task {position}"
    if remove:
        if job.stage == RepairStage.ESTIMATED and job.lines.count() == 1:
            raise _refuse(f"{job.number} is priced; it keeps at least one task.", field="position", code=E.REFUSED)
        line.delete()
    else:
        if quantity is not None:
            if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= QUANTITY_MAX:
                raise _refuse(f"{label}: the quantity is a whole number from 1 to {QUANTITY_MAX}.", field="quantity")
            line.quantity = quantity
        if labour not in (None, ""):
            line.labour = amount_of(labour, field="labour", label=f"{label}: the labour")
        if material not in (None, ""):
            line.material = amount_of(material, field="material", label=f"{label}: the material")
        line.save()
    job.version += 1
    job.save(update_fields=["version"])
    return job


def _issue_charges(job: RepairJob, by: Staff) -> None:
    """The charges invoice, once, when the job is priced (or approved, for an estimate): none for no charge."""
    if job.invoice_number:
        return
    lines = list(job.lines.all())
    if sum((line.amount for line in lines), Decimal("0.00")) == 0:
        return
    charges = [
        ServiceCharge(description=f"{line.description}" + (f" × {line.quantity}" if line.quantity > 1 else ""),
                      amount=line.amount, item_id=job.item_id, stock_number=job.item.stock_number)
        for line in lines
        if line.amount > 0
    ]  # fmt: skip
    try:
        invoice = service_invoice_issue(client_id=job.client_id, office=job.office, currency=job.currency,
                                        reference=job.number, charges=charges, by=by)  # fmt: skip
    except DomainError as refusal:
        raise _from_other_app(refusal) from None
    _set(job, invoice_number=invoice.number)


@transaction.atomic
def repair_estimate(*, job: RepairJob, by: Staff, vendor_quote: Decimal | str | None = None, note: str = "",
                    expected_version: int | None = None) -> RepairJob:  # fmt: skip
    """The job is priced: its tasks stand as the estimate. A job the client already authorised (not an
    estimate only) is charged now; an estimate waits for the client's approval."""
    job = lock_job(job, expected_version)
    _check_handler(job, by)
    if job.stage != RepairStage.TAKEN_IN:
        raise _out_of_order(job, RepairStage.ESTIMATED)
    if not job.lines.exists():
        raise _refuse(f"{job.number} has no tasks; add what is to be done before pricing it.", field="lines",
                      code=E.REQUIRED)  # fmt: skip
    if vendor_quote not in (None, ""):
        _set(job, vendor_quote=amount_of(vendor_quote, field="vendor_quote", label="The vendor's quote"))
    if not job.estimate_only:
        _issue_charges(job, by)
    total = job_total(job)
    return _advance(job, RepairStage.ESTIMATED, by=by, note=_note(note) or f"Priced at {job.currency} {total:,}.")


@transaction.atomic
def repair_approve(*, job: RepairJob, by: Staff, channel: str, amount: Decimal | str | None, note: str = "",
                   expected_version: int | None = None) -> RepairJob:  # fmt: skip
    """Record the client's approval of the estimate (how it was given and the amount approved) and charge it."""
    job = lock_job(job, expected_version)
    _check_handler(job, by)
    if job.stage != RepairStage.ESTIMATED:
        raise _out_of_order(job, RepairStage.APPROVED)
    if channel not in ApprovalChannel.values:
        raise _refuse("Say how the client approved: in person, by telephone or by e-mail.", field="channel",
                      code=E.REQUIRED)  # fmt: skip
    approved = amount_of(amount, field="amount", label="The approved amount")
    total = job_total(job)
    if approved < total:
        raise _refuse(
            f"The client approved {job.currency} {approved:,} but the tasks come to {job.currency} {total:,}; "
            "record the amount they approved for all of it, or change the tasks first.",
            field="amount",
            code=E.INVALID_AMOUNT,
        )
    _set(job, approved_at=timezone.now(), approved_by=by, approval_channel=channel, approved_amount=approved)
    _issue_charges(job, by)
    label = ApprovalChannel(channel).label.lower()
    return _advance(job, RepairStage.APPROVED, by=by,
                    note=_note(note) or f"Approved {label} for {job.currency} {approved:,}.")  # fmt: skip


@transaction.atomic
def repair_send_to_bench(*, job: RepairJob, by: Staff, vendor_id: int | None = None, due_on: date | None = None,
                         note: str = "", witness: Witness | None = None,
                         expected_version: int | None = None) -> RepairJob:  # fmt: skip
    """The piece goes to the bench: a custody check-out to the vendor's place, due back on the job's due
    date. Refused for an estimate the client has not approved, and for a vendor not insured for the piece."""
    job = lock_job(job, expected_version)
    _check_handler(job, by)
    if job.stage not in (RepairStage.ESTIMATED, RepairStage.APPROVED):
        if job.stage == RepairStage.TAKEN_IN:
            raise _refuse(f"{job.number} is not priced yet; price its tasks before it goes to the bench.",
                          field="stage", code=E.REPAIR_STAGE_ORDER)  # fmt: skip
        raise _out_of_order(job, RepairStage.AT_BENCH)
    if job.estimate_only and job.approved_at is None:
        raise _refuse(
            f"{job.number} is an estimate only: record the client's approval before the work starts.",
            field="stage",
            code=E.REPAIR_NOT_APPROVED,
        )
    vendor = job.vendor
    if vendor_id is not None:
        vendor = Vendor.objects.filter(pk=vendor_id, office=job.office, is_active=True).first()
        if vendor is None:
            raise _refuse(f"That vendor is not one of {job.office.name}'s active vendors.", field="vendor",
                          code=E.UNKNOWN_RECORD)  # fmt: skip
    if vendor is None:
        raise _refuse(f"Choose the bench jeweler or vendor {job.number} goes to.", field="vendor", code=E.REQUIRED)
    if due_on is not None:
        _set(job, due_on=_due(due_on, job.office))
    refusal = insurance_refusal(vendor, job.declared_value, job.currency, on=office_today(job.office))
    if refusal:
        raise _refuse(refusal, field="vendor", code=E.REPAIR_VENDOR_INSURANCE)
    if not job.invoice_number:
        _issue_charges(job, by)
    due_back = _end_of_day(job.due_on, job.office)
    try:
        event = item_check_out(item=job.item, to=vendor.location, by=by, due_back=due_back, counterpart=vendor.name,
                               witness=witness, reason=f"Repair {job.number}",
                               cause=f"service:{job.number}")  # fmt: skip
    except DomainError as refusal_:
        raise _from_other_app(refusal_) from None
    _set(job, vendor=vendor)
    return _advance(job, RepairStage.AT_BENCH, by=by, note=_note(note) or f"To {vendor.name}.", event_id=event.pk)


def _end_of_day(day: date, office: Office) -> Any:
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    return datetime.combine(day, time(18, 0), tzinfo=ZoneInfo(office.time_zone))


def _office_place(office: Office, type_: str) -> Any:
    from parure.inventory.choices import LocationKind

    place = (
        inventory.places_for(office, (LocationKind.WORK, LocationKind.STORAGE, LocationKind.DISPLAY))
        .filter(type=type_)
        .first()
    )
    if place is None:
        label = LocationType(type_).label.lower()
        raise _refuse(f"{office.name} has no {label} among its places; an administrator must add one.",
                      field="to", code=E.REFUSED)  # fmt: skip
    return place


@transaction.atomic
def repair_return(*, job: RepairJob, by: Staff, vendor_quote: Decimal | str | None = None, note: str = "",
                  expected_version: int | None = None) -> RepairJob:  # fmt: skip
    """The piece is back from the bench: a custody return to the office's workroom."""
    job = lock_job(job, expected_version)
    _check_handler(job, by)
    if job.stage != RepairStage.AT_BENCH:
        raise _out_of_order(job, RepairStage.RETURNED)
    if vendor_quote not in (None, ""):
        _set(job, vendor_quote=amount_of(vendor_quote, field="vendor_quote", label="The vendor's quote"))
    workroom = _office_place(job.office, LocationType.WORKROOM)
    try:
        event = item_return(item=job.item, to=workroom, by=by, reason=f"Back from the bench, repair {job.number}")
    except DomainError as refusal:
        raise _from_other_app(refusal) from None
    return _advance(job, RepairStage.RETURNED, by=by, note=_note(note) or f"Back in {workroom.name}.",
                    event_id=event.pk)  # fmt: skip


@transaction.atomic
def repair_quality_check(*, job: RepairJob, by: Staff, note: str = "",
                         expected_version: int | None = None) -> RepairJob:  # fmt: skip
    """The work is checked against the tasks and the piece's condition (no custody change)."""
    job = lock_job(job, expected_version)
    _check_handler(job, by)
    if job.stage != RepairStage.RETURNED:
        raise _out_of_order(job, RepairStage.QUALITY_CHECKED)
    return _advance(job, RepairStage.QUALITY_CHECKED, by=by, note=_note(note) or "Work checked.")


def completion_text(job: RepairJob, client_name: str) -> tuple[str, str]:
    subject = f"Your repair {job.number} is ready for collection"
    body = (
        f"Dear {client_name},\n\n"
        f"The {job.description.lower()} you left with us for repair ({job.number}) is ready for collection "
        f"at our {job.office.name} office.\n\nPlease bring your receipt when you come.\n\n"
        "The Jewelry Department\n"
    )
    return subject, body


@transaction.atomic
def repair_ready(*, job: RepairJob, by: Staff, note: str = "", expected_version: int | None = None) -> RepairJob:
    """The piece waits at the counter (moved to the office's intake desk) and the client is told by e-mail,
    once the transaction commits."""
    job = lock_job(job, expected_version)
    _check_handler(job, by)
    if job.stage != RepairStage.QUALITY_CHECKED:
        raise _out_of_order(job, RepairStage.READY)
    counter = _office_place(job.office, LocationType.INTAKE_DESK)
    try:
        event = item_move(item=job.item, to=counter, by=by, reason=f"Ready for collection, repair {job.number}",
                          cause=f"service:{job.number}")  # fmt: skip
    except DomainError as refusal:
        raise _from_other_app(refusal) from None
    address = client_book.transactional_address(job.client)
    job = _advance(job, RepairStage.READY, by=by,
                   note=_note(note) or ("Client told by e-mail." if address else "No e-mail address on file: "
                                        "telephone the client."), event_id=event.pk)  # fmt: skip
    if address:
        from parure.clients.visibility import addressed_name

        subject, body = completion_text(job, addressed_name(job.client))
        email = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address],
                             reply_to=[by.email] if by.email else None)  # fmt: skip
        pk = job.pk

        def send() -> None:
            email.send(fail_silently=False)
            RepairJob.objects.filter(pk=pk).update(notified_at=timezone.now())

        transaction.on_commit(send)
    return job


def charges_refusal(job: RepairJob) -> str:
    """Why the piece may not be collected for want of payment, or "" when it may (paid in full, no charge)."""
    if not job.invoice_number:
        return ""
    summary = billing.invoice_summary(job.invoice_number)
    if summary.paid_in_full:
        return ""
    return (
        f"{job.number}'s charges ({job.invoice_number}) are not paid in full: {summary.due} is due. "
        "The piece leaves once finance records the payment."
    )


@transaction.atomic
def repair_collect(*, job: RepairJob, by: Staff, signature: SignatureDraft | None, override_reason: str = "",
                   note: str = "", witness: Witness | None = None,
                   expected_version: int | None = None) -> RepairJob:  # fmt: skip
    """The client collects the piece: the collection signature, the charges paid in full (or no charge), and
    the release from custody with cause ``service:<number>``. A senior specialist may release before
    payment, with a reason that goes on the ledger."""
    job = lock_job(job, expected_version)
    _check_handler(job, by)
    if job.stage != RepairStage.READY:
        raise _out_of_order(job, RepairStage.COLLECTED)
    kind, png = check_signature(signature, field="signature")
    reason = text_of(override_reason, limit=NOTE_MAX, field="override_reason", label="The reason")
    unpaid = charges_refusal(job)
    override = None
    if unpaid:
        if not reason:
            raise _refuse(unpaid, field="invoice", code=E.REPAIR_NOT_PAID)
        if not by.has_perm("services.override_repairs"):
            raise _refuse(unpaid + " Only a senior specialist may release it before payment.", field="invoice",
                          code=E.REPAIR_NOT_PAID)  # fmt: skip
        override = ReleaseOverride(by=by, reason=reason)
    label = client_book.client_labels(by, [job.client_id]).get(job.client_id)
    try:
        event = item_release(item=job.item, cause=f"service:{job.number}", by=by,
                             counterpart=label.name if label else "", override=override, witness=witness,
                             reason=f"Collected, repair {job.number}")  # fmt: skip
    except DomainError as refusal:
        raise _from_other_app(refusal) from None
    _set(job, collection_signature_kind=kind, collection_signature=png, collection_attested_by=by)
    return _advance(job, RepairStage.COLLECTED, by=by, note=_note(note) or "Collected by the client.",
                    event_id=event.pk)  # fmt: skip


@transaction.atomic
def repair_cancel(*, job: RepairJob, by: Staff, reason: str, signature: SignatureDraft | None,
                  witness: Witness | None = None, expected_version: int | None = None) -> RepairJob:  # fmt: skip
    """The client takes the piece back unrepaired: released to them as at collection (it must be in the house,
    and they sign for it). Refused once the job is charged (a credit note is billing's, not ours)."""
    job = lock_job(job, expected_version)
    _check_handler(job, by)
    if job.stage in (RepairStage.COLLECTED, RepairStage.CANCELLED):
        raise _out_of_order(job, RepairStage.CANCELLED)
    if job.stage == RepairStage.AT_BENCH:
        raise _refuse(f"{job.number} is at {job.vendor}; record its return before cancelling.", field="stage",
                      code=E.REPAIR_STAGE_ORDER)  # fmt: skip
    why = text_of(reason, limit=NOTE_MAX, field="reason", label="The reason", required=True)
    unpaid = charges_refusal(job)
    if unpaid:
        raise _refuse(unpaid, field="invoice", code=E.REPAIR_NOT_PAID)
    kind, png = check_signature(signature, field="signature")
    label = client_book.client_labels(by, [job.client_id]).get(job.client_id)
    try:
        event = item_release(item=job.item, cause=f"service:{job.number}", by=by,
                             counterpart=label.name if label else "", witness=witness,
                             reason=f"Repair {job.number} cancelled: {why}")  # fmt: skip
    except DomainError as refusal:
        raise _from_other_app(refusal) from None
    _set(job, collection_signature_kind=kind, collection_signature=png, collection_attested_by=by)
    return _advance(job, RepairStage.CANCELLED, by=by, note=why, event_id=event.pk)


# --- The next step, as the scan page and the API's stage change ask for it ------------------------------

NEXT_STAGE = {
    RepairStage.TAKEN_IN: RepairStage.ESTIMATED,
    RepairStage.ESTIMATED: RepairStage.AT_BENCH,
    RepairStage.APPROVED: RepairStage.AT_BENCH,
    RepairStage.AT_BENCH: RepairStage.RETURNED,
    RepairStage.RETURNED: RepairStage.QUALITY_CHECKED,
    RepairStage.QUALITY_CHECKED: RepairStage.READY,
    RepairStage.READY: RepairStage.COLLECTED,
}


@dataclass(frozen=True)
class StageRequest:
    """A stage change as a form or the API gives it (the fields each stage reads)."""

    to: str
    note: str = ""
    vendor_id: int | None = None
    due_on: date | None = None
    vendor_quote: Decimal | str | None = None
    witness: Witness | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def repair_stage_change(*, job: RepairJob, request: StageRequest, by: Staff,
                        expected_version: int | None = None) -> RepairJob:  # fmt: skip
    """Move a job to ``request.to`` through the service for that stage (approval, collection and
    cancellation have their own, with what they need)."""
    simple = {
        RepairStage.ESTIMATED: lambda: repair_estimate(job=job, by=by, vendor_quote=request.vendor_quote,
                                                       note=request.note, expected_version=expected_version),
        RepairStage.AT_BENCH: lambda: repair_send_to_bench(job=job, by=by, vendor_id=request.vendor_id,
                                                           due_on=request.due_on, note=request.note,
                                                           witness=request.witness,
                                                           expected_version=expected_version),
        RepairStage.RETURNED: lambda: repair_return(job=job, by=by, vendor_quote=request.vendor_quote,
                                                    note=request.note, expected_version=expected_version),
        RepairStage.QUALITY_CHECKED: lambda: repair_quality_check(job=job, by=by, note=request.note,
                                                                  expected_version=expected_version),
        RepairStage.READY: lambda: repair_ready(job=job, by=by, note=request.note, expected_version=expected_version),
    }  # fmt: skip
    action = simple.get(request.to)  # type: ignore[call-overload]
    if action is None:
        labels = ", ".join(str(RepairStage(stage).label).lower() for stage in simple)
        raise _refuse(f"‘{str(request.to)[:30]}’ is not a stage to move a job to here; choose {labels}.",
                      field="to", code=E.INVALID)  # fmt: skip
    result: RepairJob = action()
    return result
