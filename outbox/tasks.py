"""Queue interface for the outbox: the periodic sweep."""

from __future__ import annotations

from celery import shared_task


@shared_task
def sweep() -> dict[str, int]:
    """Hand over outbox messages that wait (every OUTBOX_SWEEP_SECONDS, see CELERY_BEAT_SCHEDULE)."""
    from .actions import sweep as sweep_outbox

    return sweep_outbox()


@shared_task
def prune() -> int:
    """Daily (see CELERY_BEAT_SCHEDULE): forget messages done more than OUTBOX_KEEP_DAYS ago."""
    from .actions import prune as prune_outbox

    return prune_outbox()


sweep_task = sweep
prune_task = prune
