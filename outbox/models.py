"""One row per task that a committed change must run: what, with which arguments, and its fate."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TASK_ID_PREFIX = "outbox-"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class OutboxMessage(models.Model):
    """A Celery task that must run because a change committed, until it has run to the end.

    ``args`` are the task's JSON arguments. Arguments that hold a secret or a
    plain e-mail address go sealed in ``sealed_args`` instead (AES-GCM under the
    key-encryption secret) and are wiped once the task is done.
    ``dispatched_at`` is the last hand-over to the broker (None: not handed
    over, or the broker refused it); ``dispatches`` counts the hand-overs.
    The task runs with the Celery task id ``outbox-<uuid>``, which is how a
    worker's completion finds its row again, retries included.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(default=list, blank=True)
    sealed_args = models.TextField(blank=True)
    queue = models.CharField(max_length=100, blank=True)
    # The request that caused the work: the task's log lines carry it, even when
    # the sweep hands the message over long after that request ended.
    request_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=OutboxStatus.choices,
        default=OutboxStatus.PENDING,
    )
    dispatches = models.PositiveIntegerField(default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OutboxStatus.values),
                name="outbox_message_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=OutboxStatus.DONE) | Q(done_at__isnull=False),
                name="outbox_message_done_has_time",
            ),
        ]
        indexes = [
            # The sweep: pending messages by hand-over time.
            models.Index(
                fields=["dispatched_at"],
                condition=Q(status=OutboxStatus.PENDING),
                name="outbox_message_pending",
            ),
            # The daily prune of messages done long ago.
            models.Index(
                fields=["done_at"],
                condition=Q(status=OutboxStatus.DONE),
                name="outbox_message_done",
            ),
            # The metrics' count of given-up messages.
            models.Index(
                fields=["id"],
                condition=Q(status=OutboxStatus.FAILED),
                name="outbox_message_failed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} ({self.get_status_display()})"

    @property
    def task_id(self) -> str:
        return f"{TASK_ID_PREFIX}{self.uuid}"
