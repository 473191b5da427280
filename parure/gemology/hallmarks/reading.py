"""Reading marks: one stamp (``decode_mark``), a UK hallmark's compulsory marks, a whole set of marks.

``read_hallmark`` reads the marks struck on one piece against the French, British, Convention
and Swiss tables, optionally for one country and year: it says the metal, the title the marks
state (or the minimum they guarantee), the years they were struck together, the office class and
what does not fit. ``mark_matches_fineness`` is the catalogue's check of a stated metal and
fineness against that reading. Names are read in English or French, with or without accents:
"tête d'aigle", "tete d'aigle" and "eagle's head" are one mark.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from parure.gemology.errors import MetalError
from parure.gemology.hallmarks.britain import UK_MARKS
from parure.gemology.hallmarks.common import (
    Country,
    MarkKind,
    MarkReading,
    Metal,
    Standard,
    TableMark,
    YearSpan,
    envelope,
    fold,
    karat_to_fineness,
    metal,
    name_variants,
)
from parure.gemology.hallmarks.convention import CCM_MARKS
from parure.gemology.hallmarks.france import (
    FRENCH_MARKS,
    MINERVA_DATE_LETTER_SOURCE,
    MINERVA_DATE_LETTERS,
    OfficeClass,
    Role,
)
from parure.gemology.hallmarks.standards import STANDARDS, UK_STANDARDS
from parure.gemology.hallmarks.switzerland import SWISS_MARKS
from parure.gemology.quantities import DecimalInput, to_decimal

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
class _Lookup:
    rows: tuple[TableMark, ...]
    number: str | None = None
    letter: str | None = None
    inner_fineness: int | None = None


def _lookup(text: str) -> _Lookup:
    """The table rows a typed mark names, with a number (1–4), a Minerva letter or a CCM fineness after the name."""
    folded = fold(text)
    whole = marks_named(folded)
    if whole:
        return _Lookup(whole)
    numbered = re.fullmatch(r"(.+?)\s+(?:(?:no|number)\s+)?([1-4])", folded)
    if numbered and marks_named(numbered.group(1)):
        return _Lookup(marks_named(numbered.group(1)), number=numbered.group(2))
    lettered = re.fullmatch(r"(.+?)\s+(?:letter\s+)?([a-z])", folded)
    if lettered:
        rows = marks_named(lettered.group(1))
        if rows and all(row.key.startswith("minerve") for row in rows):
            return _Lookup(rows, letter=lettered.group(2).upper())
    inner = re.fullmatch(r"(.+?)\s+(\d{3})", folded)
    if inner:
        rows = marks_named(inner.group(1))
        if rows and all(row.country is Country.CONVENTION for row in rows):
            return _Lookup(rows, inner_fineness=int(inner.group(2)))
    return _Lookup(())


def _display_name(rows: Sequence[TableMark]) -> str:
    first = rows[0]
    return (
        f"{first.name} ({first.local_name})"
        if first.local_name and fold(first.local_name) != fold(first.name)
        else first.name
    )


def _unique[T](values: Iterable[T]) -> list[T]:
    seen: list[T] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def _reading_from_rows(original: str, found: _Lookup) -> MarkReading:
    rows = found.rows
    if found.letter is not None and found.letter in MINERVA_DATE_LETTERS:
        span = MINERVA_DATE_LETTERS[found.letter]
        rows = tuple(row for row in rows if row.number != "2" and row.period.overlap(span)) or rows
    if found.number is not None:
        rows = _narrow_by_number(rows, found.number)[0]
    kinds = _unique(row.kind for row in rows)
    metals = tuple(_unique(item for row in rows for item in row.metals))
    finenesses = _unique(row.fineness for row in rows)
    fineness = finenesses[0] if len(finenesses) == 1 else None
    if found.inner_fineness is not None:
        fineness = found.inner_fineness
        rows = tuple(row for row in rows if found.inner_fineness in STANDARDS[row.metals[0]]) or rows
        metals = tuple(_unique(item for row in rows for item in row.metals))
    offices = _unique(row.office for row in rows if row.kind is MarkKind.ASSAY_OFFICE)
    countries = _unique(row.country.value for row in rows)
    where = f", {countries[0]}" if len(countries) == 1 else ""
    several = len(_unique(row.name for row in rows)) > 1
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
    found = _lookup(original)
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


# --- a whole set of marks -----------------------------------------------------------------------


@dataclass(frozen=True)
class MarkInterpretation:
    """One mark of a set, with the table rows it can still be once the other marks and filters are read."""

    text: str
    reading: MarkReading
    candidates: tuple[TableMark, ...]
    numbered_alternatives: tuple[TableMark, ...] = ()


@dataclass(frozen=True)
class HallmarkReading:
    """What a set of marks on one piece says together.

    ``fineness`` is the title the marks state; with ``minimum_only`` they guarantee only that
    minimum (or the marks may be either). ``period`` is the span of years in which all the dated
    marks were struck together.
    """

    marks: tuple[MarkInterpretation, ...]
    country: str | None
    metal: Metal | None
    fineness: int | None
    minimum_only: bool
    period: YearSpan | None
    office: str | None
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def texts(self) -> tuple[str, ...]:
        """The marks as given."""
        return tuple(mark.text for mark in self.marks)

    @property
    def possible_metals(self) -> tuple[Metal, ...]:
        """The metals the marks leave open (one when ``metal`` is known, none when they say nothing)."""
        if self.metal is not None:
            return (self.metal,)
        stated = [set(_mark_metals(mark)) for mark in self.marks if _mark_metals(mark)]
        if not stated:
            return ()
        common = set.intersection(*stated) or set.union(*stated)
        return tuple(item for item in Metal if item in common)

    @property
    def summary(self) -> str:
        """One line: metal and title, country and office, years."""
        if self.metal is not None and self.fineness is not None:
            what = f"{self.metal.value} {'at least ' if self.minimum_only else ''}{self.fineness}"
        elif self.metal is not None:
            what = self.metal.value
        else:
            what = "metal not settled"
        where = ", ".join(part for part in (self.country, self.office) if part)
        years = f"{', ' if where else ''}{self.period}" if self.period is not None else ""
        return what + (f" ({where}{years})" if where or years else "")


_COUNTRY_NAMES: dict[str, Country] = {
    "france": Country.FRANCE,
    "fr": Country.FRANCE,
    "uk": Country.UK,
    "united kingdom": Country.UK,
    "great britain": Country.UK,
    "britain": Country.UK,
    "england": Country.UK,
    "scotland": Country.UK,
    "gb": Country.UK,
    "ireland": Country.IRELAND,
    "switzerland": Country.SWITZERLAND,
    "swiss": Country.SWITZERLAND,
    "convention": Country.CONVENTION,
    "hallmarking convention": Country.CONVENTION,
}


def _country_of(text: str) -> Country:
    found = _COUNTRY_NAMES.get(fold(text))
    if found is None:
        raise MetalError(
            f"‘{text.strip()}’ is not a country whose marks are held; they are "
            f"{', '.join(item.value for item in Country)}."
        )
    return found


def _narrow_by_number(
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


def _mark_metals(mark: MarkInterpretation) -> tuple[Metal, ...]:
    """The metals a mark allows; none when it says nothing of the metal (an office mark, a date letter)."""
    if mark.candidates:
        if any(not row.metals for row in mark.candidates):
            return ()
        return tuple(_unique(item for row in mark.candidates for item in row.metals))
    return mark.reading.metals


def _periods(rows: Sequence[TableMark]) -> str:
    return ", ".join(_unique(row.period_text for row in rows))


def _interpret(
    text: str, place: Country | None, year: int | None, problems: list[str], notes: list[str]
) -> MarkInterpretation:
    reading = decode_mark(text)
    if reading.kind in (MarkKind.SPONSOR, MarkKind.DATE_LETTER, MarkKind.FINENESS, MarkKind.NOT_PRECIOUS):
        return MarkInterpretation(text, reading, ())
    found = _lookup(text)
    rows = found.rows
    if found.inner_fineness is not None:
        rows = tuple(row for row in rows if found.inner_fineness in STANDARDS[row.metals[0]]) or rows
    if place is not None and rows:
        kept = tuple(row for row in rows if row.country is place)
        if not kept:
            countries = " or ".join(_unique(row.country.value for row in rows))
            problems.append(f"‘{text}’ is a mark of {countries}, not of {place.value}.")
        rows = kept
    if found.letter is not None and rows:
        span = MINERVA_DATE_LETTERS.get(found.letter)
        if span is None:
            problems.append(f"‘{text}’: the Minerva's decade letters held are {', '.join(MINERVA_DATE_LETTERS)}.")
        else:
            dated = [(row, row.period.overlap(span)) for row in rows if row.number != "2"]
            rows = tuple(replace(row, period=overlap) for row, overlap in dated if overlap is not None) or rows
            notes.append(
                f"The letter {found.letter} in the Minerva's octagon dates it {span} ({MINERVA_DATE_LETTER_SOURCE})."
            )
    if year is not None and rows:
        kept = tuple(row for row in rows if row.period.contains(year))
        if not kept:
            problems.append(f"No ‘{text}’ was struck in {year}: it was struck {_periods(rows)}.")
        rows = kept
    rows, numbered, number_note = _narrow_by_number(rows, found.number)
    if number_note:
        notes.append(number_note)
    return MarkInterpretation(text, reading, rows, numbered)


def read_hallmark(marks: Sequence[str], *, country: str | None = None, year: int | None = None) -> HallmarkReading:
    """Read the marks struck on one piece together, optionally as one country's and of one year.

    ``read_hallmark(["eagle's head", "maker's lozenge AB"], country="France")`` says gold, at least
    750, the years the eagle's heads were struck, the office class where the marks settle it, and
    what they leave open. A mark no table knows is refused (``MetalError``) naming it.
    """
    texts = [text.strip() for text in marks if text.strip()]
    if not texts:
        raise MetalError("List the marks struck on the piece, e.g. ‘eagle's head’, ‘maker's lozenge AB’.")
    place = _country_of(country) if country else None
    problems: list[str] = []
    notes: list[str] = []
    read = [_interpret(text, place, year, problems, notes) for text in texts]
    read, period = _common_period(read, problems)
    before = len(problems)
    found_metal = _common_metal(read, problems, notes)
    metals_disagree = len(problems) > before
    if found_metal is not None:
        kind = found_metal
        read = [_keep(mark, lambda row: not row.metals or kind in row.metals) for mark in read]
        read = _crown_on_gold(read, found_metal, notes)
        if period is not None:
            read, period = _common_period(read, problems)
    fineness, minimum_only = (None, False) if metals_disagree else _common_fineness(read, problems)
    office = _common_office(read, problems, notes)
    countries = _unique(
        row.country.value for mark in read for row in mark.candidates if row.country is not Country.CONVENTION
    )
    found_country = place.value if place is not None else (countries[0] if len(countries) == 1 else None)
    notes.extend(_mark_notes(read, period))
    sources = tuple(_unique(row.source for mark in read for row in mark.candidates))
    return HallmarkReading(
        tuple(read),
        found_country,
        found_metal,
        fineness,
        minimum_only,
        period,
        office,
        tuple(_unique(problems)),
        tuple(_unique(notes)),
        sources,
    )


def _keep(mark: MarkInterpretation, wanted: Callable[[TableMark], bool]) -> MarkInterpretation:
    kept = tuple(row for row in mark.candidates if wanted(row))
    return replace(mark, candidates=kept or mark.candidates)


def _primary(rows: tuple[TableMark, ...]) -> tuple[TableMark, ...]:
    """A mark's rows with recense marks left out, unless it has no others: a recense is read only when dated."""
    return tuple(row for row in rows if row.role != Role.RECENSE.value) or rows


