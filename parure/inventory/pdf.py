"""The inventory's printed documents (WeasyPrint): consignment and release receipts, tags and labels.

Documents carry the house letterhead and its vendored fonts; nothing is fetched from the
network (the URL fetcher refuses anything but our own files and inline images). What a
document shows depends on who prints it: a consignor's identity and stated values are left
out of the PDF itself, not hidden, for a role that may not see them.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_DOWN, Decimal
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
    """The vendored fonts as file URLs, unpacked once per process from WOFF2 to plain OpenType:
    WeasyPrint would otherwise decompress every face again for every document it draws."""
    from fontTools.ttLib import woff2

    unpacked = Path(tempfile.mkdtemp(prefix="parure-pdf-fonts-"))
    atexit.register(shutil.rmtree, unpacked, ignore_errors=True)
    found = {}
    for name, relative in FONT_FILES.items():
        path = finders.find(relative)
        if path:
            target = unpacked / f"{name}.ttf"
            with open(str(path), "rb") as packed, open(target, "wb") as plain:
                woff2.decompress(packed, plain)
            found[name] = target.resolve().as_uri()
    return found


def warm() -> None:
    """Pay once, at a process's start, what the first document would otherwise wait for: loading
    WeasyPrint and the fonts, and a first layout. Safe to call from a background thread."""
    render_html("<p style='font-family: \"Parure Sans\"'>Parure</p>" + _font_faces())


def _font_faces() -> str:
    return (
        "<style>"
        + "".join(
            f'@font-face {{ font-family: "{"Parure Serif" if name.startswith("serif") else "Parure Sans"}"; '
            f'font-weight: {name[-3:]}; src: url("{url}"); }}'
            for name, url in _fonts().items()
        )
        + "</style>"
    )


def render(template: str, context: dict[str, Any]) -> bytes:
    return render_html(render_to_string(template, {**context, "fonts": _fonts(), "printed_at": timezone.now()}))


def render_html(html: str) -> bytes:
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


# Inter's mean advance over mixed-case words is a little over half an em; the monospace numbers
# are 0.6 em exactly. Estimates err wide so a fitted line is never clipped by the label's edge.
SANS_EM = Decimal("0.56")
MONO_EM = Decimal("0.6")
PT_MM = Decimal("0.3528")
LINE_HEIGHT = Decimal("1.2")
TITLE_SIZES_PT = (Decimal("7"), Decimal("6.5"), Decimal("6"), Decimal("5.5"), Decimal("5"))
TALL_TITLE_SIZES_PT = (Decimal("5"), Decimal("4.5"), Decimal("4"))


def wrap_words(text: str, width: int, lines: int) -> list[str]:
    """``text`` broken at spaces into at most ``lines`` lines of at most ``width`` characters. What
    does not fit is left off at a word boundary, marked with an ellipsis; a word is never cut."""
    words = text.split()
    wrapped: list[str] = []
    while words and len(wrapped) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        wrapped.append(line)
    if words and wrapped:
        last = wrapped[-1].split()
        while len(last) > 1 and len(" ".join(last)) + 1 > width:
            last.pop()
        wrapped[-1] = " ".join(last).rstrip(",;:—–-") + "…"
    return wrapped


def _wrap_code(code: str, width: int) -> list[str]:
    """A stock number broken after its hyphens (never inside a group) to lines of ``width``."""
    groups = re.findall(r"[^-]+-?", code) or [code]
    lines = [groups[0]]
    for group in groups[1:]:
        if len(lines[-1]) + len(group) <= width:
            lines[-1] += group
        else:
            lines.append(group)
    return lines


@dataclass(frozen=True)
class Box:
    """The room a label leaves for words, in millimetres and in lines."""

    width_mm: Decimal
    height_mm: Decimal
    sizes_pt: tuple[Decimal, ...]

    def chars(self, size_pt: Decimal, em: Decimal = SANS_EM) -> int:
        return int(self.width_mm / (size_pt * PT_MM * em))

    def lines(self, size_pt: Decimal) -> int:
        return max(int(self.height_mm / (size_pt * PT_MM * LINE_HEIGHT)), 1)


@dataclass(frozen=True)
class Layout:
    """How a label stock is laid out: tall swing tags or wide labels, and the sizes that follow."""

    tall: bool
    qr_mm: Decimal
    number_pt: Decimal
    number_chars: int
    title: Box


def layout(profile: LabelProfile) -> Layout:
    width, height = profile.label_width_mm, profile.label_height_mm
    if height > width * Decimal("1.6"):
        # A dumbbell: the QR, the number and the part on one half; bars and title turned on the other.
        face = width - Decimal("1.2")
        number_pt = min(Decimal("7"), face / (9 * MONO_EM * PT_MM)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
        bars = Decimal("0.5") * face if profile.show_barcode else Decimal(0)
        return Layout(
            tall=True,
            qr_mm=face,
            number_pt=number_pt,
            number_chars=int(face / (number_pt * MONO_EM * PT_MM)),
            title=Box(height / 2 - Decimal("2"), face - bars - Decimal("0.6"), TALL_TITLE_SIZES_PT),
        )
    qr_mm = max(height - Decimal(4), Decimal(4)) if profile.show_qr else Decimal(0)
    words_mm = width - Decimal("4") - (qr_mm + Decimal("1.5") if qr_mm else Decimal(0))
    bars = Decimal("6.5") if profile.show_barcode else Decimal(0)
    number_pt = Decimal("9")
    number_line = number_pt * PT_MM * LINE_HEIGHT
    return Layout(
        tall=False,
        qr_mm=qr_mm,
        number_pt=number_pt,
        number_chars=int(words_mm / (number_pt * MONO_EM * PT_MM)),
        title=Box(words_mm, height - Decimal("3") - 2 * number_line - bars, TITLE_SIZES_PT),
    )


@dataclass(frozen=True)
class Tag:
    """One printed tag. ``part`` ("1/2") is the numbered part of a set, printed on every stock."""

    code: str
    number: str
    part: str
    title: str
    qr: str
    barcode: str
    number_lines: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()
    title_pt: Decimal = Decimal("6")

    @property
    def heading(self) -> str:
        return f"{self.number} · {self.part}" if self.part else self.number


def _tag(code: str, number: str, part: str, title: str, profile: LabelProfile) -> Tag:
    shape = layout(profile)
    box = shape.title
    # The largest size at which the whole title fits; the smallest, cut at a word, if none does.
    size = next(
        (pt for pt in box.sizes_pt if len(wrap_words(title, box.chars(pt), 99)) <= box.lines(pt)), box.sizes_pt[-1]
    )
    return Tag(
        code=code,
        number=number,
        part=part,
        title=title,
        qr=data_uri(qr_svg(code)) if profile.show_qr else "",
        barcode=data_uri(code128_svg(code)) if profile.show_barcode else "",
        number_lines=tuple(_wrap_code(number, shape.number_chars)),
        lines=tuple(wrap_words(title, box.chars(size), box.lines(size))),
        title_pt=size,
    )


def item_tags(items: list[Item], profile: LabelProfile) -> list[Tag]:
    """One tag per piece, and one per numbered part of a set, so no part can wander off untagged."""
    tags = []
    for item in items:
        parts = list(item.components.all())
        if not parts:
            tags.append(_tag(item.stock_number, item.stock_number, "", item.title, profile))
        for part in parts:
            tags.append(
                _tag(
                    item.stock_number,
                    item.stock_number,
                    f"{part.number}/{len(parts)}",
                    f"{part.description} — {item.title}",
                    profile,
                )
            )
    return tags


def location_tags(locations: list[Location], profile: LabelProfile) -> list[Tag]:
    return [
        _tag(
            f"{location.office.code}/{location.code}",
            location.name,
            "",
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
    shape = layout(profile)
    return render(
        "inventory/pdf/labels.html",
        {"pages": cells, "profile": profile, "tall": shape.tall, "layout": shape, "title": title},
    )
