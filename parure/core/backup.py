"""Consistent backups of the database and stored files, and refusing restores of bad ones.

A backup is a folder::

    database.sqlite3 | database.dump   SQLite's online backup, or pg_dump's custom format
    files/…                            a copy of the stored files (MEDIA_ROOT)
    manifest.json                      what is in it, with a SHA-256 and size per file
    manifest.json.sha256               the manifest's own checksum

The manifest is written last, so a backup cut short has none and is refused. A restore first
verifies every file against the manifest and refuses a damaged, partial or foreign backup
before touching anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import parure

FORMAT = "parure-backup/1"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that was refused, with the reason."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    engine: str
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db.get("HOST") or "localhost"),
            "PGPORT": str(db.get("PORT") or 5432),
            "PGUSER": str(db.get("USER") or ""),
            "PGDATABASE": str(db["NAME"]),
        }
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.stdout.strip()}")


def _latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return latest


def create_backup(destination: Path) -> BackupSummary:
    """Write a consistent copy of the database and files into an empty or new folder."""
    destination = destination.resolve()
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty; choose a new folder for the backup.")
    destination.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(destination / "database.sqlite3")
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif vendor == "postgresql":
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(destination / "database.dump"),
            ]
        )
    else:
        raise BackupError(f"Backups are not implemented for the {vendor} database.")

    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, destination / "files", dirs_exist_ok=True)

    entries: dict[str, dict[str, Any]] = {}
    total = 0
    for path in sorted(destination.rglob("*")):
        if path.is_file():
            size = path.stat().st_size
            total += size
            entries[path.relative_to(destination).as_posix()] = {"sha256": _sha256(path), "size": size}
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "parure_version": parure.__version__,
        "engine": vendor,
        "migrations": _latest_migrations(),
        "files": entries,
    }
    text = json.dumps(manifest, indent=2, sort_keys=True)
    (destination / MANIFEST).write_text(text)
    (destination / (MANIFEST + ".sha256")).write_text(hashlib.sha256(text.encode()).hexdigest() + "\n")
    return BackupSummary(destination, vendor, len(entries), total)


def verify_backup(source: Path) -> dict[str, Any]:
    """Check a backup against its manifest; raise BackupError naming the first problem."""
    source = source.resolve()
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{source} has no {MANIFEST}: the backup is partial or not a Parure backup.")
    text = manifest_path.read_text()
    checksum_path = source / (MANIFEST + ".sha256")
    if not checksum_path.exists() or checksum_path.read_text().strip() != hashlib.sha256(text.encode()).hexdigest():
        raise BackupError("The manifest does not match its checksum: the backup has been altered or damaged.")
    manifest: dict[str, Any] = json.loads(text)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}; expected {FORMAT}.")
    listed = manifest["files"]
    for name, expected in listed.items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup.")
        if path.stat().st_size != expected["size"] or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged.")
    present = {
        p.relative_to(source).as_posix()
        for p in source.rglob("*")
        if p.is_file() and p.name not in (MANIFEST, MANIFEST + ".sha256")
    }
    extra = sorted(present - set(listed))
    if extra:
        raise BackupError(f"{extra[0]} is in the backup folder but not in its manifest.")
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; this installation uses {connection.vendor}."
        )
    return manifest


def restore_backup(source: Path) -> dict[str, Any]:
    """Verify, then replace the database and stored files with the backup's."""
    source = source.resolve()
    manifest = verify_backup(source)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        origin = sqlite3.connect(source / "database.sqlite3")
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    else:
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--dbname",
                str(connection.settings_dict["NAME"]),
                str(source / "database.dump"),
            ]
        )

    media = Path(settings.MEDIA_ROOT)
    files = source / "files"
    media.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media.parent))
    if files.exists():
        shutil.copytree(files, staging, dirs_exist_ok=True)
    if media.exists():
        shutil.rmtree(media)
    staging.rename(media)
    return manifest
