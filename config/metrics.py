"""Prometheus metrics: what the platform did (counters, histograms) and what waits (gauges at scrape time).

``GET /metrics`` answers in the Prometheus text format to a request carrying
``Authorization: Bearer <METRICS_TOKEN>`` or coming from an address in
``METRICS_ALLOWED_IPS`` without a proxy's forwarding headers; everyone else
gets 404, so the endpoint is not advertised.

Several processes (gunicorn workers, Celery worker processes) each count for
themselves. With ``PROMETHEUS_MULTIPROC_DIR`` set to an empty directory
shared by them, prometheus_client writes each process's counts to files there
and ``/metrics`` adds them up; gunicorn's ``child_exit`` hook should call
``gunicorn_child_exit``. Without the variable, each process serves its own.

The gauges are read when scraped, not counted: failed e-mail deliveries and
pending outbox messages from the database, queue lengths from Redis. A part
that fails (database or Redis down) reports ``insignia_scrape_error{part=…} 1``
instead of breaking the scrape.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from functools import lru_cache, wraps

from django.conf import settings
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from credentials.report import FAILED, REVOKED, SUSPENDED

from .logs import route_name

logger = logging.getLogger(__name__)

HTTP_REQUESTS = Counter(
    "insignia_http_requests",
    "HTTP requests answered, by method, route name and status class (2xx, 4xx, ...).",
    ["method", "route", "status"],
)
HTTP_DURATION = Histogram(
    "insignia_http_request_duration_seconds",
    "Time to answer an HTTP request, by method and route name.",
    ["method", "route"],
)
AWARDS_ISSUED = Counter(
    "insignia_awards_issued",
    "Awards made (counted when their transaction commits), by any route: page, API, bulk, request, renewal.",
)
SIGNING_SECONDS = Histogram(
    "insignia_credential_signing_seconds",
    "Time to sign one credential, by proof: ob2-jws, data-integrity (eddsa-rdfc-2022), vc-jwt.",
    ["proof"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0),
)
VERIFICATIONS = Counter(
    "insignia_verifications",
    "Verifications run, by source (public: the verifier; award: an award's own page), "
    "proof format and result (verified, failed, revoked, suspended, unreadable, error).",
    ["source", "format", "result"],
)

_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
# The proof formats the core reports (VerificationReport.proof_format); anything else is "other".
_FORMATS = {"data-integrity", "vc-jwt", "vc-jose", "ob2-hosted", "ob2-signed"}


# --- Counting --------------------------------------------------------------------------------------


class MetricsMiddleware:
    """Count every request and time it, labelled by route name (never the path: few labels)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        method = request.method if request.method in _METHODS else "other"
        route = route_name(request)
        HTTP_REQUESTS.labels(method, route, f"{response.status_code // 100}xx").inc()
        HTTP_DURATION.labels(method, route).observe(time.perf_counter() - started)
        return response


def count_award_on_commit() -> None:
    """Count one award once the transaction that made it commits (a rolled-back award is not counted)."""
    transaction.on_commit(AWARDS_ISSUED.inc)


def signing_time(proof: str) -> AbstractContextManager:
    """Return a context manager that times one signature of kind ``proof``."""
    return SIGNING_SECONDS.labels(proof).time()


def verification_result(report) -> str:
    """Return a report's outcome in a word: verified, unreadable, revoked, suspended or failed."""
    failed = {c.name: c for c in report.checks if c.status == FAILED}
    if "format" in failed:
        return "unreadable"
    if report.valid:
        return "verified"
    status = failed.get("status")
    if status is not None and status.code in (REVOKED, SUSPENDED):
        return status.code
    return "failed"


def count_verification(report, *, source: str) -> None:
    """Count one verification report from ``source`` (``public`` or ``award``)."""
    proof_format = report.proof_format if report.proof_format in _FORMATS else "other"
    VERIFICATIONS.labels(source, proof_format, verification_result(report)).inc()


def count_award_verification(reports) -> None:
    """Count each signed form of an award verified on its page (``verifier.awards.AwardReports``)."""
    for report in (reports.ob3_data_integrity, reports.ob3_jwt, reports.ob2_signature):
        count_verification(report, source="award")


def counts_verifications(run: Callable) -> Callable:
    """Decorate the public verifier's run: count the report it returns, or an ``error`` when it raises."""

    @wraps(run)
    def counted(*args, **kwargs):
        try:
            report = run(*args, **kwargs)
        except Exception:
            VERIFICATIONS.labels("public", "other", "error").inc()
            raise
        if report is not None:
            count_verification(report, source="public")
        return report

    return counted


# --- Read at scrape time ---------------------------------------------------------------------------


