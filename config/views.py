"""Project-level pages: the landing page and the health check."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers; say which database and task-queue mode run."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database_ok = True
    except Exception:  # noqa: BLE001 (any failure means "not healthy")
        database_ok = False
    body = {
        "status": "ok" if database_ok else "error",
        "database": connection.vendor,
        "tasks": "eager" if settings.CELERY_TASK_ALWAYS_EAGER else "broker",
        "broker": "redis" if settings.REDIS_URL else "in-process",
    }
    return JsonResponse(body, status=200 if database_ok else 503)
