"""Django settings for Parure, all read from the environment (see docs/deployment.md).

Development defaults apply only when ``PARURE_DEBUG`` is on; in production every secret, host
and address must be given, and ``parure check --deploy`` reports nothing.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP  # type: ignore[attr-defined,unused-ignore]

from parure.env import env_bool, env_int, env_json_object, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PARURE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("PARURE_DEBUG", False)


def _development_secret(filename: str, nbytes: int = 50) -> str:
    """Read, or create on first run, a random secret kept under var/ (development only)."""
    path = VAR_DIR / filename
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(nbytes))
        path.chmod(0o600)
    return path.read_text().strip()


if DEBUG:
    SECRET_KEY = env_str("PARURE_SECRET_KEY", "") or _development_secret("secret_key")
else:
    SECRET_KEY = env_str("PARURE_SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("PARURE_SECRET_KEY must be at least 50 characters long.")

ALLOWED_HOSTS = env_list("PARURE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else None)
CSRF_TRUSTED_ORIGINS = env_list("PARURE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "parure.core",
    "parure.inventory",
    "parure.clients",
    "parure.catalogue",
    "parure.auctions",
    "parure.billing",
    "parure.services",
    "parure.shipping",
    "parure.research",
]

MIDDLEWARE = [
    "parure.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "parure.core.middleware.SessionRenewalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "parure.core.middleware.OfficeTimezoneMiddleware",
    "parure.core.middleware.AccessPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "parure.urls"
WSGI_APPLICATION = "parure.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parure.core.context_processors.parure",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'parure.sqlite3'}"),
        conn_max_age=env_int("PARURE_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of failing
        # half-way through a transaction; WAL lets readers go on while one writes.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- The custody ledger's keys --------------------------------------------------------------------
# Kept outside the database (docs/custody.md, "Keys"): the current key signs new events; retired
# keys only verify the spans they signed.
def _development_ledger_key(database: dict[str, Any]) -> str:
    """The development key belongs with the database it signs: next to the SQLite file, or named after the database."""
    if database["ENGINE"] == "django.db.backends.sqlite3" and str(database["NAME"]) not in ("", ":memory:"):
        path = Path(f"{database['NAME']}.ledger-key")
    else:
        label = "-".join(str(database.get(part) or "") for part in ("HOST", "PORT", "NAME"))
        path = VAR_DIR / f"ledger_key.{''.join(c if c.isalnum() or c in '.-_' else '_' for c in label)}"
    if not path.exists():
        # Before keys lived beside their database, one var/ledger_key signed whatever database was
        # configured: an existing database most likely was signed by it, so it moves here (and if
        # the guess is wrong, `parure check` says so before anything is appended).
        shared = VAR_DIR / "ledger_key"
        sqlite_file = Path(str(database["NAME"])) if database["ENGINE"] == "django.db.backends.sqlite3" else None
        inherits = shared.exists() and (sqlite_file is None or sqlite_file.exists())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(shared.read_text().strip() if inherits else secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _read_key_file(variable: str) -> str:
    name = env_str(variable)
    try:
        return Path(name).read_text()
    except OSError as error:
        raise ImproperlyConfigured(f"{variable} names {name}, which cannot be read: {error.strerror}.") from None


if env_str("PARURE_LEDGER_KEY_FILE", ""):
    PARURE_LEDGER_KEY = _read_key_file("PARURE_LEDGER_KEY_FILE").strip()
elif DEBUG:
    PARURE_LEDGER_KEY = env_str("PARURE_LEDGER_KEY", "") or _development_ledger_key(dict(DATABASES["default"]))
else:
    PARURE_LEDGER_KEY = env_str("PARURE_LEDGER_KEY")
PARURE_LEDGER_OLD_KEYS = env_list("PARURE_LEDGER_OLD_KEYS", [])
if env_str("PARURE_LEDGER_OLD_KEYS_FILE", ""):
    PARURE_LEDGER_OLD_KEYS += [
        line.strip()
        for line in _read_key_file("PARURE_LEDGER_OLD_KEYS_FILE").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
if PARURE_LEDGER_KEY in PARURE_LEDGER_OLD_KEYS:
    raise ImproperlyConfigured(
        "PARURE_LEDGER_OLD_KEYS holds the current ledger key (PARURE_LEDGER_KEY); list only retired keys there."
    )
if len(set(PARURE_LEDGER_OLD_KEYS)) != len(PARURE_LEDGER_OLD_KEYS):
    raise ImproperlyConfigured("PARURE_LEDGER_OLD_KEYS lists the same key twice; list each retired key once.")
if not DEBUG:
    # In production a weak key stops the start-up; in development `parure check` reports it.
    from parure.inventory.ledger_keys import weakness

    if (_weak := weakness(PARURE_LEDGER_KEY)) is not None:
        raise ImproperlyConfigured(_weak)

# --- Authentication ------------------------------------------------------------------------
AUTH_USER_MODEL = "core.Staff"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # The policy (rules) has the last word on permissions; sessions load people through
    # StaffBackend; ModelBackend checks passwords (see parure.core.backends).
    "parure.core.backends.PolicyBackend",
    "parure.core.backends.StaffBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Lockout after repeated failures: per account and address, for a cooling-off period.
AXES_FAILURE_LIMIT = env_int("PARURE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("PARURE_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "parure.core.views.auth.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("PARURE_PROXY_COUNT", 0)

# Sessions end after this much inactivity. Activity renews them, at most once a minute
# (parure.core.middleware.SessionRenewalMiddleware), rather than a write on every request.
SESSION_COOKIE_AGE = env_int("PARURE_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
PARURE_SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

OTP_TOTP_ISSUER = env_str("PARURE_OTP_ISSUER", "Parure")

# --- Security headers ----------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
_behind_tls = not DEBUG and env_bool("PARURE_HTTPS", True)
SESSION_COOKIE_SECURE = _behind_tls
CSRF_COOKIE_SECURE = _behind_tls
SECURE_SSL_REDIRECT = _behind_tls and env_bool("PARURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31_536_000 if _behind_tls else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _behind_tls
SECURE_HSTS_PRELOAD = _behind_tls
if env_bool("PARURE_TRUST_PROXY_HTTPS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("PARURE_MEDIA_ROOT", str(VAR_DIR / "media")))
# Stored files (photographs, their derivatives, PDFs made in the background) go through Django's
# storage API: local disk under MEDIA_ROOT by default; any other backend by its dotted path in
# PARURE_STORAGE_BACKEND (PARURE_FILE_STORAGE is the older name) with its options as a JSON
# object in PARURE_STORAGE_OPTIONS, e.g. storages.backends.s3.S3Storage (docs/deployment.md).
_storage_backend = env_str(
    "PARURE_STORAGE_BACKEND", env_str("PARURE_FILE_STORAGE", "django.core.files.storage.FileSystemStorage")
)
_storage_options = env_json_object("PARURE_STORAGE_OPTIONS")
STORAGES = {
    "default": {"BACKEND": _storage_backend, **({"OPTIONS": _storage_options} if _storage_options else {})},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: a request whose body is over PARURE_UPLOAD_MAX_BYTES has its files skipped unread
# (parure.core.uploads); each import then applies its own, smaller limit before reading.
PARURE_UPLOAD_MAX_BYTES = env_int("PARURE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# Bodies that are not files (forms, the API's JSON) are refused past this size (413 in the API).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("PARURE_DATA_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# Files above this go to a temporary file while the request is read, not to memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A photograph is refused past PARURE_IMAGE_MAX_BYTES (never more than the site-wide limit
# above) or PARURE_IMAGE_MAX_PIXELS (a decompression bomb: a small file that claims a huge image).
PARURE_IMAGE_MAX_BYTES = env_int("PARURE_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
PARURE_IMAGE_MAX_PIXELS = env_int("PARURE_IMAGE_MAX_PIXELS", 80_000_000)
# Published images are served through a view that checks the viewer's permission; set this to
# serve derivatives straight from the storage's own URLs (a public bucket or CDN) instead.
PARURE_PUBLIC_IMAGES = env_bool("PARURE_PUBLIC_IMAGES", False)
FILE_UPLOAD_HANDLERS = [
    "parure.core.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- E-mail --------------------------------------------------------------------------------
_mailer: dict[str, Any]
if DEBUG:
    _mailer = {"BACKEND": env_str("PARURE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}
else:
    _mailer = {
        "BACKEND": env_str("PARURE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            "host": env_str("PARURE_EMAIL_HOST", "localhost"),
            "port": env_int("PARURE_EMAIL_PORT", 587),
            "username": env_str("PARURE_EMAIL_USER", ""),
            "password": env_str("PARURE_EMAIL_PASSWORD", ""),
            "use_tls": env_bool("PARURE_EMAIL_TLS", True),
        },
    }
    if not _mailer["BACKEND"].endswith("smtp.EmailBackend"):
        _mailer.pop("OPTIONS")
MAILERS = {"default": _mailer}
DEFAULT_FROM_EMAIL = env_str("PARURE_FROM_EMAIL", "Parure <parure@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache -------------------------------------------------------------------------------
# Rate limits (parure.core.ratelimit: the public inquiry form, password resets) must be shared by
# every web process: the database's cache table by default (created by core's migrations), Redis
# when PARURE_REDIS_URL is set.
_redis_url = env_str("PARURE_REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
    if _redis_url
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "parure_cache"}
}

# --- Background work -----------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if env_bool("PARURE_TASKS_IMMEDIATE", False)
        else "django_tasks_db.DatabaseBackend",
    }
}

# --- Logging -------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "parure.core.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain" if DEBUG else "json"},
    },
    "root": {"handlers": ["console"], "level": env_str("PARURE_LOG_LEVEL", "INFO")},
    "loggers": {
        # Our own one-line-per-request log replaces Django's request logging.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}

# --- Parure's own ---------------------------------------------------------------------------
PARURE_DEMO_PASSWORD = "parure-demo-2026"  # noqa: S105 - the published demo login, not a secret
PARURE_ROLES_REQUIRING_2FA = ("administrator", "finance")
