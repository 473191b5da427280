"""The custody ledger's key ring: the key that signs new events and the retired keys that verify old spans.

A key is never stored in the database. Each key has an identifier, the first 16 hex digits of
HMAC-SHA-256 of a fixed label under the key: it names the key in the ledger's spans, in
messages and on the auditor's record without revealing anything about the key itself.

- ``PARURE_LEDGER_KEY`` (or the file named by ``PARURE_LEDGER_KEY_FILE``) is the current key:
  it signs every new event and must be the key that signed the chain's head.
- ``PARURE_LEDGER_OLD_KEYS`` (comma-separated) and ``PARURE_LEDGER_OLD_KEYS_FILE`` (one key
  a line, ``#`` comments) are retired keys, kept only so that verify can check the spans they
  signed (docs/custody.md, "Rotating the key").
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings

# 32 random bytes written in base64 are 43 characters (``secrets.token_urlsafe(32)``).
MIN_KEY_CHARACTERS = 43
# A random key of that length uses many different characters; ``aaaa…`` or ``0000…`` does not.
MIN_DISTINCT_CHARACTERS = 12
HOW_TO_MAKE_ONE = 'make one with: python -c "import secrets; print(secrets.token_urlsafe(48))"'
_KEY_ID_LABEL = b"parure-ledger-key-id/1"


@lru_cache(maxsize=64)
def key_id(key: bytes) -> str:
    """The key's public name: 16 hex digits of HMAC-SHA-256 of a fixed label under the key."""
    return hmac.digest(key, _KEY_ID_LABEL, "sha256").hex()[:16]


def weakness(key: str, name: str = "PARURE_LEDGER_KEY") -> str | None:
    """Why ``key`` is too weak to sign the ledger, as a sentence saying how to make one; None if it will do."""
    if len(key) < MIN_KEY_CHARACTERS:
        return (
            f"{name} is {len(key)} characters long; the ledger key must be at least 32 random bytes "
            f"({MIN_KEY_CHARACTERS} characters or more): {HOW_TO_MAKE_ONE}"
        )
    if len(set(key)) < MIN_DISTINCT_CHARACTERS:
        return f"{name} does not look random (it uses only {len(set(key))} different characters): {HOW_TO_MAKE_ONE}"
    return None


@dataclass(frozen=True)
class KeyRing:
    """The keys this process holds. ``problem`` says why there is no usable current key."""

    current: bytes | None
    current_id: str
    problem: str = ""
    retired: dict[str, bytes] = field(default_factory=dict)

    def get(self, wanted_id: str) -> bytes | None:
        """The key whose identifier is ``wanted_id``, current or retired."""
        if self.current is not None and wanted_id == self.current_id:
            return self.current
        return self.retired.get(wanted_id)


def key_ring() -> KeyRing:
    """The ring as configured now (settings are read each time, so a test's override applies)."""
    text = str(getattr(settings, "PARURE_LEDGER_KEY", "") or "")
    retired = {
        key_id(old.encode("utf-8")): old.encode("utf-8") for old in getattr(settings, "PARURE_LEDGER_OLD_KEYS", ())
    }
    if not text:
        return KeyRing(None, "", f"PARURE_LEDGER_KEY is not set; {HOW_TO_MAKE_ONE}", retired)
    problem = weakness(text)
    if problem is not None:
        return KeyRing(None, "", problem, retired)
    current = text.encode("utf-8")
    return KeyRing(current, key_id(current), "", retired)
