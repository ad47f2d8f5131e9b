"""Django's Redis cache, with Redis down read as "nothing cached" instead of an error page.

The cache holds only what can be recomputed (share-card images, fetched trust
registries) and the rate-limit counters. While Redis is unreachable, reads
miss, writes are dropped, and ``add``/``incr`` answer as for a fresh key, so
rate limits let requests through (fail open) rather than turning every page
into a 500. Each outage is logged once a minute, not once per call.
"""

from __future__ import annotations

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_LOG_EVERY_SECONDS = 60.0
_last_logged = 0.0


def _unreachable(operation: str, exc: Exception) -> None:
    global _last_logged
    if time.monotonic() - _last_logged >= _LOG_EVERY_SECONDS:
        _last_logged = time.monotonic()
        logger.warning(
            "Cache unreachable (%s: %s): serving without it",
            operation,
            type(exc).__name__,
        )


def _or_when_unreachable(method, fallback):
    """Wrap a cache ``method``: while Redis is unreachable, log and answer ``fallback(*args, **kwargs)``."""

    @wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _UNREACHABLE as exc:
            _unreachable(method.__name__, exc)
            return fallback(*args, **kwargs)

    return guarded


class ResilientRedisCache(RedisCache):
    """RedisCache whose every operation has an answer while Redis is away (see the module's docstring)."""

    get = _or_when_unreachable(
        RedisCache.get, lambda key, default=None, version=None: default
    )
    get_many = _or_when_unreachable(RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = _or_when_unreachable(RedisCache.has_key, lambda *args, **kwargs: False)
    set = _or_when_unreachable(RedisCache.set, lambda *args, **kwargs: None)
    # set_many answers the keys it could not set: all of them.
    set_many = _or_when_unreachable(
        RedisCache.set_many, lambda data, *args, **kwargs: list(data)
    )
    # As for a fresh key: a rate limit counts from 1 again.
    add = _or_when_unreachable(RedisCache.add, lambda *args, **kwargs: True)
    incr = _or_when_unreachable(
        RedisCache.incr, lambda key, delta=1, version=None: delta
    )
    touch = _or_when_unreachable(RedisCache.touch, lambda *args, **kwargs: False)
    delete = _or_when_unreachable(RedisCache.delete, lambda *args, **kwargs: False)
    delete_many = _or_when_unreachable(
        RedisCache.delete_many, lambda *args, **kwargs: None
    )
