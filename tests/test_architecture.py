"""The import graph keeps to DESIGN.md: no app reads another app's tables by importing its models.

Every module under ``parure/`` is parsed (not imported) and each import is checked against the
rules below; a failure names the file and line of each offending import.

- An app never imports another app's models (``parure.X.models`` or ``from parure.X import
  models``); it asks that app's queries and services. ``parure.core`` is the base every app may use.
- ``parure.core`` imports no other app.
- ``parure.gemology`` imports no Django (it is a library first).
- ``parure.auctions.engine`` (the auction execution engine) imports no Django and no parure app,
  not even core or the rest of auctions: it is pure Python that the auctions app calls.
- An ``api`` module (or package) never imports a ``views`` module: both call services and queries.

Migrations are generated code that must name other apps' models, so they are left out.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "parure"
BASE_APP = "core"
NO_DJANGO = frozenset({"gemology"})
# Pure packages inside an app: no Django and nothing of parure outside the package itself.
PURE_PACKAGES = ("parure.auctions.engine",)
# The apps are the packages with an AppConfig, and the pure libraries (gemology); parure.settings,
# urls and wsgi are the project's.
APPS = frozenset(path.parent.name for path in PACKAGE.glob("*/apps.py")) | NO_DJANGO


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The dotted names an import statement brings in (``from a import b`` gives ``a.b``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def check_module(
    source: str, *, module: str, path: str, is_package: bool = False, apps: frozenset[str] = APPS
) -> list[Violation]:
    """The rule breaks in one module's source (``module`` is its dotted name, e.g. ``parure.inventory.queries``)."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "parure":
        return []
    app = parts[1]
    if app not in apps:
        return []
    is_api = "api" in parts[2:]
    pure = next((p for p in PURE_PACKAGES if module == p or module.startswith(p + ".")), None)
    found: list[Violation] = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        # One statement names a module several ways (``from a.b import c`` gives a.b and a.b.c):
        # report each rule once per statement, under the first name that breaks it.
        broken: dict[str, str] = {}
        for name in _imported(node, module, is_package):
            target = name.split(".")
            if app in NO_DJANGO and target[0] == "django":
                broken.setdefault("django", f"{app} imports Django ({name}); it must stay pure Python")
            if pure is not None:
                label = pure.removeprefix("parure.")
                if target[0] == "django":
                    broken.setdefault("django", f"{label} imports Django ({name}); it must stay pure Python")
                elif target[0] == "parure" and not (name == pure or name.startswith(pure + ".")):
                    broken.setdefault("pure", f"{label} imports {name}; it must depend on no parure app")
            if target[0] != "parure" or len(target) < 2:
                continue
            other = target[1]
            if other not in apps:
                continue
            if app == BASE_APP and other != BASE_APP:
                broken.setdefault("core", f"core imports the {other} app ({name}); core depends on no app")
            elif other not in (app, BASE_APP) and len(target) > 2 and target[2] == "models":
                broken.setdefault(
                    "models", f"{app} imports {other}'s models ({name}); ask {other}'s queries or services"
                )
            if is_api and other == app and "views" in target[2:]:
                broken.setdefault("views", f"an API module imports views ({name}); call services and queries")
        found += [Violation(path, node.lineno, message) for message in broken.values()]
    return sorted(found, key=lambda v: (v.line, v.message))


def project_violations() -> list[Violation]:
    found: list[Violation] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found += check_module(
            path.read_text(encoding="utf-8"),
            module=_module_name(path),
            path=str(path.relative_to(ROOT)),
            is_package=path.name == "__init__.py",
        )
    return found


def test_the_project_keeps_to_the_import_rules() -> None:
    violations = project_violations()
    assert not violations, "Imports that break DESIGN.md's layering:\n" + "\n".join(map(str, violations))


def test_the_walk_reads_every_app() -> None:
    assert {"core", "gemology", "inventory", "clients", "auctions"} <= APPS
    modules = {_module_name(path) for path in PACKAGE.rglob("*.py")}
    assert {"parure.core.models", "parure.clients.queries", "parure.inventory.queries", "parure.gemology"} <= modules
    assert {"parure.auctions.engine", "parure.auctions.engine.engine"} <= modules


