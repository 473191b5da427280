"""Shipping's shipments pages (put together by parure.shipping.urls): the list, a new shipment and its
changes while a draft, the shipment's page with the next step per status (pack, photograph, the second
check, hand-over, delivery, back from the carrier, cancel, incidents), the parcels' photographs, the
carriers' pickups and the open incidents.

Views read the form, call one service and render the result; a refusal re-renders the page with the
sentence beside its field, what was typed kept, and the status the refusal carries.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.clients import queries as client_book
from parure.clients.errors import ClientError
from parure.core import policy
from parure.core.errors import DomainError
from parure.core.models import Office, Staff
from parure.core.policy import acting_staff
from parure.core.text import unstorable
from parure.inventory import queries as inventory
from parure.inventory.choices import LocationKind, LocationType
from parure.inventory.services import Witness, witness_confirm
from parure.shipping.carriers import queries as carrier_queries
from parure.shipping.errors import ShippingError, ShippingErrorCode
from parure.shipping.shipments import forms, queries, services
from parure.shipping.shipments.choices import IncidentKind, IncidentStatus, PackingCheck, ShipmentStatus
from parure.shipping.shipments.models import Shipment
from parure.shipping.shipments.planning import stored_input

VIEW = "shipping.view_shipping"
HANDLE = "shipping.handle_shipments"
E = ShippingErrorCode
PAGE_SIZE = 50
UPLOAD_MAX = 8 * 1024 * 1024


def _refused(message: str, *, field: str | None = None, code: ShippingErrorCode = E.INVALID) -> ShippingError:
    return ShippingError(message, field=field, code=code)


def shipment_or_404(number: str) -> Shipment:
    try:
        return queries.shipment_detail(number)
    except ShippingError as refusal:
        raise Http404(refusal.message) from None


def _version(request: HttpRequest) -> int | None:
    text = request.POST.get("version", "")
    return int(text) if text.isdigit() and len(text) < 10 else None


def _office_of(by: Staff) -> Office:
    if by.office is None:
        raise _refused("You have no office; a shipment leaves from an office.", code=E.REFUSED)
    return by.office


def _carrier_choices() -> list[tuple[int, str]]:
    return [(carrier.pk, carrier.name) for carrier in carrier_queries.carriers(active_only=True)]


def _office_choices(office: Office | None) -> list[tuple[str, str]]:
    rows = Office.objects.order_by("code")
    if office is not None:
        rows = rows.exclude(pk=office.pk)
    return [(row.code, row.name) for row in rows]


def _place_choices(office: Office | None) -> list[tuple[int, str]]:
    if office is None:
        return []
    places = inventory.places_for(office, (LocationKind.EXTERNAL,)).filter(
        type__in=(LocationType.BENCH_JEWELER, LocationType.GEM_LAB)
    )
    return [(place.pk, place.name) for place in places.order_by("name")]


def _address_choices(data: Any, sight: queries.ShipmentSight) -> list[tuple[int, str]]:
    """The client's addresses on file, once their number is typed (for those who may see them)."""
    number = (data.get("client_number", "") if data else "")[:20].strip()
    if not number or not sight.consignee or unstorable(number):
        return []
    try:
        client_id = client_book.client_id_by_number(number)
        if client_id is None:
            return []
        party = client_book.shipping_party(client_id)
    except ClientError:
        return []
    return [(address.pk, ", ".join(address.text.splitlines())) for address in party.addresses]


def _show(form: Any, refusal: DomainError[Any], rows: list[dict[str, Any]]) -> None:
    """The refusal beside its field: a piece row's, a form field's, or above the form."""
    parts = (refusal.field or "").split(".")
    if parts[0] == "pieces" and len(parts) > 1 and parts[1].isdigit():
        index = int(parts[1])
        if index < len(rows):
            rows[index]["error"] = refusal.message
            return
    name = parts[0]
    form.add_error(name if name in form.fields else None, refusal.message)


# --- The list ------------------------------------------------------------------------------------------


