"""Shipping's carriers pages: the carriers and the transit policies, each listed for every viewer and edited
by those who keep the shipping setup. A refusal re-renders the form with the sentence beside its field,
what was typed kept, and the status the refusal carries."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.http import require_GET, require_http_methods

from parure.core import policy
from parure.core.models import Office
from parure.core.policy import acting_staff
from parure.shipping.carriers import forms, queries, services
from parure.shipping.carriers.checks import country_name, joined, money
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.choices import ServiceLevel, SignatureRule
from parure.shipping.errors import ShippingError

VIEW = "shipping.view_shipping"
MANAGE = "shipping.manage_shipping_setup"


def _locale(request: HttpRequest) -> str:
    office = acting_staff(request).office
    return office.locale if office is not None else "en_US"


def _show(form: Any, refusal: ShippingError) -> None:
    name = {"office_id": "office"}.get(refusal.field or "", refusal.field or "")
    form.add_error(name if name in form.fields else None, refusal.message)


def _amount(amount: Any, currency: str, locale: str, empty: str) -> str:
    return money(amount, currency, locale) if amount is not None else empty


def carrier_row(carrier: Carrier, locale: str) -> dict[str, Any]:
    """A carrier as its list shows it, in words."""
    refusals = []
    if carrier.refuses_loose_stones:
        refusals.append("loose stones")
    refusals += list(carrier.refused_materials or [])
    signature = str(SignatureRule(carrier.signature_rule).label)
    if carrier.signature_rule == SignatureRule.ABOVE_VALUE and carrier.signature_above is not None:
        signature = f"Signature above {money(carrier.signature_above, carrier.currency, locale)}"
    if carrier.countries:
        reach = joined([country_name(code, locale) for code in carrier.countries])
    else:
        reach = "Everywhere" if carrier.international else "Within the country"
    if carrier.countries and not carrier.international:
        reach += " (within the country)"
    return {
        "carrier": carrier, "level": str(ServiceLevel(carrier.level).label),
        "limit": _amount(carrier.max_per_parcel, carrier.currency, locale, "No limit stated"),
        "refusals": joined(refusals) or "—", "signature": signature, "reach": reach,
    }  # fmt: skip


@policy.requires(VIEW)
@require_GET
def carrier_list(request: HttpRequest) -> HttpResponse:
    viewer = acting_staff(request)
    locale = _locale(request)
    rows = [carrier_row(carrier, locale) for carrier in queries.carriers()]
    return render(request, "shipping/carriers/carriers.html", {"rows": rows, "may_manage": viewer.has_perm(MANAGE)})


def _carrier_or_404(pk: int) -> Carrier:
    try:
        return queries.carrier_by_pk(pk)
    except ShippingError as refusal:
        raise Http404(refusal.message) from None


@policy.requires(MANAGE)
@require_http_methods(["GET", "POST"])
def carrier_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    by = acting_staff(request)
    carrier = _carrier_or_404(pk) if pk is not None else None
    template = "shipping/carriers/carrier_form.html"
    if request.method != "POST":
        form = forms.CarrierForm(initial=forms.CarrierForm.initial_for(carrier) if carrier else None)
        return render(request, template, {"form": form, "carrier": carrier})
    form = forms.CarrierForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            saved = services.carrier_save(carrier=carrier, data=form.carrier_input(), by=by)
        except ShippingError as refusal:
            _show(form, refusal)
            status = refusal.status
        else:
            messages.success(request, f"{saved.name} saved.")
            return redirect("shipping:carriers")
    return render(request, template, {"form": form, "carrier": carrier}, status=status)


def policy_row(found: InsurancePolicy, locale: str) -> dict[str, Any]:
    levels = [str(ServiceLevel(level).label) for level in found.levels or [] if level in ServiceLevel.values]
    return {
        "policy": found, "office": found.office.name if found.office else "Every office",
        "per_parcel": _amount(found.per_parcel, found.currency, locale, "—"),
        "per_day": _amount(found.per_day, found.currency, locale, "—"),
        "per_address": _amount(found.per_address, found.currency, locale, "—"),
        "levels": joined(levels) or "Every level",
    }  # fmt: skip


@policy.requires(VIEW)
@require_GET
def policy_list(request: HttpRequest) -> HttpResponse:
    viewer = acting_staff(request)
    locale = _locale(request)
    rows = [policy_row(found, locale) for found in queries.policies()]
    return render(request, "shipping/carriers/policies.html", {"rows": rows, "may_manage": viewer.has_perm(MANAGE)})


def _policy_or_404(pk: int) -> InsurancePolicy:
    try:
        return queries.policy_by_pk(pk)
    except ShippingError as refusal:
        raise Http404(refusal.message) from None


def _offices() -> list[tuple[int, str]]:
    return [(office.pk, office.name) for office in Office.objects.order_by("name")]


@policy.requires(MANAGE)
@require_http_methods(["GET", "POST"])
def policy_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    by = acting_staff(request)
    found = _policy_or_404(pk) if pk is not None else None
    template = "shipping/carriers/policy_form.html"
    if request.method != "POST":
        initial = forms.PolicyForm.initial_for(found) if found else None
        return render(
            request, template, {"form": forms.PolicyForm(initial=initial, offices=_offices()), "policy": found}
        )
    form = forms.PolicyForm(request.POST, offices=_offices())
    status = 400
    if form.is_valid():
        try:
            saved = services.policy_save(policy=found, data=form.policy_input(), by=by)
        except ShippingError as refusal:
            _show(form, refusal)
            status = refusal.status
        else:
            messages.success(request, f"Policy {saved.policy_number} saved.")
            return redirect("shipping:policies")
    return render(request, template, {"form": form, "policy": found}, status=status)


urlpatterns: list[URLPattern | URLResolver] = [
    path("carriers/", carrier_list, name="carriers"),
    path("carriers/new/", carrier_form, name="carrier_new"),
    path("carriers/<int:pk>/edit/", carrier_form, name="carrier_edit"),
    path("policies/", policy_list, name="policies"),
    path("policies/new/", policy_form, name="policy_new"),
    path("policies/<int:pk>/edit/", policy_form, name="policy_edit"),
]
