"""Vendors (with their custody place and insurance) and the offices' task catalogues."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from parure.core.errors import DomainError
from parure.core.models import Office, Staff
from parure.inventory import queries as inventory
from parure.inventory.choices import LocationType
from parure.inventory.services.places import location_create
from parure.services.repairs.choices import VendorKind
from parure.services.repairs.models import (
    RepairTask,
    Vendor,
)
from parure.services.repairs.services.checks import (
    DECLARED_MAX,
    E,
    _from_other_app,
    _refuse,
    amount_of,
    text_of,
)

# --- Vendors and the task catalogue --------------------------------------------------------------------


@dataclass(frozen=True)
class VendorDraft:
    kind: str
    name: str
    contact_person: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    insurer: str = ""
    policy_number: str = ""
    cover_limit: Decimal | str | None = None
    cover_currency: str = ""
    insurance_expires_on: date | None = None
    notes: str = ""
    is_active: bool = True


def _check_vendor(draft: VendorDraft, office: Office, *, exclude: int | None) -> dict[str, Any]:
    if draft.kind not in VendorKind.values:
        raise _refuse("Choose what kind of vendor it is (bench jeweler, workshop, engraver…).", field="kind")
    values: dict[str, Any] = {
        "kind": draft.kind,
        "name": text_of(draft.name, limit=120, field="name", label="The vendor's name", required=True),
        "contact_person": text_of(draft.contact_person, limit=120, field="contact_person", label="The contact"),
        "email": text_of(draft.email, limit=254, field="email", label="The e-mail address"),
        "phone": text_of(draft.phone, limit=40, field="phone", label="The telephone number"),
        "address": text_of(draft.address, limit=500, field="address", label="The address"),
        "insurer": text_of(draft.insurer, limit=120, field="insurer", label="The insurer"),
        "policy_number": text_of(draft.policy_number, limit=60, field="policy_number", label="The policy number"),
        "notes": text_of(draft.notes, limit=2000, field="notes", label="The notes"),
        "is_active": bool(draft.is_active),
        "insurance_expires_on": draft.insurance_expires_on,
    }
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            raise _refuse(f"‘{values['email'][:60]}’ is not an e-mail address.", field="email") from None
    has_cover = draft.cover_limit not in (None, "")
    values["cover_limit"] = (
        amount_of(draft.cover_limit, field="cover_limit", label="The cover limit", maximum=DECLARED_MAX)
        if has_cover
        else None
    )
    currency = text_of(draft.cover_currency, limit=3, field="cover_currency", label="The cover's currency").upper()
    if has_cover and not currency:
        currency = office.currency
    if currency and (len(currency) != 3 or not currency.isalpha()):
        raise _refuse(f"‘{currency}’ is not a currency code such as USD or GBP.", field="cover_currency")
    values["cover_currency"] = currency if has_cover else ""
    uninsured = not values["insurer"] or not has_cover or draft.insurance_expires_on is None
    if draft.kind != VendorKind.IN_HOUSE and uninsured:
        missing = "insurer" if not values["insurer"] else "cover_limit" if not has_cover else "insurance_expires_on"
        raise _refuse(
            "An outside vendor holds our clients' pieces: give their insurer, the cover limit and the "
            "policy's expiry date.",
            field=missing,
            code=E.REQUIRED,
        )
    clash = Vendor.objects.filter(office=office, name__iexact=values["name"])
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise _refuse(f"{office.name} already has a vendor named {values['name']}.", field="name")
    return values


@transaction.atomic
def vendor_create(*, office: Office, draft: VendorDraft, by: Staff) -> Vendor:
    """Add a vendor with its custody place (a bench-jeweler location of the office, named after it)."""
    values = _check_vendor(draft, office, exclude=None)
    sequence = Vendor.objects.filter(office=office).count() + 1
    code = f"BENCH-{sequence:03d}"
    while inventory.locations(office, active_only=False).filter(code=code).exists():
        sequence += 1
        code = f"BENCH-{sequence:03d}"
    try:
        place = location_create(office=office, name=f"Bench: {values['name']}"[:100], code=code,
                                type=LocationType.BENCH_JEWELER, by=by, counterpart=values["name"])  # fmt: skip
    except DomainError as refusal:
        raise _from_other_app(refusal) from None
    return Vendor.objects.create(office=office, location=place, created_by=by, **values)


@transaction.atomic
def vendor_update(*, vendor: Vendor, draft: VendorDraft, by: Staff) -> Vendor:
    values = _check_vendor(draft, vendor.office, exclude=vendor.pk)
    for name, value in values.items():
        setattr(vendor, name, value)
    vendor.save()
    return vendor


def insurance_refusal(vendor: Vendor, declared: Decimal, currency: str, *, on: date) -> str:
    """Why ``vendor`` may not hold a piece declared at ``declared``, or "" when it may."""
    if vendor.kind == VendorKind.IN_HOUSE:
        return ""
    if vendor.insurance_expires_on is None or vendor.cover_limit is None:
        return f"{vendor.name} has no insurance on file; record their policy before sending them a piece."
    if vendor.insurance_expires_on < on:
        return (
            f"{vendor.name}'s insurance expired on {vendor.insurance_expires_on:%d %B %Y}; "
            "record their renewed policy before sending them a piece."
        )
    if vendor.cover_currency != currency:
        return (
            f"{vendor.name}'s cover is in {vendor.cover_currency} and the piece is declared in {currency}; "
            "their cover cannot be compared, so the piece cannot go to them."
        )
    if declared > vendor.cover_limit:
        return (
            f"The piece is declared at {currency} {declared:,}, more than {vendor.name}'s cover of "
            f"{currency} {vendor.cover_limit:,}; choose a vendor insured for it."
        )
    return ""


@dataclass(frozen=True)
class TaskDraft:
    code: str
    name: str
    labour: Decimal | str
    material: Decimal | str = "0.00"
    is_active: bool = True


@transaction.atomic
def task_save(*, office: Office, draft: TaskDraft, by: Staff, task: RepairTask | None = None) -> RepairTask:
    """Add a task to an office's catalogue, or change one (jobs keep the amounts they were priced at)."""
    code = text_of(draft.code, limit=20, field="code", label="The task's code", required=True).upper()
    name = text_of(draft.name, limit=120, field="name", label="The task's name", required=True)
    labour = amount_of(draft.labour, field="labour", label="The labour")
    material = amount_of(draft.material, field="material", label="The material", required=False)
    clash = RepairTask.objects.filter(office=office, code=code)
    if task is not None:
        clash = clash.exclude(pk=task.pk)
    if clash.exists():
        raise _refuse(f"{office.name}'s catalogue already has a task {code}.", field="code")
    task = task or RepairTask(office=office, currency=office.currency)
    task.code, task.name, task.labour, task.material, task.is_active = code, name, labour, material, draft.is_active
    task.save()
    return task
