"""Every API operation, fuzzed from its own OpenAPI description (schemathesis).

As a signed-in senior specialist and as an assistant (API tokens: a session would need the
page's CSRF token on writes), each operation gets ``PARURE_FUZZ_EXAMPLES`` generated requests
(10 by default; CI sets more). A test fails on any 5xx and on any documented response whose body
breaks its own schema. The world the permission matrix builds gives the operations real records
to find; generated identifiers mostly miss them, which is the point: a miss must be a 404 or a
422, never a server error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings

from parure.core.api import api
from parure.core.demo import build_offices_and_staff
from parure.core.models import ApiToken, Staff
from tests.conftest import Cast
from tests.matrix import declarations

_, _, BUILDERS = declarations()
EXAMPLES = int(os.environ.get("PARURE_FUZZ_EXAMPLES", "10"))

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = WSGIHandler()
CHECKS = [schemathesis.checks.not_a_server_error, schemathesis.checks.response_schema_conformance]


@pytest.fixture(scope="module")
def fuzz_tokens(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, str]]:
    """The matrix's world and one token per role, built once for the module and rolled back after it.

    Each test runs in its own savepoint inside this transaction (pytest-django's ``db``), so what
    one generated request writes is gone before the next operation's test.
    """
    # Django closes the database connection when a request ends; its test client stops that, and
    # so must a WSGI caller that shares the test's connection (on PostgreSQL the close would end
    # the module's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            build_offices_and_staff(lambda line: None)
            world = SimpleNamespace(cast=Cast({person.username: person for person in Staff.objects.all()}))
            for build in BUILDERS:
                build(world)
            tokens = {}
            for role, staff in (("senior", world.cast.senior), ("assistant", world.cast.assistant)):
                _, tokens[role] = ApiToken.issue(staff=staff, name=f"Fuzz ({role})")
            yield tokens
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


@pytest.fixture(params=["senior", "assistant"])
def token_header(request: Any, fuzz_tokens: dict[str, str], db: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {fuzz_tokens[request.param]}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_operation_answers_a_server_error_or_breaks_its_schema(case: Any, token_header: dict[str, str]) -> None:
    case.call_and_validate(headers=token_header, checks=CHECKS)
