"""British hallmarks: office marks with their years, standard marks over time, duty and commemorative marks.

Sources (``parure.gemology.hallmarks.sources``): Birmingham Assay Office's list of current and
historic offices (Chester closed 24 August 1962, Exeter 1883, Glasgow 31 March 1964, Newcastle
1884, Norwich 1702, York 1858); Cox & Son and the Archaeological Journal (town marks); Chaffers
and a history summary (leopard's head uncrowned 1822, 22 carat 1844, 9/12/15 carat 1854, duty
mark withdrawn 1890, 14 carat 1932, the orb with the 1973 Act in 1975); the UK assay offices'
2021 release (commemorative marks 1934–35, 1953–54, 1977, 1999–2000, 2002, 2012, 2022).
"""

import pytest

from parure.gemology.hallmarks import UK_MARKS, Country, MarkKind, Metal, YearSpan, decode_mark, read_hallmark
from parure.gemology.hallmarks import sources as src
from parure.gemology.hallmarks.stamps import marks_named


def test_every_uk_row_names_its_source() -> None:
    for row in UK_MARKS:
        assert row.source, row.key
        assert row.country in (Country.UK, Country.IRELAND)


@pytest.mark.parametrize(
    ("mark", "office", "period"),
    [
        ("leopard's head crowned", "London", YearSpan(1300, 1821)),
        ("leopard's head uncrowned", "London", YearSpan(1822)),
        ("anchor", "Birmingham", YearSpan(1773)),
        ("Sheffield crown", "Sheffield", YearSpan(1773, 1974)),
        ("rose", "Sheffield", YearSpan(1975)),
        ("three wheatsheaves and a sword", "Chester", YearSpan(1701, 1962)),
        ("tree, fish and bell", "Glasgow", YearSpan(1819, 1964)),
        ("Exeter castle", "Exeter", YearSpan(1701, 1883)),
        ("three castles", "Newcastle", YearSpan(1702, 1884)),
        ("five lions on a cross", "York", YearSpan(1701, 1858)),
    ],
)
def test_assay_office_marks_and_their_years(mark: str, office: str, period: YearSpan) -> None:
    (row,) = marks_named(mark)
    assert (row.kind, row.office, row.period) == (MarkKind.ASSAY_OFFICE, office, period)


def test_the_closed_offices_are_dated_from_the_birmingham_list() -> None:
    closed = {row.office: row.period.end for row in UK_MARKS if row.kind is MarkKind.ASSAY_OFFICE and row.period.end}
    assert closed == {
        "London": 1821,
        "Sheffield": 1974,
        "Glasgow": 1964,
        "Chester": 1962,
        "Exeter": 1883,
        "Newcastle": 1884,
        "York": 1858,
    }
    assert all(src.ASSAY_OFFICE_BIRMINGHAM in row.source for row in UK_MARKS if row.key in ("glasgow", "york"))


def test_a_leopards_head_alone_may_be_crowned_or_not() -> None:
    assert [row.key for row in marks_named("leopard's head")] == ["london-crowned", "london"]
    assert read_hallmark(["leopard's head"]).office == "London"


def test_a_castle_is_edinburgh_or_exeter() -> None:
    assert decode_mark("castle").assay_office == "Edinburgh"
    assert [row.key for row in marks_named("castle")] == ["edinburgh", "exeter"]
    assert read_hallmark(["castle"], year=1900).office == "Edinburgh"


def test_dublin_is_irish() -> None:
    (row,) = marks_named("crowned harp")
    assert (row.country, row.office, row.period) == (Country.IRELAND, "Dublin", YearSpan(1637))


