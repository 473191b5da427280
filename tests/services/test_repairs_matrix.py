"""The repairs routes against every role, on their own world (the whole matrix runs in
tests/test_permission_matrix.py; this one answers quickly for this area's rows)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse

from tests.matrix import EVERYONE
from tests.services import route_repairs
from tests.test_permission_matrix import _client, _is_refused


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_repairs_pages_allow_exactly_the_declared_roles(role: str, cast: Any) -> None:
    world = SimpleNamespace(cast=cast)
    client = _client(role, cast)
    mismatches = []
    for name, page in sorted(route_repairs.PAGES.items()):
        url = reverse(name, kwargs=page.kwargs(world))
        response = client.post(url) if page.method == "POST" else client.get(url)
        assert response.status_code < 500, f"{name} {url}: {response.status_code}"
        if _is_refused(role, response) == (role in page.allowed):
            mismatches.append(f"{name} {url}: {response.status_code}")
    assert mismatches == []


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_repairs_api_allows_exactly_the_declared_roles(role: str, cast: Any) -> None:
    from parure.core.api import api
    from tests.matrix import ANONYMOUS

    world = SimpleNamespace(cast=cast)
    client = _client(role, cast)
    schema = api.get_openapi_schema()
    mismatches = []
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            declared = route_repairs.API.get(spec["operationId"])
            if declared is None:
                continue
            url = path.format(**declared.params(world))
            response = client.generic(method.upper(), url, content_type="application/json", data="{}")
            assert response.status_code < 500, f"{method} {url}: {response.status_code}"
            refused = response.status_code == (401 if role == ANONYMOUS else 403)
            if refused == (role in declared.allowed):
                mismatches.append(f"{method.upper()} {url}: {response.status_code}")
    assert mismatches == []
