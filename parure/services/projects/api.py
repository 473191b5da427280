"""The projects area's API (mounted by parure.services.api.router): projects (list, one, open), quotes (give,
record the client's acceptance), a milestone completed with the client's sign-off, a CAD revision, the
payment schedule and the materials. The same permissions as the pages; the budget and every amount are
null for a role without ``services.view_project_money``."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from parure.clients import queries as client_book
from parure.core.api import requires
from parure.core.models import Staff
from parure.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from parure.core.policy import acting_staff
from parure.services.projects import queries, services
from parure.services.projects.models import DesignProject, ProjectMaterial, ProjectQuote

router = Router()

VIEW = "services.view_projects"
PREPARE = "services.prepare_projects"
MANAGE = "services.manage_projects"
BIG_ID = 2**31 - 1

Number = Annotated[str, Path(max_length=24)]
RecordId = Annotated[int, Path(ge=1, le=BIG_ID)]
Amount = Annotated[str, Field(max_length=24)]
Metal = Literal["gold", "platinum", "palladium", "silver", "other"]
StatusName = Literal["", "open", "on_hold", "delivered", "cancelled"]
MilestoneName = Literal[
    "consultation", "agreement", "sketches", "cad", "written_approval", "model", "sourcing", "casting", "setting",
    "finishing", "hallmarking", "delivery",
]  # fmt: skip
Method = Literal["in_person", "email", "signature"]
Material = Literal["stone", "metal"]


class ProjectListQuery(Schema):
    status: StatusName = ""
    designer: int | None = Field(None, ge=1, le=BIG_ID)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class DesignProjectOut(Schema):
    number: str
    office: str
    title: str
    client_number: str
    client: str
    designer: str
    status: str
    metal: str
    currency: str
    budget: Decimal | None = Field(description="Null for a role that may not see a project's money.")
    current_milestone: str | None
    current_due: date | None


class DesignProjectPage(Schema):
    count: int
    results: list[DesignProjectOut]


class ProjectMilestoneOut(Schema):
    kind: str
    position: int
    due_on: date | None
    completed_at: datetime | None
    completed_by: str | None
    revisions: int
    signed_by: str
    sign_off_method: str
    signed_at: datetime | None


class ProjectQuoteOut(Schema):
    id: int
    amount: Decimal | None
    extra_revision_price: Decimal | None
    currency: str
    metal_basis: str
    valid_until: date
    status: str


class ProjectStageOut(Schema):
    kind: str
    amount: Decimal | None
    invoice: str
    standing: str


class ProjectMaterialOut(Schema):
    id: int
    kind: str
    status: str
    stock_number: str
    description: str
    supplier: str
    estimated_cost: Decimal | None


class DesignProjectDetailOut(DesignProjectOut):
    brief: str
    included_revisions: int
    milestones: list[ProjectMilestoneOut]
    quotes: list[ProjectQuoteOut]
    schedule: list[ProjectStageOut]
    materials: list[ProjectMaterialOut]


class DesignProjectIn(Schema):
    client_number: Annotated[str, Field(max_length=40)]
    title: Annotated[str, Field(max_length=services.TITLE_MAX)]
    brief: Annotated[str, Field(max_length=services.BRIEF_MAX)]
    designer: Annotated[str, Field(max_length=150, description="The designer's username.")]
    metal: Metal
    metal_weight_g: Annotated[str, Field(max_length=12)] = ""
    budget: Amount = ""
    currency: Annotated[str, Field(max_length=3)] = ""
    included_revisions: int = Field(3, ge=0, le=services.MAX_REVISIONS_INCLUDED)


class ProjectQuoteIn(Schema):
    amount: Amount
    metal_basis: Annotated[str, Field(max_length=services.BASIS_MAX)]
    valid_until: date
    extra_revision_price: Amount = "0"


class ProjectCompleteIn(Schema):
    milestone: MilestoneName
    signatory: Annotated[str, Field(max_length=services.SIGNATORY_MAX)] = ""
    method: Method | None = None
    signed_at: datetime | None = None
    note: Annotated[str, Field(max_length=services.NOTE_MAX)] = ""


class ProjectRevisionIn(Schema):
    note: Annotated[str, Field(max_length=services.NOTE_MAX)]


class ProjectStatusIn(Schema):
    action: Literal["hold", "resume", "cancel"]
    reason: Annotated[str, Field(max_length=services.NOTE_MAX)] = ""


class ProjectScheduleIn(Schema):
    deposit: Amount
    stage: Amount = "0"
    balance: Amount


class ProjectReserveIn(Schema):
    stock_number: Annotated[str, Field(max_length=40)]
    kind: Material
    note: Annotated[str, Field(max_length=services.DESCRIPTION_MAX)] = ""


class ProjectSourceIn(Schema):
    kind: Material
    description: Annotated[str, Field(max_length=services.DESCRIPTION_MAX)]
    supplier: Annotated[str, Field(max_length=services.SUPPLIER_MAX)]
    estimated_cost: Amount = ""


def _out(project: DesignProject, *, viewer: Any, label: Any) -> dict[str, Any]:
    sight = queries.ProjectSight(viewer)
    return {
        "number": project.number,
        "office": project.office.code,
        "title": project.title,
        "client_number": label.number if label else "",
        "client": label.name if label else "",
        "designer": project.designer.get_full_name(),
        "status": project.status,
        "metal": project.metal,
        "currency": project.currency,
        "budget": project.budget if sight.sees_money else None,
        "current_milestone": getattr(project, "current_kind", None),
        "current_due": getattr(project, "current_due", None),
    }


def _detail(request: HttpRequest, project: DesignProject) -> dict[str, Any]:
    viewer = acting_staff(request)
    project = queries.project_by_number(project.number)
    money = queries.ProjectSight(viewer).sees_money
    out = _out(project, viewer=viewer, label=queries.client_label(project, viewer=viewer))
    out["brief"] = project.brief
    out["included_revisions"] = project.included_revisions
    out["milestones"] = [
        {"kind": m.kind, "position": m.position, "due_on": m.due_on, "completed_at": m.completed_at,
         "completed_by": m.completed_by.get_full_name() if m.completed_by else None, "revisions": m.revisions,
         "signed_by": m.signed_by_name, "sign_off_method": m.sign_off_method, "signed_at": m.signed_at}
        for m in queries.milestones_of(project)
    ]  # fmt: skip
    out["quotes"] = [
        {"id": q.pk, "amount": q.amount if money else None, "extra_revision_price": q.extra_revision_price if money
         else None, "currency": q.currency, "metal_basis": q.metal_basis, "valid_until": q.valid_until,
         "status": q.status}
        for q in queries.quotes_of(project)
    ]  # fmt: skip
    out["schedule"] = [
        {"kind": row.stage.kind, "amount": row.stage.amount if money else None, "invoice": row.stage.invoice_number,
         "standing": row.standing}
        for row in queries.schedule_of(project, viewer=viewer)
    ]  # fmt: skip
    out["materials"] = [
        {"id": m.pk, "kind": m.kind, "status": m.status, "stock_number": m.stock_number, "description": m.description,
         "supplier": m.supplier, "estimated_cost": m.estimated_cost if money else None}
        for m in project.materials.all()
    ]  # fmt: skip
    return out


@router.get("/projects", response=DesignProjectPage, summary="Design projects, newest first")
@requires(VIEW)
def projects_list(request: HttpRequest, query: Query[ProjectListQuery]) -> dict[str, Any]:
    viewer = acting_staff(request)
    rows = queries.project_list(status=query.status, designer_id=query.designer)
    shown = list(rows[query.offset : query.offset + query.limit])
    labels = client_book.client_labels(viewer, {row.client_id for row in shown})
    return {
        "count": rows.count(),
        "results": [_out(row, viewer=viewer, label=labels.get(row.client_id)) for row in shown],
    }


@router.get("/projects/{number}", response=DesignProjectDetailOut, summary="A design project and its chain")
@requires(VIEW)
def project_detail(request: HttpRequest, number: Number) -> dict[str, Any]:
    return _detail(request, queries.project_by_number(number))


@router.post("/projects", response={201: DesignProjectDetailOut}, summary="Open a design project")
@requires(PREPARE)
def project_create(request: HttpRequest, payload: DesignProjectIn) -> Status[dict[str, Any]]:
    by = acting_staff(request)
    designer = Staff.objects.filter(username=payload.designer).first()
    project = services.project_open(
        client_number=payload.client_number,
        title=payload.title,
        brief=payload.brief,
        designer=designer,
        metal=payload.metal,
        metal_weight_g=payload.metal_weight_g,
        budget=payload.budget,
        currency=payload.currency,
        included_revisions=payload.included_revisions,
        by=by,
    )
    return Status(201, _detail(request, project))


@router.post("/projects/{number}/quotes", response={201: DesignProjectDetailOut}, summary="Give a quote")
@requires(PREPARE)
def project_quote(request: HttpRequest, number: Number, payload: ProjectQuoteIn) -> Status[dict[str, Any]]:
    project = queries.project_by_number(number)
    services.quote_make(project=project, amount=payload.amount, metal_basis=payload.metal_basis,
                        valid_until=payload.valid_until, extra_revision_price=payload.extra_revision_price,
                        by=acting_staff(request))  # fmt: skip
    return Status(201, _detail(request, project))


@router.post(
    "/projects/{number}/quotes/{quote_id}/accept", response=DesignProjectDetailOut,
    summary="Record the client's acceptance of a quote (refused once it has expired)",
)  # fmt: skip
@requires(MANAGE)
def project_quote_accept(request: HttpRequest, number: Number, quote_id: RecordId) -> Any:
    project = queries.project_by_number(number)
    quote = ProjectQuote.objects.filter(project=project, pk=quote_id).first()
    if quote is None:
        raise Http404("This project has no such quote.")
    services.quote_accept(quote=quote, by=acting_staff(request))
    return _detail(request, project)


@router.post(
    "/projects/{number}/milestones/complete", response=DesignProjectDetailOut,
    summary="Complete the current milestone, with the client's sign-off on an approval milestone",
)  # fmt: skip
@requires(MANAGE)
def project_milestone_complete(request: HttpRequest, number: Number, payload: ProjectCompleteIn) -> Any:
    project = queries.project_by_number(number)
    sign_off = None
    if payload.signatory or payload.method:
        sign_off = services.SignOff(payload.signatory, payload.method or "", payload.signed_at)
    services.milestone_complete(project=project, milestone=payload.milestone, sign_off=sign_off, note=payload.note,
                                by=acting_staff(request))  # fmt: skip
    return _detail(request, project)


@router.post("/projects/{number}/cad-revisions", response=DesignProjectDetailOut, summary="Record a CAD revision")
@requires(PREPARE)
def project_cad_revision(request: HttpRequest, number: Number, payload: ProjectRevisionIn) -> Any:
    project = queries.project_by_number(number)
    services.cad_revision_record(project=project, note=payload.note, by=acting_staff(request))
    return _detail(request, project)


@router.put("/projects/{number}/schedule", response=DesignProjectDetailOut, summary="Set the payment schedule")
@requires(MANAGE)
def project_schedule(request: HttpRequest, number: Number, payload: ProjectScheduleIn) -> Any:
    project = queries.project_by_number(number)
    services.schedule_set(project=project, deposit=payload.deposit, stage=payload.stage, balance=payload.balance,
                          by=acting_staff(request))  # fmt: skip
    return _detail(request, project)


@router.post("/projects/{number}/materials/reserve", response={201: DesignProjectDetailOut},
             summary="Reserve a piece from inventory for the project")  # fmt: skip
@requires(PREPARE)
def project_reserve(request: HttpRequest, number: Number, payload: ProjectReserveIn) -> Status[dict[str, Any]]:
    project = queries.project_by_number(number)
    services.material_reserve(project=project, stock_number=payload.stock_number, kind=payload.kind, note=payload.note,
                              by=acting_staff(request))  # fmt: skip
    return Status(201, _detail(request, project))


@router.post("/projects/{number}/materials/source", response={201: DesignProjectDetailOut},
             summary="A stone or metal to be sourced for the project")  # fmt: skip
@requires(PREPARE)
def project_source(request: HttpRequest, number: Number, payload: ProjectSourceIn) -> Status[dict[str, Any]]:
    project = queries.project_by_number(number)
    services.material_to_source(project=project, kind=payload.kind, description=payload.description,
                                supplier=payload.supplier, estimated_cost=payload.estimated_cost,
                                by=acting_staff(request))  # fmt: skip
    return Status(201, _detail(request, project))


@router.post("/projects/{number}/materials/{material_id}/release", response=DesignProjectDetailOut,
             summary="Release a piece reserved for the project")  # fmt: skip
@requires(MANAGE)
def project_release(request: HttpRequest, number: Number, material_id: RecordId) -> Any:
    project = queries.project_by_number(number)
    row = ProjectMaterial.objects.filter(project=project, pk=material_id).first()
    if row is None:
        raise Http404("This project has no such material.")
    services.material_release(material=row, by=acting_staff(request))
    return _detail(request, project)


@router.post(
    "/projects/{number}/status", response=DesignProjectDetailOut,
    summary="Put a project on hold or cancel it (with the reason; cancelling releases reservations), or resume it",
)  # fmt: skip
@requires(MANAGE)
def project_status(request: HttpRequest, number: Number, payload: ProjectStatusIn) -> Any:
    project = queries.project_by_number(number)
    by = acting_staff(request)
    if payload.action == "hold":
        services.project_hold(project=project, reason=payload.reason, by=by)
    elif payload.action == "resume":
        services.project_resume(project=project, by=by)
    else:
        services.project_cancel(project=project, reason=payload.reason, by=by)
    return _detail(request, project)
