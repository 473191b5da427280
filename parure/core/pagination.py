"""The API's one pagination: limit and offset, both bounded in the schema.

ninja's own class leaves the offset unbounded, so an offset past 64 bits reached the database
and failed there (a 500); here a value out of range is a 422 naming the parameter, and the
OpenAPI document states the bounds.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


class LimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many rows to return")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many rows to skip")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
