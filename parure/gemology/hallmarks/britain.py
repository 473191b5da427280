"""British (and Irish) hallmarks: assay office marks, standard marks over time, the duty and commemorative marks.

A British hallmark has been, since 1 January 1999, a sponsor's mark, a fineness mark in parts per
thousand and an assay office mark; the date letter and the traditional marks (lion passant,
Britannia, the gold crown, the orb, Pallas Athene) became optional. Before that the traditional
mark was the standard mark. Offices: London (leopard's head, crowned until 1821), Birmingham
(anchor, 1773), Sheffield (crown 1773, rose from 1975), Edinburgh (castle), and the closed
offices of Chester (1962), Glasgow (1964), Exeter (1883), Newcastle (1884) and York (1858);
Norwich closed in 1702 and its mark is not held. Dublin's marks are Irish, kept here as a note
because Dublin marks were recognised as British until 1923.
"""

from parure.gemology.hallmarks import sources as src
from parure.gemology.hallmarks.common import Country, MarkKind, Metal, TableMark, YearSpan

OFFICE_ROLE = "assay office mark"
STANDARD_ROLE = "standard mark"


def _office(
    key: str,
    names: tuple[str, ...],
    office: str,
    period: YearSpan,
    source: str,
    note: str,
    *,
    country: Country = Country.UK,
) -> TableMark:
    return TableMark(
        key=key,
        country=country,
        name=names[0],
        local_name=None,
        aliases=names[1:],
        kind=MarkKind.ASSAY_OFFICE,
        role=OFFICE_ROLE,
        metals=(),
        fineness=None,
        period=period,
        office=office,
        source=source,
        note=note,
    )


def _standard(
    key: str,
    names: tuple[str, ...],
    metal: Metal,
    fineness: int | None,
    period: YearSpan,
    source: str,
    note: str,
    *,
    office: str | None = None,
    country: Country = Country.UK,
) -> TableMark:
    return TableMark(
        key=key,
        country=country,
        name=names[0],
        local_name=None,
        aliases=names[1:],
        kind=MarkKind.TRADITIONAL,
        role=STANDARD_ROLE,
        metals=(metal,),
        fineness=fineness,
        period=period,
        office=office,
        source=source,
        note=note,
    )


def _other(
    key: str,
    names: tuple[str, ...],
    kind: MarkKind,
    role: str,
    period: YearSpan,
    source: str,
    note: str,
    *,
    end_known: bool = True,
) -> TableMark:
    return TableMark(
        key=key,
        country=Country.UK,
        name=names[0],
        local_name=None,
        aliases=names[1:],
        kind=kind,
        role=role,
        metals=(),
        fineness=None,
        period=period,
        office=None,
        source=source,
        note=note,
        end_known=end_known,
    )


_LEOPARD_NOTE = (
    "Chaffers and the history summary date the loss of the crown to 1822, others to 1821: London date letters "
    "ran from May to May, so a crowned head dates a piece to the 1821–22 letter or earlier."
)
_SHEFFIELD_NOTE = (
    "The crown was chosen by lot in 1773 (Sheffield marked its first piece on 20 September 1773); on gold the "
    "crown is the gold standard mark, not Sheffield's."
)
_COMMEMORATIVE = "commemorative mark (optional)"

