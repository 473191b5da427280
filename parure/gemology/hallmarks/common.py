"""The words every hallmark table shares: metals, struck karats, periods of use, mark kinds, name folding."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from parure.gemology.errors import MetalError


class Metal(StrEnum):
    """The precious metals hallmarked in jewellery."""

    GOLD = "gold"
    SILVER = "silver"
    PLATINUM = "platinum"
    PALLADIUM = "palladium"


# The fineness struck for each gold karat: the mark sits a little above the exact fraction
# (14/24 = 583.3, struck 585) so the piece is never short.
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


@dataclass(frozen=True, order=True)
class YearSpan:
    """The years a mark was struck, both ends included; ``end`` None means it is still struck."""

    start: int
    end: int | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise MetalError(f"A period runs forward: {self.start}–{self.end} ends before it starts.")

    def contains(self, year: int) -> bool:
        """True when the mark was struck in ``year``."""
        return self.start <= year and (self.end is None or year <= self.end)

    def overlap(self, other: "YearSpan") -> "YearSpan | None":
        """The years both spans share, or None."""
        start = max(self.start, other.start)
        ends = [end for end in (self.end, other.end) if end is not None]
        end = min(ends) if ends else None
        if end is not None and end < start:
            return None
        return YearSpan(start, end)

    def __str__(self) -> str:
        if self.end == self.start:
            return str(self.start)
        return f"{self.start}–{self.end if self.end is not None else ''}"


def envelope(spans: "list[YearSpan]") -> YearSpan:
    """The smallest span holding all of ``spans`` (at least one)."""
    ends = [span.end for span in spans]
    return YearSpan(min(span.start for span in spans), None if None in ends else max(e for e in ends if e is not None))


class Country(StrEnum):
    """Whose mark a table row is."""

    FRANCE = "France"
    UK = "UK"
    IRELAND = "Ireland"
    SWITZERLAND = "Switzerland"
    CONVENTION = "Convention"


class MarkKind(StrEnum):
    """What part of a hallmark a stamp is."""

    FINENESS = "fineness"
    ASSAY_OFFICE = "assay office"
    SPONSOR = "sponsor's mark"
    DATE_LETTER = "date letter"
    TRADITIONAL = "traditional standard mark"
    NATIONAL = "national guarantee mark"
    CONVENTION = "common control mark"
    DUTY = "duty mark"
    COMMEMORATIVE = "commemorative mark"
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


def unique[T](values: Iterable[T]) -> list[T]:
    """``values`` in their order, each once."""
    seen: list[T] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def fold(text: str) -> str:
    """A mark's name as looked up: lower case, accents and typographic quotes dropped, spaces single.

    "Tête d’Aigle" and "tete d'aigle" fold alike.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = plain.replace("’", "'").replace("‘", "'").replace("`", "'").replace("ʼ", "'")
    plain = plain.lower().replace("œ", "oe").replace("æ", "ae")
    plain = re.sub(r"[^a-z0-9' ]+", " ", plain)
    return " ".join(plain.split())


def name_variants(name: str) -> set[str]:
    """The spellings one name is found under: with and without apostrophes and a possessive 's."""
    folded = fold(name)
    variants = {folded, folded.replace("'", ""), " ".join(folded.replace("'", " ").split())}
    variants |= {" ".join(folded.replace("'s ", " ").replace("'s", "").split())}
    return {variant for variant in variants if variant}


@dataclass(frozen=True)
class TableMark:
    """One row of a country's mark table: one mark as struck over one period, with its source.

    ``fineness`` is the title the mark (or its number) states; with ``minimum_only`` the mark
    guarantees only the legal minimum (marks on small works tested on the touchstone, imports).
    ``office`` is the office class (Paris, departments, imports...) or the assay office. A row
    with ``end_known`` False was struck from ``period.start`` to a year the sources do not give.
    """

    key: str
    country: Country
    name: str
    local_name: str | None
    aliases: tuple[str, ...]
    kind: MarkKind
    role: str
    metals: tuple[Metal, ...]
    fineness: int | None
    period: YearSpan
    office: str | None
    source: str
    note: str = ""
    number: str | None = None
    minimum_only: bool = False
    end_known: bool = True

    @property
    def period_text(self) -> str:
        """The years as printed: "1838–1919", "1994–" (still struck) or "1912–?" (last year not recorded)."""
        return f"{self.period}?" if not self.end_known else str(self.period)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the row is looked up by."""
        local = (self.local_name,) if self.local_name else ()
        return (self.name, *local, *self.aliases)

    @property
    def title(self) -> str:
        """What the mark says of the fineness, in words ("" when it says nothing)."""
        if self.fineness is None:
            return ""
        if self.minimum_only:
            return f"guarantees only the minimum {self.fineness}"
        return f"states {self.fineness}"

    def summary(self) -> str:
        """One line: role, office, years, metal and title."""
        where = f", {self.office}" if self.office else ""
        metals = " or ".join(item.value for item in self.metals)
        title = f", {self.title}" if self.title else ""
        number = f" (number {self.number})" if self.number else ""
        return f"{self.role}{number}{where}, {self.period_text}" + (f": {metals}{title}" if metals else "")
