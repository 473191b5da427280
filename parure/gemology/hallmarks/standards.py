"""Legal standards per jurisdiction, and the standard a piece short of a standard may be marked at.

Every jurisdiction marks a piece at the highest of its legal standards that the assay reaches;
a piece short of a standard, by however little, takes the next one down. Where the law allows
a tolerance below the mark (the United States for karat gold; Italy for platinum and palladium)
the assay may fall short of the mark by that much; the United Kingdom, the Convention, France,
Switzerland, the Netherlands and Italy for gold and silver allow none. Sweden lets the fineness
mark state the content itself above a minimum. Below the lowest standard a piece cannot be
marked as that metal at all. ``STANDARDS`` (the marks struck anywhere, with no jurisdiction)
and ``UK_STANDARDS`` are two rows of the same table.
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from parure.gemology.errors import MetalError
from parure.gemology.hallmarks import sources as src
from parure.gemology.hallmarks.common import Metal, Standard, fold, metal
from parure.gemology.quantities import DecimalInput, to_decimal


class Jurisdiction(StrEnum):
    """Whose law a standard is read under."""

    UK = "United Kingdom"
    CONVENTION = "Hallmarking Convention"
    FRANCE = "France"
    SWITZERLAND = "Switzerland"
    ITALY = "Italy"
    NETHERLANDS = "Netherlands"
    SWEDEN = "Sweden"
    FINLAND = "Finland"
    US = "United States"
    STRUCK = "any jurisdiction"


@dataclass(frozen=True)
class MetalRule:
    """One jurisdiction's standards for one metal and how far below a mark an assay may fall.

    ``standards`` are exact (the United States' 14 karat is 14/24, 583⅓); ``labels`` say how each is
    marked. ``minimum`` is the lowest fineness the metal may be sold at when it is lower than the
    lowest standard held (Finland's platinum), or the floor of a free fineness mark (Sweden).
    ``tolerance_known`` False says the law's tolerance could not be read, so none is applied;
    ``below_lowest`` replaces the jurisdiction's sentence for what follows below the lowest standard.
    """

    metal: Metal
    standards: tuple[Fraction, ...]
    labels: tuple[str, ...]
    tolerance: Decimal = Decimal(0)
    soldered_tolerance: Decimal | None = None
    minimum: Decimal | None = None
    free_fineness: bool = False
    notes: tuple[str, ...] = ()
    tolerance_known: bool = True
    below_lowest: str | None = None

    def allowed_shortfall(self, *, soldered: bool) -> Decimal:
        """Parts per thousand an assay may fall below its mark."""
        if soldered and self.soldered_tolerance is not None:
            return self.soldered_tolerance
        return self.tolerance


@dataclass(frozen=True)
class JurisdictionRule:
    """A jurisdiction's standards for each metal it recognises, with the source of each."""

    jurisdiction: Jurisdiction
    metals: dict[Metal, MetalRule]
    source: str
    below_lowest: str
    notes: tuple[str, ...] = ()
    not_precious: dict[Metal, str] = field(default_factory=dict)


def _fixed(
    metal_: Metal,
    *finenesses: int,
    tolerance: Decimal = Decimal(0),
    soldered_tolerance: Decimal | None = None,
    minimum: Decimal | None = None,
    notes: tuple[str, ...] = (),
) -> MetalRule:
    return MetalRule(
        metal_,
        tuple(Fraction(fineness) for fineness in finenesses),
        tuple(str(fineness) for fineness in finenesses),
        tolerance=tolerance,
        soldered_tolerance=soldered_tolerance,
        minimum=minimum,
        notes=notes,
    )


_US_KARATS = tuple(range(10, 25))
_NO_TOLERANCE = "No negative tolerance: every part of the piece must reach the mark."

RULES: dict[Jurisdiction, JurisdictionRule] = {
    Jurisdiction.UK: JurisdictionRule(
        Jurisdiction.UK,
        {
            Metal.GOLD: _fixed(Metal.GOLD, 375, 585, 750, 916, 990, 999),
            Metal.SILVER: _fixed(Metal.SILVER, 800, 925, 958, 999),
            Metal.PLATINUM: _fixed(Metal.PLATINUM, 850, 900, 950, 999),
            Metal.PALLADIUM: _fixed(Metal.PALLADIUM, 500, 950, 999),
        },
        f"{src.HMC_UK}; {src.HALLMARKING_ACT}",
        "it cannot be hallmarked, nor sold described as {metal}",
        (_NO_TOLERANCE,),
    ),
    Jurisdiction.CONVENTION: JurisdictionRule(
        Jurisdiction.CONVENTION,
        {
            Metal.GOLD: _fixed(Metal.GOLD, 375, 585, 750, 916, 999),
            Metal.SILVER: _fixed(Metal.SILVER, 800, 830, 925, 999),
            Metal.PLATINUM: _fixed(Metal.PLATINUM, 850, 900, 950, 999),
            Metal.PALLADIUM: _fixed(Metal.PALLADIUM, 500, 950, 999),
        },
        f"{src.CONVENTION_TEXT}; {src.HMC_SURVEY_2012}; {src.HMC_INTRODUCTION}",
        "it cannot carry the Common Control Mark for {metal}",
        (
            _NO_TOLERANCE,
            "The CCM finenesses are held as commonly listed from the Convention's Annex II; the sources read confirm "
            "Pt 950, Au 750 and 585, Ag 925 and 800 as legal in every member, 830 silver (art. 1 §3) and palladium.",
            "A member need not admit a CCM article below its own minimum, nor 830 silver if it accepts 800.",
        ),
    ),
    Jurisdiction.FRANCE: JurisdictionRule(
        Jurisdiction.FRANCE,
        {
            Metal.GOLD: _fixed(Metal.GOLD, 375, 585, 750, 916, 999),
            Metal.SILVER: _fixed(Metal.SILVER, 800, 925, 999),
            Metal.PLATINUM: _fixed(Metal.PLATINUM, 850, 900, 950, 999),
        },
        f"{src.CGI_522}; {src.CGI_1979}",
        "it cannot be sold as {metal}: a piece below the lowest title is assayed again on request and then broken",
        (_NO_TOLERANCE, "585 and 375 gold have been French titles since the law of 4 January 1994."),
        {Metal.PALLADIUM: "CGI art. 522 gives titles for gold, silver and platinum only"},
    ),
    Jurisdiction.SWITZERLAND: JurisdictionRule(
        Jurisdiction.SWITZERLAND,
        {
            Metal.GOLD: _fixed(Metal.GOLD, 375, 585, 750, 999),
            Metal.SILVER: _fixed(Metal.SILVER, 800, 925, 999),
            Metal.PLATINUM: _fixed(Metal.PLATINUM, 850, 900, 950, 999),
            Metal.PALLADIUM: _fixed(Metal.PALLADIUM, 500, 950, 999),
        },
        src.SWISS_LAW,
        "it cannot be sold as an article of {metal}",
        (
            _NO_TOLERANCE,
            "The list of Swiss legal finenesses is held as commonly given; the ordinance's article listing them "
            "could not be re-read here.",
            "Platinum and palladium marks must also name the metal (Pt, Pd).",
        ),
    ),
    Jurisdiction.ITALY: JurisdictionRule(
        Jurisdiction.ITALY,
        {
            Metal.GOLD: _fixed(
                Metal.GOLD,
                375,
                585,
                750,
                notes=("Lost-wax gold cast by centrifugal injection may be marked 753 with 3 parts of tolerance.",),
            ),
            Metal.SILVER: _fixed(Metal.SILVER, 800, 925),
            Metal.PLATINUM: _fixed(
                Metal.PLATINUM,
                850,
                900,
                950,
                tolerance=Decimal(5),
                soldered_tolerance=Decimal(10),
                notes=("Solid or sheet platinum may fall 5 parts short of its titre, simply soldered work 10.",),
            ),
            Metal.PALLADIUM: _fixed(
                Metal.PALLADIUM,
                500,
                950,
                tolerance=Decimal(5),
                soldered_tolerance=Decimal(10),
                notes=("Solid or sheet palladium may fall 5 parts short of its titre, simply soldered work 10.",),
            ),
        },
        src.ITALY,
        "it cannot be marked as {metal}",
        ("Any titre above the highest legal one may also be stated.", "No negative tolerance for gold and silver."),
    ),
    Jurisdiction.NETHERLANDS: JurisdictionRule(
        Jurisdiction.NETHERLANDS,
        {
            Metal.GOLD: _fixed(Metal.GOLD, 585, 750, 833, 916),
            Metal.SILVER: _fixed(Metal.SILVER, 800, 835, 925),
            Metal.PLATINUM: _fixed(Metal.PLATINUM, 950),
        },
        src.WAARBORG_1986,
        "it cannot be hallmarked as {metal}",
        (
            _NO_TOLERANCE,
            "These are the standards of the Waarborgwet 1986; the Assay Act and Order of 2019 added platinum "
            "finenesses (850 among them), which are not held here.",
        ),
        {
            Metal.PALLADIUM: "the 1986 Act gives standards for platinum, gold and silver only (palladium may carry a "
            "voluntary mark)"
        },
    ),
    Jurisdiction.SWEDEN: JurisdictionRule(
        Jurisdiction.SWEDEN,
        {
            Metal.GOLD: MetalRule(Metal.GOLD, (), (), minimum=Decimal(375), free_fineness=True),
            Metal.SILVER: MetalRule(Metal.SILVER, (), (), minimum=Decimal(800), free_fineness=True),
            Metal.PLATINUM: MetalRule(Metal.PLATINUM, (), (), minimum=Decimal(850), free_fineness=True),
            Metal.PALLADIUM: MetalRule(Metal.PALLADIUM, (), (), minimum=Decimal(500), free_fineness=True),
        },
        src.SWEDAC,
        "it cannot be put on the market as {metal}",
        (
            "The fineness mark states the content in parts per thousand and may not exceed it; marking is "
            "compulsory for gold and platinum of 1 g or more, voluntary for silver.",
            "Historic Nordic silver was commonly 830 (hence the Convention's art. 1 §3); older standards are not held.",
        ),
    ),
    Jurisdiction.FINLAND: JurisdictionRule(
        Jurisdiction.FINLAND,
        {
            Metal.GOLD: _fixed(Metal.GOLD, 375, 585, 750, 916, 999, minimum=Decimal(375)),
            Metal.SILVER: _fixed(Metal.SILVER, 800, 830, 925, 999, minimum=Decimal(800)),
            Metal.PLATINUM: _fixed(Metal.PLATINUM, 850, 900, 950, 999, minimum=Decimal(500)),
            Metal.PALLADIUM: _fixed(Metal.PALLADIUM, 500, 950, 999, minimum=Decimal(500)),
        },
        f"{src.TUKES}; {src.CONVENTION_BROCHURE}",
        "it cannot be sold as {metal}",
        (
            "Tukes gives the minimums and the rule (a mark may not exceed the content); the fineness marks are "
            "held as the Convention's, which Finland applies as a member.",
        ),
    ),
    Jurisdiction.US: JurisdictionRule(
        Jurisdiction.US,
        {
            Metal.GOLD: MetalRule(
                Metal.GOLD,
                tuple(Fraction(karat * 1000, 24) for karat in _US_KARATS),
                tuple(f"{karat}K" for karat in _US_KARATS),
                tolerance=Decimal(3),
                soldered_tolerance=Decimal(7),
                notes=(
                    "Watchcases and flatware are allowed 3 parts with their solder too.",
                    "Before 1 October 1981 the Stamping Act allowed half a carat without solder and one carat with it.",
                ),
                below_lowest="the Guides allow no karat gold mark below 10 karat",
            ),
            Metal.SILVER: MetalRule(
                Metal.SILVER,
                (Fraction(900), Fraction(925)),
                ("coin (900)", "sterling (925)"),
                notes=(
                    "The Stamping Act's tolerance for silver (§296) could not be re-read here, so none is applied.",
                ),
                tolerance_known=False,
                below_lowest="it may not be marked or sold as sterling or coin silver",
            ),
            Metal.PLATINUM: MetalRule(
                Metal.PLATINUM,
                (Fraction(850), Fraction(900), Fraction(950)),
                ("850 Plat.", "900 Plat.", "platinum (950)"),
                notes=(
                    "The platinum section of the Guides (§23.7) is held as commonly given, not re-read: 950 for "
                    "'platinum' alone, 850 and 900 with the parts per thousand stated; below 850 only with the other "
                    "platinum-group metals named.",
                ),
                tolerance_known=False,
                below_lowest="it may not be marked platinum, only with each platinum-group metal's content stated",
            ),
            Metal.PALLADIUM: MetalRule(
                Metal.PALLADIUM,
                (Fraction(500), Fraction(950)),
                ("500 Pd.", "palladium (950)"),
                notes=("The palladium section of the Guides (§23.7) is held as commonly given, not re-read.",),
                tolerance_known=False,
                below_lowest="it may not be marked palladium",
            ),
        },
        f"{src.US_STAMPING_ACT}; {src.FTC_GUIDES}",
        "no quality mark for {metal} may be used",
    ),
    Jurisdiction.STRUCK: JurisdictionRule(
        Jurisdiction.STRUCK,
        {
            Metal.GOLD: _fixed(Metal.GOLD, 375, 417, 585, 750, 916, 990, 999),
            Metal.SILVER: _fixed(Metal.SILVER, 800, 830, 900, 925, 958, 999),
            Metal.PLATINUM: _fixed(Metal.PLATINUM, 850, 900, 950, 999),
            Metal.PALLADIUM: _fixed(Metal.PALLADIUM, 500, 950, 999),
        },
        src.STRUCK_MARKS,
        "it cannot be sold as {metal}",
    ),
}


def _integer_standards(jurisdiction_: Jurisdiction) -> dict[Metal, tuple[int, ...]]:
    return {
        kind: tuple(int(standard) for standard in rule.standards) for kind, rule in RULES[jurisdiction_].metals.items()
    }


# The marks struck anywhere (no one jurisdiction), and the standards a UK assay office may hallmark.
STANDARDS: dict[Metal, tuple[int, ...]] = _integer_standards(Jurisdiction.STRUCK)
UK_STANDARDS: dict[Metal, tuple[int, ...]] = _integer_standards(Jurisdiction.UK)

_JURISDICTION_NAMES: dict[str, Jurisdiction] = {
    **{fold(item.value): item for item in Jurisdiction},
    "uk": Jurisdiction.UK,
    "gb": Jurisdiction.UK,
    "great britain": Jurisdiction.UK,
    "britain": Jurisdiction.UK,
    "england": Jurisdiction.UK,
    "scotland": Jurisdiction.UK,
    "convention": Jurisdiction.CONVENTION,
    "ccm": Jurisdiction.CONVENTION,
    "vienna convention": Jurisdiction.CONVENTION,
    "common control mark": Jurisdiction.CONVENTION,
    "fr": Jurisdiction.FRANCE,
    "ch": Jurisdiction.SWITZERLAND,
    "swiss": Jurisdiction.SWITZERLAND,
    "suisse": Jurisdiction.SWITZERLAND,
    "it": Jurisdiction.ITALY,
    "italia": Jurisdiction.ITALY,
    "nl": Jurisdiction.NETHERLANDS,
    "holland": Jurisdiction.NETHERLANDS,
    "the netherlands": Jurisdiction.NETHERLANDS,
    "se": Jurisdiction.SWEDEN,
    "fi": Jurisdiction.FINLAND,
    "us": Jurisdiction.US,
    "usa": Jurisdiction.US,
    "united states of america": Jurisdiction.US,
    "america": Jurisdiction.US,
    "any": Jurisdiction.STRUCK,
    "struck": Jurisdiction.STRUCK,
}


def jurisdiction(text: Jurisdiction | str) -> Jurisdiction:
    """Read a jurisdiction's name ("UK", "France", "Convention", "US")."""
    if isinstance(text, Jurisdiction):
        return text
    found = _JURISDICTION_NAMES.get(fold(text))
    if found is not None:
        return found
    if fold(text) in ("nordic", "nordic countries", "scandinavia"):
        raise MetalError("Name one Nordic country: Sweden or Finland (the others' standards are not held).")
    raise MetalError(
        f"‘{text.strip()}’ is not a jurisdiction this library holds; it holds "
        f"{', '.join(item.value for item in Jurisdiction if item is not Jurisdiction.STRUCK)}."
    )


def legal_standards(jurisdiction_: Jurisdiction | str, metal_name: Metal | str) -> tuple[Fraction, ...]:
    """A jurisdiction's standards for a metal, lowest first (empty where the mark states the content itself)."""
    rule = _metal_rule(jurisdiction(jurisdiction_), metal(metal_name))
    return rule.standards if rule is not None else ()


def _metal_rule(place: Jurisdiction, kind: Metal) -> MetalRule | None:
    return RULES[place].metals.get(kind)


@dataclass(frozen=True)
class LegalMarking:
    """The standard a piece may be marked at under one jurisdiction, or why it may not be marked at all."""

    jurisdiction: Jurisdiction
    metal: Metal
    assayed: Decimal
    soldered: bool
    exact: Fraction | None
    label: str | None
    tolerance: Decimal
    sentence: str
    source: str
    notes: tuple[str, ...]

    @property
    def can_be_marked(self) -> bool:
        """True when some standard of the metal fits the assay."""
        return self.exact is not None

    @property
    def standard(self) -> Decimal | None:
        """The standard as a number of parts per thousand (one decimal for the US karats: 583.3)."""
        if self.exact is None:
            return None
        if self.exact.denominator == 1:
            return Decimal(self.exact.numerator)
        value = Decimal(self.exact.numerator) / Decimal(self.exact.denominator)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _assay(value: DecimalInput) -> Decimal:
    assay = to_decimal(value, field="Assayed fineness", error=MetalError)
    if not 0 < assay <= 1000:
        raise MetalError(f"Fineness is in parts per thousand, above 0 and at most 1000; {assay} was given.")
    return assay


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def legal_standard_for_assay(
    *,
    jurisdiction: Jurisdiction | str,
    metal: Metal | str,
    assayed_fineness: DecimalInput,
    soldered: bool = False,
) -> LegalMarking:
    """The highest standard of ``jurisdiction`` a piece of ``metal`` assayed at ``assayed_fineness`` may be marked at.

    ``soldered`` says the assay is of the whole article with its solder (it matters where the law
    allows more shortfall with solder: the US for gold, Italy for platinum and palladium). The
    result is never above the assay by more than the law's tolerance, and is always one of the
    jurisdiction's standards; when none fits, ``can_be_marked`` is False and the sentence says
    what follows.
    """
    place = _jurisdiction_of(jurisdiction)
    kind = _metal_of(metal)
    assay = _assay(assayed_fineness)
    law = RULES[place]
    rule = law.metals.get(kind)
    where = _where(place)
    if rule is None:
        reason = law.not_precious.get(kind, f"it holds no {kind.value} standard")
        return LegalMarking(
            place,
            kind,
            assay,
            soldered,
            None,
            None,
            Decimal(0),
            f"{where} has no legal {kind.value} standard: {reason}.",
            law.source,
            law.notes,
        )
    shortfall = rule.allowed_shortfall(soldered=soldered)
    notes = (*law.notes, *rule.notes)
    reach = Fraction(assay + shortfall)
    if rule.free_fineness:
        return _free_marking(place, kind, assay, soldered, rule, law, notes)
    fitting = [index for index, standard in enumerate(rule.standards) if standard <= reach]
    if not fitting:
        return _below_lowest(place, kind, assay, soldered, rule, law, notes, shortfall)
    index = fitting[-1]
    exact, label = rule.standards[index], rule.labels[index]
    sentence = f"{where}: {kind.value} assayed at {_plain(assay)} may be marked {label}"
    if exact == Fraction(assay):
        sentence += ", which it meets exactly."
    elif exact > Fraction(assay):
        solder = " with its solder" if soldered and rule.soldered_tolerance is not None else ""
        sentence += f", within the {_plain(shortfall)} parts per thousand the law allows below the mark{solder}."
    elif index + 1 < len(rule.standards):
        higher = rule.labels[index + 1]
        if shortfall:
            sentence += f": it falls short of {higher} even with the {_plain(shortfall)} parts of tolerance."
        elif not rule.tolerance_known:
            sentence += f": it falls short of {higher} (no tolerance is applied; the law's could not be read)."
        else:
            sentence += f": it falls short of {higher}, and no negative tolerance is allowed."
    else:
        sentence += f", the highest {kind.value} standard."
    return LegalMarking(place, kind, assay, soldered, exact, label, shortfall, sentence, law.source, notes)


def _free_marking(
    place: Jurisdiction,
    kind: Metal,
    assay: Decimal,
    soldered: bool,
    rule: MetalRule,
    law: JurisdictionRule,
    notes: tuple[str, ...],
) -> LegalMarking:
    assert rule.minimum is not None
    whole = assay.to_integral_value(rounding=ROUND_FLOOR)
    if whole < rule.minimum:
        sentence = (
            f"{place.value}: {kind.value} assayed at {_plain(assay)} is below the minimum ({rule.minimum}); "
            f"{law.below_lowest.format(metal=kind.value)}."
        )
        return LegalMarking(place, kind, assay, soldered, None, None, Decimal(0), sentence, law.source, notes)
    sentence = (
        f"{place.value}: {kind.value} assayed at {_plain(assay)} may be marked {whole}, the content in whole parts "
        f"per thousand (the minimum is {rule.minimum})."
    )
    return LegalMarking(
        place, kind, assay, soldered, Fraction(int(whole)), str(whole), Decimal(0), sentence, law.source, notes
    )


def _below_lowest(
    place: Jurisdiction,
    kind: Metal,
    assay: Decimal,
    soldered: bool,
    rule: MetalRule,
    law: JurisdictionRule,
    notes: tuple[str, ...],
    shortfall: Decimal,
) -> LegalMarking:
    where = _where(place)
    lowest = rule.labels[0]
    tolerance = f" even with the {_plain(shortfall)} parts of tolerance" if shortfall else ""
    if rule.minimum is not None and assay >= rule.minimum:
        sentence = (
            f"{where}: {kind.value} assayed at {_plain(assay)} is below the lowest {kind.value} mark held here "
            f"({lowest}) but not below the legal minimum ({rule.minimum}); it may be sold as {kind.value} with a "
            "mark this table does not hold."
        )
    else:
        sentence = (
            f"{where}: {kind.value} assayed at {_plain(assay)} is below the lowest {kind.value} standard "
            f"({lowest}){tolerance}; {(rule.below_lowest or law.below_lowest).format(metal=kind.value)}."
        )
    return LegalMarking(place, kind, assay, soldered, None, None, shortfall, sentence, law.source, notes)


def _where(place: Jurisdiction) -> str:
    return "Any jurisdiction" if place is Jurisdiction.STRUCK else place.value


def _jurisdiction_of(value: Jurisdiction | str) -> Jurisdiction:
    return jurisdiction(value)


def _metal_of(value: Metal | str) -> Metal:
    return metal(value)


def standard_for_assay(metal_name: Metal | str, assayed_fineness: DecimalInput) -> Standard:
    """The highest standard struck anywhere that a piece assayed at ``assayed_fineness`` may be marked with.

    A piece that falls short of a standard, by however little, carries the next lower one:
    18 carat gold assayed at 749 is marked 585. This is the table's "any jurisdiction" row;
    ``legal_standard_for_assay`` answers for one jurisdiction.
    """
    kind = metal(metal_name)
    assay = _assay(assayed_fineness)
    marking = legal_standard_for_assay(jurisdiction=Jurisdiction.STRUCK, metal=kind, assayed_fineness=assay)
    if marking.exact is None:
        raise MetalError(
            f"{kind.value.capitalize()} assayed at {assay} is below the lowest standard ({STANDARDS[kind][0]}); "
            f"it cannot be sold as {kind.value}."
        )
    return Standard(kind, int(marking.exact))
