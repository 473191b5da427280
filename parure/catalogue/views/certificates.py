"""The certificate pages: a piece's laboratory reports with the match check per field, attaching
one with its scan, correcting and detaching it, downloading the scan; and the list of
laboratories. Each view validates, calls one service and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from parure.catalogue import matching, queries
from parure.catalogue.certificate_forms import CertificateForm, DetachForm, LaboratoryForm, apply_refusal
from parure.catalogue.errors import CatalogueError
from parure.catalogue.models import CatalogueRecord, Certificate, Laboratory
from parure.catalogue.services import certificates as services
from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.policy import acting_staff
from parure.core.uploads import UploadRefused, upload_bytes


def _record_or_404(stock_number: str) -> CatalogueRecord:
    try:
        return queries.record_for_stock_number(stock_number)
    except CatalogueError as refusal:
        raise Http404(refusal.message) from None


def _certificate_or_404(record: CatalogueRecord, pk: int) -> Certificate:
    try:
        return queries.certificate_of(record, pk)
    except CatalogueError as refusal:
        raise Http404(refusal.message) from None


def _scan(request: HttpRequest, form: CertificateForm) -> bytes | None:
    """The uploaded scan's bytes, or None; a file over the limit is refused beside the field."""
    try:
        return upload_bytes(request, request.FILES.get("pdf"), limit=services.pdf_size_limit())
    except UploadRefused as refusal:
        form.add_error("pdf", refusal.message)
        return None


@policy.requires("catalogue.view_certificates")
@require_GET
def certificates(request: HttpRequest, stock_number: str) -> HttpResponse:
    """The piece's reports, each finding beside the catalogued stone's, and those detached."""
    record = _record_or_404(stock_number)
    reports = list(queries.certificates_for(record))
    user: Any = request.user
    return render(
        request,
        "catalogue/certificates.html",
        {
            "record": record,
            "item": record.item,
            "rows": [(report, matching.match(report, report.stone) if report.stone else []) for report in reports],
            "detached": list(queries.certificates_for(record, detached=True)),
            "manages": user.has_perm("catalogue.manage_certificates"),
        },
    )


@policy.requires("catalogue.manage_certificates")
@require_http_methods(["GET", "POST"])
def certificate_attach(request: HttpRequest, stock_number: str) -> HttpResponse:
    """Attach a laboratory report, with its scanned PDF, to the piece and one of its stones."""
    record = _record_or_404(stock_number)
    form = CertificateForm(request.POST or None, request.FILES or None, record=record)
    if request.method == "POST":
        scan = _scan(request, form)
        if form.is_valid() and not form.has_error("pdf"):
            try:
                report = services.certificate_attach(
                    record=record, draft=form.draft(), pdf=scan, by=acting_staff(request)
                )
            except CatalogueError as refusal:
                apply_refusal(form, refusal)
            else:
                messages.success(request, f"{report.label} attached to {record.item.stock_number}.")
                return redirect("catalogue:certificates", record.item.stock_number)
    return render(
        request,
        "catalogue/certificate_form.html",
        {"record": record, "item": record.item, "form": form, "certificate": None},
        status=422 if request.method == "POST" else 200,
    )


@policy.requires("catalogue.manage_certificates")
@require_http_methods(["GET", "POST"])
def certificate_edit(request: HttpRequest, stock_number: str, pk: int) -> HttpResponse:
    """Correct a report's details or findings, or replace its scan."""
    record = _record_or_404(stock_number)
    report = _certificate_or_404(record, pk)
    form = CertificateForm(
        request.POST or None,
        request.FILES or None,
        record=record,
        certificate=report,
        initial=CertificateForm.initial_for(report),
    )
    if request.method == "POST":
        scan = _scan(request, form)
        if form.is_valid() and not form.has_error("pdf"):
            try:
                services.certificate_update(certificate=report, draft=form.draft(), pdf=scan, by=acting_staff(request))
            except CatalogueError as refusal:
                apply_refusal(form, refusal)
            else:
                messages.success(request, f"{report.laboratory.code} report {form.cleaned_data['number']} saved.")
                return redirect("catalogue:certificates", record.item.stock_number)
    return render(
        request,
        "catalogue/certificate_form.html",
        {"record": record, "item": record.item, "form": form, "certificate": report},
        status=422 if request.method == "POST" else 200,
    )


