"""Settings read from the environment, failing loudly on values that cannot be right.

Every helper takes the variable's name and, where there is one, the development default.
A default is only used where the caller allows it (see ``settings.DEBUG``): production must
state every secret and host explicitly.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    """Return a yes/no setting; anything but a recognised word is a configuration error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_str(name: str, default: str | None = None) -> str:
    """Return a string setting; with no default, a missing variable is a configuration error."""
    raw = os.environ.get(name)
    if raw is not None and raw.strip():
        return raw.strip()
    if default is None:
        raise ImproperlyConfigured(f"{name} must be set in the environment.")
    return default


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Return a comma-separated list setting (empty items dropped)."""
    raw = os.environ.get(name)
    if raw is None:
        if default is None:
            raise ImproperlyConfigured(f"{name} must be set in the environment.")
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_json_object(name: str) -> dict[str, object]:
    """Return a JSON object setting (a storage backend's options); unset or blank gives {}."""
    import json

    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a JSON object; it does not parse ({error}).") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f'{name} must be a JSON object such as {{"bucket_name": "parure"}}.')
    return value
