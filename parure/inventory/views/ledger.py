"""The custody ledger, and verifying its chain."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.models import Office
from parure.inventory import ledger as chain
from parure.inventory import queries
from parure.inventory.forms import EVENT_KIND_CHOICES


@policy.requires("inventory.view_ledger")
@require_GET
def ledger(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    office_code = request.GET.get("office", "")
    office = Office.objects.filter(code=office_code).first() if office_code else None
    page = Paginator(queries.ledger_events(kind=kind, office=office), 50).get_page(request.GET.get("page"))
    seq, link = chain.head()
    return render(
        request,
        "inventory/ledger.html",
        {
            "page": page,
            "kinds": EVENT_KIND_CHOICES,
            "kind": kind,
            "offices": Office.objects.order_by("name"),
            "office_code": office_code,
            "head": f"{seq}:{link}",
            "head_seq": seq,
        },
    )


@policy.requires("inventory.verify_ledger")
@require_POST
def ledger_verify(request: HttpRequest) -> HttpResponse:
    """Re-walk the whole chain now; with a head recorded earlier, prove nothing was cut off."""
    recorded = request.POST.get("head", "").strip()
    error = ""
    expected = None
    if recorded:
        try:
            expected = chain.parse_head(recorded)
        except ValueError as problem:
            error = str(problem)
    result = None if error else chain.verify(expected_head=expected)
    if result is not None:
        record_access(
            request,
            action=AccessAction.VIEW,
            subject_kind="custody_ledger_verification",
            subject_ref=result.head_text,
            detail="verified" if result.ok else f"failed at {result.problem_seq}",
        )
    template = "inventory/partials/verification.html" if request.htmx else "inventory/verification.html"  # type: ignore[attr-defined]
    return render(
        request, template, {"result": result, "error": error, "recorded": recorded}, status=200 if not error else 422
    )