@policy.requires("catalogue.manage_certificates")
@require_http_methods(["GET", "POST"])
def certificate_detach(request: HttpRequest, stock_number: str, pk: int) -> HttpResponse:
    """Take a report off the piece, saying why; it is kept, with the reason, below the list."""
    record = _record_or_404(stock_number)
    report = _certificate_or_404(record, pk)
    form = DetachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_detach(
                certificate=report, reason=form.cleaned_data["reason"], by=acting_staff(request)
            )
        except CatalogueError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(request, f"{report.label} detached from {record.item.stock_number}.")
            return redirect("catalogue:certificates", record.item.stock_number)
    return render(
        request,
        "catalogue/certificate_detach.html",
        {"record": record, "item": record.item, "form": form, "certificate": report},
        status=422 if request.method == "POST" else 200,
    )


@policy.requires("catalogue.view_certificates")
@require_GET
def certificate_pdf(request: HttpRequest, stock_number: str, pk: int) -> FileResponse:
    """The scanned report, as it was attached."""
    record = _record_or_404(stock_number)
    report = _certificate_or_404(record, pk)
    if not report.pdf:
        raise Http404(f"{report.label} has no scan attached.")
    record_access(request, action=AccessAction.EXPORT, subject_kind="certificate", subject_ref=report.label)
    response = FileResponse(
        report.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=request.GET.get("download") == "1",
        filename=f"{record.item.stock_number} {report.label}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Laboratories --------------------------------------------------------------------------------


@policy.requires("catalogue.manage_laboratories")
@require_http_methods(["GET", "POST"])
def laboratories(request: HttpRequest) -> HttpResponse:
    """The laboratories whose reports the department attaches, and a form to add one."""
    form = LaboratoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.laboratory_save(**form.cleaned_data, by=acting_staff(request))
        except CatalogueError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(request, f"{added.code} added to the laboratories.")
            return redirect("catalogue:laboratories")
    return render(
        request,
        "catalogue/laboratories.html",
        {"laboratories": queries.laboratories(), "form": form},
        status=422 if request.method == "POST" else 200,
    )


@policy.requires("catalogue.manage_laboratories")
@require_http_methods(["GET", "POST"])
def laboratory_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a laboratory's names, or stop taking its reports."""
    laboratory = Laboratory.objects.filter(pk=pk).first()
    if laboratory is None:
        raise Http404(f"No laboratory has the id {pk}.")
    initial = {
        "code": laboratory.code,
        "name": laboratory.name,
        "country": laboratory.country,
        "active": laboratory.active,
    }
    form = LaboratoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.laboratory_save(laboratory=laboratory, **form.cleaned_data, by=acting_staff(request))
        except CatalogueError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(request, f"{form.cleaned_data['code']} saved.")
            return redirect("catalogue:laboratories")
    return render(
        request,
        "catalogue/laboratory_form.html",
        {"laboratory": laboratory, "form": form},
        status=422 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("laboratories/", laboratories, name="laboratories"),
    path("laboratories/<int:pk>/edit/", laboratory_edit, name="laboratory_edit"),
    path("<str:stock_number>/certificates/", certificates, name="certificates"),
    path("<str:stock_number>/certificates/attach/", certificate_attach, name="certificate_attach"),
    path("<str:stock_number>/certificates/<int:pk>/edit/", certificate_edit, name="certificate_edit"),
    path("<str:stock_number>/certificates/<int:pk>/detach/", certificate_detach, name="certificate_detach"),
    path("<str:stock_number>/certificates/<int:pk>/report.pdf", certificate_pdf, name="certificate_pdf"),
]
