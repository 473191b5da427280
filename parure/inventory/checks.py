"""System checks for the custody ledger's key (``parure check``; ``parure check --deploy`` for the key's strength)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError

from parure.inventory.ledger_keys import weakness


@register(Tags.security)
def ledger_key_strength(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[CheckMessage]:
    problem = weakness(str(getattr(settings, "PARURE_LEDGER_KEY", "") or ""))
    if problem is None:
        return []
    return [Error(problem, id="inventory.E001")]


# Not tagged "database": Django leaves those out of a plain `parure check`, and this one must be in it.
@register("ledger")
def ledger_key_signs_the_head(
    app_configs: Sequence[Any] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """The key this server holds is the key that signed the chain's head, or every custody action is refused."""
    from parure.inventory import ledger

    try:
        problem = ledger.key_problem()
    except DatabaseError:
        # No database yet, or not migrated: there is no chain to sign, and migrate will say so itself.
        return []
    if problem is None or weakness(str(settings.PARURE_LEDGER_KEY)) is not None:
        return []  # a weak key is inventory.E001's to report
    return [
        Error(
            problem,
            hint="See docs/custody.md, “Keys” and “Rotating the key”.",
            id="inventory.E002",
        )
    ]
