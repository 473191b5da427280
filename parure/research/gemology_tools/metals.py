"""Karat and fineness, hallmark marks, the UK hallmark check, fine-metal content."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from parure.gemology import metals, weight
from parure.research.errors import GemologyRefusal, ResearchErrorCode
from parure.research.gemology_tools._shared import (
    FieldRules,
    Typed,
    _asking,
    _on_field,
    _optional,
    _require,
    _stripped,
    plain,
)

# --- metals and hallmarks -------------------------------------------------------------------

METAL_CHOICES: tuple[tuple[str, str], ...] = tuple((item.value, item.value.capitalize()) for item in metals.Metal)
_KARAT_OR_FINENESS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(k|kt|ct|karat|karats|carat|carats)?(?:\s*gold)?")


@dataclass(frozen=True)
class FinenessReading:
    """A karat or an assayed fineness and the standard mark it carries."""

    metal: metals.Metal
    typed: str
    karat: int | None
    standard: metals.Standard
    assayed: Decimal | None
    exact_fraction: Decimal | None
    sentence: str

    @property
    def is_uk_standard(self) -> bool:
        """True when a UK assay office may hallmark this standard."""
        return self.standard.fineness in metals.UK_STANDARDS[self.metal]

    @property
    def standards(self) -> tuple[metals.Standard, ...]:
        """Every standard of this metal, lowest first."""
        return tuple(metals.Standard(self.metal, fineness) for fineness in metals.STANDARDS[self.metal])


def _karat_sentence(karat: int, struck: int) -> tuple[Decimal, str]:
    fraction = plain((Decimal(karat) * 1000 / 24).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    sentence = f"{karat} karat gold is struck {struck}: {karat}/24 is {fraction} parts per thousand"
    if struck > fraction:
        sentence += ", and the mark sits a little above it so the piece is never short"
    return fraction, sentence + "."


def _read_karat_or_fineness(typed: str, field: str, kind: metals.Metal | None) -> tuple[int | None, str]:
    """Read "18k", "18" (gold) or "750" as (karat or None, fineness text).

    A suffix (k, kt, ct, karat) makes it a karat; so does a bare number up to 24 for gold
    (``kind`` None: gold is the only metal in karats). Anything else is a fineness.
    """
    match = _KARAT_OR_FINENESS.fullmatch(typed.lower())
    if not match:
        raise GemologyRefusal(
            f"‘{typed}’ is not a karat or a fineness; write e.g. 18k or 750.",
            field=field,
            code=ResearchErrorCode.INVALID,
        )
    number, suffix = match.group(1).replace(",", "."), match.group(2)
    gold = kind in (None, metals.Metal.GOLD)
    if suffix is not None and not gold:
        assert kind is not None
        raise GemologyRefusal(
            f"Karats measure gold only; give the {kind.value} fineness in parts per thousand, e.g. "
            f"{metals.STANDARDS[kind][-2]}.",
            field=field,
            code=ResearchErrorCode.INVALID,
        )
    if suffix is None and not (gold and Decimal(number) <= 24):
        return None, number
    if Decimal(number) != Decimal(number).to_integral_value():
        raise GemologyRefusal(
            f"‘{typed}’ is not a whole karat; standards are "
            f"{', '.join(f'{karat}k' for karat in metals.KARAT_FINENESS)}.",
            field=field,
            code=ResearchErrorCode.INVALID,
        )
    return int(Decimal(number)), number


def fineness(*, metal: Typed, standard: Typed) -> FinenessReading:
    """Karat ↔ fineness, and the mark a piece assayed at a fineness must carry (``metals``)."""
    values: dict[str, object] = {"metal": metal, "standard": standard}
    kind = _on_field("metal", values, lambda: metals.metal(_stripped(metal) or "gold"))
    _require(values, (("standard", "Type a karat (18k) or a fineness in parts per thousand (750)."),))
    typed = _stripped(standard)
    karat, number = _read_karat_or_fineness(typed, "standard", kind)
    if karat is not None:
        struck = _on_field("standard", values, lambda: metals.karat_to_fineness(karat))
        fraction, sentence = _karat_sentence(karat, struck)
        return FinenessReading(kind, typed, karat, metals.Standard(kind, struck), None, fraction, sentence)
    found = _on_field("standard", values, lambda: metals.standard_for_assay(kind, number))
    assayed = plain(Decimal(number))
    higher = [value for value in metals.STANDARDS[kind] if value > found.fineness]
    if assayed == found.fineness:
        sentence = f"{found.fineness} is a {kind.value} standard: {found}."
    elif higher and assayed < higher[0]:
        sentence = f"A piece assayed at {assayed} falls short of {higher[0]} and must carry the lower mark: {found}."
    else:
        sentence = f"A piece assayed at {assayed} carries the highest {kind.value} standard: {found}."
    exact = None if found.karat is None else _karat_sentence(found.karat, found.fineness)[0]
    return FinenessReading(kind, typed, found.karat, found, assayed, exact, sentence)


def decode_mark(*, mark: Typed) -> metals.MarkReading:
    """What one stamp or hallmark component means (``metals.decode_mark``)."""
    values: dict[str, object] = {"mark": mark}
    _require(values, (("mark", "Type a mark as struck, e.g. 750, 14K, PT950, anchor or leopard's head."),))
    return _on_field("mark", values, lambda: metals.decode_mark(_stripped(mark)))


def split_marks(text: Typed) -> list[str]:
    """The components of a hallmark typed in one line: separated by commas, semicolons or new lines."""
    return [part.strip() for part in re.split(r"[,;\n]", _stripped(text)) if part.strip()]


def check_uk_hallmark(*, components: Sequence[str]) -> metals.UkHallmarkCheck:
    """A UK hallmark read mark by mark, with what is missing or wrong (``metals.check_uk_hallmark``)."""
    marks = [component.strip() for component in components if component.strip()]
    values: dict[str, object] = {"components": marks}
    _require(
        values,
        (("components", "List the marks struck, separated by commas: e.g. sponsor AB, 750, crown, anchor."),),
    )
    return _on_field("components", values, lambda: metals.check_uk_hallmark(marks))


@dataclass(frozen=True)
class FineContent:
    """The fine metal in a piece, and how a karat was read as a fineness."""

    content: metals.FineMetalContent
    stone_weight_ct: Decimal
    fineness_note: str | None


def fine_metal_content(*, gross_weight_g: Typed, fineness: Typed, stone_weight_ct: Typed = None) -> FineContent:
    """Fine metal from gross weight, fineness (or a gold karat) and stone weight (``metals``)."""
    values: dict[str, object] = {
        "gross_weight_g": gross_weight_g,
        "fineness": fineness,
        "stone_weight_ct": stone_weight_ct,
    }
    _require(
        values,
        (
            ("gross_weight_g", "Give the piece's gross weight in grams."),
            ("fineness", "Give the fineness (750) or the gold karat (18k)."),
        ),
    )
    typed = _stripped(fineness)
    karat, number = _read_karat_or_fineness(typed, "fineness", None)
    note = None
    if karat is not None:
        number = str(_on_field("fineness", values, lambda: metals.karat_to_fineness(karat)))
        note = f"{karat} karat gold taken at its struck fineness, {number}."
    rules: FieldRules = (
        (r"^Gross weight", "gross_weight_g"),
        (r"^Fineness", "fineness"),
        (r"^Stone weight|^The stones", "stone_weight_ct"),
    )
    content = _asking(
        rules,
        values,
        lambda: metals.fine_metal_content(
            gross_weight_g=_stripped(gross_weight_g), fineness=number, stone_weight_ct=_optional(stone_weight_ct) or "0"
        ),
    )
    return FineContent(content, plain(content.stone_weight_g / weight.GRAMS_PER_CARAT), note)
