"""Provisional: replaced by the compliance area's HS proposals."""

from __future__ import annotations

from datetime import date

from parure.shipping.plan import HsProposal, PieceFact

HS_EDITION = "HS 2022"


def propose_hs(piece: PieceFact, *, on: date) -> HsProposal:
    if "silver" in piece.metals and not ({"gold", "platinum"} & set(piece.metals)):
        return HsProposal("7113.11", "Of silver", HS_EDITION, "silver jewelry")
    return HsProposal("7113.19", "Of other precious metal", HS_EDITION, "gold or platinum jewelry")
