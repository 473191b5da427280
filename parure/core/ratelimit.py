"""Counting attempts per subject in the shared cache, so a limit holds across web processes.

The cache is the database's by default and Redis when ``PARURE_REDIS_URL`` is set (see
settings). Subjects (an address, an e-mail) are stored as keyed digests, never in clear.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, subject: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{subject}".encode()).hexdigest()[:32]
    return f"parure:rate:{scope}:{digest}"


def record(scope: str, subject: str, *, window_seconds: int) -> int:
    """Count one attempt by ``subject`` and return how many it has made in the window.

    The window starts at the subject's first attempt. On the database cache two simultaneous
    attempts may be counted as one (its increment reads then writes); Redis counts exactly.
    """
    key = _key(scope, subject)
    cache.add(key, 0, timeout=window_seconds)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


def attempts(scope: str, subject: str) -> int:
    """How many attempts ``subject`` has made in the current window, without counting one."""
    return int(cache.get(_key(scope, subject), 0))


def exceeded(scope: str, subject: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt by ``subject``; True when it is past ``limit`` within the window."""
    return record(scope, subject, window_seconds=window_seconds) > limit
