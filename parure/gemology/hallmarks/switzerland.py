"""Switzerland's official hallmark: the St Bernard's head, one mark for every precious metal and standard.

Swiss law requires every precious metal article to bear its fineness in parts per thousand and a
registered responsibility mark; watch cases must also be officially hallmarked, other articles
may be. Earlier Swiss official marks (before 1 August 1995) are not held.
"""

from parure.gemology.hallmarks import sources as src
from parure.gemology.hallmarks.common import Country, MarkKind, Metal, TableMark, YearSpan

SWISS_MARKS: tuple[TableMark, ...] = (
    TableMark(
        key="saint-bernard",
        country=Country.SWITZERLAND,
        name="St Bernard's head",
        local_name="tête de saint-bernard",
        aliases=("saint bernard's head", "St Bernard", "head of a St Bernard dog", "Bernhardinerkopf"),
        kind=MarkKind.NATIONAL,
        role="official Swiss hallmark",
        metals=(Metal.GOLD, Metal.SILVER, Metal.PLATINUM, Metal.PALLADIUM),
        fineness=None,
        period=YearSpan(1995),
        office=None,
        source=f"{src.SWISS_LAW}; {src.SWISS_MARK}",
        note=(
            "Struck beside the fineness mark, which gives the standard; compulsory on watch cases, optional on "
            "other articles, used since 1 August 1995."
        ),
    ),
)
