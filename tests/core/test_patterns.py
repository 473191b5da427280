"""The shared patterns every app copies: the acting member of staff and the registry's keys."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.test import RequestFactory

from parure.core import registry
from parure.core.policy import acting_staff
from parure.inventory import hooks as inventory_hooks
from tests.conftest import Cast


def _request_as(user: object) -> object:
    request = RequestFactory().post("/inventory/items/")
    request.user = user  # type: ignore[attr-defined]
    return request


def test_acting_staff_is_the_signed_in_member_of_staff(cast: Cast) -> None:
    assert acting_staff(_request_as(cast.senior)) is cast.senior  # type: ignore[arg-type]


def test_acting_staff_refuses_a_request_without_a_member_of_staff(cast: Cast) -> None:
    with pytest.raises(PermissionDenied, match=r"^Only a signed-in member of staff with a role can do this\.$"):
        acting_staff(_request_as(AnonymousUser()))  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied, match=r"^Only a signed-in member of staff with a role can do this\.$"):
        acting_staff(RequestFactory().get("/"))  # no user at all


def test_acting_staff_refuses_a_deactivated_account(cast: Cast) -> None:
    cast.assistant.is_active = False
    with pytest.raises(PermissionDenied, match=r"^Only a signed-in member of staff with a role can do this\.$"):
        acting_staff(_request_as(cast.assistant))  # type: ignore[arg-type]


def test_a_key_registered_twice_is_refused_and_the_first_entry_stays() -> None:
    intruder = registry.Panel("overdue_checkouts", "Late", "core.view_home", "Nothing.", rows=lambda request: [])
    with pytest.raises(
        ImproperlyConfigured,
        match=r"^The My day panel ‘overdue_checkouts’ is registered twice; each key may be registered once\.$",
    ):
        registry.register_panel(intruder)
    assert registry.panels["overdue_checkouts"].rows is inventory_hooks.overdue_rows
    with pytest.raises(ImproperlyConfigured, match=r"^The navigation area ‘home’ is registered twice"):
        registry.register_nav(registry.NavArea("home", "Home", "core:home", "core.view_home"))
    assert registry.nav_areas["home"].label == "My day"


def test_my_day_panels_are_declared_by_the_apps_that_own_them() -> None:
    owners = {key: panel.rows.__module__ for key, panel in registry.panels.items()}
    assert owners == {
        "appointments": "parure.clients.hooks",
        "follow_ups": "parure.clients.hooks",
        "inquiries": "parure.clients.hooks",
        "overdue_checkouts": "parure.inventory.hooks",
        "arriving": "parure.inventory.hooks",
        "counts_due": "parure.inventory.counts.hooks",
        "repairs_due": "parure.services.repairs.hooks",
        "aftercare_due": "parure.services.aftercare.hooks",
        "labs_due_back": "parure.services.labs.hooks",
        "design_projects_due": "parure.services.projects.hooks",
        "shipments_next": "parure.shipping.shipments.hooks",
    }


def test_the_registry_imports_nothing_from_the_apps() -> None:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(registry))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert sorted(name for name in imported if name and name.startswith("parure")) == []
