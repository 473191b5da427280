"""The repairs area's pages (put together by parure.services.urls): the board, take-in, the job page and
its stage actions, the envelope scan, the PDFs, vendors and the task catalogue.

Views read the form, call one service and render the result; a refusal re-renders the page with the
sentence beside its field, what was typed kept, and the status the refusal carries.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, URLResolver, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.billing import queries as billing
from parure.clients import queries as client_book
from parure.core import policy
from parure.core.errors import DomainError
from parure.core.models import Staff
from parure.core.money import Money
from parure.core.policy import acting_staff
from parure.inventory.services import Witness, witness_confirm
from parure.services.errors import ServicesError
from parure.services.repairs import documents, forms, queries, services
from parure.services.repairs.choices import OPEN_STAGES, RepairStage
from parure.services.repairs.models import RepairJob, Vendor

VIEW = "services.view_repairs"
HANDLE = "services.handle_repairs"
CONFIDENTIAL = "services.see_repair_confidential"


def job_or_404(number: str) -> RepairJob:
    try:
        return queries.job_by_number(number)
    except ServicesError as refusal:
        raise Http404(refusal.message) from None


def _version(request: HttpRequest) -> int | None:
    text = request.POST.get("version", "")
    return int(text) if text.isdigit() and len(text) < 10 else None


def _vendor_choices(office: Any) -> list[tuple[int, str]]:
    if office is None:
        return []
    return [(vendor.pk, vendor.name) for vendor in queries.vendors(office, active_only=True)]


def _task_choices(office: Any) -> list[tuple[str, str]]:
    if office is None:
        return []
    return [
        (task.code, f"{task.name} — {Money.of(task.labour + task.material, task.currency).format(office.locale)}")
        for task in queries.tasks(office, active_only=True)
    ]


def _show(form: Any, refusal: DomainError[Any]) -> None:
    name = (refusal.field or "").split(".")[0]
    aliases = {"vendor_id": "vendor", "lines": "tasks"}
    name = aliases.get(name, name)
    form.add_error(name if name in form.fields else None, refusal.message)


def _witness(request: HttpRequest, by: Staff) -> Witness | None:
    username = request.POST.get("witness_username", "").strip()[:150]
    if not username:
        return None
    return witness_confirm(username=username, password=request.POST.get("witness_password", "")[:256], actor=by)


# --- The board -----------------------------------------------------------------------------------------


@policy.requires(VIEW)
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """Open jobs by stage with counts, what is overdue at each vendor, and the jobs themselves (filtered);
    a fixed number of queries at any size."""
    viewer = acting_staff(request)
    office = viewer.office
    form = forms.BoardFilterForm(request.GET or None, stages=[(s.value, s.label) for s in OPEN_STAGES],
                                 vendors=_vendor_choices(office))  # fmt: skip
    filters = queries.BoardFilters(office=office)
    if form.is_bound and form.is_valid():
        filters = queries.BoardFilters(office=office, stage=form.cleaned_data["stage"] or "",
                                       vendor_id=form.cleaned_data["vendor"],
                                       overdue_only=bool(form.cleaned_data["overdue"]))  # fmt: skip
    found = queries.board(viewer, filters)
    stages = [{"value": stage.value, "label": stage.label, "count": found.counts[stage.value]} for stage in OPEN_STAGES]
    return render(request, "services/repairs/board.html", {
        "board": found, "stages": stages, "form": form,
        "rows": [{"job": job, "label": found.labels.get(job.client_id)} for job in found.rows],
        "may_take_in": viewer.has_perm(HANDLE),
    })  # fmt: skip


# --- Take-in -------------------------------------------------------------------------------------------


@policy.requires(HANDLE)
@require_http_methods(["GET", "POST"])
def take_in(request: HttpRequest) -> HttpResponse:
    by = acting_staff(request)
    kwargs: dict[str, Any] = {"tasks": _task_choices(by.office), "vendors": _vendor_choices(by.office)}
    if request.method != "POST":
        return render(request, "services/repairs/take_in.html", {"form": forms.TakeInForm(**kwargs)})
    form = forms.TakeInForm(request.POST, request.FILES, **kwargs)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        draft = services.RepairDraft(
            client_number=data["client_number"], category=data["category"], description=data["description"],
            metal=data["metal"], client_states=data["client_states"], condition_notes=data["condition_notes"],
            condition_grade=data["condition_grade"], declared_value=data["declared_value"],
            estimate_only=data["estimate_only"], due_on=data["due_on"], vendor_id=data["vendor"],
            lines=form.lines(), photos=[services.PhotoUpload(c) for c in forms.photo_uploads(request.FILES)],
            signature=forms.signature_of(request.POST),
        )  # fmt: skip
        try:
            job = services.repair_take_in(draft=draft, by=by)
        except DomainError as refusal:
            _show(form, refusal)
            status = refusal.status
        else:
            messages.success(request, f"{job.number} taken in; print the envelope and the client's receipt.")
            return redirect("services:repair_job", number=job.number)
    return render(request, "services/repairs/take_in.html", {"form": form}, status=status)


# --- The job -------------------------------------------------------------------------------------------


def next_action(job: RepairJob) -> str:
    """The step the envelope's scan offers first."""
    if job.stage == RepairStage.TAKEN_IN:
        return "estimate"
    if job.stage == RepairStage.ESTIMATED:
        return "approve" if job.estimate_only and job.approved_at is None else RepairStage.AT_BENCH
    return {
        RepairStage.APPROVED: RepairStage.AT_BENCH,
        RepairStage.AT_BENCH: RepairStage.RETURNED,
        RepairStage.RETURNED: RepairStage.QUALITY_CHECKED,
        RepairStage.QUALITY_CHECKED: RepairStage.READY,
        RepairStage.READY: "collect",
    }.get(RepairStage(job.stage), "")


