"""Grading scales, as GIA prints them (GIA, "4Cs of Diamond Quality"; GIA Diamond Grading Report key)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.gemology.errors import GradeError
from parure.gemology.grading import (
    FANCY_HUES,
    FANCY_MODIFIERS,
    FLUORESCENCE_COLOURS,
    ClarityGrade,
    ColourGrade,
    ColourGroup,
    CutGrade,
    FancyColour,
    FancyGrade,
    Fluorescence,
    FluorescenceIntensity,
    GradeRange,
    PolishGrade,
    SymmetryGrade,
    clarity,
    clarity_range,
    colour,
    colour_range,
    cut,
    diamond_colour,
    fancy_colour,
    fluorescence,
    grade_range,
    polish,
    symmetry,
)

# --- colour -------------------------------------------------------------------------


def test_gia_colour_scale_runs_d_to_z_best_first() -> None:
    assert [str(grade) for grade in ColourGrade.all()] == list("DEFGHIJKLMNOPQRSTUVWXYZ")


@pytest.mark.parametrize(
    ("letters", "group"),
    [
        ("DEF", ColourGroup.COLOURLESS),
        ("GHIJ", ColourGroup.NEAR_COLOURLESS),
        ("KLM", ColourGroup.FAINT),
        ("NOPQR", ColourGroup.VERY_LIGHT),
        ("STUVWXYZ", ColourGroup.LIGHT),
    ],
)
def test_gia_colour_groups(letters: str, group: ColourGroup) -> None:
    assert {colour(letter).group for letter in letters} == {group}


@pytest.mark.parametrize("typed", ["g", "G", " G ", "G colour", "g color"])
def test_colour_reads_what_people_type(typed: str) -> None:
    assert colour(typed) == ColourGrade("G")


def test_colour_refuses_a_letter_off_the_scale() -> None:
    with pytest.raises(GradeError) as refusal:
        colour("C")
    assert str(refusal.value) == (
        "‘C’ is not a colour grade; valid grades are the letters D to Z (D is the best); "
        "deeper colour is graded as a fancy colour."
    )


def test_colours_order_best_first_and_say_which_is_better() -> None:
    assert sorted([colour("J"), colour("D"), colour("G")]) == [colour("D"), colour("G"), colour("J")]
    assert colour("D").is_better_than(colour("E"))
    assert colour("Z").is_worse_than(colour("D"))
    assert not colour("H").is_better_than(colour("H"))


@pytest.mark.parametrize("typed", ["G/H", "G-H", "G–H", "g to h", "GH", "H-G", "gh colour"])
def test_colour_range_reads_trade_spellings(typed: str) -> None:
    assert colour_range(typed) == GradeRange(colour("G"), colour("H"))
    assert str(colour_range(typed)) == "G-H"


def test_colour_range_of_a_group_name() -> None:
    assert str(colour_range("near colourless")) == "G-J"
    assert str(colour_range("Near Colorless")) == "G-J"


def test_colour_range_of_one_letter_is_single() -> None:
    single = colour_range("F")
    assert single.is_single
    assert str(single) == "F"


# --- clarity ------------------------------------------------------------------------


def test_gia_clarity_scale() -> None:
    assert [str(grade) for grade in ClarityGrade.all()] == [
        "FL", "IF", "VVS1", "VVS2", "VS1", "VS2", "SI1", "SI2", "I1", "I2", "I3",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "code"),
    [("vs 1", "VS1"), ("VVS2", "VVS2"), ("v.v.s. 1", "VVS1"), ("Internally Flawless", "IF"), ("flawless", "FL")],
)
def test_clarity_reads_what_people_type(typed: str, code: str) -> None:
    assert clarity(typed) == ClarityGrade(code)


def test_clarity_refuses_vs3_listing_the_grades() -> None:
    with pytest.raises(GradeError) as refusal:
        clarity("VS3")
    assert str(refusal.value) == (
        "‘VS3’ is not a clarity grade; valid grades are FL, IF, VVS1, VVS2, VS1, VS2, SI1, SI2, I1, I2, I3."
    )


def test_clarity_refuses_a_family_as_a_single_grade() -> None:
    with pytest.raises(GradeError) as refusal:
        clarity("SI")
    assert str(refusal.value) == "‘SI’ spans SI1 to SI2; give a single clarity grade."


def test_vs1_is_better_than_si2() -> None:
    assert clarity("VS1").is_better_than(clarity("SI2"))
    assert clarity("SI2").is_worse_than(clarity("VS1"))
    assert clarity("VS1") < clarity("SI2")


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("SI", "SI1-SI2"),
        ("si", "SI1-SI2"),
        ("VS", "VS1-VS2"),
        ("VVS", "VVS1-VVS2"),
        ("I", "I1-I3"),
        ("VS1-VS2", "VS1-VS2"),
        ("VS1-2", "VS1-VS2"),
        ("vs2/vs1", "VS1-VS2"),
        ("IF to VVS2", "IF-VVS2"),
        ("SI2", "SI2"),
    ],
)
def test_clarity_range(typed: str, canonical: str) -> None:
    assert str(clarity_range(typed)) == canonical


def test_a_range_spans_its_grades() -> None:
    spread = clarity_range("VS1-SI1")
    assert [str(grade) for grade in spread.grades] == ["VS1", "VS2", "SI1"]
    assert spread.contains(clarity("VS2"))
    assert not spread.contains(clarity("SI2"))


def test_grades_of_different_scales_do_not_compare() -> None:
    with pytest.raises(GradeError) as refusal:
        clarity("VS1").is_better_than(colour("G"))  # type: ignore[arg-type]
    assert str(refusal.value) == "A clarity grade cannot be compared with a colour grade."
    with pytest.raises(TypeError):
        _ = clarity("VS1") < colour("G")  # type: ignore[operator]


def test_a_range_cannot_run_backwards_or_across_scales() -> None:
    with pytest.raises(GradeError) as backwards:
        GradeRange(colour("H"), colour("G"))
    assert str(backwards.value) == "A range runs from the better grade to the worse: G-H, not the reverse."
    with pytest.raises(GradeError):
        GradeRange(colour("G"), clarity("VS1"))  # type: ignore[misc]
    with pytest.raises(GradeError) as three:
        colour_range("G-H-I")
    assert str(three.value) == "‘G-H-I’ names more than two colour grades; a range has a best and a worst end."


# --- cut, polish, symmetry ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [(" Very good", "Very Good"), ("EX", "Excellent"), ("v.g.", "Very Good"), ("good", "Good"), ("F", "Fair")],
)
def test_finish_grades_read_what_people_type(typed: str, canonical: str) -> None:
    assert str(cut(typed)) == canonical
    assert str(polish(typed)) == canonical
    assert str(symmetry(typed)) == canonical


def test_finish_scale_and_refusal() -> None:
    assert [str(grade) for grade in CutGrade.all()] == ["Excellent", "Very Good", "Good", "Fair", "Poor"]
    assert cut("Excellent").is_better_than(cut("Very Good"))
    with pytest.raises(GradeError) as refusal:
        cut("Ideal")
    assert str(refusal.value) == "‘Ideal’ is not a cut grade; valid grades are Excellent, Very Good, Good, Fair, Poor."


def test_polish_and_symmetry_are_separate_scales() -> None:
    assert isinstance(polish("VG"), PolishGrade)
    assert isinstance(symmetry("VG"), SymmetryGrade)
    assert polish("VG") != symmetry("VG")
    with pytest.raises(GradeError):
        polish("EX").is_better_than(symmetry("VG"))  # type: ignore[arg-type]


def test_finish_range() -> None:
    assert str(grade_range(PolishGrade, "VG-EX")) == "Excellent-Very Good"
    assert str(grade_range(PolishGrade, "Excellent-Very Good")) == "Excellent-Very Good"


# --- fluorescence -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("None", "None"),
        ("inert", "None"),
        ("faint", "Faint"),
        ("Medium Blue", "Medium Blue"),
        ("med blue", "Medium Blue"),
        ("STG blue", "Strong Blue"),
        ("very strong yellow", "Very Strong Yellow"),
        ("VST yellow", "Very Strong Yellow"),
    ],
)
def test_fluorescence(typed: str, canonical: str) -> None:
    assert str(fluorescence(typed)) == canonical


def test_fluorescence_intensity_order() -> None:
    assert [item.value for item in FluorescenceIntensity] == ["None", "Faint", "Medium", "Strong", "Very Strong"]
    assert FluorescenceIntensity.STRONG.is_stronger_than(FluorescenceIntensity.MEDIUM)


def test_fluorescence_refusals() -> None:
    with pytest.raises(GradeError) as colourless_none:
        fluorescence("none blue")
    assert str(colourless_none.value) == (
        "Fluorescence ‘None’ has no colour; give an intensity with the colour (‘Faint Blue’)."
    )
    with pytest.raises(GradeError) as unknown:
        fluorescence("glowing")
    assert str(unknown.value) == (
        "‘glowing’ is not a fluorescence grade; valid intensities are None, Faint, Medium, Strong, Very Strong, "
        "optionally followed by a colour (blue, yellow, white, green, orange, red)."
    )


# --- fancy colour -------------------------------------------------------------------


def test_fancy_colour_reads_grade_modifiers_and_hue() -> None:
    pink = fancy_colour("Fancy Intense Purplish Pink")
    assert pink == FancyColour(FancyGrade.FANCY_INTENSE, "Pink", ("Purplish",))
    assert str(fancy_colour("fancy deep brownish orangey yellow")) == "Fancy Deep Brownish Orangy Yellow"
    assert str(fancy_colour("Fancy Grey")) == "Fancy Gray"
    assert str(fancy_colour("fancy vivid purple-pink")) == "Fancy Vivid Purple-Pink"


def test_gia_fancy_grades() -> None:
    assert [item.value for item in FancyGrade] == [
        "Faint", "Very Light", "Light", "Fancy Light", "Fancy", "Fancy Intense", "Fancy Vivid", "Fancy Deep",
        "Fancy Dark",
    ]  # fmt: skip


def test_fancy_colour_refusals() -> None:
    with pytest.raises(GradeError) as hue:
        fancy_colour("Fancy Intense Teal")
    assert str(hue.value).startswith("‘Teal’ is not a fancy-colour hue; hues are Pink, Purple, Red,")
    with pytest.raises(GradeError) as grade:
        fancy_colour("Intense Pink")
    assert str(grade.value).startswith("‘Intense Pink’ does not start with a fancy-colour grade; grades are Faint,")
    with pytest.raises(GradeError) as bare:
        fancy_colour("Fancy Vivid")
    assert str(bare.value).startswith("‘Fancy Vivid’ has a grade but no hue")


def test_diamond_colour_tells_d_to_z_from_fancy() -> None:
    assert diamond_colour("G/H") == colour_range("G-H")
    assert diamond_colour("Faint") == colour_range("K-M")
    assert diamond_colour("Fancy Light Blue") == FancyColour(FancyGrade.FANCY_LIGHT, "Blue")


# --- round trips (hypothesis) -------------------------------------------------------

SCALES = [ColourGrade, ClarityGrade, CutGrade, PolishGrade, SymmetryGrade]


def _messy(text: str, data: st.DataObject) -> str:
    cased = "".join(data.draw(st.sampled_from([ch.lower(), ch.upper()])) for ch in text)
    return data.draw(st.sampled_from(["", " ", "  "])) + cased + data.draw(st.sampled_from(["", " "]))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_grade_parses_back_from_its_canonical_form(data: st.DataObject) -> None:
    scale = data.draw(st.sampled_from(SCALES))
    grade = data.draw(st.sampled_from(scale.all()))
    typed = _messy(str(grade), data)
    parsed = scale.parse(typed)
    assert parsed == grade
    assert scale.parse(str(parsed)) == parsed


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_ranges_round_trip_whatever_the_separator(data: st.DataObject) -> None:
    scale = data.draw(st.sampled_from([ColourGrade, ClarityGrade]))
    first, second = data.draw(st.sampled_from(scale.all())), data.draw(st.sampled_from(scale.all()))
    separator = data.draw(st.sampled_from(["-", "/", "–", " to ", " - "]))
    typed = _messy(f"{first}{separator}{second}", data)
    reader = colour_range if scale is ColourGrade else clarity_range
    parsed = reader(typed)
    assert {parsed.best, parsed.worst} == {first, second}
    assert parsed.best.rank <= parsed.worst.rank
    assert reader(str(parsed)) == parsed


@settings(max_examples=100, deadline=None)
@given(
    grade=st.sampled_from(list(FancyGrade)),
    modifiers=st.lists(st.sampled_from(FANCY_MODIFIERS), max_size=2),
    hue=st.sampled_from(FANCY_HUES),
    data=st.data(),
)
def test_fancy_colours_round_trip(grade: FancyGrade, modifiers: list[str], hue: str, data: st.DataObject) -> None:
    described = FancyColour(grade, hue, tuple(modifiers))
    assert fancy_colour(_messy(str(described), data)) == described


@settings(max_examples=60, deadline=None)
@given(
    intensity=st.sampled_from(list(FluorescenceIntensity)),
    colour_word=st.one_of(st.none(), st.sampled_from(FLUORESCENCE_COLOURS)),
)
def test_fluorescence_round_trips(intensity: FluorescenceIntensity, colour_word: str | None) -> None:
    if intensity is FluorescenceIntensity.NONE:
        colour_word = None
    described = Fluorescence(intensity, colour_word)
    assert fluorescence(str(described)) == described
