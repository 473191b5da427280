"""Building repair worlds for tests through the real services: New York's places and billing, a vendor
insured for USD 50,000, the task catalogue, a client with an e-mail address, and jobs at any stage."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PIL import Image, ImageDraw

from parure.core.models import Office, Staff
from parure.services.repairs import services
from parure.services.repairs.choices import SignatureKind, VendorKind
from parure.services.repairs.models import RepairJob, RepairTask, Vendor
from parure.services.repairs.services import LineDraft, RepairDraft, SignatureDraft, TaskDraft, VendorDraft


def signature_png(*, ink: bool = True, size: tuple[int, int] = (400, 150)) -> bytes:
    """A tablet signature: a dark stroke on a transparent canvas (none when ``ink`` is False)."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    if ink:
        ImageDraw.Draw(image).line([(20, 100), (120, 40), (220, 110), (360, 50)], fill=(20, 20, 20, 255), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def photo_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 180, 150)).save(out, format="JPEG")
    return out.getvalue()


SIGNED = SignatureDraft(SignatureKind.TABLET, signature_png())
PRINTED = SignatureDraft(SignatureKind.PRINTED)


@dataclass
class RepairWorld:
    office: Office
    places: Any
    client: Any
    vendor: Vendor
    in_house: Vendor
    sizing: RepairTask
    polish: RepairTask
    cast: Any


def build(cast: Any) -> RepairWorld:
    from parure.inventory.models import Location
    from tests.billing import world as billing
    from tests.inventory import world as inventory

    office = Office.objects.get(code="NY")
    if Location.objects.filter(office=office, code="DESK").exists():  # another app's world made them
        places = inventory.Places(office, {loc.code.lower(): loc for loc in Location.objects.filter(office=office)})
        places.by_name.update(desk=places.by_name["desk"], workroom=places.by_name["work"])
    else:
        places = inventory.build_places(office, cast.administrator)
    billing.new_york_billing()
    client = inventory.consignor("Mrs Harriet Okafor", email="harriet.okafor@example.com")
    billing.address(client, lines="12 East 70th Street", city="New York", region="NY", postcode="10021")
    senior = cast.senior
    vendor = services.vendor_create(
        office=office,
        draft=VendorDraft(kind=VendorKind.BENCH_JEWELER, name="Atelier Kessler", contact_person="Jonas Kessler",
                          email="jonas@kessler.example", phone="+1 212 555 0142", insurer="Hiscox",
                          policy_number="JB-448812", cover_limit="50000.00", cover_currency="USD",
                          insurance_expires_on=date.today() + timedelta(days=200)),
        by=senior,
    )  # fmt: skip
    in_house = services.vendor_create(
        office=office, draft=VendorDraft(kind=VendorKind.IN_HOUSE, name="House bench (Luis Ortega)"), by=senior
    )
    sizing = services.task_save(office=office, draft=TaskDraft("SIZE-UP", "Ring sizing up one size", "85.00", "40.00"),
                                by=senior)  # fmt: skip
    polish = services.task_save(office=office, draft=TaskDraft("POLISH", "Clean and re-polish", "60.00"), by=senior)
    return RepairWorld(office, places, client, vendor, in_house, sizing, polish, cast)


def draft(world: RepairWorld, **overrides: Any) -> RepairDraft:
    fields: dict[str, Any] = {
        "client_number": world.client.number,
        "category": "ring",
        "description": "White metal ring set with a white stone",
        "client_states": "Client states: platinum, diamond about one carat, her grandmother's.",
        "condition_notes": "Claw at 3 o'clock lifted; light wear to the shank.",
        "declared_value": "12000.00",
        "due_on": date.today() + timedelta(days=14),
        "vendor_id": world.vendor.pk,
        "lines": [LineDraft("SIZE-UP"), LineDraft("POLISH")],
        "signature": SIGNED,
    }
    fields.update(overrides)
    return RepairDraft(**fields)


def take_in(world: RepairWorld, by: Staff | None = None, **overrides: Any) -> RepairJob:
    return services.repair_take_in(draft=draft(world, **overrides), by=by or world.cast.assistant)


def pay(job: RepairJob, by: Staff) -> None:
    from parure.billing import queries as billing_queries
    from parure.billing.services import invoices, payments

    invoice = billing_queries.invoice_by_number(job.invoice_number)
    payments.payment_record(invoice=invoice, method="card", amount=str(billing_queries.balance_of(invoice).due.amount),
                            currency=invoice.currency, received_on=invoices.office_today(invoice.office), by=by)  # fmt: skip


def at_stage(world: RepairWorld, stage: str, **overrides: Any) -> RepairJob:
    """A job brought to ``stage`` through the real services (a regular job, priced and charged)."""
    by = world.cast.assistant
    job = take_in(world, **overrides)
    order = ["estimated", "at_bench", "returned", "quality_checked", "ready", "collected"]
    steps = {
        "estimated": lambda j: services.repair_estimate(job=j, by=by),
        "at_bench": lambda j: services.repair_send_to_bench(job=j, by=by),
        "returned": lambda j: services.repair_return(job=j, by=by),
        "quality_checked": lambda j: services.repair_quality_check(job=j, by=by),
        "ready": lambda j: services.repair_ready(job=j, by=by),
    }
    if stage == "taken_in":
        return job
    for step in order[: order.index(stage) + 1]:
        job = steps[step](job)
    return RepairJob.objects.get(pk=job.pk)


def amount(text: str) -> Decimal:
    return Decimal(text)
