"""Helpers the inventory's pages share."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from parure.core.models import Office
from parure.core.money import Money
from parure.core.policy import acting_staff
from parure.inventory import queries
from parure.inventory.errors import StockNumberError
from parure.inventory.models import Item, LabelProfile
from parure.inventory.services.witness import Witness, office_settings, witness_confirm


def item_or_404(stock_number: str) -> Item:
    try:
        return queries.item_by_stock_number(stock_number)
    except StockNumberError as refusal:
        raise Http404(refusal.message) from None


def confirm_witness(request: HttpRequest, data: dict[str, Any]) -> Witness | None:
    """The witness who typed their credentials into the form, or None if nobody did."""
    if not data.get("witness_username"):
        return None
    return witness_confirm(
        username=data["witness_username"],
        password=data.get("witness_password", ""),
        otp_code=data.get("witness_otp", ""),
        actor=acting_staff(request),
    )


def four_eyes_hint(item: Item) -> dict[str, Any]:
    """Whether the witness fields should be open, and the threshold that applies, for the page."""
    settings = office_settings(item.office_id)
    value = item.custody_value
    return {
        "likely": value is None or value >= settings.four_eyes_threshold,
        "threshold": settings.threshold.format(settings.office.locale),
        "office": settings.office.name,
    }


def money(item: Item, amount: Any) -> str:
    if amount is None:
        return "—"
    return Money.of(amount, item.currency).format(item.office.locale)


def label_profile(request: HttpRequest, kind: str | None = None, *, office: Office | None = None) -> LabelProfile:
    """The label stock chosen on the page (``?profile=``); else the office's own stock for tags,
    else the first of the right kind."""
    chosen = request.GET.get("profile", "")
    if chosen.isdigit():
        return get_object_or_404(LabelProfile, pk=int(chosen), is_active=True)
    profile = queries.default_tag_profile(office) if office is not None else None
    profile = profile or queries.label_profiles(kind).first() or queries.label_profiles().first()
    if profile is None:
        raise Http404("No label stock is set up; an administrator must add one under Custody settings.")
    return profile


def tags_filename(number: str, profile: LabelProfile) -> str:
    """``NY-26-000019-8 tags, US Letter sheet.pdf``: what is on it and the stock to load."""
    stock = re.sub(r"[^A-Za-z0-9 .-]+", " ", profile.name.split(",")[0].replace("×", "x")).strip()
    return f"{number} tags, {re.sub(r' +', ' ', stock)}.pdf"


def wants_download(request: HttpRequest) -> bool:
    """Whether the person asked to save the PDF (``?download=1``) rather than open it in the browser."""
    return request.GET.get("download") == "1"


def pdf_response(content: bytes, filename: str, *, download: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    # Django quotes the name, and adds an RFC 5987 filename* when it is not plain ASCII.
    disposition = content_disposition_header(download, filename)
    if disposition is None:  # only for an inline response without a name, which we never send
        raise ValueError("A PDF needs a file name.")
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    return response