def _intersect(spans: Sequence[YearSpan]) -> YearSpan | None:
    period: YearSpan | None = spans[0]
    for span in spans[1:]:
        period = period.overlap(span) if period is not None else None
    return period


def _narrowed(read: list[MarkInterpretation], period: YearSpan) -> list[MarkInterpretation] | None:
    """Each mark's rows struck within ``period``; None when a mark has none left."""
    result = []
    for mark in read:
        if mark.candidates:
            kept = tuple(row for row in mark.candidates if row.period.overlap(period) is not None)
            if not kept:
                return None
            mark = replace(mark, candidates=kept)
        result.append(mark)
    return result


def _settled(read: list[MarkInterpretation]) -> tuple[list[MarkInterpretation], YearSpan] | None:
    """Narrow the marks to the years they share until nothing changes; None when they share none."""
    while True:
        spans = [envelope([row.period for row in mark.candidates]) for mark in read if mark.candidates]
        period = _intersect(spans)
        if period is None:
            return None
        narrowed = _narrowed(read, period)
        if narrowed is None:
            return None
        if narrowed == read:
            return read, period
        read = narrowed


def _common_period(
    read: list[MarkInterpretation], problems: list[str]
) -> tuple[list[MarkInterpretation], YearSpan | None]:
    """The years all dated marks share, and each mark narrowed to the rows struck then.

    Recense marks are tried last: they are read only when the other marks' years call for them.
    """
    dated = [mark for mark in read if mark.candidates]
    if not dated:
        return read, None
    primary = [replace(mark, candidates=_primary(mark.candidates)) if mark.candidates else mark for mark in read]
    for trial in (primary, read):
        settled = _settled(trial)
        if settled is not None:
            return settled
    spans = "; ".join(f"‘{mark.text}’ {_periods(mark.candidates)}" for mark in dated)
    problems.append(f"The marks were not struck at the same time: {spans}.")
    return read, None


