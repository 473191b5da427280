"""What the record's services take: the desk screen's rows as typed inputs, and the piece's intake
sheet read into the same inputs (``prefill``), which is how a new record starts.

The intake sheet is free text typed at the counter ("18k white gold", "10.20 × 8.15 × 5.02",
"circa 1925"); it is read here as far as it safely goes, and the specialist corrects the rest on the
desk screen. Dates and periods are read by the gemology library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parure.catalogue.choices import Attribution, MetalColour, StoneRole, WeightBasis
from parure.gemology import metals, periods
from parure.gemology.errors import GemologyError

# --- What the desk screen sends ------------------------------------------------------------------


@dataclass(frozen=True)
class MetalInput:
    metal: str
    colour: str = ""
    fineness: int | None = None
    marks: str = ""
    tested: bool = False
    part: str = ""


@dataclass(frozen=True)
class StoneInput:
    """One stone row. ``keep_estimate``: store the library's estimate from the measurements on the
    stone (it is recomputed here from what is saved, never taken from the browser)."""

    species: str
    role: str = StoneRole.PRINCIPAL
    variety: str = ""
    cut: str = ""
    shape: str = ""
    count: int = 1
    component: int | None = None
    length_mm: Decimal | None = None
    width_mm: Decimal | None = None
    depth_mm: Decimal | None = None
    weight_ct: Decimal | None = None
    weight_basis: str = ""
    keep_estimate: bool = False
    colour: str = ""
    clarity: str = ""
    cut_grade: str = ""
    as_gauged: bool = False
    fluorescence: str = ""
    treatment: str = ""
    origin: str = ""


@dataclass(frozen=True)
class MakerInput:
    name: str
    attribution: str = Attribution.BY


@dataclass(frozen=True)
class ProvenanceInput:
    """One link of the chain. ``owner=None`` with ``entry_id`` keeps the stored owner: what a person
    who may not read a confidential owner sends back for that row."""

    owner: str | None
    is_sale: bool = False
    date_text: str = ""
    source: str = ""
    confidential: bool = False
    public_wording: str = ""
    entry_id: int | None = None


@dataclass(frozen=True)
class ReferenceInput:
    kind: str
    text: str


# --- Opening a record from the intake sheet -------------------------------------------------------

_OBJECT_TYPES = {
    "ring": ("ring", False),
    "necklace": ("necklace", False),
    "brooch": ("brooch", False),
    "earrings": ("pair of earrings", True),
    "bracelet": ("bracelet", False),
    "pendant": ("pendant", False),
    "cufflinks": ("pair of cufflinks", True),
    "watch": ("wristwatch", False),
    "loose_stone": ("unmounted stone", False),
    "tiara": ("tiara", False),
    "suite": ("suite", False),
    "object": ("object of vertu", False),
    "other": ("object", False),
}
# What intake sheets call a stone, as species and variety.
_VARIETIES = {
    "sapphire": "corundum",
    "ruby": "corundum",
    "emerald": "beryl",
    "aquamarine": "beryl",
    "morganite": "beryl",
    "amethyst": "quartz",
    "citrine": "quartz",
    "alexandrite": "chrysoberyl",
    "tanzanite": "zoisite",
    "demantoid": "garnet",
}
_SHAPES = ("round", "oval", "cushion", "pear", "marquise", "heart", "emerald", "asscher", "radiant", "princess",
           "baguette", "triangle", "drop", "square", "navette")  # fmt: skip
# Periods named in a title at intake ("Art Deco sapphire ring") when no date was given.
_TITLE_PERIODS = {
    "art deco": "art-deco",
    "belle époque": "edwardian",
    "belle epoque": "edwardian",
    "edwardian": "edwardian",
    "retro": "retro",
    "art nouveau": "art-nouveau",
    "georgian": "georgian",
}
_METAL_COLOURS = {colour.value for colour in MetalColour if colour.value}


def _metals_of(text: str, fineness_text: str) -> list[MetalInput]:
    """‘18k white gold’ + ‘750’ → gold, white, 750; ‘platinum-topped 18k gold’ → platinum and gold."""
    words = text.lower().replace("-", " ").split()
    found = [word for word in words if word in {kind.value for kind in metals.Metal}]
    if not found:
        return []
    colour = next((word for word in words if word in _METAL_COLOURS), "")
    karat = re.search(r"\b(\d{1,2})\s*(?:k|kt|ct|carat|karat)\b", text.lower())
    digits = re.fullmatch(r"\s*(\d{3})\s*", fineness_text)
    stated = int(digits.group(1)) if digits else (925 if fineness_text.strip().lower() == "sterling" else None)
    rows = []
    for name in dict.fromkeys(found):
        fineness = None
        if name == "gold" and karat and int(karat.group(1)) in metals.KARAT_FINENESS:
            fineness = metals.KARAT_FINENESS[int(karat.group(1))]
        elif len(found) == 1 or (name == found[-1] and stated is not None):
            fineness = stated
        if fineness is not None and fineness not in metals.STANDARDS[metals.metal(name)]:
            fineness = None
        rows.append(MetalInput(metal=name, colour=colour if name == "gold" else "", fineness=fineness))
    return rows


def _measurements(text: str) -> list[Decimal]:
    return [Decimal(number) for number in re.findall(r"\d+(?:\.\d+)?", text)][:3]


def _dating(text: str, title: str) -> dict[str, Any]:
    """The date fields from the intake's ‘date or circa’ (and a period named in the title)."""
    values: dict[str, Any] = {}
    if text.strip():
        values["date_text"] = text.strip()
        try:
            dating = periods.periods_for(text)
        except GemologyError:
            return values
        values.update(year_from=dating.span.start, year_to=dating.span.end, circa=dating.span.circa)
        firm = [match.period.key for match in dating.matches if match.within_common_dates]
        if len(firm) == 1:
            values["period"] = firm[0]
        return values
    lowered = title.lower()
    for words, key in _TITLE_PERIODS.items():
        if words in lowered:
            values["period"] = key
            break
    return values


