"""Queue interface for notifications: thin tasks that fetch rows again and call one action."""

from __future__ import annotations

import smtplib

from celery import shared_task

MAX_RETRIES = 5


@shared_task(bind=True, max_retries=MAX_RETRIES)
def send_delivery(self, delivery_id: int) -> None:
    """Send one recorded e-mail; retry with backoff, and record the failure after the last try.

    A delivery that is gone or already sent is left alone, so running twice sends once.
    """
    from .actions import mark_delivery_failed, send_delivery
    from .models import DeliveryStatus, EmailDelivery

    delivery = EmailDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.status == DeliveryStatus.SENT:
        return
    try:
        send_delivery(delivery=delivery)
    except (smtplib.SMTPException, OSError) as exc:
        # Run in-process (the demo, CI's first pass), a retry would be raised into
        # the request that queued the e-mail instead of running later; record the
        # failure at once there, and staff can send it again.
        in_process = self.request.is_eager and self.app.conf.task_eager_propagates
        if in_process or self.request.retries >= self.max_retries:
            mark_delivery_failed(
                delivery=delivery, error=f"{type(exc).__name__}: {exc}"
            )
            return
        # 1, 2, 4, 8, 16 minutes between tries.
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


@shared_task
def warn_expiring_awards() -> dict[str, int]:
    """Daily (see CELERY_BEAT_SCHEDULE): warn about awards expiring within 30 days."""
    from .actions import warn_expiring_awards

    return warn_expiring_awards()


send_delivery_task = send_delivery
warn_expiring_awards_task = warn_expiring_awards
