"""The weight estimate from measurements, GIA's reported weight, and weight units."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import Any

from parure.gemology import estimation, weight
from parure.gemology.errors import EstimationError, GemologyError, WeightError
from parure.gemology.materials import MATERIALS
from parure.gemology.quantities import to_decimal, to_non_negative_decimal, to_positive_decimal
from parure.gemology.tables import GIRDLE_TABLE
from parure.research.errors import GemologyRefusal, ResearchErrorCode
from parure.research.gemology_tools._shared import (
    FieldRules,
    Typed,
    _asking,
    _on_field,
    _optional,
    _require,
    _stripped,
    is_blank,
    plain,
)

# --- weight estimate ----------------------------------------------------------------------

SHAPE_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (shape.value, shape.value.capitalize()) for shape in estimation.Shape
)


def _girdle_text(row: Any) -> str:
    if row.thinnest is row.thickest:
        return str(row.thinnest.value)
    return f"{row.thinnest.value} to {row.thickest.value}"


# Medium first: the usual girdle, and what an empty choice means.
GIRDLE_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (_girdle_text(row), _girdle_text(row).capitalize())
    for row in sorted(GIRDLE_TABLE, key=lambda row: (row.thinnest, row.thickest) != ("medium", "medium"))
)
MATERIAL_CHOICES: tuple[tuple[str, str], ...] = tuple((row.key, row.name) for row in MATERIALS)

_ESTIMATE_FIELDS: FieldRules = (
    (r"^The girdle correction", "girdle_correction"),
    (r"^The shape correction", "shape_correction"),
    (r"girdle", "girdle"),
    (r"not a shape with|is square; at a length-to-width", "shape"),
    (r"tapered|narrow end", "tapered_width_mm"),
    (r"not a material", "material"),
    (r"^The depth|deeper", "depth_mm"),
    (r"^The width|needs its width|^Diameters of", "width_mm"),
    (r"^The length|length-to-width ratio", "length_mm"),
)


def estimate_weight(
    *,
    shape: Typed,
    length_mm: Typed,
    width_mm: Typed = None,
    depth_mm: Typed,
    girdle: Typed = None,
    girdle_correction: Typed = None,
    shape_correction: Typed = None,
    material: Typed = None,
    mounted: bool = True,
    tapered_width_mm: Typed = None,
) -> estimation.WeightEstimate:
    """The carat weight of a stone estimated from its measurements (``estimation``)."""
    values: dict[str, object] = {
        "shape": shape,
        "length_mm": length_mm,
        "width_mm": width_mm,
        "depth_mm": depth_mm,
        "girdle": girdle,
        "girdle_correction": girdle_correction,
        "shape_correction": shape_correction,
        "material": material,
        "tapered_width_mm": tapered_width_mm,
    }
    # A figure already typed is read before the empty ones are asked for, so a page updating as
    # someone types refuses "-8" at once; the library reads each dimension with the same words.
    empty = [
        (name, sentence)
        for name, sentence in (
            ("length_mm", "Give the length in millimetres (for a round brilliant, its diameter)."),
            ("depth_mm", "Give the depth in millimetres, table to culet."),
        )
        if is_blank(values[name])
    ]
    for name, label, text in (
        ("length_mm", "length", length_mm),
        ("width_mm", "width", width_mm),
        ("depth_mm", "depth", depth_mm),
    ):
        if not is_blank(text):
            try:
                to_positive_decimal(_stripped(text), field=f"The {label}", error=EstimationError)
            except GemologyError as error:
                raise GemologyRefusal(
                    str(error), field=name, others=tuple(empty), code=ResearchErrorCode.INVALID
                ) from None
    _require(values, empty)
    return _asking(
        _ESTIMATE_FIELDS,
        values,
        lambda: estimation.estimate_carat_weight(
            _optional(shape) or estimation.Shape.ROUND_BRILLIANT,
            length_mm=_stripped(length_mm),
            width_mm=_optional(width_mm),
            depth_mm=_stripped(depth_mm),
            girdle=_optional(girdle) or "medium",
            girdle_correction=_optional(girdle_correction),
            shape_correction=_optional(shape_correction) or "1",
            material_key=_optional(material) or "diamond",
            mounted=mounted,
            tapered_width_mm=_optional(tapered_width_mm),
        ),
    )


# The estimate's shapes whose factor is an approximation (``estimation``'s docstring: radiant, cushion).
_APPROXIMATE_SHAPES = frozenset({estimation.Shape.RADIANT, estimation.Shape.CUSHION})


def precision_basis(estimate: estimation.WeightEstimate, *, mounted: bool) -> str:
    """How the estimate's precision is made up, in words (the rule stated in ``estimation``)."""
    base = Decimal(10) if mounted else Decimal(5)
    parts = ["±10% for a mounted stone, measured through the setting" if mounted else "±5% for a loose stone"]
    extra = estimate.precision_percent - base
    if estimate.shape in _APPROXIMATE_SHAPES:
        parts.append(f"+5% as the {estimate.shape.value} factor is an approximation")
        extra -= 5
    if extra > 0:
        parts.append(f"+{extra}% for a coloured stone, cut less uniformly than diamonds and varying in SG")
    return "; ".join(parts) + "."


