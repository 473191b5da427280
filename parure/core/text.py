"""Text that no database column can hold: a NUL (PostgreSQL refuses it) or an unpaired surrogate
(it cannot be encoded as UTF-8 at all). The API's input check and the imports both ask here."""

from __future__ import annotations

import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(text: str) -> bool:
    """True when ``text`` holds a character no database column can store."""
    return _UNSTORABLE.search(text) is not None
