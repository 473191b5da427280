"""Diamond grading scales: colour, fancy colour, clarity, cut/polish/symmetry, fluorescence.

The scales are GIA's, as printed on its reports (GIA, "4Cs of Diamond Quality"; GIA
Diamond Grading Report key):

* colour D to Z, grouped colourless D–F, near colourless G–J, faint K–M, very light N–R,
  light S–Z;
* fancy colour: Faint, Very Light, Light, Fancy Light, Fancy, Fancy Intense, Fancy Vivid,
  Fancy Deep, Fancy Dark, followed by modifiers and a hue ("Fancy Intense Purplish Pink");
* clarity FL, IF, VVS1, VVS2, VS1, VS2, SI1, SI2, I1, I2, I3;
* cut, polish and symmetry Excellent, Very Good, Good, Fair, Poor;
* fluorescence None, Faint, Medium, Strong, Very Strong, with a colour (Medium Blue).

Each grade is a frozen value. Ordering follows the printed scale, best first
(``colour("D") < colour("E")``); because "less than" reads oddly for "better", every scale
grade also has ``is_better_than`` and ``is_worse_than``. The ``parse``-style functions accept
what people type ("g", " vs 1", "VS1-2", "G/H", " Very good") and ``str()`` of any grade or
range prints the canonical form, which parses back to the same value.
"""

import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Self

from parure.gemology.errors import GradeError

_RANGE_SEPARATOR = re.compile(r"\s*(?:[-–—/]|\bto\b)\s*", re.IGNORECASE)


def _squash(text: str) -> str:
    """Lower-case, trim and collapse inner whitespace."""
    return " ".join(text.split()).lower()


@functools.total_ordering
@dataclass(frozen=True)
class ScaleGrade:
    """A grade on an ordered scale; ``SCALE`` lists the codes best first."""

    code: str

    SCALE: ClassVar[tuple[str, ...]] = ()
    KIND: ClassVar[str] = "grade"

    def __post_init__(self) -> None:
        if self.code not in self.SCALE:
            raise GradeError(f"‘{self.code}’ is not a {self.KIND} grade; {self.valid_grades_sentence()}")

    @classmethod
    def valid_grades_sentence(cls) -> str:
        """The tail of a refusal: the grades that would have been accepted."""
        return f"valid grades are {', '.join(cls.SCALE)}."

    @classmethod
    def all(cls) -> tuple[Self, ...]:
        """Every grade of the scale, best first."""
        return tuple(cls(code) for code in cls.SCALE)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read one grade from what a person typed; subclasses add their spellings."""
        candidate = text.strip().upper()
        if candidate in cls.SCALE:
            return cls(candidate)
        raise GradeError(f"‘{text.strip()}’ is not a {cls.KIND} grade; {cls.valid_grades_sentence()}")

    @property
    def rank(self) -> int:
        """Position on the scale: 0 is the best grade."""
        return self.SCALE.index(self.code)

    def _same_scale(self, other: "ScaleGrade") -> None:
        if type(other) is not type(self):
            raise GradeError(f"A {self.KIND} grade cannot be compared with a {other.KIND} grade.")

    def is_better_than(self, other: Self) -> bool:
        """True when this grade ranks above ``other`` on the same scale."""
        self._same_scale(other)
        return self.rank < other.rank

    def is_worse_than(self, other: Self) -> bool:
        """True when this grade ranks below ``other`` on the same scale."""
        self._same_scale(other)
        return self.rank > other.rank

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self) or not isinstance(other, ScaleGrade):
            return NotImplemented
        return self.rank < other.rank

    def __str__(self) -> str:
        return self.code


# --- colour ---------------------------------------------------------------------------


class ColourGroup(StrEnum):
    """GIA's names for stretches of the D-to-Z scale."""

    COLOURLESS = "colourless"
    NEAR_COLOURLESS = "near colourless"
    FAINT = "faint"
    VERY_LIGHT = "very light"
    LIGHT = "light"


