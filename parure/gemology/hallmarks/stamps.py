"""One stamp: what a fineness number, karat stamp, sponsor's mark, date letter or pictorial mark means.

``decode_mark`` reads one mark against the French, British, Convention and Swiss tables (by name,
in English or French, with or without accents, with a number, a Minerva letter or a CCM
fineness after the name) and the stamps struck alone (750, 14K, PT950, STERLING); the readings
the library gave before the tables existed are kept word for word. ``check_uk_hallmark`` says
whether a UK hallmark has its compulsory marks.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parure.gemology.errors import MetalError
from parure.gemology.hallmarks.britain import UK_MARKS
from parure.gemology.hallmarks.common import (
    Country,
    MarkKind,
    MarkReading,
    Metal,
    TableMark,
    fold,
    karat_to_fineness,
    name_variants,
    unique,
)
from parure.gemology.hallmarks.convention import CCM_MARKS
from parure.gemology.hallmarks.france import FRENCH_MARKS, MINERVA_DATE_LETTERS
from parure.gemology.hallmarks.standards import STANDARDS, UK_STANDARDS
from parure.gemology.hallmarks.switzerland import SWISS_MARKS

ALL_MARKS: tuple[TableMark, ...] = (*FRENCH_MARKS, *UK_MARKS, *CCM_MARKS, *SWISS_MARKS)

# --- one stamp ----------------------------------------------------------------------------------

# The readings the library gave before the country tables; kept word for word so existing
# records and pages read the same. The tables add the periods (``read_hallmark``).
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
_SPONSOR = re.compile(
    r"(?:(?:sponsor|maker|importer)(?:'s)?(?:\s+(?:mark|lozenge|oval))?|lozenge|losange|oval|ovale|"
    r"poin[cç]on de (?:ma[iî]tre|responsabilit[eé]))\s+(\S.*)"
)


def _index(rows: Iterable[TableMark]) -> dict[str, tuple[TableMark, ...]]:
    found: dict[str, list[TableMark]] = {}
    for row in rows:
        for name in row.names:
            for variant in name_variants(name):
                bucket = found.setdefault(variant, [])
                if row not in bucket:
                    bucket.append(row)
    return {name: tuple(bucket) for name, bucket in found.items()}


_INDEX = _index(ALL_MARKS)


def marks_named(name: str) -> tuple[TableMark, ...]:
    """Every table row a mark's name can be ("tête d'aigle" → the eagle's heads of 1809, 1838, 1847, 1919...)."""
    rows: list[TableMark] = []
    for variant in name_variants(name):
        for row in _INDEX.get(variant, ()):
            if row not in rows:
                rows.append(row)
    return tuple(sorted(rows, key=ALL_MARKS.index))


@dataclass(frozen=True)
class Lookup:
    """The table rows a typed mark names, and what was read after the name."""

    rows: tuple[TableMark, ...]
    number: str | None = None
    letter: str | None = None
    inner_fineness: int | None = None


def lookup_mark(text: str) -> Lookup:
    """The table rows a typed mark names, with a number (1–4), a Minerva letter or a CCM fineness after the name."""
    folded = fold(text)
    whole = marks_named(folded)
    if whole:
        return Lookup(whole)
    numbered = re.fullmatch(r"(.+?)\s+(?:(?:no|number)\s+)?([1-4])", folded)
    if numbered and marks_named(numbered.group(1)):
        return Lookup(marks_named(numbered.group(1)), number=numbered.group(2))
    lettered = re.fullmatch(r"(.+?)\s+(?:letter\s+)?([a-z])", folded)
    if lettered:
        rows = marks_named(lettered.group(1))
        if rows and all(row.key.startswith("minerve") for row in rows):
            return Lookup(rows, letter=lettered.group(2).upper())
    inner = re.fullmatch(r"(.+?)\s+(\d{3})", folded)
    if inner:
        rows = marks_named(inner.group(1))
        if rows and all(row.country is Country.CONVENTION for row in rows):
            return Lookup(rows, inner_fineness=int(inner.group(2)))
    return Lookup(())


