"""The route × role permission matrix: what every page and API operation allows.

Each app declares its routes in ``tests/<app>/routes.py``:

    PAGES = {"core:home": Page(STAFF)}
    API = {"api_routes_me": Operation(STAFF)}
    def build_world(world): ...   # optional: records the routes' URL arguments need

``tests/test_permission_matrix.py`` compares these declarations with every URL pattern and
API operation that exists, then requests each as every role and as an anonymous visitor.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from parure.core.choices import Role

ANONYMOUS = "anonymous"
STAFF = frozenset(Role.values)
EVERYONE = STAFF | {ANONYMOUS}
NOBODY: frozenset[str] = frozenset()


def roles(*names: Role) -> frozenset[str]:
    return frozenset(role.value for role in names)


@dataclass(frozen=True)
class Page:
    allowed: frozenset[str]
    # URL arguments, from the world the apps' build_world functions made.
    kwargs: Callable[[SimpleNamespace], dict[str, Any]] = field(default=lambda world: {})
    method: str = "GET"


@dataclass(frozen=True)
class Operation:
    allowed: frozenset[str]
    # Path parameters, from the world.
    params: Callable[[SimpleNamespace], dict[str, Any]] = field(default=lambda world: {})


def declarations() -> tuple[dict[str, Page], dict[str, Operation], list[Callable[[SimpleNamespace], None]]]:
    import tests

    pages: dict[str, Page] = {}
    operations: dict[str, Operation] = {}
    builders = []
    for module_info in pkgutil.iter_modules(tests.__path__):
        if not module_info.ispkg:
            continue
        try:
            module = importlib.import_module(f"tests.{module_info.name}.routes")
        except ModuleNotFoundError:
            continue
        pages.update(getattr(module, "PAGES", {}))
        operations.update(getattr(module, "API", {}))
        if hasattr(module, "build_world"):
            builders.append(module.build_world)
    return pages, operations, builders
