"""Every write of a design project: keyword-only, one transaction each, the project's row locked first,
a refusal a :class:`ServicesError` sentence naming the field, every change a :class:`ProjectEvent`.

The chain: milestones complete one after another, in order (:func:`milestone_complete`); the approval
milestones need the client's sign-off recorded with them. The money: a quote is accepted while it is
valid (:func:`quote_accept`); the schedule splits the accepted amount in stages (:func:`schedule_set`);
each stage's invoice is issued by billing when its milestone is reached (the deposit when the agreement
is signed, the stage payment at written approval, the balance when delivery is next), and work past the
agreement waits for the deposit to be paid in full; delivery waits for every invoice to be paid.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from parure.billing import queries as billing_queries
from parure.billing.services.charges import ServiceCharge, service_invoice_issue
from parure.clients import queries as client_book
from parure.clients.errors import ClientError
from parure.core.choices import Role
from parure.core.clock import office_today as office_today
from parure.core.models import Office, Staff
from parure.core.money import Money, MoneyError
from parure.inventory import queries as inventory_queries
from parure.inventory.choices import TERMINAL_STATUSES, SaleState
from parure.inventory.errors import StockNumberError
from parure.services.errors import ServicesError, ServicesErrorCode
from parure.services.projects.choices import (
    CHAIN,
    SCHEDULED_STAGES,
    TYPICAL_DAYS,
    FileKind,
    MaterialKind,
    MaterialStatus,
    MilestoneKind,
    ProjectMetal,
    ProjectStatus,
    QuoteStatus,
    SignOffMethod,
    StageKind,
)
from parure.services.projects.models import (
    DesignProject,
    HallmarkRule,
    Milestone,
    PaymentStage,
    ProjectEvent,
    ProjectFile,
    ProjectMaterial,
    ProjectQuote,
)
from parure.services.projects.numbers import issue_project_number

E = ServicesErrorCode

TITLE_MAX = 120
BRIEF_MAX = 4000
NOTE_MAX = 500
BASIS_MAX = 200
SIGNATORY_MAX = 120
DESCRIPTION_MAX = 200
SUPPLIER_MAX = 120
CAPTION_MAX = 200
MAX_AMOUNT = Decimal("100000000")
MAX_REVISIONS_INCLUDED = 20
MAX_WEIGHT_G = Decimal("5000")
MAX_VALIDITY_DAYS = 365
FILE_MAX_BYTES = 20 * 1024 * 1024
DESIGNER_ROLES = (Role.SENIOR_SPECIALIST, Role.SPECIALIST_ASSISTANT)


def _refuse(message: str, code: ServicesErrorCode, field: str | None = None) -> ServicesError:
    return ServicesError(message, code=code, field=field)


def _text(value: str | None, *, field: str, label: str, limit: int, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise _refuse(f"Give the {label}.", E.REQUIRED, field)
    if len(text) > limit:
        raise _refuse(f"The {label} is longer than {limit} characters.", E.TOO_LONG, field)
    return text


def _amount(value: Decimal | str | int | None, *, currency: str, field: str, label: str, zero: bool = False) -> Decimal:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _refuse(f"Give the {label}.", E.REQUIRED, field)
    try:
        raw = Money.of(value.strip() if isinstance(value, str) else value, currency)
        if abs(raw.amount) >= MAX_AMOUNT:
            raise _refuse(f"The {label} must be less than {MAX_AMOUNT:,}.", E.INVALID_AMOUNT, field)
        money = raw.rounded()
    except (MoneyError, TypeError, ArithmeticError):
        raise _refuse(f"The {label} must be an amount such as 12500.00.", E.INVALID_AMOUNT, field) from None
    if money.amount < 0 or (money.amount == 0 and not zero):
        raise _refuse(f"The {label} must be more than nothing.", E.INVALID_AMOUNT, field)
    if money.amount >= MAX_AMOUNT:
        raise _refuse(f"The {label} must be less than {MAX_AMOUNT:,}.", E.INVALID_AMOUNT, field)
    return money.amount


def _log(project: DesignProject, by: Staff, kind: str, text: str) -> None:
    ProjectEvent.objects.create(project=project, by=by, kind=kind, text=text[:500])
    project.updated_at = timezone.now()
    project.save(update_fields=["updated_at"])


def _locked(project: DesignProject) -> DesignProject:
    return DesignProject.objects.select_for_update().select_related("office").get(pk=project.pk)


def _open(project: DesignProject) -> None:
    if project.status != ProjectStatus.OPEN:
        raise _refuse(
            f"Project {project.number} is {project.get_status_display().lower()}: nothing more can be done on it"
            + (" until it is resumed." if project.status == ProjectStatus.ON_HOLD else "."),
            E.PROJECT_CLOSED,
        )


def _label(kind: str) -> str:
    return str(MilestoneKind(kind).label)


# --- Opening a project -------------------------------------------------------------------------------
def hallmarking_required(*, office: Office, metal: str, weight_g: Decimal | None) -> bool:
    """True when ``office``'s rules require a piece in ``metal`` of ``weight_g`` to be hallmarked
    (a weight not yet known counts as above any exemption)."""
    rule = HallmarkRule.objects.filter(office=office, metal=metal).first()
    if rule is None:
        return False
    return rule.exempt_up_to_g is None or weight_g is None or weight_g > rule.exempt_up_to_g


def _client_id(client_number: str, by: Staff) -> int:
    try:
        found = client_book.client_for_viewer((client_number or "").strip()[:40], viewer=by)
    except ClientError as refusal:
        raise _refuse(refusal.message, E.UNKNOWN_CLIENT, "client_number") from None
    if found is None:
        raise _refuse(f"No client file you may see has the number {client_number.strip()[:40]}.", E.UNKNOWN_CLIENT,
                      "client_number")  # fmt: skip
    return found.client.pk


def _designer(designer: Staff | None) -> Staff:
    if designer is None or not designer.is_active or designer.role not in DESIGNER_ROLES:
        raise _refuse("Choose the designer among the specialists.", E.REQUIRED, "designer")
    return designer


def _weight(value: Decimal | str | None) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        weight = Decimal(str(value).strip())
    except ArithmeticError:
        raise _refuse("The metal weight must be a number of grams such as 6.5.", E.INVALID, "metal_weight_g") from None
    if not weight.is_finite() or not Decimal(0) < weight <= MAX_WEIGHT_G:
        raise _refuse(f"The metal weight must be more than 0 and at most {MAX_WEIGHT_G} g.", E.INVALID,
                      "metal_weight_g")  # fmt: skip
    return weight.quantize(Decimal("0.01"))


@transaction.atomic
def project_open(
    *,
    client_number: str,
    title: str,
    brief: str,
    designer: Staff | None,
    metal: str,
    by: Staff,
    office: Office | None = None,
    budget: Decimal | str | None = None,
    currency: str = "",
    metal_weight_g: Decimal | str | None = None,
    included_revisions: int = 3,
) -> DesignProject:
    """Open a commission for the client with ``client_number``, its milestone chain made from the template
    (hallmarking only where the office's rules require it for the metal and weight)."""
    office = office or by.office
    if office is None:
        raise _refuse("Say which office takes the commission.", E.REQUIRED, "office")
    client_id = _client_id(client_number, by)
    title = _text(title, field="title", label="title", limit=TITLE_MAX)
    brief = _text(brief, field="brief", label="client's brief", limit=BRIEF_MAX)
    designer = _designer(designer)
    if metal not in ProjectMetal.values:
        raise _refuse("Choose the principal metal.", E.INVALID, "metal")
    currency = (currency or office.currency).strip().upper()
    try:
        Money.of(0, currency)
    except MoneyError:
        raise _refuse(f"‘{currency[:8]}’ is not a currency code such as USD or GBP.", E.INVALID, "currency") from None
    amount = None
    if budget is not None and str(budget).strip():
        amount = _amount(budget, currency=currency, field="budget", label="budget")
    weight = _weight(metal_weight_g)
    if not isinstance(included_revisions, int) or not 0 <= included_revisions <= MAX_REVISIONS_INCLUDED:
        raise _refuse(f"The CAD revisions included must be a whole number from 0 to {MAX_REVISIONS_INCLUDED}.",
                      E.INVALID, "included_revisions")  # fmt: skip
    project = DesignProject.objects.create(
        number=issue_project_number(office_code=office.code, year=office_today(office).year),
        office=office,
        client_id=client_id,
        title=title,
        brief=brief,
        designer=designer,
        budget=amount,
        currency=currency,
        metal=metal,
        metal_weight_g=weight,
        included_revisions=included_revisions,
        opened_by=by,
    )
    hallmark = hallmarking_required(office=office, metal=metal, weight_g=weight)
    kinds = [kind for kind in CHAIN if kind != MilestoneKind.HALLMARKING or hallmark]
    today = office_today(office)
    Milestone.objects.bulk_create(
        Milestone(
            project=project,
            position=index,
            kind=kind,
            due_on=today + timedelta(days=TYPICAL_DAYS[kind]) if index == 1 else None,
        )
        for index, kind in enumerate(kinds, start=1)
    )
    _log(project, by, "opened", f"Opened for {designer.get_full_name()}: {title}.")
    return project


@transaction.atomic
def project_hold(*, project: DesignProject, reason: str, by: Staff) -> DesignProject:
    project = _locked(project)
    _open(project)
    reason = _text(reason, field="reason", label="reason", limit=NOTE_MAX)
    project.status = ProjectStatus.ON_HOLD
    project.save(update_fields=["status"])
    _log(project, by, "on_hold", f"Put on hold: {reason}")
    return project


@transaction.atomic
def project_resume(*, project: DesignProject, by: Staff) -> DesignProject:
    project = _locked(project)
    if project.status != ProjectStatus.ON_HOLD:
        raise _refuse(f"Project {project.number} is not on hold.", E.PROJECT_CLOSED)
    project.status = ProjectStatus.OPEN
    project.save(update_fields=["status"])
    _log(project, by, "resumed", "Resumed.")
    return project


@transaction.atomic
def project_cancel(*, project: DesignProject, reason: str, by: Staff) -> DesignProject:
    """Cancel the commission; its reservations are released (invoices already issued stay with billing)."""
    project = _locked(project)
    if project.status in (ProjectStatus.DELIVERED, ProjectStatus.CANCELLED):
        raise _refuse(f"Project {project.number} is already {project.get_status_display().lower()}.",
                      E.PROJECT_CLOSED)  # fmt: skip
    reason = _text(reason, field="reason", label="reason", limit=NOTE_MAX)
    released = project.materials.filter(status=MaterialStatus.RESERVED).update(
        status=MaterialStatus.RELEASED, released_at=timezone.now(), released_by=by
    )
    project.status = ProjectStatus.CANCELLED
    project.save(update_fields=["status"])
    _log(project, by, "cancelled", f"Cancelled ({released} reservation(s) released): {reason}")
    return project


# --- The chain ---------------------------------------------------------------------------------------
def _current(project: DesignProject) -> Milestone:
    found = project.milestones.filter(position=project.current_position).first()
    if found is None:
        raise _refuse(f"Every milestone of project {project.number} is complete.", E.MILESTONE_OUT_OF_ORDER)
    return found


def _at(project: DesignProject, kind: str) -> Milestone:
    found = project.milestones.filter(kind=kind).first()
    if found is None:
        raise _refuse(f"Project {project.number} has no {_label(kind).lower()} milestone.", E.MILESTONE_OUT_OF_ORDER,
                      "milestone")  # fmt: skip
    if found.position != project.current_position:
        current = project.milestones.filter(position=project.current_position).first()
        now = _label(current.kind).lower() if current else "nothing (every milestone is complete)"
        raise _refuse(
            f"{_label(kind)} is not the milestone being worked on: milestones complete in order, "
            f"and the current one is {now}.",
            E.MILESTONE_OUT_OF_ORDER,
            "milestone",
        )
    return found


def _stage(project: DesignProject, kind: str) -> PaymentStage | None:
    return project.stages.filter(kind=kind).first()


def _unpaid(stage: PaymentStage) -> bool:
    if not stage.invoice_number:
        return True
    return not billing_queries.invoice_summary(stage.invoice_number).paid_in_full


def _past_the_deposit(project: DesignProject, milestone: Milestone) -> None:
    """Work after the agreement waits for the deposit invoice to be paid in full."""
    agreement = project.milestones.filter(kind=MilestoneKind.AGREEMENT).values_list("position", flat=True).first()
    if agreement is None or milestone.position <= agreement:
        return
    deposit = _stage(project, StageKind.DEPOSIT)
    if deposit is not None and _unpaid(deposit):
        raise _refuse(
            f"{_label(milestone.kind)} cannot start until the deposit invoice {deposit.invoice_number} "
            "is paid in full.",
            E.STAGE_UNPAID,
            "milestone",
        )


def _issue(project: DesignProject, stage: PaymentStage, by: Staff) -> None:
    invoice = service_invoice_issue(
        client_id=project.client_id,
        office=project.office,
        currency=project.currency,
        reference=project.number,
        charges=[
            ServiceCharge(f"Design project {project.number}, {project.title}: {stage.get_kind_display()}", stage.amount)
        ],
        by=by,
    )
    stage.invoice_number = invoice.number
    stage.invoiced_at = timezone.now()
    stage.save(update_fields=["invoice_number", "invoiced_at"])
    _log(project, by, "invoiced", f"{stage.get_kind_display()} invoiced on {invoice.number}.")


def _accepted(project: DesignProject) -> ProjectQuote | None:
    return project.quotes.filter(status=QuoteStatus.ACCEPTED).first()


@dataclass(frozen=True)
class SignOff:
    """The client's approval: who signed for the client, how, and when (now when not given)."""

    signatory: str
    method: str
    signed_at: datetime | None = None


def _checked_sign_off(project: DesignProject, milestone: Milestone, sign_off: SignOff | None) -> SignOff | None:
    if not milestone.needs_sign_off:
        return None
    if sign_off is None or not (sign_off.signatory or "").strip():
        raise _refuse(
            f"{_label(milestone.kind)} needs the client's sign-off: say who signed for the client, how and when.",
            E.SIGN_OFF_REQUIRED,
            "signatory",
        )
    signatory = _text(sign_off.signatory, field="signatory", label="name of who signed", limit=SIGNATORY_MAX)
    if sign_off.method not in SignOffMethod.values:
        raise _refuse("Say how the client signed off: in person, by e-mail or on a signed document.",
                      E.SIGN_OFF_REQUIRED, "method")  # fmt: skip
    when = sign_off.signed_at or timezone.now()
    if timezone.is_naive(when):
        when = timezone.make_aware(when, ZoneInfo(project.office.time_zone))
    if when > timezone.now() + timedelta(minutes=5):
        raise _refuse("The sign-off cannot be in the future.", E.INVALID_DATE, "signed_at")
    if when < project.opened_at - timedelta(days=1):
        raise _refuse("The sign-off cannot be before the project was opened.", E.INVALID_DATE, "signed_at")
    return SignOff(signatory, sign_off.method, when)


def _ready_for_agreement(project: DesignProject) -> None:
    quote = _accepted(project)
    if quote is None:
        raise _refuse("The agreement needs an accepted quote: make a quote and record the client's acceptance.",
                      E.QUOTE_REQUIRED, "quote")  # fmt: skip
    if quote.valid_until < office_today(project.office):
        raise _refuse(
            f"The accepted quote expired on {quote.valid_until:%-d %B %Y}: metal prices move, so make a new quote "
            "and have the client accept it.",
            E.QUOTE_EXPIRED,
            "quote",
        )
    if not project.stages.filter(kind__in=SCHEDULED_STAGES).exists():
        raise _refuse("The agreement needs the payment schedule: set the deposit, stage and balance.",
                      E.SCHEDULE_MISMATCH, "schedule")  # fmt: skip


def _ready_for_delivery(project: DesignProject) -> None:
    unpaid = [stage for stage in project.stages.all() if _unpaid(stage)]
    if unpaid:
        names = ", ".join(f"{s.get_kind_display().lower()} ({s.invoice_number or 'not invoiced'})" for s in unpaid)
        raise _refuse(f"Delivery needs everything paid; still to be paid: {names}.", E.STAGE_UNPAID, "milestone")


@transaction.atomic
def milestone_complete(
    *, project: DesignProject, milestone: str, by: Staff, sign_off: SignOff | None = None, note: str = ""
) -> Milestone:
    """Complete ``milestone`` (a :class:`MilestoneKind`), which must be the current one; the approval
    milestones record the client's ``sign_off`` with it. Issues the invoice of the stage the milestone
    reaches, and delivers the project when it is the last."""
    project = _locked(project)
    _open(project)
    if milestone not in MilestoneKind.values:
        raise _refuse("Say which milestone is complete.", E.INVALID, "milestone")
    row = _at(project, milestone)
    note = _text(note, field="note", label="note", limit=NOTE_MAX, required=False)
    _past_the_deposit(project, row)
    signed = _checked_sign_off(project, row, sign_off)
    if row.kind == MilestoneKind.AGREEMENT:
        _ready_for_agreement(project)
    if row.kind == MilestoneKind.DELIVERY:
        _ready_for_delivery(project)
    row.completed_at, row.completed_by, row.note = timezone.now(), by, note
    fields = ["completed_at", "completed_by", "note"]
    if signed is not None:
        row.signed_by_name, row.sign_off_method, row.signed_at = signed.signatory, signed.method, signed.signed_at
        row.sign_off_taken_by = by
        fields += ["signed_by_name", "sign_off_method", "signed_at", "sign_off_taken_by"]
    row.save(update_fields=fields)
    text = f"{_label(row.kind)} complete"
    if signed is not None:
        text += f", signed off by {signed.signatory} ({SignOffMethod(signed.method).label.lower()})"
    _log(project, by, "milestone", text + (f": {note}" if note else "."))
    # The stage this milestone reaches is invoiced.
    reached = {MilestoneKind.AGREEMENT: StageKind.DEPOSIT, MilestoneKind.WRITTEN_APPROVAL: StageKind.APPROVAL}
    if row.kind in reached:
        stage = _stage(project, reached[MilestoneKind(row.kind)])
        if stage is not None:
            _issue(project, stage, by)
    project.current_position = row.position + 1
    following = project.milestones.filter(position=project.current_position).first()
    if following is None:
        project.status = ProjectStatus.DELIVERED
        _log(project, by, "delivered", "Delivered to the client.")
    else:
        following.due_on = office_today(project.office) + timedelta(days=TYPICAL_DAYS[MilestoneKind(following.kind)])
        following.save(update_fields=["due_on"])
        if following.kind == MilestoneKind.DELIVERY:
            balance = _stage(project, StageKind.BALANCE)
            if balance is not None and not balance.invoice_number:
                _issue(project, balance, by)
    project.save(update_fields=["current_position", "status"])
    return row


@transaction.atomic
def milestone_due_set(*, project: DesignProject, milestone: str, due_on: date | None, by: Staff) -> Milestone:
    project = _locked(project)
    _open(project)
    found = project.milestones.filter(kind=milestone).first() if milestone in MilestoneKind.values else None
    if found is None:
        raise _refuse("Say which milestone the date is for.", E.INVALID, "milestone")
    if found.is_complete:
        raise _refuse(f"{_label(found.kind)} is already complete.", E.MILESTONE_OUT_OF_ORDER, "milestone")
    if due_on is not None and not date(2000, 1, 1) <= due_on <= office_today(project.office) + timedelta(days=3650):
        raise _refuse("The due date must be within the next ten years.", E.INVALID_DATE, "due_on")
    found.due_on = due_on
    found.save(update_fields=["due_on"])
    _log(project, by, "due", f"{_label(found.kind)} due {due_on:%-d %B %Y}." if due_on else
         f"{_label(found.kind)} has no due date.")  # fmt: skip
    return found


@transaction.atomic
def cad_revision_record(*, project: DesignProject, note: str, by: Staff) -> Milestone:
    """One more CAD revision for the client; one beyond those included is invoiced at once at the
    agreed price per revision."""
    project = _locked(project)
    _open(project)
    cad = _at(project, MilestoneKind.CAD)
    _past_the_deposit(project, cad)
    note = _text(note, field="note", label="what changed", limit=NOTE_MAX)
    cad.revisions += 1
    cad.save(update_fields=["revisions"])
    included = project.included_revisions
    _log(project, by, "revision", f"CAD revision {cad.revisions} of {included} included: {note}")
    if cad.revisions > included:
        quote = _accepted(project)
        price = quote.extra_revision_price if quote is not None else Decimal(0)
        if price > 0:
            last = project.stages.order_by("-position").values_list("position", flat=True).first() or 0
            stage = PaymentStage.objects.create(project=project, position=last + 1, kind=StageKind.EXTRA_REVISION,
                                                amount=price)  # fmt: skip
            _issue(project, stage, by)
    return cad


# --- Quotes and the payment schedule -----------------------------------------------------------------
@transaction.atomic
def quote_make(
    *,
    project: DesignProject,
    amount: Decimal | str,
    metal_basis: str,
    valid_until: date | None,
    by: Staff,
    extra_revision_price: Decimal | str = "0",
) -> ProjectQuote:
    """A quote for the commission, valid until a date (metal prices move). A new quote before the
    agreement withdraws the earlier ones, an accepted one with its schedule."""
    project = _locked(project)
    _open(project)
    if project.milestones.filter(kind=MilestoneKind.AGREEMENT, completed_at__isnull=False).exists():
        raise _refuse("The agreement is signed: its quote can no longer be replaced.", E.REFUSED, "quote")
    money = _amount(amount, currency=project.currency, field="amount", label="quoted amount")
    basis = _text(metal_basis, field="metal_basis", label="metal price the quote rests on", limit=BASIS_MAX)
    extra = _amount(extra_revision_price, currency=project.currency, field="extra_revision_price",
                    label="price of a revision beyond those included", zero=True)  # fmt: skip
    today = office_today(project.office)
    if valid_until is None:
        raise _refuse("Say until when the quote is valid.", E.REQUIRED, "valid_until")
    if not today <= valid_until <= today + timedelta(days=MAX_VALIDITY_DAYS):
        raise _refuse(f"The quote must be valid from today for at most {MAX_VALIDITY_DAYS} days.", E.INVALID_DATE,
                      "valid_until")  # fmt: skip
    withdrawn = project.quotes.filter(status__in=[QuoteStatus.OFFERED, QuoteStatus.ACCEPTED]).update(
        status=QuoteStatus.WITHDRAWN
    )
    if withdrawn:
        project.stages.all().delete()
    quote = ProjectQuote.objects.create(project=project, amount=money, currency=project.currency, metal_basis=basis,
                                        valid_until=valid_until, extra_revision_price=extra, made_by=by)  # fmt: skip
    _log(project, by, "quote", f"Quoted, valid until {valid_until:%-d %B %Y} on {basis}.")
    return quote


@transaction.atomic
def quote_accept(*, quote: ProjectQuote, by: Staff) -> ProjectQuote:
    """Record the client's acceptance of ``quote``; an expired quote is refused (make a new one)."""
    project = _locked(quote.project)
    _open(project)
    quote = ProjectQuote.objects.select_for_update().get(pk=quote.pk)
    if quote.status != QuoteStatus.OFFERED:
        raise _refuse(f"This quote is {quote.get_status_display().lower()}; only an offered quote can be accepted.",
                      E.REFUSED, "quote")  # fmt: skip
    if quote.valid_until < office_today(project.office):
        raise _refuse(
            f"This quote expired on {quote.valid_until:%-d %B %Y}: metal prices have moved since; make a new quote "
            "for the client to accept.",
            E.QUOTE_EXPIRED,
            "quote",
        )
    quote.status, quote.accepted_at, quote.accepted_by = QuoteStatus.ACCEPTED, timezone.now(), by
    quote.save(update_fields=["status", "accepted_at", "accepted_by"])
    _log(project, by, "accepted", f"The client accepted the quote valid until {quote.valid_until:%-d %B %Y}.")
    return quote


@transaction.atomic
def schedule_set(
    *, project: DesignProject, deposit: Decimal | str, stage: Decimal | str, balance: Decimal | str, by: Staff
) -> list[PaymentStage]:
    """The payment schedule: a deposit at the agreement, a stage payment at written approval (may be
    nothing) and the balance at delivery, summing exactly to the accepted quote."""
    project = _locked(project)
    _open(project)
    quote = _accepted(project)
    if quote is None:
        raise _refuse("The schedule splits the accepted quote: record the client's acceptance of a quote first.",
                      E.QUOTE_REQUIRED, "quote")  # fmt: skip
    if project.stages.exclude(invoice_number="").exists():
        raise _refuse("The deposit is invoiced: the schedule can no longer change.", E.REFUSED, "schedule")
    currency = project.currency
    amounts = {
        StageKind.DEPOSIT: _amount(deposit, currency=currency, field="deposit", label="deposit"),
        StageKind.APPROVAL: _amount(stage, currency=currency, field="stage", label="stage payment", zero=True),
        StageKind.BALANCE: _amount(balance, currency=currency, field="balance", label="balance"),
    }
    total = sum(amounts.values(), Decimal(0))
    if total != quote.amount:
        money = Money.of(quote.amount, currency).format(project.office.locale)
        given = Money.of(total, currency).format(project.office.locale)
        raise _refuse(f"The stages add up to {given}, not the accepted {money}; they must sum to the quote.",
                      E.SCHEDULE_MISMATCH, "balance")  # fmt: skip
    project.stages.all().delete()
    rows = PaymentStage.objects.bulk_create(
        PaymentStage(project=project, position=index, kind=kind, amount=amount)
        for index, (kind, amount) in enumerate(((k, a) for k, a in amounts.items() if a > 0), start=1)
    )
    # The history is read by every reader of the project: it names the stages, never their amounts.
    parts = [str(kind.label).lower() for kind, amount in amounts.items() if amount > 0]
    _log(project, by, "schedule", "Payment schedule set: " + ", ".join(parts) + ".")
    return rows


# --- Files -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FileFormat:
    name: str
    extension: str


def _image_format(content: bytes) -> FileFormat | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(content)) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    return {"JPEG": FileFormat("JPEG", ".jpg"), "PNG": FileFormat("PNG", ".png"),
            "WEBP": FileFormat("WebP", ".webp")}.get(kind or "")  # fmt: skip