_COLOUR_GROUPS: dict[ColourGroup, str] = {
    ColourGroup.COLOURLESS: "DEF",
    ColourGroup.NEAR_COLOURLESS: "GHIJ",
    ColourGroup.FAINT: "KLM",
    ColourGroup.VERY_LIGHT: "NOPQR",
    ColourGroup.LIGHT: "STUVWXYZ",
}


@dataclass(frozen=True)
class ColourGrade(ScaleGrade):
    """A D-to-Z colour grade (D is the best)."""

    SCALE: ClassVar[tuple[str, ...]] = tuple("DEFGHIJKLMNOPQRSTUVWXYZ")
    KIND: ClassVar[str] = "colour"

    @classmethod
    def valid_grades_sentence(cls) -> str:
        return "valid grades are the letters D to Z (D is the best); deeper colour is graded as a fancy colour."

    @classmethod
    def parse(cls, text: str) -> Self:
        squashed = _squash(text).removesuffix(" colour").removesuffix(" color").strip()
        if len(squashed) == 1 and squashed.upper() in cls.SCALE:
            return cls(squashed.upper())
        raise GradeError(f"‘{text.strip()}’ is not a colour grade; {cls.valid_grades_sentence()}")

    @property
    def group(self) -> ColourGroup:
        """GIA's group name for this letter."""
        return next(group for group, letters in _COLOUR_GROUPS.items() if self.code in letters)


# --- clarity --------------------------------------------------------------------------

_CLARITY_WORDS = {"flawless": "FL", "internally flawless": "IF"}
# A family name alone stands for the grades it spans ("SI" is SI1 to SI2).
_CLARITY_FAMILIES: dict[str, tuple[str, str]] = {
    "VVS": ("VVS1", "VVS2"),
    "VS": ("VS1", "VS2"),
    "SI": ("SI1", "SI2"),
    "I": ("I1", "I3"),
}


@dataclass(frozen=True)
class ClarityGrade(ScaleGrade):
    """A GIA clarity grade (FL is the best)."""

    SCALE: ClassVar[tuple[str, ...]] = ("FL", "IF", "VVS1", "VVS2", "VS1", "VS2", "SI1", "SI2", "I1", "I2", "I3")
    KIND: ClassVar[str] = "clarity"

    @classmethod
    def parse(cls, text: str) -> Self:
        squashed = _squash(text)
        if squashed in _CLARITY_WORDS:
            return cls(_CLARITY_WORDS[squashed])
        compact = re.sub(r"[\s.]", "", squashed).upper()
        if compact in cls.SCALE:
            return cls(compact)
        if compact in _CLARITY_FAMILIES:
            best, worst = _CLARITY_FAMILIES[compact]
            raise GradeError(f"‘{text.strip()}’ spans {best} to {worst}; give a single clarity grade.")
        raise GradeError(f"‘{text.strip()}’ is not a clarity grade; {cls.valid_grades_sentence()}")

    @property
    def family(self) -> str:
        """The family letters without the number: VVS1 → VVS, FL → FL."""
        return self.code.rstrip("123")


# --- cut, polish, symmetry ------------------------------------------------------------

_FINISH_SPELLINGS = {
    "excellent": "Excellent",
    "ex": "Excellent",
    "exc": "Excellent",
    "very good": "Very Good",
    "vg": "Very Good",
    "v good": "Very Good",
    "good": "Good",
    "g": "Good",
    "gd": "Good",
    "fair": "Fair",
    "f": "Fair",
    "fr": "Fair",
    "poor": "Poor",
    "p": "Poor",
    "pr": "Poor",
}


@dataclass(frozen=True)
class FinishGrade(ScaleGrade):
    """The five-step scale GIA uses for cut, polish and symmetry (Excellent is the best)."""

    SCALE: ClassVar[tuple[str, ...]] = ("Excellent", "Very Good", "Good", "Fair", "Poor")
    KIND: ClassVar[str] = "finish"

    @classmethod
    def parse(cls, text: str) -> Self:
        squashed = _squash(text.replace(".", " "))
        for spelling in (squashed, squashed.replace(" ", "")):
            if spelling in _FINISH_SPELLINGS:
                return cls(_FINISH_SPELLINGS[spelling])
        raise GradeError(f"‘{text.strip()}’ is not a {cls.KIND} grade; {cls.valid_grades_sentence()}")


