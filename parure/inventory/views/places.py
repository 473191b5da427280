"""Places (the office's tree and holders outside it), tray labels, custody settings and label stocks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.models import Office
from parure.core.policy import acting_staff
from parure.inventory import pdf, queries, services
from parure.inventory.choices import LabelKind, LocationKind
from parure.inventory.errors import InventoryError, InventoryErrorCode
from parure.inventory.forms import CustodySettingsForm, LabelProfileForm, LocationForm, apply_refusal
from parure.inventory.models import CustodySettings, LabelProfile, Location
from parure.inventory.services.witness import office_settings
from parure.inventory.views.common import label_profile, pdf_response
from parure.inventory.visibility import PieceViewer, piece_rows


@policy.requires("inventory.view_locations")
@require_GET
def locations(request: HttpRequest) -> HttpResponse:
    """An office's places as a tree, with how many pieces each holds."""
    offices = list(Office.objects.order_by("name"))
    chosen = request.GET.get("office", "")
    office = next((o for o in offices if o.code == chosen), None) or getattr(request.user, "office", None)
    rows = list(queries.locations(office))
    return render(
        request,
        "inventory/locations.html",
        {
            "office": office,
            "others": [other for other in offices if other != office],
            "inside": [
                row for row in rows if row.kind in (LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY)
            ],
            "outside": [
                row for row in rows if row.kind not in (LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY)
            ],
            "profiles": queries.label_profiles(LabelKind.TRAY),
        },
    )


@policy.requires("inventory.view_locations")
@require_GET
def location(request: HttpRequest, location_id: int) -> HttpResponse:
    place = get_object_or_404(Location.objects.select_related("office", "parent"), pk=location_id)
    page = Paginator(queries.items().filter(location=place), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inventory/location.html",
        {
            "place": place,
            "page": page,
            "rows": piece_rows(PieceViewer(request.user), page),
            "children": list(queries.locations(place.office).filter(parent=place)),
            "profiles": queries.label_profiles(LabelKind.TRAY),
        },
    )


@policy.requires("inventory.manage_locations")
@require_http_methods(["GET", "POST"])
def location_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = LocationForm(request.POST or None, initial={"office": user.office_id, "parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if not policy.is_administrator(user) and data["office"].pk != user.office_id:
                raise InventoryError(
                    f"You manage the places of {user.office.name if user.office else 'no office'} only.",
                    field="office",
                    code=InventoryErrorCode.NOT_PERMITTED,
                )
            place = services.location_create(
                office=data["office"],
                name=data["name"],
                code=data["code"],
                type=data["type"],
                parent=data["parent"],
                counterpart=data["counterpart"],
                by=user,
            )
        except InventoryError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(request, f"{place.name} added to {place.office.name}.")
            return redirect("inventory:location", place.pk)
    return render(
        request, "inventory/location_form.html", {"form": form}, status=422 if request.method == "POST" else 200
    )


@policy.requires("inventory.print_labels")
@require_GET
def location_label(request: HttpRequest, location_id: int) -> HttpResponse:
    """A label for a tray or a place, with its code to scan; with ``?within=1`` for every place inside it too."""
    place = get_object_or_404(Location.objects.select_related("office"), pk=location_id)
    places = [place]
    if request.GET.get("within"):
        places = list(
            Location.objects.select_related("office")
            .filter(office=place.office, path__startswith=place.path + "/", is_active=True)
            .order_by("path")
        ) or [place]
    profile = label_profile(request, LabelKind.TRAY)
    content = pdf.labels(pdf.location_tags(places, profile), profile, f"Labels for {place.name}")
    record_access(request, action=AccessAction.EXPORT, subject_kind="location_labels", subject_ref=place.code)
    return pdf_response(content, f"{place.office.code}-{place.code}-labels.pdf")


@policy.requires("inventory.manage_custody_settings")
@require_http_methods(["GET", "POST"])
def custody_settings(request: HttpRequest) -> HttpResponse:
    """Each office's four-eyes threshold (in its currency) and default tag stock; the label stocks."""
    offices = list(Office.objects.order_by("name"))
    rows = [office_settings(office.pk) for office in offices]
    forms_by_office = [CustodySettingsForm(request.POST or None, instance=row, prefix=row.office.code) for row in rows]
    if request.method == "POST" and all(form.is_valid() for form in forms_by_office):
        try:
            with transaction.atomic():
                for form in forms_by_office:
                    settings: CustodySettings = form.instance
                    services.custody_settings_update(
                        office=settings.office,
                        four_eyes_threshold=form.cleaned_data["four_eyes_threshold"],
                        default_tag_profile=form.cleaned_data["default_tag_profile"],
                        by=acting_staff(request),
                    )
        except InventoryError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, "Custody settings saved.")
            return redirect("inventory:settings")
    return render(
        request,
        "inventory/settings.html",
        {"forms": forms_by_office, "profiles": LabelProfile.objects.order_by("kind", "name")},
        status=422 if request.method == "POST" else 200,
    )


@policy.requires("inventory.manage_custody_settings")
@require_http_methods(["GET", "POST"])
def label_profile_edit(request: HttpRequest, profile_id: int | None = None) -> HttpResponse:
    profile = get_object_or_404(LabelProfile, pk=profile_id) if profile_id else LabelProfile()
    form = LabelProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.label_profile_save(profile=form.save(commit=False), by=acting_staff(request))
        except InventoryError as refusal:
            apply_refusal(form, refusal)
        else:
            messages.success(request, f"Label stock ‘{saved.name}’ saved.")
            return redirect("inventory:settings")
    return render(
        request,
        "inventory/label_profile_form.html",
        {"form": form, "profile": profile},
        status=422 if request.method == "POST" else 200,
    )
