"""Gunicorn with several workers: one scrape adds up every worker's counts, dead workers' included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.observability.helpers import free_port, samples, stop, value, wait_for_port

REQUESTS = 20
MAX_REQUESTS = 5  # each worker is replaced after 5 requests: at least 4 of them answer


def get(port: int, path: str, **headers) -> tuple[int, dict, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def gunicorn(tmp_path):
    """Gunicorn with two workers, multi-process metrics and JSON logs, on an empty SQLite file."""
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    port = free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_URL", "REDIS_URL", "PROMETHEUS", "METRICS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY="multiprocess-test-secret-key-of-some-length",
        ALLOWED_HOSTS="127.0.0.1",
        KEY_ENCRYPTION_SECRET="test-key-encryption-secret-of-at-least-32-bytes",
        # No tables: the database part of the scrape fails, as with a database that is down.
        SQLITE_PATH=str(tmp_path / "empty.sqlite3"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
        LOG_FORMAT="json",
    )
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--config",
                "tests/observability/gunicorn_conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--max-requests",
                str(MAX_REQUESTS),
                "--no-control-socket",  # another gunicorn may run (its default path is per user)
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(port, process)
            yield port, metrics_dir, log_path, process
        finally:
            stop(process)


def test_every_workers_requests_add_up_in_one_scrape(gunicorn):
    port, metrics_dir, log_path, process = gunicorn
    for n in range(REQUESTS):
        status, headers, _body = get(port, "/verify", **{"X-Request-ID": f"mp-{n}"})
        assert status == 200 and headers["X-Request-ID"] == f"mp-{n}"
    status, _headers, body = get(port, "/metrics")
    assert status == 200
    route = {"method": "GET", "route": "verify"}
    assert (
        value(body, "insignia_http_requests_total", **route, status="2xx") == REQUESTS
    )
    assert (
        value(body, "insignia_http_request_duration_seconds_count", **route) == REQUESTS
    )
    # Each worker wrote its own file; the replaced ones' counts are still in the total.
    served_by = {
        path.stem.split("_")[-1] for path in metrics_dir.glob("histogram_*.db")
    }
    assert len(served_by) >= REQUESTS // MAX_REQUESTS
    assert process.poll() is None  # the child_exit hook ran for each replaced worker
    # No tables: the database part is reported as an error; the rest is served.
    assert value(body, "insignia_scrape_error", part="database") == 1
    assert value(body, "insignia_scrape_error", part="queues") == 0
    assert ("insignia_email_deliveries_failed", frozenset()) not in samples(body)


def test_an_outsider_is_refused_through_a_proxy_and_logs_are_json_with_the_id(gunicorn):
    port, _metrics_dir, log_path, _process = gunicorn
    status, _headers, body = get(
        port, "/metrics", **{"X-Forwarded-For": "203.0.113.9", "X-Request-ID": "mp-out"}
    )
    assert status == 404 and "insignia_" not in body
    token = "Qw8" * 11
    assert get(port, f"/share/{token}/x/y", **{"X-Request-ID": "mp-404"})[0] == 404
    status, _headers, _body = get(port, "/verify", **{"X-Request-ID": "mp-json"})
    lines = [
        json.loads(line)
        for line in log_path.read_text().splitlines()
        if line.startswith("{")
    ]
    by_id = {}
    for line in lines:
        by_id.setdefault(line["request_id"], []).append(line)
    (request_line,) = [e for e in by_id["mp-json"] if e["logger"] == "insignia.request"]
    assert request_line["route"] == "verify" and request_line["status"] == 200
    assert {e["logger"] for e in by_id["mp-404"]} == {
        "insignia.request",
        "django.request",
    }
    assert token not in log_path.read_text()