# --- weighing and units -------------------------------------------------------------------


class WeightUnit(StrEnum):
    """The units a gem weight is written in."""

    CARATS = "ct"
    GRAMS = "g"
    POINTS = "pt"
    GRAINS = "gr"

    @property
    def label(self) -> str:
        return {"ct": "carats", "g": "grams", "pt": "points", "gr": "pearl grains"}[self.value]


WEIGHT_UNIT_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (unit.value, f"{unit.label} ({unit.value})") for unit in WeightUnit
)
_UNIT_SPELLINGS = {
    "ct": WeightUnit.CARATS,
    "cts": WeightUnit.CARATS,
    "carat": WeightUnit.CARATS,
    "carats": WeightUnit.CARATS,
    "g": WeightUnit.GRAMS,
    "gram": WeightUnit.GRAMS,
    "grams": WeightUnit.GRAMS,
    "pt": WeightUnit.POINTS,
    "pts": WeightUnit.POINTS,
    "point": WeightUnit.POINTS,
    "points": WeightUnit.POINTS,
    "gr": WeightUnit.GRAINS,
    "grain": WeightUnit.GRAINS,
    "grains": WeightUnit.GRAINS,
}


@dataclass(frozen=True)
class WeightConversion:
    """One weight in every unit, exactly (no rounding)."""

    amount: Decimal
    unit: WeightUnit
    carats: Decimal
    grams: Decimal
    points: Decimal
    grains: Decimal


def convert_weight(*, amount: Typed, unit: Typed) -> WeightConversion:
    """``amount`` of ``unit`` in carats, grams, points and pearl grains (``weight``)."""
    values: dict[str, object] = {"amount": amount, "unit": unit}
    _require(values, (("amount", "Give a weight to convert."),))
    wanted = _stripped(unit).lower() or "ct"
    if wanted not in _UNIT_SPELLINGS:
        raise GemologyRefusal(
            f"‘{_stripped(unit)}’ is not a weight unit; units are ct (carats), g (grams), pt (points) "
            "and gr (pearl grains).",
            field="unit",
            code=ResearchErrorCode.INVALID,
        )
    chosen = _UNIT_SPELLINGS[wanted]
    typed = _stripped(amount)
    from_unit: dict[WeightUnit, Callable[[str], Decimal]] = {
        # The library converts from every unit but carats; its own wording refuses a bad carat figure.
        WeightUnit.CARATS: lambda text: to_non_negative_decimal(text, field="Weight in carats", error=WeightError),
        WeightUnit.GRAMS: weight.grams_to_carats,
        WeightUnit.POINTS: weight.points_to_carats,
        WeightUnit.GRAINS: weight.grains_to_carats,
    }

    def convert() -> WeightConversion:
        carats = from_unit[chosen](typed)
        return WeightConversion(
            amount=plain(to_decimal(typed, field="Weight")),
            unit=chosen,
            carats=plain(carats),
            grams=plain(weight.carats_to_grams(carats)),
            points=plain(weight.carats_to_points(carats)),
            grains=plain(weight.carats_to_grains(carats)),
        )

    return _on_field("amount", values, convert)


REPORTING_RULE = (
    "GIA weighs to the thousandth of a carat and reports to the hundredth, rounding up only when the "
    "thousandth digit is 9: 1.768 ct is reported 1.76 ct, 1.769 ct is 1.77 ct."
)


@dataclass(frozen=True)
class ReportedWeight:
    """A weighed stone's weight as GIA would print it, and why."""

    weighed: Decimal
    read_to_thousandth: Decimal
    reported: Decimal
    thousandth_digit: int
    rounded_up: bool

    @property
    def finer_than_balance(self) -> bool:
        """True when the weight was given finer than the thousandth a balance reads."""
        return self.weighed != self.read_to_thousandth


def reported_weight(*, weighed_ct: Typed) -> ReportedWeight:
    """GIA's reported weight for a stone weighed at ``weighed_ct`` (``weight.gia_reported_weight``)."""
    values: dict[str, object] = {"weighed_ct": weighed_ct}
    _require(values, (("weighed_ct", "Give the weight read on the balance, in carats."),))
    typed = _stripped(weighed_ct)
    reported = _on_field("weighed_ct", values, lambda: weight.gia_reported_weight(typed))
    weighed = to_decimal(typed, field="Weight")
    thousandth = weighed.quantize(Decimal("0.001"), rounding=ROUND_DOWN)
    digit = int(thousandth.as_tuple().digits[-1]) if thousandth else 0
    return ReportedWeight(
        weighed=weighed,
        read_to_thousandth=thousandth,
        reported=reported,
        thousandth_digit=digit,
        rounded_up=reported > thousandth,
    )
