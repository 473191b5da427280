"""The catalogue's printed documents: the catalogue entry of a piece (its copy on the house
letterhead). Drawn with the inventory's WeasyPrint setup (vendored fonts, no network), so every
document of the house shares one letterhead."""

from __future__ import annotations

from typing import Any

from parure.catalogue.models import CatalogueCopy
from parure.inventory.pdf import render


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def catalogue_entry(copy: CatalogueCopy, piece: Any) -> bytes:
    """The piece's copy as it stands: heading, description, laboratory statements, provenance,
    literature and exhibitions. The copy is public, so every reader gets the same document."""
    return render(
        "catalogue/pdf/entry.html",
        {
            "copy": copy,
            "piece": piece,
            "office": piece.office,
            "statements": lines(copy.lab_statements),
            "provenance": lines(copy.provenance),
            "literature": lines(copy.literature),
            "exhibitions": lines(copy.exhibitions),
        },
    )