ACTION_LABELS = {
    "estimate": "Price it",
    "approve": "Record the client's approval",
    RepairStage.AT_BENCH: "Send to the bench",
    RepairStage.RETURNED: "Back from the bench",
    RepairStage.QUALITY_CHECKED: "Quality checked",
    RepairStage.READY: "Ready: tell the client",
    "collect": "Collected by the client",
}


def _job_context(request: HttpRequest, job: RepairJob, **forms_given: Any) -> dict[str, Any]:
    viewer = acting_staff(request)
    sight = queries.RepairSight(viewer)
    label = client_book.client_labels(viewer, [job.client_id]).get(job.client_id)
    lines = list(job.lines.all())
    total = sum((line.amount for line in lines), Money.of(0, job.currency).amount)
    invoice = None
    if sight.charges and job.invoice_number:
        invoice = billing.invoice_summary(job.invoice_number)
    action = next_action(job)
    vendors = _vendor_choices(job.office)
    tasks = _task_choices(job.office)
    return {
        "job": job, "sight": sight, "client_label": label, "lines": lines,
        "total": Money.of(total, job.currency).format(job.office.locale), "invoice": invoice,
        "invoice_total": invoice.total.format(job.office.locale) if invoice else "",
        "invoice_due": invoice.due.format(job.office.locale) if invoice else "",
        "declared": Money.of(job.declared_value, job.currency).format(job.office.locale) if sight.confidential else "",
        "history": list(job.history.all()),
        "photos": list(job.photos.all()) if sight.confidential else [],
        "next_action": action, "next_label": ACTION_LABELS.get(action, ""),
        "is_open": job.stage in OPEN_STAGES, "office_mine": viewer.office_id == job.office_id,
        "may_add_line": sight.handles and viewer.office_id == job.office_id and not job.invoice_number
        and job.stage in (RepairStage.TAKEN_IN, RepairStage.ESTIMATED),
        "line_form": forms_given.get("line_form") or forms.LineForm(tasks=tasks),
        "approve_form": forms_given.get("approve_form") or forms.ApproveForm(initial={"amount": total}),
        "stage_form": forms_given.get("stage_form") or forms.StageForm(vendors=vendors),
        "collect_form": forms_given.get("collect_form") or forms.CollectForm(),
        "refusal": forms_given.get("refusal"),
    }  # fmt: skip


