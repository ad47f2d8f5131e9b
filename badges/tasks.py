"""Queue interface for badges: thin tasks that fetch rows again and call one action."""

from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def publish_status_list(self, issuer_id: int) -> None:
    """Republish an issuer's status list (after a revocation)."""
    from issuers.models import Issuer

    from .actions import publish_status_list as publish

    issuer = Issuer.objects.filter(pk=issuer_id).first()
    if issuer is None:
        return
    publish(issuer=issuer)


publish_status_list_task = publish_status_list
