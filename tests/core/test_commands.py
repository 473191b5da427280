"""The `parure` command: demo, createuser, worker and daily jobs, backup and restore, deploy checks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from parure.core.models import Office, ScheduledJobRun, Setting, Staff
from parure.core.tasks import enqueue_due_daily_jobs
from tests.conftest import Cast


def _run(*args: str, stdin: str = "") -> str:
    out = io.StringIO()
    sys_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command(*args, stdout=out)
    finally:
        sys.stdin = sys_stdin
    return out.getvalue()


@pytest.mark.django_db
def test_demo_builds_the_department_and_prints_the_logins() -> None:
    output = _run("demo")
    assert sorted(Office.objects.values_list("code", flat=True)) == ["GE", "HK", "LN", "NY"]
    assert Staff.objects.count() == 15
    assert sorted(set(Staff.objects.values_list("role", flat=True))) == [
        "administrator", "auditor", "finance", "logistics", "senior_specialist", "specialist_assistant",
    ]  # fmt: skip
    assert "Demo logins (password for all: parure-demo-2026):" in output
    assert "simon      Administrator  (sets up two-factor at first sign-in)" in output
    # --if-empty leaves a loaded demo alone but still prints the logins.
    again = _run("demo", "--if-empty")
    assert "demonstration data not loaded again" in again and "eleanor" in again
    assert Staff.objects.count() == 15


@pytest.mark.django_db
def test_demo_refuses_a_database_with_real_records() -> None:
    office = Office.objects.create(code="PA", name="Paris", time_zone="Europe/Paris", currency="EUR", locale="fr_FR")
    Staff.objects.create(username="real.person", office=office)
    with pytest.raises(CommandError, match="holds records that are not demonstration data"):
        _run("demo")
    assert Staff.objects.count() == 1 and not Setting.objects.filter(key="demo.loaded").exists()


def test_createuser_adds_staff_and_refuses_bad_input(cast: Cast) -> None:
    output = _run(
        "createuser",
        "iris",
        "--role",
        "auditor",
        "--office",
        "ln",
        "--password-stdin",
        stdin="a-long-enough-passphrase\n",
    )
    assert output.strip() == "Created iris (Auditor, London)."
    iris = Staff.objects.get(username="iris")
    assert iris.check_password("a-long-enough-passphrase") and iris.office.code == "LN"  # type: ignore[union-attr]
    with pytest.raises(CommandError, match="There is no office with the code ‘XX’"):
        _run(
            "createuser",
            "ivan",
            "--role",
            "auditor",
            "--office",
            "XX",
            "--password-stdin",
            stdin="whatever-long-pass\n",
        )
    with pytest.raises(CommandError, match="Password refused: This password is too short"):
        _run("createuser", "ivan", "--role", "auditor", "--office", "NY", "--password-stdin", stdin="short\n")
    with pytest.raises(CommandError, match="already exists"):
        _run(
            "createuser",
            "iris",
            "--role",
            "auditor",
            "--office",
            "NY",
            "--password-stdin",
            stdin="a-long-enough-passphrase\n",
        )
    assert not Staff.objects.filter(username="ivan").exists()


@pytest.mark.django_db
def test_daily_jobs_are_enqueued_once_a_day_from_their_hour() -> None:
    early = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
    later = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)
    assert "core.clear_expired_sessions" not in enqueue_due_daily_jobs(early)
    assert "core.clear_expired_sessions" in enqueue_due_daily_jobs(later)
    assert "core.clear_expired_sessions" not in enqueue_due_daily_jobs(later)  # once only
    assert ScheduledJobRun.objects.filter(job="core.clear_expired_sessions").count() == 1


@pytest.mark.django_db(transaction=True)  # the worker closes stale connections, as in production
def test_the_worker_runs_queued_tasks_from_the_database() -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django_tasks_db.models import DBTaskResult

    from parure.core.tasks import clear_expired_sessions

    store = SessionStore()
    store.set_expiry(-10)
    store.create()
    result = clear_expired_sessions.using(backend="database").enqueue()
    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    _run("worker", "--once", "--backend", "database")
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert not Session.objects.filter(session_key=store.session_key).exists()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    Path(settings.MEDIA_ROOT, "photos").mkdir(parents=True)
    Path(settings.MEDIA_ROOT, "photos", "ring.jpg").write_bytes(b"\xff\xd8 a photograph")
    office = Office.objects.create(code="PA", name="Paris", time_zone="Europe/Paris", currency="EUR", locale="fr_FR")

    output = _run("backup", str(tmp_path / "backup"))
    assert f"to {tmp_path / 'backup'}" in output
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert "files/photos/ring.jpg" in manifest["files"]

    # Life goes on after the backup: a record is changed, a file replaced, another added.
    Office.objects.filter(pk=office.pk).update(name="Paris (renamed)")
    Office.objects.create(code="MI", name="Milan", time_zone="Europe/Rome", currency="EUR", locale="it_IT")
    Path(settings.MEDIA_ROOT, "photos", "ring.jpg").write_bytes(b"overwritten")

    assert "complete and intact" in _run("restore", str(tmp_path / "backup"), "--check")
    _run("restore", str(tmp_path / "backup"), "--yes")
    assert list(Office.objects.values_list("name", flat=True)) == ["Paris"]
    assert Path(settings.MEDIA_ROOT, "photos", "ring.jpg").read_bytes() == b"\xff\xd8 a photograph"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_partial_or_padded_backup(tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    Path(settings.MEDIA_ROOT).mkdir()
    Path(settings.MEDIA_ROOT, "a.txt").write_text("a")
    Office.objects.create(code="PA", name="Paris", time_zone="Europe/Paris", currency="EUR", locale="fr_FR")
    _run("backup", str(tmp_path / "b"))
    Office.objects.create(code="MI", name="Milan", time_zone="Europe/Rome", currency="EUR", locale="it_IT")

    database = next(p for p in (tmp_path / "b").iterdir() if p.name.startswith("database."))
    original = database.read_bytes()
    database.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    with pytest.raises(CommandError, match=f"Restore refused: {database.name} does not match its checksum"):
        _run("restore", str(tmp_path / "b"), "--yes")
    database.write_bytes(original)

    (tmp_path / "b" / "files" / "extra.txt").write_text("slipped in")
    with pytest.raises(CommandError, match="files/extra.txt is in the backup folder but not in its manifest"):
        _run("restore", str(tmp_path / "b"), "--yes")
    (tmp_path / "b" / "files" / "extra.txt").unlink()

    (tmp_path / "b" / "files" / "a.txt").unlink()
    with pytest.raises(CommandError, match="files/a.txt is missing from the backup"):
        _run("restore", str(tmp_path / "b"), "--yes")

    (tmp_path / "b" / "manifest.json").unlink()
    with pytest.raises(CommandError, match="has no manifest.json: the backup is partial"):
        _run("restore", str(tmp_path / "b"), "--yes")
    # Nothing was changed by any refused restore.
    assert sorted(Office.objects.values_list("code", flat=True)) == ["MI", "PA"]


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path: Path, db: Any) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x").write_text("x")
    with pytest.raises(CommandError, match="is not empty; choose a new folder"):
        _run("backup", str(tmp_path / "old"))


def test_production_settings_pass_the_deploy_checks(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "parure.settings",
        "PARURE_SECRET_KEY": "p" * 20 + "r0duction-secret-key-for-the-check-only-0123456789",
        "PARURE_LEDGER_KEY": "ledger-key-for-the-check-only-4fT9qZ2mX7vB1nK8wR3c",
        "PARURE_ALLOWED_HOSTS": "parure.example",
        "PARURE_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "parure.settings", "PARURE_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "PARURE_SECRET_KEY must be set in the environment." in result.stderr


def test_development_generates_its_secret_key_into_var(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "parure.settings",
        "PARURE_VAR_DIR": str(tmp_path),
        "PARURE_DEBUG": "1",
    }
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    second = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert first.stdout == second.stdout == (tmp_path / "secret_key").read_text() + "\n"
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert first.stdout.strip() != settings.SECRET_KEY