def _common_metal(read: Sequence[MarkInterpretation], problems: list[str], notes: list[str]) -> Metal | None:
    stated = [(mark, set(_mark_metals(mark))) for mark in read if _mark_metals(mark)]
    if not stated:
        return None
    common = set.intersection(*(metals for _, metals in stated))
    if not common:
        said = "; ".join(
            f"‘{mark.text}’ {' or '.join(item.value for item in _mark_metals(mark))}" for mark, _ in stated
        )
        problems.append(f"The marks disagree on the metal: {said}.")
        return None
    if len(common) > 1:
        ordered = [item for item in Metal if item in common]
        notes.append(f"The marks fit {' or '.join(item.value for item in ordered)}; a test of the metal decides.")
        return None
    return common.pop()


def _crown_on_gold(read: list[MarkInterpretation], kind: Metal, notes: list[str]) -> list[MarkInterpretation]:
    if kind is not Metal.GOLD:
        return read
    result = []
    for mark in read:
        keys = {row.key for row in mark.candidates}
        if {"sheffield-crown", "gold-crown"} <= keys:
            notes.append("The crown on gold is the traditional gold standard mark, not an assay office.")
            mark = replace(mark, candidates=tuple(row for row in mark.candidates if row.key != "sheffield-crown"))
        result.append(mark)
    return result


