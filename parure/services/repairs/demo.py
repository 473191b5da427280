"""Demonstration repairs for New York and London (order 70, after billing's settings): each office's task
catalogue, an in-house bench and insured outside vendors, and open jobs at every stage — one of them
overdue at a vendor, one an estimate waiting for the client — all made through the area's services.
Deterministic; skipped when repair jobs exist already."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from parure.clients import queries as client_book
from parure.core.choices import Role
from parure.core.models import Office, Staff
from parure.inventory import queries as inventory
from parure.inventory.choices import LocationKind, LocationType
from parure.services.repairs import services
from parure.services.repairs.choices import ApprovalChannel, SignatureKind, VendorKind
from parure.services.repairs.models import RepairJob
from parure.services.repairs.services import LineDraft, RepairDraft, SignatureDraft, TaskDraft, VendorDraft

PRINTED = SignatureDraft(SignatureKind.PRINTED)


@dataclass(frozen=True)
class Piece:
    category: str
    description: str
    states: str
    notes: str
    value: str
    tasks: tuple[str, ...]
    stage: str
    vendor: str = ""
    estimate_only: bool = False
    overdue: bool = False


TASKS = {
    "NY": (
        ("SIZE-UP", "Ring sizing, up one size", "85.00", "40.00"),
        ("SIZE-DN", "Ring sizing, down one size", "75.00", "0.00"),
        ("RETIP", "Re-tipping, per claw", "45.00", "15.00"),
        ("CLASP", "New clasp fitted", "60.00", "95.00"),
        ("POLISH", "Clean and re-polish", "60.00", "0.00"),
        ("RESTRING", "Pearl re-stringing, knotted", "120.00", "18.00"),
        ("SET", "Stone setting, one stone", "150.00", "0.00"),
    ),
    "LN": (
        ("SIZE-UP", "Ring sizing, up one size", "70.00", "35.00"),
        ("RETIP", "Re-tipping, per claw", "38.00", "12.00"),
        ("CLASP", "New clasp fitted", "50.00", "80.00"),
        ("POLISH", "Clean and re-polish", "45.00", "0.00"),
        ("RESTRING", "Pearl re-stringing, knotted", "95.00", "15.00"),
    ),
}

VENDORS = {
    "NY": (
        ("House bench", VendorKind.IN_HOUSE, "Luis Ortega", "", "", "", ""),
        ("Rosen & Kahn repairs", VendorKind.BENCH_JEWELER, "Aaron Rosen", "Hiscox", "JB-448812", "40000.00", "USD"),
        ("Midtown Pearl Stringers", VendorKind.STRINGER, "Mei Tanaka", "Chubb", "CJ-20931", "25000.00", "USD"),
    ),
    "LN": (
        ("Hatton Garden repairs", VendorKind.WORKSHOP, "Tom Aldridge", "Lloyd's (T.H. March)", "THM-55120",
         "30000.00", "GBP"),
        ("Clerkenwell Engraving", VendorKind.ENGRAVER, "Ruth Bell", "Hiscox", "HX-77310", "15000.00", "GBP"),
    ),
}  # fmt: skip

PIECES = {
    "NY": (
        Piece("ring", "White metal ring set with a white stone", "Platinum, about one carat.",
              "Claw at 3 o'clock lifted.", "12000.00", ("RETIP", "POLISH"), "taken_in", "Rosen & Kahn repairs"),
        Piece("ring", "Yellow metal signet ring", "Her father's, 18ct.", "Worn shank.", "1800.00",
              ("SIZE-UP",), "estimated", "House bench", estimate_only=True),
        Piece("necklace", "Strand of white pearls", "Natural pearls, her grandmother's.",
              "Silk worn through near the clasp.", "8500.00", ("RESTRING", "CLASP"), "at_bench",
              "Midtown Pearl Stringers", overdue=True),
        Piece("bracelet", "Yellow metal bracelet with a box clasp", "The clasp opens by itself.",
              "Tongue of the clasp worn.", "4200.00", ("CLASP",), "at_bench", "Rosen & Kahn repairs"),
        Piece("ring", "White metal ring set with a blue stone", "Sapphire, a stone is loose.",
              "Principal stone moves in its setting.", "22000.00", ("SET", "POLISH"), "returned", "House bench"),
        Piece("earrings", "Pair of white metal earrings", "A post is bent.", "Post bent.", "3100.00",
              ("POLISH",), "ready", "House bench"),
    ),
    "LN": (
        Piece("ring", "Yellow metal ring set with red stones", "Rubies, Victorian.",
              "Two claws thin.", "6400.00", ("RETIP", "POLISH"), "estimated", "Hatton Garden repairs"),
        Piece("brooch", "White metal brooch set with white stones", "The pin is loose.",
              "Pin hinge loose.", "9800.00", ("CLASP",), "at_bench", "Hatton Garden repairs", overdue=True),
        Piece("necklace", "Strand of cultured pearls", "Restring, keep the clasp.",
              "Clean.", "1500.00", ("RESTRING",), "quality_checked", "Hatton Garden repairs"),
    ),
}  # fmt: skip

ORDER = ("taken_in", "estimated", "approved", "at_bench", "returned", "quality_checked", "ready")


def _staff(office: Office, role: str) -> Staff | None:
    return Staff.objects.filter(office=office, role=role, is_active=True).order_by("username").first()


def _clients(viewer: Staff, count: int) -> list[Any]:
    found = [client for client in client_book.client_list(viewer).order_by("number")[:count]]
    return found


def _has_places(office: Office) -> bool:
    types = set(inventory.places_for(office, (LocationKind.WORK, LocationKind.STORAGE)).values_list("type", flat=True))
    return {LocationType.INTAKE_DESK, LocationType.WORKROOM} <= types


def _build_office(office: Office, say: Callable[[str], None]) -> int:
    senior = _staff(office, Role.SENIOR_SPECIALIST)
    assistant = _staff(office, Role.SPECIALIST_ASSISTANT) or senior
    if senior is None or assistant is None or not _has_places(office):
        say(f"  repairs: {office.code} has no specialists or no intake desk and workroom; skipped")
        return 0
    for code, name, labour, material in TASKS[office.code]:
        services.task_save(office=office, draft=TaskDraft(code, name, labour, material), by=senior)
    today = services.office_today(office)
    vendors = []
    for name, kind, contact, insurer, policy, cover, currency in VENDORS[office.code]:
        draft = VendorDraft(kind=kind, name=name, contact_person=contact, insurer=insurer, policy_number=policy,
                            cover_limit=cover or None, cover_currency=currency,
                            insurance_expires_on=today + timedelta(days=240) if insurer else None)  # fmt: skip
        vendors.append(services.vendor_create(office=office, draft=draft, by=senior))
    by_name = {vendor.name: vendor for vendor in vendors}
    clients = _clients(assistant, len(PIECES[office.code]))
    if not clients:
        say(f"  repairs: {office.code} has no client files {assistant} may see; no jobs")
        return 0
    made = 0
    for index, piece in enumerate(PIECES[office.code]):
        vendor = by_name[piece.vendor]
        job_draft = RepairDraft(
            client_number=clients[index % len(clients)].number, category=piece.category,
            description=piece.description, client_states=piece.states, condition_notes=piece.notes,
            declared_value=piece.value, estimate_only=piece.estimate_only, due_on=today + timedelta(days=10 + index),
            vendor_id=vendor.pk, lines=[LineDraft(code) for code in piece.tasks], signature=PRINTED,
        )  # fmt: skip
        job = services.repair_take_in(draft=job_draft, by=assistant)
        target = ORDER.index(piece.stage)
        if target >= ORDER.index("estimated"):
            job = services.repair_estimate(job=job, by=assistant)
        if piece.estimate_only and target >= ORDER.index("approved"):
            total = services.job_total(job)
            job = services.repair_approve(job=job, by=assistant, channel=ApprovalChannel.PHONE, amount=total)
        steps = (
            ("at_bench", services.repair_send_to_bench),
            ("returned", services.repair_return),
            ("quality_checked", services.repair_quality_check),
            ("ready", services.repair_ready),
        )
        for stage, step in steps:
            if target >= ORDER.index(stage):
                job = step(job=job, by=assistant)
        if piece.overdue:
            # Sent a fortnight ago and promised for three days ago: the board's overdue list shows it.
            RepairJob.objects.filter(pk=job.pk).update(due_on=today - timedelta(days=3))
        made += 1
    return made


def build(say: Callable[[str], None]) -> None:
    if RepairJob.objects.exists():
        say("  repairs already has jobs; left as they are")
        return
    made = 0
    for office in Office.objects.filter(code__in=list(PIECES)).order_by("code"):
        made += _build_office(office, say)
    say(f"  repairs: {made} open jobs, vendors and task catalogues for New York and London")