@policy.requires(VIEW)
@require_GET
def shipment_list(request: HttpRequest) -> HttpResponse:
    """Shipments, newest first, filtered; a fixed number of queries whatever the rows."""
    viewer = acting_staff(request)
    sight = queries.ShipmentSight(viewer)
    carrier_text = request.GET.get("carrier", "")[:12]
    chosen = {
        "status": request.GET.get("status", "")[:12],
        "office": request.GET.get("office", "")[:4],
        "carrier": carrier_text,
        "text": request.GET.get("text", "")[: queries.TEXT_MAX],
    }
    filters = queries.ShipmentFilters(
        status=chosen["status"], office=chosen["office"], text=chosen["text"],
        carrier_id=int(carrier_text) if carrier_text.isdigit() else None,
    )  # fmt: skip
    refusal = None
    try:
        rows = queries.shipments(filters, sight=sight)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        found: list[Shipment] = list(page.object_list)
    except ShippingError as refused:
        refusal = refused
        page = Paginator(queries.shipments(queries.ShipmentFilters()).none(), PAGE_SIZE).get_page(1)
        found = []
    lines = [
        {
            "shipment": row,
            "destination": sight.destination(row),
            "insured": queries.money(row.insured_total, row.currency, row.office),  # type: ignore[attr-defined]
        }
        for row in found
    ]
    context = {
        "page": page, "lines": lines, "chosen": chosen, "refusal": refusal, "sight": sight,
        "statuses": [("open", "Open"), *ShipmentStatus.choices],
        "offices": Office.objects.order_by("code"), "carriers": _carrier_choices(),
    }  # fmt: skip
    return render(request, "shipping/shipments/list.html", context, status=refusal.status if refusal else 200)


# --- A new shipment, and its changes while a draft -----------------------------------------------------


def _form(request: HttpRequest, by: Staff, data: Any = None, **kwargs: Any) -> forms.ShipmentForm:
    sight = queries.ShipmentSight(by)
    return forms.ShipmentForm(
        data,
        carriers=_carrier_choices(),
        offices=_office_choices(by.office),
        places=_place_choices(by.office),
        addresses=_address_choices(data or kwargs.get("initial"), sight),
        **kwargs,
    )


def _form_page(
    request: HttpRequest, form: Any, rows: list[dict[str, Any]], shipment: Shipment | None, status: int = 200
) -> HttpResponse:
    context = {"form": form, "rows": rows, "shipment": shipment, "more_rows": len(rows) + 3,
               "max_rows": forms.PIECE_ROWS_MAX}  # fmt: skip
    return render(request, "shipping/shipments/form.html", context, status=status)


def _save(request: HttpRequest, by: Staff, shipment: Shipment | None) -> HttpResponse:
    form = _form(request, by, request.POST)
    rows = forms.piece_rows(request.POST, forms.row_count(request.POST))
    status = 400
    if form.is_valid():
        data = forms.shipment_input(form.cleaned_data, forms.piece_inputs(request.POST))
        try:
            if shipment is None:
                saved = services.shipment_create(office=_office_of(by), data=data, by=by)
                done = f"{saved.number} prepared; pack it when the pieces are ready."
            else:
                saved = services.shipment_update(
                    shipment=shipment, data=data, by=by, expected_version=_version(request)
                )
                done = f"{saved.number} changed."
        except DomainError as refusal:
            _show(form, refusal, rows)
            status = refusal.status
        else:
            messages.success(request, done)
            return redirect("shipping:shipment", number=saved.number)
    return _form_page(request, form, rows, shipment, status)


@policy.requires(HANDLE)
@require_http_methods(["GET", "POST"])
def shipment_new(request: HttpRequest) -> HttpResponse:
    by = acting_staff(request)
    if request.method == "POST":
        return _save(request, by, None)
    form = _form(request, by, initial={"client_number": request.GET.get("client", "")[:20]})
    return _form_page(request, form, forms.piece_rows(None, forms.row_count(None, request.GET.get("rows"))), None)


@policy.requires(HANDLE)
@require_http_methods(["GET", "POST"])
def shipment_edit(request: HttpRequest, number: str) -> HttpResponse:
    by = acting_staff(request)
    shipment = shipment_or_404(number)
    if shipment.status != ShipmentStatus.DRAFT:
        refusal = _refused(
            f"Shipment {shipment.number} is {shipment.get_status_display().lower()}; only a shipment being prepared "
            "is changed.",
            code=E.WRONG_STEP,
        )
        return _detail_page(request, shipment, refusal=refusal)
    if request.method == "POST":
        return _save(request, by, shipment)
    initial, values = forms.initial_of(stored_input(shipment))
    form = _form(request, by, initial=initial)
    count = forms.row_count(values, request.GET.get("rows"))
    return _form_page(request, form, forms.piece_rows(values, count), shipment)


# --- The shipment --------------------------------------------------------------------------------------

