"""Insignia's only settings module, driven by the environment.

Defaults run the demo on one machine: SQLite, Celery tasks executed in-process,
local-memory cache, e-mail printed to the console. Production switches on real
services with environment variables (see README, "Production"):

    DATABASE_URL=postgres://user@host:5432/insignia   -> PostgreSQL (psycopg 3)
    REDIS_URL=redis://host:6379/0                      -> Celery broker and cache on Redis
"""

from __future__ import annotations

from ipaddress import ip_network
from pathlib import Path

from celery.schedules import crontab
from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import storage
from config.environment import (
    database_from_url,
    env_bool,
    env_int,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------
# Core
# https://docs.djangoproject.com/en/5.2/ref/settings/
# ---------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_secret(
    "SECRET_KEY", "insecure-demo-secret-key-change-me" if DEBUG else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")

# The public base URL that appears inside issued credentials. It never changes
# once badges are published: every hosted URL is built from it.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

ALLOWED_HOSTS = [
    h.strip()
    for h in env_str("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h
]
CSRF_TRUSTED_ORIGINS = (
    [PUBLIC_BASE_URL] if PUBLIC_BASE_URL.startswith("https://") else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "audit",
    "issuers",
    "badges",
    "verifier",
    "bulk",
    "notifications",
    "wallet",
    "demo",
    "outbox",
    "oauth2_provider",
    "authserver",
    "hostapi",
    "hostlinks",
    "delivery",
    "insights",
]

MIDDLEWARE = [
    "config.logs.RequestIdMiddleware",  # first: every later log line carries the request id
    "config.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = (
    "start"  # staff to /staff/, learners to the backpack (config.views.start)
)
LOGOUT_REDIRECT_URL = "home"

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
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database: SQLite by default, PostgreSQL with DATABASE_URL
# ---------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Cache and Celery: in-process by default, Redis with REDIS_URL
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
# ---------------------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down is a cache miss, not an error page (config/cache.py).
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    # No broker: tasks run in the process that queues them (the demo, the first test pass).
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-task leaves the task for another
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# A broker that is down must not hold a request: a hand-over gives up within
# about a second and the outbox keeps the message (outbox/actions.py); workers
# and beat keep reconnecting for as long as it takes.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.3,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 5}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# The outbox (outbox/): how often waiting messages are handed over again, how
# long a handed-over message may take before it is handed over again (longer
# than the longest retry pause of any task: 16 minutes for e-mail), and after
# how many hand-overs it is given up as failed.
OUTBOX_SWEEP_SECONDS = env_int("OUTBOX_SWEEP_SECONDS", 15)
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 20 * 60)
OUTBOX_MAX_DISPATCHES = env_int("OUTBOX_MAX_DISPATCHES", 10)
# Done messages are kept this many days (to trace a delivery), then deleted; failed ones stay.
OUTBOX_KEEP_DAYS = env_int("OUTBOX_KEEP_DAYS", 14)
# A confirmed bulk upload that has not moved for this long has lost its worker.
BULK_STALLED_AFTER_SECONDS = env_int("BULK_STALLED_AFTER_SECONDS", 5 * 60)
# Periodic jobs (Celery beat). Each cron is spelled out in words.
CELERY_BEAT_SCHEDULE: dict = {
    # Every OUTBOX_SWEEP_SECONDS: hand over outbox messages that wait (the
    # broker was down when their change committed, or their task was lost).
    "sweep-outbox": {
        "task": "outbox.tasks.sweep",
        "schedule": float(OUTBOX_SWEEP_SECONDS),
    },
    # Every BULK_STALLED_AFTER_SECONDS (5 minutes): queue again the bulk
    # uploads that have not moved for as long, as their worker died mid-file
    # (Redis would only hand the lost task to another worker after an hour).
    "resume-stalled-uploads": {
        "task": "bulk.tasks.resume_stalled_uploads",
        "schedule": float(BULK_STALLED_AFTER_SECONDS),
    },
    # Every day at 04:30 UTC: forget outbox messages done OUTBOX_KEEP_DAYS ago.
    "prune-outbox": {
        "task": "outbox.tasks.prune",
        "schedule": crontab(minute="30", hour="4"),
    },
    # Every day at 04:45 UTC: delete expired OAuth access tokens, refresh tokens
    # and codes, and the record of codes spent more than a day ago.
    "clear-expired-oauth": {
        "task": "authserver.tasks.clear_expired",
        "schedule": crontab(minute="45", hour="4"),
    },
    # Every day at 04:50 UTC: delete expired OID4VCI nonces and wallet offers
    # that expired more than a day ago (the copies they delivered stay).
    "prune-wallet-offers": {
        "task": "delivery.tasks.prune_expired",
        "schedule": crontab(minute="50", hour="4"),
    },
    # Every day at 06:00 UTC: warn learners of awards expiring within 30 days,
    # and send each issuer's staff one digest of them.
    "warn-expiring-awards": {
        "task": "notifications.tasks.warn_expiring_awards",
        "schedule": crontab(minute="0", hour="6"),
    },
}

# ---------------------------------------------------------------------------
# Authentication
# ---------------------------------------------------------------------------

# Django's hashers for passwords; the last one is for OAuth client secrets only.
PASSWORD_HASHERS = [
    *global_settings.PASSWORD_HASHERS,
    "authserver.hashers.ClientSecretHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
# Sign-in attempts per minute per client address.
SIGN_IN_RATE_LIMIT = env_int("SIGN_IN_RATE_LIMIT", 10)

# ---------------------------------------------------------------------------
# Internationalisation: English and Latvian ship complete
# ---------------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("lv", _("Latvian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Riga")
USE_I18N = True
FORMAT_MODULE_PATH = [
    "config.formats"
]  # day-first English, 24-hour clock (config/formats)
USE_TZ = True

# ---------------------------------------------------------------------------
# Static and uploaded files
# ---------------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"
# Uploaded images on S3-protocol object storage with STORAGE_URL (or the usual
# AWS_* names), on local disk in MEDIA_ROOT otherwise. Form and choices:
# config/storage.py. check_storage() there is the readiness probe.
STORAGES = {
    "default": storage.default_storage_entry(
        storage_url=env_secret("STORAGE_URL"),
        aws={name: env_secret(name) for name in storage.AWS_NAMES},
        media_root=MEDIA_ROOT,
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Badge images: at most this many bytes and this many pixels on a side.
BADGE_IMAGE_MAX_BYTES = env_int("BADGE_IMAGE_MAX_BYTES", 2 * 1024 * 1024)
BADGE_IMAGE_MAX_SIDE = env_int("BADGE_IMAGE_MAX_SIDE", 2048)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# ---------------------------------------------------------------------------
# Signing keys: private keys are sealed with this key-encryption secret
# ---------------------------------------------------------------------------


def _demo_key_encryption_secret() -> str:
    """In DEBUG without a configured secret, use one generated once into var/ (the demo's)."""
    import secrets

    path = BASE_DIR / "var" / "key-encryption-secret"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


KEY_ENCRYPTION_SECRET = env_secret("KEY_ENCRYPTION_SECRET") or (
    _demo_key_encryption_secret() if DEBUG else ""
)

# ---------------------------------------------------------------------------
# E-mail: console in the demo, SMTP when EMAIL_HOST is set
# ---------------------------------------------------------------------------

EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_FILE_PATH = env_str(
    "EMAIL_FILE_PATH"
)  # write e-mails as files here instead (tests' worker)
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Insignia <no-reply@insignia.localhost>"
)

# ---------------------------------------------------------------------------
# OAuth 2.0 for the Open Badges 3.0 API (authserver/, hostapi/, hostlinks/)
# https://django-oauth-toolkit.readthedocs.io/en/latest/settings.html
# ---------------------------------------------------------------------------

OAUTH2_PROVIDER = {
    # The scopes and their plain words live in authserver/scopes.py.
    "SCOPES_BACKEND_CLASS": "authserver.scopes_backend.RegisteredScopes",
    "OAUTH2_VALIDATOR_CLASS": "authserver.validator.Validator",
    # OB 3.0 §7.1.2: PKCE with S256, codes used once; 1EdTech recommends
    # 600 s for a code and 3600 s for an access token.
    "PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    # Access and refresh tokens are kept as SHA-256 digests only (RFC 9700 §4.14).
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": env_int("OAUTH_CODE_SECONDS", 600),
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("OAUTH_ACCESS_TOKEN_SECONDS", 3600),
    "REFRESH_TOKEN_EXPIRE_SECONDS": env_int(
        "OAUTH_REFRESH_TOKEN_SECONDS", 180 * 24 * 3600
    ),
    "ROTATE_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "REFRESH_TOKEN_GRACE_PERIOD_SECONDS": 0,
    "REQUEST_APPROVAL_PROMPT": "force",  # the learner always sees the consent page
    "ALLOWED_REDIRECT_URI_SCHEMES": [
        "https",
        "http",
    ],  # http: loopback only (authserver/registration.py)
    "ERROR_RESPONSE_WITH_SCOPES": True,
    # Client secrets are random, so a salted SHA-256 is enough (authserver/hashers.py).
    "CLIENT_SECRET_HASHER": "client_secret_sha256",
}
# django-oauth-toolkit's own models, named so that migrations pointing at them resolve.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # noqa: S105 (a model name)
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"  # noqa: S105
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"  # noqa: S105
# Redirect URIs and client URLs on http://127.0.0.1 / localhost are accepted at registration
# (development and tests); everywhere else the OB 3.0 rule holds: https only.
OAUTH_ALLOW_LOOPBACK_HTTP = env_bool("OAUTH_ALLOW_LOOPBACK_HTTP", default=DEBUG)
# Client registrations and token requests per minute per client address.
OAUTH_REGISTRATION_RATE_LIMIT = env_int("OAUTH_REGISTRATION_RATE_LIMIT", 10)
OAUTH_TOKEN_RATE_LIMIT = env_int("OAUTH_TOKEN_RATE_LIMIT", 60)
# OB 3.0 API calls per minute for one application acting for one learner.
OB3_API_RATE_LIMIT = env_int("OB3_API_RATE_LIMIT", 120)
# Wallet delivery (delivery/): OID4VCI 1.0 and the Learner Credential Wallet's VC-API.
# How long an offer shown to the learner (QR code, link, PIN) can be collected, in seconds.
WALLET_OFFER_SECONDS = env_int("WALLET_OFFER_SECONDS", 600)
# Wrong PINs (OID4VCI tx_code) after which an offer is spent.
WALLET_TX_CODE_ATTEMPTS = env_int("WALLET_TX_CODE_ATTEMPTS", 5)
# Lifetimes of an OID4VCI c_nonce and of the access token a pre-authorized code buys.
OID4VCI_NONCE_SECONDS = env_int("OID4VCI_NONCE_SECONDS", 300)
OID4VCI_ACCESS_TOKEN_SECONDS = env_int("OID4VCI_ACCESS_TOKEN_SECONDS", 300)
# This site's name as other platforms show it: the OB 3.0 discovery document's title and
# the application name it registers under at other hosts.
SITE_NAME = env_str("SITE_NAME", "Insignia")
# The terms and privacy policy the discovery document names (OB 3.0 §7.1.1).
TERMS_OF_SERVICE_URL = env_str("TERMS_OF_SERVICE_URL")
PRIVACY_POLICY_URL = env_str("PRIVACY_POLICY_URL")

# ---------------------------------------------------------------------------
# REST API
# https://www.django-rest-framework.org/api-guide/settings/
# ---------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "config.api.AutoSchema",
    # DRF's JSON parser with nesting bounded (a 400, never a RecursionError), then its defaults.
    "DEFAULT_PARSER_CLASSES": [
        "config.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Insignia API",
    "DESCRIPTION": "Issuers, badge classes and awards. Authenticate with `Authorization: Token <key>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Serve Swagger UI from the package, not a CDN.
    "ENUM_NAME_OVERRIDES": {"AwardRouteEnum": "badges.choices.AwardRoute"},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Public verifier: checks per minute per client address.
VERIFY_RATE_LIMIT = env_int("VERIFY_RATE_LIMIT", 30)
# Backpack imports and re-checks (each fetches from elsewhere): per minute per learner.
IMPORT_RATE_LIMIT = env_int("IMPORT_RATE_LIMIT", 20)
# Hosts the outbound fetch client may reach even on private addresses (tests: local servers).
FETCH_ALLOWED_HOSTS: list[str] = [
    h for h in env_str("FETCH_ALLOWED_HOSTS").split(",") if h
]
# Trust registries of issuers (the DCC registries' JSON shape), most authoritative first:
# comma-separated URLs or file paths, each optionally named "Name=location" (verifier/trust.py).
TRUST_REGISTRIES: list[str] = [
    r.strip() for r in env_str("TRUST_REGISTRIES").split(",") if r.strip()
]

# ---------------------------------------------------------------------------
# Security and logging
# ---------------------------------------------------------------------------

SESSION_COOKIE_SECURE = PUBLIC_BASE_URL.startswith("https://")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Scripts and styles from our static files only (config/security.py); images
# also from data: URIs (baked previews) and HTTPS hosts (imported badges).
CONTENT_SECURITY_POLICY = env_str(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: https:; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'",
)
# Production (DEBUG off, served over HTTPS): HTTP is redirected to HTTPS and
# browsers are told to use HTTPS only (HSTS, a year by default). Behind a TLS
# proxy set SECURE_PROXY_SSL_HEADER_NAME (e.g. HTTP_X_FORWARDED_PROTO) so the
# app sees the original scheme. /healthz answers over plain HTTP for probes.
_HTTPS = not DEBUG and SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if _proxy_header := env_str("SECURE_PROXY_SSL_HEADER_NAME"):
    SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")

# ---------------------------------------------------------------------------
# Logs and metrics (README, "Operations"): config/logs.py, config/metrics.py
# ---------------------------------------------------------------------------

# "text" (the default: readable on a console) or "json" (one object a line, for a log shipper).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"()": "config.logs.TextFormatter"},
        "json": {"()": "config.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's records reach the root handler only (not also Django's own console handler).
        "django": {"handlers": [], "level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
        # Eager mode logs every task and kombu's in-memory transport; workers log their own.
        "celery.app.trace": {"level": "WARNING"},
        "kombu": {"level": "WARNING"},
        # oauthlib and django-oauth-toolkit write tokens, codes and request bodies into their
        # debug lines: never below WARNING, whatever LOG_LEVEL says.
        "oauthlib": {"level": "WARNING"},
        "oauth2_provider": {"level": "WARNING"},
        # One line per request (route, status, time): for log shippers; runserver prints its own.
        "insignia.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}

# GET /metrics: allowed with "Authorization: Bearer <METRICS_TOKEN>", or from these
# addresses or networks (comma-separated; empty: none) when no proxy forwarded the request.
METRICS_TOKEN = env_secret("METRICS_TOKEN")
METRICS_ALLOWED_IPS = [
    a.strip()
    for a in env_str("METRICS_ALLOWED_IPS", "127.0.0.1,::1").split(",")
    if a.strip()
]
for _address in METRICS_ALLOWED_IPS:
    try:
        ip_network(_address, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"METRICS_ALLOWED_IPS: {_address!r} is not an address or network."
        ) from None
# Celery queues whose length /metrics reports, besides the default one and any in Celery's config.
METRICS_QUEUES = [q.strip() for q in env_str("METRICS_QUEUES").split(",") if q.strip()]
# Scraped over plain HTTP on the machine itself, like the health checks.
SECURE_REDIRECT_EXEMPT = [*SECURE_REDIRECT_EXEMPT, r"^metrics$"]
