"""Core's routes in the permission matrix."""

from __future__ import annotations

from types import SimpleNamespace

from parure.core.choices import Role
from parure.core.models import ApiToken
from tests.matrix import EVERYONE, STAFF, Operation, Page, roles

LOG_READERS = roles(Role.ADMINISTRATOR, Role.AUDITOR)
ADMINS = roles(Role.ADMINISTRATOR)


def build_world(world: SimpleNamespace) -> None:
    from parure.clients import jobs as client_jobs
    from parure.core.jobs import job_start

    token, _ = ApiToken.issue(staff=world.cast.senior, name="Matrix token")
    world.token = token
    # A finished background job of the senior specialist's (others are answered 404, not 403).
    world.job = job_start(
        kind=client_jobs.IMPORT, by=world.cast.senior, filename="api-rows.json", upload=b"[]",
        params={"specialist": world.cast.senior.pk, "dry_run": True},
    )  # fmt: skip


PAGES = {
    "core:home": Page(STAFF),
    "core:search": Page(STAFF),
    "core:scan": Page(STAFF),
    "core:staff_directory": Page(STAFF),
    "core:access_log": Page(LOG_READERS),
    "core:healthz": Page(EVERYONE),
    # Anyone signed in may follow background work; only their own is found (others get 404).
    "core:job": Page(STAFF, kwargs=lambda world: {"job_id": world.job.pk}),
    "core:job_progress": Page(STAFF, kwargs=lambda world: {"job_id": world.job.pk}),
    "core:login": Page(EVERYONE),
    "core:sign_in_second_factor": Page(EVERYONE),
    "core:logout": Page(EVERYONE, method="POST"),
    "core:two_factor": Page(STAFF),
    "core:api_tokens": Page(STAFF),
    # Anyone signed in may post here, but only their own tokens are found (others get 404).
    "core:api_token_revoke": Page(STAFF, kwargs=lambda world: {"token_id": world.token.pk}, method="POST"),
    "core:password_change": Page(STAFF),
    "core:password_change_done": Page(STAFF),
    "core:password_reset": Page(EVERYONE),
    "core:password_reset_done": Page(EVERYONE),
    "core:password_reset_confirm": Page(EVERYONE, kwargs=lambda world: {"uidb64": "MQ", "token": "set-password"}),
    "core:password_reset_complete": Page(EVERYONE),
    # The administration pages: administrators only (every admin URL is walked as this entry).
    "admin:*": Page(ADMINS),
    # The API's documentation and schema are for signed-in staff.
    "api:openapi-view": Page(STAFF),
    "api:openapi-json": Page(STAFF),
}

API = {
    "core_me": Operation(STAFF),
    "core_offices": Operation(STAFF),
    "core_staff": Operation(STAFF),
    "core_access_log": Operation(LOG_READERS),
    "core_job": Operation(STAFF, params=lambda world: {"job_id": world.job.pk}),
}

# The API's root answers 404 to everyone (it only anchors the operations' paths).
PAGES["api:api-root"] = Page(EVERYONE)
