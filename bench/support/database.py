"""A throwaway PostgreSQL database for one benchmark run: created on the server named by ``DATABASE_URL``
(default: the local server), Django configured on it and migrated, dropped at the end unless kept; and the
median timing the benchmarks report."""

from __future__ import annotations

import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def with_database(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")


def _admin(server_url: str, sql: str) -> None:
    import psycopg

    server = with_database(server_url, "postgres").replace("postgres://", "postgresql://")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql)


@contextmanager
def throwaway(prefix: str, *, keep: bool = False) -> Iterator[str]:
    """A new database named ``<prefix>_<pid>``, Django set up and migrated on it; dropped afterwards."""
    server_url = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
    name = f"{prefix}_{os.getpid()}"
    _admin(server_url, f'CREATE DATABASE "{name}"')
    try:
        os.environ["DATABASE_URL"] = with_database(server_url, name)
        os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
        os.environ.setdefault("PARURE_LEDGER_KEY", "bench-" + secrets.token_hex(24))
        os.environ.setdefault("PARURE_VAR_DIR", tempfile.mkdtemp(prefix="parure-bench-"))
        import logging

        import django

        django.setup()
        logging.getLogger("parure.request").setLevel(logging.WARNING)
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        yield name
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            _admin(server_url, f'DROP DATABASE IF EXISTS "{name}"')


def median(call: Callable[[], Any], runs: int) -> float:
    """The median of ``runs`` timed calls of ``call``, after one call to warm it."""
    call()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)
