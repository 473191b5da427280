"""Catalogue copy: generated from the record, edited, submitted, approved by a senior specialist
who wrote none of it, and locked when the lot is published.

Every write is one transaction on the copy's locked row and adds one append-only version with who,
when, the status it left the copy in and a note. Reads the pages and the API share are at the end.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from parure.catalogue import search
from parure.catalogue.choices import CopyAction, CopyStatus
from parure.catalogue.copywriting.diff import Operation, word_diff
from parure.catalogue.copywriting.figures import unheld_figures
from parure.catalogue.copywriting.generator import CopyText, generate
from parure.catalogue.copywriting.snapshot import snapshot
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import CatalogueCopy, CatalogueRecord, CopyVersion
from parure.catalogue.models.copy import HEADING_MAX, TEXT_MAX
from parure.catalogue.search.document import CopyText as SearchCopyText
from parure.catalogue.search.document import register_copy_reader
from parure.catalogue.validation import Flag, open_flags, register_flag_rule
from parure.core.models import Staff
from parure.core.text import unstorable

Code = CatalogueErrorCode
WRITING = (CopyAction.GENERATED, CopyAction.REGENERATED, CopyAction.EDITED)
FIELD_LABELS = {
    "heading": "heading",
    "description": "description",
    "lab_statements": "laboratory statements",
    "provenance": "provenance",
    "literature": "literature",
    "exhibitions": "exhibitions",
}


def copy_lock_row(copy_id: int) -> CatalogueCopy:
    """The copy's row, locked until the transaction ends."""
    return CatalogueCopy.objects.select_for_update().get(pk=copy_id)


def _check_version(copy: CatalogueCopy, expected_version: int | None) -> None:
    if expected_version is None:
        raise CatalogueError(
            f"Say which version of the copy you are changing (the latest is version {copy.version}).",
            field="version",
            code=Code.REQUIRED,
        )
    if expected_version != copy.version:
        raise CatalogueError(
            f"The copy has changed since you opened version {expected_version}: version {copy.version} is the "
            "latest. Reload it and make your change again.",
            field="version",
            code=Code.STALE,
        )


def _refuse_locked(copy: CatalogueCopy) -> None:
    if copy.status == CopyStatus.LOCKED:
        raise CatalogueError(
            f"The copy is locked ({copy.lock_reason}); it can no longer be changed.",
            field="copy",
            code=Code.COPY_LOCKED,
        )


def _checked(text: CopyText) -> CopyText:
    words = {name: value.replace("\r\n", "\n").strip() for name, value in text.as_dict().items()}
    if not words["heading"]:
        raise CatalogueError("The heading is required.", field="heading", code=Code.REQUIRED)
    if "\n" in words["heading"]:
        raise CatalogueError("The heading is one line.", field="heading", code=Code.INVALID)
    for name, value in words.items():
        limit = HEADING_MAX if name == "heading" else TEXT_MAX
        if len(value) > limit:
            raise CatalogueError(
                f"The {FIELD_LABELS[name]} is {len(value)} characters long; at most {limit} are kept.",
                field=name,
                code=Code.TOO_LONG,
            )
        if unstorable(value):
            raise CatalogueError(
                f"The {FIELD_LABELS[name]} holds characters that cannot be stored.", field=name, code=Code.INVALID
            )
    return CopyText(**words)


def _add_version(copy: CatalogueCopy, *, action: CopyAction, by: Staff, note: str = "") -> CopyVersion:
    # Every step of the workflow adds a version; search reads the copy's words and status anew.
    search.reindex(copy.record)
    return CopyVersion.objects.create(
        copy=copy, number=copy.version, action=action, status=copy.status, note=note, by=by, at=copy.updated_at,
        **copy.text.as_dict(),
    )  # fmt: skip


def _write(copy: CatalogueCopy, text: CopyText, *, by: Staff, action: CopyAction, note: str) -> CatalogueCopy:
    """New words: a new version, and copy that had been submitted or approved goes back to draft."""
    for name, value in text.as_dict().items():
        setattr(copy, name, value)
    copy.status = CopyStatus.DRAFT
    copy.submitted_by = copy.approved_by = None
    copy.submitted_at = copy.approved_at = None
    copy.version += 1
    copy.updated_at = timezone.now()
    copy.save()
    _add_version(copy, action=action, by=by, note=note)
    return copy


