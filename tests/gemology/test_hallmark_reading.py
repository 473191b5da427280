"""Reading a set of marks and checking a catalogued metal and fineness against it.

The catalogue flags "a metal mark that does not match the stated fineness": a title mark must
state the fineness catalogued; a mark that guarantees only a minimum (small works, imports)
must not be above it; a plated mark is never solid metal.
"""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.gemology.errors import MetalError
from parure.gemology.hallmarks import ALL_MARKS, MarkKind, Metal, decode_mark, mark_matches_fineness, read_hallmark


@pytest.mark.parametrize(
    ("marks", "metal", "fineness", "flag"),
    [
        (["eagle's head"], "gold", "750", None),
        (["eagle's head"], "gold", "916", None),  # the eagle guarantees at least 750
        (["eagle's head"], "gold", "585",
         "The marks (eagle's head) guarantee at least 18 carat gold (750); the piece is catalogued at gold 585, below "
         "what its mark guarantees."),
        (["eagle's head"], "platinum", "950", "The marks (eagle's head) read as gold, not platinum."),
        (["tête d'aigle 2"], "gold", "750",
         "The marks (tête d'aigle 2) state gold 840; the piece is catalogued as gold 750, lower than its mark."),
        (["Minerva 1"], "silver", "925",
         "The marks (Minerva 1) state silver 950; the piece is catalogued as silver 925, lower than its mark."),
        (["sponsor AB", "925", "lion passant", "anchor"], "silver", "925", None),
        (["sponsor AB", "925", "lion passant", "anchor"], "silver", "958",
         "The marks (sponsor AB, 925, lion passant, anchor) state sterling silver (925); the piece is catalogued as "
         "silver 958, higher than its mark."),
        (["PT950"], "platinum", "950.0", None),
        (["950"], "palladium", "950", None),  # 950 alone is platinum or palladium
        (["950"], "gold", "950", "The marks (950) read as platinum or palladium, not gold."),
        (["1/20 12K GF"], "gold", "500",
         "The marks (1/20 12K GF) say gold-filled: a layer of gold bonded to base metal, not solid gold; the piece is "
         "catalogued as gold 500."),
        (["maker's lozenge AB"], "gold", "750", None),  # a maker's mark says nothing of the metal
        (["hibou"], "gold", "750", None),
        (["crabe"], "gold", "750", "The marks (crabe) read as silver, not gold."),
    ],
)  # fmt: skip
def test_a_stated_fineness_is_checked_against_the_marks(
    marks: list[str], metal: str, fineness: str, flag: str | None
) -> None:
    assert mark_matches_fineness(read_hallmark(marks), metal, fineness) == flag


def test_one_decoded_stamp_can_be_checked_too() -> None:
    assert mark_matches_fineness(decode_mark("tête de cheval"), "gold", "585") == (
        "The marks (tête de cheval) guarantee at least 18 carat gold (750); the piece is catalogued at gold 585, "
        "below what its mark guarantees."
    )


def test_a_stated_fineness_out_of_range_is_refused() -> None:
    with pytest.raises(MetalError) as refusal:
        mark_matches_fineness(read_hallmark(["750"]), "gold", "0")
    assert str(refusal.value) == "Fineness is in parts per thousand, above 0 and at most 1000; 0 was given."


def test_an_empty_set_of_marks_is_refused() -> None:
    with pytest.raises(MetalError) as refusal:
        read_hallmark([" ", ""])
    assert str(refusal.value) == "List the marks struck on the piece, e.g. ‘eagle's head’, ‘maker's lozenge AB’."


def test_an_unknown_mark_is_refused_by_name() -> None:
    with pytest.raises(MetalError) as refusal:
        read_hallmark(["eagle's head", "unicorn"])
    assert str(refusal.value).startswith("‘unicorn’ is not a mark this decoder knows.")


def test_makers_and_importers_marks() -> None:
    assert decode_mark("maker's lozenge AB").meaning == (
        "maker's mark AB in a lozenge: in France, the maker's mark (poinçon de maître)"
    )
    assert decode_mark("poinçon de maître JD").kind is MarkKind.SPONSOR
    assert decode_mark("importer's oval XY").meaning == (
        "importer's mark XY in an oval: in France, the responsibility mark of an importer"
    )


def test_the_swiss_mark_leaves_the_metal_to_the_fineness_mark() -> None:
    reading = read_hallmark(["St Bernard's head", "750"])
    assert reading.summary == "gold 750 (Switzerland, 1995–)"


NAMES = sorted({name for row in ALL_MARKS for name in row.names})


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(st.sampled_from(NAMES), min_size=1, max_size=4),
    year=st.none() | st.integers(min_value=1790, max_value=2030),
)
def test_any_set_of_known_marks_reads_without_error_and_consistently(names: list[str], year: int | None) -> None:
    reading = read_hallmark(names, year=year)
    if reading.period is not None:
        for mark in reading.marks:
            for row in mark.candidates:
                assert row.period.overlap(reading.period) is not None
    if reading.metal is not None:
        for mark in reading.marks:
            assert all(not row.metals or reading.metal in row.metals for row in mark.candidates)
    if reading.fineness is not None and reading.metal is not None:
        assert mark_matches_fineness(reading, reading.metal, reading.fineness) is None


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_is_read_or_refused_with_a_sentence(text: str) -> None:
    try:
        reading = decode_mark(text)
    except MetalError as refusal:
        assert str(refusal)
        return
    assert reading.meaning


def test_every_name_in_the_tables_decodes() -> None:
    for name in NAMES:
        reading = decode_mark(name)
        assert reading.meaning, name


@pytest.mark.parametrize("metal", list(Metal))
def test_a_checked_fineness_of_the_marks_own_title_never_flags(metal: Metal) -> None:
    for row in ALL_MARKS:
        if row.fineness is None or metal not in row.metals or row.number is not None:
            continue
        reading = read_hallmark([row.local_name or row.name])
        if reading.metal is metal and reading.fineness is not None:
            assert mark_matches_fineness(reading, metal, Decimal(reading.fineness)) is None
