"""Reading the short text forms people type at the intake counter: stones and numbered parts.

Stones are written one line each, separated by ‘;’: ``2 × diamond (round brilliant) 1.20 ct``
— a count (optional, default 1), the species, the cut in brackets (optional) and the
approximate total weight in carats (optional).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from parure.inventory.services.intake import StoneDraft

_STONE = re.compile(
    r"^(?:(?P<count>\d+)\s*[x×]?\s+)?(?P<species>[^()\d;]+?)\s*(?:\((?P<cut>[^)]*)\))?\s*"
    r"(?:(?P<carats>\d+(?:[.,]\d+)?)\s*(?:ct|cts|carats?)\.?)?\s*$",
    re.IGNORECASE,
)


def parse_stones(text: str) -> tuple[StoneDraft, ...]:
    """Stones from ‘2 × diamond (round brilliant) 1.20 ct; sapphire (cushion) 3.05 ct’."""
    stones = []
    for part in re.split(r"[;\n]+", text):
        part = part.strip()
        if not part:
            continue
        match = _STONE.match(part)
        if match is None:
            raise ValueError(f"‘{part}’ is not a stone line; write it like ‘2 × diamond (round brilliant) 1.20 ct’.")
        carats = None
        if match.group("carats"):
            try:
                carats = Decimal(match.group("carats").replace(",", "."))
            except InvalidOperation:
                raise ValueError(f"‘{match.group('carats')}’ is not a weight in carats.") from None
        stones.append(
            StoneDraft(
                species=match.group("species").strip(),
                cut=(match.group("cut") or "").strip(),
                count=int(match.group("count") or 1),
                approx_carats=carats,
            )
        )
    return tuple(stones)


def format_stones(stones: Iterable[StoneDraft]) -> str:
    lines = []
    for stone in stones:
        text = f"{stone.count} × {stone.species}" if stone.count != 1 else stone.species
        if stone.cut:
            text += f" ({stone.cut})"
        if stone.approx_carats is not None:
            text += f" {stone.approx_carats} ct"
        lines.append(text)
    return "; ".join(lines)


def parse_parts(text: str) -> tuple[str, ...]:
    """Numbered parts of a set from ‘left ear pendant; right ear pendant’ (empty for a single piece)."""
    parts = tuple(part.strip() for part in re.split(r"[;\n]+", text) if part.strip())
    if len(parts) == 1:
        raise ValueError("A set has at least two numbered parts; leave this empty for a single piece.")
    return parts
