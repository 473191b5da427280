"""The tariff heading to propose for a piece, in the Harmonized System nomenclature's 2022 edition.

A proposal, not a ruling: the person preparing the shipment confirms it on the customs documents. The
order of the tests follows the nomenclature: a loose stone or pearl is Chapter 71's first headings (never
an antique, whatever its age); a piece over 100 years old is an antique of heading 97.06; then the
jewellery of heading 71.13 by its metal, 71.16 for pearls or stones without precious metal, and 71.17
for imitation jewellery (base metal, plated metal, paste and glass).
"""

from __future__ import annotations

import re
from datetime import date

from parure.shipping.plan import HsProposal, PieceFact, StoneFact

HS_EDITION = "HS 2022"

#: Metals that are precious metal other than silver (Chapter 71, Note 4).
OTHER_PRECIOUS = ("gold", "platinum", "palladium", "rhodium", "iridium", "osmium", "ruthenium")
#: Base metal with a layer of precious metal bonded to it (clad, not plated).
CLAD = ("gold-filled", "gold filled", "rolled gold", "gold-clad", "gold clad", "silver-clad", "platinum-clad", "clad")
#: Words that say a metal is base metal (Chapter 71, Note 11: imitation jewellery).
BASE = ("nickel silver", "german silver", "base metal", "gilt metal")
SILVER = ("silver", "sterling", "vermeil")
#: A plating, which does not make a metal precious: "gold-plated brass" is brass, "gold-plated silver" silver.
PLATING = re.compile(r"\b[a-z]+[- ]plated\b|\bplated\b")
#: Stones that are not precious or semi-precious stones.
IMITATION_STONES = ("paste", "glass", "imitation", "simulant", "simulated", "rhinestone", "plastic", "resin")

HEADINGS: dict[str, str] = {
    "7101": "Pearls, natural or cultured, whether or not worked or graded but not strung, mounted or set",
    "7102": "Diamonds, whether or not worked, but not mounted or set",
    "7103": "Precious stones (other than diamonds) and semi-precious stones, whether or not worked or graded "
    "but not strung, mounted or set",
    "7113.11": "Articles of jewellery and parts thereof, of silver, whether or not plated or clad with other "
    "precious metal",
    "7113.19": "Articles of jewellery and parts thereof, of other precious metal, whether or not plated or clad "
    "with precious metal",
    "7113.20": "Articles of jewellery and parts thereof, of base metal clad with precious metal",
    "7116.10": "Articles of natural or cultured pearls",
    "7116.20": "Articles of precious or semi-precious stones (natural, synthetic or reconstructed)",
    "7117": "Imitation jewellery",
    "9706.10": "Antiques of an age exceeding 250 years",
    "9706.90": "Antiques of an age exceeding 100 years (other than those exceeding 250 years)",
}


def _proposal(code: str, reason: str) -> HsProposal:
    return HsProposal(code=code, heading=HEADINGS[code], edition=HS_EDITION, reason=reason)


def _metal_kind(word: str) -> str:
    """``clad``, ``silver``, ``other`` (precious metal other than silver) or ``base`` for anything else."""
    word = word.lower().strip()
    if any(term in word for term in CLAD):
        return "clad"
    word = PLATING.sub(" ", word)
    if any(term in word for term in BASE):
        return "base"
    if any(term in word for term in SILVER):
        return "silver"
    if any(term in word for term in OTHER_PRECIOUS):
        return "other"
    return "base"


def _real(stone: StoneFact) -> bool:
    return not any(term in f"{stone.species} {stone.variety}".lower() for term in IMITATION_STONES)


def _is_pearl(stone: StoneFact) -> bool:
    return "pearl" in stone.species.lower()


def _loose(piece: PieceFact) -> HsProposal:
    stones = [stone for stone in piece.stones if _real(stone)]
    if not stones:
        return _proposal("7103", "A loose stone whose species is not recorded: other precious or semi-precious stones.")
    principal = stones[0]
    if _is_pearl(principal):
        return _proposal("7101", "A loose pearl, neither strung, mounted nor set.")
    if principal.species.lower() == "diamond":
        return _proposal("7102", "A loose diamond, neither mounted nor set.")
    return _proposal("7103", f"A loose {principal.name.lower()}, neither mounted nor set.")


def propose_hs(piece: PieceFact, *, on: date) -> HsProposal:
    """The heading to propose for ``piece`` shipped on ``on``, with the reason in a sentence."""
    if piece.category == "loose_stone":
        return _loose(piece)
    if piece.year_made is not None and piece.year_made <= on.year - 100:
        age = on.year - piece.year_made
        if piece.year_made <= on.year - 250:
            return _proposal(
                "9706.10", f"Made in {piece.year_made}, {age} years before shipping: an antique over 250 years."
            )
        return _proposal(
            "9706.90", f"Made in {piece.year_made}, {age} years before shipping: an antique over 100 years."
        )
    kinds = {_metal_kind(metal) for metal in piece.metals if metal.strip()}
    if "other" in kinds:
        names = ", ".join(sorted({metal.lower() for metal in piece.metals if _metal_kind(metal) == "other"}))
        return _proposal("7113.19", f"Jewellery of precious metal other than silver ({names}).")
    if "silver" in kinds:
        return _proposal("7113.11", "Jewellery of silver.")
    if "clad" in kinds:
        return _proposal("7113.20", "Jewellery of base metal clad with precious metal.")
    real = [stone for stone in piece.stones if _real(stone)]
    if any(_is_pearl(stone) for stone in real):
        return _proposal("7116.10", "Pearls without precious metal beyond minor fittings: an article of pearls.")
    if real:
        return _proposal("7116.20", "Stones without precious metal beyond minor fittings: an article of stones.")
    return _proposal("7117", "No precious metal, pearls or precious stones: imitation jewellery.")
