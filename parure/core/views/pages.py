"""My day, global search, the scan box, the staff directory, the access log and /healthz."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from parure.core import policy, registry
from parure.core.choices import AccessAction
from parure.core.models import AccessLogEntry, Office, Staff


@policy.requires("core.view_home")
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    panels = []
    for panel in sorted(registry.panels.values(), key=lambda p: p.order):
        if request.user.has_perm(panel.permission):
            panels.append({"panel": panel, "rows": panel.rows(request)})
    return render(request, "core/home.html", {"panels": panels, "today": timezone.localdate()})


@policy.requires("core.search")
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """Search every area the person may see. Queries are POSTed: names never appear in URLs."""
    query = request.POST.get("q", "").strip()
    groups = []
    if len(query) >= 2:
        for provider in sorted(registry.search_providers.values(), key=lambda p: p.order):
            if request.user.has_perm(provider.permission):
                hits = provider.search(request, query)
                if hits:
                    groups.append({"label": provider.label, "hits": hits})
    template = "core/search_results.html" if request.htmx else "core/search.html"  # type: ignore[attr-defined]
    return render(request, template, {"query": query, "groups": groups, "too_short": 0 < len(query) < 2})


@policy.requires("core.scan")
@require_GET
def scan(request: HttpRequest) -> HttpResponse:
    """Resolve a scanned or typed code to its record; otherwise say plainly why not."""
    code = request.GET.get("code", "").strip().upper()
    outcome: dict[str, Any] = {"code": code}
    if not code:
        outcome.update(status="empty", message="Scan or type a code, then press Enter.")
    else:
        for resolver in sorted(registry.scan_resolvers.values(), key=lambda r: r.order):
            if not request.user.has_perm(resolver.permission):
                continue
            try:
                url = resolver.resolve(request, code)
            except registry.ScanRefused as refusal:
                outcome.update(status="refused", message=str(refusal))
                break
            if url:
                if request.htmx:  # type: ignore[attr-defined]
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = url
                    return response
                return _record_page(request, url)
        else:
            outcome.update(status="unknown", message=f"Unknown code ‘{code}’: no piece or record has this number.")
    return render(request, "core/scan.html", outcome)


def _record_page(request: HttpRequest, url: str) -> HttpResponse:
    """The scanned record's page itself, in answer to the scan: one request, not a redirect and a second.

    The policy middleware has checked only the scan's own permission, so the page's declared
    permission is checked here; where the person may not open it (or it is not one of our pages),
    they are sent to it as before and the policy refuses them there. The layout tells the browser
    the page's own address (``page_location``), so the address bar, links and reloads name the record.
    """
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return redirect(url)
    access = policy.declared_access(match.func)
    if access is None or access in (policy.PUBLIC, policy.UNVERIFIED_OK) or not request.user.has_perm(access):
        return redirect(url)
    request.parure_location = url  # type: ignore[attr-defined]
    response: HttpResponse = match.func(request, *match.args, **match.kwargs)
    return response


@policy.requires("core.view_staff_directory")
@require_GET
def staff_directory(request: HttpRequest) -> HttpResponse:
    offices = Office.objects.order_by("name")
    people = Staff.objects.filter(is_active=True).select_related("office").order_by("office__name", "last_name")
    return render(request, "core/staff_directory.html", {"offices": offices, "people": people})


class AccessLogFilter(forms.Form):
    staff = forms.ModelChoiceField(queryset=Staff.objects.order_by("last_name"), required=False)
    action = forms.ChoiceField(choices=[("", "Any action"), *AccessAction.choices], required=False)
    subject_kind = forms.CharField(required=False, label="What")
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


@policy.requires("core.view_access_log")
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    form = AccessLogFilter(request.GET or None)
    entries = AccessLogEntry.objects.select_related("staff", "staff__office")
    if form.is_valid():
        data = form.cleaned_data
        if data["staff"]:
            entries = entries.filter(staff=data["staff"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["subject_kind"]:
            entries = entries.filter(subject_kind__istartswith=data["subject_kind"])
        tz = timezone.get_current_timezone()
        if data["since"]:
            entries = entries.filter(at__gte=datetime.combine(data["since"], time.min, tz))
        if data["until"]:
            entries = entries.filter(at__lte=datetime.combine(data["until"], time.max, tz))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/access_log.html", {"form": form, "page": page})


@policy.public
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers. Says nothing confidential."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "unavailable", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