def _mark_title(mark: MarkInterpretation) -> tuple[int, bool] | None:
    """The fineness a mark states and whether only as a minimum; None when it states none or its rows differ."""
    if mark.reading.kind in (MarkKind.FINENESS, MarkKind.CONVENTION) and mark.reading.fineness is not None:
        return mark.reading.fineness, False
    titled = [row for row in mark.candidates if row.fineness is not None]
    values = _unique(row.fineness for row in titled)
    if len(values) != 1 or values[0] is None:
        return None
    return values[0], any(row.minimum_only for row in titled)


def _common_fineness(read: Sequence[MarkInterpretation], problems: list[str]) -> tuple[int | None, bool]:
    titles = [(mark, title) for mark in read if (title := _mark_title(mark)) is not None]
    exact = [(mark, value) for mark, (value, minimum) in titles if not minimum]
    minimums = [(mark, value) for mark, (value, minimum) in titles if minimum]
    values = _unique(value for _, value in exact)
    if len(values) > 1:
        said = ", ".join(f"‘{mark.text}’ states {value}" for mark, value in exact)
        problems.append(f"The marks state different finenesses: {said}.")
        return None, False
    if values:
        for mark, floor in minimums:
            if floor > values[0]:
                problems.append(f"‘{mark.text}’ guarantees at least {floor}, more than the {values[0]} stated.")
        return values[0], False
    if minimums:
        return max(value for _, value in minimums), True
    return None, False


