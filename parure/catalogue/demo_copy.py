"""Demonstration copy: every catalogue record the records demo made gets its copy, written from
the record by an assistant of the piece's office, and the records are spread over the workflow
(draft, submitted, approved by a senior, locked) so each stage can be seen."""

from __future__ import annotations

from collections.abc import Callable

from parure.catalogue.models import CatalogueRecord
from parure.catalogue.services.copy import copy_approve, copy_generate, copy_lock, copy_submit
from parure.catalogue.validation import open_flags
from parure.core.choices import Role
from parure.core.models import Staff

STAGES = ("draft", "submitted", "approved", "locked")
LOCK_REASON = "Published in the demonstration sale"


def _say_none(line: str) -> None:
    pass


def _staff(role: Role, office_id: int | None) -> list[Staff]:
    found = Staff.objects.filter(role=role, is_active=True).order_by("office_id", "pk")
    local = [member for member in found if member.office_id == office_id]
    return local or list(found)


def build(say: Callable[[str], None] = _say_none) -> None:
    """Copy for every record without one (records that already have copy are left as they are)."""
    records = list(CatalogueRecord.objects.filter(copy__isnull=True).select_related("item").order_by("pk"))
    if not records:
        say("  catalogue copy: no records without copy; nothing built")
        return
    made = dict.fromkeys(STAGES, 0)
    for index, record in enumerate(records):
        assistants = _staff(Role.SPECIALIST_ASSISTANT, record.item.office_id)
        seniors = _staff(Role.SENIOR_SPECIALIST, record.item.office_id)
        if not assistants or not seniors:
            say("  catalogue copy: no assistant or senior specialist to write and approve it; nothing built")
            return
        author, senior = assistants[index % len(assistants)], seniors[index % len(seniors)]
        copy = copy_generate(record=record, by=author)
        stage = STAGES[index % len(STAGES)]
        if stage != "draft":
            copy = copy_submit(copy=copy, by=author, expected_version=copy.version)
        if stage in ("approved", "locked") and not open_flags(record):
            copy = copy_approve(copy=copy, by=senior, expected_version=copy.version)
            if stage == "locked":
                copy = copy_lock(copy=copy, by=senior, reason=LOCK_REASON)
        made[copy.status] += 1
    say("  catalogue copy: " + ", ".join(f"{count} {stage}" for stage, count in made.items()))