def file_format(content: bytes) -> FileFormat | None:
    """What a sketch, render or CAD file is by its content (never by its name), or None when it is none
    of PDF, JPEG, PNG, WebP, STL, Rhino 3DM, STEP or OBJ."""
    head = content[:512]
    if head.startswith(b"%PDF-"):
        return FileFormat("PDF", ".pdf") if b"%%EOF" in content[-1024:] else None
    if head.startswith(b"3D Geometry File Format"):
        return FileFormat("3DM", ".3dm")
    if head.startswith(b"ISO-10303-21;"):
        return FileFormat("STEP", ".step")
    if head[:6].lower() == b"solid " and b"endsolid" in content[-512:]:
        return FileFormat("STL", ".stl")
    if len(content) >= 84:
        triangles = int.from_bytes(content[80:84], "little")
        if triangles and len(content) == 84 + 50 * triangles:
            return FileFormat("STL", ".stl")
    lines = head.split(b"\n")
    if lines and any(line.startswith((b"v ", b"o ", b"mtllib ")) for line in lines) and b"\x00" not in content:
        return FileFormat("OBJ", ".obj")
    return _image_format(content)


def file_size_limit() -> int:
    return int(min(FILE_MAX_BYTES, settings.PARURE_UPLOAD_MAX_BYTES))