NEXT_STEP = {
    ShipmentStatus.DRAFT: "pack",
    ShipmentStatus.PACKED: "check",
    ShipmentStatus.CHECKED: "hand_over",
    ShipmentStatus.IN_TRANSIT: "deliver",
}


def _in_house_places(office: Office) -> list[tuple[int, str]]:
    kinds = (LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY)
    return [(place.pk, place.name) for place in inventory.in_house_places(office) if place.kind in kinds]


def _detail_page(
    request: HttpRequest,
    shipment: Shipment,
    *,
    refusal: DomainError[Any] | None = None,
    posted: Any = None,
    action: str = "",
) -> HttpResponse:
    viewer = acting_staff(request)
    sight = queries.ShipmentSight(viewer)
    office = shipment.office
    pieces = [
        {"piece": piece, "insured": queries.money(piece.insured_value, shipment.currency, office)}
        for piece in shipment.pieces.all()
    ]
    total = sum((piece.insured_value for piece in shipment.pieces.all()), Decimal("0.00"))
    parcels = list(shipment.parcels.all())
    parcel_numbers = sorted({piece.parcel for piece in shipment.pieces.all()})
    acts = sight.handles and viewer.office_id == shipment.office_id
    findings = [dict(finding) for finding in shipment.findings if isinstance(finding, dict)]
    tracking_url = ""
    if shipment.carrier is not None and shipment.carrier.tracking_url and shipment.tracking_number:
        tracking_url = shipment.carrier.tracking_url.replace("{tracking}", shipment.tracking_number)
    incidents = list(shipment.incidents.all())
    given = posted if posted is not None else {}
    next_step = NEXT_STEP.get(ShipmentStatus(shipment.status), "") if acts else ""
    shown = {next_step} if next_step else set()
    if next_step == "deliver":
        shown.add("back")
    if acts and shipment.status in (ShipmentStatus.DRAFT, ShipmentStatus.PACKED, ShipmentStatus.CHECKED):
        shown.add("cancel")
    if acts and shipment.status in (ShipmentStatus.PACKED, ShipmentStatus.CHECKED):
        shown.add("photo")
    if acts and shipment.status in (ShipmentStatus.IN_TRANSIT, ShipmentStatus.DELIVERED, ShipmentStatus.RETURNED):
        shown.add("incident_open")
    if acts and any(i.status == IncidentStatus.OPEN and i.number == given.get("incident") for i in incidents):
        shown.add("incident_close")
    parcel_rows = [
        {"number": n, **{name: given.get(f"parcel-{n}-{name}", "")[:limit] for name, _, limit in forms.PARCEL_FIELDS}}
        for n in parcel_numbers
    ]
    check_rows = [{"number": n, "seen": given.get(f"seals-{n}", "")[:300]} for n in parcel_numbers]
    context = {
        "shipment": shipment, "sight": sight, "pieces": pieces,
        "total": queries.money(total, shipment.currency, office),
        "declared": queries.money(shipment.declared_value, shipment.currency, office),
        "parcels": parcels, "parcel_numbers": parcel_numbers,
        "waiting": [f for f in findings if f.get("blocking")],
        "warnings": [f for f in findings if not f.get("blocking")],
        "history": [{"event": event, "text": sight.words(event.text, shipment)} for event in shipment.history.all()],
        "proof": sight.words(shipment.proof_of_delivery, shipment), "incidents": incidents,
        "open_incidents": [i for i in incidents if i.status == IncidentStatus.OPEN],
        "acts": acts, "has_next": bool(shown - {"incident_open", "incident_close"}), "next_step": next_step,
        "parcel_rows": parcel_rows, "check_rows": check_rows,
        "ticked": forms.checklist_of(given) if posted is not None else [],
        "refusal_here": action if refusal is not None and action in shown else "",
        "checklist": PackingCheck.choices, "incident_kinds": IncidentKind.choices,
        "places": _in_house_places(office) if acts else [],
        "may_cancel": "cancel" in shown, "may_photograph": "photo" in shown,
        "may_open_incident": "incident_open" in shown,
        "hand_carry": shipment.level == "hand_carry" and shipment.arranged_by == "house",
        "to_office": shipment.destination_kind == "office",
        "tracking_url": tracking_url,
        "refusal": refusal, "refused_field": (refusal.field or "") if refusal else "", "action": action,
        "posted": given,
    }  # fmt: skip
    return render(request, "shipping/shipments/shipment.html", context, status=refusal.status if refusal else 200)