@policy.requires(VIEW)
@require_GET
def job_page(request: HttpRequest, number: str) -> HttpResponse:
    job = job_or_404(number)
    return render(request, "services/repairs/job.html", _job_context(request, job))


@policy.requires(HANDLE)
@require_POST
def job_act(request: HttpRequest, number: str) -> HttpResponse:
    """One action on the job from its page or the scan page: add a task, price, approve, a stage, collect,
    cancel."""
    by = acting_staff(request)
    job = job_or_404(number)
    action = request.POST.get("action", "")[:20]
    version = _version(request)
    given: dict[str, Any] = {}
    try:
        if action == "add_line":
            form: Any = forms.LineForm(request.POST, tasks=_task_choices(job.office))
            given["line_form"] = form
            if not form.is_valid():
                raise _invalid(form)
            data = form.cleaned_data
            services.repair_lines_add(job=job, by=by, expected_version=version, lines=[services.LineDraft(
                task_code=data["task_code"], quantity=data["quantity"], labour=data["labour"],
                material=data["material"], description=data["description"])])  # fmt: skip
            done = "Task added."
        elif action in ("update_line", "remove_line"):
            form = forms.LineUpdateForm(request.POST)
            if not form.is_valid():
                raise _invalid(form)
            data = form.cleaned_data
            services.repair_line_update(job=job, position=data["position"], by=by, quantity=data["quantity"],
                                        labour=data["labour"], material=data["material"],
                                        remove=action == "remove_line", expected_version=version)  # fmt: skip
            done = "Task removed." if action == "remove_line" else "Task changed."
        elif action == "estimate":
            services.repair_estimate(job=job, by=by, note=request.POST.get("note", "")[:500], expected_version=version)
            done = "Priced."
        elif action == "approve":
            form = forms.ApproveForm(request.POST)
            given["approve_form"] = form
            if not form.is_valid():
                raise _invalid(form)
            data = form.cleaned_data
            services.repair_approve(job=job, by=by, channel=data["channel"], amount=data["amount"], note=data["note"],
                                    expected_version=version)  # fmt: skip
            done = "The client's approval is recorded."
        elif action == "stage":
            form = forms.StageForm(request.POST, vendors=_vendor_choices(job.office))
            given["stage_form"] = form
            if not form.is_valid():
                raise _invalid(form)
            data = form.cleaned_data
            request_ = services.StageRequest(to=data["to"], note=data["note"], vendor_id=data["vendor"],
                                             due_on=data["due_on"], vendor_quote=data["vendor_quote"],
                                             witness=_witness(request, by))  # fmt: skip
            services.repair_stage_change(job=job, request=request_, by=by, expected_version=version)
            done = f"{job.number}: {RepairStage(data['to']).label.lower()}."
        elif action in ("collect", "cancel"):
            form = forms.CollectForm(request.POST)
            given["collect_form"] = form
            if not form.is_valid():
                raise _invalid(form)
            data = form.cleaned_data
            signature = forms.signature_of(request.POST)
            if action == "collect":
                services.repair_collect(job=job, by=by, signature=signature, override_reason=data["override_reason"],
                                        witness=_witness(request, by), expected_version=version)  # fmt: skip
                done = f"{job.number} collected."
            else:
                services.repair_cancel(job=job, by=by, reason=data["reason"], signature=signature,
                                       witness=_witness(request, by), expected_version=version)  # fmt: skip
                done = f"{job.number} cancelled; the piece went back to the client."
        else:
            raise ServicesError("Choose what to do with the job.", field="action", code=services.E.INVALID)
    except DomainError as refusal:
        job = job_or_404(number)
        return render(request, "services/repairs/job.html", _job_context(request, job, refusal=refusal, **given),
                      status=refusal.status)  # fmt: skip
    messages.success(request, done)
    return redirect("services:repair_job", number=job.number)


