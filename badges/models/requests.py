"""Badge requests: a learner asks for a badge class; staff approve (award) or deny."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from issuers.models import Issuer

from .awards import Award
from .badge_classes import BadgeClass


class BadgeRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DENIED = "denied", _("Denied")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BadgeRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=BadgeRequestStatus.PENDING)


class BadgeRequest(models.Model):
    """A learner asks for a badge class that allows requests; staff approve (award) or deny.

    ``email`` is the learner's verified address the award goes to. ``issuer``
    repeats ``badge_class.issuer`` for the per-issuer queue. A request leaves
    ``pending`` once: ``decided_at`` is set with every other status.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="requests"
    )
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="badge_requests"
    )
    # Null once the learner has deleted their account: a decided request stays the issuer's record.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="badge_requests",
    )
    email = models.EmailField(_("e-mail address"))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    evidence_url = models.URLField(_("evidence URL"), blank=True, max_length=500)
    evidence_narrative = models.TextField(_("evidence"), blank=True, max_length=5000)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=BadgeRequestStatus.choices,
        default=BadgeRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True, max_length=1000)
    award = models.ForeignKey(
        Award, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BadgeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("badge request")
        verbose_name_plural = _("badge requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BadgeRequestStatus.values),
                name="badge_request_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=BadgeRequestStatus.PENDING, decided_at__isnull=True)
                | (~Q(status=BadgeRequestStatus.PENDING) & Q(decided_at__isnull=False)),
                name="badge_request_decided_at_unless_pending",
            ),
            models.CheckConstraint(
                condition=~Q(status=BadgeRequestStatus.DENIED) | ~Q(decision_reason=""),
                name="badge_request_denial_has_reason",
            ),
            # The award is linked after the approval claim, in the same transaction.
            models.CheckConstraint(
                condition=Q(award__isnull=True) | Q(status=BadgeRequestStatus.APPROVED),
                name="badge_request_award_only_when_approved",
            ),
            models.UniqueConstraint(
                fields=["badge_class", "user"],
                condition=Q(status=BadgeRequestStatus.PENDING),
                name="badge_request_one_pending_per_learner",
            ),
        ]
        indexes = [
            # The per-issuer queue, oldest pending first.
            models.Index(fields=["issuer", "status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.badge_class} ← {self.user}"

    @property
    def is_pending(self) -> bool:
        return self.status == BadgeRequestStatus.PENDING
