"""Helpers the inventory's pages share."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

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


def label_profile(request: HttpRequest, kind: str | None = None) -> LabelProfile:
    """The label stock chosen on the page (``?profile=``), else the first of the right kind."""
    chosen = request.GET.get("profile", "")
    if chosen.isdigit():
        return get_object_or_404(LabelProfile, pk=int(chosen), is_active=True)
    profile = queries.label_profiles(kind).first() or queries.label_profiles().first()
    if profile is None:
        raise Http404("No label stock is set up; an administrator must add one under Custody settings.")
    return profile


def pdf_response(content: bytes, filename: str, *, download: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
