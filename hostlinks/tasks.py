"""Queue interface for the connected hosts: a push's delivery, retried while the host is away."""

from __future__ import annotations

from celery import shared_task

MAX_RETRIES = 5


@shared_task(bind=True, max_retries=MAX_RETRIES)
def deliver_push(self, push_id: int) -> None:
    """Send one recorded push; retry with backoff while the host is away, then record the failure."""
    from .actions import deliver_push
    from .client import RemoteError
    from .models import Push

    entry = (
        Push.objects.select_related("link__host", "link__user")
        .filter(pk=push_id)
        .first()
    )
    if entry is None:
        return  # disconnected meanwhile
    # In-process (no broker), a retry would be raised into the learner's request: one try.
    in_process = self.request.is_eager and self.app.conf.task_eager_propagates
    last_try = in_process or self.request.retries >= self.max_retries
    try:
        deliver_push(entry=entry, last_try=last_try)
    except RemoteError as exc:
        # 1, 2, 4, 8, 16 minutes between tries.
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


deliver_push_task = deliver_push