def copy_generate(*, record: CatalogueRecord, by: Staff, expected_version: int | None = None) -> CatalogueCopy:
    """Write the copy from the record: the first draft, or a new version that replaces the words
    (the edited ones stay in the versions)."""
    text = _checked(generate(snapshot(record)))
    with transaction.atomic():
        existing = CatalogueCopy.objects.select_for_update().filter(record=record).first()
        if existing is None:
            now = timezone.now()
            # By id: the caller's record is not left holding this copy in its cache, which a later
            # edit would make stale for the flag rules reading ``record.copy``.
            made = CatalogueCopy.objects.create(
                record_id=record.pk,
                author=by,
                created_at=now,
                updated_at=now,
                version=1,
                record_version=record.version,
                **text.as_dict(),
            )
            _add_version(made, action=CopyAction.GENERATED, by=by, note="Generated from the record")
            return made
        _refuse_locked(existing)
        _check_version(existing, expected_version)
        existing.record_version = record.version
        return _write(existing, text, by=by, action=CopyAction.REGENERATED, note="Regenerated from the record")


def copy_edit(
    *, copy: CatalogueCopy, by: Staff, expected_version: int | None, text: CopyText, note: str = ""
) -> CatalogueCopy:
    """Save edited words as a new version. Unchanged words save nothing."""
    checked = _checked(text)
    if len(note) > 200:
        raise CatalogueError("The note is at most 200 characters.", field="note", code=Code.TOO_LONG)
    with transaction.atomic():
        locked = copy_lock_row(copy.pk)
        _refuse_locked(locked)
        _check_version(locked, expected_version)
        if locked.text == checked:
            return locked
        return _write(locked, checked, by=by, action=CopyAction.EDITED, note=note.strip() or "Edited")


def copy_submit(*, copy: CatalogueCopy, by: Staff, expected_version: int | None) -> CatalogueCopy:
    """Put draft copy forward for a senior specialist's approval."""
    with transaction.atomic():
        locked = copy_lock_row(copy.pk)
        _refuse_locked(locked)
        _check_version(locked, expected_version)
        if locked.status != CopyStatus.DRAFT:
            raise CatalogueError(
                f"Only draft copy can be submitted; this copy is {locked.get_status_display().lower()}.",
                field="status",
                code=Code.COPY_NOT_DRAFT,
            )
        now = timezone.now()
        locked.status = CopyStatus.SUBMITTED
        locked.submitted_by, locked.submitted_at = by, now
        locked.version += 1
        locked.updated_at = now
        locked.save()
        _add_version(locked, action=CopyAction.SUBMITTED, by=by, note="Submitted for approval")
        return locked


def copy_authors(copy: CatalogueCopy) -> set[int]:
    """Everyone who wrote words of the copy (generated, regenerated or edited a version)."""
    return set(copy.versions.filter(action__in=WRITING).values_list("by_id", flat=True))


def copy_approve(*, copy: CatalogueCopy, by: Staff, expected_version: int | None) -> CatalogueCopy:
    """A senior specialist approves submitted copy they did not write, once no flag is open."""
    if not by.has_perm("catalogue.approve_copy"):
        raise CatalogueError("Only a senior specialist can approve copy.", field="copy", code=Code.NOT_ALLOWED)
    with transaction.atomic():
        locked = copy_lock_row(copy.pk)
        _refuse_locked(locked)
        _check_version(locked, expected_version)
        if locked.status != CopyStatus.SUBMITTED:
            raise CatalogueError(
                f"Only submitted copy can be approved; this copy is {locked.get_status_display().lower()}.",
                field="status",
                code=Code.COPY_NOT_SUBMITTED,
            )
        if by.pk in copy_authors(locked):
            raise CatalogueError(
                "You wrote words of this copy; another senior specialist must approve it.",
                field="copy",
                code=Code.OWN_COPY,
            )
        flags = open_flags(locked.record)
        if flags:
            more = f" ({len(flags) - 1} more flag{'s' if len(flags) > 2 else ''} open)" if len(flags) > 1 else ""
            raise CatalogueError(
                f"{flags[0].message}{more} Copy is approved once every flag is answered.",
                field=flags[0].field,
                code=Code.FLAGS_OPEN,
            )
        now = timezone.now()
        locked.status = CopyStatus.APPROVED
        locked.approved_by, locked.approved_at = by, now
        locked.version += 1
        locked.updated_at = now
        locked.save()
        _add_version(locked, action=CopyAction.APPROVED, by=by, note="Approved")
        return locked


