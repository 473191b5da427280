"""The projects area's pages (put together by parure.services.urls): the list, a new project, the project's
page with its chain, quote, schedule, files and materials, and one small POST per action on it. Each
action validates its form, calls one service and comes back to the project's page; a refusal is shown
beside the field it names, with what was typed kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, URLResolver, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.core import policy
from parure.core.errors import DomainError
from parure.core.policy import acting_staff
from parure.core.uploads import UploadRefused, upload_bytes
from parure.services.errors import ServicesError, ServicesErrorCode
from parure.services.projects import forms, queries, services
from parure.services.projects.choices import APPROVALS, MilestoneKind, ProjectStatus, QuoteStatus
from parure.services.projects.models import DesignProject, ProjectFile, ProjectMaterial, ProjectQuote

VIEW = "services.view_projects"
PREPARE = "services.prepare_projects"
MANAGE = "services.manage_projects"

FORMS: dict[str, type[django_forms.Form]] = {
    "complete": forms.CompleteForm,
    "revision": forms.RevisionForm,
    "quote": forms.QuoteForm,
    "schedule": forms.ScheduleForm,
    "file": forms.FileForm,
    "reserve": forms.ReserveForm,
    "source": forms.SourceForm,
    "status": forms.StatusForm,
    "due": forms.DueForm,
}


def _refuse(form: django_forms.Form, refusal: DomainError[Any]) -> None:
    # A refusal about a hidden field (the milestone the form is for) is shown above the form.
    shown = refusal.field in form.fields and not form.fields[refusal.field].widget.is_hidden
    field = refusal.field if shown else None
    form.add_error(field, refusal.message)


def _project_url(project: DesignProject) -> str:
    return reverse("services:project", args=[project.number])


@policy.requires(VIEW)
@require_GET
def projects(request: HttpRequest) -> HttpResponse:
    """The projects, filtered by status and designer, each with its current milestone and when it is due."""
    status = request.GET.get("status", "open")
    status = status if status in ProjectStatus.values or status == "all" else "open"
    designer_text = request.GET.get("designer", "")
    designer_id = int(designer_text) if designer_text.isdigit() and len(designer_text) < 10 else None
    by = acting_staff(request)
    office = by.office
    today = services.office_today(office) if office is not None else datetime.now().date()
    rows = queries.project_rows(
        queries.project_list(status="" if status == "all" else status, designer_id=designer_id), viewer=by, today=today
    )
    context = {
        "rows": rows,
        "status": status,
        "statuses": [("all", "All"), *ProjectStatus.choices],
        "designer_id": designer_id,
        "designers": queries.designers_with_projects(),
        "sees_money": queries.ProjectSight(by).sees_money,
        "can_prepare": by.has_perm(PREPARE),
    }
    return render(request, "services/projects/list.html", context)


@policy.requires(PREPARE)
@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest) -> HttpResponse:
    by = acting_staff(request)
    form = forms.ProjectForm(request.POST or None, designers=list(services.designers(by.office)))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            designer = next((d for d in services.designers(by.office) if d.pk == data["designer"]), None)
            try:
                project = services.project_open(
                    client_number=data["client_number"],
                    title=data["title"],
                    brief=data["brief"],
                    designer=designer,
                    metal=data["metal"],
                    metal_weight_g=data["metal_weight_g"],
                    budget=data["budget"],
                    currency=data["currency"],
                    included_revisions=data["included_revisions"],
                    by=by,
                )
            except DomainError as refusal:
                _refuse(form, refusal)
                status = refusal.status
            else:
                messages.success(request, f"Project {project.number} opened.")
                return redirect(_project_url(project))
        else:
            status = 422
    return render(request, "services/projects/new.html", {"form": form}, status=status)


def _page(
    request: HttpRequest,
    project: DesignProject,
    *,
    bound: tuple[str, django_forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    by = acting_staff(request)
    sight = queries.ProjectSight(by)
    milestones = queries.milestones_of(project)
    current = next((m for m in milestones if m.position == project.current_position), None)
    page_forms: dict[str, django_forms.Form] = {
        key: cls(initial={"milestone": current.kind} if current and key in ("complete", "due") else None)
        for key, cls in FORMS.items()
    }
    if current is not None:
        page_forms["file"].initial = {"milestone": current.kind}
    accepted = next((q for q in queries.quotes_of(project) if q.status == QuoteStatus.ACCEPTED), None)
    if accepted is not None and sight.sees_money and not project.stages.exists():
        # A suggestion to edit: 30% at the agreement, 40% at written approval, the rest at delivery.
        deposit = (accepted.amount * Decimal("0.30")).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        stage = (accepted.amount * Decimal("0.40")).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        page_forms["schedule"].initial = {
            "deposit": deposit,
            "stage": stage,
            "balance": accepted.amount - deposit - stage,
        }
    if bound is not None:
        page_forms[bound[0]] = bound[1]
    label = queries.client_label(project, viewer=by)
    is_open = project.status == ProjectStatus.OPEN
    context = {
        "project": project,
        "client": label,
        "milestones": milestones,
        "current": current,
        "approvals": APPROVALS,
        "quotes": [
            (quote, sight.money(project, quote.amount), sight.money(project, quote.extra_revision_price))
            for quote in queries.quotes_of(project)
        ],
        "schedule": queries.schedule_of(project, viewer=by),
        "files": list(project.files.select_related("milestone", "uploaded_by")),
        "materials": [
            (material, sight.money(project, material.estimated_cost) if material.estimated_cost is not None else "")
            for material in project.materials.select_related("added_by")
        ],
        "events": list(project.events.select_related("by").order_by("-at", "-id")[:100]),
        "budget": sight.money(project, project.budget),
        "sees_money": sight.sees_money,
        "can_prepare": is_open and by.has_perm(PREPARE),
        "can_manage": is_open and by.has_perm(MANAGE),
        "can_change_status": by.has_perm(MANAGE) and project.status in (ProjectStatus.OPEN, ProjectStatus.ON_HOLD),
        "is_open": is_open,
        "offered": QuoteStatus.OFFERED,
        "cad": MilestoneKind.CAD,
        "forms": page_forms,
    }
    return render(request, "services/projects/project.html", context, status=status)


@policy.requires(VIEW)
@require_GET
def project(request: HttpRequest, number: str) -> HttpResponse:
    return _page(request, queries.project_or_404(number))


Perform = Callable[[DesignProject, dict[str, Any], Any, HttpRequest], str]


def _act(request: HttpRequest, number: str, key: str, perform: Perform) -> HttpResponse:
    project = queries.project_or_404(number)
    form = FORMS[key](request.POST or None, request.FILES or None)
    if not form.is_valid():
        return _page(request, project, bound=(key, form), status=422)
    try:
        said = perform(project, form.cleaned_data, acting_staff(request), request)
    except DomainError as refusal:
        _refuse(form, refusal)
        return _page(request, project, bound=(key, form), status=refusal.status)
    messages.success(request, said)
    return redirect(_project_url(project))


@policy.requires(MANAGE)
@require_POST
def project_complete(request: HttpRequest, number: str) -> HttpResponse:
    def perform(project: DesignProject, data: dict[str, Any], by: Any, _: HttpRequest) -> str:
        sign_off = None
        if data["milestone"] in APPROVALS:
            sign_off = services.SignOff(data["signatory"], data["method"], data["signed_at"])
        row = services.milestone_complete(
            project=project, milestone=data["milestone"], sign_off=sign_off, note=data["note"], by=by
        )
        return f"{row.get_kind_display()} complete."

    return _act(request, number, "complete", perform)


@policy.requires(PREPARE)
@require_POST
def project_revision(request: HttpRequest, number: str) -> HttpResponse:
    def perform(project: DesignProject, data: dict[str, Any], by: Any, _: HttpRequest) -> str:
        cad = services.cad_revision_record(project=project, note=data["note"], by=by)
        return f"CAD revision {cad.revisions} recorded."

    return _act(request, number, "revision", perform)


@policy.requires(PREPARE)
@require_POST
def project_due(request: HttpRequest, number: str) -> HttpResponse:
    def perform(project: DesignProject, data: dict[str, Any], by: Any, _: HttpRequest) -> str:
        row = services.milestone_due_set(project=project, milestone=data["milestone"], due_on=data["due_on"], by=by)
        return f"{row.get_kind_display()}: due date saved."

    return _act(request, number, "due", perform)


@policy.requires(PREPARE)
@require_POST
def project_quote(request: HttpRequest, number: str) -> HttpResponse:
    def perform(project: DesignProject, data: dict[str, Any], by: Any, _: HttpRequest) -> str:
        quote = services.quote_make(
            project=project,
            amount=data["amount"],
            metal_basis=data["metal_basis"],
            valid_until=data["valid_until"],
            extra_revision_price=data["extra_revision_price"],
            by=by,
        )
        return f"Quote valid until {quote.valid_until:%-d %B %Y} given."

    return _act(request, number, "quote", perform)


@policy.requires(MANAGE)
@require_POST
def project_quote_accept(request: HttpRequest, number: str, quote_id: int) -> HttpResponse:
    found = queries.project_or_404(number)
    quote = ProjectQuote.objects.filter(project=found, pk=quote_id).first()
    if quote is None:
        raise Http404("This project has no such quote.")
    try:
        services.quote_accept(quote=quote, by=acting_staff(request))
    except DomainError as refusal:
        messages.error(request, refusal.message)
        return _page(request, found, status=refusal.status)
    messages.success(request, "The client's acceptance of the quote is recorded.")
    return redirect(_project_url(found))


@policy.requires(MANAGE)
@require_POST
def project_schedule(request: HttpRequest, number: str) -> HttpResponse:
    def perform(project: DesignProject, data: dict[str, Any], by: Any, _: HttpRequest) -> str:
        services.schedule_set(
            project=project, deposit=data["deposit"], stage=data["stage"], balance=data["balance"], by=by
        )
        return "Payment schedule saved."

    return _act(request, number, "schedule", perform)


@policy.requires(PREPARE)
@require_POST
def project_file(request: HttpRequest, number: str) -> HttpResponse:
    def perform(project: DesignProject, data: dict[str, Any], by: Any, req: HttpRequest) -> str:
        upload = data["file"]
        try:
            content = upload_bytes(req, upload, limit=services.file_size_limit()) or b""
        except UploadRefused as refusal:
            raise ServicesError(refusal.message, code=ServicesErrorCode.INVALID_FILE, field="file") from None
        row = services.file_attach(
            project=project,
            milestone=data["milestone"],
            kind=data["kind"],
            filename=upload.name or "",
            content=content,
            caption=data["caption"],
            by=by,
        )
        return f"‘{row.original_name}’ attached."

    return _act(request, number, "file", perform)


@policy.requires(VIEW)
@require_GET
def project_file_download(request: HttpRequest, number: str, file_id: int) -> FileResponse:
    found = queries.project_or_404(number)
    row = ProjectFile.objects.filter(project=found, pk=file_id).first()
    if row is None:
        raise Http404("This project has no such file.")
    inline = row.format in ("JPEG", "PNG", "WebP", "PDF")
    response = FileResponse(row.file.open("rb"), as_attachment=not inline, filename=row.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@policy.requires(PREPARE)
@require_POST
def project_reserve(request: HttpRequest, number: str) -> HttpResponse:
    def perform(project: DesignProject, data: dict[str, Any], by: Any, _: HttpRequest) -> str:
        row = services.material_reserve(
            project=project, stock_number=data["stock_number"], kind=data["kind"], note=data["note"], by=by
        )
        return f"{row.stock_number} reserved for the project."

    return _act(request, number, "reserve", perform)


@policy.requires(PREPARE)
@require_POST
def project_source(request: HttpRequest, number: str) -> HttpResponse:
    def perform(project: DesignProject, data: dict[str, Any], by: Any, _: HttpRequest) -> str:
        services.material_to_source(
            project=project,
            kind=data["kind"],
            description=data["description"],
            supplier=data["supplier"],
            estimated_cost=data["estimated_cost"],
            by=by,
        )
        return "Added to the materials to source."

    return _act(request, number, "source", perform)


@policy.requires(MANAGE)
@require_POST
def project_material(request: HttpRequest, number: str, material_id: int) -> HttpResponse:
    """Release a reserved piece, or mark a material to source as sourced (``action``)."""
    found = queries.project_or_404(number)
    row = ProjectMaterial.objects.filter(project=found, pk=material_id).first()
    if row is None:
        raise Http404("This project has no such material.")
    by = acting_staff(request)
    try:
        if request.POST.get("action") == "sourced":
            services.material_sourced(material=row, by=by)
            said = f"{row.description}: sourced."
        else:
            services.material_release(material=row, by=by)
            said = f"{row.stock_number} released."
    except DomainError as refusal:
        messages.error(request, refusal.message)
        return _page(request, found, status=refusal.status)
    messages.success(request, said)
    return redirect(_project_url(found))


@policy.requires(MANAGE)
@require_POST
def project_status(request: HttpRequest, number: str) -> HttpResponse:
    def perform(project: DesignProject, data: dict[str, Any], by: Any, _: HttpRequest) -> str:
        if data["action"] == "hold":
            services.project_hold(project=project, reason=data["reason"], by=by)
            return "Put on hold."
        if data["action"] == "resume":
            services.project_resume(project=project, by=by)
            return "Resumed."
        services.project_cancel(project=project, reason=data["reason"], by=by)
        return "Cancelled."

    return _act(request, number, "status", perform)


urlpatterns: list[URLPattern | URLResolver] = [
    path("projects/", projects, name="projects"),
    path("projects/new/", project_new, name="project_new"),
    path("projects/<str:number>/", project, name="project"),
    path("projects/<str:number>/complete/", project_complete, name="project_complete"),
    path("projects/<str:number>/revision/", project_revision, name="project_revision"),
    path("projects/<str:number>/due/", project_due, name="project_due"),
    path("projects/<str:number>/quote/", project_quote, name="project_quote"),
    path("projects/<str:number>/quotes/<int:quote_id>/accept/", project_quote_accept, name="project_quote_accept"),
    path("projects/<str:number>/schedule/", project_schedule, name="project_schedule"),
    path("projects/<str:number>/files/", project_file, name="project_file"),
    path("projects/<str:number>/files/<int:file_id>/", project_file_download, name="project_file_download"),
    path("projects/<str:number>/reserve/", project_reserve, name="project_reserve"),
    path("projects/<str:number>/source/", project_source, name="project_source"),
    path("projects/<str:number>/materials/<int:material_id>/", project_material, name="project_material"),
    path("projects/<str:number>/status/", project_status, name="project_status"),
]
