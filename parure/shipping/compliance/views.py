"""Shipping's compliance pages: the export rules by kind, one rule with its change log, and the forms to
record a rule or edit one (with the reason). Views read the form, call one service and render the result;
a refusal re-renders the form with the sentence beside its field and what was typed kept."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.http import require_GET, require_http_methods

from parure.core import policy
from parure.core.clock import office_today
from parure.core.errors import DomainError
from parure.core.policy import acting_staff
from parure.shipping.compliance import forms, jurisdictions, queries, services
from parure.shipping.compliance.checks import in_force
from parure.shipping.compliance.choices import RuleKind
from parure.shipping.compliance.models import ComplianceRule
from parure.shipping.compliance.rules import MANAGE, VIEW
from parure.shipping.errors import ShippingError


def _rule_or_404(code: str) -> ComplianceRule:
    try:
        return queries.rule_by_code(code)
    except ShippingError as refusal:
        raise Http404(refusal.message) from None


def _row(rule: ComplianceRule, today: Any) -> dict[str, Any]:
    return {"rule": rule, "where": jurisdictions.names_of(rule.jurisdictions), "in_force": in_force(rule, today)}


@policy.requires(VIEW)
@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    viewer = acting_staff(request)
    today = office_today(viewer.office) if viewer.office else None
    rows = list(queries.rules())
    kinds = [
        {"label": kind.label, "rows": [_row(rule, today) for rule in rows if rule.kind == kind.value]}
        for kind in RuleKind
    ]
    return render(request, "shipping/compliance/rules.html", {
        "kinds": [kind for kind in kinds if kind["rows"]], "may_manage": viewer.has_perm(MANAGE), "today": today,
    })  # fmt: skip


@policy.requires(VIEW)
@require_GET
def rule_page(request: HttpRequest, code: str) -> HttpResponse:
    viewer = acting_staff(request)
    rule = _rule_or_404(code)
    today = office_today(viewer.office) if viewer.office else None
    return render(request, "shipping/compliance/rule.html", {
        **_row(rule, today), "may_manage": viewer.has_perm(MANAGE),
        "changes": [(change, change_summary(change.changed)) for change in rule.changes.all()],
    })  # fmt: skip


def change_summary(changed: dict[str, Any]) -> str:
    """What one change log row changed, in a line: "Recorded" for a rule's first row."""
    if changed and all(before is None for before, _ in changed.values()):
        return "Recorded"
    return "; ".join(f"{name}: {_shown(before)} → {_shown(after)}" for name, (before, after) in changed.items())


def _shown(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(str(word) for word in value)
    if value is None or value == "":
        return "—"
    return str(value)


def _show(form: forms.RuleForm, refusal: DomainError[Any]) -> None:
    name = (refusal.field or "").split(".")[0]
    form.add_error(name if name in form.fields else None, refusal.message)


@policy.requires(MANAGE)
@require_http_methods(["GET", "POST"])
def rule_form(request: HttpRequest, code: str | None = None) -> HttpResponse:
    by = acting_staff(request)
    rule = _rule_or_404(code) if code is not None else None
    editing = rule is not None
    if request.method != "POST":
        form = forms.RuleForm(initial=forms.initial_of(rule) if rule else None, editing=editing)
        return render(request, "shipping/compliance/rule_form.html", {"form": form, "rule": rule})
    form = forms.RuleForm(request.POST, initial=forms.initial_of(rule) if rule else None, editing=editing)
    status = 400
    if form.is_valid():
        try:
            if rule is None:
                saved = services.rule_create(draft=form.draft(), by=by, reason=form.cleaned_data["reason"])
            else:
                saved = services.rule_update(rule=rule, draft=form.draft(), by=by, reason=form.cleaned_data["reason"])
        except DomainError as refusal:
            _show(form, refusal)
            status = refusal.status
        else:
            messages.success(request, f"{saved.code} saved.")
            return redirect("shipping:rule", code=saved.code)
    return render(request, "shipping/compliance/rule_form.html", {"form": form, "rule": rule}, status=status)


urlpatterns: list[URLPattern | URLResolver] = [
    path("rules/", rule_list, name="rules"),
    path("rules/new/", rule_form, name="rule_new"),
    path("rules/<slug:code>/", rule_page, name="rule"),
    path("rules/<slug:code>/edit/", rule_form, name="rule_edit"),
]
