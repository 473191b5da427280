"""A list of vocabulary keys stored as ``|a|b|`` text, so "contains ``|a|``" works on every database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models


def encode_keys(keys: Iterable[str]) -> str:
    cleaned = sorted({key.strip() for key in keys if key and key.strip()})
    return f"|{'|'.join(cleaned)}|" if cleaned else ""


def decode_keys(text: str | None) -> list[str]:
    return [part for part in (text or "").split("|") if part]


class KeyListField(models.TextField):  # type: ignore[type-arg]
    """A sorted, de-duplicated list of short keys (stone, colour, maker keys...); empty means "any"."""

    # What django-stubs reads as the attribute's types (a list in, a list out; "|key|" in lookups).
    _pyi_private_set_type: list[str] | str  # type: ignore[assignment]
    _pyi_private_get_type: list[str]  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> list[str]:
        return decode_keys(value)

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list | tuple | set | frozenset):
            return sorted({str(v) for v in value if v})
        return decode_keys(value)

    def get_prep_value(self, value: Any) -> str:
        if isinstance(value, str):
            return value  # already encoded (a lookup's ``|key|``)
        return encode_keys(value or [])

    def value_to_string(self, obj: Any) -> str:
        return encode_keys(self.value_from_object(obj) or [])
