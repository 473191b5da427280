"""Precious metals: standards of fineness, karats, hallmarks and fine-metal content.

Fineness is parts per thousand. The standards are the marks actually struck:

* gold 375 (9k), 417 (10k), 585 (14k), 750 (18k), 916 (22k), 999 (24k) — the mark sits a
  little above the exact fraction (14/24 = 583.3, struck 585) so the piece is never short —
  and 990, a UK standard with no karat name;
* platinum 850, 900, 950 and 999; palladium 500, 950 and 999 (999 as hallmarked in the UK);
* silver 800, 830, 900, 925 (sterling), 958 (Britannia), 999.

A piece assayed below a standard carries the next lower standard's mark (UK Hallmarking Act
1973: no negative tolerance; likewise the Vienna Convention's Common Control Mark). The
standards of each jurisdiction, and its tolerance where it has one, are in
``parure.gemology.hallmarks.standards`` (``legal_standard_for_assay``); ``STANDARDS`` and
``UK_STANDARDS`` are two of its rows.

Hallmark reading lives in ``parure.gemology.hallmarks``: one stamp (``decode_mark``), a UK
hallmark's compulsory marks (``check_uk_hallmark``), and a set of marks against the French,
British, Convention and Swiss tables (``read_hallmark``). Their names are re-exported here.
"""

from dataclasses import dataclass
from decimal import Decimal

from parure.gemology.errors import MetalError
from parure.gemology.hallmarks.common import (
    KARAT_FINENESS,
    MarkKind,
    MarkReading,
    Metal,
    Standard,
    fineness_to_karat,
    karat_to_fineness,
    metal,
)
from parure.gemology.hallmarks.reading import HallmarkReading, mark_matches_fineness, read_hallmark
from parure.gemology.hallmarks.stamps import UkHallmarkCheck, check_uk_hallmark, decode_mark
from parure.gemology.hallmarks.standards import (
    STANDARDS,
    UK_STANDARDS,
    Jurisdiction,
    LegalMarking,
    legal_standard_for_assay,
    standard_for_assay,
)
from parure.gemology.quantities import DecimalInput, to_decimal, to_non_negative_decimal, to_positive_decimal
from parure.gemology.weight import GRAMS_PER_CARAT

__all__ = [
    "KARAT_FINENESS",
    "STANDARDS",
    "UK_STANDARDS",
    "FineMetalContent",
    "HallmarkReading",
    "Jurisdiction",
    "LegalMarking",
    "MarkKind",
    "MarkReading",
    "Metal",
    "Standard",
    "UkHallmarkCheck",
    "check_uk_hallmark",
    "decode_mark",
    "fine_metal_content",
    "fineness_to_karat",
    "karat_to_fineness",
    "legal_standard_for_assay",
    "mark_matches_fineness",
    "metal",
    "read_hallmark",
    "standard_for_assay",
]


@dataclass(frozen=True)
class FineMetalContent:
    """The metal in a piece, less its stones, and the pure metal that contains."""

    gross_weight_g: Decimal
    stone_weight_g: Decimal
    metal_weight_g: Decimal
    fineness: Decimal
    fine_metal_g: Decimal


def fine_metal_content(
    *, gross_weight_g: DecimalInput, fineness: DecimalInput, stone_weight_ct: DecimalInput = 0
) -> FineMetalContent:
    """Fine metal in a piece: (gross grams − stones' carats × 0.2) × fineness ÷ 1000, exactly."""
    gross = to_positive_decimal(gross_weight_g, field="Gross weight in grams", error=MetalError)
    purity = to_decimal(fineness, field="Fineness", error=MetalError)
    if not 0 < purity <= 1000:
        raise MetalError(f"Fineness is in parts per thousand, above 0 and at most 1000; {purity} was given.")
    stones_g = to_non_negative_decimal(stone_weight_ct, field="Stone weight in carats", error=MetalError)
    stones_g *= GRAMS_PER_CARAT
    if stones_g >= gross:
        raise MetalError(
            f"The stones ({stones_g} g) weigh as much as or more than the whole piece ({gross} g); check both weights."
        )
    metal_g = gross - stones_g
    return FineMetalContent(gross, stones_g, metal_g, purity, metal_g * purity / 1000)
