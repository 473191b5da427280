"""The tools layer the pages and the API share: every refusal a GemologyRefusal on a known field.

Hypothesis types anything at all into every field; the answer is a result or a sentence, never
an exception, and the sentence names one of the tool's own fields (or none, for the form).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.research import gemology_tools as tools
from parure.research.errors import GemologyRefusal

# Text people might type, weighted towards figures and the words the tools read.
typed = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"-?[0-9]{0,4}([.,][0-9]{0,4})?(e-?[0-9]{1,7})?", fullmatch=True),
    st.sampled_from(["round", "pear", "baguette", "medium", "thin to thick", "ruby", "ct", "g", "gold", "18k", "US"]),
)

TOOLS: dict[str, tuple[Callable[..., Any], tuple[str, ...]]] = {
    "estimate": (
        tools.estimate_weight,
        ("shape", "length_mm", "width_mm", "depth_mm", "girdle", "girdle_correction", "shape_correction", "material"),
    ),
    "convert": (tools.convert_weight, ("amount", "unit")),
    "reported": (tools.reported_weight, ("weighed_ct",)),
    "identify": (tools.identify, ("birefringence", "sg", "optic_character", "optic_sign", "hardness", "colour")),
    "grades": (tools.compare_grades, ("scale", "grade", "compare_with")),
    "fineness": (tools.fineness, ("metal", "standard")),
    "mark": (tools.decode_mark, ("mark",)),
    "fine_content": (tools.fine_metal_content, ("gross_weight_g", "fineness", "stone_weight_ct")),
    "periods": (tools.find_periods, ("date",)),
    "ring_sizes": (tools.convert_ring_size, ("system", "size")),
}


@pytest.mark.parametrize("name", sorted(TOOLS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_anything_typed_gives_an_answer_or_a_sentence_on_a_field(name: str, data: st.DataObject) -> None:
    tool, fields = TOOLS[name]
    values = {field: data.draw(typed, label=field) for field in fields}
    if name == "identify":
        values["ri"] = data.draw(st.lists(typed, max_size=3), label="ri")  # type: ignore[assignment]
    try:
        tool(**values)
    except GemologyRefusal as refusal:
        assert refusal.message.strip()
        assert refusal.field is None or refusal.field in {*fields, "ri"}, refusal.field


@settings(max_examples=100, deadline=None)
@given(st.lists(typed, max_size=4))
def test_any_hallmark_gives_an_answer_or_a_sentence(components: list[str]) -> None:
    try:
        tools.check_uk_hallmark(components=components)
    except GemologyRefusal as refusal:
        assert refusal.field == "components"


@pytest.mark.parametrize(
    ("typed_text", "readings"),
    [
        ("1.762 1.770", ["1.762", "1.770"]),
        ("1.762-1.770", ["1.762", "1.770"]),
        ("1.762 – 1.770", ["1.762", "1.770"]),
        ("1.762, 1.770", ["1.762", "1.770"]),
        ("1.762 to 1.770", ["1.762", "1.770"]),
        ("1,762 1,770", ["1,762", "1,770"]),
        ("  ", []),
    ],
)
def test_ri_readings_are_split_as_people_write_them(typed_text: str, readings: list[str]) -> None:
    assert tools.split_readings(typed_text) == readings


def test_a_refusal_about_an_empty_field_is_marked_missing() -> None:
    with pytest.raises(GemologyRefusal) as empty:
        tools.estimate_weight(shape="oval", length_mm="8", width_mm="", depth_mm="3")
    assert (empty.value.field, empty.value.missing) == ("width_mm", True)
    with pytest.raises(GemologyRefusal) as wrong:
        tools.estimate_weight(shape="oval", length_mm="8", width_mm="x", depth_mm="3")
    assert (wrong.value.field, wrong.value.missing) == ("width_mm", False)
