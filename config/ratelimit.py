"""A fixed-window rate limit on the shared cache (Redis in production), per client address.

Cross-cutting like ``config/api.py``: the verifier, sign-in and backpack imports use it.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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


def limited_page(
    request: HttpRequest, template: str, context: dict, wait: int
) -> HttpResponse:
    """Render ``template`` as the answer to a request over its limit: 429 with Retry-After."""
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    return response
