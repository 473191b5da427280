"""The gemology reference tools as the pages and the API use them: typed text in, results out.

Each tool takes what a person typed (text, ``None`` or blank for an empty field), asks the
``parure.gemology`` library and returns its answer, or raises ``GemologyRefusal`` carrying the
library's sentence and the name of the field it concerns. The field names are the same in the
page forms and the API schemas, so a refusal lands beside the right field on a page and under
the right key in the API's error shape. Nothing here computes a figure: the library does.

What lives where:

* ``_shared`` — reading typed text, placing a library refusal on its field, "missing" refusals;
* ``weights`` — the weight estimate, GIA's reported weight, carats/grams/points/grains;
* ``identification`` — ranked candidates for any subset of readings;
* ``grades`` — colour, clarity, cut and fluorescence grades read and compared;
* ``metals`` — karat and fineness, marks, the UK hallmark check, fine-metal content;
* ``reference`` — periods for a date, ring sizes in every system.
"""

from parure.research.gemology_tools._shared import is_blank, plain
from parure.research.gemology_tools.grades import (
    GRADE_SCALE_CHOICES,
    GradeComparison,
    GradeReading,
    GradeScale,
    compare_grades,
    grade_scale,
    read_grade,
)
from parure.research.gemology_tools.identification import (
    COLOUR_WORDS,
    OPTIC_CHARACTER_CHOICES,
    OPTIC_SIGN_CHOICES,
    identify,
    needs_laboratory,
    properties_of,
    split_readings,
)
from parure.research.gemology_tools.metals import (
    METAL_CHOICES,
    FineContent,
    FinenessReading,
    check_uk_hallmark,
    decode_mark,
    fine_metal_content,
    fineness,
    split_marks,
)
from parure.research.gemology_tools.reference import (
    PERIOD_TABLE,
    RING_SYSTEM_CHOICES,
    RING_SYSTEM_LABELS,
    convert_ring_size,
    find_periods,
)
from parure.research.gemology_tools.weights import (
    GIRDLE_CHOICES,
    MATERIAL_CHOICES,
    REPORTING_RULE,
    SHAPE_CHOICES,
    WEIGHT_UNIT_CHOICES,
    ReportedWeight,
    WeightConversion,
    WeightUnit,
    convert_weight,
    estimate_weight,
    precision_basis,
    reported_weight,
)

__all__ = [
    "COLOUR_WORDS",
    "GIRDLE_CHOICES",
    "GRADE_SCALE_CHOICES",
    "MATERIAL_CHOICES",
    "METAL_CHOICES",
    "OPTIC_CHARACTER_CHOICES",
    "OPTIC_SIGN_CHOICES",
    "PERIOD_TABLE",
    "REPORTING_RULE",
    "RING_SYSTEM_CHOICES",
    "RING_SYSTEM_LABELS",
    "SHAPE_CHOICES",
    "WEIGHT_UNIT_CHOICES",
    "FineContent",
    "FinenessReading",
    "GradeComparison",
    "GradeReading",
    "GradeScale",
    "ReportedWeight",
    "WeightConversion",
    "WeightUnit",
    "check_uk_hallmark",
    "compare_grades",
    "convert_ring_size",
    "convert_weight",
    "decode_mark",
    "estimate_weight",
    "find_periods",
    "fine_metal_content",
    "fineness",
    "grade_scale",
    "identify",
    "is_blank",
    "needs_laboratory",
    "plain",
    "precision_basis",
    "properties_of",
    "read_grade",
    "reported_weight",
    "split_marks",
    "split_readings",
]