@dataclass(frozen=True)
class CutGrade(FinishGrade):
    """GIA cut grade (round brilliants)."""

    KIND: ClassVar[str] = "cut"


@dataclass(frozen=True)
class PolishGrade(FinishGrade):
    """GIA polish grade."""

    KIND: ClassVar[str] = "polish"


@dataclass(frozen=True)
class SymmetryGrade(FinishGrade):
    """GIA symmetry grade."""

    KIND: ClassVar[str] = "symmetry"


# --- ranges ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeRange[G: ScaleGrade]:
    """An inclusive span of one scale, from its best grade to its worst ("G-H", "VS1-VS2")."""

    best: G
    worst: G

    def __post_init__(self) -> None:
        if type(self.best) is not type(self.worst):
            raise GradeError(f"A range cannot run from a {self.best.KIND} grade to a {self.worst.KIND} grade.")
        if self.best.rank > self.worst.rank:
            raise GradeError(
                f"A range runs from the better grade to the worse: {self.worst}-{self.best}, not the reverse."
            )

    @property
    def grades(self) -> tuple[G, ...]:
        """Every grade in the range, best first."""
        scale = type(self.best).all()
        return scale[self.best.rank : self.worst.rank + 1]

    @property
    def is_single(self) -> bool:
        """True when the range is one grade."""
        return self.best == self.worst

    def contains(self, grade: G) -> bool:
        """True when ``grade`` lies within the range."""
        if type(grade) is not type(self.best):
            raise GradeError(f"A {grade.KIND} grade cannot lie in a {self.best.KIND} range.")
        return self.best.rank <= grade.rank <= self.worst.rank

    def __str__(self) -> str:
        return str(self.best) if self.is_single else f"{self.best}-{self.worst}"


def _order[G: ScaleGrade](first: G, second: G) -> GradeRange[G]:
    return GradeRange(first, second) if first.rank <= second.rank else GradeRange(second, first)


def grade_range[G: ScaleGrade](grade_type: type[G], text: str) -> GradeRange[G]:
    """Read a single grade or a range of ``grade_type`` ("VG-EX", "Very Good to Excellent")."""
    stripped = text.strip()
    if not stripped:
        raise GradeError(f"No {grade_type.KIND} grade was given; {grade_type.valid_grades_sentence()}")
    parts = [part for part in _RANGE_SEPARATOR.split(stripped) if part]
    if not parts:
        raise GradeError(f"‘{stripped}’ names no {grade_type.KIND} grade; {grade_type.valid_grades_sentence()}")
    if len(parts) == 1:
        single = grade_type.parse(parts[0])
        return GradeRange(single, single)
    if len(parts) == 2:
        return _order(grade_type.parse(parts[0]), grade_type.parse(parts[1]))
    raise GradeError(f"‘{stripped}’ names more than two {grade_type.KIND} grades; a range has a best and a worst end.")


def colour(text: str) -> ColourGrade:
    """Read one D-to-Z colour grade ("g", "G", " G colour")."""
    return ColourGrade.parse(text)


def colour_range(text: str) -> GradeRange[ColourGrade]:
    """Read a colour grade or range: "G", "G/H", "G-H", "GH", "g to h", "near colourless"."""
    squashed = _squash(text).replace("colorless", "colourless")
    squashed = squashed.removesuffix(" colour").removesuffix(" color").strip()
    for group, letters in _COLOUR_GROUPS.items():
        if squashed == group.value:
            return GradeRange(ColourGrade(letters[0]), ColourGrade(letters[-1]))
    compact = squashed.replace(" ", "").upper()
    # The trade writes adjacent letters run together: "GH colour".
    if len(compact) == 2 and all(letter in ColourGrade.SCALE for letter in compact):
        first, second = ColourGrade(compact[0]), ColourGrade(compact[1])
        if second.rank - first.rank == 1:
            return GradeRange(first, second)
    return grade_range(ColourGrade, re.sub(r"\s+colou?r\s*$", "", text, flags=re.IGNORECASE))