@transaction.atomic
def file_attach(
    *, project: DesignProject, milestone: str, kind: str, filename: str, content: bytes, by: Staff, caption: str = ""
) -> ProjectFile:
    """Attach a sketch, render or CAD file to a milestone (completed or current, never one ahead)."""
    project = _locked(project)
    _open(project)
    found = project.milestones.filter(kind=milestone).first() if milestone in MilestoneKind.values else None
    if found is None:
        raise _refuse("Say which milestone the file belongs to.", E.INVALID, "milestone")
    if found.position > project.current_position:
        raise _refuse(f"{_label(found.kind)} has not been reached: attach the file to the current milestone.",
                      E.MILESTONE_OUT_OF_ORDER, "milestone")  # fmt: skip
    if not found.is_complete:
        _past_the_deposit(project, found)
    if kind not in FileKind.values:
        raise _refuse("Say what the file is: sketch, render, CAD file, photograph or document.", E.INVALID, "kind")
    caption = _text(caption, field="caption", label="caption", limit=CAPTION_MAX, required=False)
    name = (filename or "").strip().replace("\\", "/").rsplit("/", 1)[-1][:120] or "file"
    limit = file_size_limit()
    if len(content) > limit:
        raise _refuse(f"‘{name}’ is larger than {limit // (1024 * 1024)} MB; attach a smaller file.",
                      E.INVALID_FILE, "file")  # fmt: skip
    if not content:
        raise _refuse("The file is empty.", E.INVALID_FILE, "file")
    shape = file_format(content)
    if shape is None:
        raise _refuse(f"‘{name}’ is not a PDF, JPEG, PNG, WebP, STL, 3DM, STEP or OBJ file by its content, "
                      "whatever its name says.", E.INVALID_FILE, "file")  # fmt: skip
    digest = hashlib.sha256(content).hexdigest()
    row = ProjectFile(project=project, milestone=found, kind=kind, original_name=name, format=shape.name,
                      extension=shape.extension, size=len(content), sha256=digest, caption=caption,
                      uploaded_by=by)  # fmt: skip
    row.file.save(f"{digest}{shape.extension}", ContentFile(content), save=False)
    stored = row.file.name or ""
    try:
        row.save()
    except IntegrityError:
        row.file.storage.delete(stored)
        raise
    _log(project, by, "file", f"{row.get_kind_display()} ‘{name}’ attached to {_label(found.kind).lower()}.")
    return row


