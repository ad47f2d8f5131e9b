"""Request ids and JSON logs: every line names its request, and tasks carry the id on."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import uuid

import pytest
import redis
from django.http import HttpResponse
from django.test import RequestFactory

from config.celery import app
from config.logs import (
    TASK_HEADER,
    JsonFormatter,
    RequestIdFilter,
    RequestIdMiddleware,
    TextFormatter,
)
from notifications.models import DeliveryStatus, EmailDelivery
from tests.badges.test_api_badge_classes import client_for
from tests.conftest import ROOT, _media_root
from tests.observability.helpers import redis_server


@pytest.fixture
def log_lines(settings):
    """Capture what the root logger writes, as the configured console handler would; return a reader."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root, request_logger = logging.getLogger(), logging.getLogger("insignia.request")
    level = request_logger.level
    root.addHandler(handler)
    request_logger.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        request_logger.setLevel(level)


def record(
    message="Something happened", *, exc_info=None, **extra
) -> logging.LogRecord:
    entry = logging.LogRecord(
        "insignia.test", logging.WARNING, __file__, 1, message, (), exc_info
    )
    entry.__dict__.update(extra)
    return entry


def test_each_request_gets_an_id_and_it_is_answered(client, db):
    first, second = client.get("/verify"), client.get("/verify")
    assert (
        len(first["X-Request-ID"]) == 32
        and first["X-Request-ID"] != second["X-Request-ID"]
    )


def test_a_sane_id_from_the_proxy_is_kept_and_anything_else_replaced(client, db):
    sane = "edge-7f3a.b_9"
    assert client.get("/verify", HTTP_X_REQUEST_ID=sane)["X-Request-ID"] == sane
    for insane in ("a" * 65, "two words", "<script>", "ä", "id\r\nSet-Cookie: x=1", ""):
        answered = client.get("/verify", HTTP_X_REQUEST_ID=insane)["X-Request-ID"]
        assert answered != insane and len(answered) == 32


def test_a_request_logs_one_json_line_with_its_id_route_status_and_time(
    client, db, log_lines
):
    client.get("/verify", HTTP_X_REQUEST_ID="req-json-1")
    (line,) = [e for e in log_lines() if e["logger"] == "insignia.request"]
    assert line["request_id"] == "req-json-1"
    assert line["level"] == "INFO" and line["message"].startswith("GET verify 200 ")
    assert (line["method"], line["route"], line["status"]) == ("GET", "verify", 200)
    assert isinstance(line["duration_ms"], int)
    assert line["time"].endswith("Z") and line["time"][10] == "T"


def test_djangos_warning_for_a_missing_page_carries_the_id_and_not_the_token(
    client, db, log_lines
):
    token = "Zx9" * 11  # as long as a share link's
    client.get(f"/share/{token}/nothing/here", HTTP_X_REQUEST_ID="req-404")
    lines = log_lines()
    warning = next(e for e in lines if e["logger"] == "django.request")
    assert warning["request_id"] == "req-404" and warning["status_code"] == 404
    assert warning["message"].startswith("Not Found: /share/")
    assert token not in json.dumps(lines)


def test_the_json_line_has_the_exception_and_plain_extras_never_objects_or_secrets():
    try:
        raise ValueError("the reason")
    except ValueError:
        entry = record(
            exc_info=sys.exc_info(),
            upload="42",
            rows=3,
            request=RequestFactory().get("/", HTTP_AUTHORIZATION="Token sekrit"),
            api_token="tok-1",
            recipient="dana@example.org",
            email="dana@example.org",
        )
    RequestIdFilter().filter(entry)
    line = json.loads(JsonFormatter().format(entry))
    assert line["message"] == "Something happened" and line["level"] == "WARNING"
    assert "ValueError: the reason" in line["exception"]
    assert line["upload"] == "42" and line["rows"] == 3
    text = json.dumps(line)
    for private in ("sekrit", "tok-1", "dana@example.org", 'request"'):
        assert private not in text


def test_plain_text_lines_name_the_request_only_inside_one():
    formatter = TextFormatter()
    assert formatter.format(record()) == "Something happened"
    inside = record(request_id="req-text")
    assert formatter.format(inside) == "Something happened [request_id=req-text]"


@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_a_task_queued_during_a_request_carries_the_id_in_its_message():
    with redis_server() as url:

        def queue_a_task(request):
            with app.connection_for_write(url) as connection:
                app.send_task("insignia.never.run", queue="ids", connection=connection)
            return HttpResponse()

        RequestIdMiddleware(queue_a_task)(
            RequestFactory().get("/", HTTP_X_REQUEST_ID="req-task-1")
        )
        (raw,) = redis.Redis.from_url(url).lrange("ids", 0, -1)
    assert json.loads(raw)["headers"][TASK_HEADER] == "req-task-1"


@pytest.mark.worker
def test_the_log_line_of_a_task_a_request_caused_names_that_request(
    task_queue, settings
):
    """In-process the task runs inside the request; in CI's second pass a real worker runs it."""
    from tests.factories import make_cast

    cast = make_cast()
    request_id = f"req-{uuid.uuid4().hex[:12]}"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(TextFormatter())
    logging.getLogger().addHandler(handler)
    try:
        response = client_for(cast.aaron).post(
            f"/api/v1/badge-classes/{cast.badge_class.uuid}/awards",
            {"recipient_identity": "traced@example.org"},
            format="json",
            HTTP_X_REQUEST_ID=request_id,
        )
        assert response.status_code == 201
        delivery = EmailDelivery.objects.get(award__uuid=response.json()["id"])
        task_queue.wait_for(
            lambda: (
                EmailDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SENT
            )
        )
    finally:
        logging.getLogger().removeHandler(handler)

    def sent_line() -> str:
        log = stream.getvalue()
        if task_queue.worker is not None:
            log = (_media_root() / "worker.log").read_text()
        return next(
            (line for line in log.splitlines() if f"e-mail {delivery.uuid}" in line), ""
        )

    task_queue.wait_for(lambda: sent_line())
    assert sent_line().endswith(f"[request_id={request_id}]")
    assert "traced@example.org" not in sent_line()


@pytest.mark.parametrize(
    ("variable", "bad", "message"),
    [
        ("LOG_FORMAT", "xml", "LOG_FORMAT must be text or json, not 'xml'."),
        (
            "METRICS_ALLOWED_IPS",
            "127.0.0.1,intranet",
            "METRICS_ALLOWED_IPS: 'intranet' is not an address or network.",
        ),
    ],
)
def test_a_bad_setting_stops_the_process_with_a_clear_message(variable, bad, message):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", variable: bad}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert message in result.stderr
