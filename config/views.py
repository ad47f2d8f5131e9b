"""Project-level pages: the landing page and the health check."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import health


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where signing in leads without a ``next``: staff to their institutions, learners to the backpack."""
    if request.user.memberships.exists():
        return redirect("issuers:dashboard")
    return redirect("wallet:backpack")


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: 200 while the database answers (503 when not), saying how the broker is.

    A broker that is down does not make the process unhealthy (restarting it
    would not help; the outbox keeps the work): the answer is 200 with
    ``"status": "degraded"`` and ``"broker": "down"``.
    """
    from outbox.actions import pending_count

    database_ok, _ = health.database()
    broker_ok, broker = health.broker()
    body = {
        "status": "error" if not database_ok else ("ok" if broker_ok else "degraded"),
        "database": connection.vendor,
        "tasks": "eager" if settings.CELERY_TASK_ALWAYS_EAGER else "broker",
        "broker": broker if broker_ok else "down",
    }
    if database_ok:
        try:
            body["outbox_waiting"] = pending_count()
        except DatabaseError:  # a database not migrated yet: alive all the same
            body["outbox_waiting"] = None
    return JsonResponse(body, status=200 if database_ok else 503)


def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 only when the database, the broker, storage and the key-encryption secret all work.

    A load balancer sends traffic to a replica only while it answers 200; the
    body names each component and what was found.
    """
    checks = {
        "database": health.database(),
        "broker": health.broker(),
        "storage": health.storage(),
        "key_encryption_secret": health.key_encryption_secret(),
    }
    ready = all(ok for ok, _ in checks.values())
    body = {
        "status": "ready" if ready else "not ready",
        "checks": {
            name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()
        },
    }
    return JsonResponse(body, status=200 if ready else 503)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database that is restarting or unreachable is a 503 with Retry-After.

    Every write runs in a transaction, so a connection lost mid-request rolled
    back: nothing was half-written and the client may simply try again (with
    its Idempotency-Key, an award is made once). Anything else is the usual 500.
    """
    import sys

    from django.db import InterfaceError, OperationalError
    from django.views.defaults import server_error as default_server_error

    exc = sys.exc_info()[1]
    if not isinstance(exc, OperationalError | InterfaceError):
        return default_server_error(request)
    message = _(
        "The database is not answering right now. Nothing was changed: please try again in a moment."
    )
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {"detail": message, "code": "database_unavailable"}, status=503
        )
    else:
        response = render(request, "503.html", {"message": message}, status=503)
    response["Retry-After"] = "10"
    response["Cache-Control"] = "no-store"
    return response
