"""Jewellery periods and their dates, and placing a year or a dating phrase among them.

Period dates follow the usual British and American auction-house usage (e.g. the period
chapters of Bennett & Mascetti, *Understanding Jewellery*, 3rd ed. 2003, and Becker,
*Antique and Twentieth Century Jewellery*, 1987). Where sources disagree the row holds the
commonest dates (``start``/``end``) and the widest any source gives
(``earliest_start``/``latest_end``), with a note saying who says what. A year inside only the
wider dates still matches, flagged as contested.

A dating phrase is read as a span: "1925", "circa 1925", "c. 1900", "ca 1890-1900", "1920s",
"early 1920s", "19th century", "late 19th century". "Circa" widens the span by five years
each side, so near a boundary both periods come back.
"""

import re
from dataclasses import dataclass
from datetime import date

from parure.gemology.errors import PeriodError

CIRCA_YEARS = 5


@dataclass(frozen=True)
class Period:
    """A named period of jewellery design."""

    key: str
    name: str
    start: int
    end: int | None  # None: to the present day
    earliest_start: int
    latest_end: int | None
    dates_are_approximate: bool
    dating_note: str
    style_cues: tuple[str, ...]

    @property
    def dates(self) -> str:
        """The commonest dates as printed: "1920–1935", "c.1880–1914", "2000–"."""
        prefix = "c." if self.dates_are_approximate else ""
        return f"{prefix}{self.start}–{self.end if self.end is not None else ''}"


# fmt: off
PERIODS: tuple[Period, ...] = (
    Period(
        "georgian", "Georgian", 1714, 1837, 1714, 1837, False,
        "1714–1837, George I to William IV; some stop at 1830, the death of George IV.",
        ("foil-backed closed settings", "rose and old mine cut diamonds", "paste", "cannetille gold work",
         "rivière necklaces", "girandole earrings", "mourning and memento mori rings"),
    ),
    Period(
        "early-victorian", "Early Victorian (Romantic)", 1837, 1860, 1837, 1861, False,
        "1837–1860; some end it with Prince Albert's death in 1861.",
        ("serpent motifs", "sentimental and hairwork jewellery", "naturalistic flowers and foliage",
         "repoussé and cannetille gold", "seed pearls", "coral", "bangles and brooches with lockets"),
    ),
    Period(
        "mid-victorian", "Mid Victorian (Grand)", 1860, 1885, 1860, 1885, False,
        "1860–1885; some begin it in 1861 and some end it in 1880.",
        ("mourning jewellery in jet and onyx", "archaeological revival (Castellani, Giuliano)",
         "granulation and Etruscan-style work", "heavy gold", "cameos", "garnets and banded agate"),
    ),
    Period(
        "late-victorian", "Late Victorian (Aesthetic)", 1885, 1901, 1880, 1901, False,
        "1885–1901; some begin it in 1880.",
        ("lighter settings", "star and crescent brooches", "South African diamonds",
         "bar and novelty brooches", "sapphires and demantoid garnets", "silver name brooches"),
    ),
    Period(
        "arts-and-crafts", "Arts and Crafts", 1880, 1914, 1880, 1920, True,
        "c.1880–1914; some carry it to 1920.",
        ("hand-hammered silver", "cabochon stones", "enamel", "moonstone, opal and turquoise",
         "visible hand work", "Liberty & Co. Cymric"),
    ),
    Period(
        "art-nouveau", "Art Nouveau", 1890, 1915, 1890, 1915, True,
        "c.1890–1915; some date it more narrowly, 1895–1910.",
        ("whiplash curves", "plique-à-jour enamel", "female profiles and flowing hair",
         "dragonflies and orchids", "horn and opal", "Lalique"),
    ),
    Period(
        "edwardian", "Edwardian (Belle Époque)", 1901, 1915, 1895, 1920, False,
        "1901–1915; Edward VII reigned 1901–1910, the garland style began in Paris c.1895, "
        "and some carry the period to 1920.",
        ("platinum settings", "garland style: bows, swags and laurel", "millegrain edges", "pierced lace-like work",
         "pearls and old European cut diamonds", "sautoirs and dog collars"),
    ),
    Period(
        "art-deco", "Art Deco", 1920, 1935, 1920, 1939, False,
        "1920–1935; some end it in 1939. The 1925 Paris Exposition gave it its name.",
        ("geometric design", "calibré-cut coloured stones", "platinum and white gold", "baguette and step cuts",
         "onyx, coral and jade with diamonds", "Tutti Frutti carved gems", "double-clip brooches"),
    ),
    Period(
        "retro", "Retro", 1939, 1950, 1935, 1950, False,
        "1939–1950; some begin it in 1935.",
        ("rose and yellow gold", "large scrolls, bows and ribbons", "tank bracelets", "synthetic rubies",
         "citrine and aquamarine", "Cartier and Van Cleef & Arpels cocktail pieces"),
    ),
    Period(
        "mid-century", "Mid-century", 1950, 1969, 1950, 1969, False,
        "1950–1969.",
        ("textured and florentined gold", "turquoise and coral", "cocktail rings", "cluster earrings",
         "abstract and organic forms"),
    ),
    Period(
        "modern", "Modern", 1970, 1999, 1970, 1999, False,
        "1970–1999.",
        ("yellow gold", "bold designer pieces", "hardstones", "brand signatures"),
    ),
    Period(
        "contemporary", "Contemporary", 2000, None, 2000, None, False,
        "2000 to the present.",
        ("laboratory-grown diamonds", "titanium and alternative metals", "micro-pavé", "CAD-designed settings"),
    ),
)
# fmt: on


