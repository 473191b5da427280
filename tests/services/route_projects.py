"""The services' projects routes in the permission matrix.

Senior specialists manage projects, assistants prepare them, finance, logistics and auditors read them
(logistics without their money, which pages and API leave out rather than refuse)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from parure.core.choices import Role
from tests.matrix import Operation, Page, roles

A, S, F, L, U = (Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST, Role.FINANCE, Role.LOGISTICS, Role.AUDITOR)
READERS = roles(A, S, F, L, U)
PREPARERS = roles(A, S)
MANAGERS = roles(S)

PAGES: dict[str, Page] = {}
API: dict[str, Operation] = {}


def projects_world(world: Any) -> Any:
    """A project with an offered quote, a sketch and a material to source; made on first use."""
    if not hasattr(world, "projects"):
        from parure.services.projects import services
        from tests.services import projects_world as pw
        from tests.services.test_projects_services import PNG

        w = pw.world(world.cast)
        project = pw.opened(w)
        quote = services.quote_make(project=project, amount="22000", metal_basis="Platinum at USD 965/oz",
                                    valid_until=services.office_today(project.office), by=w.assistant)  # fmt: skip
        sketch = services.file_attach(project=project, milestone="consultation", kind="sketch", filename="idea.png",
                                      content=PNG, by=w.assistant)  # fmt: skip
        material = services.material_to_source(project=project, kind="stone", description="Cushion emerald, 2 ct",
                                               supplier="Gemfields", estimated_cost="9000", by=w.assistant)  # fmt: skip
        world.projects = SimpleNamespace(project=project, quote=quote, file=sketch, material=material)
    return world.projects


def _number(world: Any) -> dict[str, Any]:
    return {"number": projects_world(world).project.number}


def _quote(world: Any) -> dict[str, Any]:
    found = projects_world(world)
    return {"number": found.project.number, "quote_id": found.quote.pk}


def _file(world: Any) -> dict[str, Any]:
    found = projects_world(world)
    return {"number": found.project.number, "file_id": found.file.pk}


def _material(world: Any) -> dict[str, Any]:
    found = projects_world(world)
    return {"number": found.project.number, "material_id": found.material.pk}


PAGES["services:projects"] = Page(READERS)
PAGES["services:project_new"] = Page(PREPARERS)
PAGES["services:project"] = Page(READERS, kwargs=_number)
PAGES["services:project_file_download"] = Page(READERS, kwargs=_file)
for _name in ("project_revision", "project_due", "project_quote", "project_file", "project_reserve", "project_source"):
    PAGES[f"services:{_name}"] = Page(PREPARERS, kwargs=_number, method="POST")
for _name in ("project_complete", "project_schedule", "project_status"):
    PAGES[f"services:{_name}"] = Page(MANAGERS, kwargs=_number, method="POST")
PAGES["services:project_quote_accept"] = Page(MANAGERS, kwargs=_quote, method="POST")
PAGES["services:project_material"] = Page(MANAGERS, kwargs=_material, method="POST")

API["services_projects_list"] = Operation(READERS)
API["services_project_detail"] = Operation(READERS, params=_number)
API["services_project_create"] = Operation(PREPARERS)
for _name in ("quote", "cad_revision", "reserve", "source"):
    API[f"services_project_{_name}"] = Operation(PREPARERS, params=_number)
API["services_project_milestone_complete"] = Operation(MANAGERS, params=_number)
API["services_project_schedule"] = Operation(MANAGERS, params=_number)
API["services_project_status"] = Operation(MANAGERS, params=_number)
API["services_project_quote_accept"] = Operation(MANAGERS, params=_quote)
API["services_project_release"] = Operation(MANAGERS, params=_material)
