"""The shipment's and the pickup's printed papers: the customs invoice, the parcels' outer labels and
inner slips, and the pickup's manifest. They carry the consignee's name and address, so they are for those
who ship and for auditors (``shipping.see_consignee``). A paper its rules refuse (a label that would say
what the parcel holds) answers the sentence instead of a PDF."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, URLResolver, path, reverse
from django.views.decorators.http import require_GET

from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.errors import DomainError
from parure.core.policy import acting_staff
from parure.inventory.views.common import pdf_response
from parure.shipping.errors import ShippingError
from parure.shipping.shipments import papers, queries
from parure.shipping.shipments.models import Shipment

SEE = "shipping.see_consignee"


def _shipment(number: str) -> Shipment:
    try:
        return queries.shipment_detail(number)
    except ShippingError as refusal:
        raise Http404(refusal.message) from None


def _paper(
    request: HttpRequest, back: str, title: str, make: Callable[[], bytes], filename: str, *, reference: str
) -> HttpResponse:
    try:
        content = make()
    except DomainError as refusal:
        context = {"title": title, "message": refusal.message, "back": back}
        return render(request, "shipping/papers/refused.html", context, status=refusal.status)
    kind = "pickup" if reference.split("-")[1] == "PU" else "shipment"
    record_access(request, action=AccessAction.EXPORT, subject_kind=kind, subject_ref=reference)
    return pdf_response(content, filename, download=request.GET.get("download") == "1")


@policy.requires(SEE)
@require_GET
def customs_pdf(request: HttpRequest, number: str) -> HttpResponse:
    shipment = _shipment(number)
    return _paper(
        request,
        reverse("shipping:shipment", args=[shipment.number]),
        "Customs invoice",
        lambda: papers.customs_pdf(shipment, signatory=acting_staff(request)),
        f"{shipment.number} customs invoice.pdf",
        reference=shipment.number,
    )


@policy.requires(SEE)
@require_GET
def labels_pdf(request: HttpRequest, number: str) -> HttpResponse:
    shipment = _shipment(number)
    return _paper(request, reverse("shipping:shipment", args=[shipment.number]), "Parcel labels",
                  lambda: papers.labels_pdf(shipment), f"{shipment.number} labels.pdf",
                  reference=shipment.number)  # fmt: skip


@policy.requires(SEE)
@require_GET
def slips_pdf(request: HttpRequest, number: str) -> HttpResponse:
    shipment = _shipment(number)
    return _paper(request, reverse("shipping:shipment", args=[shipment.number]), "Inner slips",
                  lambda: papers.slips_pdf(shipment), f"{shipment.number} inner slips.pdf",
                  reference=shipment.number)  # fmt: skip


@policy.requires(SEE)
@require_GET
def manifest_pdf(request: HttpRequest, number: str) -> HttpResponse:
    try:
        pickup = queries.pickup_detail(number)
    except ShippingError as refusal:
        raise Http404(refusal.message) from None
    return _paper(request, reverse("shipping:pickup", args=[pickup.number]), "Pickup manifest",
                  lambda: papers.manifest_pdf(pickup, released_by=acting_staff(request)),
                  f"{pickup.number} manifest.pdf", reference=pickup.number)  # fmt: skip


urlpatterns: list[URLPattern | URLResolver] = [
    path("shipments/<str:number>/customs-invoice.pdf", customs_pdf, name="shipment_customs"),
    path("shipments/<str:number>/labels.pdf", labels_pdf, name="shipment_labels"),
    path("shipments/<str:number>/inner-slips.pdf", slips_pdf, name="shipment_slips"),
    path("pickups/<str:number>/manifest.pdf", manifest_pdf, name="pickup_manifest"),
]
