"""Provisional: replaced by the documents area's label words."""

from __future__ import annotations

import re
from collections.abc import Iterable

WORDS = ("jewel", "jewelry", "jewellery", "diamond", "diamonds", "gold", "ring", "rings")


def label_words(texts: Iterable[str]) -> list[str]:
    found = []
    for text in texts:
        for word in re.findall(r"[a-z]+", (text or "").lower()):
            if word in WORDS and word not in found:
                found.append(word)
    return found
