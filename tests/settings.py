"""Settings for the test suite: Parure's own, with fast hashing and tasks run immediately."""

import os
import tempfile

os.environ.setdefault("PARURE_DEBUG", "0")
os.environ.setdefault("PARURE_SECRET_KEY", "tests-only-" + "x" * 60)
os.environ.setdefault("PARURE_LEDGER_KEY", "tests-only-ledger-key-0123456789abcdef")
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
