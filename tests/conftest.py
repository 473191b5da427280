"""Shared test fixtures: the cast (one named member of staff per role), signed-in clients,
and the guard that keeps append-only tables append-only between transactional tests."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from parure.core.choices import Role
from parure.core.models import Staff

# ``make test-slow`` loads this profile (``--hypothesis-profile=slow``) for the long property
# runs marked ``slow``; the everyday suite keeps each test's own small budget.
hypothesis_settings.register_profile(
    "slow",
    max_examples=int(os.environ.get("PARURE_SLOW_EXAMPLES", "200")),
    stateful_step_count=int(os.environ.get("PARURE_SLOW_STEPS", "60")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@dataclass
class Cast:
    """The demo department's people. ``by_role`` holds one persona per role."""

    people: dict[str, Staff]

    def __getitem__(self, username: str) -> Staff:
        return self.people[username]

    @property
    def assistant(self) -> Staff:  # Marcus Hale, NY, supports Eleanor
        return self.people["marcus"]

    @property
    def senior(self) -> Staff:  # Eleanor Whitcombe, NY
        return self.people["eleanor"]

    @property
    def finance(self) -> Staff:  # Priya Raman, NY
        return self.people["priya"]

    @property
    def logistics(self) -> Staff:  # Daniel Ortiz, NY
        return self.people["daniel"]

    @property
    def auditor(self) -> Staff:  # Ruth Klein, NY
        return self.people["ruth"]

    @property
    def administrator(self) -> Staff:  # Simon Achebe, NY
        return self.people["simon"]

    def by_role(self) -> dict[str, Staff]:
        return {
            Role.SPECIALIST_ASSISTANT: self.assistant,
            Role.SENIOR_SPECIALIST: self.senior,
            Role.FINANCE: self.finance,
            Role.LOGISTICS: self.logistics,
            Role.AUDITOR: self.auditor,
            Role.ADMINISTRATOR: self.administrator,
        }


@pytest.fixture
def cast(db: Any) -> Cast:
    from parure.core.demo import build_offices_and_staff

    build_offices_and_staff(lambda line: None)
    return Cast({person.username: person for person in Staff.objects.all()})


def verify_second_factor(client: Client, staff: Staff) -> None:
    """Mark the client's session as having passed a real TOTP device's check."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=staff, name="Test authenticator", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def signed_in(staff: Staff, *, verified: bool = True) -> Client:
    client = Client()
    client.force_login(staff, backend="parure.core.backends.StaffBackend")
    if verified and staff.requires_two_factor:
        verify_second_factor(client, staff)
    return client


@pytest.fixture
def client_for() -> Any:
    """``client_for(staff)``: a test client signed in as that person (second factor passed)."""
    return signed_in


def _flush_around_append_only_tables() -> None:
    """Transactional tests end with a flush (DELETE/TRUNCATE), which append-only tables refuse.

    For that flush only, the guard is lifted, and it is put back straight after, so every test
    runs against the same triggers as production.
    """
    from django.db import connections
    from django.test.testcases import TransactionTestCase

    from parure.core.db import (
        append_only_tables,
        install_append_only,
        install_seal,
        remove_append_only,
        remove_seal,
        seals,
    )

    original = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self: TransactionTestCase) -> None:
        aliases = list(self._databases_names(include_mirrors=False))  # type: ignore[attr-defined]
        for alias in aliases:
            for table in append_only_tables():
                remove_append_only(table, connections[alias])
            for seal in seals():
                remove_seal(seal, connections[alias])
        try:
            original(self)
        finally:
            for alias in aliases:
                for table in append_only_tables():
                    install_append_only(table, connections[alias])
                for seal in seals():
                    install_seal(seal, connections[alias])
        _put_back_shipped_rows()

    TransactionTestCase._fixture_teardown = _fixture_teardown  # type: ignore[method-assign]


#: The rows the migrations ship (data migration, its forward function), which a flush empties.
SHIPPED_ROWS = (
    ("parure.auctions.migrations.0002_standard_ladder_and_premium", "forward"),
    ("parure.catalogue.migrations.0003_laboratories", "add_laboratories"),
    ("parure.inventory.migrations.0003_ledger_head_and_label_stocks", "seed"),
)


def _put_back_shipped_rows() -> None:
    """After a transactional test's flush, the database is left as migrated, not emptier.

    Without this, a test reading the shipped ladder (``parure demo``, for one) passed or failed by
    which test files its process ran before it: under pytest-xdist's workers that order changes.
    """
    import importlib

    from django.apps import apps

    for module, function in SHIPPED_ROWS:
        getattr(importlib.import_module(module), function)(apps, None)


_flush_around_append_only_tables()


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


# How long a browser test's expectations wait for the page to show what they expect: Playwright's 5 s
# default is short on a loaded 2-core machine, where the suite's two workers and the live server share the
# cores and a round trip (or the saleroom board's 400 ms poll) can come late. A ceiling on a wait, never a
# duration asserted: an expectation that holds passes as soon as it holds.
EXPECT_WAIT_MS = 15_000


@pytest.fixture(scope="session", autouse=True)
def _browser_expectations_wait() -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_WAIT_MS)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; browser tests must run in CI (.ci/run installs it).")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); browser tests skipped locally.")
    return {
        **browser_type_launch_args,
        "executable_path": path,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            # A second window (the saleroom board beside the clerk's screen) stands on its own screen in
            # the saleroom; here it is a hidden page, whose timers Chromium would otherwise slow or stop.
            "--disable-background-timer-throttling",
            "--disable-backgrounding-occluded-windows",
            "--disable-renderer-backgrounding",
        ],
    }


def office_today(person: Staff) -> Any:
    """Today in ``person``'s office, the day their pages reckon with (not the machine's day)."""
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    return timezone.localdate(timezone=ZoneInfo(person.office.time_zone))