# fmt: off
UK_MARKS: tuple[TableMark, ...] = (
    _office("london-crowned", ("leopard's head crowned", "crowned leopard's head", "leopard's head"), "London",
            YearSpan(1300, 1821), f"{src.CHAFFERS}; {src.UK_HISTORY}; {src.COX}", _LEOPARD_NOTE),
    _office("london", ("leopard's head uncrowned", "uncrowned leopard's head", "leopard's head"), "London",
            YearSpan(1822), f"{src.CHAFFERS}; {src.UK_HISTORY}", _LEOPARD_NOTE),
    _office("birmingham", ("anchor",), "Birmingham", YearSpan(1773), src.ASSAY_OFFICE_BIRMINGHAM,
            "Opened by Act of Parliament in 1773. In the 20th century the anchor lay on its side for gold (and "
            "platinum from 1975) and stood upright for silver; since 1999 it lies on its side for every metal."),
    _office("sheffield-crown", ("crown", "Sheffield crown"), "Sheffield", YearSpan(1773, 1974),
            f"{src.ARCHAEOLOGICAL_JOURNAL}; {src.CHAFFERS}", _SHEFFIELD_NOTE),
    _office("sheffield-rose", ("rose", "Yorkshire rose", "Sheffield rose"), "Sheffield", YearSpan(1975),
            "silvermakersmarks.co.uk, 'Sheffield': the crown replaced by a rose with the Hallmarking Act 1973",
            "From 1975 with the Hallmarking Act 1973; a German summary of the office's history gives 1977."),
    _office("edinburgh", ("castle", "three-towered castle", "Edinburgh castle"), "Edinburgh", YearSpan(1457),
            f"{src.COX}; {src.ARCHAEOLOGICAL_JOURNAL}",
            "Scottish marks regulated by statute since 1457; Exeter's castle looks much like it."),
    _office("glasgow", ("tree, fish and bell", "tree fish bell and bird", "Glasgow arms", "tree and fish"), "Glasgow",
            YearSpan(1819, 1964), src.ASSAY_OFFICE_BIRMINGHAM,
            "The arms of Glasgow; closed 31 March 1964. Its opening under the Act of 1819 is the usual date, not "
            "re-read here."),
    _office("chester", ("three wheatsheaves and a sword", "wheatsheaves", "three wheatsheaves", "Chester arms"),
            "Chester", YearSpan(1701, 1962), f"{src.COX}; {src.ASSAY_OFFICE_BIRMINGHAM}; {src.CHAFFERS}",
            "Reappointed with Exeter in 1700–1701; from 1701 the mark was the city's arms (three lions with three "
            "wheatsheaves), back to the wheatsheaves and sword in 1779; closed 24 August 1962."),
    _office("exeter", ("castle", "Exeter castle", "castle with three towers"), "Exeter", YearSpan(1701, 1883),
            f"{src.COX}; {src.ASSAY_OFFICE_BIRMINGHAM}",
            "A crowned X before 1701, then a three-towered castle like Edinburgh's; closed 1883."),
    _office("newcastle", ("three castles", "Newcastle arms"), "Newcastle", YearSpan(1702, 1884),
            f"{src.ARCHAEOLOGICAL_JOURNAL}; {src.ASSAY_OFFICE_BIRMINGHAM}; {src.CHAFFERS}",
            "The arms of Newcastle upon Tyne; reappointed in 1701–2, closed in 1884."),
    _office("york", ("five lions on a cross", "cross with five lions", "York arms"), "York", YearSpan(1701, 1858),
            f"{src.ARCHAEOLOGICAL_JOURNAL}; {src.ASSAY_OFFICE_BIRMINGHAM}",
            "The arms of the city of York, five lions passant on a cross; closed 1858."),
    _office("dublin", ("crowned harp", "harp crowned", "harp"), "Dublin", YearSpan(1637), f"{src.COX}; {src.SPOONS}",
            "Irish: the crowned harp is Dublin's standard mark, Hibernia was added in 1731. Dublin marks were "
            "recognised as British until 1923; Ireland is a separate jurisdiction.", country=Country.IRELAND),
    _standard("lion-passant-guardant", ("lion passant guardant", "lion passant", "lion", "walking lion"),
              Metal.SILVER, 925, YearSpan(1544, 1821), src.UK_HISTORY,
              "Sterling in England; guardant (head turned to face out) until 1821. The start in 1544 is the usual "
              "date, not re-read here.", office="English offices"),
    _standard("lion-passant", ("lion passant", "lion", "walking lion"), Metal.SILVER, 925, YearSpan(1822),
              src.UK_HISTORY, "Sterling in England; since 1822 no longer guardant, facing left.",
              office="English offices"),
    _standard("britannia", ("Britannia", "Britannia figure"), Metal.SILVER, 958, YearSpan(1697), src.SILVER_HALLMARKS,
              "The Britannia standard, compulsory 1697–1720 and optional since; since 1999 beside the 958 mark."),
    _standard("lions-head-erased", ("lion's head erased",), Metal.SILVER, 958, YearSpan(1697), src.SILVER_HALLMARKS,
              "Struck with Britannia in place of the leopard's head on Britannia silver; the pairing is the usual "
              "account, not re-read here."),
    _standard("thistle", ("thistle",), Metal.SILVER, 925, YearSpan(1759, 1975), src.COX,
              "Edinburgh's standard mark from 1759 until 1975, when the lion rampant replaced it.",
              office="Edinburgh"),
    _standard("lion-rampant", ("lion rampant",), Metal.SILVER, 925, YearSpan(1975), src.COX,
              "Edinburgh's standard mark since 1975.", office="Edinburgh"),
    _standard("gold-crown", ("crown", "gold crown"), Metal.GOLD, None, YearSpan(1798), src.UK_HISTORY,
              "The crown beside a carat figure (18, 22) or, since 1975, a millesimal number marks gold; the "
              "figure beside it gives the standard."),
    _standard("crown-22", ("crown 22", "crown and 22", "22 crown"), Metal.GOLD, 916, YearSpan(1844), src.UK_HISTORY,
              "22 carat gold, recognised in 1844; since 1975 the crown stands beside 916."),
    _standard("crown-18", ("crown 18", "crown and 18", "18 crown"), Metal.GOLD, 750, YearSpan(1798),
              src.PARKIN_GERRISH,
              "18 carat gold; 1798, when 18 carat became a legal standard, is the usual date, not re-read here."),
    _standard("gold-15-625", ("15 .625", "15.625", "15 625", "15ct .625"), Metal.GOLD, 625, YearSpan(1854, 1932),
              f"{src.UK_HISTORY}; {src.PARKIN_GERRISH}", "15 carat, legal from 1854 and abolished in 1932."),
    _standard("gold-12-5", ("12 .5", "12.5", "12 5", "12ct .5"), Metal.GOLD, 500, YearSpan(1854, 1932),
              f"{src.UK_HISTORY}; {src.PARKIN_GERRISH}", "12 carat, legal from 1854 and abolished in 1932."),
    _standard("gold-9-375", ("9 .375", "9.375", "9 375", "9ct .375"), Metal.GOLD, 375, YearSpan(1854, 1975),
              f"{src.UK_HISTORY}; {src.PARKIN_GERRISH}",
              "9 carat, legal from 1854; from 1975 struck as the millesimal 375 alone."),
    _standard("gold-14-585", ("14 .585", "14.585", "14 585", "14ct .585"), Metal.GOLD, 585, YearSpan(1932, 1975),
              f"{src.UK_HISTORY}; {src.PARKIN_GERRISH}",
              "14 carat, which replaced 15 and 12 carat in 1932; from 1975 the millesimal 585."),
    _standard("orb", ("orb", "orb and cross", "orb surmounted by a cross"), Metal.PLATINUM, 950, YearSpan(1975),
              src.UK_HISTORY, "Platinum, marked in Britain since the Hallmarking Act 1973 came into force in 1975."),
    _standard("pallas-athene", ("Pallas Athene", "Pallas Athena", "Athene"), Metal.PALLADIUM, 950, YearSpan(2010),
              src.PALLADIUM_2010, "Palladium: voluntary from July 2009, compulsory from 1 January 2010."),
    _other("duty-mark", ("sovereign's head", "duty mark", "king's head", "queen's head", "monarch's head"),
           MarkKind.DUTY, "duty mark", YearSpan(1784, 1890), f"{src.SPOONS}; {src.PARKIN_GERRISH}; {src.UK_HISTORY}",
           "The reigning sovereign's profile showed the duty on gold and silver paid; withdrawn with the duty in "
           "1890. The history summary has it facing left until 1786 and right after."),
    _other("foreign-f", ("F in an oval", "F in an oval escutcheon", "foreign mark"), MarkKind.ASSAY_OFFICE,
           "mark on imported gold and silver", YearSpan(1867), src.UK_HISTORY,
           "Introduced in 1867; the later foreign marks changed often and are not held.", end_known=False),
    _other("jubilee-1935", ("George V and Queen Mary", "silver jubilee 1935", "jubilee 1935", "jubilee"),
           MarkKind.COMMEMORATIVE, _COMMEMORATIVE, YearSpan(1934, 1935), src.COMMEMORATIVE_2021,
           "The first commemorative mark: the crowned heads of King George V and Queen Mary in an oval."),
    _other("coronation-1953", ("coronation 1953", "Elizabeth II coronation", "coronation"),
           MarkKind.COMMEMORATIVE, _COMMEMORATIVE, YearSpan(1953, 1954),
           f"{src.COMMEMORATIVE_2021}; {src.GRAND_AUCTIONS}", "Queen Elizabeth II crowned, facing right, in an oval."),
    _other("jubilee-1977", ("silver jubilee 1977", "jubilee 1977", "silver jubilee", "jubilee"),
           MarkKind.COMMEMORATIVE, _COMMEMORATIVE, YearSpan(1977, 1977),
           f"{src.COMMEMORATIVE_2021}; {src.GRAND_AUCTIONS}", "Queen Elizabeth II crowned, facing left."),
    _other("millennium", ("millennium mark", "millennium", "2000 cross"), MarkKind.COMMEMORATIVE, _COMMEMORATIVE,
           YearSpan(1999, 2000), f"{src.COMMEMORATIVE_2021}; {src.GRAND_AUCTIONS}",
           "2000 with a dot at the centre, in a Greek cross; struck from 1 January 1999 to 31 December 2000."),
    _other("jubilee-2002", ("golden jubilee 2002", "golden jubilee", "jubilee 2002", "jubilee"),
           MarkKind.COMMEMORATIVE, _COMMEMORATIVE, YearSpan(2002, 2002),
           f"{src.COMMEMORATIVE_2021}; {src.GRAND_AUCTIONS}", "The Queen in profile facing right, in an arched punch."),
    _other("jubilee-2012", ("diamond jubilee 2012", "diamond jubilee", "jubilee 2012", "jubilee"),
           MarkKind.COMMEMORATIVE, _COMMEMORATIVE, YearSpan(2011, 2012), f"{src.COMMEMORATIVE_2021}; {src.HERSEY}",
           "The young Queen in an oversized crown, in a diamond-shaped surround; from 1 July 2011 to 1 October "
           "2012 (trade samples from 2011, on sale from 2012)."),
    _other("jubilee-2022", ("platinum jubilee 2022", "platinum jubilee", "jubilee 2022", "jubilee"),
           MarkKind.COMMEMORATIVE, _COMMEMORATIVE, YearSpan(2021, 2022),
           f"{src.COMMEMORATIVE_2021}; {src.ANTIQUES_TRADE_GAZETTE}",
           "An orb holding the Queen's initials over 70 (Thomas Fattorini); from 1 November 2021 to the end of "
           "2022. Not the platinum orb: it is struck beside a full hallmark on any metal."),
    _other("coronation-2023", ("coronation 2023", "King Charles III coronation", "Charles III coronation",
                               "coronation"), MarkKind.COMMEMORATIVE, _COMMEMORATIVE, YearSpan(2023, 2023),
           src.CORONATION_2023,
           "The King's head against an oval background, from a medal by Ian Rank-Broadley; the months it could be "
           "struck are not recorded here."),
    _other("birmingham-bicentenary", ("anchor between two Cs", "CC anchor", "Birmingham bicentenary"),
           MarkKind.COMMEMORATIVE, _COMMEMORATIVE, YearSpan(1973, 1973), src.GRAND_AUCTIONS,
           "Birmingham's anchor flanked by two Roman Cs for its 200th year."),
)
# fmt: on