@pytest.mark.parametrize(
    ("mark", "metal", "fineness", "period"),
    [
        ("lion passant guardant", Metal.SILVER, 925, YearSpan(1544, 1821)),
        ("Britannia", Metal.SILVER, 958, YearSpan(1697)),
        ("lion's head erased", Metal.SILVER, 958, YearSpan(1697)),
        ("thistle", Metal.SILVER, 925, YearSpan(1759, 1975)),
        ("lion rampant", Metal.SILVER, 925, YearSpan(1975)),
        ("crown 22", Metal.GOLD, 916, YearSpan(1844)),
        ("crown 18", Metal.GOLD, 750, YearSpan(1798)),
        ("15 .625", Metal.GOLD, 625, YearSpan(1854, 1932)),
        ("12 .5", Metal.GOLD, 500, YearSpan(1854, 1932)),
        ("9 .375", Metal.GOLD, 375, YearSpan(1854, 1975)),
        ("14 .585", Metal.GOLD, 585, YearSpan(1932, 1975)),
        ("orb", Metal.PLATINUM, 950, YearSpan(1975)),
        ("Pallas Athene", Metal.PALLADIUM, 950, YearSpan(2010)),
    ],
)
def test_standard_marks_over_time(mark: str, metal: Metal, fineness: int, period: YearSpan) -> None:
    reading = read_hallmark([mark])
    assert (reading.metal, reading.fineness, reading.period, reading.minimum_only) == (metal, fineness, period, False)


def test_the_duty_mark_dates_a_piece_to_1784_1890() -> None:
    reading = read_hallmark(["leopard's head crowned", "lion passant", "sovereign's head"])
    assert reading.summary == "silver 925 (UK, London, 1784–1821)"
    assert decode_mark("sovereign's head").kind is MarkKind.DUTY


def test_commemorative_marks_and_their_years() -> None:
    years = {row.key: str(row.period) for row in UK_MARKS if row.kind is MarkKind.COMMEMORATIVE}
    assert years == {
        "jubilee-1935": "1934–1935",
        "coronation-1953": "1953–1954",
        "jubilee-1977": "1977",
        "millennium": "1999–2000",
        "jubilee-2002": "2002",
        "jubilee-2012": "2011–2012",
        "jubilee-2022": "2021–2022",
        "coronation-2023": "2023",
        "birmingham-bicentenary": "1973",
    }
    assert decode_mark("jubilee").meaning == (
        "UK: George V and Queen Mary, commemorative mark (optional), 1934–1935; or silver jubilee 1977, "
        "commemorative mark (optional), 1977; or golden jubilee 2002, commemorative mark (optional), 2002; or "
        "diamond jubilee 2012, commemorative mark (optional), 2011–2012; or platinum jubilee 2022, commemorative "
        "mark (optional), 2021–2022"
    )


def test_a_commemorative_mark_dates_a_modern_hallmark() -> None:
    reading = read_hallmark(["sponsor AB", "925", "lion passant", "anchor", "millennium"])
    assert reading.summary == "silver 925 (UK, Birmingham, 1999–2000)"


def test_the_platinum_jubilee_orb_is_not_the_platinum_mark() -> None:
    assert [row.key for row in marks_named("orb")] == ["orb"]
    assert read_hallmark(["platinum jubilee", "925", "lion passant"]).metal is Metal.SILVER


def test_a_crown_beside_gold_is_the_standard_mark() -> None:
    reading = read_hallmark(["sponsor JB", "750", "crown", "anchor"])
    assert reading.summary == "gold 750 (UK, Birmingham, 1798–)"
    assert reading.notes[0] == "The crown on gold is the traditional gold standard mark, not an assay office."


def test_a_crown_beside_sterling_is_sheffield_before_1975() -> None:
    reading = read_hallmark(["crown", "lion passant", "925"])
    assert reading.summary == "silver 925 (UK, Sheffield, 1773–1974)"


def test_two_offices_are_a_problem() -> None:
    assert read_hallmark(["anchor", "rose"]).problems == ("Two assay office marks: Birmingham and Sheffield.",)


def test_a_metal_the_marks_disagree_on_is_a_problem() -> None:
    reading = read_hallmark(["orb", "lion passant"])
    assert reading.problems == ("The marks disagree on the metal: ‘orb’ platinum; ‘lion passant’ silver.",)
    assert reading.metal is None
