"""A piece's catalogue copy over the API: read it, write it from the record, edit it (naming the
version read), submit, approve, lock, its versions and the word-level difference between two."""

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from parure.catalogue.copywriting.diff import as_html
from parure.catalogue.copywriting.generator import CopyText
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import CatalogueCopy, CatalogueRecord, CopyVersion
from parure.catalogue.models.copy import HEADING_MAX, TEXT_MAX
from parure.catalogue.services import copy as services
from parure.catalogue.validation import open_flags
from parure.core.api import requires
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff
from parure.inventory.api.common import Shaped, item_named

router = Router()  # tagged "catalogue" by the router it is mounted on

VersionNumber = Annotated[int, Field(ge=1, le=2**31 - 1)]
Words = Annotated[str, Field(max_length=TEXT_MAX + 1)]


class CopyFlagOut(Schema):
    key: str
    field: str
    message: str


class CopyOut(Schema):
    stock_number: str
    status: str
    version: int
    record_version: int = Field(description="The record's version the words were last written from.")
    record_changed: bool = Field(description="The record was saved since; the copy may no longer agree with it.")
    heading: str
    description: str
    lab_statements: str
    provenance: str
    literature: str
    exhibitions: str
    author: str
    submitted_by: str | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    locked_by: str | None
    locked_at: datetime | None
    lock_reason: str
    open_flags: list[CopyFlagOut]


class VersionOut(Schema):
    number: int
    action: str
    status: str
    note: str
    by: str
    at: datetime
    heading: str
    description: str
    lab_statements: str
    provenance: str
    literature: str
    exhibitions: str


class OperationOut(Schema):
    op: str = Field(description="equal, insert or delete")
    text: str


class FieldDiffOut(Schema):
    field: str
    changed: bool
    operations: list[OperationOut]
    html: str


class DiffOut(Schema):
    from_version: int
    to_version: int
    fields: list[FieldDiffOut]


class GenerateIn(Schema):
    expected_version: VersionNumber | None = Field(None, description="The version read; needed once copy exists.")


class VersionIn(Schema):
    expected_version: VersionNumber


class EditIn(Schema):
    expected_version: VersionNumber
    heading: Annotated[str, Field(max_length=HEADING_MAX + 1)]
    description: Words = ""
    lab_statements: Words = ""
    provenance: Words = ""
    literature: Words = ""
    exhibitions: Words = ""
    note: Annotated[str, Field(max_length=200)] = ""


class LockIn(Schema):
    reason: Annotated[str, Field(max_length=200)]


class DiffQuery(Schema):
    from_version: VersionNumber = Field(..., alias="from")
    to_version: VersionNumber = Field(..., alias="to")


def _name(staff: Any) -> str | None:
    return staff.get_full_name() if staff is not None else None


def _record(stock_number: str) -> tuple[Any, CatalogueRecord]:
    piece = item_named(stock_number)
    record = CatalogueRecord.objects.filter(item=piece).first()
    if record is None:
        raise CatalogueError(
            f"{piece.stock_number} has no catalogue record yet; describe the piece first.",
            field="stock_number",
            code=CatalogueErrorCode.UNKNOWN_RECORD,
        )
    return piece, record


def _copy(stock_number: str) -> tuple[Any, CatalogueCopy]:
    piece, record = _record(stock_number)
    copy = services.copy_of(record)
    if copy is None:
        raise CatalogueError(
            f"{piece.stock_number} has no copy yet; generate it from the record.",
            field="stock_number",
            code=CatalogueErrorCode.NO_COPY,
        )
    return piece, copy


def copy_out(copy: CatalogueCopy, stock_number: str) -> dict[str, Any]:
    return {
        "stock_number": stock_number,
        "status": copy.status,
        "version": copy.version,
        "record_version": copy.record_version,
        "record_changed": copy.record_changed,
        **copy.text.as_dict(),
        "author": _name(copy.author),
        "submitted_by": _name(copy.submitted_by),
        "submitted_at": copy.submitted_at,
        "approved_by": _name(copy.approved_by),
        "approved_at": copy.approved_at,
        "locked_by": _name(copy.locked_by),
        "locked_at": copy.locked_at,
        "lock_reason": copy.lock_reason,
        "open_flags": [
            {"key": flag.key, "field": flag.field, "message": flag.message} for flag in open_flags(copy.record)
        ],
    }


