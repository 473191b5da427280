"""Import of a client list (preview, then all-or-nothing save) and export (its own permission,
every export in the access log). A large list is checked and saved as background work, whose
page shows the progress and then links to the result."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from parure.clients import jobs as client_jobs
from parure.clients import queries
from parure.clients.choices import ImportStatus
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.exports import export_file, export_rows
from parure.clients.forms import ImportForm, show_refusal
from parure.clients.models import ClientImport
from parure.clients.services import imports
from parure.clients.services.imports import FIELDS, import_discard, import_preview, import_save
from parure.clients.views.common import page
from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.errors import DomainError
from parure.core.jobs import job_start
from parure.core.models import BackgroundJob
from parure.core.policy import acting_staff
from parure.core.uploads import upload_bytes

PREVIEW_ROWS = 1000


@policy.requires("clients.import_clients")
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, initial={"specialist": request.user})
    if request.method == "POST" and form.is_valid():
        specialist = form.cleaned_data["specialist"]
        try:
            # Refused from its size, before it is read, and never echoed back.
            content = upload_bytes(request, form.cleaned_data["file"], limit=imports.MAX_BYTES)
            if content is None:
                raise ClientError(
                    "Choose the list to import (Excel or CSV).", field="file", code=ClientErrorCode.INVALID_FILE
                )
            name = form.cleaned_data["file"].name if form.cleaned_data["file"] else ""
            if len(content) > imports.BACKGROUND_FROM_BYTES:
                job = job_start(
                    kind=client_jobs.PREVIEW, by=acting_staff(request), params={"specialist": specialist.pk},
                    filename=name, upload=content,
                )  # fmt: skip
                return redirect("core:job", job_id=job.pk)
            preview = import_preview(filename=name, content=content, by=acting_staff(request), specialist=specialist)
        except DomainError as error:
            show_refusal(form, error)
        else:
            return redirect("clients:import_preview", import_id=preview.pk)
    recent = BackgroundJob.objects.filter(started_by=acting_staff(request), kind__startswith="clients.")[:5]
    return page(request, "clients/import.html", {"form": form, "fields": FIELDS, "recent_jobs": recent})


@policy.requires("clients.import_clients")
@require_http_methods(["GET", "POST"])
def import_review(request: HttpRequest, import_id: int) -> HttpResponse:
    client_import = (
        ClientImport.objects.filter(pk=import_id, uploaded_by=acting_staff(request))
        .select_related("specialist")
        .first()
    )
    if client_import is None:
        raise Http404("No such import of yours.")
    if request.method == "POST":
        try:
            if request.POST.get("action") == "discard":
                import_discard(client_import=client_import, by=acting_staff(request))
                messages.success(request, "Import discarded; nothing was saved.")
                return redirect("clients:import")
            keep = request.POST.get("keep_good_rows") == "1"
            if len(client_import.rows) > imports.BACKGROUND_FROM_ROWS:
                back = reverse("clients:import_preview", kwargs={"import_id": client_import.pk})
                job = job_start(
                    kind=client_jobs.SAVE, by=acting_staff(request), filename=client_import.filename,
                    params={"import_id": client_import.pk, "keep_good_rows": keep, "back_url": back},
                )  # fmt: skip
                return redirect("core:job", job_id=job.pk)
            made = import_save(client_import=client_import, by=acting_staff(request), keep_good_rows=keep)
        except ClientError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{made} client files opened.")
            return redirect("clients:list")
    rows = client_import.rows
    bad = client_import.error_rows
    # A long list shows its rows with problems or warnings first, and at most PREVIEW_ROWS rows.
    shown = sorted(rows, key=lambda row: not (row["errors"] or row["warnings"]))[:PREVIEW_ROWS]
    if len(rows) <= PREVIEW_ROWS:
        shown = rows
    return page(
        request, "clients/import_preview.html",
        {"client_import": client_import, "rows": shown, "total": len(rows), "good": len(rows) - bad,
         "fields": FIELDS, "bad": bad, "open": client_import.status == ImportStatus.PREVIEWED},
    )  # fmt: skip


@policy.requires("clients.export_clients")
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The files the person may see (optionally one tag) as CSV or Excel; logged."""
    tag = request.GET.get("tag", "").strip()
    clients = queries.client_list(request.user).prefetch_related("phones").order_by("number")
    if tag:
        clients = clients.filter(tags__name=tag)
    rows = export_rows(request.user, clients.iterator(chunk_size=2000))
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    record_access(
        request,
        action=AccessAction.EXPORT,
        subject_kind="export:clients",
        subject_ref=f"{len(rows)} files",
        detail=f"Client list as {fmt.upper()}" + (" (one tag)" if tag else ""),
    )
    content, content_type = export_file(rows, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="clients.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