@dataclass(frozen=True)
class DateSpan:
    """The years a dating phrase means, inclusive, and whether it was "circa"."""

    start: int
    end: int
    circa: bool

    @property
    def searched(self) -> tuple[int, int]:
        """The years looked up: widened by five each side for "circa"."""
        margin = CIRCA_YEARS if self.circa else 0
        return self.start - margin, self.end + margin

    def __str__(self) -> str:
        years = str(self.start) if self.start == self.end else f"{self.start}–{self.end}"
        return f"c.{years}" if self.circa else years


@dataclass(frozen=True)
class PeriodMatch:
    """A period that a span falls in, and how firmly."""

    period: Period
    within_common_dates: bool
    reason: str


@dataclass(frozen=True)
class Dating:
    """The periods a dating phrase falls in, earliest first."""

    span: DateSpan
    matches: tuple[PeriodMatch, ...]

    @property
    def periods(self) -> tuple[Period, ...]:
        """The matching periods, earliest first."""
        return tuple(match.period for match in self.matches)


_CIRCA = re.compile(r"^(?:circa|c\.|c|ca\.?|approx\.?|approximately|about)\s*(?=\d|early|mid|late|the)")
_PART = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}
_CENTURY_PART = {"early": (0, 33), "mid": (34, 66), "late": (67, 99)}


def parse_dating(text: str | int) -> DateSpan:
    """Read a year or dating phrase as a span of years.

    Accepted: "1925", "circa 1925", "c. 1900", "ca 1890-1900", "1890-95", "1920s",
    "early 1920s", "19th century" (1800–1899, as the trade uses it), "late 19th century".
    """
    if isinstance(text, int) and not isinstance(text, bool):
        return _checked(DateSpan(text, text, False), str(text))
    original = str(text).strip()
    phrase = " ".join(original.lower().replace("–", "-").replace("—", "-").split())
    circa = bool(_CIRCA.match(phrase))
    phrase = _CIRCA.sub("", phrase).removeprefix("the ").strip()
    span: tuple[int, int] | None = None
    if match := re.fullmatch(r"(\d{4})", phrase):
        year = int(match.group(1))
        span = (year, year)
    elif match := re.fullmatch(r"(\d{4})\s*(?:-|/|to)\s*(\d{2}|\d{4})", phrase):
        first, second = match.group(1), match.group(2)
        end = int(first[:2] + second) if len(second) == 2 else int(second)
        span = (int(first), end)
    elif match := re.fullmatch(r"(?:(early|mid|late)[\s-]+)?(\d{3})0'?s", phrase):
        decade = int(match.group(2)) * 10
        low, high = _PART[match.group(1)] if match.group(1) else (0, 9)
        span = (decade + low, decade + high)
    elif match := re.fullmatch(r"(?:(early|mid|late)[\s-]+)?(\d{1,2})(?:st|nd|rd|th)[\s-]+century", phrase):
        hundred = (int(match.group(2)) - 1) * 100
        low, high = _CENTURY_PART[match.group(1)] if match.group(1) else (0, 99)
        span = (hundred + low, hundred + high)
    if span is None:
        raise PeriodError(
            f"‘{original}’ is not a date this reader understands; write e.g. 1925, circa 1925, c. 1900, "
            "ca 1890-1900, 1920s, early 1920s or late 19th century."
        )
    if span[1] < span[0]:
        raise PeriodError(f"‘{original}’ ends ({span[1]}) before it begins ({span[0]}).")
    return _checked(DateSpan(span[0], span[1], circa), original)


def _checked(span: DateSpan, original: str) -> DateSpan:
    this_year = date.today().year
    if span.start > this_year:
        raise PeriodError(f"‘{original}’ is in the future; the latest year is {this_year}.")
    earliest = min(period.earliest_start for period in PERIODS)
    if span.searched[1] < earliest:
        raise PeriodError(
            f"‘{original}’ predates the earliest period in the table ({PERIODS[0].name}, from {earliest})."
        )
    return span


def periods_for(text: str | int) -> Dating:
    """The periods a year or dating phrase falls in, each with how firmly it belongs."""
    span = parse_dating(text)
    low, high = span.searched
    this_year = date.today().year
    matches: list[PeriodMatch] = []
    for period in PERIODS:
        widest_end = period.latest_end if period.latest_end is not None else this_year
        if high < period.earliest_start or low > widest_end:
            continue
        common_end = period.end if period.end is not None else this_year
        overlaps_common = span.start <= common_end and span.end >= period.start
        if overlaps_common:
            reason = f"{span} lies within {period.name} ({period.dates})"
        elif span.start <= widest_end and span.end >= period.earliest_start:
            reason = f"{span} lies where sources disagree: {period.dating_note}"
        else:
            # Only "circa" reaches the period, and it reaches the widest dates any source gives:
            # name that date when it is not the period's common start or end.
            after = span.start > widest_end
            boundary, common = (widest_end, common_end) if after else (period.earliest_start, period.start)
            if boundary == common:
                reason = f"{span} is within {CIRCA_YEARS} years of {period.name} ({period.dates}): circa allows it"
            else:
                reason = (
                    f"{span} is within {CIRCA_YEARS} years of {boundary}, where some sources "
                    f"{'end' if after else 'begin'} {period.name} ({period.dates}): circa allows it"
                )
        matches.append(PeriodMatch(period, overlaps_common, reason))
    return Dating(span, tuple(matches))


def period(key: str) -> Period:
    """The period with ``key`` ("art-deco"), or a refusal listing the keys."""
    wanted = key.strip().lower().replace(" ", "-")
    for row in PERIODS:
        if row.key == wanted:
            return row
    raise PeriodError(f"‘{key.strip()}’ is not a period; periods are {', '.join(row.key for row in PERIODS)}.")
