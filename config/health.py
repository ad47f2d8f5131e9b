"""What the running system can reach: the database, the broker, storage, the key-encryption secret.

Each check is cheap, bounded in time (about a second at most) and never
raises: it answers ``(ok, detail)``. ``broker()`` is also what pages ask
before saying that queued work is paused; its answer is kept for a few
seconds per process so a busy page does not ping Redis on every request.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection

_BROKER_CACHE_SECONDS = 3.0
_broker_answer: tuple[float, tuple[bool, str]] | None = None


def database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 (any failure means "not reachable")
        return False, f"unreachable ({type(exc).__name__})"
    return True, connection.vendor


def broker() -> tuple[bool, str]:
    """(True, "in-process") without a broker; else whether Redis answers a PING within a second."""
    global _broker_answer
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "in-process"
    if _broker_answer and time.monotonic() - _broker_answer[0] < _BROKER_CACHE_SECONDS:
        return _broker_answer[1]
    answer = _ping(settings.CELERY_BROKER_URL)
    _broker_answer = (time.monotonic(), answer)
    return answer


def _ping(url: str) -> tuple[bool, str]:
    import redis

    try:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=1, socket_timeout=1, retry_on_timeout=False
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:  # noqa: BLE001
        return False, f"down ({type(exc).__name__})"
    return True, "redis"


def forget_broker() -> None:
    """Drop the kept broker answer (tests, and a worker that reconnected)."""
    global _broker_answer
    _broker_answer = None


def storage() -> tuple[bool, str]:
    from config.storage import check_storage  # it never raises

    return check_storage()


def key_encryption_secret() -> tuple[bool, str]:
    """Whether the secret is set, and opens a stored signing key (a wrong secret opens none)."""
    from credentials.errors import KeySealError
    from issuers.signing import key_encryption_key

    try:
        kek = key_encryption_key()
    except Exception:  # noqa: BLE001 (ImproperlyConfigured: missing or short)
        return False, "missing or shorter than 32 characters"
    try:
        from credentials.keys import open_private_key
        from issuers.models import SigningKey

        sealed = (
            SigningKey.objects.order_by("-id")
            .values_list("sealed_private_key", flat=True)
            .first()
        )
    except Exception as exc:  # noqa: BLE001 (the database check reports this)
        return False, f"not checked: database unreachable ({type(exc).__name__})"
    if sealed is None:
        return True, "set (no signing key yet)"
    try:
        open_private_key(sealed, kek)
    except KeySealError:
        return False, "wrong: it does not open the stored signing keys"
    return True, "opens the signing keys"
