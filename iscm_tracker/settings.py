"""Settings for ISCM Tracker, all read from the environment.

Development defaults are safe for a laptop (SQLite, DEBUG on, localhost only). Production mode is
``DEBUG=0``: it needs ``SECRET_KEY`` and ``ALLOWED_HOSTS`` and turns on HTTPS-only cookies and
HSTS, so that ``manage.py check --deploy`` passes with the variables documented in the README.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise SystemExit(
            "ISCM Tracker refuses to start: SECRET_KEY is not set and DEBUG is off (production "
            "mode); set SECRET_KEY to a long random string."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# A reason for change is often a proposal's whole rationale: a text column, not the 100
# characters django-simple-history gives by default (PostgreSQL refused longer ones).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "guidelines",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # brotli/gzip for pages, JSON and CSV; outside every middleware that writes the body, so it
    # compresses last. Static files come precompressed from WhiteNoise, never compressed again.
    "guidelines.compression.CompressionMiddleware",
    "guidelines.middleware.DatabaseRetryMiddleware",
    "guidelines.middleware.ApiErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "guidelines.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "guidelines.middleware.HeaderCountsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "guidelines.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iscm_tracker.urls"
WSGI_APPLICATION = "iscm_tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guidelines.context_processors.role",
                "guidelines.context_processors.header",
                "guidelines.context_processors.xref",
            ],
        },
    },
]

# Persistent connections in production (60 s: pages were 14-32 % faster than connecting for each
# request); each of gunicorn's threads keeps its own, so a server holds up to WEB_CONCURRENCY x
# GUNICORN_THREADS connections (README, "Deployment"). Under DEBUG (runserver, tests): per request.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE") or ("0" if DEBUG else "60")),
        # A connection kept between requests is checked before use, so a restarted database
        # costs only the requests in flight at that instant (see DatabaseRetryMiddleware).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a real embedded database: readers never block the writer (WAL), a writer waits
    # for the lock instead of failing (busy timeout), and a transaction takes the write lock when
    # it starts (IMMEDIATE), so the development server's threads, the task worker and a
    # management command can all write at once without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "30")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: short web queries whose estimated cost crosses jit_above_cost (the header's work
    # queue counts with 10,000 comments) spent over a second compiling, for 80 ms of work.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "guidelines.User"

# django-axes first: it refuses a sign-in while the username + address is locked out (even with
# the right password) and counts the failures; then Django's own check of the password.
AUTHENTICATION_BACKENDS = [
    "guidelines.auth_backends.AxesBackend",
    "guidelines.auth_backends.ModelBackend",
]  # axes' and Django's, reading the user with their delegation (guidelines/auth_backends.py)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "guidelines:document_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", BASE_DIR / "var" / "exports"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Exported files. Several app servers and workers share them: point this at a shared
    # folder, or at S3-compatible storage (README, "Deployment").
    "exports": {
        "BACKEND": os.environ.get(
            "EXPORT_STORAGE_BACKEND", "guidelines.exports.storage.AtomicFileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ.get("EXPORT_STORAGE_OPTIONS", "") or "null")
        or {"location": str(EXPORT_DIR)},
    },
    # Production: hashed names (css/app.3f2a9c1b7e4d.css), gzip and brotli copies made by
    # collectstatic (`make serve-prod` runs it); WhiteNoise serves hashed files as immutable for
    # ten years, and a changed file gets a new name.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Security: sensible everywhere, strict in production mode.
# Behind one TLS-terminating reverse proxy (nginx, Caddy…) that sets X-Forwarded-Proto and
# appends the client's address to X-Forwarded-For. Only then are those headers believed.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load tests only (make load): plain HTTP on 127.0.0.1, no TLS in front. Never in production.
    if env_bool("INSECURE_LOOPBACK", False):
        if set(ALLOWED_HOSTS) - {"127.0.0.1", "localhost", "[::1]"}:
            raise SystemExit("INSECURE_LOOPBACK=1 is for loopback load tests only.")
        SECURE_SSL_REDIRECT = False
        SESSION_COOKIE_SECURE = False
        CSRF_COOKIE_SECURE = False
        SECURE_HSTS_SECONDS = 0

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT failed sign-ins for one username
# from one address, that pair is locked out for LOGIN_LOCKOUT_MINUTES after the last failure
# (429 page; the right password is refused too). The secretariat lifts a lockout early by
# deleting the access attempt in the admin. Every failure (AccessFailureLog) and every sign-in
# (AccessLog) is kept for the audit trail.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "guidelines.views.accounts.locked_out"
# REMOTE_ADDR, or X-Forwarded-For as the proxy wrote it when BEHIND_TLS_PROXY is set.
AXES_CLIENT_IP_CALLABLE = "guidelines.security.client_ip"

# Two-factor sign-in (TOTP, django-otp): anyone may turn it on (Account › Two-factor sign-in);
# with TWO_FACTOR_REQUIRED=1 the facilitator and the secretariat must set it up at sign-in.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = "ISCM Tracker"

# Limits on what one user may create, counted in the database over a sliding window (so they
# hold across processes and machines): action -> (how many, per how many minutes). Generous for
# a drafting group; RATE_LIMITS (JSON, e.g. {"comment": [100, 10]}) overrides some of them.
RATE_LIMITS = {
    "comment": (60, 10),  # comments and replies, on sections and on proposals
    "proposal": (30, 10),
    "export": (20, 10),  # new export jobs (a stored file is always served)
}
RATE_LIMITS |= {k: tuple(v) for k, v in json.loads(os.environ.get("RATE_LIMITS") or "{}").items()}

# The API's throttle (django-ninja's syntax: "300/m", "1000/h"): per user, and per client address
# for anonymous and bad-token requests. It counts in Django's cache: the default in-memory cache
# is per process, so with several workers set CACHE_BACKEND to a shared cache (the database cache
# after `manage.py createcachetable`, or Redis/memcached) for one limit across them.
API_RATE = os.environ.get("API_RATE", "300/m")
RENDER_CACHE_BACKEND = os.environ.get(
    "RENDER_CACHE_BACKEND", "guidelines.cache_backends.BatchDatabaseCache"
)
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", ""),
    },
    # Sections' rendered (sanitised) HTML, shared by every process (rendering/render_cache.py).
    # By default a table in the database (migration 0025 creates it), so every app server on one
    # database shares it; Redis or memcached also do (README, "Rendered sections cache").
    # Entries are addressed by their content, so they never go stale: no expiry, only a bound.
    "rendered": {
        "BACKEND": RENDER_CACHE_BACKEND,
        "LOCATION": os.environ.get("RENDER_CACHE_LOCATION", "iscm_rendered_cache"),
        "TIMEOUT": None,
        "KEY_PREFIX": "iscm",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("RENDER_CACHE_MAX_ENTRIES", "100000"))}
        if RENDER_CACHE_BACKEND.endswith(("DatabaseCache", "FileBasedCache", "LocMemCache"))
        else {},  # Redis and memcached pass OPTIONS to their client and bound themselves
    },
}

# Limits on what users may submit.
SECTION_BODY_MAX_BYTES = 200 * 1024
COMMENT_BODY_MAX_BYTES = 20 * 1024
# Import from Word: the largest .docx accepted (guidelines/imports/safety.py).
WORD_IMPORT_MAX_BYTES = int(os.environ.get("WORD_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
# The redline shown while proposing is computed on every pause in typing: above this size (of
# the typed text or the current one) it is not computed live (the proposal page still shows it).
LIVE_REDLINE_MAX_BYTES = 64 * 1024
COMMENT_EDIT_GRACE_MINUTES = 15
# The header's "To do (N)" and unread counts are kept this many seconds per user in the shared
# cache (0: counted on every page); the user's own writes and the pages listing what is counted
# count afresh (guidelines/header_counts.py).
HEADER_COUNTS_MAX_AGE = int(os.environ.get("HEADER_COUNTS_MAX_AGE", "15"))

# E-mail (console by default; SMTP when EMAIL_HOST is set).
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ISCM Tracker <iscm-tracker@localhost>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]

# Background work (exports, e-mail) runs on Django's tasks API with the database backend: the
# web process only enqueues; `manage.py worker` runs the tasks (`make run` starts one).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# A running export renews its lease at every stage; one whose worker died is noticed when the
# lease runs out (at once when the worker ran on this machine) and retried once.
EXPORT_LEASE_SECONDS = int(os.environ.get("EXPORT_LEASE_SECONDS", "900"))
EXPORT_MAX_ATTEMPTS = 2
# A notification that could not be sent is tried again after 1, 4, 16, 64 minutes, then shown
# to the secretariat as failed (Outbox).
NOTIFICATION_MAX_ATTEMPTS = 5
NOTIFICATION_RETRY_BASE_SECONDS = int(os.environ.get("NOTIFICATION_RETRY_BASE_SECONDS", "60"))
NOTIFICATION_CLAIM_SECONDS = 300
# Consultation rounds: reminders to delegations that have not responded, this many days before
# the deadline (each sent once; "7,1": a week and a day before).
ROUND_REMINDER_DAYS = tuple(
    int(d) for d in os.environ.get("ROUND_REMINDER_DAYS", "7,1").split(",") if d.strip()
)