def _common_office(read: Sequence[MarkInterpretation], problems: list[str], notes: list[str]) -> str | None:
    assay_offices: list[str] = []
    classes: list[str] = []
    for mark in read:
        named = _unique(row.office for row in mark.candidates if row.office)
        if len(named) != 1 or named[0] is None:
            continue
        if all(row.kind is MarkKind.ASSAY_OFFICE for row in mark.candidates):
            assay_offices = _unique([*assay_offices, named[0]])
        else:
            classes = _unique([*classes, named[0]])
    if len(assay_offices) > 1:
        problems.append(f"Two assay office marks: {' and '.join(assay_offices)}.")
        return None
    if assay_offices:
        return assay_offices[0]
    specific = [office for office in classes if office != OfficeClass.PARIS_AND_DEPARTMENTS.value]
    if len(specific) > 1:
        notes.append(f"The marks point to different offices: {', '.join(specific)}.")
        return None
    if specific:
        return specific[0]
    return classes[0] if classes else None


def _mark_notes(read: Sequence[MarkInterpretation], period: YearSpan | None) -> list[str]:
    notes: list[str] = []
    for mark in read:
        numbered = [row for row in mark.numbered_alternatives if period is None or row.period.overlap(period)]
        if numbered:
            others = "; ".join(f"with a {row.number}: {row.summary()}" for row in numbered)
            notes.append(f"‘{mark.text}’ is read as a punch without a number; {others}.")
        if len(mark.candidates) > 1:
            ways = "; ".join(f"({number}) {row.summary()}" for number, row in enumerate(mark.candidates, start=1))
            notes.append(f"‘{mark.text}’ may be: {ways}.")
        elif mark.candidates and mark.candidates[0].note:
            notes.append(f"‘{mark.text}’: {mark.candidates[0].note}")
        if mark.reading.kind is MarkKind.SPONSOR and "lozenge" in mark.reading.meaning:
            notes.append("A lozenge has framed the French maker's mark since 1798; an oval is an importer's mark.")
    return notes


def mark_matches_fineness(
    reading: HallmarkReading | MarkReading, metal_name: Metal | str, fineness: DecimalInput
) -> str | None:
    """A sentence saying how the marks disagree with a stated metal and fineness, or None when they agree.

    A title mark must state the fineness catalogued; a mark that guarantees only a minimum (small
    works, imports) must not be above it.
    """
    if isinstance(reading, MarkReading):
        reading = read_hallmark([reading.text])
    kind = metal(metal_name)
    stated = to_decimal(fineness, field="Stated fineness", error=MetalError)
    if not 0 < stated <= 1000:
        raise MetalError(f"Fineness is in parts per thousand, above 0 and at most 1000; {stated} was given.")
    marks = ", ".join(reading.texts)
    catalogued = f"{kind.value} {format(stated.normalize(), 'f')}"
    plated = [mark for mark in reading.marks if mark.reading.kind is MarkKind.NOT_PRECIOUS]
    if plated:
        return f"The marks ({marks}) say {plated[0].reading.meaning}; the piece is catalogued as {catalogued}."
    possible = reading.possible_metals
    if possible and kind not in possible:
        return f"The marks ({marks}) read as {' or '.join(item.value for item in possible)}, not {kind.value}."
    if reading.fineness is None or (reading.metal is not None and reading.metal is not kind):
        return None
    title = str(Standard(kind, reading.fineness))
    if reading.minimum_only:
        if stated < reading.fineness:
            return (
                f"The marks ({marks}) guarantee at least {title}; the piece is catalogued at {catalogued}, below "
                "what its mark guarantees."
            )
        return None
    if stated == Decimal(reading.fineness):
        return None
    direction = "higher than" if stated > reading.fineness else "lower than"
    return f"The marks ({marks}) state {title}; the piece is catalogued as {catalogued}, {direction} its mark."