def clarity(text: str) -> ClarityGrade:
    """Read one clarity grade ("vs 1", "VVS2", "Internally Flawless")."""
    return ClarityGrade.parse(text)


def clarity_range(text: str) -> GradeRange[ClarityGrade]:
    """Read a clarity grade or range: "VS1", "VS1-VS2", "VS1-2", "SI" (SI1 to SI2), "I" (I1 to I3)."""
    stripped = text.strip()
    compact = re.sub(r"[\s.]", "", stripped).upper()
    if compact in _CLARITY_FAMILIES:
        best, worst = _CLARITY_FAMILIES[compact]
        return GradeRange(ClarityGrade(best), ClarityGrade(worst))
    shorthand = re.fullmatch(r"(VVS|VS|SI|I)([123])[-–/]([123])", compact)
    if shorthand:
        family, first, second = shorthand.groups()
        return _order(ClarityGrade.parse(family + first), ClarityGrade.parse(family + second))
    return grade_range(ClarityGrade, stripped)


def cut(text: str) -> CutGrade:
    """Read a cut grade ("Excellent", "EX", " very good")."""
    return CutGrade.parse(text)


def polish(text: str) -> PolishGrade:
    """Read a polish grade."""
    return PolishGrade.parse(text)


def symmetry(text: str) -> SymmetryGrade:
    """Read a symmetry grade."""
    return SymmetryGrade.parse(text)


# --- fluorescence ---------------------------------------------------------------------


class FluorescenceIntensity(StrEnum):
    """GIA's fluorescence intensities, weakest first."""

    NONE = "None"
    FAINT = "Faint"
    MEDIUM = "Medium"
    STRONG = "Strong"
    VERY_STRONG = "Very Strong"

    @property
    def rank(self) -> int:
        """0 for None up to 4 for Very Strong."""
        return list(FluorescenceIntensity).index(self)

    def is_stronger_than(self, other: "FluorescenceIntensity") -> bool:
        """True when this intensity is the stronger reaction."""
        return self.rank > other.rank


_INTENSITY_SPELLINGS = {
    "none": FluorescenceIntensity.NONE,
    "non": FluorescenceIntensity.NONE,
    "n": FluorescenceIntensity.NONE,
    "nil": FluorescenceIntensity.NONE,
    "inert": FluorescenceIntensity.NONE,
    "faint": FluorescenceIntensity.FAINT,
    "fnt": FluorescenceIntensity.FAINT,
    "medium": FluorescenceIntensity.MEDIUM,
    "med": FluorescenceIntensity.MEDIUM,
    "strong": FluorescenceIntensity.STRONG,
    "stg": FluorescenceIntensity.STRONG,
    "str": FluorescenceIntensity.STRONG,
    "very strong": FluorescenceIntensity.VERY_STRONG,
    "vst": FluorescenceIntensity.VERY_STRONG,
    "vstg": FluorescenceIntensity.VERY_STRONG,
}
FLUORESCENCE_COLOURS = ("blue", "yellow", "white", "green", "orange", "red")


@dataclass(frozen=True)
class Fluorescence:
    """A long-wave UV fluorescence description: intensity and, unless None, its colour."""

    intensity: FluorescenceIntensity
    colour: str | None = None

    def __post_init__(self) -> None:
        if self.intensity is FluorescenceIntensity.NONE and self.colour is not None:
            raise GradeError("Fluorescence ‘None’ has no colour; give an intensity with the colour (‘Faint Blue’).")
        if self.colour is not None and self.colour not in FLUORESCENCE_COLOURS:
            raise GradeError(
                f"‘{self.colour}’ is not a fluorescence colour; valid colours are {', '.join(FLUORESCENCE_COLOURS)}."
            )

    def __str__(self) -> str:
        return self.intensity.value if self.colour is None else f"{self.intensity.value} {self.colour.title()}"


