"""Jewellery periods: the dates the brief lists, and placing years and phrases among them."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.gemology.errors import PeriodError
from parure.gemology.periods import PERIODS, DateSpan, parse_dating, period, periods_for


@pytest.mark.parametrize(
    ("key", "start", "end", "earliest", "latest"),
    [
        ("georgian", 1714, 1837, 1714, 1837),
        ("early-victorian", 1837, 1860, 1837, 1861),
        ("mid-victorian", 1860, 1885, 1860, 1885),
        ("late-victorian", 1885, 1901, 1880, 1901),
        ("arts-and-crafts", 1880, 1914, 1880, 1920),
        ("art-nouveau", 1890, 1915, 1890, 1915),
        ("edwardian", 1901, 1915, 1895, 1920),
        ("art-deco", 1920, 1935, 1920, 1939),
        ("retro", 1939, 1950, 1935, 1950),
        ("mid-century", 1950, 1969, 1950, 1969),
        ("modern", 1970, 1999, 1970, 1999),
        ("contemporary", 2000, None, 2000, None),
    ],
)
def test_period_dates(key: str, start: int, end: int | None, earliest: int, latest: int | None) -> None:
    row = period(key)
    assert (row.start, row.end, row.earliest_start, row.latest_end) == (start, end, earliest, latest)
    assert row.style_cues and row.dating_note


def test_approximate_dates_print_circa() -> None:
    assert period("arts-and-crafts").dates == "c.1880–1914"
    assert period("art-deco").dates == "1920–1935"
    assert period("contemporary").dates == "2000–"


@pytest.mark.parametrize(
    ("typed", "span"),
    [
        ("1925", DateSpan(1925, 1925, False)),
        (1925, DateSpan(1925, 1925, False)),
        ("circa 1925", DateSpan(1925, 1925, True)),
        ("c. 1900", DateSpan(1900, 1900, True)),
        ("c1900", DateSpan(1900, 1900, True)),
        ("ca 1890-1900", DateSpan(1890, 1900, True)),
        ("1890–95", DateSpan(1890, 1895, False)),
        ("1920s", DateSpan(1920, 1929, False)),
        ("early 1920s", DateSpan(1920, 1923, False)),
        ("late 1930's", DateSpan(1936, 1939, False)),
        ("19th century", DateSpan(1800, 1899, False)),
        ("late 19th century", DateSpan(1867, 1899, False)),
    ],
)
def test_dating_phrases(typed: str | int, span: DateSpan) -> None:
    assert parse_dating(typed) == span


def _keys(typed: str) -> list[str]:
    return [match.period.key for match in periods_for(typed).matches]


def test_a_year_inside_one_period() -> None:
    dating = periods_for("1925")
    assert _keys("1925") == ["art-deco"]
    assert dating.matches[0].within_common_dates
    assert dating.matches[0].reason == "1925 lies within Art Deco (1920–1935)"


def test_circa_near_a_boundary_brings_back_both_periods() -> None:
    assert _keys("1903") == ["arts-and-crafts", "art-nouveau", "edwardian"]
    assert {"late-victorian", "edwardian"} <= set(_keys("circa 1901"))
    assert _keys("1949") == ["retro"]
    assert _keys("circa 1949") == ["retro", "mid-century"]
    circa_match = next(m for m in periods_for("circa 1949").matches if m.period.key == "mid-century")
    assert not circa_match.within_common_dates
    assert circa_match.reason == "c.1949 is within 5 years of Mid-century (1950–1969): circa allows it"


def test_where_sources_disagree_both_come_back_flagged() -> None:
    dating = periods_for("1937")
    assert [match.period.key for match in dating.matches] == ["art-deco", "retro"]
    assert not any(match.within_common_dates for match in dating.matches)
    assert (
        dating.matches[0].reason == "1937 lies where sources disagree: 1920–1935; some end it in 1939. "
        "The 1925 Paris Exposition gave it its name."
    )


def test_decades_and_ranges() -> None:
    assert "art-deco" in _keys("1920s")
    assert {"late-victorian", "art-nouveau", "arts-and-crafts"} <= set(_keys("ca 1890-1900"))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1600", "‘1600’ predates the earliest period in the table (Georgian, from 1714)."),
        ("1900-1890", "‘1900-1890’ ends (1890) before it begins (1900)."),
        (
            "when grandma was young",
            "‘when grandma was young’ is not a date this reader understands; write e.g. 1925, circa 1925, c. 1900, "
            "ca 1890-1900, 1920s, early 1920s or late 19th century.",
        ),
    ],
)
def test_refusals(typed: str, message: str) -> None:
    with pytest.raises(PeriodError) as refusal:
        periods_for(typed)
    assert str(refusal.value) == message


def test_future_years_are_refused() -> None:
    next_year = date.today().year + 1
    with pytest.raises(PeriodError) as refusal:
        periods_for(str(next_year))
    assert str(refusal.value) == f"‘{next_year}’ is in the future; the latest year is {date.today().year}."


def test_every_year_since_1714_has_a_period() -> None:
    for year in range(1714, date.today().year + 1):
        assert periods_for(year).matches, year


@settings(max_examples=150, deadline=None)
@given(year=st.integers(min_value=1720, max_value=2020))
def test_circa_only_ever_adds_periods(year: int) -> None:
    exact = set(periods_for(year).periods)
    widened = set(periods_for(f"circa {year}").periods)
    assert exact <= widened
    assert all(row in PERIODS for row in widened)