def _display_name(rows: Sequence[TableMark]) -> str:
    first = rows[0]
    return (
        f"{first.name} ({first.local_name})"
        if first.local_name and fold(first.local_name) != fold(first.name)
        else first.name
    )


def _reading_from_rows(original: str, found: Lookup) -> MarkReading:
    rows = found.rows
    if found.letter is not None and found.letter in MINERVA_DATE_LETTERS:
        span = MINERVA_DATE_LETTERS[found.letter]
        rows = tuple(row for row in rows if row.number != "2" and row.period.overlap(span)) or rows
    if found.number is not None:
        rows = narrow_by_number(rows, found.number)[0]
    kinds = unique(row.kind for row in rows)
    metals = tuple(unique(item for row in rows for item in row.metals))
    finenesses = unique(row.fineness for row in rows)
    fineness = finenesses[0] if len(finenesses) == 1 else None
    if found.inner_fineness is not None:
        fineness = found.inner_fineness
        rows = tuple(row for row in rows if found.inner_fineness in STANDARDS[row.metals[0]]) or rows
        metals = tuple(unique(item for row in rows for item in row.metals))
    offices = unique(row.office for row in rows if row.kind is MarkKind.ASSAY_OFFICE)
    countries = unique(row.country.value for row in rows)
    where = f", {countries[0]}" if len(countries) == 1 else ""
    several = len(unique(row.name for row in rows)) > 1
    parts = [f"{row.name}, {row.summary()}" if several else row.summary() for row in rows]
    meaning = (f"{where[2:]}: " if several and where else f"{_display_name(rows)}{where}: ") + "; or ".join(parts)
    return MarkReading(
        original,
        kinds[0] if len(kinds) == 1 else MarkKind.NATIONAL,
        meaning,
        metals,
        fineness,
        offices[0] if len(offices) == 1 else None,
        countries[0] if len(countries) == 1 else None,
    )


def decode_mark(text: str) -> MarkReading:
    """Say what one stamp or hallmark component means.

    Reads fineness numbers and karat stamps ("750", "14K", "PT950"), the sponsor's or maker's mark
    ("sponsor AB", "maker's lozenge AB"), the date letter, and the pictorial marks of the French,
    British, Convention and Swiss tables in English or French, with a number after the name where
    the mark has one ("Minerva 2", "tête d'aigle 3").
    """
    original = text.strip()
    squashed = " ".join(original.lower().replace("’", "'").split())
    if not squashed:
        raise MetalError("No mark was given.")
    sponsor = _SPONSOR.fullmatch(squashed)
    if sponsor:
        letters = original[len(original) - len(sponsor.group(1)) :].upper()
        if re.search(r"lozenge|losange|maitre|maître", squashed):
            meaning = f"maker's mark {letters} in a lozenge: in France, the maker's mark (poinçon de maître)"
        elif re.search(r"oval|ovale|importer|responsabilit", squashed):
            meaning = f"importer's mark {letters} in an oval: in France, the responsibility mark of an importer"
        else:
            meaning = f"sponsor's mark {letters}: the maker or the firm that sent it"
        return MarkReading(original, MarkKind.SPONSOR, meaning)
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
    found = lookup_mark(original)
    if found.rows:
        return _reading_from_rows(original, found)
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


# --- a UK hallmark's compulsory marks -----------------------------------------------------------


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


def narrow_by_number(
    rows: tuple[TableMark, ...], number: str | None
) -> tuple[tuple[TableMark, ...], tuple[TableMark, ...], str | None]:
    """The rows a mark is with the number read after its name, the numbered punches set aside, and a note.

    With no number read, a mark is taken to be a punch that carries none when there is one; the
    numbered punches are set aside (and named in a note if they fit the marks' years).
    """
    if not rows:
        return rows, (), None
    if number is None:
        plain = tuple(row for row in rows if row.number is None)
        numbered = tuple(row for row in rows if row.number is not None)
        if plain and numbered:
            return plain, numbered, None
        return rows, (), None
    with_number = tuple(row for row in rows if row.number == number)
    if with_number:
        return with_number, (), None
    plain = tuple(row for row in rows if row.number is None) or rows
    return plain, (), f"No {rows[0].name} with the number {number} is recorded; it is read without the number."
