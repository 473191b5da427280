"""The Hallmarking Convention (Vienna, 1972): the Common Control Mark, its surround per metal, and the members.

The Convention on the Control and Marking of Articles of Precious Metals was signed in Vienna on
15 November 1972 by the EFTA states of the day (Austria, Finland, Norway, Portugal, Sweden,
Switzerland, the United Kingdom) and came into force on 27 June 1975. An article it covers
carries four marks: the Common Control Mark (a balance with the fineness between its pans, in a
surround whose shape names the metal), a fineness mark, the sponsor's (responsibility) mark and
the assay office's mark; only an authorised assay office strikes the CCM. A Contracting State
need not admit articles below its own minimum standards, and one that accepts 800 silver need
not admit 830 (art. 1 §3).
"""

from dataclasses import dataclass

from parure.gemology.hallmarks import sources as src
from parure.gemology.hallmarks.common import Country, MarkKind, Metal, TableMark, YearSpan

SIGNED = "15 November 1972, Vienna"
IN_FORCE = "27 June 1975"
FOUNDING_SIGNATORIES = ("Austria", "Finland", "Norway", "Portugal", "Sweden", "Switzerland", "United Kingdom")

_CCM_NAMES = ("common control mark", "CCM", "balance scales", "scales", "convention mark", "Vienna convention mark")


def _ccm(metal: Metal, surround: str, period: YearSpan, source: str, note: str) -> TableMark:
    return TableMark(
        key=f"ccm-{metal.value}",
        country=Country.CONVENTION,
        name="common control mark",
        local_name=None,
        aliases=_CCM_NAMES,
        kind=MarkKind.CONVENTION,
        role=f"Common Control Mark for {metal.value}: balance and fineness in {surround}",
        metals=(metal,),
        fineness=None,
        period=period,
        office=None,
        source=source,
        note=note,
    )


CCM_MARKS: tuple[TableMark, ...] = (
    _ccm(
        Metal.GOLD,
        "a surround of two overlapping circles",
        YearSpan(1975),
        f"{src.CONVENTION_TEXT}; {src.CONTRASTARIA}; {src.HELPAOI}",
        "The surround's shape is the only sign of the metal; the number inside is the fineness.",
    ),
    _ccm(
        Metal.SILVER,
        "an angular surround echoing the balance",
        YearSpan(1975),
        f"{src.CONVENTION_TEXT}; {src.CONTRASTARIA}; {src.HELPAOI}",
        "The surround's shape is the only sign of the metal; the number inside is the fineness.",
    ),
    _ccm(
        Metal.PLATINUM,
        "a surround of its own",
        YearSpan(1975),
        f"{src.CONVENTION_TEXT}; {src.CONTRASTARIA}",
        "The platinum surround's exact shape is not described in the sources read.",
    ),
    _ccm(
        Metal.PALLADIUM,
        "a surround of its own",
        YearSpan(2010),
        f"{src.HMC_INTRODUCTION}; {src.PALLADIUM_2010}",
        "Palladium was added about 2010 and is not accepted as a precious metal in every Contracting State; the "
        "surround's shape is not described in the sources read.",
    ),
)


@dataclass(frozen=True)
class ConventionMember:
    """A Contracting State and the year the Convention came into force for it (None: not found)."""

    state: str
    year: int | None
    source: str
    note: str = ""


_B = src.CONVENTION_BROCHURE
CONVENTION_MEMBERS: tuple[ConventionMember, ...] = (
    ConventionMember("Austria", 1975, _B, "Founding signatory."),
    ConventionMember(
        "Croatia",
        2018,
        f"{src.HMC_BACKGROUND}; {src.HMC_MEMBERS_2018}",
        "The year is that of the 20th Contracting State (19 March 2018); Croatia was the applicant "
        "then joining, not otherwise dated in the sources read.",
    ),
    ConventionMember("Cyprus", 2007, _B),
    ConventionMember("Czech Republic", 1994, _B),
    ConventionMember("Denmark", 1988, _B, "Including Greenland since 2004."),
    ConventionMember("Finland", 1975, _B, "Founding signatory."),
    ConventionMember("Hungary", 2006, _B),
    ConventionMember("Ireland", 1983, f"{_B}; {src.IRISH_TREATY}", "In force for Ireland on 8 November 1983."),
    ConventionMember("Israel", 2005, _B),
    ConventionMember("Latvia", 2004, _B),
    ConventionMember("Lithuania", 2004, _B),
    ConventionMember("Netherlands", 1999, f"{_B}; {src.VERDRAGEN}", "In force for the Netherlands on 16 July 1999."),
    ConventionMember("Norway", 1983, _B, "Founding signatory, in force for Norway from 1983."),
    ConventionMember("Poland", 2005, _B),
    ConventionMember("Portugal", 1982, _B, "Founding signatory, in force for Portugal from 1982."),
    ConventionMember(
        "Serbia",
        None,
        src.CONTRASTARIA,
        "Listed among the Convention states by the Portuguese assay office; the Convention's own "
        "background page still has it acceding.",
    ),
    ConventionMember("Slovak Republic", 2007, _B),
    ConventionMember("Slovenia", 2009, _B),
    ConventionMember("Sweden", 1975, _B, "Founding signatory."),
    ConventionMember("Switzerland", 1975, _B, "Founding signatory; in force for Switzerland on 27 June 1975."),
    ConventionMember("United Kingdom", 1976, _B, "Founding signatory, in force for the United Kingdom from 1976."),
)


def convention_member(state: str) -> ConventionMember | None:
    """The member entry for ``state`` ("Ireland", "united kingdom"), or None when it is not a member."""
    wanted = " ".join(state.lower().split())
    return next((member for member in CONVENTION_MEMBERS if member.state.lower() == wanted), None)
