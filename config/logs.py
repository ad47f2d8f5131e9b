"""Logs an operator can follow: one request id per request, carried into the tasks it queues.

The id comes from the ``X-Request-ID`` header when it is a sane token (at most
64 characters of ``[A-Za-z0-9._-]``), so the proxy's log lines and the
app's share one id; otherwise a new one is made. It is answered in the same header, kept on
``request.request_id`` and in a context variable, which ``RequestIdFilter``
adds to every log record. A Celery task queued while the request runs carries
the id in a message header, and the worker sets it again before the task runs,
so the task's log lines name the request that caused them.

With ``LOG_FORMAT=json`` each record is one JSON object a line::

    {"time": "2026-05-04T09:12:31.415Z", "level": "INFO", "logger": "insignia.request",
     "message": "POST api:verify 200 84 ms", "request_id": "4bf92f3577b34da6",
     "method": "POST", "route": "api:verify", "status": 200, "duration_ms": 84}

Nothing here logs headers, bodies or the raw path: the request line names the
route, and request paths that Django's own loggers quote have their long
tokens (share links, claim links) blanked.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from celery import signals

HEADER = "X-Request-ID"
# The Celery message header that carries the id from the web process to the worker.
TASK_HEADER = "x_request_id"
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")
_request_id: ContextVar[str] = ContextVar("request_id", default="")

request_logger = logging.getLogger("insignia.request")


def current_request_id() -> str:
    """Return the id of the request (or task) being handled in this context, or ""."""
    return _request_id.get()


@contextmanager
def request_id_bound(value: str):
    """Run a block as part of request ``value`` (work recorded by a request, handed over later)."""
    token = _request_id.set(clean_request_id(value))
    try:
        yield
    finally:
        _request_id.reset(token)


def clean_request_id(value: object) -> str:
    """Return ``value`` when it is a sane request id, else ""."""
    if isinstance(value, str) and _SANE.fullmatch(value):
        return value
    return ""


def route_name(request) -> str:
    """Return the request's route as the URL resolver named it (``public:assertion``), never its path.

    Paths hold award ids and share tokens; route names are few, so a metric
    label or a log field built from them stays small and says nothing private.
    """
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unresolved"
    return match.view_name or match.route or "unnamed"


class RequestIdMiddleware:
    """Give each request an id (``X-Request-ID``), answer it, and log one line when it ends."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        request_id = clean_request_id(request.META.get("HTTP_X_REQUEST_ID")) or (
            uuid.uuid4().hex
        )
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            duration_ms = round((time.perf_counter() - started) * 1000)
            route = route_name(request)
            request_logger.info(
                "%s %s %s %d ms",
                request.method,
                route,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            _request_id.reset(token)


# --- Log records ---------------------------------------------------------------------------------

# Loggers that quote a request's raw path (Django's 4xx/5xx warnings, runserver, gunicorn's access log).
_PATH_LOGGERS = ("django.request", "django.server", "gunicorn.access")
# A path segment long enough to be a token (share links: 32 characters; claim links: signed values).
_TOKEN_SEGMENT = re.compile(r"/[A-Za-z0-9_:.~-]{20,}")
_UUID = re.compile(
    r"/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE
)


def blank_tokens(text: str) -> str:
    """Return ``text`` with every long path segment that is not a UUID replaced by ``/…``."""
    return _TOKEN_SEGMENT.sub(
        lambda m: m.group(0) if _UUID.fullmatch(m.group(0)) else "/…", text
    )


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` to every record, and blank the tokens in request paths Django quotes.

    Django logs a 4xx or 5xx answer after the middleware has finished, with
    the request attached: its id is taken from there.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id() or getattr(
                getattr(record, "request", None), "request_id", ""
            )
        if record.name.startswith(_PATH_LOGGERS):
            record.msg, record.args = blank_tokens(record.getMessage()), ()
        return True


# The attributes every LogRecord has; whatever else a record carries came as ``extra``.
_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# Extra fields never written, whatever their value (a secret by name, or a person's address).
_PRIVATE = re.compile(
    r"token|secret|password|passwd|key|authorization|cookie|session|email|recipient",
    re.IGNORECASE,
)


def _extra_fields(record: logging.LogRecord) -> dict:
    """Return the record's ``extra`` values that are plain scalars and not private by name.

    Objects (Django passes the whole ``request``) are left out: their repr
    could carry headers, cookies or a body.
    """
    return {
        name: value
        for name, value in vars(record).items()
        if name not in _RECORD_FIELDS
        and name != "request_id"
        and isinstance(value, str | int | float | bool | type(None))
        and not _PRIVATE.search(name)
    }


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time (ISO 8601, UTC), level, logger, message, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or current_request_id(),
        }
        task = _current_task()
        if task is not None:
            entry["task"], entry["task_id"] = task.name, task.request.id
        entry.update(_extra_fields(record))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _current_task():
    from celery import current_task

    return current_task if current_task and current_task.request.id else None


class TextFormatter(logging.Formatter):
    """Format as ``inner`` does (or as the plain message), adding ``[request_id=…]`` to the first line.

    Outside a request the line is unchanged, so the demo's console reads as before.
    """

    def __init__(self, *args, inner: logging.Formatter | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        text = self.inner.format(record) if self.inner else super().format(record)
        request_id = getattr(record, "request_id", "")
        if not request_id:
            return text
        first, newline, rest = text.partition("\n")
        return f"{first} [request_id={request_id}]{newline}{rest}"


def formatter(log_format: str) -> logging.Formatter:
    """Return the formatter ``LOG_FORMAT`` names: ``json`` or ``text``."""
    return JsonFormatter() if log_format == "json" else TextFormatter()


# --- Celery: the id travels with the task ---------------------------------------------------------


@signals.before_task_publish.connect
def _put_request_id_in_headers(headers=None, **_kwargs) -> None:
    """Write the current request id into the message of a task being queued."""
    request_id = current_request_id()
    if request_id and headers is not None:
        headers.setdefault(TASK_HEADER, request_id)


@signals.task_prerun.connect
def _take_request_id_from_headers(task=None, **_kwargs) -> None:
    """In a worker, set the id of the request that queued this task (or none) before it runs.

    A task run in-process (eager mode) already runs inside its request's
    context, and keeps its id.
    """
    if task is None or task.request.is_eager:
        return
    _request_id.set(clean_request_id(getattr(task.request, TASK_HEADER, "")))


@signals.task_postrun.connect
def _forget_request_id(task=None, **_kwargs) -> None:
    if task is not None and not task.request.is_eager:
        _request_id.set("")


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def _format_worker_logs(logger=None, **_kwargs) -> None:
    """Give the worker's log handlers (Celery sets its own) the request id and ``LOG_FORMAT``.

    In text mode Celery's own line format is kept, with the request id added.
    """
    from django.conf import settings

    log_format = getattr(settings, "LOG_FORMAT", "text")
    for handler in logger.handlers if logger is not None else ():
        handler.addFilter(RequestIdFilter())
        if log_format == "json":
            handler.setFormatter(JsonFormatter())
        elif not isinstance(handler.formatter, TextFormatter):
            handler.setFormatter(TextFormatter(inner=handler.formatter))
