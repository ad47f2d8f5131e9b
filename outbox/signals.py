"""Celery signals that tell the outbox how its tasks ended (in the worker, or in-process)."""

from __future__ import annotations

import logging

from celery.signals import task_failure, task_retry, task_success, worker_ready

from .models import OutboxStatus

logger = logging.getLogger(__name__)


@task_success.connect
def _done(sender=None, **_):
    from .actions import finish

    finish(sender.request.id, status=OutboxStatus.DONE)


@task_failure.connect
def _failed(sender=None, task_id=None, exception=None, **_):
    from .actions import finish

    finish(task_id, status=OutboxStatus.FAILED, error=type(exception).__name__)


@task_retry.connect
def _retrying(sender=None, request=None, **_):
    from .actions import extend_lease

    extend_lease(getattr(request, "id", None))


@worker_ready.connect
def _sweep_on_start(**_):
    """A worker that starts (after an outage, a deploy) hands over what waits at once."""
    from .actions import sweep

    try:
        sweep()
    except Exception:  # a worker must start even if the database is not there yet
        logger.exception("Outbox sweep at worker start failed")