# --- The checker itself, on planted violations ---------------------------------------------------


def _check(source: str, module: str, *, is_package: bool = False) -> list[str]:
    return [str(v) for v in check_module(source, module=module, path="planted.py", is_package=is_package)]


def test_an_app_importing_another_apps_models_is_named_with_file_and_line() -> None:
    source = "import os\n\nfrom parure.clients.models import Client\n"
    assert _check(source, "parure.inventory.queries") == [
        "planted.py:3: inventory imports clients's models (parure.clients.models); ask clients's queries or services"
    ]


def test_every_spelling_of_a_models_import_is_caught() -> None:
    assert _check("from parure.clients import models\n", "parure.inventory.views.items") == [
        "planted.py:1: inventory imports clients's models (parure.clients.models); ask clients's queries or services"
    ]
    assert _check("import parure.inventory.models as inv\n", "parure.clients.services.appointments") == [
        "planted.py:1: clients imports inventory's models (parure.inventory.models); ask inventory's queries or services"
    ]
    # Inside a function (a deferred import) is still an import.
    assert _check("def f():\n    from parure.clients.models import Want\n", "parure.inventory.hooks") == [
        "planted.py:2: inventory imports clients's models (parure.clients.models); ask clients's queries or services"
    ]


def test_queries_services_core_and_own_models_are_allowed() -> None:
    source = (
        "from parure.clients import queries\n"
        "from parure.clients.services import client_create\n"
        "from parure.core.models import Staff\n"
        "from parure.inventory.models import Item\n"
        "from . import models\n"
    )
    assert _check(source, "parure.inventory.views.items") == []


def test_core_may_import_no_app() -> None:
    assert _check("from parure.inventory import queries\n", "parure.core.registry") == [
        "planted.py:1: core imports the inventory app (parure.inventory); core depends on no app"
    ]


def test_gemology_imports_no_django() -> None:
    assert _check("from django.db import models\n", "parure.gemology.grading") == [
        "planted.py:1: gemology imports Django (django.db); it must stay pure Python"
    ]


def test_the_auction_engine_imports_no_django() -> None:
    assert _check("from django.utils import timezone\n", "parure.auctions.engine.engine") == [
        "planted.py:1: auctions.engine imports Django (django.utils); it must stay pure Python"
    ]
    assert _check("import django\n", "parure.auctions.engine", is_package=True) == [
        "planted.py:1: auctions.engine imports Django (django); it must stay pure Python"
    ]


def test_the_auction_engine_imports_no_parure_app() -> None:
    assert _check("from parure.core.money import Money\n", "parure.auctions.engine.bids") == [
        "planted.py:1: auctions.engine imports parure.core.money; it must depend on no parure app"
    ]
    # Not the rest of its own app either (relative: parure/auctions/engine/bids.py doing ``from .. import models``).
    assert _check("from .. import models\n", "parure.auctions.engine.bids") == [
        "planted.py:1: auctions.engine imports parure.auctions; it must depend on no parure app"
    ]
    assert _check("from parure.gemology import weight\n", "parure.auctions.engine.engine") == [
        "planted.py:1: auctions.engine imports parure.gemology; it must depend on no parure app"
    ]


def test_the_auction_engine_may_import_itself_and_the_standard_library() -> None:
    source = (
        "from decimal import Decimal\nfrom .ladder import STANDARD\nfrom parure.auctions.engine.bids import Source\n"
    )
    assert _check(source, "parure.auctions.engine.engine") == []
    # The rest of auctions is an ordinary app: it may call the engine.
    assert _check("from parure.auctions.engine import run_lot\n", "parure.auctions.services") == []


def test_an_api_module_never_imports_views() -> None:
    assert _check("from parure.clients.views.transfer import preview\n", "parure.clients.api.book") == [
        "planted.py:1: an API module imports views (parure.clients.views.transfer); call services and queries"
    ]
    # Relative: parure/inventory/api/__init__.py doing ``from ..views import items``.
    assert _check("from ..views import items\n", "parure.inventory.api", is_package=True) == [
        "planted.py:1: an API module imports views (parure.inventory.views); call services and queries"
    ]
