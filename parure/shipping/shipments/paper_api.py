"""The shipment's and the pickup's printed papers through the API (PDF), for those who may read a
consignee's address; each download is recorded in the access log."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from ninja import Router

from parure.core.access_log import record_access
from parure.core.api import requires
from parure.core.choices import AccessAction
from parure.core.policy import acting_staff
from parure.shipping.shipments import papers, queries

router = Router()
SEE = "shipping.see_consignee"


def _pdf(request: HttpRequest, kind: str, reference: str, make: Callable[[], bytes], filename: str) -> HttpResponse:
    content = make()
    record_access(request, action=AccessAction.EXPORT, subject_kind=kind, subject_ref=reference)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@router.get("/shipments/{number}/customs-invoice.pdf", summary="A shipment's customs invoice (PDF)")
@requires(SEE)
def shipment_customs_pdf(request: HttpRequest, number: str) -> HttpResponse:
    found = queries.shipment_detail(number)
    return _pdf(request, "shipment", found.number, lambda: papers.customs_pdf(found, signatory=acting_staff(request)),
                f"{found.number}-customs-invoice.pdf")  # fmt: skip


@router.get("/shipments/{number}/labels.pdf", summary="A shipment's parcel labels, one 4×6 in page a parcel (PDF)")
@requires(SEE)
def shipment_labels_pdf(request: HttpRequest, number: str) -> HttpResponse:
    found = queries.shipment_detail(number)
    return _pdf(request, "shipment", found.number, lambda: papers.labels_pdf(found), f"{found.number}-labels.pdf")


@router.get("/pickups/{number}/manifest.pdf", summary="A carrier pickup's manifest (PDF)")
@requires(SEE)
def pickup_manifest_pdf(request: HttpRequest, number: str) -> HttpResponse:
    found = queries.pickup_detail(number)
    return _pdf(request, "pickup", found.number, lambda: papers.manifest_pdf(found, released_by=acting_staff(request)),
                f"{found.number}-manifest.pdf")  # fmt: skip
