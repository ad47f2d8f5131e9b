"""Every state change of outbox messages: recording, handing to the broker, sweeping, finishing.

``enqueue`` is the one way a change queues work: it writes the message in the
caller's transaction and hands it to the broker once that transaction commits.
A broker that refuses (Redis down) leaves the message waiting, never raises
into the request; ``sweep`` (Celery beat, and every worker as it starts) hands
over what is waiting. A message handed over but never finished (its task was
lost with the broker, or its worker died) is handed over again once its lease
runs out, so tasks run at least once: each one is safe to run twice.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils.timezone import now

from config.logs import current_request_id, request_id_bound

from .models import TASK_ID_PREFIX, OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# After the broker refused a hand-over, later hand-overs in this process wait
# this many seconds before trying again (the sweep takes what waits), so a
# request that queues many messages during an outage is not slowed by each one.
_REFUSED_PAUSE_SECONDS = 5.0
_refused_until = 0.0


def enqueue(task, *args, queue: str = "", sealed: bool = False) -> OutboxMessage:
    """Record that Celery ``task`` must run with ``args``; hand it over when the transaction commits.

    ``sealed`` keeps the arguments encrypted at rest (secrets, plain e-mail
    addresses of people who left), wiped once the task is done. Call it
    inside the transaction of the change that causes the work.
    """
    values = list(args)
    common = {"task": task.name, "queue": queue, "request_id": current_request_id()}
    if sealed:
        message = OutboxMessage.objects.create(sealed_args=_seal(values), **common)
    else:
        message = OutboxMessage.objects.create(args=values, **common)
    # With a broker, nothing after the commit may raise into the request (the
    # change is made; the sweep takes the message if this hand-over fails).
    transaction.on_commit(lambda: dispatch(message), robust=not _eager())
    return message


def _eager() -> bool:
    from config.celery import app

    return app.conf.task_always_eager


def dispatch(message: OutboxMessage) -> bool:
    """Hand ``message`` to the broker unless it was handed over meanwhile; return True on success.

    The hand-over is claimed first (a conditional update), so two sweeps never
    both send it. When the broker refuses, the claim is undone and the error
    kept: the message waits for the next sweep. Run in-process (no broker),
    the task runs here and its errors propagate as any eager task's do.
    """
    from config.celery import app

    eager = _eager()
    if not eager and time.monotonic() < _refused_until:
        return False
    claimed_at = now()
    claimed = (
        OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.PENDING)
        .filter(_due(claimed_at))
        .update(dispatched_at=claimed_at, dispatches=F("dispatches") + 1)
    )
    if not claimed:
        return False
    task = app.tasks[message.task]
    options = {"task_id": message.task_id}
    if message.queue:
        options["queue"] = message.queue
    # The request that recorded the work names it, however late it is handed over.
    with request_id_bound(message.request_id or current_request_id()):
        return _hand_over(message, task, options, eager, claimed_at)


def _hand_over(message, task, options, eager, claimed_at) -> bool:
    global _refused_until
    try:
        task.apply_async(args=_arguments(message), **options)
    except Exception as exc:
        if eager:
            # The task ran here and raised, before Celery's failure signal could say so.
            finish(
                message.task_id, status=OutboxStatus.FAILED, error=type(exc).__name__
            )
            raise
        # With a broker, any refusal leaves the message for the sweep.
        _refused_until = time.monotonic() + _REFUSED_PAUSE_SECONDS
        OutboxMessage.objects.filter(pk=message.pk, dispatched_at=claimed_at).update(
            dispatched_at=None,
            dispatches=F("dispatches") - 1,
            last_error=f"broker refused: {type(exc).__name__}: {exc}"[:500],
        )
        logger.warning(
            "Outbox message %s (%s) waits: the broker refused it (%s)",
            message.uuid,
            message.task,
            type(exc).__name__,
        )
        return False
    return True


def _due(at) -> Q:
    """Pending messages that may be handed over at ``at``: never handed over, or their lease is out."""
    lease = timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    return Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=at - lease)


def sweep(*, limit: int = 1000) -> dict[str, int]:
    """Hand over the messages that wait (oldest first); give up on those handed over too often.

    Return counts: ``dispatched``, ``waiting`` (the broker refused) and
    ``failed`` (handed over ``OUTBOX_MAX_DISPATCHES`` times, never finished).
    """
    global _refused_until
    _refused_until = 0.0  # the sweep always tries the broker
    counts = {"dispatched": 0, "waiting": 0, "failed": 0}
    at = now()
    counts["failed"] = _give_up(at)
    due = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING)
        .filter(_due(at))
        .order_by("id")[:limit]
    )
    for position, message in enumerate(due):
        if dispatch(message):
            counts["dispatched"] += 1
        elif time.monotonic() < _refused_until:  # the broker is down: the rest wait too
            counts["waiting"] = len(due) - position
            break
    if counts["dispatched"] or counts["waiting"] or counts["failed"]:
        logger.info("Outbox sweep: %s", counts)
    return counts


def _give_up(at) -> int:
    """Mark failed the messages handed over ``OUTBOX_MAX_DISPATCHES`` times whose lease ran out."""
    stale = (
        OutboxMessage.objects.filter(
            status=OutboxStatus.PENDING,
            dispatches__gte=settings.OUTBOX_MAX_DISPATCHES,
        )
        .filter(_due(at))
        .exclude(dispatched_at__isnull=True)
    )
    failed = 0
    for message in stale:
        failed += finish(
            message.task_id,
            status=OutboxStatus.FAILED,
            error=f"handed to the broker {message.dispatches} times, never finished",
        )
    return failed


def prune(*, batch: int = 5000) -> int:
    """Delete messages done more than ``OUTBOX_KEEP_DAYS`` ago; return how many. Failed ones stay."""
    before = now() - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    deleted = 0
    while True:
        ids = list(
            OutboxMessage.objects.filter(status=OutboxStatus.DONE, done_at__lt=before)
            .order_by("done_at")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return deleted
        deleted += OutboxMessage.objects.filter(pk__in=ids).delete()[0]


def finish(task_id: str, *, status: str, error: str = "") -> int:
    """Record that the task run as ``task_id`` ended (done or failed); return 1 if a message was pending.

    Sealed arguments are wiped: nothing secret waits longer than its work.
    """
    updated = _pending_run_as(task_id).update(
        status=status, done_at=now(), last_error=error[:500], sealed_args=""
    )
    if updated and status == OutboxStatus.FAILED:
        logger.warning("Outbox message %s failed: %s", task_id, error[:200])
    return updated


def extend_lease(task_id: str) -> None:
    """A task is retrying: its lease starts again, so the sweep does not hand it over meanwhile."""
    _pending_run_as(task_id).update(dispatched_at=now())


def _pending_run_as(task_id: str | None):
    """The pending message a task run as ``task_id`` belongs to (none for a task outside the outbox)."""
    if not task_id or not task_id.startswith(TASK_ID_PREFIX):
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(
        uuid=task_id.removeprefix(TASK_ID_PREFIX), status=OutboxStatus.PENDING
    )


def pending_count() -> int:
    """How many messages wait for their task to finish (for health pages and metrics)."""
    return OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count()


def counts() -> dict[str, int]:
    """For the metrics: messages ``pending`` (of them ``not_handed_over``: the broker refused) and ``failed``."""
    pending = OutboxMessage.objects.filter(status=OutboxStatus.PENDING)
    return {
        "pending": pending.count(),
        "not_handed_over": pending.filter(dispatched_at__isnull=True).count(),
        "failed": OutboxMessage.objects.filter(status=OutboxStatus.FAILED).count(),
    }


def _seal(values: list) -> str:
    from issuers.signing import seal_secret

    return seal_secret(json.dumps(values))


def _arguments(message: OutboxMessage) -> list:
    if message.sealed_args:
        from issuers.signing import open_secret

        return json.loads(open_secret(message.sealed_args))
    return list(message.args)
