from __future__ import annotations

from celery import shared_task


@shared_task
def prune_expired() -> int:
    """Delete expired OID4VCI nonces and long-expired wallet offers (``delivery.actions.prune_expired``)."""
    from .actions import prune_expired as prune

    return prune()
