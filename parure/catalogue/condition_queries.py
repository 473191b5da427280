"""Reads of condition reports that the pages, the API and the PDF share: a piece's versions, one
report with its findings and photographs, the checklist a new report starts from, and the
comparison of two versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from parure.catalogue.checklist import CHECKLIST, aspect, value_label
from parure.catalogue.choices import ComponentKind, ConditionGrade, StoneRole
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import CatalogueRecord, ConditionFinding, ConditionPhoto, ConditionReport
from parure.catalogue.services.condition import FindingDraft

# A piece is the inventory's Item, read through its queries (the catalogue never imports its models).
Item = Any


def reports_for(item: Item) -> QuerySet[ConditionReport]:
    """The piece's reports, newest first, with who made them (one query; counts are annotated)."""
    from django.db.models import Count

    return (
        ConditionReport.objects.filter(item_id=item.pk)
        .select_related("made_by")
        .annotate(finding_count=Count("findings", distinct=True), photo_count=Count("photos", distinct=True))
        .order_by("-version")
    )


def report_of(item: Item, version: int) -> ConditionReport:
    """Report ``version`` of the piece with its findings and photographs; refused when there is none."""
    found = (
        ConditionReport.objects.filter(item_id=item.pk, version=version)
        .select_related("made_by")
        .prefetch_related(
            Prefetch("findings", queryset=ConditionFinding.objects.order_by("position")),
            Prefetch("photos", queryset=ConditionPhoto.objects.order_by("position")),
        )
        .first()
    )
    if found is None:
        raise CatalogueError(
            f"{item.stock_number} has no condition report {version}.",
            field="version",
            code=CatalogueErrorCode.UNKNOWN_RECORD,
        )
    return found


def latest_report(item: Item) -> ConditionReport | None:
    latest = ConditionReport.objects.filter(item_id=item.pk).order_by("-version").values_list("version", flat=True)
    version = latest.first()
    return report_of(item, version) if version is not None else None


def latest_version(item: Item) -> int:
    return (
        ConditionReport.objects.filter(item_id=item.pk).order_by("-version").values_list("version", flat=True).first()
        or 0
    )


# --- The checklist a new report starts from ------------------------------------------------------

_MECHANISMS = {
    "necklace": "Clasp",
    "bracelet": "Clasp",
    "brooch": "Pin and catch",
    "earrings": "Ear fittings",
    "cufflinks": "Fittings",
    "watch": "Clasp",
    "pendant": "Bail",
}


def _blank(component: str, kind: str) -> list[FindingDraft]:
    return [FindingDraft(component, kind, found.key, found.default) for found in CHECKLIST[kind]]


def _stone_kind(name: str) -> str:
    return ComponentKind.PEARL if "pearl" in name.lower() else ComponentKind.STONE


def prefill(item: Item) -> list[FindingDraft]:
    """The checklist for the piece's next report: the last report's findings as they were, or a
    blank checklist per component drawn from the catalogue record (or the intake's stones)."""
    latest = latest_report(item)
    if latest is not None:
        return [
            FindingDraft(finding.component, finding.component_kind, finding.aspect, finding.value, finding.note)
            for finding in latest.findings.all()
        ]
    rows = [] if item.category == "loose_stone" else _blank("Mount", ComponentKind.METAL)
    record = CatalogueRecord.objects.filter(item_id=item.pk).prefetch_related("stones").first()
    stones: list[tuple[str, str]] = []
    if record is not None:
        roles = {StoneRole.PRINCIPAL: "Principal", StoneRole.SECONDARY: "Secondary", StoneRole.ACCENT: "Accent"}
        for described in record.stones.all():
            name = (described.variety or described.species or "stone").strip()
            role = roles.get(StoneRole(described.role), "") if described.role in StoneRole.values else ""
            stones.append((f"{role} {name}".strip().capitalize(), _stone_kind(name)))
    else:
        for taken_in in item.stones.all():
            name = taken_in.species or "stone"
            plural = "s" if taken_in.count > 1 and not name.endswith("s") else ""
            stones.append((name.capitalize() + plural, _stone_kind(name)))
    seen: set[str] = set()
    for label_text, kind in stones:
        if label_text.casefold() in seen:
            continue
        seen.add(label_text.casefold())
        rows += _blank(label_text, kind)
    mechanism = _MECHANISMS.get(item.category)
    if mechanism is not None:
        rows += _blank(mechanism, ComponentKind.MECHANISM)
    return rows