def copy_lock(*, copy: CatalogueCopy, by: Staff, reason: str) -> CatalogueCopy:
    """Lock approved copy when its lot is published (the auctions app calls this; a senior may
    lock from the copy page until it does). Locked copy is never changed again."""
    reason = reason.strip()
    if not reason:
        raise CatalogueError(
            "Give the reason for locking the copy (the sale it is published in).", field="reason",
            code=Code.REASON_REQUIRED,
        )  # fmt: skip
    if len(reason) > 200:
        raise CatalogueError("The reason is at most 200 characters.", field="reason", code=Code.TOO_LONG)
    if not by.has_perm("catalogue.lock_copy"):
        raise CatalogueError("Only a senior specialist can lock copy.", field="copy", code=Code.NOT_ALLOWED)
    with transaction.atomic():
        locked = copy_lock_row(copy.pk)
        _refuse_locked(locked)
        if locked.status != CopyStatus.APPROVED:
            raise CatalogueError(
                f"Only approved copy can be locked; this copy is {locked.get_status_display().lower()}.",
                field="status",
                code=Code.COPY_NOT_APPROVED,
            )
        now = timezone.now()
        locked.status = CopyStatus.LOCKED
        locked.locked_by, locked.locked_at, locked.lock_reason = by, now, reason
        locked.version += 1
        locked.updated_at = now
        locked.save()
        _add_version(locked, action=CopyAction.LOCKED, by=by, note=f"Locked: {reason}")
        return locked


# --- The flag rule: copy that states a figure the record does not hold -----------------------------


def copy_figure_flags(record: CatalogueRecord) -> list[Flag]:
    """A flag for each carat weight, grade or report number in the copy that the record and its
    reports do not hold."""
    copy_relation: Any = CatalogueCopy._meta.get_field("record").remote_field
    if copy_relation.is_cached(record):  # prefetched for a list (see register)
        copy: CatalogueCopy | None = getattr(record, "copy", None)
    else:
        copy = CatalogueCopy.objects.filter(record=record).first()
    if copy is None:
        return []
    flags = []
    for figure in unheld_figures(copy.text, snapshot(record)):
        key = f"copy_figure:{figure.kind}:{figure.value}"
        flags.append(
            Flag(
                key=key[:120],
                fingerprint=hashlib.sha256(f"{figure.field}|{figure.value}".encode()).hexdigest(),
                field=figure.field,
                message=figure.message,
            )
        )
    return flags


def copy_texts_for_search(records: Sequence[CatalogueRecord]) -> dict[int, SearchCopyText]:
    """The copy of these records as search indexes it, in one query whatever their count."""
    rows = CatalogueCopy.objects.filter(record__in=[record.pk for record in records])
    return {
        row.record_id: SearchCopyText(status=row.status, heading=row.heading, description=row.description)
        for row in rows
    }


def register() -> None:
    register_flag_rule(
        copy_figure_flags,
        prefetch=["copy", "makers", "provenance", "references", "certificates__laboratory", "certificates__stone"],
    )
    register_copy_reader(copy_texts_for_search)


# --- Reads the pages and the API share -----------------------------------------------------------


def copy_of(record: CatalogueRecord) -> CatalogueCopy | None:
    return (
        CatalogueCopy.objects.select_related("record", "author", "submitted_by", "approved_by", "locked_by")
        .filter(record=record)
        .first()
    )


def versions_of(copy: CatalogueCopy) -> QuerySet[CopyVersion]:
    """Every version, newest first, with who made it."""
    return copy.versions.select_related("by").order_by("-number")


def version_of(copy: CatalogueCopy, number: int | None, *, field: str) -> CopyVersion:
    version = copy.versions.select_related("by").filter(number=number).first() if number is not None else None
    if version is None:
        raise CatalogueError(
            f"Choose a version from 1 to {copy.version} for ‘{field}’.", field=field, code=Code.INVALID
        )
    return version


@dataclass(frozen=True)
class FieldDiff:
    field: str
    label: str
    operations: list[Operation]

    @property
    def changed(self) -> bool:
        return any(operation.op != "equal" for operation in self.operations)


def copy_diff(
    *, copy: CatalogueCopy, before: int | None, after: int | None
) -> tuple[CopyVersion, CopyVersion, list[FieldDiff]]:
    """The word-level difference of every part of the copy between two of its versions."""
    old = version_of(copy, before, field="from")
    new = version_of(copy, after, field="to")
    return (
        old,
        new,
        [
            FieldDiff(name, FIELD_LABELS[name], word_diff(getattr(old, name), getattr(new, name)))
            for name in CopyText.FIELDS
        ],
    )
