"""The Gemology pages: quick reference tools for a viewing, on a tablet or at a desk.

Each page holds one or more tools; each tool is a GET form that works as a plain submit
without JavaScript and, with htmx, answers as it is typed in. A tool's request carries
``tool=<key>``; an htmx request gets back only that tool's answer, plus the sentence for each
of its fields (swapped in beside them out of band, so the field being typed in is untouched).

While someone types (no ``go`` in the request), a field they have not reached yet is not
reported as missing; a submit (the button, or Enter) reports everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from parure.core import policy
from parure.research import forms
from parure.research import gemology_tools as tools
from parure.research.errors import GemologyRefusal

PERMISSION = "research.use_gemology_tools"
# Candidates shown open; the rest wait behind "n more candidates".
SHOWN_CANDIDATES = 6


@dataclass(frozen=True)
class Tool:
    """One reference tool: its form, the call that answers it and the template that shows the answer."""

    key: str
    title: str
    form_class: type[forms.ToolForm]
    answer: Callable[[forms.ToolForm], object]
    result_template: str
    submit: str
    waiting: str
    intro: str = ""


@dataclass
class ToolState:
    """A tool as this request leaves it: its form (bound when used) and its answer, if any."""

    tool: Tool
    form: forms.ToolForm
    result: object | None = None


@dataclass(frozen=True)
class Page:
    key: str
    url_name: str
    title: str
    summary: str
    tools: tuple[Tool, ...]
    template: str


def _text(form: forms.ToolForm, name: str) -> str:
    return form.typed_value(name)


def _estimate(form: forms.ToolForm) -> object:
    mounted = _text(form, "mounted") != "loose"
    estimate = tools.estimate_weight(
        shape=_text(form, "shape"),
        length_mm=_text(form, "length_mm"),
        width_mm=_text(form, "width_mm"),
        depth_mm=_text(form, "depth_mm"),
        girdle=_text(form, "girdle"),
        girdle_correction=_text(form, "girdle_correction"),
        shape_correction=_text(form, "shape_correction"),
        material=_text(form, "material"),
        mounted=mounted,
        tapered_width_mm=_text(form, "tapered_width_mm"),
    )
    return {"estimate": estimate, "precision_basis": tools.precision_basis(estimate, mounted=mounted)}


def _identify(form: forms.ToolForm) -> object:
    found = tools.identify(
        ri=tools.split_readings(_text(form, "ri")),
        ri_over_limit=bool(form.cleaned_data.get("ri_over_limit")),
        birefringence=_text(form, "birefringence"),
        sg=_text(form, "sg"),
        optic_character=_text(form, "optic_character"),
        optic_sign=_text(form, "optic_sign"),
        hardness=_text(form, "hardness"),
        colour=_text(form, "colour"),
    )
    return {
        "identification": found,
        "laboratory": tools.needs_laboratory(found.candidates[:2]),
        "first": found.candidates[:SHOWN_CANDIDATES],
        "more": found.candidates[SHOWN_CANDIDATES:],
    }


def _grades(form: forms.ToolForm) -> object:
    scale, grade, other = _text(form, "scale"), _text(form, "grade"), _text(form, "compare_with")
    reading = tools.read_grade(scale=scale, grade=grade)
    comparison = None
    if not tools.is_blank(other):
        comparison = tools.compare_grades(scale=scale, grade=grade, compare_with=other)
    return {"reading": reading, "comparison": comparison}


def _periods(form: forms.ToolForm) -> object:
    dating = tools.find_periods(date=_text(form, "date"))
    # The answer first: periods the date lies firmly within, then those it only reaches near a boundary.
    return {"dating": dating, "matches": sorted(dating.matches, key=lambda match: not match.within_common_dates)}


ESTIMATE = Tool(
    "estimate",
    "Estimate a stone's weight",
    forms.EstimateForm,
    _estimate,
    "research/gemology/partials/estimate_result.html",
    "Estimate",
    "Give the shape, length, width and depth to see the estimate.",
    "From measurements in millimetres, as for a mounted stone.",
)
REPORTED = Tool(
    "reported",
    "Weighed stone: the reported weight",
    forms.ReportedWeightForm,
    lambda form: tools.reported_weight(weighed_ct=_text(form, "weighed_ct")),
    "research/gemology/partials/reported_result.html",
    "Report",
    "Give the weight the balance reads.",
    "GIA weighs to the thousandth of a carat and reports to the hundredth.",
)
CONVERT = Tool(
    "convert",
    "Convert a weight",
    forms.ConvertWeightForm,
    lambda form: tools.convert_weight(amount=_text(form, "amount"), unit=_text(form, "unit")),
    "research/gemology/partials/convert_result.html",
    "Convert",
    "Give a weight to see it in carats, grams, points and grains.",
)
IDENTIFY = Tool(
    "identify",
    "Identify a stone",
    forms.IdentifyForm,
    _identify,
    "research/gemology/partials/identify_result.html",
    "Identify",
    "Give any reading you have: RI, birefringence, SG, optic character, hardness or colour.",
    "Any subset of readings; colour ranks the candidates but never rules one out.",
)
GRADES = Tool(
    "grades",
    "Read and compare grades",
    forms.GradeForm,
    _grades,
    "research/gemology/partials/grades_result.html",
    "Read",
    "Type a grade as you would write it: g, G/H, vs 1, VS1-2, vg, med blue.",
    "GIA scales: colour D–Z and fancy colours, clarity, cut, polish, symmetry, fluorescence.",
)
FINENESS = Tool(
    "fineness",
    "Karat and fineness",
    forms.FinenessForm,
    lambda form: tools.fineness(metal=_text(form, "metal"), standard=_text(form, "standard")),
    "research/gemology/partials/fineness_result.html",
    "Look up",
    "Type a karat (18k) or a fineness (750), or an assay result (749).",
)
MARK = Tool(
    "mark",
    "Decode a mark",
    forms.MarkForm,
    lambda form: tools.decode_mark(mark=_text(form, "mark")),
    "research/gemology/partials/mark_result.html",
    "Decode",
    "Type one mark as struck.",
)
HALLMARK = Tool(
    "hallmark",
    "Check a UK hallmark",
    forms.HallmarkForm,
    lambda form: tools.check_uk_hallmark(components=tools.split_marks(_text(form, "components"))),
    "research/gemology/partials/hallmark_result.html",
    "Check",
    "List the marks struck to see whether the compulsory ones are all there.",
    "Since 1 January 1999: sponsor's mark, fineness mark and assay office mark.",
)
FINE_CONTENT = Tool(
    "fine_content",
    "Fine-metal content",
    forms.FineContentForm,
    lambda form: tools.fine_metal_content(
        gross_weight_g=_text(form, "gross_weight_g"),
        fineness=_text(form, "fineness"),
        stone_weight_ct=_text(form, "stone_weight_ct"),
    ),
    "research/gemology/partials/fine_content_result.html",
    "Calculate",
    "Give the gross weight and the fineness.",
    "The pure metal in a piece, less its stones.",
)
PERIODS = Tool(
    "periods",
    "Find the period",
    forms.PeriodForm,
    _periods,
    "research/gemology/partials/periods_result.html",
    "Find",
    "Type a year or a dating phrase: 1925, circa 1925, 1890s, late 19th century.",
    "“Circa” widens the search by five years each side, so a date near a boundary gives both periods.",
)
RING_SIZES = Tool(
    "ring_sizes",
    "Convert a ring size",
    forms.RingSizeForm,
    lambda form: tools.convert_ring_size(system=_text(form, "system"), size=_text(form, "size")),
    "research/gemology/partials/ring_sizes_result.html",
    "Convert",
    "Give a size (or an inner circumference or diameter in mm).",
    "Every system through the ring's inner circumference.",
)

PAGES: tuple[Page, ...] = (
    Page(
        "weight",
        "research:gemology_weight",
        "Weight",
        "Estimate a mounted stone's weight from its measurements; the reported weight of a weighed "
        "stone; carats, grams, points and grains.",
        (ESTIMATE, REPORTED, CONVERT),
        "research/gemology/weight.html",
    ),
    Page(
        "identify",
        "research:gemology_identify",
        "Identification",
        "Ranked candidates for what you measured, the reasons, and the test to do next.",
        (IDENTIFY,),
        "research/gemology/identify.html",
    ),
    Page(
        "metals",
        "research:gemology_metals",
        "Metals and hallmarks",
        "Karat and fineness, what a mark means, the UK hallmark check and fine-metal content.",
        (FINENESS, MARK, HALLMARK, FINE_CONTENT),
        "research/gemology/metals.html",
    ),
    Page(
        "grades",
        "research:gemology_grades",
        "Grades",
        "Read colour, clarity, cut and fluorescence grades as typed, and compare two.",
        (GRADES,),
        "research/gemology/grades.html",
    ),
    Page(
        "periods",
        "research:gemology_periods",
        "Periods",
        "The period of a date or a dating phrase, with its style cues.",
        (PERIODS,),
        "research/gemology/periods.html",
    ),
    Page(
        "ring_sizes",
        "research:gemology_ring_sizes",
        "Ring sizes",
        "US, UK/AU, EU/ISO, Japanese and Swiss sizes, for the client book and resizing.",
        (RING_SIZES,),
        "research/gemology/ring_sizes.html",
    ),
)
_PAGES_BY_KEY = {page.key: page for page in PAGES}


def _use(tool: Tool, request: HttpRequest) -> ToolState:
    """The tool's form and answer for this request; refusals become sentences beside their fields."""
    if request.GET.get("tool") != tool.key:
        return ToolState(tool, tool.form_class())
    form = tool.form_class(request.GET)
    form.is_valid()  # text fields always are; this fills cleaned_data
    typing = "go" not in request.GET
    try:
        return ToolState(tool, form, tool.answer(form))
    except GemologyRefusal as refusal:
        if not (typing and refusal.missing):
            for field, message in ((refusal.field, refusal.message), *refusal.others):
                form.add_error(field if field in form.fields else None, message)
        return ToolState(tool, form)