def _invalid(form: Any) -> ServicesError:
    name, errors = next(iter(form.errors.items()))
    label = form.fields[name].label if name in form.fields else ""
    return ServicesError(f"{label}: {errors[0]}" if label else str(errors[0]), field=name, code=services.E.INVALID)


# --- The envelope scan ---------------------------------------------------------------------------------


@policy.requires(VIEW)
@require_GET
def scan(request: HttpRequest) -> HttpResponse:
    """Scan or type an envelope number: the job's page, opened at its next step."""
    code = request.GET.get("code", "")[:60]
    refusal = ""
    if code.strip():
        try:
            job = queries.job_by_number(code)
        except ServicesError as refused:
            refusal = refused.message
        except Http404 as missing:
            refusal = str(missing)
        else:
            return redirect(reverse("services:repair_job", kwargs={"number": job.number}) + "#next")
    status = 404 if refusal else 200
    return render(request, "services/repairs/scan.html", {"code": code, "refusal": refusal}, status=status)


# --- Images and documents -------------------------------------------------------------------------------


@policy.requires(CONFIDENTIAL)
@require_GET
def photo(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    job = job_or_404(number)
    found = next((p for p in job.photos.all() if p.pk == pk), None)
    if found is None:
        raise Http404("No such photograph.")
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@policy.requires(CONFIDENTIAL)
@require_GET
def signature(request: HttpRequest, number: str, which: str) -> HttpResponse:
    job = job_or_404(number)
    content = job.intake_signature if which == "intake" else job.collection_signature if which == "collection" else None
    if not content:
        raise Http404("No signature drawn.")
    response = HttpResponse(bytes(content), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@policy.requires(VIEW)
@require_GET
def envelope_pdf(request: HttpRequest, number: str) -> HttpResponse:
    job = job_or_404(number)
    content = documents.envelope(job, viewer=acting_staff(request))
    return documents.pdf_response(content, f"{job.number} envelope.pdf", download=request.GET.get("download") == "1")


@policy.requires(VIEW)
@require_GET
def receipt_pdf(request: HttpRequest, number: str) -> HttpResponse:
    job = job_or_404(number)
    content = documents.receipt(job, viewer=acting_staff(request))
    return documents.pdf_response(content, f"{job.number} receipt.pdf", download=request.GET.get("download") == "1")


# --- Vendors and the task catalogue ---------------------------------------------------------------------


@policy.requires("services.view_repair_vendors")
@require_GET
def vendor_list(request: HttpRequest) -> HttpResponse:
    viewer = acting_staff(request)
    rows = list(queries.vendors(viewer.office))
    return render(request, "services/repairs/vendors.html", {
        "vendors": rows, "may_manage": viewer.has_perm("services.manage_repair_vendors"),
        "today": services.office_today(viewer.office) if viewer.office else None,
    })  # fmt: skip


def _vendor_or_404(pk: int) -> Vendor:
    return queries.vendor_by_id(pk)


@policy.requires("services.view_repair_vendors")
@require_GET
def vendor_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = acting_staff(request)
    vendor = _vendor_or_404(pk)
    jobs = list(queries.jobs().filter(vendor=vendor, stage=RepairStage.AT_BENCH).order_by("due_on", "pk")[:200])
    return render(request, "services/repairs/vendor.html", {
        "vendor": vendor, "jobs": jobs, "may_manage": viewer.has_perm("services.manage_repair_vendors"),
        "today": services.office_today(vendor.office),
    })  # fmt: skip


def _vendor_draft(data: dict[str, Any]) -> services.VendorDraft:
    values: dict[str, Any] = {name: data.get(name) for name in forms.VendorForm.base_fields}
    return services.VendorDraft(**values)


@policy.requires("services.manage_repair_vendors")
@require_http_methods(["GET", "POST"])
def vendor_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    by = acting_staff(request)
    vendor = _vendor_or_404(pk) if pk is not None else None
    initial = {name: getattr(vendor, name) for name in forms.VendorForm.base_fields} if vendor else None
    if request.method != "POST":
        form = forms.VendorForm(initial=initial)
        return render(request, "services/repairs/vendor_form.html", {"form": form, "vendor": vendor})
    form = forms.VendorForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            if vendor is None:
                if by.office is None:
                    raise ServicesError(f"{by} has no office.", code=services.E.REFUSED)
                vendor = services.vendor_create(office=by.office, draft=_vendor_draft(form.cleaned_data), by=by)
            else:
                services.vendor_update(vendor=vendor, draft=_vendor_draft(form.cleaned_data), by=by)
        except DomainError as refusal:
            _show(form, refusal)
            status = refusal.status
        else:
            messages.success(request, f"{vendor.name} saved.")
            return redirect("services:repair_vendor", pk=vendor.pk)
    return render(request, "services/repairs/vendor_form.html", {"form": form, "vendor": vendor}, status=status)


@policy.requires("services.view_repairs")
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    viewer = acting_staff(request)
    rows = list(queries.tasks(viewer.office))
    return render(request, "services/repairs/tasks.html", {
        "tasks": rows, "may_manage": viewer.has_perm("services.manage_repair_tasks"),
        "sees_charges": viewer.has_perm("services.view_repair_charges"),
    })  # fmt: skip


@policy.requires("services.manage_repair_tasks")
@require_http_methods(["GET", "POST"])
def task_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    by = acting_staff(request)
    task = queries.task_by_id(pk) if pk is not None else None
    if request.method != "POST":
        initial = {name: getattr(task, name) for name in forms.TaskForm.base_fields} if task else None
        return render(
            request, "services/repairs/task_form.html", {"form": forms.TaskForm(initial=initial), "task": task}
        )
    form = forms.TaskForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            office = task.office if task else by.office
            if office is None:
                raise ServicesError(f"{by} has no office.", code=services.E.REFUSED)
            draft = services.TaskDraft(code=data["code"], name=data["name"], labour=data["labour"],
                                       material=data["material"], is_active=data["is_active"])  # fmt: skip
            services.task_save(office=office, draft=draft, by=by, task=task)
        except DomainError as refusal:
            _show(form, refusal)
            status = refusal.status
        else:
            messages.success(request, f"{data['code'].upper()} saved.")
            return redirect("services:repair_tasks")
    return render(request, "services/repairs/task_form.html", {"form": form, "task": task}, status=status)


urlpatterns: list[URLPattern | URLResolver] = [
    path("repairs/", board, name="repairs"),
    path("repairs/new/", take_in, name="repair_new"),
    path("repairs/scan/", scan, name="repair_scan"),
    path("repairs/vendors/", vendor_list, name="repair_vendors"),
    path("repairs/vendors/new/", vendor_form, name="repair_vendor_new"),
    path("repairs/vendors/<int:pk>/", vendor_page, name="repair_vendor"),
    path("repairs/vendors/<int:pk>/edit/", vendor_form, name="repair_vendor_edit"),
    path("repairs/tasks/", task_list, name="repair_tasks"),
    path("repairs/tasks/new/", task_form, name="repair_task_new"),
    path("repairs/tasks/<int:pk>/edit/", task_form, name="repair_task_edit"),
    path("repairs/<str:number>/", job_page, name="repair_job"),
    path("repairs/<str:number>/act/", job_act, name="repair_act"),
    path("repairs/<str:number>/envelope.pdf", envelope_pdf, name="repair_envelope"),
    path("repairs/<str:number>/receipt.pdf", receipt_pdf, name="repair_receipt"),
    path("repairs/<str:number>/photos/<int:pk>/", photo, name="repair_photo"),
    path("repairs/<str:number>/signatures/<str:which>.png", signature, name="repair_signature"),
]
