"""Demonstration condition reports: one at intake for the demo pieces, a second after a viewing
for some, with placeholder photographs drawn by Pillow and numbered markers. Built through the
real service, on the pieces the inventory demo made; one in three of any pieces still at an intake
desk is left without a report, so the desk's rule can be seen refusing its moves."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone
from PIL import Image, ImageDraw

from parure.catalogue.choices import ConditionGrade, ConditionOccasion, FindingValue
from parure.catalogue.condition_queries import prefill
from parure.catalogue.models import ConditionReport
from parure.catalogue.services.condition import FindingDraft, MarkerDraft, PhotoDraft, condition_report_write
from parure.core.choices import Role
from parure.core.models import Staff
from parure.inventory import queries as inventory
from parure.inventory.choices import LocationType

SEED = 43
PHOTOGRAPHED = 30
GRADES = [ConditionGrade.EXCELLENT, ConditionGrade.VERY_GOOD, ConditionGrade.VERY_GOOD, ConditionGrade.GOOD]
GROUNDS = ["#efe9dc", "#e4ded2", "#ece4d4", "#dfe3e6"]
NOTES = {
    "wear": "Light wear commensurate with age",
    "scratches": "Surface scratches to the metal",
    "repairs": "Evidence of an old solder repair",
    "resizing": "Evidence of resizing to the shank",
    "abrasions": "Facet edges lightly abraded",
    "chips": "A small chip to the girdle",
    "surface_inclusions": "A surface-reaching inclusion",
    "blemishes": "Minor surface blemishes",
}


def _say_none(line: str) -> None:
    return None


def placeholder_photo(rng: random.Random, title: str, size: tuple[int, int] = (800, 600)) -> bytes:
    """A neutral placeholder: a drawn piece (a hoop and a stone) on a warm ground, as JPEG."""
    width, height = size
    image = Image.new("RGB", size, rng.choice(GROUNDS))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.3, height * 0.3, width * 0.7, height * 0.85), outline="#8a7a55", width=14)
    stone = [(0.5, 0.12), (0.58, 0.3), (0.5, 0.38), (0.42, 0.3)]
    draw.polygon(
        [(width * x, height * y) for x, y in stone],
        fill=rng.choice(["#2a4d8f", "#1f6b46", "#9b1c31", "#e8e8f0"]),
        outline="#444444",
    )
    draw.text((16, height - 28), title[:60], fill="#555555")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def _findings(rng: random.Random, item: Any, worse: bool = False) -> list[FindingDraft]:
    rows = []
    for row in prefill(item):
        value, note = row.value, row.note
        noticed = rng.random() < (0.35 if worse else 0.18)
        if row.value in (FindingValue.NONE, FindingValue.MINOR) and row.aspect in NOTES and noticed:
            value = FindingValue.MINOR if row.value == FindingValue.NONE else FindingValue.MODERATE
            note = NOTES[row.aspect]
        elif row.value == FindingValue.YES and row.aspect == "tested" and rng.random() < 0.5:
            value = FindingValue.NO
        rows.append(FindingDraft(row.component, row.kind, row.aspect, value, note))
    return rows


def _photo(rng: random.Random, item: Any, findings: list[FindingDraft]) -> PhotoDraft:
    noted = [finding for finding in findings if finding.note][:3]
    markers = [
        MarkerDraft(number, round(rng.uniform(0.2, 0.8), 3), round(rng.uniform(0.2, 0.8), 3), finding.note)
        for number, finding in enumerate(noted, start=1)
    ]
    return PhotoDraft(placeholder_photo(rng, item.title), "front.jpg", "Front view", markers)


def _author(office_id: int, people: dict[int, list[Staff]], fallback: Staff, rng: random.Random) -> Staff:
    return rng.choice(people.get(office_id) or [fallback])


def build(say: Callable[[str], None] = _say_none) -> None:
    """Build the demonstration condition reports (skipped when any report exists)."""
    if ConditionReport.objects.exists():
        say("  condition reports already exist; left as they are")
        return
    pieces = list(inventory.items().prefetch_related("stones"))
    writers = Staff.objects.filter(
        is_active=True, role__in=[Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST], office__isnull=False
    )
    people: dict[int, list[Staff]] = {}
    for person in writers:
        people.setdefault(person.office_id or 0, []).append(person)
    fallback = writers.first()
    if not pieces or fallback is None:
        say("  condition reports: no demo pieces or specialists; nothing built")
        return
    rng = random.Random(SEED)
    now = timezone.now()
    written = photographed = seconds = 0
    for index, item in enumerate(sorted(pieces, key=lambda piece: piece.pk)):
        if item.location.type == LocationType.INTAKE_DESK and index % 3 == 0:
            continue  # left without a report: it may go into the vault, nowhere else
        findings = _findings(rng, item)
        photos = [_photo(rng, item, findings)] if photographed < PHOTOGRAPHED and rng.random() < 0.3 else []
        photographed += len(photos)
        examined = min(item.created_at + timedelta(hours=rng.uniform(1, 5)), now - timedelta(minutes=5))
        grade = rng.choice(GRADES)
        condition_report_write(
            item=item,
            occasion=ConditionOccasion.INTAKE,
            grade=grade,
            summary="Examined at intake." if not photos else "Examined at intake; see the marked photograph.",
            findings=findings,
            photos=photos,
            by=_author(item.office_id, people, fallback, rng),
            made_at=examined,
        )
        written += 1
        later = examined + timedelta(days=rng.uniform(5, 60))
        if rng.random() < 0.15 and later < now:
            condition_report_write(
                item=item,
                occasion=ConditionOccasion.VIEWING,
                grade=ConditionGrade.GOOD if grade != ConditionGrade.FAIR else ConditionGrade.FAIR,
                summary="Re-examined after a private viewing.",
                findings=_findings(rng, item, worse=True),
                by=_author(item.office_id, people, fallback, rng),
                made_at=later,
            )
            seconds += 1
    say(
        f"  condition reports: {written} at intake ({photographed} with a marked photograph), {seconds} after a viewing"
    )
