"""A fixed-window rate limit on the shared cache (Redis in production), per client address.

Cross-cutting like ``config/api.py``: the verifier and sign-in use it.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest


def clock() -> float:
    """The time the windows are counted in (tests replace it)."""
    return time.time()


def client_address(request: HttpRequest) -> str:
    # Behind a reverse proxy, configure it to set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(
    request: HttpRequest,
    scope: str,
    *,
    limit: int,
    window: int = 60,
    who: str | None = None,
) -> int | None:
    """Count one request; return None when allowed, or the seconds to wait when over ``limit``.

    Requests are counted per client address, or per ``who`` when given (an
    account, so that the limit follows a user wherever they connect from).
    """
    moment = clock()
    bucket = int(moment // window)
    key = f"ratelimit:{scope}:{who or client_address(request)}:{bucket}"
    added = cache.add(key, 1, timeout=window + 1)
    count = 1 if added else cache.incr(key)
    if count > limit:
        return window - int(moment % window)
    return None
