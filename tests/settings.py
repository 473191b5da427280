"""Settings for the test suite: Parure's own, with fast hashing and tasks run immediately."""

import os
import tempfile

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# beside it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("PARURE_DEBUG", "0")
os.environ.setdefault("PARURE_SECRET_KEY", "tests-only-" + "x" * 60)
os.environ.setdefault("PARURE_LEDGER_KEY", "tests-only-ledger-key-7Hq2vN9xKp4rW8mZ3bT6yL1cF5sD0gJ")
os.environ.setdefault("PARURE_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("PARURE_HTTPS", "0")
os.environ.setdefault("PARURE_TASKS_IMMEDIATE", "1")
os.environ.setdefault("PARURE_VAR_DIR", tempfile.mkdtemp(prefix="parure-tests-"))

from parure.settings import *  # noqa: F403
from parure.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tasks run at once in tests; the worker's own test enqueues on the database backend.
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
