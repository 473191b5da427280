"""The Gemology pages, end to end: each tool's exact figures, each refusal beside its field.

Sources of the worked figures are the library's (``parure.gemology``); these tests check the
pages print them as given: the Gemgate/Esslinger round-brilliant factor 0.0061 (6.5 × 6.5 ×
3.9 mm → 1.01 ct), GIA's reported-weight rule (1.768 → 1.76, 1.769 → 1.77), the GIA Gem
Reference Guide's corundum constants, the struck karat marks, the ring-size formulas.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import Cast
from tests.research.cases import REFUSALS, TOOL_PAGES, Refusal
from tests.research.helpers import all_field_errors, field_errors, plain_text, text_of, tool_page, typed_value

WEIGHT = "/research/gemology/weight/"
IDENTIFY = "/research/gemology/identify/"
METALS = "/research/gemology/metals/"
GRADES = "/research/gemology/grades/"
PERIODS = "/research/gemology/periods/"
RING_SIZES = "/research/gemology/ring-sizes/"


@pytest.fixture
def assistant(cast: Cast, client_for: Any) -> Any:
    return client_for(cast.assistant)


def test_the_gemology_area_is_in_the_navigation_and_lists_every_tool(assistant: Any) -> None:
    home = assistant.get("/research/gemology/").content.decode()
    assert '<a href="/research/gemology/" aria-current="page">Gemology</a>' in home
    for path in (WEIGHT, IDENTIFY, METALS, GRADES, PERIODS, RING_SIZES):
        assert f'href="{path}"' in home
    # The tools carry their own style sheet and nothing inline.
    assert '<link rel="stylesheet" href="/static/research/research.css">' in home
    assert " style=" not in home and not re.search(r"\son[a-z]+=", home)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        (WEIGHT, {"tool": "estimate", "length_mm": "6.5", "depth_mm": "3.9", "go": "1"}),
        (IDENTIFY, {"tool": "identify", "ri": "1.762 1.770", "sg": "4.00", "go": "1"}),
        (METALS, {"tool": "hallmark", "components": "sponsor AB, 750, anchor", "go": "1"}),
        (GRADES, {"tool": "grades", "scale": "colour", "grade": "G", "compare_with": "H", "go": "1"}),
        (PERIODS, {"tool": "periods", "date": "circa 1925", "go": "1"}),
        (RING_SIZES, {"tool": "ring_sizes", "system": "US", "size": "7", "go": "1"}),
    ],
)
def test_every_page_keeps_the_strict_content_security_policy(assistant: Any, path: str, query: dict[str, str]) -> None:
    page = assistant.get(path, query).content.decode()
    assert " style=" not in page and not re.search(r"\son[a-z]+=", page)
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page), "an inline script"
    assert '<link rel="stylesheet" href="/static/research/research.css">' in page


def test_an_empty_tool_page_asks_for_input_without_refusing(assistant: Any) -> None:
    page = assistant.get(WEIGHT).content.decode()
    assert "Give the shape, length, width and depth to see the estimate." in page
    assert all_field_errors(page) == {}
    # Keyboard and tablet: labelled fields, number pads for figures, a submit button per tool.
    assert '<label for="id_length_mm">Length, mm</label>' in page
    assert re.search(r'<input[^>]*name="depth_mm"[^>]*inputmode="decimal"', page)
    assert page.count('<button type="submit" name="go" value="1">') == 3


# --- weight ---------------------------------------------------------------------------------


def test_the_estimator_gives_a_round_brilliants_weight_with_its_working(assistant: Any) -> None:
    page = tool_page(
        assistant,
        WEIGHT,
        "estimate",
        shape="round brilliant",
        length_mm="6.5",
        width_mm="6.5",
        depth_mm="3.9",
        girdle="medium",
        material="diamond",
        mounted="mounted",
    )
    assert text_of(page, "estimate-carats") == "1.01 ct"
    text = plain_text(page)
    assert "estimated; likely 0.90–1.11 ct (±10%)" in text
    assert "average diameter² × depth × factor" in text
    assert "6.5² × 3.9 × 0.0061 = 1.0051 ct → 1.01 ct (rounded half-up to 0.01 ct)" in text
    assert "Gemgate, 'Estimating Mounted Diamond Weight'" in text
    assert "no adjustment (Gemgate/Adamas GTA table: girdle averages Medium, 4.15–6.90 mm column)" in text
    assert "±10% for a mounted stone, measured through the setting." in text
    # What was typed stays in the form.
    assert typed_value(page, "length_mm") == "6.5" and typed_value(page, "depth_mm") == "3.9"


def test_a_coloured_stone_is_scaled_by_its_specific_gravity(assistant: Any) -> None:
    page = tool_page(
        assistant, WEIGHT, "estimate", shape="oval", length_mm="8", width_mm="6", depth_mm="3.8", material="ruby"
    )
    assert text_of(page, "estimate-carats") == "1.31 ct"
    text = plain_text(page)
    assert "7² × 3.8 × 0.0062 × 4.00 ÷ 3.52 (SG) = 1.3119 ct → 1.31 ct" in text
    assert "likely 1.10–1.52 ct (±16%)" in text
    assert "+6% for a coloured stone" in text
    assert "Ruby (corundum) SG 4.00 ÷ diamond 3.52 = 1.136" in text


def test_a_weighed_stone_is_reported_by_gias_rule(assistant: Any) -> None:
    kept = tool_page(assistant, WEIGHT, "reported", weighed_ct="1.768")
    assert text_of(kept, "reported-carats") == "1.76 ct"
    assert "The thousandth digit is 8, not 9, so GIA keeps the hundredths: 1.76 ct." in plain_text(kept)
    rounded = tool_page(assistant, WEIGHT, "reported", weighed_ct="1.769")
    assert text_of(rounded, "reported-carats") == "1.77 ct"
    assert "The thousandth digit is 9, so GIA rounds up to 1.77 ct." in plain_text(rounded)


def test_the_converter_gives_every_unit_exactly(assistant: Any) -> None:
    page = tool_page(assistant, WEIGHT, "convert", amount="1.5", unit="ct")
    assert [text_of(page, f"convert-{unit}") for unit in ("carats", "grams", "points", "grains")] == [
        "1.5 ct",
        "0.3 g",
        "150 pt",
        "6 gr",
    ]
    grains = tool_page(assistant, WEIGHT, "convert", amount="10", unit="gr")
    assert text_of(grains, "convert-carats") == "2.5 ct" and text_of(grains, "convert-grams") == "0.5 g"


# --- identification -------------------------------------------------------------------------


def test_the_identifier_ranks_corundum_first_and_asks_for_a_laboratory(assistant: Any) -> None:
    page = tool_page(assistant, IDENTIFY, "identify", ri="1.762 1.770", sg="4.00")
    names = re.findall(r'<li class="candidate">\s*<div class="candidate-head">\s*<h4>(.*?)</h4>', page)
    assert names == ["Ruby (corundum)", "Sapphire (corundum)", "Synthetic corundum"]
    text = plain_text(page)
    assert "Needs a laboratory. These readings cannot tell natural or synthetic." in text
    assert "RI 1.762, 1.770 within 1.757–1.779" in text and "SG 4.00 within 3.95–4.05" in text
    assert "Birefringence 0.008 within 0.008–0.010" in text
    assert (
        "Next test Ruby (corundum) and Sapphire (corundum) are both corundum; the variety name follows the colour."
        in text
    )
    assert typed_value(page, "ri") == "1.762 1.770"


def test_the_identifier_names_the_test_that_separates_the_first_two(assistant: Any) -> None:
    page = tool_page(assistant, IDENTIFY, "identify", ri="1.718", colour="red")
    text = plain_text(page)
    assert "Next test Measure the specific gravity:" in text
    assert re.findall(r"<h4>(.*?)</h4>", page)[0] == "Spinel"


def test_readings_that_fit_nothing_show_the_nearest_materials(assistant: Any) -> None:
    page = tool_page(assistant, IDENTIFY, "identify", ri="1.544 1.553", sg="4.00")
    text = plain_text(page)
    assert "No material in the table fits every reading." in text
    assert "Nearest, and what ruled each out" in text


# --- metals ---------------------------------------------------------------------------------


def test_karat_and_fineness(assistant: Any) -> None:
    karat = tool_page(assistant, METALS, "fineness", metal="gold", standard="14k")
    assert text_of(karat, "fineness-mark") == "585"
    assert (
        "14 karat gold is struck 585: 14/24 is 583.3 parts per thousand, and the mark sits a little above it so "
        "the piece is never short." in plain_text(karat)
    )
    assay = tool_page(assistant, METALS, "fineness", metal="gold", standard="749")
    assert text_of(assay, "fineness-mark") == "585"
    assert "A piece assayed at 749 falls short of 750 and must carry the lower mark: 14 carat gold (585)." in (
        plain_text(assay)
    )
    ten = tool_page(assistant, METALS, "fineness", metal="gold", standard="10k")
    assert "417 is not a UK hallmarking standard for gold." in plain_text(ten)


def test_a_mark_is_decoded(assistant: Any) -> None:
    page = tool_page(assistant, METALS, "mark", mark="PT950")
    assert text_of(page, "mark-meaning") == "Platinum 950"
    assert "Fineness 950" in plain_text(page)


def test_a_uk_hallmark_is_checked(assistant: Any) -> None:
    complete = tool_page(assistant, METALS, "hallmark", components="sponsor AB, 750, crown, anchor")
    assert text_of(complete, "hallmark-verdict") == "Complete"
    text = plain_text(complete)
    assert "Gold 750 · Birmingham assay office" in text
    assert "The crown on gold is the traditional gold standard mark, not an assay office." in text
    missing = tool_page(assistant, METALS, "hallmark", components="750, anchor")
    assert text_of(missing, "hallmark-verdict") == "Incomplete"
    assert "No sponsor's mark: a UK hallmark must show the sponsor's (maker's) mark." in plain_text(missing)


def test_fine_metal_content(assistant: Any) -> None:
    page = tool_page(assistant, METALS, "fine_content", gross_weight_g="6.2", fineness="18k", stone_weight_ct="0.5")
    assert text_of(page, "fine-metal") == "4.575 g"
    text = plain_text(page)
    assert "0.5 ct × 0.2 = 0.1 g" in text and "6.2 − 0.1 = 6.1 g" in text
    assert "6.1 g × 750 ÷ 1000 = 4.575 g" in text
    assert "18 karat gold taken at its struck fineness, 750." in text


# --- grades ---------------------------------------------------------------------------------


def test_grades_are_read_as_typed_and_compared(assistant: Any) -> None:
    page = tool_page(assistant, GRADES, "grades", scale="clarity", grade="vs 1", compare_with="SI2")
    assert text_of(page, "grade-canonical") == "VS1"
    assert text_of(page, "grade-comparison") == "VS1 is better than SI2."
    assert "VS: very slightly included" in plain_text(page)
    colour = tool_page(assistant, GRADES, "grades", scale="colour", grade="g/h", compare_with="H-I")
    assert text_of(colour, "grade-canonical") == "G-H"
    assert "Colour range: G, H" in plain_text(colour)
    assert text_of(colour, "grade-comparison") == "G-H and H-I overlap (H); neither is wholly better."
    fancy = tool_page(assistant, GRADES, "grades", scale="colour", grade="fancy intense purplish pink")
    assert text_of(fancy, "grade-canonical") == "Fancy Intense Purplish Pink"


# --- periods and ring sizes -----------------------------------------------------------------


def test_circa_1925_is_art_deco_with_the_neighbours_near_its_boundary(assistant: Any) -> None:
    page = tool_page(assistant, PERIODS, "periods", date="circa 1925")
    names = re.findall(r'<li class="period-match[^"]*">\s*<div class="candidate-head"><h3>(.*?)</h3>', page)
    assert names == ["Art Deco", "Arts and Crafts", "Edwardian (Belle Époque)"]
    text = plain_text(page)
    assert "c.1925: searched 1920–1930" in text
    assert "c.1925 lies within Art Deco (1920–1935)" in text
    assert "c.1925 is within 5 years of 1920, where some sources end Arts and Crafts (c.1880–1914)" in text
    assert "geometric design" in text


def test_a_us_size_in_every_system(assistant: Any) -> None:
    page = tool_page(assistant, RING_SIZES, "ring_sizes", system="US", size="7")
    assert [text_of(page, f"ring-{code}") for code in ("us", "uk", "eu", "japan", "swiss")] == [
        "7",
        "N½",
        "54",
        "14",
        "14.5",
    ]
    assert "Inner circumference 54.41 mm , diameter 17.32 mm" in plain_text(page)
    uk = tool_page(assistant, RING_SIZES, "ring_sizes", system="UK", size="N½")
    assert text_of(uk, "ring-uk") == "N½" and text_of(uk, "ring-us") == "7"


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", REFUSALS, ids=[case.id for case in REFUSALS])
def test_every_refusal_is_a_sentence_beside_its_field(assistant: Any, case: Refusal) -> None:
    page = tool_page(assistant, TOOL_PAGES[case.tool], case.tool, **case.typed)
    if case.field is None:
        assert all_field_errors(page) == {}
        assert case.message in plain_text(page)
    else:
        assert field_errors(page, case.field) == [case.message]
        assert set(all_field_errors(page)) == {case.field}
    for name, value in case.typed.items():
        if re.search(rf'<input[^>]*name="{name}"[^>]*type="text"|<input type="text" name="{name}"', page):
            assert typed_value(page, name) == value, name
    assert "Correct the marked field and the answer appears here." in page or case.field is None


def test_a_submit_names_every_empty_field_at_once(assistant: Any) -> None:
    page = tool_page(assistant, WEIGHT, "estimate", shape="round brilliant", length_mm="", depth_mm="")
    assert all_field_errors(page) == {
        "length_mm": ["Give the length in millimetres (for a round brilliant, its diameter)."],
        "depth_mm": ["Give the depth in millimetres, table to culet."],
    }


def test_while_typing_a_field_not_yet_reached_is_not_refused(assistant: Any) -> None:
    """htmx sends the form as it is typed in, without the button's ``go``."""
    fragment = tool_page(assistant, WEIGHT, "estimate", go=False, htmx=True, shape="oval", length_mm="8")
    assert all_field_errors(fragment) == {}
    assert "Give the shape, length, width and depth to see the estimate." in fragment
    # A figure already typed wrong is refused at once, and the fragment carries every field's slot.
    wrong = tool_page(assistant, WEIGHT, "estimate", go=False, htmx=True, shape="oval", length_mm="-8")
    assert field_errors(wrong, "length_mm") == ["The length must be greater than zero; -8 was given."]
    assert 'id="id_depth_mm-error" hx-swap-oob="true"' in wrong