def fluorescence(text: str) -> Fluorescence:
    """Read a fluorescence description: "None", "Medium Blue", "med blue", "VST yellow"."""
    words = _squash(text).split(" ")
    colour_word = words[-1] if len(words) > 1 and words[-1] in FLUORESCENCE_COLOURS else None
    intensity_text = " ".join(words[:-1] if colour_word else words)
    if intensity_text not in _INTENSITY_SPELLINGS:
        raise GradeError(
            f"‘{text.strip()}’ is not a fluorescence grade; valid intensities are "
            f"{', '.join(item.value for item in FluorescenceIntensity)}, optionally followed by a colour "
            f"({', '.join(FLUORESCENCE_COLOURS)})."
        )
    return Fluorescence(_INTENSITY_SPELLINGS[intensity_text], colour_word)


# --- fancy colour ---------------------------------------------------------------------


class FancyGrade(StrEnum):
    """GIA fancy-colour grades. They are not one scale: Deep and Dark differ in tone, not strength."""

    FAINT = "Faint"
    VERY_LIGHT = "Very Light"
    LIGHT = "Light"
    FANCY_LIGHT = "Fancy Light"
    FANCY = "Fancy"
    FANCY_INTENSE = "Fancy Intense"
    FANCY_VIVID = "Fancy Vivid"
    FANCY_DEEP = "Fancy Deep"
    FANCY_DARK = "Fancy Dark"


# GIA's report spellings: American "Gray", and "Orangy" for the orange modifier.
FANCY_HUES = ("Pink", "Purple", "Red", "Orange", "Yellow", "Green", "Blue", "Brown", "Gray", "Black", "White", "Violet")
FANCY_MODIFIERS = (
    "Pinkish",
    "Purplish",
    "Reddish",
    "Orangy",
    "Yellowish",
    "Greenish",
    "Bluish",
    "Brownish",
    "Grayish",
    "Violetish",
)
_FANCY_SPELLINGS = {"grey": "gray", "greyish": "grayish", "orangey": "orangy", "orangish": "orangy"}


@dataclass(frozen=True)
class FancyColour:
    """A coloured diamond's grade: "Fancy Intense Purplish Pink" is grade, modifiers, hue."""

    grade: FancyGrade
    hue: str
    modifiers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for part in self.hue.split("-"):
            if part not in FANCY_HUES:
                raise GradeError(f"‘{self.hue}’ is not a fancy-colour hue; hues are {', '.join(FANCY_HUES)}.")
        for modifier in self.modifiers:
            if modifier not in FANCY_MODIFIERS:
                raise GradeError(
                    f"‘{modifier}’ is not a fancy-colour modifier; modifiers are {', '.join(FANCY_MODIFIERS)}."
                )

    def __str__(self) -> str:
        return " ".join([self.grade.value, *self.modifiers, self.hue])


def fancy_colour(text: str) -> FancyColour:
    """Read a fancy colour: "Fancy Intense Purplish Pink", "fancy deep brownish orangy yellow"."""
    squashed = _squash(text)
    grade = next(
        (item for item in sorted(FancyGrade, key=lambda g: -len(g.value)) if squashed.startswith(item.value.lower())),
        None,
    )
    if grade is None:
        raise GradeError(
            f"‘{text.strip()}’ does not start with a fancy-colour grade; grades are "
            f"{', '.join(item.value for item in FancyGrade)}."
        )
    words = squashed[len(grade.value) :].split()
    if not words:
        raise GradeError(f"‘{text.strip()}’ has a grade but no hue; add one of {', '.join(FANCY_HUES)}.")
    words = [_FANCY_SPELLINGS.get(word, word) for word in words]
    hue = "-".join(part.title() for part in words[-1].split("-"))
    return FancyColour(grade, hue, tuple(word.title() for word in words[:-1]))


def diamond_colour(text: str) -> GradeRange[ColourGrade] | FancyColour:
    """Read whatever was typed in a colour field: a D-to-Z grade or range, or a fancy colour."""
    squashed = _squash(text)
    if any(squashed.startswith(item.value.lower() + " ") for item in FancyGrade):
        return fancy_colour(text)
    return colour_range(text)