@policy.requires(VIEW)
@require_GET
def shipment_page(request: HttpRequest, number: str) -> HttpResponse:
    return _detail_page(request, shipment_or_404(number))


def _photo_bytes(request: HttpRequest) -> bytes:
    upload = request.FILES.get("photo")
    if upload is None:
        raise _refused("Choose the photograph of the sealed parcel.", field="photo", code=E.REQUIRED)
    if upload.size is not None and upload.size > UPLOAD_MAX:
        raise _refused("The photograph is larger than 8 MB.", field="photo", code=E.INVALID_FILE)
    content: bytes = upload.read(UPLOAD_MAX + 1)
    return content


def _witness(request: HttpRequest, by: Staff) -> Witness | None:
    """The second member of staff confirming a move that needs four eyes (their password checked now)."""
    username = request.POST.get("witness_username", "").strip()[:150]
    if not username:
        return None
    return witness_confirm(username=username, password=request.POST.get("witness_password", "")[:256], actor=by)


def _act(request: HttpRequest, shipment: Shipment, action: str, by: Staff) -> str:
    """Do ``action``; the sentence the page shows when it is done."""
    post = request.POST
    version = _version(request)
    numbers = sorted({piece.parcel for piece in shipment.pieces.all()})
    if action == "pack":
        services.shipment_pack(shipment=shipment, parcels=forms.parcel_inputs(post, numbers),
                               checklist=forms.checklist_of(post), by=by, witness=_witness(request, by),
                               expected_version=version)  # fmt: skip
        return f"{shipment.number} packed and sealed; photograph each parcel, then a second person checks it."
    if action == "photo":
        services.parcel_photo_add(shipment=shipment, parcel_number=post.get("parcel", "")[:3],
                                  content=_photo_bytes(request), by=by)  # fmt: skip
        return f"Photograph of parcel {post.get('parcel', '')[:3]} added."
    if action == "check":
        services.shipment_check_packing(shipment=shipment, seals_seen=forms.seals_seen(post, numbers), by=by,
                                        expected_version=version)  # fmt: skip
        return f"{shipment.number} checked: ready for the carrier."
    if action == "hand_over":
        services.shipment_hand_over(shipment=shipment, tracking_number=post.get("tracking_number", "")[:60],
                                    courier_name=post.get("courier_name", "")[:120], by=by,
                                    witness=_witness(request, by), expected_version=version)  # fmt: skip
        return f"{shipment.number} handed over."
    if action == "deliver":
        services.shipment_deliver(shipment=shipment, proof=post.get("proof", "")[:250], by=by,
                                  expected_version=version)  # fmt: skip
        return f"{shipment.number} delivered."
    if action == "back":
        services.shipment_back(shipment=shipment, to=post.get("to", "")[:12], reason=post.get("reason", "")[:250],
                               by=by, expected_version=version)  # fmt: skip
        return f"{shipment.number} brought back; the pieces are in the house."
    if action == "cancel":
        services.shipment_cancel(shipment=shipment, reason=post.get("reason", "")[:250], to=post.get("to", "")[:12],
                                 by=by, expected_version=version)  # fmt: skip
        return f"{shipment.number} cancelled."
    if action == "incident_open":
        incident = services.incident_open(
            shipment=shipment, kind=post.get("kind", "")[:10], description=post.get("description", "")[:2000],
            claim_reference=post.get("claim_reference", "")[:60],
            carrier_reference=post.get("carrier_reference", "")[:60], by=by,
        )  # fmt: skip
        return f"Incident {incident.number} opened."
    if action == "incident_close":
        found = next((i for i in shipment.incidents.all() if i.number == post.get("incident", "")[:24]), None)
        if found is None:
            raise _refused("Choose the incident to close.", field="incident", code=E.REQUIRED)
        services.incident_close(incident=found, resolution=post.get("resolution", "")[:500],
                                claim_reference=post.get("claim_reference", "")[:60], by=by)  # fmt: skip
        return f"Incident {found.number} closed."
    raise _refused("Choose what to do with the shipment.", field="action")


@policy.requires(HANDLE)
@require_POST
def shipment_act(request: HttpRequest, number: str) -> HttpResponse:
    """One step on the shipment from its page: pack, photograph, check, hand over, deliver, back, cancel,
    open or close an incident."""
    by = acting_staff(request)
    shipment = shipment_or_404(number)
    action = request.POST.get("action", "")[:20]
    try:
        done = _act(request, shipment, action, by)
    except DomainError as refusal:
        return _detail_page(request, shipment_or_404(number), refusal=refusal, posted=request.POST, action=action)
    messages.success(request, done)
    return redirect("shipping:shipment", number=shipment.number)