def _tool_page(request: HttpRequest, key: str) -> HttpResponse:
    page = _PAGES_BY_KEY[key]
    states = [_use(tool, request) for tool in page.tools]
    context: dict[str, Any] = {
        "page": page,
        "pages": PAGES,
        "states": states,
        "page_url": reverse(page.url_name),
        "colour_words": tools.COLOUR_WORDS,
        "period_table": tools.PERIOD_TABLE,
    }
    used = next((state for state in states if request.GET.get("tool") == state.tool.key), None)
    if request.htmx and used is not None:  # type: ignore[attr-defined]
        response = render(request, "research/gemology/partials/fragment.html", {**context, "state": used})
    else:
        response = render(request, page.template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@policy.requires(PERMISSION)
@require_GET
def gemology(request: HttpRequest) -> HttpResponse:
    """The Gemology area: the tools, one card each."""
    return render(request, "research/gemology/index.html", {"pages": PAGES})


@policy.requires(PERMISSION)
@require_GET
def weight(request: HttpRequest) -> HttpResponse:
    return _tool_page(request, "weight")


@policy.requires(PERMISSION)
@require_GET
def identify(request: HttpRequest) -> HttpResponse:
    return _tool_page(request, "identify")


@policy.requires(PERMISSION)
@require_GET
def metals(request: HttpRequest) -> HttpResponse:
    return _tool_page(request, "metals")


@policy.requires(PERMISSION)
@require_GET
def grades(request: HttpRequest) -> HttpResponse:
    return _tool_page(request, "grades")


@policy.requires(PERMISSION)
@require_GET
def periods(request: HttpRequest) -> HttpResponse:
    return _tool_page(request, "periods")


@policy.requires(PERMISSION)
@require_GET
def ring_sizes(request: HttpRequest) -> HttpResponse:
    return _tool_page(request, "ring_sizes")
