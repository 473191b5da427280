"""Identification from any subset of gemmological readings."""

from __future__ import annotations

import re
from collections.abc import Sequence

from parure.gemology import identification
from parure.gemology.materials import MATERIALS, Material, OpticCharacter, OpticSign
from parure.research.gemology_tools._shared import (
    FieldRules,
    Typed,
    _asking,
    _optional,
    _stripped,
    is_blank,
)

# --- identification -----------------------------------------------------------------------

OPTIC_CHARACTER_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (item.value, item.value.capitalize()) for item in OpticCharacter
)
OPTIC_SIGN_CHOICES: tuple[tuple[str, str], ...] = (
    (OpticSign.POSITIVE.value, "Positive (+)"),
    (OpticSign.NEGATIVE.value, "Negative (−)"),
)
COLOUR_WORDS: tuple[str, ...] = tuple(sorted({colour for row in MATERIALS for colour in row.colours}))
_READING_SEPARATORS = re.compile(r"\s*(?:[;/–—]|\bto\b|(?<=\d)-(?=[\d.])|\s)\s*", re.IGNORECASE)


def split_readings(text: Typed) -> list[str]:
    """The RI readings in what was typed: "1.762 1.770", "1.762-1.770", "1.762, 1.770", "1.762 to 1.770".

    A comma separates readings when the text has decimal points; without them it is a decimal
    comma ("1,762").
    """
    typed = _stripped(text)
    if "." in typed:
        typed = typed.replace(",", " ")
    return [part for part in _READING_SEPARATORS.split(typed) if part]


def identify(
    *,
    ri: Sequence[str] = (),
    ri_over_limit: bool = False,
    birefringence: Typed = None,
    sg: Typed = None,
    optic_character: Typed = None,
    optic_sign: Typed = None,
    hardness: Typed = None,
    colour: Typed = None,
) -> identification.Identification:
    """The materials consistent with the readings, ranked, and the test to do next (``identification``)."""
    readings = [reading.strip() for reading in ri if reading.strip()]
    values: dict[str, object] = {
        "ri": readings,
        "ri_over_limit": ri_over_limit,
        "birefringence": birefringence,
        "sg": sg,
        "optic_character": optic_character,
        "optic_sign": optic_sign,
        "hardness": hardness,
        "colour": colour,
    }
    rules: FieldRules = (
        (r"^RI reading|^An RI of", "ri"),
        (r"^Birefringence", "birefringence"),
        # A birefringence out of every range comes from the field, or else from the RI readings' spread.
        (r"^A birefringence of", "ri" if is_blank(birefringence) else "birefringence"),
        (r"^SG|^An SG of", "sg"),
        (r"^Hardness|^Mohs hardness", "hardness"),
        (r"is not one of: singly refractive", "optic_character"),
        (r"is not one of: positive", "optic_sign"),
    )

    def ask() -> identification.Identification:
        measurements = identification.Measurements.of(
            ri=readings,
            ri_over_limit=ri_over_limit,
            birefringence=_optional(birefringence),
            sg=_optional(sg),
            optic_character=_optional(optic_character),
            optic_sign=_optional(optic_sign),
            hardness=_optional(hardness),
            colour=_optional(colour),
        )
        return identification.identify(measurements)

    return _asking(rules, values, ask)


def needs_laboratory(candidates: Sequence[identification.Candidate]) -> tuple[str, ...]:
    """The laboratory questions among ``candidates``, each once, in rank order."""
    questions: list[str] = []
    for candidate in candidates:
        if candidate.laboratory and candidate.laboratory not in questions:
            questions.append(candidate.laboratory)
    return tuple(questions)


def properties_of(stone: Material) -> dict[str, str]:
    """A material's constants as printed in a table."""
    return {
        "RI": str(stone.ri),
        "Birefringence": str(stone.birefringence) if stone.birefringence is not None else "—",
        "Optic character": stone.optic_character.value
        + (f", {stone.optic_sign.value}" if stone.optic_sign is not None else ""),
        "SG": str(stone.sg),
        "Hardness": str(stone.hardness),
        "Dispersion": str(stone.dispersion) if stone.dispersion is not None else "—",
    }
