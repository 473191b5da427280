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
_var_dir = os.environ.setdefault("PARURE_VAR_DIR", tempfile.mkdtemp(prefix="parure-tests-"))
# pytest-xdist's workers inherit the controller's environment, PARURE_VAR_DIR with it: each worker
# takes a directory of its own inside it, so media, screenshots and exports never meet.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker and os.path.basename(_var_dir) != _worker:
    os.environ["PARURE_VAR_DIR"] = os.path.join(_var_dir, _worker)

from parure.settings import *  # noqa: E402, F403
from parure.settings import STORAGES  # noqa: E402

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