# --- Materials ---------------------------------------------------------------------------------------
@transaction.atomic
def material_reserve(
    *, project: DesignProject, stock_number: str, kind: str, by: Staff, note: str = ""
) -> ProjectMaterial:
    """Reserve a piece from inventory (a loose stone, metal stock) for the project: refused if it is in a
    sale or sold, a client's own piece, gone from custody, or reserved for another project."""
    project = _locked(project)
    _open(project)
    if kind not in MaterialKind.values:
        raise _refuse("Say whether it is a stone or metal.", E.INVALID, "kind")
    try:
        piece = inventory_queries.item_by_stock_number((stock_number or "").strip()[:40])
    except Http404:
        raise _refuse(f"No piece has stock number {(stock_number or '').strip()[:40]}.", E.UNKNOWN_PIECE,
                      "stock_number") from None  # fmt: skip
    except StockNumberError as refusal:  # a mistyped check digit is refused, never looked up
        raise _refuse(refusal.message, E.UNKNOWN_PIECE, "stock_number") from None
    number = piece.stock_number
    refused = {
        SaleState.IN_SALE: f"{number} is in a sale ({piece.sale_reference or 'offered'}) and cannot be reserved.",
        SaleState.SOLD: f"{number} is sold and cannot be reserved.",
        SaleState.CLIENT_OWN: f"{number} is a client's own piece and cannot be reserved.",
    }.get(SaleState(piece.sale_state))
    if refused is None and piece.status in TERMINAL_STATUSES:
        refused = f"{number} has left our custody ({piece.get_status_display().lower()}) and cannot be reserved."
    if refused is None:
        other = (
            ProjectMaterial.objects.filter(item_id=piece.pk, status=MaterialStatus.RESERVED)
            .select_related("project")
            .first()
        )
        if other is not None:
            refused = f"{number} is already reserved for project {other.project.number}."
    if refused is not None:
        raise _refuse(refused, E.PIECE_UNAVAILABLE, "stock_number")
    description = _text(note, field="note", label="note", limit=DESCRIPTION_MAX, required=False) or piece.title
    try:
        with transaction.atomic():
            row = ProjectMaterial.objects.create(project=project, kind=kind, status=MaterialStatus.RESERVED,
                                                 item_id=piece.pk, stock_number=number,
                                                 description=description[:DESCRIPTION_MAX], added_by=by)  # fmt: skip
    except IntegrityError:
        # Reserved for another project a moment ago (the unique constraint is the last word).
        raise _refuse(f"{number} was reserved for another project a moment ago; reload the page to see which.",
                      E.PIECE_UNAVAILABLE, "stock_number") from None  # fmt: skip
    _log(project, by, "reserved", f"{number} reserved: {row.description}.")
    return row


