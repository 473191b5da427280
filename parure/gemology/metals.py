"""Precious metals: standards of fineness, karats, hallmarks and fine-metal content.

Fineness is parts per thousand. The standards are the marks actually struck:

* gold 375 (9k), 417 (10k), 585 (14k), 750 (18k), 916 (22k), 999 (24k) — the mark sits a
  little above the exact fraction (14/24 = 583.3, struck 585) so the piece is never short —
  and 990, a UK standard with no karat name;
* platinum 850, 900, 950 and 999; palladium 500, 950 and 999 (999 as hallmarked in the UK);
* silver 800, 830, 900, 925 (sterling), 958 (Britannia), 999.

A piece assayed below a standard carries the next lower standard's mark (UK Hallmarking Act
1973: no negative tolerance; likewise the Vienna Convention's Common Control Mark).

Hallmark components decoded: UK assay offices (London leopard's head, Birmingham anchor,
Sheffield rose, earlier crown, Edinburgh castle), sponsor's, fineness and date-letter marks
(compulsory since 1 January 1999: sponsor's mark, fineness mark, assay office mark; the date
letter and the traditional pictorial marks became optional), the French eagle's head (18 carat
gold, since 1838) and Minerva head (silver, since 1838), and American stamps (10K, 14K, 18K,
585, 750, PLAT, PT950, PT900, PD500...).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from parure.gemology.errors import MetalError
from parure.gemology.quantities import DecimalInput, to_decimal, to_non_negative_decimal, to_positive_decimal
from parure.gemology.weight import GRAMS_PER_CARAT


class Metal(StrEnum):
    """The precious metals hallmarked in jewellery."""

    GOLD = "gold"
    SILVER = "silver"
    PLATINUM = "platinum"
    PALLADIUM = "palladium"


STANDARDS: dict[Metal, tuple[int, ...]] = {
    Metal.GOLD: (375, 417, 585, 750, 916, 990, 999),
    Metal.PLATINUM: (850, 900, 950, 999),
    Metal.PALLADIUM: (500, 950, 999),
    Metal.SILVER: (800, 830, 900, 925, 958, 999),
}
# The standards a UK assay office may hallmark (Hallmarking Act 1973 as amended, 1999 and 2010).
UK_STANDARDS: dict[Metal, tuple[int, ...]] = {
    Metal.GOLD: (375, 585, 750, 916, 990, 999),
    Metal.PLATINUM: (850, 900, 950, 999),
    Metal.PALLADIUM: (500, 950, 999),
    Metal.SILVER: (800, 925, 958, 999),
}
KARAT_FINENESS: dict[int, int] = {9: 375, 10: 417, 14: 585, 18: 750, 22: 916, 24: 999}
_STANDARD_NAMES: dict[tuple[Metal, int], str] = {
    (Metal.SILVER, 925): "sterling silver",
    (Metal.SILVER, 958): "Britannia silver",
    (Metal.SILVER, 999): "fine silver",
}


@dataclass(frozen=True)
class Standard:
    """A legal standard of fineness for one metal."""

    metal: Metal
    fineness: int

    @property
    def karat(self) -> int | None:
        """The karat of a gold standard, None for other metals."""
        if self.metal is not Metal.GOLD:
            return None
        return next((karat for karat, fineness in KARAT_FINENESS.items() if fineness == self.fineness), None)

    def __str__(self) -> str:
        if (self.metal, self.fineness) in _STANDARD_NAMES:
            return f"{_STANDARD_NAMES[(self.metal, self.fineness)]} ({self.fineness})"
        if self.karat is not None:
            return f"{self.karat} carat gold ({self.fineness})"
        return f"{self.metal.value} {self.fineness}"


def metal(text: Metal | str) -> Metal:
    """Read a metal name ("gold", "Platinum")."""
    if isinstance(text, Metal):
        return text
    wanted = text.strip().lower()
    for item in Metal:
        if item.value == wanted:
            return item
    raise MetalError(f"‘{text.strip()}’ is not a precious metal; metals are {', '.join(m.value for m in Metal)}.")


def karat_to_fineness(karat: int) -> int:
    """The fineness struck for a gold karat: 18 → 750, 14 → 585."""
    if karat not in KARAT_FINENESS:
        raise MetalError(
            f"{karat} karat is not a gold standard; standards are {', '.join(f'{k}k' for k in KARAT_FINENESS)}."
        )
    return KARAT_FINENESS[karat]


def fineness_to_karat(fineness: int) -> int:
    """The karat of a struck gold fineness mark: 750 → 18, 585 → 14."""
    for karat, struck in KARAT_FINENESS.items():
        if struck == fineness:
            return karat
    raise MetalError(
        f"{fineness} is not a gold fineness mark; marks are {', '.join(str(f) for f in KARAT_FINENESS.values())}. "
        "For an assay result use standard_for_assay()."
    )


def standard_for_assay(metal_name: Metal | str, assayed_fineness: DecimalInput) -> Standard:
    """The highest standard a piece assayed at ``assayed_fineness`` may be marked with.

    A piece that falls short of a standard, by however little, carries the next lower one:
    18 carat gold assayed at 749 is marked 585.
    """
    kind = metal(metal_name)
    assay = to_decimal(assayed_fineness, field="Assayed fineness", error=MetalError)
    if not 0 < assay <= 1000:
        raise MetalError(f"Fineness is in parts per thousand, above 0 and at most 1000; {assay} was given.")
    qualifying = [fineness for fineness in STANDARDS[kind] if fineness <= assay]
    if not qualifying:
        lowest = STANDARDS[kind][0]
        raise MetalError(
            f"{kind.value.capitalize()} assayed at {assay} is below the lowest standard ({lowest}); "
            f"it cannot be sold as {kind.value}."
        )
    return Standard(kind, qualifying[-1])


@dataclass(frozen=True)
class FineMetalContent:
    """The metal in a piece, less its stones, and the pure metal that contains."""

    gross_weight_g: Decimal
    stone_weight_g: Decimal
    metal_weight_g: Decimal
    fineness: Decimal
    fine_metal_g: Decimal


def fine_metal_content(
    *, gross_weight_g: DecimalInput, fineness: DecimalInput, stone_weight_ct: DecimalInput = 0
) -> FineMetalContent:
    """Fine metal in a piece: (gross grams − stones' carats × 0.2) × fineness ÷ 1000, exactly."""
    gross = to_positive_decimal(gross_weight_g, field="Gross weight in grams", error=MetalError)
    purity = to_decimal(fineness, field="Fineness", error=MetalError)
    if not 0 < purity <= 1000:
        raise MetalError(f"Fineness is in parts per thousand, above 0 and at most 1000; {purity} was given.")
    stones_g = to_non_negative_decimal(stone_weight_ct, field="Stone weight in carats", error=MetalError)
    stones_g *= GRAMS_PER_CARAT
    if stones_g >= gross:
        raise MetalError(
            f"The stones ({stones_g} g) weigh as much as or more than the whole piece ({gross} g); check both weights."
        )
    metal_g = gross - stones_g
    return FineMetalContent(gross, stones_g, metal_g, purity, metal_g * purity / 1000)


# --- hallmarks ------------------------------------------------------------------------


class MarkKind(StrEnum):
    """What part of a hallmark a stamp is."""

    FINENESS = "fineness"
    ASSAY_OFFICE = "assay office"
    SPONSOR = "sponsor's mark"
    DATE_LETTER = "date letter"
    TRADITIONAL = "traditional standard mark"
    NATIONAL = "national guarantee mark"
    CONVENTION = "common control mark"
    NOT_PRECIOUS = "not a precious-metal mark"


@dataclass(frozen=True)
class MarkReading:
    """What one stamp means."""

    text: str
    kind: MarkKind
    meaning: str
    metals: tuple[Metal, ...] = ()
    fineness: int | None = None
    assay_office: str | None = None
    country: str | None = None


_PICTORIAL_MARKS: dict[str, MarkReading] = {
    "leopard's head": MarkReading(
        "leopard's head", MarkKind.ASSAY_OFFICE, "London assay office", assay_office="London", country="UK"
    ),
    "anchor": MarkReading(
        "anchor", MarkKind.ASSAY_OFFICE, "Birmingham assay office", assay_office="Birmingham", country="UK"
    ),
    "rose": MarkReading(
        "rose", MarkKind.ASSAY_OFFICE, "Sheffield assay office (since 1975)", assay_office="Sheffield", country="UK"
    ),
    "crown": MarkReading(
        "crown",
        MarkKind.ASSAY_OFFICE,
        "on silver, the Sheffield assay office before 1975; on gold, the traditional standard mark beside the carat "
        "figure (18, 22, ...)",
        assay_office="Sheffield",
        country="UK",
    ),
    "castle": MarkReading(
        "castle", MarkKind.ASSAY_OFFICE, "Edinburgh assay office", assay_office="Edinburgh", country="UK"
    ),
    "lion passant": MarkReading(
        "lion passant",
        MarkKind.TRADITIONAL,
        "sterling silver (925), English offices",
        (Metal.SILVER,),
        925,
        country="UK",
    ),
    "lion rampant": MarkReading(
        "lion rampant", MarkKind.TRADITIONAL, "sterling silver (925), Edinburgh", (Metal.SILVER,), 925, country="UK"
    ),
    "britannia": MarkReading(
        "britannia", MarkKind.TRADITIONAL, "Britannia silver (958)", (Metal.SILVER,), 958, country="UK"
    ),
    "orb": MarkReading("orb", MarkKind.TRADITIONAL, "platinum (950)", (Metal.PLATINUM,), 950, country="UK"),
    "pallas athene": MarkReading(
        "pallas athene", MarkKind.TRADITIONAL, "palladium (950)", (Metal.PALLADIUM,), 950, country="UK"
    ),
    "eagle's head": MarkReading(
        "eagle's head",
        MarkKind.NATIONAL,
        "18 carat gold (750), France, since 1838",
        (Metal.GOLD,),
        750,
        country="France",
    ),
    "minerva head": MarkReading(
        "minerva head",
        MarkKind.NATIONAL,
        "silver, France, since 1838 (with a 1: first standard 950; with a 2: second standard 800)",
        (Metal.SILVER,),
        country="France",
    ),
    "common control mark": MarkReading(
        "common control mark", MarkKind.CONVENTION, "Vienna Convention common control mark (balance scales)"
    ),
}
_PICTORIAL_SPELLINGS = {
    "leopards head": "leopard's head",
    "leopard head": "leopard's head",
    "tete d'aigle": "eagle's head",
    "tête d'aigle": "eagle's head",
    "eagles head": "eagle's head",
    "eagle head": "eagle's head",
    "minerva": "minerva head",
    "tete de minerve": "minerva head",
    "tête de minerve": "minerva head",
    "ccm": "common control mark",
    "balance scales": "common control mark",
    "lion": "lion passant",
}
_NOT_PRECIOUS: dict[str, str] = {
    "gf": "gold-filled: a layer of gold bonded to base metal, not solid gold",
    "rgp": "rolled gold plate: a thin gold layer on base metal, not solid gold",
    "gp": "gold-plated, not solid gold",
    "hge": "hard gold electroplate, not solid gold",
    "epns": "electroplated nickel silver: base metal, not silver",
}


def decode_mark(text: str) -> MarkReading:
    """Say what one stamp or hallmark component means ("750", "14K", "PT950", "anchor", "sponsor AB")."""
    original = text.strip()
    squashed = " ".join(original.lower().replace("’", "'").split())
    if not squashed:
        raise MetalError("No mark was given.")
    sponsor = re.fullmatch(r"(?:sponsor(?:'s)?(?: mark)?|maker(?:'s)?(?: mark)?)\s+(\S.*)", squashed)
    if sponsor:
        initials = original[len(original) - len(sponsor.group(1)) :].upper()
        return MarkReading(original, MarkKind.SPONSOR, f"sponsor's mark {initials}: the maker or the firm that sent it")
    date = re.fullmatch(r"date(?: letter)?\s+(\S)", squashed)
    if date:
        return MarkReading(
            original,
            MarkKind.DATE_LETTER,
            f"date letter {original[-1]}: the year depends on the office and the cycle (letter font and shield); "
            "optional in the UK since 1999",
        )
    name = _PICTORIAL_SPELLINGS.get(squashed, squashed)
    if name in _PICTORIAL_MARKS:
        reading = _PICTORIAL_MARKS[name]
        return MarkReading(
            original,
            reading.kind,
            reading.meaning,
            reading.metals,
            reading.fineness,
            reading.assay_office,
            reading.country,
        )
    compact = squashed.replace(" ", "").replace(".", "")
    if compact in _NOT_PRECIOUS or compact.endswith(tuple(_NOT_PRECIOUS)):
        key = next(suffix for suffix in _NOT_PRECIOUS if compact.endswith(suffix))
        return MarkReading(original, MarkKind.NOT_PRECIOUS, _NOT_PRECIOUS[key])
    return _decode_stamp(original, compact)


def _decode_stamp(original: str, compact: str) -> MarkReading:
    karat = re.fullmatch(r"(\d{1,2})(?:k|kt|ct|karat|carat)(?:gold)?", compact)
    if karat:
        fineness = karat_to_fineness(int(karat.group(1)))
        return MarkReading(
            original, MarkKind.FINENESS, f"{karat.group(1)} karat gold ({fineness})", (Metal.GOLD,), fineness
        )
    platinum = re.fullmatch(r"(?:pt|plat|platinum)(\d{3})?|(\d{3})(?:pt|plat|platinum)", compact)
    if platinum:
        digits = platinum.group(1) or platinum.group(2)
        # US practice (FTC Guides): "PLAT" or "Platinum" alone means at least 950 parts platinum.
        fineness = int(digits) if digits else 950
        _require_standard(Metal.PLATINUM, fineness, original)
        return MarkReading(original, MarkKind.FINENESS, f"platinum {fineness}", (Metal.PLATINUM,), fineness)
    palladium = re.fullmatch(r"(?:pd|pall|palladium)(\d{3})|(\d{3})(?:pd|pall|palladium)", compact)
    if palladium:
        fineness = int(palladium.group(1) or palladium.group(2))
        _require_standard(Metal.PALLADIUM, fineness, original)
        return MarkReading(original, MarkKind.FINENESS, f"palladium {fineness}", (Metal.PALLADIUM,), fineness)
    if compact in ("sterling", "ster", "sterlingsilver"):
        return MarkReading(original, MarkKind.FINENESS, "sterling silver (925)", (Metal.SILVER,), 925)
    if re.fullmatch(r"\d{3}", compact):
        fineness = int(compact)
        metals = tuple(kind for kind, standards in STANDARDS.items() if fineness in standards)
        if metals:
            names = " or ".join(kind.value for kind in metals)
            meaning = f"fineness {fineness}: {names}"
            if len(metals) > 1:
                meaning += "; the shape of the surround or a test of the metal decides"
            return MarkReading(original, MarkKind.FINENESS, meaning, metals, fineness)
    raise MetalError(
        f"‘{original}’ is not a mark this decoder knows. It reads fineness numbers (375 … 999), karat stamps "
        "(9ct, 14K, 18KT), PLAT, PT950, PD500, STERLING, the pictorial marks "
        f"({', '.join(_PICTORIAL_MARKS)}), ‘sponsor XY’ and ‘date letter x’."
    )


def _require_standard(kind: Metal, fineness: int, original: str) -> None:
    if fineness not in STANDARDS[kind]:
        raise MetalError(
            f"‘{original}’: {fineness} is not a {kind.value} standard; standards are "
            f"{', '.join(str(f) for f in STANDARDS[kind])}."
        )


@dataclass(frozen=True)
class UkHallmarkCheck:
    """A UK hallmark read mark by mark, with what is missing or wrong."""

    marks: tuple[MarkReading, ...]
    metal: Metal | None
    fineness: int | None
    assay_office: str | None
    is_complete: bool
    problems: tuple[str, ...]
    notes: tuple[str, ...]


def check_uk_hallmark(components: Sequence[str]) -> UkHallmarkCheck:
    """Read a UK hallmark's components and say whether the compulsory marks are all there.

    Since 1 January 1999 a UK hallmark must have a sponsor's mark, a fineness (millesimal)
    mark and an assay office mark; the date letter and the traditional marks are optional.
    """
    marks = tuple(decode_mark(component) for component in components)
    fineness_marks = [mark for mark in marks if mark.kind is MarkKind.FINENESS]
    problems: list[str] = []
    notes: list[str] = []
    metal_found: Metal | None = None
    fineness: int | None = None
    if fineness_marks:
        fineness = fineness_marks[0].fineness
        candidates = set(fineness_marks[0].metals)
        for mark in marks:
            if mark.kind is MarkKind.TRADITIONAL and mark.metals:
                candidates &= set(mark.metals)
        if len(candidates) == 1:
            metal_found = candidates.pop()
        if metal_found is not None and fineness is not None and fineness not in UK_STANDARDS[metal_found]:
            problems.append(
                f"{fineness} is not a UK standard for {metal_found.value}; UK standards are "
                f"{', '.join(str(f) for f in UK_STANDARDS[metal_found])}."
            )
    else:
        problems.append("No fineness mark: a UK hallmark must show the fineness in parts per thousand.")
    if not any(mark.kind is MarkKind.SPONSOR for mark in marks):
        problems.append("No sponsor's mark: a UK hallmark must show the sponsor's (maker's) mark.")
    offices = [mark for mark in marks if mark.kind is MarkKind.ASSAY_OFFICE]
    office: str | None = None
    crown_on_gold = any(mark.text.strip().lower() == "crown" for mark in offices) and metal_found is Metal.GOLD
    office_marks = [mark for mark in offices if not (crown_on_gold and mark.text.strip().lower() == "crown")]
    if crown_on_gold:
        notes.append("The crown on gold is the traditional gold standard mark, not an assay office.")
    if office_marks:
        office = office_marks[0].assay_office
    else:
        problems.append("No assay office mark: a UK hallmark must show the office that tested it.")
    if not any(mark.kind is MarkKind.DATE_LETTER for mark in marks):
        notes.append("No date letter: optional since 1 January 1999.")
    return UkHallmarkCheck(marks, metal_found, fineness, office, not problems, tuple(problems), tuple(notes))
