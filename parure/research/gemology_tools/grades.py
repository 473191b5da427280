"""Colour, clarity, cut and fluorescence grades read as typed, and compared."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from parure.gemology import grading
from parure.research.errors import GemologyRefusal, ResearchErrorCode
from parure.research.gemology_tools._shared import (
    Typed,
    _on_field,
    _require,
    _stripped,
)

# --- grades ---------------------------------------------------------------------------------


class GradeScale(StrEnum):
    """The scales a typed grade can be read on."""

    COLOUR = "colour"
    CLARITY = "clarity"
    CUT = "cut"
    POLISH = "polish"
    SYMMETRY = "symmetry"
    FLUORESCENCE = "fluorescence"


GRADE_SCALE_CHOICES: tuple[tuple[str, str], ...] = (
    ("colour", "Colour (D–Z or fancy)"),
    ("clarity", "Clarity"),
    ("cut", "Cut"),
    ("polish", "Polish"),
    ("symmetry", "Symmetry"),
    ("fluorescence", "Fluorescence"),
)
_CLARITY_FAMILIES = {
    "FL": "flawless",
    "IF": "internally flawless",
    "VVS": "very, very slightly included",
    "VS": "very slightly included",
    "SI": "slightly included",
    "I": "included",
}
_FINISH_TYPES: dict[GradeScale, type[grading.FinishGrade]] = {
    GradeScale.CUT: grading.CutGrade,
    GradeScale.POLISH: grading.PolishGrade,
    GradeScale.SYMMETRY: grading.SymmetryGrade,
}

type GradeValue = grading.GradeRange[Any] | grading.FancyColour | grading.Fluorescence


@dataclass(frozen=True)
class GradeReading:
    """A typed grade read on its scale: the canonical form and what it spans."""

    scale: GradeScale
    typed: str
    canonical: str
    kind: str  # "grade", "range", "fancy colour" or "fluorescence"
    grades: tuple[str, ...]
    details: tuple[str, ...]
    value: GradeValue


@dataclass(frozen=True)
class GradeComparison:
    """Two grades of one scale set side by side."""

    first: GradeReading
    second: GradeReading
    verdict: str  # better, worse, same, overlap; stronger, weaker, same intensity
    sentence: str


def grade_scale(text: Typed) -> GradeScale:
    """The scale named by ``text``; "color" is read as colour."""
    wanted = _stripped(text).lower().replace("color", "colour")
    for scale in GradeScale:
        if scale.value == wanted:
            return scale
    raise GemologyRefusal(
        f"‘{_stripped(text)}’ is not a grading scale; scales are {', '.join(scale.value for scale in GradeScale)}.",
        field="scale",
        code=ResearchErrorCode.INVALID,
    )


def _reading(scale: GradeScale, typed: str, value: GradeValue) -> GradeReading:
    if isinstance(value, grading.FancyColour):
        details = [f"Fancy grade {value.grade.value}, hue {value.hue}"]
        if value.modifiers:
            details.append(f"modified by {', '.join(value.modifiers)}")
        details.append("Fancy grades are not one scale: Deep and Dark differ in tone, not strength.")
        return GradeReading(scale, typed, str(value), "fancy colour", (str(value),), tuple(details), value)
    if isinstance(value, grading.Fluorescence):
        details = [f"Intensity {value.intensity.value}" + (f", colour {value.colour}" if value.colour else "")]
        return GradeReading(scale, typed, str(value), "fluorescence", (str(value),), tuple(details), value)
    grades = tuple(str(grade) for grade in value.grades)
    details = []
    if isinstance(value.best, grading.ColourGrade):
        best_group, worst_group = value.best.group.value, value.worst.group.value
        details.append(best_group if best_group == worst_group else f"{best_group} to {worst_group}")
    elif isinstance(value.best, grading.ClarityGrade):
        families = dict.fromkeys(grade.family for grade in value.grades)
        details.append("; ".join(f"{family}: {_CLARITY_FAMILIES[family]}" for family in families))
    kind = "grade" if value.is_single else "range"
    return GradeReading(scale, typed, str(value), kind, grades, tuple(details), value)


def _parse_grade(scale: GradeScale, text: str) -> GradeValue:
    if scale is GradeScale.COLOUR:
        return grading.diamond_colour(text)
    if scale is GradeScale.CLARITY:
        return grading.clarity_range(text)
    if scale is GradeScale.FLUORESCENCE:
        return grading.fluorescence(text)
    return grading.grade_range(_FINISH_TYPES[scale], text)


def read_grade(
    *,
    scale: Typed,
    grade: Typed,
    field: str = "grade",
    missing_sentence: str = "Type a grade to read, e.g. G, VS1, Very Good or Medium Blue.",
) -> GradeReading:
    """Read ``grade`` as typed on ``scale``: a grade, a range, a fancy colour or a fluorescence."""
    chosen = grade_scale(scale)
    values: dict[str, object] = {field: grade}
    _require(values, ((field, missing_sentence),))
    typed = _stripped(grade)
    value = _on_field(field, values, lambda: _parse_grade(chosen, typed))
    return _reading(chosen, typed, value)


def compare_grades(*, scale: Typed, grade: Typed, compare_with: Typed) -> GradeComparison:
    """Whether ``grade`` is better or worse than ``compare_with`` on ``scale`` (stronger or weaker for fluorescence)."""
    first = read_grade(scale=scale, grade=grade)
    second = read_grade(
        scale=scale, grade=compare_with, field="compare_with", missing_sentence="Type the grade to compare it with."
    )
    for reading, field in ((first, "grade"), (second, "compare_with")):
        if isinstance(reading.value, grading.FancyColour):
            raise GemologyRefusal(
                f"‘{reading.canonical}’ is a fancy colour; fancy grades are not one scale, so it is not ranked "
                "better or worse than another colour.",
                field=field,
                code=ResearchErrorCode.INVALID,
            )
    a, b = first.value, second.value
    if isinstance(a, grading.Fluorescence) and isinstance(b, grading.Fluorescence):
        if a.intensity.is_stronger_than(b.intensity):
            verdict, sentence = "stronger", f"{a} is stronger than {b}."
        elif b.intensity.is_stronger_than(a.intensity):
            verdict, sentence = "weaker", f"{a} is weaker than {b}."
        else:
            verdict, sentence = "same intensity", f"{a} and {b} are the same intensity."
        return GradeComparison(first, second, verdict, sentence)
    assert isinstance(a, grading.GradeRange) and isinstance(b, grading.GradeRange)
    if a.best == b.best and a.worst == b.worst:
        verdict, sentence = "same", f"‘{first.typed}’ and ‘{second.typed}’ are both {a}."
    elif a.worst.is_better_than(b.best):
        verdict, sentence = "better", f"{a} is better than {b}."
    elif a.best.is_worse_than(b.worst):
        verdict, sentence = "worse", f"{a} is worse than {b}."
    else:
        shared = [str(item) for item in a.grades if b.contains(item)]
        verdict = "overlap"
        sentence = f"{a} and {b} overlap ({', '.join(shared)}); neither is wholly better."
    return GradeComparison(first, second, verdict, sentence)