def test_an_htmx_request_gets_only_the_tools_answer(assistant: Any) -> None:
    response = assistant.get(
        IDENTIFY, {"tool": "identify", "ri": "1.762 1.770", "sg": "4.00"}, headers={"HX-Request": "true"}
    )
    fragment = response.content.decode()
    assert "<html" not in fragment and "<form" not in fragment
    assert "Needs a laboratory." in fragment
    assert "HX-Request" in response["Vary"]


NASTY = ["", " ", "-1", "0", "1e999999", "-1e999999", "NaN", "Infinity", "1/0", "٣", "🙂", "9" * 40, "<b>x</b>", "1..2"]


@pytest.mark.parametrize("tool", sorted(TOOL_PAGES))
def test_bad_input_never_yields_a_server_error(assistant: Any, tool: str) -> None:
    page = assistant.get(TOOL_PAGES[tool]).content.decode()
    form = re.search(rf'<input type="hidden" name="tool" value="{tool}">(.*?)</form>', page, re.S)
    assert form
    names = sorted(set(re.findall(r'name="(\w+)"', form.group(1))) - {"go"})
    for name in names:
        # Every nasty value through the answer as htmx asks for it; a few through the whole page.
        for nasty, whole_page in [(nasty, False) for nasty in NASTY] + [("<b>x</b>", True), ("1e999999", True)]:
            headers = {} if whole_page else {"HX-Request": "true"}
            response = assistant.get(TOOL_PAGES[tool], {"tool": tool, name: nasty, "go": "1"}, headers=headers)
            assert response.status_code == 200, (tool, name, nasty, response.status_code)
            assert "<b>x</b>" not in response.content.decode()
