"""Reading a whole set of marks, and checking a catalogued metal and fineness against it.

``read_hallmark`` reads the marks struck on one piece against the French, British, Convention
and Swiss tables, optionally for one country and year: it says the metal, the title the marks
state (or the minimum they guarantee), the years they were struck together, the office class and
what does not fit. ``mark_matches_fineness`` is the catalogue's check of a stated metal and
fineness against that reading.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from parure.gemology.errors import MetalError
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
    metal,
    unique,
)
from parure.gemology.hallmarks.france import MINERVA_DATE_LETTER_SOURCE, MINERVA_DATE_LETTERS, OfficeClass, Role
from parure.gemology.hallmarks.stamps import decode_mark, lookup_mark, narrow_by_number
from parure.gemology.hallmarks.standards import STANDARDS
from parure.gemology.quantities import DecimalInput, to_decimal

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


def _mark_metals(mark: MarkInterpretation) -> tuple[Metal, ...]:
    """The metals a mark allows; none when it says nothing of the metal (an office mark, a date letter)."""
    if mark.candidates:
        if any(not row.metals for row in mark.candidates):
            return ()
        return tuple(unique(item for row in mark.candidates for item in row.metals))
    return mark.reading.metals


def _periods(rows: Sequence[TableMark]) -> str:
    return ", ".join(unique(row.period_text for row in rows))


def _interpret(
    text: str, place: Country | None, year: int | None, problems: list[str], notes: list[str]
) -> MarkInterpretation:
    reading = decode_mark(text)
    if reading.kind in (MarkKind.SPONSOR, MarkKind.DATE_LETTER, MarkKind.FINENESS, MarkKind.NOT_PRECIOUS):
        return MarkInterpretation(text, reading, ())
    found = lookup_mark(text)
    rows = found.rows
    if found.inner_fineness is not None:
        rows = tuple(row for row in rows if found.inner_fineness in STANDARDS[row.metals[0]]) or rows
    if place is not None and rows:
        kept = tuple(row for row in rows if row.country is place)
        if not kept:
            countries = " or ".join(unique(row.country.value for row in rows))
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
    rows, numbered, number_note = narrow_by_number(rows, found.number)
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
    countries = unique(
        row.country.value for mark in read for row in mark.candidates if row.country is not Country.CONVENTION
    )
    found_country = place.value if place is not None else (countries[0] if len(countries) == 1 else None)
    notes.extend(_mark_notes(read, period))
    sources = tuple(unique(row.source for mark in read for row in mark.candidates))
    return HallmarkReading(
        tuple(read),
        found_country,
        found_metal,
        fineness,
        minimum_only,
        period,
        office,
        tuple(unique(problems)),
        tuple(unique(notes)),
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
    values = unique(row.fineness for row in titled)
    if len(values) != 1 or values[0] is None:
        return None
    return values[0], any(row.minimum_only for row in titled)


def _common_fineness(read: Sequence[MarkInterpretation], problems: list[str]) -> tuple[int | None, bool]:
    titles = [(mark, title) for mark in read if (title := _mark_title(mark)) is not None]
    exact = [(mark, value) for mark, (value, minimum) in titles if not minimum]
    minimums = [(mark, value) for mark, (value, minimum) in titles if minimum]
    values = unique(value for _, value in exact)
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
        named = unique(row.office for row in mark.candidates if row.office)
        if len(named) != 1 or named[0] is None:
            continue
        if all(row.kind is MarkKind.ASSAY_OFFICE for row in mark.candidates):
            assay_offices = unique([*assay_offices, named[0]])
        else:
            classes = unique([*classes, named[0]])
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