def _answer(copy: CatalogueCopy, stock_number: str) -> dict[str, Any]:
    return copy_out(services.copy_of(copy.record) or copy, stock_number)


def version_out(version: CopyVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "action": version.action,
        "status": version.status,
        "note": version.note,
        "by": version.by.get_full_name(),
        "at": version.at,
        **version.text.as_dict(),
    }


@router.get("/{stock_number}", response=CopyOut, summary="A piece's copy as it stands")
@requires("catalogue.view_copy")
def copy_get(request: HttpRequest, stock_number: str) -> dict[str, Any]:
    piece, copy = _copy(stock_number)
    return copy_out(copy, piece.stock_number)


@router.post("/{stock_number}/generate", response=CopyOut, summary="Write the copy from the record")
@requires("catalogue.write_copy")
def copy_generate(request: HttpRequest, stock_number: str, payload: GenerateIn) -> dict[str, Any]:
    piece, record = _record(stock_number)
    made = services.copy_generate(record=record, by=acting_staff(request), expected_version=payload.expected_version)
    return _answer(made, piece.stock_number)


@router.post("/{stock_number}/edit", response=CopyOut, summary="Save edited copy as a new version")
@requires("catalogue.write_copy")
def copy_edit(request: HttpRequest, stock_number: str, payload: EditIn) -> dict[str, Any]:
    piece, copy = _copy(stock_number)
    text = CopyText(**{name: getattr(payload, name) for name in CopyText.FIELDS})
    saved = services.copy_edit(
        copy=copy, by=acting_staff(request), expected_version=payload.expected_version, text=text, note=payload.note
    )
    return _answer(saved, piece.stock_number)


@router.post("/{stock_number}/submit", response=CopyOut, summary="Submit draft copy for approval")
@requires("catalogue.write_copy")
def copy_submit(request: HttpRequest, stock_number: str, payload: VersionIn) -> dict[str, Any]:
    piece, copy = _copy(stock_number)
    done = services.copy_submit(copy=copy, by=acting_staff(request), expected_version=payload.expected_version)
    return _answer(done, piece.stock_number)


@router.post("/{stock_number}/approve", response=CopyOut, summary="Approve submitted copy you did not write")
@requires("catalogue.approve_copy")
def copy_approve(request: HttpRequest, stock_number: str, payload: VersionIn) -> dict[str, Any]:
    piece, copy = _copy(stock_number)
    done = services.copy_approve(copy=copy, by=acting_staff(request), expected_version=payload.expected_version)
    return _answer(done, piece.stock_number)


@router.post("/{stock_number}/lock", response=CopyOut, summary="Lock approved copy (the lot is published)")
@requires("catalogue.lock_copy")
def copy_lock(request: HttpRequest, stock_number: str, payload: LockIn) -> dict[str, Any]:
    piece, copy = _copy(stock_number)
    done = services.copy_lock(copy=copy, by=acting_staff(request), reason=payload.reason)
    return _answer(done, piece.stock_number)


@router.get("/{stock_number}/versions", response=list[VersionOut], summary="Every version of the copy, newest first")
@requires("catalogue.view_copy")
@paginate(LimitOffset)
def copy_versions(request: HttpRequest, stock_number: str) -> Any:
    _, copy = _copy(stock_number)
    return Shaped(services.versions_of(copy), version_out, lambda page: None)


@router.get("/{stock_number}/diff", response=DiffOut, summary="The word-level difference between two versions")
@requires("catalogue.view_copy")
def copy_diff(request: HttpRequest, stock_number: str, query: Query[DiffQuery]) -> dict[str, Any]:
    _, copy = _copy(stock_number)
    old, new, fields = services.copy_diff(copy=copy, before=query.from_version, after=query.to_version)
    return {
        "from_version": old.number,
        "to_version": new.number,
        "fields": [
            {
                "field": diff.field,
                "changed": diff.changed,
                "operations": [{"op": operation.op, "text": operation.text} for operation in diff.operations],
                "html": as_html(diff.operations),
            }
            for diff in fields
        ],
    }