# --- Comparing two versions ----------------------------------------------------------------------


@dataclass(frozen=True)
class FindingChange:
    aspect: str
    change: str  # "added", "removed", "changed", "note"
    before: str = ""
    after: str = ""
    note_before: str = ""
    note_after: str = ""

    def sentence(self) -> str:
        if self.change == "added":
            return f"{self.aspect}: added, {self.after}" + (f" ({self.note_after})" if self.note_after else "")
        if self.change == "removed":
            return f"{self.aspect}: removed (was {self.before})"
        if self.change == "changed":
            text = f"{self.aspect}: {self.before} → {self.after}"
            return text + (f" ({self.note_after})" if self.note_after and self.note_after != self.note_before else "")
        return f"{self.aspect}: note ‘{self.note_before}’ → ‘{self.note_after}’"


@dataclass(frozen=True)
class ComponentChanges:
    component: str
    status: str  # "added", "removed" or "changed"
    changes: list[FindingChange] = field(default_factory=list)


@dataclass(frozen=True)
class Comparison:
    older: ConditionReport
    newer: ConditionReport
    grade: tuple[str, str] | None
    components: list[ComponentChanges]
    photos: tuple[str, str] | None

    @property
    def unchanged(self) -> bool:
        return self.grade is None and not self.components and self.photos is None

    def lines(self) -> list[str]:
        """The comparison as plain sentences, one a line (the page and API show the same)."""
        out = []
        if self.grade is not None:
            out.append(f"Overall grade: {self.grade[0]} → {self.grade[1]}")
        for component in self.components:
            if component.status != "changed":
                out.append(f"{component.component}: component {component.status}")
            out += [f"{component.component} · {change.sentence()}" for change in component.changes]
        if self.photos is not None:
            out.append(f"Photographs: {self.photos[0]} → {self.photos[1]}")
        return out


def _aspect_label(kind: str, key: str) -> str:
    found = aspect(kind, key)
    return found.label if found is not None else key


def _photos_text(report: ConditionReport) -> str:
    photos = list(report.photos.all())
    markers = sum(len(photo.markers) for photo in photos)
    return f"{len(photos)} photograph{'s' * (len(photos) != 1)}, {markers} marker{'s' * (markers != 1)}"


def compare(older: ConditionReport, newer: ConditionReport) -> Comparison:
    """What changed from ``older`` to ``newer``: the grade, and per component the findings added,
    removed or changed (in the newer report's order, then components only the older had)."""
    grade = (
        (str(ConditionGrade(older.grade).label), str(ConditionGrade(newer.grade).label))
        if older.grade != newer.grade
        else None
    )
    before = {(finding.component, finding.aspect): finding for finding in older.findings.all()}
    after = {(finding.component, finding.aspect): finding for finding in newer.findings.all()}
    order: list[str] = []
    for component, _ in [*after, *before]:
        if component not in order:
            order.append(component)
    components = []
    for component in order:
        old_rows = [finding for key, finding in before.items() if key[0] == component]
        new_rows = [finding for key, finding in after.items() if key[0] == component]
        changes: list[FindingChange] = []
        for finding in new_rows:
            label = _aspect_label(finding.component_kind, finding.aspect)
            was = before.get((component, finding.aspect))
            if was is None:
                changes.append(FindingChange(label, "added", after=value_label(finding.value), note_after=finding.note))
            elif was.value != finding.value:
                changes.append(
                    FindingChange(
                        label,
                        "changed",
                        before=value_label(was.value),
                        after=value_label(finding.value),
                        note_before=was.note,
                        note_after=finding.note,
                    )
                )
            elif was.note != finding.note:
                changes.append(FindingChange(label, "note", note_before=was.note, note_after=finding.note))
        for finding in old_rows:
            if (component, finding.aspect) not in after:
                label = _aspect_label(finding.component_kind, finding.aspect)
                changes.append(FindingChange(label, "removed", before=value_label(finding.value)))
        if not old_rows:
            components.append(ComponentChanges(component, "added", changes))
        elif not new_rows:
            components.append(ComponentChanges(component, "removed", changes))
        elif changes:
            components.append(ComponentChanges(component, "changed", changes))
    photos_before, photos_after = _photos_text(older), _photos_text(newer)
    photos = (photos_before, photos_after) if photos_before != photos_after else None
    return Comparison(older, newer, grade, components, photos)