@policy.requires(VIEW)
@require_GET
def parcel_photo(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    try:
        found = queries.parcel_photo(number, pk)
    except ShippingError as refusal:
        raise Http404(refusal.message) from None
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


# --- Pickups and incidents -----------------------------------------------------------------------------


@policy.requires(VIEW)
@require_GET
def pickup_list(request: HttpRequest) -> HttpResponse:
    viewer = acting_staff(request)
    page = Paginator(queries.pickups(viewer.office), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "shipping/shipments/pickups.html", {
        "page": page, "pickups": list(page.object_list), "may_book": viewer.has_perm(HANDLE),
    })  # fmt: skip


def _pickup_at(text: str) -> datetime | None:
    text = text.strip()[:16]
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise _refused("Give the pickup's date and time as 2026-12-04 15:30.", field="pickup_at",
                       code=E.INVALID_DATE) from None  # fmt: skip


@policy.requires(HANDLE)
@require_http_methods(["GET", "POST"])
def pickup_new(request: HttpRequest) -> HttpResponse:
    by = acting_staff(request)
    carrier_text = (request.POST.get("carrier_id") or request.GET.get("carrier", ""))[:12]
    ready_rows = (
        list(queries.ready_for_pickup(by.office, int(carrier_text) if carrier_text.isdigit() else None)[:200])
        if by.office is not None
        else []
    )
    ready = [
        (row.number, f"{row.number} · {row.carrier.name if row.carrier else row.buyer_shipper}") for row in ready_rows
    ]
    kwargs: dict[str, Any] = {"carriers": _carrier_choices(), "ready": ready}
    if request.method != "POST":
        form = forms.PickupForm(initial={"carrier_id": carrier_text}, **kwargs)
        return render(request, "shipping/shipments/pickup_new.html", {"form": form})
    form = forms.PickupForm(request.POST, **kwargs)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            pickup = services.pickup_create(
                office=_office_of(by), carrier_id=data["carrier_id"], pickup_at=_pickup_at(data["pickup_at"]),
                shipment_numbers=data["shipments"], by=by, driver=data["driver"],
            )  # fmt: skip
        except DomainError as refusal:
            name = (refusal.field or "").split(".")[0]
            form.add_error(name if name in form.fields else None, refusal.message)
            status = refusal.status
        else:
            messages.success(request, f"Pickup {pickup.number} booked.")
            return redirect("shipping:pickup", number=pickup.number)
    return render(request, "shipping/shipments/pickup_new.html", {"form": form}, status=status)


@policy.requires(VIEW)
@require_GET
def pickup_page(request: HttpRequest, number: str) -> HttpResponse:
    try:
        pickup = queries.pickup_detail(number)
    except ShippingError as refusal:
        raise Http404(refusal.message) from None
    sight = queries.ShipmentSight(acting_staff(request))
    lines = [
        {"shipment": row, "destination": sight.destination(row),
         "insured": queries.money(row.insured_total, row.currency, row.office)}  # type: ignore[attr-defined]
        for row in pickup.shipments.all()
    ]  # fmt: skip
    return render(request, "shipping/shipments/pickup.html", {"pickup": pickup, "lines": lines})


@policy.requires(VIEW)
@require_GET
def incident_list(request: HttpRequest) -> HttpResponse:
    rows = list(queries.incidents()[:500])
    return render(request, "shipping/shipments/incidents.html", {"incidents": rows})


urlpatterns: list[URLPattern | URLResolver] = [
    path("shipments/", shipment_list, name="shipments"),
    path("shipments/new/", shipment_new, name="shipment_new"),
    path("shipments/<str:number>/", shipment_page, name="shipment"),
    path("shipments/<str:number>/edit/", shipment_edit, name="shipment_edit"),
    path("shipments/<str:number>/act/", shipment_act, name="shipment_act"),
    path("shipments/<str:number>/photos/<int:pk>/", parcel_photo, name="parcel_photo"),
    path("pickups/", pickup_list, name="pickups"),
    path("pickups/new/", pickup_new, name="pickup_new"),
    path("pickups/<str:number>/", pickup_page, name="pickup"),
    path("incidents/", incident_list, name="incidents"),
]
