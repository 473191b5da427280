"""The figures a piece's copy states that its record does not hold: a carat weight, a colour or
clarity grade, a report number. Grades are read by the gemology library's scales, so "F-G colour"
is the two grades F and G, and "vivid blue colour" is no grade at all."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parure.catalogue.copywriting.facts import RecordFacts
from parure.catalogue.copywriting.generator import CopyText
from parure.gemology import grading
from parure.gemology.errors import GradeError

CARATS = re.compile(r"(\d+(?:\.\d+)?)\s+carats?\b", re.IGNORECASE)
COLOUR = re.compile(r"(\S+)\s+colou?r\b", re.IGNORECASE)
CLARITY = re.compile(r"(\S+)\s+clarity\b", re.IGNORECASE)
REPORT = re.compile(r"\breport\s+(?:no\.?|number)\s*([A-Za-z0-9][A-Za-z0-9/-]*)", re.IGNORECASE)
CHECKED_FIELDS = ("heading", "description", "lab_statements")
FIELD_NAMES = {"heading": "heading", "description": "description", "lab_statements": "laboratory statements"}
KIND_WORDS = {"weight": "a carat weight", "colour": "a colour grade", "clarity": "a clarity grade",
              "report": "a report number"}  # fmt: skip


@dataclass(frozen=True)
class Figure:
    """A figure found in one part of the copy."""

    kind: str  # weight, colour, clarity, report
    value: str
    field: str

    @property
    def verb(self) -> str:
        return "state" if self.field == "lab_statements" else "states"

    @property
    def message(self) -> str:
        return (
            f"The {FIELD_NAMES[self.field]} {self.verb} {self.value}, {KIND_WORDS[self.kind]} the record and its "
            "reports do not hold: correct the copy or the record."
        )


Reader = Callable[[str], "grading.GradeRange[Any]"]
READERS: tuple[tuple[re.Pattern[str], str, Reader], ...] = (
    (COLOUR, "colour", grading.colour_range),
    (CLARITY, "clarity", grading.clarity_range),
)


def _grades(reader: Reader, text: str) -> set[str]:
    try:
        span = reader(text)
    except GradeError:
        return set()
    return {grade.code for grade in span.grades}


def held(facts: RecordFacts) -> dict[str, set[str]]:
    """What the record and its reports hold, by kind of figure."""
    weights = {f"{stone.weight_ct:.2f}" for stone in facts.stones if stone.weight_ct is not None}
    weights |= {f"{report.weight_ct:.2f}" for report in facts.reports if report.weight_ct is not None}
    colours: set[str] = set()
    clarities: set[str] = set()
    for colour, clarity in [(s.colour, s.clarity) for s in facts.stones] + [
        (r.colour, r.clarity) for r in facts.reports
    ]:
        if colour.strip():
            colours |= _grades(grading.colour_range, colour)
        if clarity.strip():
            clarities |= _grades(grading.clarity_range, clarity)
    return {
        "weight": weights,
        "colour": colours,
        "clarity": clarities,
        "report": {report.number.strip().upper() for report in facts.reports},
    }


def stated(text: CopyText) -> list[Figure]:
    """Every figure the copy states, in order, once each."""
    found: list[Figure] = []
    for name in CHECKED_FIELDS:
        words = getattr(text, name)
        for match in CARATS.finditer(words):
            found.append(Figure("weight", f"{Decimal(match.group(1)):.2f} carats", name))
        for pattern, kind, reader in READERS:
            for match in pattern.finditer(words):
                token = match.group(1).strip(",;:()")
                if _grades(reader, token):
                    found.append(Figure(kind, f"{token} {kind}", name))
        for match in REPORT.finditer(words):
            found.append(Figure("report", f"report no. {match.group(1).rstrip('.-/')}", name))
    unique: list[Figure] = []
    for figure in found:
        if figure not in unique:
            unique.append(figure)
    return unique


def unheld_figures(text: CopyText, facts: RecordFacts) -> list[Figure]:
    """The figures ``text`` states that ``facts`` do not hold."""
    holds = held(facts)
    unheld = []
    for figure in stated(text):
        if figure.kind == "weight":
            ok = figure.value.removesuffix(" carats") in holds["weight"]
        elif figure.kind == "report":
            ok = figure.value.removeprefix("report no. ").upper() in holds["report"]
        else:
            reader = grading.colour_range if figure.kind == "colour" else grading.clarity_range
            ok = _grades(reader, figure.value.rsplit(" ", 1)[0]) <= holds[figure.kind]
        if not ok:
            unheld.append(figure)
    return unheld
