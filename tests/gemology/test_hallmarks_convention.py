"""The Hallmarking Convention: the Common Control Mark per metal and the Contracting States with their years.

Sources: the Convention's text (Vienna, 15 November 1972, in force 27 June 1975); the Convention's
2014 brochure (members and years); the Irish Treaty Series (Ireland in force 8 November 1983);
verdragen.nl (the Netherlands, 16 July 1999); the Convention's 2018 membership page (20 states).
"""

from parure.gemology.hallmarks import (
    CCM_MARKS,
    CONVENTION_MEMBERS,
    MarkKind,
    Metal,
    YearSpan,
    convention_member,
    decode_mark,
    read_hallmark,
)
from parure.gemology.hallmarks import sources as src
from parure.gemology.hallmarks.convention import FOUNDING_SIGNATORIES, IN_FORCE, SIGNED


def test_the_convention_was_signed_in_1972_and_in_force_from_1975() -> None:
    assert (SIGNED, IN_FORCE) == ("15 November 1972, Vienna", "27 June 1975")
    assert FOUNDING_SIGNATORIES == (
        "Austria", "Finland", "Norway", "Portugal", "Sweden", "Switzerland", "United Kingdom",
    )  # fmt: skip


def test_members_and_the_year_the_convention_came_into_force_for_each() -> None:
    assert {member.state: member.year for member in CONVENTION_MEMBERS} == {
        "Austria": 1975,
        "Croatia": 2018,
        "Cyprus": 2007,
        "Czech Republic": 1994,
        "Denmark": 1988,
        "Finland": 1975,
        "Hungary": 2006,
        "Ireland": 1983,
        "Israel": 2005,
        "Latvia": 2004,
        "Lithuania": 2004,
        "Netherlands": 1999,
        "Norway": 1983,
        "Poland": 2005,
        "Portugal": 1982,
        "Serbia": None,
        "Slovak Republic": 2007,
        "Slovenia": 2009,
        "Sweden": 1975,
        "Switzerland": 1975,
        "United Kingdom": 1976,
    }
    assert all(member.source for member in CONVENTION_MEMBERS)


def test_a_member_is_found_by_name_with_its_source() -> None:
    ireland = convention_member("ireland")
    assert ireland is not None
    assert ireland.note == "In force for Ireland on 8 November 1983."
    assert src.IRISH_TREATY in ireland.source
    assert convention_member("France") is None


def test_each_metal_has_its_own_surround() -> None:
    assert [(row.metals, row.role) for row in CCM_MARKS] == [
        ((Metal.GOLD,), "Common Control Mark for gold: balance and fineness in a surround of two overlapping circles"),
        (
            (Metal.SILVER,),
            "Common Control Mark for silver: balance and fineness in an angular surround echoing the balance",
        ),
        ((Metal.PLATINUM,), "Common Control Mark for platinum: balance and fineness in a surround of its own"),
        ((Metal.PALLADIUM,), "Common Control Mark for palladium: balance and fineness in a surround of its own"),
    ]


def test_the_fineness_inside_a_ccm_names_the_metals_it_can_be() -> None:
    gold = decode_mark("CCM 750")
    assert (gold.kind, gold.metals, gold.fineness) == (MarkKind.CONVENTION, (Metal.GOLD,), 750)
    white = decode_mark("common control mark 950")
    assert white.metals == (Metal.PLATINUM, Metal.PALLADIUM)


def test_the_legacy_ccm_reading_is_unchanged() -> None:
    assert decode_mark("CCM").meaning == "Vienna Convention common control mark (balance scales)"


def test_a_convention_hallmark_reads_whole() -> None:
    reading = read_hallmark(["sponsor AB", "750", "CCM 750", "anchor"])
    assert reading.summary == "gold 750 (UK, Birmingham, 1975–)"
    assert reading.period == YearSpan(1975)