def _database_gauges() -> Iterable[GaugeMetricFamily]:
    from notifications.models import EmailDelivery
    from outbox.actions import counts as outbox_counts

    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A slow count must not hold the scrape (Prometheus gives up after 10 s by default).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = 3000")
        failed = EmailDelivery.objects.failed().count()
        outbox = outbox_counts()
    yield GaugeMetricFamily(
        "insignia_email_deliveries_failed",
        "E-mail deliveries that failed after every retry (staff can send them again).",
        value=failed,
    )
    yield GaugeMetricFamily(
        "insignia_outbox_pending",
        "Outbox messages whose task has not yet run to the end (handed over or not).",
        value=outbox["pending"],
    )
    yield GaugeMetricFamily(
        "insignia_outbox_not_handed_over",
        "Pending outbox messages the broker has not taken yet (it refused them: is Redis down?).",
        value=outbox["not_handed_over"],
    )
    yield GaugeMetricFamily(
        "insignia_outbox_failed",
        "Outbox messages given up after OUTBOX_MAX_DISPATCHES hand-overs, or whose task failed for good.",
        value=outbox["failed"],
    )


def celery_queue_names() -> list[str]:
    """Return the Celery queues to measure: the default one, those in Celery's config, and ``METRICS_QUEUES``.

    Bulk uploads go to the default queue unless a caller names another
    (``bulk.actions.confirm_upload(queue=…)``); a deployment that gives
    them a queue of their own lists it in ``METRICS_QUEUES``.
    """
    from .celery import app

    names = {app.conf.task_default_queue, *settings.METRICS_QUEUES}
    names.update(queue.name for queue in app.conf.task_queues or ())
    routes = app.conf.task_routes
    if isinstance(routes, dict):
        names.update(
            r["queue"] for r in routes.values() if isinstance(r, dict) and "queue" in r
        )
    return sorted(n for n in names if n)


def _queue_gauges() -> Iterable[GaugeMetricFamily]:
    import redis
    from kombu.transport.redis import Channel

    gauge = GaugeMetricFamily(
        "insignia_queue_depth",
        "Tasks waiting in a Celery queue (the Redis list lengths, all priorities).",
        labels=["queue"],
    )
    if settings.REDIS_URL:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=0.5, socket_connect_timeout=0.5
        )
        try:
            names = celery_queue_names()
            with client.pipeline(transaction=False) as pipe:
                for name in names:
                    for step in Channel.priority_steps:
                        pipe.llen(f"{name}{Channel.sep}{step}" if step else name)
                lengths = pipe.execute()
        finally:
            client.close()
        steps = len(Channel.priority_steps)
        for index, name in enumerate(names):
            gauge.add_metric([name], sum(lengths[index * steps : (index + 1) * steps]))
    yield gauge


class ScrapeTimeCollector:
    """Read the gauges when scraped; a part that fails is reported, never raised."""

    parts: dict[str, Callable[[], Iterable[GaugeMetricFamily]]] = {
        "database": _database_gauges,
        "queues": _queue_gauges,
    }

    def collect(self) -> Iterable[GaugeMetricFamily]:
        errors = GaugeMetricFamily(
            "insignia_scrape_error",
            "1 when a part of the scrape could not be read (database, queues), else 0.",
            labels=["part"],
        )
        for name, part in self.parts.items():
            try:
                families = list(part())
            except Exception as exc:  # noqa: BLE001 (a scrape reports, it does not fail)
                logger.warning("Metrics: %s not read: %s", name, type(exc).__name__)
                errors.add_metric([name], 1)
                continue
            errors.add_metric([name], 0)
            yield from families
        yield errors


def multiprocess_dir() -> str:
    """Return ``PROMETHEUS_MULTIPROC_DIR``, or "" when each process serves its own counts."""
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def scrape_registry() -> CollectorRegistry:
    """Return a registry holding everything one scrape reports."""
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_dir():
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)  # this process's counts, and its process_* metrics
    registry.register(ScrapeTimeCollector())
    return registry


def gunicorn_child_exit(server, worker) -> None:
    """Gunicorn's ``child_exit`` hook: tidy the files of a worker that ended (multi-process mode).

    In ``gunicorn.conf.py``: ``from config.metrics import gunicorn_child_exit as child_exit``.
    A dead worker's counts stay in the totals, as counters must.
    """
    if multiprocess_dir():
        multiprocess.mark_process_dead(worker.pid)


# --- The endpoint ----------------------------------------------------------------------------------

# Headers a reverse proxy adds: behind one on the same machine every visitor
# comes from 127.0.0.1, so such a request is never let in by its address.
_FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


@lru_cache(maxsize=8)
def _networks(allowed: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in allowed)


def _address_allowed(request: HttpRequest) -> bool:
    if any(request.META.get(header) for header in _FORWARDING_HEADERS):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    address = getattr(address, "ipv4_mapped", None) or address
    return any(address in net for net in _networks(tuple(settings.METRICS_ALLOWED_IPS)))


def _token_allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    scheme, _, given = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if not token or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


def metrics_allowed(request: HttpRequest) -> bool:
    """Return True for a request carrying the metrics token or coming from an allowed address."""
    return _token_allowed(request) or _address_allowed(request)


def metrics_view(request: HttpRequest) -> HttpResponse:
    """Answer the metrics in the Prometheus text format; 404 to anyone not allowed."""
    if not metrics_allowed(request):
        raise Http404
    return HttpResponse(
        generate_latest(scrape_registry()), content_type=CONTENT_TYPE_PLAIN_0_0_4
    )