def _stones_of(item: Any) -> list[StoneInput]:
    rows = []
    measured = _measurements(item.stone_measurements or "")
    for index, stone in enumerate(item.stones.all()):
        name = stone.species.strip().lower()
        species, variety = (_VARIETIES[name], name) if name in _VARIETIES else (name, "")
        cut = stone.cut.strip().lower()
        shape = next((word for word in _SHAPES if cut.startswith(word)), "")
        size: dict[str, Decimal | None] = {}
        if index == 0 and measured:
            if len(measured) == 2:
                size = {"length_mm": measured[0], "depth_mm": measured[1]}
            else:
                size = {"length_mm": measured[0], "width_mm": measured[1], "depth_mm": measured[2]}
        rows.append(
            StoneInput(
                species=species,
                variety=variety,
                role=StoneRole.PRINCIPAL if index == 0 else StoneRole.SECONDARY,
                cut=cut,
                shape=shape,
                count=stone.count,
                weight_ct=stone.approx_carats,
                weight_basis=WeightBasis.ESTIMATED if stone.approx_carats is not None else "",
                **size,  # type: ignore[arg-type]
            )
        )
    return rows


def prefill(item: Any) -> tuple[dict[str, Any], list[MetalInput], list[StoneInput], list[MakerInput]]:
    """What the intake sheet says of the piece, as the record's fields and rows."""
    object_type, is_pair = _OBJECT_TYPES.get(item.category, (item.category, False))
    parts = list(item.components.all())
    values: dict[str, Any] = {
        "object_type": object_type,
        "is_pair": is_pair or item.title.lower().startswith("pair of"),
        "suite_of": len(parts) if item.category == "suite" and parts else None,
        "design_notes": item.description.strip(),
        "gross_weight_g": item.gross_weight_g,
        "signature": item.signature,
        "serial_number": item.serial_number,
        **_dating(item.date_or_circa or "", item.title),
    }
    makers = [MakerInput(name=item.maker.strip())] if item.maker.strip() else []
    return values, _metals_of(item.metal or "", item.fineness or ""), _stones_of(item), makers
