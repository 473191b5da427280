"""The repairs area's API (mounted by parure.services.api.router under /api/v1/services): jobs (list, one,
take-in, add tasks, approve, a stage change, collect), the task catalogue and vendors. The same
permissions as the pages; declared values and condition notes only for those who handle jobs and the
auditors, amounts only for those who read charges."""

import base64
import binascii
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from parure.clients import queries as client_book
from parure.core.api import requires
from parure.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from parure.core.policy import acting_staff
from parure.services.errors import ServicesError, ServicesErrorCode
from parure.services.repairs import queries, services
from parure.services.repairs.choices import OPEN_STAGES, SignatureKind
from parure.services.repairs.models import RepairJob, RepairTask, Vendor
from parure.services.repairs.services import LINES_MAX, PHOTOS_MAX, SIGNATURE_MAX_BYTES

router = Router()

Number = Annotated[str, Field(max_length=24)]
Short = Annotated[str, Field(max_length=200)]
Note = Annotated[str, Field(max_length=500)]
Amount = Annotated[str, Field(max_length=24)]
Base64 = Annotated[str, Field(max_length=(SIGNATURE_MAX_BYTES * 4) // 3 + 8)]
PhotoBase64 = Annotated[str, Field(max_length=(8 * 1024 * 1024 * 4) // 3 + 8)]
Stage = Literal["", "taken_in", "estimated", "approved", "at_bench", "returned", "quality_checked", "ready"]
MoveTo = Literal["estimated", "at_bench", "returned", "quality_checked", "ready"]
Channel = Literal["in_person", "phone", "email"]
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


class RepairJobQuery(Schema):
    stage: Stage = ""
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class RepairLineOut(Schema):
    position: int
    task_code: str
    description: str
    quantity: int
    labour: Decimal | None = Field(None, description="For those who read charges.")
    material: Decimal | None = None
    amount: Decimal | None = None


class RepairHistoryOut(Schema):
    from_stage: str
    to_stage: str
    by: str
    at: Any
    note: str


class RepairJobOut(Schema):
    number: str
    office: str
    stage: str
    stock_number: str
    description: str
    client: str
    client_number: str
    estimate_only: bool
    due_on: date
    vendor: str
    version: int


class RepairJobDetailOut(RepairJobOut):
    client_states: str
    declared_value: Decimal | None = Field(None, description="For those who handle jobs, and auditors.")
    condition_notes: str | None = None
    currency: str
    total: Decimal | None = None
    invoice_number: str | None = None
    approved_channel: str
    lines: list[RepairLineOut]
    history: list[RepairHistoryOut]


class RepairJobPage(Schema):
    count: int
    results: list[RepairJobOut]


class RepairLineIn(Schema):
    task_code: Annotated[str, Field(max_length=20)] = ""
    description: Short = ""
    quantity: int = Field(1, ge=1, le=99)
    labour: Amount | None = None
    material: Amount | None = None


class RepairSignatureIn(Schema):
    kind: Literal["tablet", "printed"]
    png_base64: Base64 = ""


class RepairPhotoIn(Schema):
    content_base64: PhotoBase64
    caption: Short = ""


class RepairTakeInIn(Schema):
    client_number: Annotated[str, Field(max_length=20)]
    category: Annotated[str, Field(max_length=30)]
    description: Short
    metal: Annotated[str, Field(max_length=40)] = ""
    client_states: Annotated[str, Field(max_length=2000)] = ""
    condition_notes: Annotated[str, Field(max_length=4000)] = ""
    condition_grade: Literal["excellent", "very_good", "good", "fair", "poor"] = "good"
    declared_value: Amount
    estimate_only: bool = False
    due_on: date
    vendor_id: Id | None = None
    lines: list[RepairLineIn] = Field(default_factory=list, max_length=LINES_MAX)
    photos: list[RepairPhotoIn] = Field(default_factory=list, max_length=PHOTOS_MAX)
    signature: RepairSignatureIn


class RepairLinesIn(Schema):
    lines: list[RepairLineIn] = Field(..., min_length=1, max_length=LINES_MAX)
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class RepairLineUpdateIn(Schema):
    quantity: int | None = Field(None, ge=1, le=99)
    labour: Amount | None = None
    material: Amount | None = None
    remove: bool = False
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class RepairApproveIn(Schema):
    channel: Channel
    amount: Amount
    note: Note = ""
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class RepairStageIn(Schema):
    to: MoveTo
    note: Note = ""
    vendor_id: Id | None = None
    due_on: date | None = None
    vendor_quote: Amount | None = None
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class RepairCollectIn(Schema):
    signature: RepairSignatureIn | None = None
    override_reason: Note = ""
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class RepairTaskOut(Schema):
    id: int
    office: str
    code: str
    name: str
    currency: str
    labour: Decimal | None = None
    material: Decimal | None = None
    is_active: bool


class RepairTaskIn(Schema):
    code: Annotated[str, Field(max_length=20)]
    name: Annotated[str, Field(max_length=120)]
    labour: Amount
    material: Amount = "0.00"
    is_active: bool = True


class RepairVendorIn(Schema):
    kind: Literal["in_house", "bench_jeweler", "workshop", "engraver", "stone_setter", "polisher", "stringer"]
    name: Annotated[str, Field(max_length=120)]
    contact_person: Annotated[str, Field(max_length=120)] = ""
    email: Annotated[str, Field(max_length=254)] = ""
    phone: Annotated[str, Field(max_length=40)] = ""
    address: Annotated[str, Field(max_length=500)] = ""
    insurer: Annotated[str, Field(max_length=120)] = ""
    policy_number: Annotated[str, Field(max_length=60)] = ""
    cover_limit: Amount | None = None
    cover_currency: Annotated[str, Field(max_length=3)] = ""
    insurance_expires_on: date | None = None
    notes: Annotated[str, Field(max_length=2000)] = ""


class RepairVendorOut(Schema):
    id: int
    office: str
    kind: str
    name: str
    contact_person: str
    email: str
    phone: str
    insurer: str
    policy_number: str
    cover_limit: Decimal | None
    cover_currency: str
    insurance_expires_on: date | None
    place_code: str
    at_bench: int
    is_active: bool


def _decoded(text: str, *, field: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ServicesError(
            "The file is not base64-encoded.", field=field, code=ServicesErrorCode.INVALID_FILE
        ) from None


def _signature(given: RepairSignatureIn | None) -> services.SignatureDraft | None:
    if given is None:
        return None
    if given.kind == "printed":
        return services.SignatureDraft(SignatureKind.PRINTED)
    return services.SignatureDraft(SignatureKind.TABLET, _decoded(given.png_base64, field="signature"))


def _line(given: RepairLineIn) -> services.LineDraft:
    return services.LineDraft(task_code=given.task_code, quantity=given.quantity, labour=given.labour,
                              material=given.material, description=given.description)  # fmt: skip


def _job(number: str) -> RepairJob:
    return queries.job_by_number(number)


def _job_out(job: RepairJob, labels: dict[int, Any]) -> dict[str, Any]:
    label = labels.get(job.client_id)
    return {
        "number": job.number, "office": job.office.code, "stage": job.stage, "stock_number": job.item.stock_number,
        "description": job.description, "client": label.name if label else "",
        "client_number": label.number if label else "",
        "estimate_only": job.estimate_only, "due_on": job.due_on, "vendor": job.vendor.name if job.vendor else "",
        "version": job.version,
    }  # fmt: skip


def _detail(request: HttpRequest, number: str) -> dict[str, Any]:
    viewer = acting_staff(request)
    sight = queries.RepairSight(viewer)
    job = _job(number)
    out = _job_out(job, client_book.client_labels(viewer, [job.client_id]))
    lines = list(job.lines.all())
    out.update(
        client_states=job.client_states,
        declared_value=job.declared_value if sight.confidential else None,
        condition_notes=job.condition_notes if sight.confidential else None,
        currency=job.currency,
        total=sum((line.amount for line in lines), Decimal("0.00")) if sight.charges else None,
        invoice_number=job.invoice_number if sight.charges else None,
        approved_channel=job.approval_channel,
        lines=[
            {"position": line.position, "task_code": line.task.code if line.task else "",
             "description": line.description,
             "quantity": line.quantity, "labour": line.labour if sight.charges else None,
             "material": line.material if sight.charges else None, "amount": line.amount if sight.charges else None}
            for line in lines
        ],
        history=[
            {"from_stage": change.from_stage, "to_stage": change.to_stage, "by": str(change.by), "at": change.at,
             "note": change.note}
            for change in job.history.all()
        ],
    )  # fmt: skip
    return out


@router.get("/repairs", response=RepairJobPage, summary="Open repair jobs of your office, oldest due first")
@requires("services.view_repairs")
def repair_jobs_list(request: HttpRequest, query: Query[RepairJobQuery]) -> dict[str, Any]:
    viewer = acting_staff(request)
    rows = queries.jobs().filter(stage__in=OPEN_STAGES)
    if viewer.office is not None:
        rows = rows.filter(office=viewer.office)
    if query.stage:
        rows = rows.filter(stage=query.stage)
    count = rows.count()
    page = list(rows.order_by("due_on", "pk")[query.offset : query.offset + query.limit])
    labels = client_book.client_labels(viewer, {job.client_id for job in page})
    return {"count": count, "results": [_job_out(job, labels) for job in page]}


@router.post("/repairs", response={201: RepairJobDetailOut}, summary="Take a client's piece in for repair")
@requires("services.handle_repairs")
def repair_job_take_in(request: HttpRequest, payload: RepairTakeInIn) -> tuple[int, dict[str, Any]]:
    photos = [services.PhotoUpload(_decoded(p.content_base64, field=f"photos.{i}"), p.caption)
              for i, p in enumerate(payload.photos)]  # fmt: skip
    draft = services.RepairDraft(
        client_number=payload.client_number, category=payload.category, description=payload.description,
        metal=payload.metal, client_states=payload.client_states, condition_notes=payload.condition_notes,
        condition_grade=payload.condition_grade, declared_value=payload.declared_value,
        estimate_only=payload.estimate_only, due_on=payload.due_on, vendor_id=payload.vendor_id,
        lines=[_line(line) for line in payload.lines], photos=photos, signature=_signature(payload.signature),
    )  # fmt: skip
    job = services.repair_take_in(draft=draft, by=acting_staff(request))
    return 201, _detail(request, job.number)


@router.get("/repairs/{number}", response=RepairJobDetailOut, summary="A repair job, its tasks and history")
@requires("services.view_repairs")
def repair_job_detail(request: HttpRequest, number: Number) -> dict[str, Any]:
    return _detail(request, number)


@router.post("/repairs/{number}/lines", response=RepairJobDetailOut, summary="Add tasks to a job not yet charged")
@requires("services.handle_repairs")
def repair_job_add_lines(request: HttpRequest, number: Number, payload: RepairLinesIn) -> dict[str, Any]:
    services.repair_lines_add(job=_job(number), lines=[_line(line) for line in payload.lines],
                              by=acting_staff(request), expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post("/repairs/{number}/lines/{position}", response=RepairJobDetailOut, summary="Change or remove a task")
@requires("services.handle_repairs")
def repair_job_update_line(
    request: HttpRequest,
    number: Number,
    position: Annotated[int, Field(ge=1, le=LINES_MAX * 10)],
    payload: RepairLineUpdateIn,
) -> dict[str, Any]:
    services.repair_line_update(job=_job(number), position=position, by=acting_staff(request),
                                quantity=payload.quantity, labour=payload.labour, material=payload.material,
                                remove=payload.remove, expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post("/repairs/{number}/approve", response=RepairJobDetailOut, summary="Record the client's approval")
@requires("services.handle_repairs")
def repair_job_approve(request: HttpRequest, number: Number, payload: RepairApproveIn) -> dict[str, Any]:
    services.repair_approve(job=_job(number), by=acting_staff(request), channel=payload.channel, amount=payload.amount,
                            note=payload.note, expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post("/repairs/{number}/stage", response=RepairJobDetailOut, summary="Move a job to its next stage")
@requires("services.handle_repairs")
def repair_job_stage(request: HttpRequest, number: Number, payload: RepairStageIn) -> dict[str, Any]:
    wanted = services.StageRequest(to=payload.to, note=payload.note, vendor_id=payload.vendor_id,
                                   due_on=payload.due_on, vendor_quote=payload.vendor_quote)  # fmt: skip
    services.repair_stage_change(job=_job(number), request=wanted, by=acting_staff(request),
                                 expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


@router.post("/repairs/{number}/collect", response=RepairJobDetailOut, summary="The client collects the piece")
@requires("services.handle_repairs")
def repair_job_collect(request: HttpRequest, number: Number, payload: RepairCollectIn) -> dict[str, Any]:
    services.repair_collect(job=_job(number), by=acting_staff(request), signature=_signature(payload.signature),
                            override_reason=payload.override_reason, expected_version=payload.version)  # fmt: skip
    return _detail(request, number)


def _task_out(task: RepairTask, charges: bool) -> dict[str, Any]:
    return {"id": task.pk, "office": task.office.code, "code": task.code, "name": task.name, "currency": task.currency,
            "labour": task.labour if charges else None, "material": task.material if charges else None,
            "is_active": task.is_active}  # fmt: skip


@router.get("/repair-tasks", response=list[RepairTaskOut], summary="Your office's task catalogue")
@requires("services.view_repairs")
def repair_tasks_list(request: HttpRequest) -> list[dict[str, Any]]:
    viewer = acting_staff(request)
    charges = viewer.has_perm("services.view_repair_charges")
    return [_task_out(task, charges) for task in queries.tasks(viewer.office)[:500]]


def _office(request: HttpRequest) -> Any:
    office = acting_staff(request).office
    if office is None:
        raise ServicesError(
            "You have no office; catalogues and vendors are an office's.", code=ServicesErrorCode.REFUSED
        )
    return office


@router.post("/repair-tasks", response={201: RepairTaskOut}, summary="Add a task to your office's catalogue")
@requires("services.manage_repair_tasks")
def repair_task_create(request: HttpRequest, payload: RepairTaskIn) -> tuple[int, dict[str, Any]]:
    draft = services.TaskDraft(code=payload.code, name=payload.name, labour=payload.labour, material=payload.material,
                               is_active=payload.is_active)  # fmt: skip
    task = services.task_save(office=_office(request), draft=draft, by=acting_staff(request))
    return 201, _task_out(task, True)


def _vendor_out(vendor: Vendor) -> dict[str, Any]:
    return {
        "id": vendor.pk, "office": vendor.office.code, "kind": vendor.kind, "name": vendor.name,
        "contact_person": vendor.contact_person, "email": vendor.email, "phone": vendor.phone,
        "insurer": vendor.insurer, "policy_number": vendor.policy_number, "cover_limit": vendor.cover_limit,
        "cover_currency": vendor.cover_currency, "insurance_expires_on": vendor.insurance_expires_on,
        "place_code": vendor.location.code, "at_bench": getattr(vendor, "open_jobs", 0), "is_active": vendor.is_active,
    }  # fmt: skip


@router.get("/repair-vendors", response=list[RepairVendorOut], summary="Your office's bench jewelers and vendors")
@requires("services.view_repair_vendors")
def repair_vendors_list(request: HttpRequest) -> list[dict[str, Any]]:
    viewer = acting_staff(request)
    return [_vendor_out(vendor) for vendor in queries.vendors(viewer.office)[:500]]


@router.post("/repair-vendors", response={201: RepairVendorOut}, summary="Add a vendor, with its custody place")
@requires("services.manage_repair_vendors")
def repair_vendor_create(request: HttpRequest, payload: RepairVendorIn) -> tuple[int, dict[str, Any]]:
    draft = services.VendorDraft(**payload.model_dump())
    vendor = services.vendor_create(office=_office(request), draft=draft, by=acting_staff(request))
    return 201, _vendor_out(queries.vendor_by_id(vendor.pk))


@router.get("/repair-vendors/{vendor_id}", response=RepairVendorOut, summary="One vendor")
@requires("services.view_repair_vendors")
def repair_vendor_detail(request: HttpRequest, vendor_id: Id) -> dict[str, Any]:
    return _vendor_out(queries.vendor_by_id(vendor_id))