@transaction.atomic
def material_to_source(
    *,
    project: DesignProject,
    kind: str,
    description: str,
    supplier: str,
    estimated_cost: Decimal | str | None,
    by: Staff,
) -> ProjectMaterial:
    """A stone or metal to be bought for the project: from whom, what, for about how much."""
    project = _locked(project)
    _open(project)
    if kind not in MaterialKind.values:
        raise _refuse("Say whether it is a stone or metal.", E.INVALID, "kind")
    description = _text(description, field="description", label="description", limit=DESCRIPTION_MAX)
    supplier = _text(supplier, field="supplier", label="supplier", limit=SUPPLIER_MAX)
    cost = None
    if estimated_cost is not None and str(estimated_cost).strip():
        cost = _amount(estimated_cost, currency=project.currency, field="estimated_cost", label="estimated cost")
    row = ProjectMaterial.objects.create(project=project, kind=kind, status=MaterialStatus.TO_SOURCE,
                                         description=description, supplier=supplier, estimated_cost=cost,
                                         added_by=by)  # fmt: skip
    _log(project, by, "to_source", f"To source from {supplier}: {description}.")
    return row


@transaction.atomic
def material_release(*, material: ProjectMaterial, by: Staff) -> ProjectMaterial:
    """Release a piece reserved for the project (it is free for another use)."""
    project = _locked(material.project)
    row = ProjectMaterial.objects.select_for_update().get(pk=material.pk)
    if row.status != MaterialStatus.RESERVED:
        raise _refuse("Only a reserved piece can be released.", E.REFUSED, "material")
    row.status, row.released_at, row.released_by = MaterialStatus.RELEASED, timezone.now(), by
    row.save(update_fields=["status", "released_at", "released_by"])
    _log(project, by, "released", f"{row.stock_number} released.")
    return row


@transaction.atomic
def material_sourced(*, material: ProjectMaterial, by: Staff) -> ProjectMaterial:
    project = _locked(material.project)
    _open(project)
    row = ProjectMaterial.objects.select_for_update().get(pk=material.pk)
    if row.status != MaterialStatus.TO_SOURCE:
        raise _refuse("Only a material to be sourced can be marked sourced.", E.REFUSED, "material")
    row.status = MaterialStatus.SOURCED
    row.save(update_fields=["status"])
    _log(project, by, "sourced", f"Sourced from {row.supplier}: {row.description}.")
    return row


def designers(office: Office | None) -> Sequence[Staff]:
    """Who may be named a project's designer: the office's active specialists."""
    rows = Staff.objects.filter(is_active=True, role__in=DESIGNER_ROLES).order_by("last_name", "first_name")
    return list(rows.filter(office=office) if office is not None else rows)
