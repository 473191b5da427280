"""The repair job's printed papers (WeasyPrint, on inventory's letterhead): the envelope that travels with
the piece, and the client's receipt. What a viewer may not see (declared value, condition notes, charges)
is left out of the document itself, not hidden."""

from __future__ import annotations

import base64
from typing import Any

from django.http import HttpResponse

from parure.clients import queries as client_book
from parure.core.money import Money
from parure.inventory import codes, pdf
from parure.inventory.views.common import pdf_response as _pdf_response
from parure.services.repairs.models import RepairJob
from parure.services.repairs.queries import RepairSight


def _context(job: RepairJob, viewer: Any) -> dict[str, Any]:
    sight = RepairSight(viewer)
    label = client_book.client_labels(viewer, [job.client_id]).get(job.client_id)
    lines = list(job.lines.all())
    locale = job.office.locale

    def money(value: Any) -> str:
        return Money.of(value, job.currency).format(locale)

    total = sum((line.amount for line in lines), Money.of(0, job.currency).amount)
    signature = ""
    if sight.confidential and job.intake_signature:
        signature = "data:image/png;base64," + base64.b64encode(bytes(job.intake_signature)).decode()
    return {
        "job": job,
        "office": job.office,
        "sight": sight,
        "client": label,
        "lines": [{"line": line, "amount": money(line.amount)} for line in lines],
        "total": money(total),
        "declared": money(job.declared_value),
        "qr": codes.data_uri(codes.qr_svg(job.number)),
        "barcode": codes.data_uri(codes.code128_svg(job.number)),
        "signature": signature,
        "stock_number": job.item.stock_number,
    }


def envelope(job: RepairJob, *, viewer: Any) -> bytes:
    return pdf.render("services/repairs/pdf/envelope.html", _context(job, viewer))


def receipt(job: RepairJob, *, viewer: Any) -> bytes:
    return pdf.render("services/repairs/pdf/receipt.html", _context(job, viewer))


def pdf_response(content: bytes, filename: str, *, download: bool = False) -> HttpResponse:
    return _pdf_response(content, filename, download=download)
