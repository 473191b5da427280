"""Import of a client list (preview, then all-or-nothing save) and export (its own permission,
every export in the access log)."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from parure.clients import queries
from parure.clients.choices import ImportStatus
from parure.clients.errors import ClientError
from parure.clients.forms import ImportForm, show_refusal
from parure.clients.models import ClientImport
from parure.clients.services.imports import FIELDS, import_discard, import_preview, import_save
from parure.clients.views.common import page
from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.policy import acting_staff


@policy.requires("clients.import_clients")
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, initial={"specialist": request.user})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = import_preview(
                filename=upload.name,
                content=upload.read(),
                by=acting_staff(request),
                specialist=form.cleaned_data["specialist"],
            )
        except ClientError as error:
            show_refusal(form, error)
        else:
            return redirect("clients:import_preview", import_id=preview.pk)
    return page(request, "clients/import.html", {"form": form, "fields": FIELDS})


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
            made = import_save(
                client_import=client_import,
                by=acting_staff(request),
                keep_good_rows=request.POST.get("keep_good_rows") == "1",
            )
        except ClientError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{made} client files opened.")
            return redirect("clients:list")
    rows = client_import.rows
    return page(
        request, "clients/import_preview.html",
        {"client_import": client_import, "rows": rows, "fields": FIELDS, "bad": client_import.error_rows,
         "open": client_import.status == ImportStatus.PREVIEWED},
    )  # fmt: skip


@policy.requires("clients.export_clients")
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The files the person may see (optionally one tag) as CSV or Excel; logged."""
    tag = request.GET.get("tag", "").strip()
    clients = queries.client_list(request.user).prefetch_related("phones").order_by("number")
    if tag:
        clients = clients.filter(tags__name=tag)
    rows = queries.export_rows(request.user, clients.iterator(chunk_size=2000))
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    record_access(
        request,
        action=AccessAction.EXPORT,
        subject_kind="export:clients",
        subject_ref=f"{len(rows)} files",
        detail=f"Client list as {fmt.upper()}" + (" (one tag)" if tag else ""),
    )
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Clients")
        sheet.append(queries.EXPORT_COLUMNS)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(queries.EXPORT_COLUMNS)
        writer.writerows(rows)
        response = HttpResponse(text.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="clients.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
