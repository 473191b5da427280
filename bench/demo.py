"""How long the demonstration department takes to build, on a throwaway SQLite database.

Run as ``.venv/bin/python bench/demo.py`` (``make bench``). The test suite checks what the demo
builds (tests/inventory/test_jobs_and_commands.py) but never how fast, so that a busy machine
cannot fail a correct change; this script prints the time instead. Each build runs in a fresh
database; the figure is the median of ``--runs`` builds (default 3). In the same run it times,
as a baseline, ``ledger verify`` over the ledger just built: the same events hashed through the
same chain, without the simulation and the inserts, so the two figures show how much of the
build is the department's own work. Options: ``--runs N``, ``--keep`` (leave the databases).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _one_build() -> None:
    """Runs in a child process whose environment points at a fresh database; prints three figures."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from parure.core.demo import build_offices_and_staff
    from parure.inventory import demo, ledger
    from parure.inventory.models import CustodyEvent, Item

    call_command("migrate", verbosity=0)
    build_offices_and_staff(lambda line: None)
    started = time.perf_counter()
    with transaction.atomic():  # as ``parure demo`` builds it
        demo.build(lambda line: None)
    built = time.perf_counter() - started
    started = time.perf_counter()
    result = ledger.verify()
    verified = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"The demonstration ledger does not verify: {result.problem}")
    print(f"{built:.6f} {verified:.6f} {Item.objects.count()} {CustodyEvent.objects.count()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="Leave the throwaway databases on disk.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        _one_build()
        return
    builds, verifies = [], []
    pieces = events = 0
    for run in range(1, options.runs + 1):
        var_dir = tempfile.mkdtemp(prefix="parure-bench-demo-")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "parure.settings",
            "PARURE_VAR_DIR": var_dir,
            "PARURE_DEBUG": "1",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("DATABASE_URL", None)  # always SQLite: the embedded default the demo is run on
        try:
            output = subprocess.run(
                [sys.executable, __file__, "--child"], env=env, check=True, stdout=subprocess.PIPE, text=True
            ).stdout.split()
        finally:
            if not options.keep:
                shutil.rmtree(var_dir, ignore_errors=True)
        built, verified, pieces, events = float(output[0]), float(output[1]), int(output[2]), int(output[3])
        builds.append(built)
        verifies.append(verified)
        print(f"  run {run}: demo build {built:.2f} s, ledger verify {verified:.3f} s")
    build, verify = statistics.median(builds), statistics.median(verifies)
    print(f"Demonstration custody: {pieces} pieces, {events} events (SQLite, median of {options.runs})")
    print(f"  demo build             {build:8.2f} s")
    print(f"  baseline: verify chain {verify:8.3f} s   (build is {build / verify:.0f}x the hashing alone)")


if __name__ == "__main__":
    main()
