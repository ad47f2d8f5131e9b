"""Reading the environment: typed values, secrets from files, and DATABASE_URL.

``config/settings.py`` is driven by these; a value that does not parse stops
the app at start with ImproperlyConfigured, naming the variable.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be an integer, not {value!r}."
        ) from None


def env_secret(name: str, default: str = "") -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE (Docker/K8s secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE points to an unreadable file: {exc}"
            ) from None
    return os.environ.get(name, default)


def database_from_url(url: str) -> dict:
    """Turn postgres://user:password@host:port/name?sslmode=... into a DATABASES entry.

    Each thread of a process keeps its connection for DATABASE_CONN_MAX_AGE
    seconds. DATABASE_PGBOUNCER=true is for PgBouncer in transaction mode
    (deploy/README.md, "Database connections"): a connection is then shared
    between transactions, so no cursor may outlive one (``iterator()`` reads
    without server-side cursors) and no statement is prepared.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(
            f"DATABASE_URL must be a postgres:// URL, not {parts.scheme!r}."
        )
    options: dict = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
    pgbouncer = env_bool("DATABASE_PGBOUNCER", False)
    if pgbouncer:
        # Django binds parameters client-side, which prepares nothing; with
        # OPTIONS server_side_binding, psycopg would prepare after 5 runs.
        options["prepare_threshold"] = None
    return {
        "DISABLE_SERVER_SIDE_CURSORS": pgbouncer,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "insignia",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "ATOMIC_REQUESTS": False,
    }
