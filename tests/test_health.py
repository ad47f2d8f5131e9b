"""What operators and load balancers are told: liveness, readiness, a paused queue, a database away."""

from __future__ import annotations

import socket

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from config import health
from config.cache import ResilientRedisCache
from config.views import server_error
from tests.notifications.helpers import give


def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def broker_down(settings):
    """A broker URL that refuses connections, as a stopped Redis does."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    health.forget_broker()
    yield
    health.forget_broker()


def test_healthz_is_ok_and_says_the_task_mode_and_what_waits(db, client, settings):
    health.forget_broker()
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["outbox_waiting"] == 0
    assert body["broker"] == (
        "in-process" if settings.CELERY_TASK_ALWAYS_EAGER else "redis"
    )


def test_healthz_stays_200_but_says_the_broker_is_down(db, client, broker_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"] == "down"


def test_readyz_is_ready_when_every_component_answers(cast, client):
    give(cast)  # the issuer's first signing key
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    checks = response.json()["checks"]
    assert set(checks) == {"database", "broker", "storage", "key_encryption_secret"}
    assert checks["key_encryption_secret"]["detail"] == "opens the signing keys"


def test_readyz_is_not_ready_without_the_broker(db, client, broker_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False
    assert response.json()["checks"]["broker"]["detail"].startswith("down")


@pytest.mark.parametrize(
    ("secret", "detail"),
    [
        ("", "missing or shorter than 32 characters"),
        (
            "another-secret-that-is-long-enough-but-wrong",
            "wrong: it does not open the stored signing keys",
        ),
    ],
)
def test_readyz_is_not_ready_with_a_missing_or_wrong_key_encryption_secret(
    cast, client, settings, secret, detail
):
    give(cast)
    settings.KEY_ENCRYPTION_SECRET = secret
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["key_encryption_secret"] == {
        "ok": False,
        "detail": detail,
    }


def test_bulk_pages_say_plainly_that_bulk_work_is_paused(cast, client, broker_down):
    client.force_login(cast.aaron)
    page = client.get(f"/staff/bulk/badge-classes/{cast.badge_class.uuid}/upload/")
    assert page.status_code == 200
    assert "Bulk awarding is paused." in page.content.decode()


def test_bulk_pages_say_nothing_of_a_pause_when_the_queue_answers(cast, client):
    health.forget_broker()
    client.force_login(cast.aaron)
    page = client.get(f"/staff/bulk/badge-classes/{cast.badge_class.uuid}/upload/")
    assert "Bulk awarding is paused." not in page.content.decode()


@pytest.mark.parametrize(
    ("path", "accept", "kind"),
    [("/api/v1/awards", "", "application/json"), ("/staff/", "text/html", "text/html")],
)
def test_a_database_that_is_away_is_a_503_with_retry_after(path, accept, kind):
    request = RequestFactory().get(path, HTTP_ACCEPT=accept)
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Content-Type"].startswith(kind)
    assert b"Nothing was changed" in response.content


def test_any_other_error_is_still_the_plain_500():
    request = RequestFactory().get("/staff/")
    try:
        raise KeyError("a bug")
    except KeyError:
        response = server_error(request)
    assert response.status_code == 500


def test_the_cache_reads_a_stopped_redis_as_nothing_cached():
    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{_closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )
    assert cache.get("card", "missing") == "missing"
    assert cache.set("card", b"png") is None
    assert cache.add("rate:1.2.3.4", 1) is True  # a rate limit counts from 1 again
    assert cache.incr("rate:1.2.3.4") == 1
    assert cache.get_many(["a", "b"]) == {}
