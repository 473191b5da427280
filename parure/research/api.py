"""The research area's REST operations (mounted at /api/v1/research/): the gemology tools.

Inputs are what a person would type, as JSON strings (numbers are accepted and read as the
text they were written as), so the library reads "6,5", "7 1/2" or "N½" as the pages do and
refuses with the same sentences. Decimal figures come back as strings ("1.01"), never floats.
A refusal is a 422 in the single error shape, under the field it concerns::

    {"status": 422, "code": "invalid", "message": "The length must be …", "fields": {"length_mm": ["…"]}}
"""

from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

from parure.core.api import ErrorOut, requires
from parure.gemology import identification, metals, periods
from parure.research import gemology_tools as tools

router = Router(tags=["research"])
PERMISSION = "research.use_gemology_tools"


def _as_typed(value: Any) -> Any:
    """A JSON number stands for the text it was written as (6.5 → "6.5")."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return value


# What a person types into one of the tools' boxes: a figure, a grade, a mark. No reading is longer.
TYPED_MAX = 100
Typed = Annotated[
    str,
    BeforeValidator(_as_typed),
    Field(max_length=TYPED_MAX),
    WithJsonSchema({"type": "string", "maxLength": TYPED_MAX, "examples": ["6.5"]}),
]
Text = Annotated[str, Field(max_length=TYPED_MAX)]
READINGS_MAX = 20
DecimalText = Annotated[
    Decimal,
    PlainSerializer(lambda number: f"{number:f}", return_type=str),
    WithJsonSchema({"type": "string", "format": "decimal", "examples": ["1.01"]}),
]
REFUSED = {422: ErrorOut}


def _decimal(number: Decimal, places: str | None = None) -> Decimal:
    return tools.plain(number.quantize(Decimal(places))) if places else tools.plain(number)


# --- weight ---------------------------------------------------------------------------------


class EstimateIn(Schema):
    shape: Typed = Field("round brilliant", description="round brilliant, oval, pear, marquise, heart, emerald, …")
    length_mm: Typed = Field(description="Longest face-up measurement (a round's largest diameter).")
    width_mm: Typed | None = Field(None, description="Shortest face-up measurement; a round may leave it out.")
    depth_mm: Typed = Field(description="Table to culet.")
    girdle: Typed = Field("medium", description="GIA girdle words: medium, thin to medium, TN-STK…")
    girdle_correction: Typed | None = Field(None, description="A multiplier (0.90–1.20) replacing the girdle table.")
    shape_correction: Typed | None = Field(None, description="1.00–1.10, for bulging wings or high shoulders.")
    material: Typed = Field("diamond", description="A materials-table key: diamond, ruby, emerald…")
    mounted: bool = Field(True, description="Measured through a setting (±10%) or loose (±5%).")
    tapered_width_mm: Typed | None = Field(None, description="A tapered baguette's narrow end.")


class MaterialOut(Schema):
    key: str
    name: str
    specific_gravity: DecimalText


class EstimateOut(Schema):
    shape: str
    carats: DecimalText
    low_carats: DecimalText
    high_carats: DecimalText
    precision_percent: DecimalText
    precision_basis: str
    formula: str
    calculation: str
    factor: DecimalText
    factor_source: str
    length_to_width: DecimalText | None
    girdle_correction: DecimalText
    girdle_basis: str
    shape_correction: DecimalText
    material: MaterialOut
    specific_gravity_ratio: DecimalText | None
    notes: list[str]


@router.post(
    "/gemology/weight/estimate",
    response={200: EstimateOut, **REFUSED},
    summary="Estimate a stone's carat weight from its measurements",
)
@requires(PERMISSION)
def estimate_weight(request: HttpRequest, payload: EstimateIn) -> dict[str, Any]:
    estimate = tools.estimate_weight(**payload.model_dump())
    return {
        "shape": estimate.shape.value,
        "carats": estimate.carats,
        "low_carats": estimate.low_carats,
        "high_carats": estimate.high_carats,
        "precision_percent": estimate.precision_percent,
        "precision_basis": tools.precision_basis(estimate, mounted=payload.mounted),
        "formula": estimate.formula,
        "calculation": estimate.calculation,
        "factor": estimate.factor,
        "factor_source": estimate.factor_source,
        "length_to_width": estimate.length_to_width,
        "girdle_correction": estimate.girdle_correction,
        "girdle_basis": estimate.girdle_basis,
        "shape_correction": estimate.shape_correction,
        "material": {
            "key": estimate.material.key,
            "name": estimate.material.name,
            "specific_gravity": estimate.material.sg_typical,
        },
        "specific_gravity_ratio": None
        if estimate.specific_gravity_ratio is None
        else _decimal(estimate.specific_gravity_ratio, "0.001"),
        "notes": list(estimate.notes),
    }


class WeightOut(Schema):
    amount: DecimalText
    unit: str
    carats: DecimalText
    grams: DecimalText
    points: DecimalText
    grains: DecimalText


@router.get(
    "/gemology/weight/convert",
    response={200: WeightOut, **REFUSED},
    summary="A weight in carats, grams, points and pearl grains",
)
@requires(PERMISSION)
def convert_weight(request: HttpRequest, amount: Text, unit: Text = "ct") -> dict[str, Any]:
    conversion = tools.convert_weight(amount=amount, unit=unit)
    return {
        "amount": conversion.amount,
        "unit": conversion.unit.value,
        "carats": conversion.carats,
        "grams": conversion.grams,
        "points": conversion.points,
        "grains": conversion.grains,
    }


class ReportedWeightOut(Schema):
    weighed_carats: DecimalText
    read_to_thousandth: DecimalText
    reported_carats: DecimalText
    rounded_up: bool
    rule: str


@router.get(
    "/gemology/weight/reported",
    response={200: ReportedWeightOut, **REFUSED},
    summary="The weight GIA reports for a stone weighed on a balance",
)
@requires(PERMISSION)
def reported_weight(request: HttpRequest, weighed_ct: Text) -> dict[str, Any]:
    reported = tools.reported_weight(weighed_ct=weighed_ct)
    return {
        "weighed_carats": reported.weighed,
        "read_to_thousandth": reported.read_to_thousandth,
        "reported_carats": reported.reported,
        "rounded_up": reported.rounded_up,
        "rule": tools.REPORTING_RULE,
    }


# --- identification -------------------------------------------------------------------------


class IdentifyIn(Schema):
    ri: list[Typed] = Field(
        default_factory=list, max_length=READINGS_MAX, description='Refractometer readings, e.g. ["1.762", "1.770"].'
    )
    ri_over_limit: bool = Field(False, description="No shadow edge: over the refractometer's limit.")
    birefringence: Typed | None = None
    sg: Typed | None = None
    optic_character: Typed | None = Field(None, description="singly refractive, uniaxial, biaxial, aggregate…")
    optic_sign: Typed | None = Field(None, description="positive or negative")
    hardness: Typed | None = None
    colour: Typed | None = None


class CandidateOut(Schema):
    key: str
    name: str
    species: str
    origin: str
    score: int
    matched: list[str]
    near: list[str]
    remarks: list[str]
    laboratory: str | None = Field(description="The question only a laboratory answers, e.g. natural or synthetic.")
    constants: dict[str, str]


class SeparatingTestOut(Schema):
    property: str | None
    advice: str


class NearMissOut(Schema):
    key: str
    name: str
    misses: list[str]


class IdentificationOut(Schema):
    candidates: list[CandidateOut]
    separating_test: SeparatingTestOut | None
    needs_laboratory: list[str] = Field(description="Laboratory questions for the first two candidates.")
    near_misses: list[NearMissOut]
    tolerances: dict[str, DecimalText]


@router.post(
    "/gemology/identify",
    response={200: IdentificationOut, **REFUSED},
    summary="Ranked candidates for a set of gemmological readings",
)
@requires(PERMISSION)
def identify(request: HttpRequest, payload: IdentifyIn) -> dict[str, Any]:
    found = tools.identify(**payload.model_dump())
    test = found.separating_test
    return {
        "candidates": [_candidate(candidate) for candidate in found.candidates],
        "separating_test": None
        if test is None
        else {"property": test.property.value if test.property else None, "advice": test.advice},
        "needs_laboratory": list(tools.needs_laboratory(found.candidates[:2])),
        "near_misses": [
            {"key": miss.material.key, "name": miss.material.name, "misses": list(miss.misses)}
            for miss in found.near_misses
        ],
        "tolerances": {prop.value: value for prop, value in found.tolerances.items()},
    }


def _candidate(candidate: identification.Candidate) -> dict[str, Any]:
    stone = candidate.material
    return {
        "key": stone.key,
        "name": stone.name,
        "species": stone.species,
        "origin": stone.origin.value,
        "score": candidate.score,
        "matched": list(candidate.matched),
        "near": list(candidate.near),
        "remarks": list(candidate.remarks),
        "laboratory": candidate.laboratory,
        "constants": tools.properties_of(stone),
    }


# --- grades ---------------------------------------------------------------------------------


class GradeOut(Schema):
    scale: str
    typed: str
    canonical: str
    kind: str = Field(description="grade, range, fancy colour or fluorescence")
    grades: list[str]
    details: list[str]


class GradeComparisonOut(Schema):
    grade: GradeOut
    compare_with: GradeOut
    verdict: str = Field(
        description="better, worse, same or overlap; for fluorescence stronger, weaker or same intensity"
    )
    sentence: str


def _grade(reading: tools.GradeReading) -> dict[str, Any]:
    return {
        "scale": reading.scale.value,
        "typed": reading.typed,
        "canonical": reading.canonical,
        "kind": reading.kind,
        "grades": list(reading.grades),
        "details": list(reading.details),
    }


@router.get("/gemology/grades", response={200: GradeOut, **REFUSED}, summary="Read a grade or range as typed")
@requires(PERMISSION)
def parse_grade(request: HttpRequest, scale: Text, grade: Text) -> dict[str, Any]:
    return _grade(tools.read_grade(scale=scale, grade=grade))


@router.get(
    "/gemology/grades/compare",
    response={200: GradeComparisonOut, **REFUSED},
    summary="Whether one grade is better or worse than another",
)
@requires(PERMISSION)
def compare_grades(request: HttpRequest, scale: Text, grade: Text, compare_with: Text) -> dict[str, Any]:
    comparison = tools.compare_grades(scale=scale, grade=grade, compare_with=compare_with)
    return {
        "grade": _grade(comparison.first),
        "compare_with": _grade(comparison.second),
        "verdict": comparison.verdict,
        "sentence": comparison.sentence,
    }


# --- metals and hallmarks -------------------------------------------------------------------


class FinenessOut(Schema):
    metal: str
    karat: int | None
    fineness: int = Field(description="The standard mark, parts per thousand.")
    standard: str
    assayed: DecimalText | None
    exact_fraction: DecimalText | None = Field(description="karat/24 in parts per thousand, for gold.")
    uk_standard: bool
    sentence: str


@router.get(
    "/gemology/metals/fineness",
    response={200: FinenessOut, **REFUSED},
    summary="Karat ↔ fineness, and the mark an assayed piece must carry",
)
@requires(PERMISSION)
def fineness(request: HttpRequest, standard: Text, metal: Text = "gold") -> dict[str, Any]:
    reading = tools.fineness(metal=metal, standard=standard)
    return {
        "metal": reading.metal.value,
        "karat": reading.karat,
        "fineness": reading.standard.fineness,
        "standard": str(reading.standard),
        "assayed": reading.assayed,
        "exact_fraction": reading.exact_fraction,
        "uk_standard": reading.is_uk_standard,
        "sentence": reading.sentence,
    }


class MarkOut(Schema):
    text: str
    kind: str
    meaning: str
    metals: list[str]
    fineness: int | None
    assay_office: str | None
    country: str | None


def _mark(reading: metals.MarkReading) -> dict[str, Any]:
    return {
        "text": reading.text,
        "kind": reading.kind.value,
        "meaning": reading.meaning,
        "metals": [metal.value for metal in reading.metals],
        "fineness": reading.fineness,
        "assay_office": reading.assay_office,
        "country": reading.country,
    }


@router.get("/gemology/metals/mark", response={200: MarkOut, **REFUSED}, summary="What one mark means")
@requires(PERMISSION)
def decode_mark(request: HttpRequest, mark: Text) -> dict[str, Any]:
    return _mark(tools.decode_mark(mark=mark))


class HallmarkIn(Schema):
    components: list[Text] = Field(
        max_length=READINGS_MAX, description='The marks struck, e.g. ["sponsor AB", "750", "anchor"].'
    )


class HallmarkOut(Schema):
    complete: bool
    metal: str | None
    fineness: int | None
    assay_office: str | None
    marks: list[MarkOut]
    problems: list[str]
    notes: list[str]


@router.post(
    "/gemology/metals/uk-hallmark",
    response={200: HallmarkOut, **REFUSED},
    summary="Whether a UK hallmark has its compulsory marks",
)
@requires(PERMISSION)
def check_uk_hallmark(request: HttpRequest, payload: HallmarkIn) -> dict[str, Any]:
    check = tools.check_uk_hallmark(components=payload.components)
    return {
        "complete": check.is_complete,
        "metal": check.metal.value if check.metal else None,
        "fineness": check.fineness,
        "assay_office": check.assay_office,
        "marks": [_mark(mark) for mark in check.marks],
        "problems": list(check.problems),
        "notes": list(check.notes),
    }


class FineContentIn(Schema):
    gross_weight_g: Typed
    fineness: Typed = Field(description="Parts per thousand (750), or a gold karat (18k).")
    stone_weight_ct: Typed | None = Field(None, description="Total weight of the stones, in carats.")


class FineContentOut(Schema):
    gross_weight_g: DecimalText
    stone_weight_g: DecimalText
    metal_weight_g: DecimalText
    fineness: DecimalText
    fine_metal_g: DecimalText
    note: str | None


@router.post(
    "/gemology/metals/fine-content",
    response={200: FineContentOut, **REFUSED},
    summary="Fine metal in a piece from gross weight, fineness and stones",
)
@requires(PERMISSION)
def fine_metal_content(request: HttpRequest, payload: FineContentIn) -> dict[str, Any]:
    found = tools.fine_metal_content(**payload.model_dump())
    content = found.content
    return {
        "gross_weight_g": tools.plain(content.gross_weight_g),
        "stone_weight_g": tools.plain(content.stone_weight_g),
        "metal_weight_g": tools.plain(content.metal_weight_g),
        "fineness": tools.plain(content.fineness),
        "fine_metal_g": tools.plain(content.fine_metal_g),
        "note": found.fineness_note,
    }


# --- periods and ring sizes -----------------------------------------------------------------


class PeriodMatchOut(Schema):
    key: str
    name: str
    dates: str
    within_common_dates: bool
    reason: str
    dating_note: str
    style_cues: list[str]


class PeriodsOut(Schema):
    span: str
    searched_from: int
    searched_to: int
    periods: list[PeriodMatchOut]


@router.get("/gemology/periods", response={200: PeriodsOut, **REFUSED}, summary="The periods a date falls in")
@requires(PERMISSION)
def find_periods(request: HttpRequest, date: Text) -> dict[str, Any]:
    dating = tools.find_periods(date=date)
    low, high = dating.span.searched
    return {
        "span": str(dating.span),
        "searched_from": low,
        "searched_to": high,
        "periods": [_period(match) for match in dating.matches],
    }


def _period(match: periods.PeriodMatch) -> dict[str, Any]:
    return {
        "key": match.period.key,
        "name": match.period.name,
        "dates": match.period.dates,
        "within_common_dates": match.within_common_dates,
        "reason": match.reason,
        "dating_note": match.period.dating_note,
        "style_cues": list(match.period.style_cues),
    }


class NearestSizeOut(Schema):
    system: str
    size: str
    circumference_mm: DecimalText
    difference_mm: DecimalText


class OutsideOut(Schema):
    system: str
    reason: str


class RingSizesOut(Schema):
    circumference_mm: DecimalText
    diameter_mm: DecimalText
    sizes: list[NearestSizeOut]
    outside: list[OutsideOut]


@router.get(
    "/gemology/ring-sizes",
    response={200: RingSizesOut, **REFUSED},
    summary="A ring size in every system (US, UK, EU, Japan, Swiss)",
)
@requires(PERMISSION)
def convert_ring_size(request: HttpRequest, size: Text, system: Text = "US") -> dict[str, Any]:
    conversion = tools.convert_ring_size(system=system, size=size)
    return {
        "circumference_mm": conversion.circumference_mm,
        "diameter_mm": conversion.diameter_mm,
        "sizes": [
            {
                "system": found.system.value,
                "size": found.label,
                "circumference_mm": found.circumference_mm,
                "difference_mm": found.difference_mm,
            }
            for found in conversion.sizes.values()
        ],
        "outside": [{"system": system.value, "reason": reason} for system, reason in conversion.outside.items()],
    }
