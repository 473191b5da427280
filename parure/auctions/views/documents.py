"""The sale's documents: the auctioneer's book (page and PDF, for the roles that read reserves and
maxima), the bidder's absentee bid form (PDF), and the sale catalogue (built in the background; its
page starts the build and links the latest file)."""

from __future__ import annotations

import zoneinfo

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from parure.auctions import catalogue_pdf, documents, queries
from parure.auctions.choices import LotStatus
from parure.auctions.errors import AuctionError
from parure.auctions.models import Sale
from parure.auctions.visibility import AuctionViewer
from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.inventory.pdf import render as render_pdf

#: Empty lines the absentee form leaves after the lots (for lots the bidder adds by hand).
FORM_BLANK_LINES = 4


def _sale(code: str) -> Sale:
    try:
        return queries.sale_by_code(code)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


def _pdf(content: bytes, filename: str, *, download: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(download, filename) or "inline"
    response["Cache-Control"] = "private, no-store"
    return response


def _wants_download(request: HttpRequest) -> bool:
    return request.GET.get("download") == "1"


def _starts_at(sale: Sale) -> object:
    return timezone.localtime(sale.starts_at, zoneinfo.ZoneInfo(sale.office.time_zone))


def _book_context(request: HttpRequest, sale: Sale) -> dict[str, object]:
    viewer = AuctionViewer(request.user)
    book = documents.auctioneers_book(sale, viewer)
    return {
        "sale": sale,
        "office": sale.office,
        "rows": documents.book_display(book, sale),
        "starts_at": _starts_at(sale),
        "paper": catalogue_pdf.paper(sale),
    }


@policy.requires("auctions.view_auctioneers_book")
@require_GET
def book(request: HttpRequest, code: str) -> HttpResponse:
    """The auctioneer's book: per lot, the reserve, the absentee book in execution order, the
    telephone lines and the engine's opening."""
    sale = _sale(code)
    record_access(request, action=AccessAction.VIEW, subject_kind="auctioneers_book", subject_ref=sale.code)
    return render(request, "auctions/book.html", _book_context(request, sale))


@policy.requires("auctions.view_auctioneers_book")
@require_GET
def book_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The auctioneer's book, printable (landscape, on the office's paper)."""
    sale = _sale(code)
    record_access(request, action=AccessAction.EXPORT, subject_kind="auctioneers_book", subject_ref=sale.code)
    content = render_pdf("auctions/pdf/book.html", _book_context(request, sale))
    return _pdf(content, f"{sale.code} auctioneer's book.pdf", download=_wants_download(request))


@policy.requires("auctions.view_sales")
@require_GET
def absentee_form(request: HttpRequest, code: str) -> HttpResponse:
    """The absentee bid form of the sale: its terms, a line per lot for the maximum, the increment
    table and the signature. ``?paddle=1010`` fills in a registered bidder's name and paddle."""
    sale = _sale(code)
    locale = sale.office.locale
    bidder, paddle = "", ""
    typed = request.GET.get("paddle", "").strip()
    if typed:
        try:
            registration = queries.registration_by_paddle(sale, typed[:20])
        except AuctionError as refusal:
            return HttpResponse(refusal.message, status=refusal.status, content_type="text/plain; charset=utf-8")
        labels = AuctionViewer(request.user).bidder_labels([registration.client_id])
        found = labels.get(registration.client_id)
        bidder, paddle = (found.name if found is not None else ""), registration.paddle
    lines = [
        {
            "label": lot.label,
            "heading": lot.heading,
            "estimate": documents.estimate(lot.low_estimate, lot.high_estimate, sale.currency, locale),
        }
        for lot in sale.lots.filter(status=LotStatus.OFFERED).order_by("position")
    ]
    bands = [
        {"start_text": documents.money(band.start, sale.currency, locale), "steps": band.steps}
        for band in documents.ladder_bands(sale, locale)
    ]
    content = render_pdf(
        "auctions/pdf/absentee_form.html",
        {
            "sale": sale,
            "office": sale.office,
            "starts_at": _starts_at(sale),
            "paper": catalogue_pdf.paper(sale),
            "lines": lines,
            "blanks": range(FORM_BLANK_LINES),
            "bands": bands,
            "bidder": bidder,
            "paddle": paddle,
        },
    )
    name = f"{sale.code} absentee bid form{f' {paddle}' if paddle else ''}.pdf"
    return _pdf(content, name, download=_wants_download(request))


@policy.requires("auctions.build_catalogue")
@require_http_methods(["GET", "POST"])
def catalogue(request: HttpRequest, code: str) -> HttpResponse:
    """The sale catalogue: build it (in the background, with progress) and open the latest build."""
    sale = _sale(code)
    if request.method == "POST":
        job = catalogue_pdf.start_catalogue(sale=sale, by=policy.acting_staff(request))
        return redirect("core:job", job_id=job.pk)
    return render(
        request,
        "auctions/catalogue.html",
        {
            "sale": sale,
            "latest": catalogue_pdf.latest_catalogue(sale),
            "lots": sale.lots.filter(status=LotStatus.OFFERED).count(),
        },
    )


@policy.requires("auctions.build_catalogue")
@require_GET
def catalogue_file(request: HttpRequest, code: str) -> HttpResponse:
    """The sale's latest built catalogue."""
    sale = _sale(code)
    job = catalogue_pdf.latest_catalogue(sale)
    content = catalogue_pdf.catalogue_bytes(job) if job is not None else None
    if content is None:
        raise Http404(f"The catalogue of {sale.code} has not been built yet.")
    record_access(request, action=AccessAction.EXPORT, subject_kind="sale_catalogue", subject_ref=sale.code)
    return _pdf(content, catalogue_pdf.catalogue_filename(sale), download=_wants_download(request))


urlpatterns = [
    path("<str:code>/book/", book, name="book"),
    path("<str:code>/book.pdf", book_pdf, name="book_pdf"),
    path("<str:code>/absentee-form.pdf", absentee_form, name="absentee_form"),
    path("<str:code>/catalogue/", catalogue, name="catalogue"),
    path("<str:code>/catalogue.pdf", catalogue_file, name="catalogue_pdf"),
]
