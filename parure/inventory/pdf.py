"""The inventory's printed documents (WeasyPrint): consignment and release receipts, tags and labels.

Documents carry the house letterhead and its vendored fonts; nothing is fetched from the
network (the URL fetcher refuses anything but our own files and inline images). What a
document shows depends on who prints it: a consignor's identity and stated values are left
out of the PDF itself, not hidden, for a role that may not see them.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from parure.core.money import Money
from parure.gemology.metals import KARAT_FINENESS, Metal
from parure.inventory.codes import code128_svg, data_uri, qr_svg
from parure.inventory.models import ConsignmentReceipt, Item, LabelProfile, Location, ReleaseReceipt
from parure.inventory.visibility import PieceViewer

FONT_FILES = {
    "serif-600": "core/fonts/cormorant-garamond-latin-600-normal.woff2",
    "serif-500": "core/fonts/cormorant-garamond-latin-500-normal.woff2",
    "sans-400": "core/fonts/inter-latin-400-normal.woff2",
    "sans-600": "core/fonts/inter-latin-600-normal.woff2",
}


@cache
def _fonts() -> dict[str, str]:
    found = {}
    for name, relative in FONT_FILES.items():
        path = finders.find(relative)
        if path:
            found[name] = Path(str(path)).resolve().as_uri()
    return found


def render(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, {**context, "fonts": _fonts(), "printed_at": timezone.now()})
    # Imported here: WeasyPrint takes half a second to load, which every process would pay at start.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only our own font files and inline images: a document never reaches the network.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)
    return bytes(HTML(string=html, url_fetcher=fetcher).write_pdf())


def _money(amount: str | Decimal | None, currency: str, locale: str) -> str:
    if amount is None or amount == "":
        return "—"
    return Money.of(amount, currency).format(locale)


def _local(moment: datetime | str, zone: str) -> datetime:
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return value.astimezone(zoneinfo.ZoneInfo(zone))


_KARAT = re.compile(r"^(\d{1,2})\s*(?:k|kt|ct|carat)$")
_COLOURS = ("white", "yellow", "rose", "red", "pink", "green")
_SILVER_NAMES = {925: "Sterling silver", 958: "Britannia silver", 999: "Fine silver"}


def metal_wording(text: str) -> str:
    """A metal as the department writes it: "white gold 18k" → "18k white gold", "platinum 950" →
    "Platinum (950)", "silver 925" → "Sterling silver". Words it cannot read as one metal with its
    colour and standard are kept as typed, with a capital."""
    words = text.replace(",", " ").lower().split()
    found: list[Metal] = []
    karat = fineness = None
    colour = ""
    for word in words:
        if word in {m.value for m in Metal}:
            found.append(Metal(word))
        elif word in _COLOURS and not colour:
            colour = word
        elif (match := _KARAT.match(word)) and karat is None:
            karat = int(match.group(1))
        elif word.isdigit() and len(word) == 3 and fineness is None:
            fineness = int(word)
        elif word == "sterling" and fineness is None:
            fineness = 925
        elif word == "britannia" and fineness is None:
            fineness = 958
        else:
            found = []
            break
    if len(found) != 1:
        return text.strip()[:1].upper() + text.strip()[1:]
    kind = found[0]
    if kind is Metal.GOLD:
        karat = karat or {struck: k for k, struck in KARAT_FINENESS.items()}.get(fineness or 0)
        named = " ".join(part for part in (f"{karat}k" if karat else "", colour, "gold") if part)
        if not karat and fineness:
            named += f" ({fineness})"
        return named[:1].upper() + named[1:]
    if colour or karat:
        return text.strip()[:1].upper() + text.strip()[1:]
    if kind is Metal.SILVER and fineness in _SILVER_NAMES:
        return _SILVER_NAMES[fineness]
    return kind.value.capitalize() + (f" ({fineness})" if fineness else "")


def consignment_receipt(receipt: ConsignmentReceipt, viewer: PieceViewer) -> bytes:
    """One version of the consignment receipt, exactly as it was issued (less what the viewer may not see)."""
    snapshot = receipt.snapshot
    office = snapshot["office"]
    currency, locale = snapshot["currency"], office["locale"]
    pieces = []
    for piece in snapshot["pieces"]:
        pieces.append(
            {
                **piece,
                "metal": metal_wording(piece["metal"]) if piece["metal"] else "",
                "stated_value_text": _money(piece["stated_value"], currency, locale) if viewer.sees_values else None,
                "estimate_text": (
                    _money(piece["estimate_low"], currency, locale)
                    + " – "
                    + _money(piece["estimate_high"], currency, locale)
                    if piece["estimate_low"] and piece["estimate_high"]
                    else ""
                ),
            }
        )
    terms = snapshot["terms"]
    # The name as it was issued, where the viewer may read it; by number where the client book says so.
    shown = viewer.consignor(receipt.consignment)
    consignor = None
    if shown is not None:
        consignor = snapshot["consignor"] if shown.named else {"name": shown.name, "number": ""}
    return render(
        "inventory/pdf/consignment_receipt.html",
        {
            "receipt": receipt,
            "snapshot": snapshot,
            "office": office,
            "consignor": consignor,
            "sees_values": viewer.sees_values,
            "pieces": pieces,
            "total": _money(snapshot["total_stated_value"], currency, locale) if viewer.sees_values else None,
            "received_at": _local(snapshot["received_at"], office["time_zone"]),
            "issued_at": _local(receipt.issued_at, office["time_zone"]),
            "photography_fee": _money(terms["photography_fee"], currency, locale),
            "terms": terms,
        },
    )


def release_receipt(receipt: ReleaseReceipt, viewer: PieceViewer) -> bytes:
    consignment = receipt.consignment
    office = consignment.office
    return render(
        "inventory/pdf/release_receipt.html",
        {
            "receipt": receipt,
            "consignment": consignment,
            "office": office,
            "consignor": viewer.consignor(consignment),
            "collected_by": viewer.collected_by(receipt),
            "items": receipt.items.order_by("line"),
            "prepared_at": _local(receipt.prepared_at, office.time_zone),
            "signed_at": _local(receipt.signed_at, office.time_zone) if receipt.signed_at else None,
        },
    )


@dataclass(frozen=True)
class Tag:
    code: str
    heading: str
    line: str
    qr: str
    barcode: str


def _tag(code: str, heading: str, line: str, profile: LabelProfile) -> Tag:
    return Tag(
        code=code,
        heading=heading,
        line=line,
        qr=data_uri(qr_svg(code)) if profile.show_qr else "",
        barcode=data_uri(code128_svg(code)) if profile.show_barcode else "",
    )


def item_tags(items: list[Item], profile: LabelProfile) -> list[Tag]:
    """One tag per piece, and one per numbered part of a set, so no part can wander off untagged."""
    tags = []
    for item in items:
        parts = list(item.components.all())
        title = item.title if len(item.title) <= 60 else item.title[:57] + "…"
        if not parts:
            tags.append(_tag(item.stock_number, item.stock_number, title, profile))
        for part in parts:
            tags.append(
                _tag(
                    item.stock_number,
                    f"{item.stock_number} · {part.number}/{len(parts)}",
                    f"{part.description} — {title}",
                    profile,
                )
            )
    return tags


def location_tags(locations: list[Location], profile: LabelProfile) -> list[Tag]:
    return [
        _tag(
            f"{location.office.code}/{location.code}",
            location.name,
            f"{location.office.name} · {location.code}",
            profile,
        )
        for location in locations
    ]


def labels(tags: list[Tag], profile: LabelProfile, title: str) -> bytes:
    per_page = profile.per_page
    pages = [tags[start : start + per_page] for start in range(0, len(tags), per_page)] or [[]]
    cells = []
    for page in pages:
        placed = []
        for index, tag in enumerate(page):
            column, row = index % profile.columns, index // profile.columns
            placed.append(
                {
                    "tag": tag,
                    "left": profile.margin_left_mm + column * (profile.label_width_mm + profile.gap_x_mm),
                    "top": profile.margin_top_mm + row * (profile.label_height_mm + profile.gap_y_mm),
                }
            )
        cells.append(placed)
    tall = profile.label_height_mm > profile.label_width_mm * Decimal("1.6")
    return render(
        "inventory/pdf/labels.html",
        {
            "pages": cells,
            "profile": profile,
            "tall": tall,
            "title": title,
            "qr_mm": max(profile.label_height_mm - Decimal(4), Decimal(4)),
        },
    )
